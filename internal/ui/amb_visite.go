package ui

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

type visitePage struct {
	Subject     *workflow.Snapshot
	P           *visitelc.Payload
	Meta        *workflow.Meta
	Actions     actionsView
	Entries     []domain.AuditEntry
	SeesContact bool
	SeesNotes   bool
	Report      bool // the person writes the report
}

// handleVisite is a request's page for the ambassadeurs of the GULLs it
// is routed to, the one in charge, and staff.
func (s *Server) handleVisite(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	snap, ok := subj.Value.(*workflow.Snapshot)
	if !ok {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Demande introuvable."))
		return
	}
	m, err := s.app.Engine.Lifecycle(visitelc.Name)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p := visitePage{Subject: snap, P: snap.Payload.(*visitelc.Payload), Meta: m,
		SeesContact: policy.SeesVisitContact(snap.Relations), SeesNotes: policy.SeesReportNotes(snap.Relations),
		Report: s.app.Policy.Allows(policy.VisiteReport, snap.Relations, snap.Facts)}
	if p.Actions, err = s.actionsOf(r, snap); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	trail, err := s.app.Store.AuditTrail(r.Context(), visitelc.Name, snap.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p.Entries = policy.HistoryAsSeen(snap.Relations, trail)
	s.render(w, r, http.StatusOK, "amb_visite", "Demande de visite — "+p.P.Commune.Name, p)
}
