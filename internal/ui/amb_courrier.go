package ui

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	courrierlc "github.com/adullact/tnl/internal/lifecycle/courrier"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/publipostage"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

type courrierPage struct {
	Subject      *workflow.Snapshot
	C            *domain.Courrier
	P            *courrierlc.Payload
	Progress     *publipostage.Progress
	Steps        []string
	Shown        int // rows of the progress shown
	Partner      string
	Staff        bool
	Draft        bool
	Req          publipostage.Request
	Remind       string
	Placeholders []struct{ Name, What string }
	Actions      actionsView
	Dashboard    *ambassadeurs.Dashboard
	Entries      []domain.AuditEntry
	Errors       []formError
	FieldErr     map[string]string
	Import       *publipostage.AddressReport
	// Departements are the départements of the recipients, when several:
	// the letters to print come per département.
	Departements []string
}

// maxProgressRows is how many mairies the page lists; the CSV has them all.
const maxProgressRows = 200

// handleCourrier is a campaign's page: its letter, its recipients and
// their progress, its downloads and its actions.
func (s *Server) handleCourrier(w http.ResponseWriter, r *http.Request) {
	s.courrierPage(w, r, http.StatusOK, courrierPage{})
}

func (s *Server) courrierPage(w http.ResponseWriter, r *http.Request, status int, p courrierPage) {
	subj := web.CurrentSubject(r)
	snap, err := s.app.Engine.Load(r.Context(), courrierlc.Name, subj.ID, web.Principal(r))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p.Subject, p.P = snap, snap.Payload.(*courrierlc.Payload)
	p.C = p.P.Courrier
	p.Staff, p.Draft = snap.Relations.Has(policy.Staff), p.C.State == domain.CourrierBrouillon
	p.Placeholders = courrierlc.Placeholders
	p.Steps = []string{publipostage.StepPrepared, publipostage.StepSent, publipostage.StepAsked, publipostage.StepVisited, publipostage.StepCandidature}
	if p.Req.Title == "" && p.Errors == nil {
		p.Req = publipostage.Request{Title: p.C.Title, Channel: p.C.Channel, Sender: p.C.Sender, Signature: p.C.Signature,
			Subject: p.C.EmailSubject, Letter: p.C.Letter, Reminder: p.C.Reminder}
		if p.C.RemindAfter != nil {
			p.Remind = p.C.RemindAfter.In(fr.Paris()).Format("2006-01-02")
		}
	}
	if p.C.PartnerID != nil {
		if u, err := s.app.Store.User(r.Context(), *p.C.PartnerID); err == nil {
			p.Partner = u.Email
			if p.Req.Partner == "" {
				p.Req.Partner = u.Email
			}
		}
	}
	if p.Progress, err = s.app.Publipostage.Progress(r.Context(), subj.ID, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	p.Shown = min(len(p.Progress.Recipients), maxProgressRows)
	if p.Actions, err = s.actionsOf(r, snap); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	var deps []string
	if p.C.DepartementCode != "" {
		deps = []string{p.C.DepartementCode}
	} else {
		seen := map[string]bool{}
		for _, rc := range p.Progress.Recipients {
			if !seen[rc.DepartementCode] {
				seen[rc.DepartementCode] = true
				deps = append(deps, rc.DepartementCode)
			}
		}
		if len(deps) > 1 {
			p.Departements = deps
		}
	}
	year, _ := strconv.Atoi(r.URL.Query().Get("annee"))
	if p.Dashboard, err = s.app.Ambassadeurs.Dashboard(r.Context(), year, deps...); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if p.Entries, err = s.app.Store.AuditTrail(r.Context(), courrierlc.Name, subj.ID); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	s.render(w, r, status, "amb_courrier", p.C.Title, p)
}

func (s *Server) handleUpdateCourrier(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	req, remind, err := courrierRequest(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if err == nil {
		if err = s.app.Publipostage.Update(r.Context(), subj.ID, version, req, web.Principal(r)); err == nil {
			web.Redirect(w, r, fmt.Sprintf("/ambassadeurs/courriers/%d", subj.ID), "courrier-modifie")
			return
		}
	}
	code := domain.ErrorCode(err)
	if code != domain.EInvalid && code != domain.EUnprocessable && code != domain.EConflict {
		s.web.Fail(w, r, err)
		return
	}
	p := courrierPage{Req: req, Remind: remind}
	p.Errors, p.FieldErr = formErrors(err, "title", "channel", "sender", "subject", "letter", "reminder", "remind_after", "partner")
	s.courrierPage(w, r, web.StatusOf(err), p)
}

func (s *Server) handleCourrierAddresses(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	f, _, err := r.FormFile("fichier")
	if err != nil {
		s.courrierPage(w, r, http.StatusBadRequest, courrierPage{Errors: []formError{{Field: "fichier", Message: "Choisissez le fichier CSV des adresses."}}})
		return
	}
	defer f.Close()
	rep, err := s.app.Publipostage.ImportAddresses(r.Context(), subj.ID, f, web.Principal(r))
	if err != nil {
		if code := domain.ErrorCode(err); code == domain.EInvalid || code == domain.ETooLarge {
			p := courrierPage{Import: rep, Errors: []formError{{Field: "fichier", Message: domain.ErrorMessage(err)}}}
			if e := domain.AsError(err); e != nil {
				for _, d := range e.Details {
					p.Errors = append(p.Errors, formError{Field: "fichier", Message: d})
				}
			}
			s.courrierPage(w, r, web.StatusOf(err), p)
			return
		}
		s.web.Fail(w, r, err)
		return
	}
	s.courrierPage(w, r, http.StatusOK, courrierPage{Import: rep})
}

func (s *Server) handleCourrierMerged(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	reminder := r.URL.Query().Get("relance") != ""
	sel := publipostage.Selection{Reminder: reminder, Departement: r.URL.Query().Get("departement")}
	var b bytes.Buffer
	if err := s.app.Publipostage.WriteMerged(r.Context(), &b, subj.ID, web.Principal(r), sel); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	name := fmt.Sprintf("courriers-%d", subj.ID)
	if reminder {
		name = fmt.Sprintf("relances-%d", subj.ID)
	}
	if sel.Departement != "" {
		name += "-" + sel.Departement
	}
	name += ".pdf"
	web.SendFile(w, name, "application/pdf", b.Bytes())
}

// handleCourrierZip streams the zip of one letter per mairie as it is
// rendered: a campaign to a whole région is hundreds of megabytes.
func (s *Server) handleCourrierZip(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	reminder := r.URL.Query().Get("relance") != ""
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fmt.Sprintf("courriers-%d.zip", subj.ID)}))
	w.Header().Set("Cache-Control", "private, no-store")
	sw := &startedWriter{w: w}
	sel := publipostage.Selection{Reminder: reminder, Departement: r.URL.Query().Get("departement")}
	if _, err := s.app.Publipostage.WriteZip(r.Context(), sw, subj.ID, web.Principal(r), sel); err != nil {
		if !sw.started {
			w.Header().Del("Content-Disposition")
			s.web.Fail(w, r, err)
			return
		}
		// The archive is cut short: the client sees a broken download.
		s.web.Logger().Error("letters zip interrupted", "courrier", subj.ID, "err", err)
	}
}

// startedWriter tells whether anything was written yet.
type startedWriter struct {
	w       http.ResponseWriter
	started bool
}

func (s *startedWriter) Write(p []byte) (int, error) {
	s.started = true
	return s.w.Write(p)
}

func (s *Server) handleCourrierPreview(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	var b bytes.Buffer
	if err := s.app.Publipostage.WritePreview(r.Context(), &b, subj.ID, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, fmt.Sprintf("apercu-%d.pdf", subj.ID), "application/pdf", b.Bytes())
}

func (s *Server) handleCourrierProgressCSV(w http.ResponseWriter, r *http.Request) {
	subj := web.CurrentSubject(r)
	var b bytes.Buffer
	if err := s.app.Publipostage.WriteProgressCSV(r.Context(), &b, subj.ID, web.Principal(r)); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, fmt.Sprintf("suivi-%d.csv", subj.ID), "text/csv; charset=utf-8", b.Bytes())
}
