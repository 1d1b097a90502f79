package ui

import (
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
)

type staffAmbPage struct {
	Proposed  []domain.Gull
	Escalated []store.VisiteSummary
	Open      []store.VisiteSummary
	Dashboard *ambassadeurs.Dashboard
}

// handleStaffAmbassadeurs is staff's view of the network: GULLs to
// validate, requests to take over, and the funnel per département and
// région.
func (s *Server) handleStaffAmbassadeurs(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var p staffAmbPage
	var err error
	if p.Proposed, err = s.app.Store.Gulls(ctx, domain.GullProposed); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if p.Escalated, err = s.app.Store.Visites(ctx, store.VisiteFilter{States: []string{domain.VisiteConfirmee}, Escalated: true}); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if p.Open, err = s.app.Store.Visites(ctx, store.VisiteFilter{States: []string{domain.VisiteConfirmee, domain.VisitePrise, domain.VisiteRendezVous}, Limit: 200}); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	year, _ := strconv.Atoi(r.URL.Query().Get("annee"))
	if p.Dashboard, err = s.app.Ambassadeurs.Dashboard(ctx, year); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "amb_staff", "Réseau des ambassadeurs", p)
}
