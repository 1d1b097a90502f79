package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/store"
)

type stateCount struct {
	State, Label string
	N            int
}

type dashboardPage struct {
	Campaign *domain.Campaign
	Total    int
	Counts   []stateCount
	Recent   []store.StaffCandidature
	Failed   int
}

// handleDashboard is staff's landing page: the current campaign's
// candidatures per state, the latest deposits, the messages in trouble.
func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page := dashboardPage{}
	cp, err := s.app.Store.CurrentCampaign(ctx)
	if err != nil && domain.ErrorCode(err) != domain.ENotFound {
		s.web.Fail(w, r, err)
		return
	}
	if cp != nil {
		page.Campaign = cp
		counts, err := s.app.Store.CountCandidatures(ctx, cp.ID)
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		for _, st := range candlc.States() {
			page.Counts = append(page.Counts, stateCount{State: st.Name, Label: st.Label, N: counts[st.Name]})
			page.Total += counts[st.Name]
		}
		if page.Recent, _, err = s.app.Store.StaffCandidatures(ctx, store.CandidatureFilter{CampaignID: cp.ID, Sort: store.SortSubmitted, Desc: true, Limit: 5, State: domain.Deposee}); err != nil {
			s.web.Fail(w, r, err)
			return
		}
	}
	_, failed, err := s.app.Store.OutboxMessages(ctx, store.OutboxFilter{Status: store.OutboxFailed, Limit: 1})
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.Failed = failed
	s.render(w, r, http.StatusOK, "admin_dashboard", "Tableau de bord de l’équipe", page)
}
