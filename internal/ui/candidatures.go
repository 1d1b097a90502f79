package ui

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
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
	u := web.User(r)
	mine, err := s.app.Store.CandidaturesOfUser(ctx, u.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := candidaturesPage{Mine: mine}
	if cp, err := s.app.Store.CurrentCampaign(ctx); err == nil {
		page.Campaign = cp
		page.Open = cp.State == domain.CampagneOuverte
		if s.reviewsCampaign(ctx, r, cp) {
			if page.All, err = s.app.Store.CandidaturesOfCampaign(ctx, cp.ID); err != nil {
				s.web.Fail(w, r, err)
				return
			}
			if u.Role != domain.RoleStaff {
				// A conflict of interest is never shown: the candidatures a
				// juror is conflicted with are not listed to them.
				if page.All, err = s.withoutConflicts(ctx, cp.ID, u.ID, page.All); err != nil {
					s.web.Fail(w, r, err)
					return
				}
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
	u := web.User(r)
	page := newCandidaturePage{Query: strings.TrimSpace(r.FormValue("q")), Verified: u.EmailVerifiedAt != nil, Errors: errs}
	cp, err := s.app.Store.CurrentCampaign(ctx)
	if err != nil || cp.State != domain.CampagneOuverte {
		s.render(w, r, status, "new_candidature", "Nouvelle candidature", page)
		return
	}
	page.Campaign = cp
	if page.Query != "" {
		page.Searched = true
		found, err := s.app.Store.SearchCollectivites(ctx, page.Query, 15)
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		for _, c := range found {
			choice := collectiviteChoice{Collectivite: c}
			if other, err := s.app.Store.CandidatureOf(ctx, cp.ID, c.ID); err == nil && other.State != domain.Retiree {
				choice.Taken = true
			} else if n, year, err := s.app.Candidatures.PreviousAnswers(ctx, cp, &c, web.Principal(r)); err == nil && n > 0 {
				choice.PrefillFrom, choice.PrefillN = year, n
			}
			page.Results = append(page.Results, choice)
		}
	}
	s.render(w, r, status, "new_candidature", "Nouvelle candidature", page)
}

func (s *Server) handleCreateCandidature(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	collID, err := strconv.ParseInt(r.PostFormValue("collectivite"), 10, 64)
	if err != nil {
		s.newCandidaturePage(w, r, http.StatusBadRequest, []formError{{Field: "q", Message: "Choisissez une collectivité dans la liste."}})
		return
	}
	cp, err := s.app.Store.CurrentCampaign(ctx)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	c, err := s.app.Candidatures.Create(ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: collID, Prefill: r.PostFormValue("prefill") == "oui", Track: r.PostFormValue("filiere")}, web.Principal(r))
	if err != nil {
		s.newCandidaturePage(w, r, web.StatusOf(err), []formError{{Field: "q", Message: domain.ErrorMessage(err)}})
		return
	}
	web.Redirect(w, r, "/candidatures/"+strconv.FormatInt(c.ID, 10), "creee")
}

func (s *Server) withoutConflicts(ctx context.Context, campaignID, userID int64, all []store.CandidatureSummary) ([]store.CandidatureSummary, error) {
	conflicts, err := s.app.Store.Conflicts(ctx, store.ConflictFilter{CampaignID: campaignID, UserID: userID})
	if err != nil || len(conflicts) == 0 {
		return all, err
	}
	hidden := map[int64]bool{}
	for _, c := range conflicts {
		hidden[c.CandidatureID] = true
	}
	out := all[:0:0]
	for _, c := range all {
		if !hidden[c.ID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// reviewsCampaign reports whether the person reads every candidature of
// the campaign: staff, and the members of its jury.
func (s *Server) reviewsCampaign(ctx context.Context, r *http.Request, cp *domain.Campaign) bool {
	facts := policy.Facts{}
	if u := web.User(r); u != nil {
		seat, err := s.app.Store.JurySeat(ctx, cp.ID, u.ID)
		if err != nil {
			return false
		}
		facts.Seat = seat
	}
	return policy.Reviewer(policy.Relations(web.Principal(r), facts))
}
