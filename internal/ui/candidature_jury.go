package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
)

type candidatureJuryPage struct {
	*candView
	J       *jury.CandidatureJury
	Members []store.JuryMember // staff: the jury, for the assignment form
	Recuse  bool               // the person may declare a conflict
	Keep    bool               // the person may keep remarks
	Errors  []formError
}

// handleCandidatureJury is a candidature's jury page: the person's own
// evaluation, the others' and the aggregate when they may see them, the
// jury's sheet; for staff every assignment and conflict, with the forms
// to change them.
func (s *Server) handleCandidatureJury(w http.ResponseWriter, r *http.Request) {
	s.candidatureJuryPage(w, r, http.StatusOK, nil)
}

func (s *Server) candidatureJuryPage(w http.ResponseWriter, r *http.Request, status int, errs []formError) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	d := v.D
	j, err := s.app.Jury.CandidatureJury(r.Context(), d.C, d.Relations, d.Facts, d.Who)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page := candidatureJuryPage{candView: v, J: j, Errors: errs,
		Recuse: s.app.Policy.Allows(policy.JuryRecuse, d.Relations, d.Facts),
		Keep:   d.Relations.Any(policy.Of(policy.President, policy.Staff))}
	if j.Staff {
		if page.Members, err = s.app.Store.JuryMembers(r.Context(), d.C.CampaignID); err != nil {
			s.web.Fail(w, r, err)
			return
		}
	}
	s.render(w, r, status, "candidature_jury", "Jury — "+v.Coll.Name, page)
}

func (s *Server) handleRecuse(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	if err := s.app.Jury.Recuse(r.Context(), d.C.ID, d.Relations, d.Facts, d.Who, r.PostFormValue("raison")); err != nil {
		if domain.ErrorCode(err) == domain.EInvalid {
			s.candidatureJuryPage(w, r, http.StatusBadRequest, []formError{{Field: "raison", Message: domain.ErrorMessage(err)}})
			return
		}
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, "/jury/evaluations", "deporte")
}

// formUser reads a jury member's id from a form field.
func formUser(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PostFormValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, &domain.Error{Code: domain.EInvalid, Message: "Choisissez un membre du jury.", Fields: map[string]string{name: "Choisissez un membre du jury."}}
	}
	return id, nil
}

func (s *Server) handleSetConflict(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	uid, err := formUser(r, "jure")
	if err == nil {
		err = s.app.Jury.SetConflict(r.Context(), d.C.ID, uid, r.PostFormValue("raison"), d.Who)
	}
	if err != nil {
		s.candidatureJuryPage(w, r, web.StatusOf(err), []formError{{Field: "conflit-jure", Message: domain.ErrorMessage(err)}})
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d/jury", d.C.ID), "conflit")
}

func (s *Server) handleAddAssignment(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	uid, err := formUser(r, "jure")
	if err == nil {
		_, err = s.app.Jury.AddAssignment(r.Context(), d.C.ID, uid, r.PostFormValue("raison"), d.Who)
	}
	if err != nil {
		s.candidatureJuryPage(w, r, web.StatusOf(err), []formError{{Field: "affecter-jure", Message: domain.ErrorMessage(err)}})
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d/jury", d.C.ID), "affecte")
}

func (s *Server) handleRemoveAssignment(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	uid, err := strconv.ParseInt(r.PathValue("uid"), 10, 64)
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Juré introuvable."))
		return
	}
	if err := s.app.Jury.RemoveAssignment(r.Context(), d.C.ID, uid, r.PostFormValue("raison"), d.Who); err != nil {
		s.candidatureJuryPage(w, r, web.StatusOf(err), []formError{{Field: "affectations", Message: domain.ErrorMessage(err)}})
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d/jury", d.C.ID), "desaffecte")
}

func (s *Server) handleJurySheetPDF(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	data, err := s.app.Jury.Sheet(r.Context(), d.C, d.Relations, d.Facts, d.Who)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="fiche-jury-%s.pdf"`, d.C.Reference))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data) //nolint:errcheck // the client went away
}
