package ui

import (
	"net/http"
	"strings"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/web"
)

type ficheAskPage struct {
	Commune, Email string
	Errors         []formError
	FieldErr       map[string]string
}

// handleFicheAskForm asks for the link that updates a commune's public
// entry, sent to the contact address of one of its requests.
func (s *Server) handleFicheAskForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "amb_fiche_ask", "Mettre à jour la fiche de ma commune", ficheAskPage{})
}

func (s *Server) handleFicheAsk(w http.ResponseWriter, r *http.Request) {
	p := ficheAskPage{Commune: strings.TrimSpace(r.PostFormValue("commune")), Email: r.PostFormValue("email")}
	err := func() error {
		c, err := s.app.Store.CollectiviteByCode(r.Context(), domain.KindCommune, strings.ToUpper(p.Commune))
		if err != nil {
			return &domain.Error{Code: domain.EInvalid, Message: "Commune inconnue.", Fields: map[string]string{"commune": "Indiquez le code INSEE de la commune (5 caractères, par exemple 01053)."}}
		}
		return s.app.Ambassadeurs.RequestFicheLink(r.Context(), c.ID, p.Email)
	}()
	if err != nil {
		p.Errors, p.FieldErr = formErrors(err, "commune", "email")
		s.render(w, r, web.StatusOf(err), "amb_fiche_ask", "Erreur : mettre à jour la fiche de ma commune", p)
		return
	}
	web.Redirect(w, r, "/ambassadeurs", "fiche-lien")
}

type fichePage struct {
	Token    string
	Commune  *domain.Collectivite
	Fiche    ambassadeurs.FicheRequest
	FieldErr map[string]string
	Errors   []formError
}

// handleFicheForm is the form a fiche link opens.
func (s *Server) handleFicheForm(w http.ResponseWriter, r *http.Request) {
	c, f, err := s.app.Ambassadeurs.FicheByToken(r.Context(), r.PathValue("token"))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_fiche", "Fiche de "+c.Name, fichePage{Token: r.PathValue("token"), Commune: c,
		Fiche: ambassadeurs.FicheRequest{Logiciels: f.Logiciels, Contact: f.Contact, Website: f.Website}})
}

func (s *Server) handleFicheSave(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	req := ambassadeurs.FicheRequest{Logiciels: r.PostFormValue("logiciels"), Contact: r.PostFormValue("contact"), Website: r.PostFormValue("website")}
	if err := s.app.Ambassadeurs.SaveFicheByToken(r.Context(), token, req); err != nil {
		if domain.ErrorCode(err) != domain.EInvalid {
			s.web.Fail(w, r, err)
			return
		}
		c, _, cerr := s.app.Ambassadeurs.FicheByToken(r.Context(), token)
		if cerr != nil {
			s.web.Fail(w, r, cerr)
			return
		}
		p := fichePage{Token: token, Commune: c, Fiche: req}
		p.Errors, p.FieldErr = formErrors(err, "logiciels", "contact", "website")
		s.render(w, r, http.StatusBadRequest, "amb_fiche", "Erreur : fiche de "+c.Name, p)
		return
	}
	web.Redirect(w, r, "/ambassadeurs", "fiche")
}
