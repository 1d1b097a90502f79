package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/kit"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

type reportPage struct {
	Subject  *workflow.Snapshot
	P        *visitelc.Payload
	Kit      *kit.Kit
	Req      ambassadeurs.ReportRequest
	Errors   []formError
	FieldErr map[string]string
}

// handleReportForm is the visit report's page, with the kit's points,
// documents and software to tick.
func (s *Server) handleReportForm(w http.ResponseWriter, r *http.Request) {
	snap := web.CurrentSubject(r).Value.(*workflow.Snapshot)
	p := reportPage{Subject: snap, P: snap.Payload.(*visitelc.Payload), Kit: s.app.Ambassadeurs.Kit()}
	if rep := p.P.Report; rep != nil {
		p.Req = ambassadeurs.ReportRequest{Points: rep.Points, Documents: rep.Documents, Software: rep.Logiciels,
			Notes: rep.Notes, NextStep: rep.NextStep, Summary: rep.PublicSummary}
	}
	s.render(w, r, http.StatusOK, "amb_report", "Compte rendu de la visite — "+p.P.Commune.Name, p)
}

func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	req := ambassadeurs.ReportRequest{Points: r.PostForm["points"], Documents: r.PostForm["documents"], Software: r.PostForm["logiciels"],
		Notes: r.PostFormValue("notes"), NextStep: r.PostFormValue("next_step"), Summary: r.PostFormValue("summary")}
	req.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	if err := s.app.Ambassadeurs.FileReport(r.Context(), subj.ID, web.Principal(r), req); err != nil {
		code := domain.ErrorCode(err)
		if code != domain.EInvalid && code != domain.EUnprocessable {
			s.web.Fail(w, r, err)
			return
		}
		snap := subj.Value.(*workflow.Snapshot)
		p := reportPage{Subject: snap, P: snap.Payload.(*visitelc.Payload), Kit: s.app.Ambassadeurs.Kit(), Req: req}
		p.Errors, p.FieldErr = formErrors(err, "points", "next_step", "notes", "summary")
		s.render(w, r, web.StatusOf(err), "amb_report", "Erreur : compte rendu de la visite", p)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/ambassadeurs/visites/%d", subj.ID), "compte-rendu")
}
