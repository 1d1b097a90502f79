package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/web"
)

type askPage struct {
	Query    string
	Searched bool
	Results  []domain.Collectivite
	Commune  *domain.Collectivite
	Req      ambassadeurs.AskRequest
	Topics   []struct{ Code, Label string }
	Funcs    []struct{ Code, Label string }
	Errors   []formError
	FieldErr map[string]string
}

func (s *Server) askPage(r *http.Request) (*askPage, error) {
	ctx := r.Context()
	p := &askPage{Query: strings.TrimSpace(r.FormValue("q")), Topics: domain.VisiteTopics, Funcs: domain.ContactFunctions}
	if code := r.FormValue("code"); code != "" {
		pre, err := s.app.Ambassadeurs.PrefillOf(ctx, code)
		if err != nil {
			return nil, err
		}
		p.Commune = pre.Commune
		p.Req = ambassadeurs.AskRequest{Code: pre.Code, Name: pre.Maire, Function: "maire"}
		return p, nil
	}
	if insee := strings.TrimSpace(r.FormValue("commune")); insee != "" {
		c, err := s.app.Store.CollectiviteByCode(ctx, domain.KindCommune, strings.ToUpper(insee))
		if err != nil {
			return nil, err
		}
		p.Commune = c
		return p, nil
	}
	if p.Query != "" {
		p.Searched = true
		found, err := s.app.Ambassadeurs.SearchCommunes(ctx, p.Query)
		if err != nil {
			return nil, err
		}
		p.Results = found
	}
	return p, nil
}

// handleAskForm is the public request form: find the commune, then fill in
// the request.
func (s *Server) handleAskForm(w http.ResponseWriter, r *http.Request) {
	p, err := s.askPage(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_ask", "Demander la visite d’un ambassadeur", p)
}

func (s *Server) handleAsk(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PostFormValue("collectivite"), 10, 64)
	req := ambassadeurs.AskRequest{CollectiviteID: id, Code: r.PostFormValue("code"), Name: r.PostFormValue("name"),
		Function: r.PostFormValue("function"), Email: r.PostFormValue("email"), Phone: r.PostFormValue("phone"),
		Topics: r.PostForm["topics"], TopicOther: r.PostFormValue("topic_other"), Availability: r.PostFormValue("availability"),
		Message: r.PostFormValue("message"), Consent: r.PostFormValue("consent") == "oui", ClientIP: s.web.ClientIP(r)}
	if _, err := s.app.Ambassadeurs.Ask(r.Context(), req); err != nil {
		p := &askPage{Req: req, Topics: domain.VisiteTopics, Funcs: domain.ContactFunctions}
		if id != 0 {
			if c, cerr := s.app.Store.Collectivite(r.Context(), id); cerr == nil && c.Kind == domain.KindCommune {
				p.Commune = c
			}
		}
		p.Errors, p.FieldErr = formErrors(err, "commune", "name", "function", "email", "phone", "topics", "topic_other", "availability", "message")
		s.render(w, r, web.StatusOf(err), "amb_ask", "Erreur : demander la visite d’un ambassadeur", p)
		return
	}
	http.Redirect(w, r, "/ambassadeurs/demande/envoyee", http.StatusSeeOther)
}

func (s *Server) handleAskSent(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "amb_ask_sent", "Demande envoyée", nil)
}
