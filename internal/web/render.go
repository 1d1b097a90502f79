package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/workflow"
)

// pageData is what every page template receives.
type pageData struct {
	Title  string
	User   *domain.User
	Staff  bool
	CSRF   string
	Notice string
	Data   any
}

// notices are the confirmation messages shown after a redirect (?ok=…):
// fixed texts, never taken from the request.
var notices = map[string]string{
	"inscrit":       "Votre compte est créé. Un lien pour confirmer votre adresse vous a été envoyé par courriel.",
	"verifie":       "Votre adresse est confirmée. Vous pouvez créer la candidature de votre collectivité.",
	"renvoye":       "Un nouveau lien de confirmation vous a été envoyé.",
	"connecte":      "Vous êtes connecté.",
	"deconnecte":    "Vous êtes déconnecté.",
	"lien-envoye":   "Si un compte existe pour cette adresse, un lien pour choisir un nouveau mot de passe vient de lui être envoyé.",
	"mot-de-passe":  "Votre mot de passe est changé. Connectez-vous avec le nouveau.",
	"enregistre":    "Vos réponses sont enregistrées.",
	"piece":         "La pièce justificative est jointe.",
	"piece-retiree": "La pièce justificative est retirée.",
	"creee":         "La candidature est créée. Vous pouvez commencer à répondre, et inviter les personnes qui vous aident.",
	"invite":        "L’invitation est envoyée.",
	"membre":        "Vous participez maintenant à cette candidature.",
	"retire":        "La personne ne participe plus à la candidature.",
	"depose":        "La candidature est déposée. L’accusé de réception vous est envoyé par courriel ; vous pouvez aussi le télécharger ci-dessous.",
	"action":        "L’action est enregistrée.",
	"jeton":         "Le jeton est révoqué.",
}

func templateFuncs() template.FuncMap {
	cand, camp := workflow.Candidature(), workflow.Campagne()
	return template.FuncMap{
		"dateTime":  fr.DateTime,
		"date":      fr.Date,
		"deadline":  fr.Deadline,
		"candState": cand.StateLabel,
		"campState": camp.StateLabel,
		"candEvent": cand.EventLabel,
		"kindLabel": func(k domain.CollectiviteKind) string { return k.Label() },
		"humanSize": fr.Size,
		"thousands": thousands,
		"fieldID":   fieldID,
		"percent": func(a, b int) int {
			if b == 0 {
				return 100
			}
			return a * 100 / b
		},
		"timePtr": func(t *time.Time) time.Time {
			if t == nil {
				return time.Time{}
			}
			return *t
		},
		"roleLabel": roleLabel,
		"sub":       func(a, b int) int { return a - b },
	}
}

func parseTemplates() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(templateFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, err
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFS, p)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", p, err)
		}
		out[name] = t
	}
	return out, nil
}

// render writes a page with the layout. It renders to a buffer first, so
// that a template error gives a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.tmpl[name]
	if !ok {
		http.Error(w, "modèle de page manquant", http.StatusInternalServerError)
		return
	}
	u := currentUser(r)
	pd := pageData{Title: title, User: u, Staff: u != nil && u.Role == domain.RoleStaff, CSRF: csrfToken(r), Notice: notices[r.URL.Query().Get("ok")], Data: data}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", pd); err != nil {
		s.logger.Error("template", "name", name, "err", err)
		http.Error(w, "Erreur interne d’affichage.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes()) //nolint:errcheck // the client went away
}

// redirect sends the browser elsewhere after a successful form (POST/redirect/GET).
func redirect(w http.ResponseWriter, r *http.Request, to, notice string) {
	if notice != "" {
		path, fragment, hasFragment := strings.Cut(to, "#")
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		to = path + sep + "ok=" + notice
		if hasFragment {
			to += "#" + fragment
		}
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// thousands formats 12345 as « 12 345 » with narrow no-break spaces.
func thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(c)
	}
	return b.String()
}

// fieldID is the HTML id of a question's field, for labels and error links.
func fieldID(key string) string { return "q-" + strings.NewReplacer(".", "-", "_", "-").Replace(key) }

func roleLabel(role string) string {
	switch role {
	case "elu":
		return "Élu référent"
	case "accompagnateur":
		return "Accompagnateur"
	case "jury":
		return "Jury"
	case "staff":
		return "Équipe ADULLACT"
	case "system":
		return "Plateforme"
	}
	return role
}

func frDate(t time.Time) string { return fr.Date(t) }
