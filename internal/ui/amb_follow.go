package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/web"
)

type followPage struct {
	F        *ambassadeurs.Follow
	Base     string // the personal link's path
	Actions  []actionView
	Errors   []string
	FicheErr map[string]string
	Fiche    ambassadeurs.FicheRequest
}

// handleFollow is a request as its contact follows it through their
// personal link; its first opening confirms the request.
func (s *Server) handleFollow(w http.ResponseWriter, r *http.Request) {
	s.followPage(w, r, http.StatusOK, nil, nil, nil)
}

func (s *Server) followPage(w http.ResponseWriter, r *http.Request, status int, fireErr error, ficheErr map[string]string, typed *ambassadeurs.FicheRequest) {
	token := r.PathValue("token")
	f, err := s.app.Ambassadeurs.Follow(r.Context(), token, web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	base := "/ambassadeurs/suivi/" + url.PathEscape(token)
	p := followPage{F: f, Base: base, FicheErr: ficheErr}
	if f.Fiche != nil {
		p.Fiche = ambassadeurs.FicheRequest{Logiciels: f.Fiche.Logiciels, Contact: f.Fiche.Contact, Website: f.Fiche.Website}
	}
	if typed != nil {
		p.Fiche = *typed
	}
	m, err := s.app.Engine.Lifecycle(visitelc.Name)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	for _, a := range f.Actions {
		v := s.actionView(r, m, f.Snapshot, a, url.Values{})
		v.Form, v.Link = base+"/evenements/"+url.PathEscape(a.Event), ""
		p.Actions = append(p.Actions, v)
	}
	if fireErr != nil {
		p.Errors = []string{domain.ErrorMessage(fireErr)}
		if e := domain.AsError(fireErr); e != nil {
			p.Errors = append(p.Errors, e.Details...)
		}
	}
	title := "Votre demande de visite — " + f.Payload.Commune.Name
	if f.Confirmed && r.URL.Query().Get("ok") == "" {
		// The notice of the confirmation, shown on this very page.
		q := r.URL.Query()
		q.Set("ok", "visite.confirmer")
		r.URL.RawQuery = q.Encode()
	}
	s.render(w, r, status, "amb_follow", title, p)
}

func (s *Server) handleFollowFire(w http.ResponseWriter, r *http.Request) {
	token, event := r.PathValue("token"), r.PathValue("event")
	if err := s.app.Ambassadeurs.FireAsContact(r.Context(), token, event, web.Principal(r), formInput(r)); err != nil {
		if domain.ErrorCode(err) == domain.EUnprocessable {
			s.followPage(w, r, http.StatusUnprocessableEntity, err, nil, nil)
			return
		}
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/ambassadeurs/suivi/"+url.PathEscape(token), visitelc.Name+"."+event)
}

func (s *Server) handleFollowConsent(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	if err := s.app.Ambassadeurs.SetConsent(r.Context(), token, r.PostFormValue("accord") == "oui", web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/ambassadeurs/suivi/"+url.PathEscape(token), "accord")
}

func (s *Server) handleFollowFiche(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	req := ambassadeurs.FicheRequest{Logiciels: r.PostFormValue("logiciels"), Contact: r.PostFormValue("contact"), Website: r.PostFormValue("website")}
	if err := s.app.Ambassadeurs.SaveFicheAsContact(r.Context(), token, req, web.Principal(r)); err != nil {
		if e := domain.AsError(err); e != nil && e.Code == domain.EInvalid {
			s.followPage(w, r, http.StatusBadRequest, nil, e.Fields, &req)
			return
		}
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/ambassadeurs/suivi/"+url.PathEscape(token)+"#fiche", "fiche")
}

// handleFollowCandidature starts the commune's candidature in one click;
// the person must be signed in to become its élu référent.
func (s *Server) handleFollowCandidature(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	c, err := s.app.Ambassadeurs.StartCandidature(r.Context(), token, web.User(r))
	if domain.ErrorCode(err) == domain.EUnauthorized {
		http.Redirect(w, r, "/connexion?suite="+url.QueryEscape("/ambassadeurs/suivi/"+token), http.StatusSeeOther)
		return
	}
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d", c.ID), "creee")
}
