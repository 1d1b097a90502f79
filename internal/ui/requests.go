package ui

import (
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
)

// handleAskAboutCandidature records « Demander à rejoindre » or « Signaler une erreur » on
// the candidature a collectivité already has.
func (s *Server) handleAskAboutCandidature(w http.ResponseWriter, r *http.Request) {
	coll, err1 := strconv.ParseInt(r.PostFormValue("collectivite"), 10, 64)
	cp, err2 := strconv.ParseInt(r.PostFormValue("campagne"), 10, 64)
	if err1 != nil || err2 != nil {
		s.web.Fail(w, r, domain.Errorf(domain.EUnprocessable, "Choisissez une collectivité dans la liste."))
		return
	}
	if _, err := s.app.Candidatures.Ask(r.Context(), web.Principal(r), candidature.AskRequest{CampaignID: cp, CollectiviteID: coll,
		Kind: r.PostFormValue("type"), Message: r.PostFormValue("message")}); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/candidatures", "demande")
}

type requestsPage struct {
	Rows []store.PendingRequest
}

// handleRequests lists the requests staff have to decide.
func (s *Server) handleRequests(w http.ResponseWriter, r *http.Request) {
	rows, err := s.app.Candidatures.PendingRequests(r.Context(), web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin_requests", "Demandes sur des candidatures", requestsPage{Rows: rows})
}

// handleDecideRequest records staff's decision on a request.
func (s *Server) handleDecideRequest(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("rid"), 10, 64)
	if err != nil || id <= 0 {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Demande introuvable."))
		return
	}
	if err := s.app.Candidatures.DecideRequest(r.Context(), web.Principal(r), id, r.PostFormValue("decision"), r.PostFormValue("commentaire")); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/admin/demandes", "demande-traitee")
}
