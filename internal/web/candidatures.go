package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

type candidaturesPage struct {
	Mine     []store.CandidatureSummary
	Campaign *domain.Campaign
	Open     bool
	// For staff and jury: the current campaign's candidatures.
	All []store.CandidatureSummary
}

func (s *Server) handleCandidatures(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := currentUser(r)
	mine, err := s.store.CandidaturesOfUser(ctx, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := candidaturesPage{Mine: mine}
	if cp, err := s.store.CurrentCampaign(ctx); err == nil {
		page.Campaign = cp
		page.Open = cp.State == workflow.CampagneOuverte
		if u.Role == domain.RoleStaff || u.Role == domain.RoleJury {
			if page.All, err = s.store.CandidaturesOfCampaign(ctx, cp.ID); err != nil {
				s.fail(w, r, err)
				return
			}
		}
	}
	s.render(w, r, http.StatusOK, "candidatures", "Mes candidatures", page)
}

type newCandidaturePage struct {
	Campaign *domain.Campaign
	Query    string
	Results  []collectiviteChoice
	Searched bool
	Verified bool
	Errors   []formError
}

type collectiviteChoice struct {
	domain.Collectivite
	Taken       bool
	PrefillFrom int // year of a previous candidature whose answers can be copied
	PrefillN    int
}

func (s *Server) handleNewCandidature(w http.ResponseWriter, r *http.Request) {
	s.newCandidaturePage(w, r, http.StatusOK, nil)
}

func (s *Server) newCandidaturePage(w http.ResponseWriter, r *http.Request, status int, errs []formError) {
	ctx := r.Context()
	u := currentUser(r)
	page := newCandidaturePage{Query: strings.TrimSpace(r.FormValue("q")), Verified: u.EmailVerifiedAt != nil, Errors: errs}
	cp, err := s.store.CurrentCampaign(ctx)
	if err != nil || cp.State != workflow.CampagneOuverte {
		s.render(w, r, status, "new_candidature", "Nouvelle candidature", page)
		return
	}
	page.Campaign = cp
	if page.Query != "" {
		page.Searched = true
		found, err := s.store.SearchCollectivites(ctx, page.Query, 15)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, c := range found {
			choice := collectiviteChoice{Collectivite: c}
			if _, err := s.store.CandidatureOf(ctx, cp.ID, c.ID); err == nil {
				choice.Taken = true
			} else if n, year, err := s.cands.PreviousAnswers(ctx, cp, &c, u); err == nil && n > 0 {
				choice.PrefillFrom, choice.PrefillN = year, n
			}
			page.Results = append(page.Results, choice)
		}
	}
	s.render(w, r, status, "new_candidature", "Nouvelle candidature", page)
}

func (s *Server) handleCreateCandidature(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := currentUser(r)
	if u.EmailVerifiedAt == nil {
		s.newCandidaturePage(w, r, http.StatusUnprocessableEntity, []formError{{Field: "contenu",
			Message: "Confirmez d’abord votre adresse électronique avec le lien reçu par courriel (vous pouvez le renvoyer depuis la page Mon compte)."}})
		return
	}
	collID, err := strconv.ParseInt(r.PostFormValue("collectivite"), 10, 64)
	if err != nil {
		s.newCandidaturePage(w, r, http.StatusBadRequest, []formError{{Field: "q", Message: "Choisissez une collectivité dans la liste."}})
		return
	}
	cp, err := s.store.CurrentCampaign(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.cands.Create(ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: collID, Prefill: r.PostFormValue("prefill") == "oui"}, u)
	if err != nil {
		s.newCandidaturePage(w, r, statusOf(err), []formError{{Field: "q", Message: domain.ErrorMessage(err)}})
		return
	}
	redirect(w, r, "/candidatures/"+strconv.FormatInt(c.ID, 10), "creee")
}
