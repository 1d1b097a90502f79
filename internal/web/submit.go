package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/workflow"
)

type submitPage struct {
	*candView
	Blockers []string
	EluName  string
	Mandate  string
	Attest   bool
	Today    string
	Errors   []formError
}

// handleSubmitForm shows the élu's attestation and what, if anything,
// prevents the submission.
func (s *Server) handleSubmitForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := submitPage{candView: v, EluName: currentUser(r).Name}
	if n := attestationText(v, 0); n != "" {
		page.EluName = n
	}
	page.Mandate = attestationText(v, 1)
	s.submitPage(w, r, http.StatusOK, page)
}

func (s *Server) submitPage(w http.ResponseWriter, r *http.Request, status int, page submitPage) {
	actor := workflow.UserActor(currentUser(r))
	subject, err := s.engine.Load(r.Context(), "candidature", page.C.ID, &actor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	blockers, err := s.engine.Blockers(r.Context(), subject, &actor, "deposer", workflow.Input{Attest: true, EluName: "x", EluMandate: "x"})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, b := range blockers {
		page.Blockers = append(page.Blockers, b.Message)
	}
	page.Today = dateToday(s)
	s.render(w, r, status, "submit", "Déposer la candidature", page)
}

func dateToday(s *Server) string { return frDate(s.store.Now()) }

// attestationText returns the n-th text answer of the attestation section.
func attestationText(v *candView, n int) string {
	i := 0
	for _, sec := range v.Q.Sections {
		if sec.Key != candidature.AttestationSection {
			continue
		}
		for _, q := range sec.Questions {
			if q.Type != "text" && q.Type != "longtext" {
				continue
			}
			if i == n {
				var s string
				json.Unmarshal(v.Values[q.Key], &s) //nolint:errcheck // empty when absent
				return s
			}
			i++
		}
	}
	return ""
}

// handleSubmit submits the candidature; the page is loaded only to show
// why it could not be.
func (s *Server) handleSubmit(w http.ResponseWriter, r *http.Request) {
	d, err := s.draft(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	req := candidature.SubmitRequest{
		CandidatureID: d.C.ID, ExpectedVersion: version,
		EluName: strings.TrimSpace(r.PostFormValue("elu_nom")), EluMandate: strings.TrimSpace(r.PostFormValue("elu_mandat")),
		Attest: r.PostFormValue("atteste") == "oui",
	}
	if _, err := s.cands.SubmitDraft(r.Context(), d, req, currentUser(r)); err != nil {
		v, lerr := s.loadCand(r)
		if lerr != nil {
			s.fail(w, r, lerr)
			return
		}
		page := submitPage{candView: v, EluName: req.EluName, Mandate: req.EluMandate, Attest: req.Attest}
		page.Errors = []formError{{Field: "attestation", Message: domain.ErrorMessage(err)}}
		if e := domain.AsError(err); e != nil {
			for _, d := range e.Details {
				page.Errors = append(page.Errors, formError{Field: "attestation", Message: d})
			}
		}
		s.submitPage(w, r, statusOf(err), page)
		return
	}
	redirect(w, r, fmt.Sprintf("/candidatures/%d", d.C.ID), "depose")
}
