package ui

import (
	"bytes"
	"net/http"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	gulllc "github.com/adullact/tnl/internal/lifecycle/gull"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
)

type gullBoardPage struct {
	*ambassadeurs.GullBoard
	Manage  bool // the coordination or staff: edit, invite, remove
	Actions actionsView
	Entries []domain.AuditEntry
}

// handleGullBoard is a GULL's dashboard for its members and staff.
func (s *Server) handleGullBoard(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	b, err := s.app.Ambassadeurs.GullBoard(r.Context(), subj.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p := gullBoardPage{GullBoard: b, Manage: s.app.Policy.Allows(policy.GullManage, subj.Relations, subj.Facts)}
	if p.Actions, err = s.actions(r, gulllc.Name, subj.ID); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	trail, err := s.app.Store.AuditTrail(r.Context(), gulllc.Name, subj.ID)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p.Entries = trail
	s.render(w, r, http.StatusOK, "amb_gull_board", b.Gull.Name, p)
}

// handleGullExport downloads the CSV of the requests routed to the GULL.
func (s *Server) handleGullExport(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	var b bytes.Buffer
	if err := s.app.Ambassadeurs.ExportGull(r.Context(), &b, subj.ID, subj.Relations); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, "demandes-gull.csv", "text/csv; charset=utf-8", b.Bytes())
}
