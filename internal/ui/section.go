package ui

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/questionnaire"
)

type sectionPage struct {
	*candView
	Section  *questionnaire.Section
	Fields   []fieldView
	Errors   []formError
	Next     *questionnaire.Section
	Previous *questionnaire.Section
	Index    int
	Count    int
}

// section returns the section named in the path, refusing the attestation
// (answered on the submission page).
func (v *candView) section(key string) (*questionnaire.Section, int, error) {
	for i, sec := range v.sections() {
		if sec.Key == key {
			return sec, i, nil
		}
	}
	return nil, 0, domain.Errorf(domain.ENotFound, "Section « %s » introuvable.", key)
}

func (s *Server) handleSection(w http.ResponseWriter, r *http.Request) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	sec, i, err := v.section(r.PathValue("section"))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if !v.Editable {
		// Read-only: each answer as text, no disabled inputs.
		secs := v.sections()
		page := readOnlySection{answersPage: answersPage{candView: v, Sections: v.answers([]*questionnaire.Section{sec})}, Index: i + 1, Count: len(secs)}
		if i > 0 {
			page.Previous = secs[i-1]
		}
		if i+1 < len(secs) {
			page.Next = secs[i+1]
		}
		s.render(w, r, http.StatusOK, "section_readonly", sec.Title+" — candidature "+fr.De(page.Coll.Name), page)
		return
	}
	s.renderSection(w, r, http.StatusOK, v, sec, nil, nil)
}

type readOnlySection struct {
	answersPage
	Index, Count   int
	Previous, Next *questionnaire.Section
}

// renderSection shows a section's form. typed holds what the person typed
// when a save failed; otherwise fields show the stored answers.
func (s *Server) renderSection(w http.ResponseWriter, r *http.Request, status int, v *candView, sec *questionnaire.Section, typed map[string]map[string][]string, problems map[string]fieldProblem) {
	secs := v.sections()
	page := sectionPage{candView: v, Section: sec, Count: len(secs)}
	for i, x := range secs {
		if x.Key == sec.Key {
			page.Index = i + 1
			if i > 0 {
				page.Previous = secs[i-1]
			}
			if i+1 < len(secs) {
				page.Next = secs[i+1]
			}
		}
	}
	for _, q := range sec.Questions {
		values, ok := typed[q.Key]
		if !ok {
			values = q.FormValues(v.Values[q.Key])
		}
		f := buildField(v, q, values, v.Answers[q.Key].Version, !v.Editable)
		if p, ok := problems[q.Key]; ok {
			f.Error, f.Conflict = p.Message, p.Conflict
			if p.Version > 0 {
				f.Version = p.Version
			}
			page.Errors = append(page.Errors, formError{Field: f.ID, Message: q.Label + " : " + p.Message})
		}
		page.Fields = append(page.Fields, f)
	}
	s.render(w, r, status, "section", sec.Title+" — candidature "+fr.De(page.Coll.Name), page)
}

// fieldProblem is what went wrong saving one answer.
type fieldProblem struct {
	Message  string
	Conflict string
	Version  int // the version to send next time, after a conflict
}

// handleSaveSection saves every answer of a section (the form without
// JavaScript), and the files chosen in it. Unchanged answers are not
// rewritten, so that two people working on different questions never
// conflict.
func (s *Server) handleSaveSection(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	sec, _, err := v.section(r.PathValue("section"))
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	typed := map[string]map[string][]string{}
	problems := map[string]fieldProblem{}
	for _, q := range sec.Questions {
		if q.Type == questionnaire.TypeFile {
			if err := s.saveFiles(r, v, q); err != nil {
				problems[q.Key] = fieldProblem{Message: fieldMessage(err, q.Key)}
			}
			continue
		}
		if contains(r.PostForm["reprendre"], q.Key) {
			// « Reprendre la valeur enregistrée » after a conflict: the
			// stored value stays and shows again.
			continue
		}
		values := formSubset(r.PostForm, q)
		typed[q.Key] = values
		raw, err := q.FromForm(values)
		if err != nil {
			problems[q.Key] = fieldProblem{Message: err.Error()}
			continue
		}
		version, _ := strconv.Atoi(r.PostFormValue("v." + q.Key))
		// Unchanged: the stored value at the version shown, or an empty
		// field on a page that showed no answer (whatever was stored
		// since stays; clearing it needs a page that showed it).
		if cur, ok := v.Answers[q.Key]; (ok && version == cur.Version && sameJSON(cur.Value, raw)) || (raw == nil && version == 0) {
			continue
		}
		_, err = s.app.Candidatures.Save(ctx, v.D, candidature.SaveRequest{Key: q.Key, Value: raw, ExpectedVersion: version})
		if err != nil {
			problems[q.Key] = problemOf(q, err, raw, v.D.Who.UserID)
		}
	}
	if len(problems) > 0 {
		fresh, lerr := s.loadCand(r)
		if lerr != nil {
			s.web.Fail(w, r, lerr)
			return
		}
		s.renderSection(w, r, http.StatusUnprocessableEntity, fresh, sec, typed, problems)
		return
	}
	to := fmt.Sprintf("/candidatures/%d/sections/%s", v.C.ID, sec.Key)
	if r.PostFormValue("apres") == "suivante" {
		if _, i, err := v.section(sec.Key); err == nil && i+1 < len(v.sections()) {
			to = fmt.Sprintf("/candidatures/%d/sections/%s", v.C.ID, v.sections()[i+1].Key)
		} else {
			to = fmt.Sprintf("/candidatures/%d/manquant", v.C.ID)
		}
	}
	web.Redirect(w, r, to, "enregistre")
}

// problemOf turns a save error into a field problem.
func problemOf(q *questionnaire.Question, err error, typed json.RawMessage, me int64) fieldProblem {
	e := domain.AsError(err)
	if e != nil && e.Code == domain.EConflict {
		p := fieldProblem{Message: "Réponse modifiée entre-temps : choisissez la valeur à garder.", Conflict: conflictMessage(q, e, typed, me)}
		if c := web.ConflictJSON(e.Current); c != nil {
			if version, ok := c.(map[string]any)["version"].(int); ok {
				p.Version = version
			}
		}
		return p
	}
	return fieldProblem{Message: fieldMessage(err, q.Key)}
}

// fieldMessage returns the message of err for one field, or its main message.
func fieldMessage(err error, key string) string {
	if e := domain.AsError(err); e != nil {
		if m, ok := e.Fields[key]; ok {
			return m
		}
		for _, m := range e.Fields {
			return m
		}
	}
	return domain.ErrorMessage(err)
}

// saveFiles attaches the files chosen for a file question.
func (s *Server) saveFiles(r *http.Request, v *candView, q *questionnaire.Question) error {
	if r.MultipartForm == nil {
		return nil
	}
	// All the valid files, or none with a message: a section sent with
	// several files never half-attaches them.
	var reqs []candidature.UploadRequest
	for _, fh := range r.MultipartForm.File[q.Key] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		if fh.Size > candidature.MaxEvidenceSize {
			return domain.Errorf(domain.ETooLarge, "« %s » : %s", fh.Filename, candidature.SizeMessage(fh.Size, candidature.MaxEvidenceSize))
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(io.LimitReader(f, candidature.MaxEvidenceSize+1))
		f.Close()
		if err != nil {
			return err
		}
		reqs = append(reqs, candidature.UploadRequest{QuestionKey: q.Key, Name: fh.Filename, Data: data})
	}
	_, err := s.app.Candidatures.AttachAll(r.Context(), v.D, reqs)
	return err
}

// formSubset keeps the form values of one question (its key, or its rows).
func formSubset(form map[string][]string, q *questionnaire.Question) map[string][]string {
	out := map[string][]string{}
	prefix := q.Key + "."
	for k, vs := range form {
		if k == q.Key || (q.Type == questionnaire.TypeGroup && len(k) > len(prefix) && k[:len(prefix)] == prefix) {
			out[k] = vs
		}
	}
	return out
}

func sameJSON(a, b []byte) bool { return string(a) == string(b) }
