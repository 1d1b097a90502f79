package ui

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
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// pageData is what every page template receives.
type pageData struct {
	Title  string
	User   *domain.User
	Staff  bool // sees the staff's pages
	Jury   bool // sits on a campaign's jury: « Mes évaluations »
	CSRF   string
	Notice string
	Data   any
}

// notices are the confirmation messages shown after a redirect (?ok=…):
// fixed texts, never taken from the request. Lifecycle events bring their
// own (Presentation.Done), keyed by event name.
var notices = map[string]string{
	"inscrit":          "Votre compte est créé. Un lien pour confirmer votre adresse vous a été envoyé par courriel.",
	"verifie":          "Votre adresse est confirmée.",
	"renvoye":          "Un nouveau lien de confirmation vous a été envoyé.",
	"connecte":         "Vous êtes connecté.",
	"deconnecte":       "Vous êtes déconnecté.",
	"lien-envoye":      "Si un compte existe pour cette adresse, un lien pour choisir un nouveau mot de passe vient de lui être envoyé.",
	"mot-de-passe":     "Votre mot de passe est changé. Connectez-vous avec le nouveau.",
	"enregistre":       "Vos réponses sont enregistrées.",
	"piece":            "La pièce justificative est jointe.",
	"piece-retiree":    "La pièce justificative est retirée.",
	"creee":            "La candidature est créée. Vous pouvez commencer à répondre, et inviter les personnes qui vous aident.",
	"invite":           "L’invitation est envoyée.",
	"membre":           "Vous participez maintenant à cette candidature.",
	"retire":           "La personne ne participe plus à la candidature.",
	"action":           "L’action est enregistrée.",
	"message":          "Votre message est envoyé.",
	"jeton":            "Le jeton est révoqué.",
	"forme":            "La forme de votre titre est enregistrée.",
	"campagne":         "La campagne est créée, en préparation.",
	"dates":            "Les dates de la campagne sont enregistrées.",
	"publication":      "La programmation de la publication est enregistrée.",
	"courriel-renvoye": "Le message est remis en file d’envoi : il part dans quelques instants.",
	"limite":           "La limite de candidatures de la personne est enregistrée.",
	"demande":          "Votre demande est envoyée à l’équipe ADULLACT, qui vous répondra par courriel.",
	"demande-traitee":  "La décision est enregistrée ; la personne et l’élu référent sont prévenus par courriel.",
	"compte_equipe":    "Le compte est ouvert : la personne a reçu par courriel un lien pour choisir son mot de passe.",

	"jury-invitation":        "Vous faites partie du jury. Lisez et acceptez sa charte pour voir les candidatures.",
	"charte":                 "Vous avez accepté la charte du jury. Vos évaluations apparaissent ci-dessous dès que des candidatures vous sont affectées.",
	"preferences":            "Vos préférences d’affectation sont enregistrées : elles compteront à la prochaine affectation.",
	"evaluation-enregistree": "Votre brouillon est enregistré.",
	"remarque":               "Le choix du jury sur la remarque est enregistré.",
	"deporte":                "Votre conflit d’intérêts est enregistré : cette candidature ne vous est plus montrée ni affectée.",
	"conflit":                "Le conflit d’intérêts est enregistré ; l’affectation du juré à cette candidature est retirée.",
	"affecte":                "Le juré est affecté à la candidature.",
	"desaffecte":             "L’affectation du juré est retirée.",
	"jury-invite":            "L’invitation est envoyée.",
	"jury-reglages":          "Les réglages du jury sont enregistrés.",
	"jury-affectation":       "L’affectation automatique est faite et enregistrée.",
}

// notice returns the text of a ?ok= notice: a fixed one, or the Done text
// of an event of the page's lifecycle.
func (s *Server) notice(r *http.Request) string {
	key := r.URL.Query().Get("ok")
	if key == "" {
		return ""
	}
	if n, ok := notices[key]; ok {
		return n
	}
	if n, ok := ambassadeurNotices[key]; ok {
		return n
	}
	if lifecycle, event, ok := strings.Cut(key, "."); ok {
		if m, err := s.app.Engine.Lifecycle(lifecycle); err == nil {
			if ev, ok := m.Event(event); ok {
				if ev.Show.Done != "" {
					return ev.Show.Done
				}
				return notices["action"]
			}
		}
	}
	return ""
}

func (s *Server) templateFuncs() template.FuncMap {
	label := func(lifecycle string, f func(*workflow.Meta, string) string) func(string) string {
		return func(name string) string {
			m, err := s.app.Engine.Lifecycle(lifecycle)
			if err != nil {
				return name
			}
			return f(m, name)
		}
	}
	funcs := template.FuncMap{
		"dateTime":  fr.DateTime,
		"date":      fr.Date,
		"deadline":  fr.Deadline,
		"candState": label("candidature", (*workflow.Meta).StateLabel),
		"campState": label("campagne", (*workflow.Meta).StateLabel),
		"candEvent": label("candidature", (*workflow.Meta).EventLabel),
		"kindLabel": func(k domain.CollectiviteKind) string { return k.Label() },
		"humanSize": fr.Size,
		"thousands": fr.Int[int],
		"count":     fr.Count[int],
		"de":        fr.De,
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
		"roleLabel": policy.TitleOf,
		// memberTitle is a member's role, the élu référent's in the
		// form they chose.
		"memberTitle": func(role, form string) string {
			if role == domain.MemberElu {
				return domain.Capitalize(domain.EluReferent(form))
			}
			return policy.TitleOf(role)
		},
		"eluTitle": domain.EluReferent,
		"field":    newFormInput,
		"levels": func(s domain.AwardScheme) string {
			labels := make([]string, len(s.Levels))
			for i, l := range s.Levels {
				labels[i] = l.Label
			}
			return fr.List(labels, "ou")
		},
		"decimal":        func(f float64) string { return fr.Decimal(f, 2) },
		"evalState":      label("evaluation", (*workflow.Meta).StateLabel),
		"confidence":     domain.ConfidenceLabel,
		"visibility":     domain.VisibilityLabel,
		"conflictSource": domain.ConflictSourceLabel,
		"seatLabel": func(seat string) string {
			if seat == domain.SeatPresident {
				return "présidence du jury"
			}
			return "membre du jury"
		},
		"add":  func(a, b int) int { return a + b },
		"intp": func(v int) *int { return &v },
		"list": func(vs ...string) []string { return vs },
		"deref": func(f *float64) float64 {
			if f == nil {
				return 0
			}
			return *f
		},
		"sub": func(a, b int) int { return a - b },
	}
	for name, f := range s.ambassadeurFuncs() {
		funcs[name] = f
	}
	return funcs
}

func (s *Server) parseTemplates() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(s.templateFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/partials*.html")
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
		if name == "layout" || strings.HasPrefix(name, "partials") {
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
	// A form sent back with errors says so first in its title (RGAA 11.10):
	// screen readers announce the title of the page they land on.
	if status >= 400 && name != "error" && !strings.HasPrefix(title, "Erreur") {
		title = "Erreur : " + title
	}
	u := web.User(r)
	staff := s.app.Policy.Allows(policy.OutboxRead, policy.Relations(web.Principal(r), policy.Facts{}), policy.Facts{})
	pd := pageData{Title: title, User: u, Staff: staff, CSRF: web.CSRF(r), Notice: s.notice(r), Data: data}
	if u != nil {
		if seats, err := s.app.Store.JurySeats(r.Context(), u.ID); err == nil {
			pd.Jury = len(seats) > 0
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", pd); err != nil {
		s.web.Logger().Error("template", "name", name, "err", err)
		http.Error(w, "Erreur interne d’affichage.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes()) //nolint:errcheck // the client went away
}

// fieldID is the HTML id of a question's field, for labels and error links.
func fieldID(key string) string { return "q-" + strings.NewReplacer(".", "-", "_", "-").Replace(key) }

func domainError(err error) *domain.Error { return domain.AsError(err) }

func errorMessage(err error) string { return domain.ErrorMessage(err) }
