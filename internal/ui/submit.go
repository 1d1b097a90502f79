package ui

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/web"
)

type submitPage struct {
	*candView
	Blockers []string
	EluName  string
	Mandate  string
	Attest   bool
	Today    string
	Errors   []formError
	// FieldErr maps a field's name to its error.
	FieldErr map[string]string
	// Sections recap the answers before attesting.
	Sections []sectionAnswers
}

// handleSubmitForm shows the élu's attestation and what, if anything,
// prevents the submission.
func (s *Server) handleSubmitForm(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	a, err := s.app.Candidatures.Attestation(r.Context(), v.D)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.submitPage(w, r, http.StatusOK, submitPage{candView: v, EluName: a.EluName, Mandate: a.Mandate})
}

func (s *Server) submitPage(w http.ResponseWriter, r *http.Request, status int, page submitPage) {
	blockers, err := s.app.Candidatures.SubmissionBlockers(r.Context(), page.D)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.Blockers = blockers
	page.Today = fr.Date(s.app.Store.Now())
	page.Sections = page.answers(page.sections())
	title := "Déposer la candidature " + fr.De(page.Coll.Name)
	if len(page.Errors) > 0 {
		title = "Erreur : " + title
	}
	s.render(w, r, status, "submit", title, page)
}

// handleSubmit submits the candidature; the page is loaded only to show
// why it could not be.
func (s *Server) handleSubmit(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	req := candidature.SubmitRequest{ExpectedVersion: version, Attestation: candlc.Attestation{
		EluName: strings.TrimSpace(r.PostFormValue(candlc.FieldEluName)), Mandate: strings.TrimSpace(r.PostFormValue(candlc.FieldEluMandate)),
		Attest: r.PostFormValue(candlc.FieldAttest) == "oui"}}
	if _, err := s.app.Candidatures.Submit(r.Context(), d, req); err != nil {
		v, lerr := s.loadCand(r)
		if lerr != nil {
			s.web.Fail(w, r, lerr)
			return
		}
		page := submitPage{candView: v, EluName: req.EluName, Mandate: req.Mandate, Attest: req.Attest, FieldErr: map[string]string{}}
		if e := domain.AsError(err); e != nil && len(e.Details) > 0 {
			// Each reason, linked to its field when it has one; the
			// others (deadline, incomplete answers) to the form.
			onField := map[string]bool{}
			for _, name := range []string{candlc.FieldEluName, candlc.FieldEluMandate, candlc.FieldAttest} {
				if msg, ok := e.Fields[name]; ok {
					page.Errors = append(page.Errors, formError{Field: name, Message: msg})
					page.FieldErr[name] = msg
					onField[msg] = true
				}
			}
			for _, d := range e.Details {
				if !onField[d] {
					page.Errors = append(page.Errors, formError{Field: "attestation", Message: d})
				}
			}
		} else {
			page.Errors = []formError{{Field: "attestation", Message: domain.ErrorMessage(err)}}
		}
		s.submitPage(w, r, web.StatusOf(err), page)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d", d.C.ID), "candidature.deposer")
}
