package ui

import (
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/web"
)

// handleUpload attaches one file ("fichier") to a file question ("question")
// and goes back to the question's section.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	c := d.C
	e, err := s.uploadFromForm(r, d, r.PostFormValue("question"), "fichier")
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	to := fmt.Sprintf("/candidatures/%d", c.ID)
	if question := d.Q.Question(e.QuestionKey); question != nil && question.Section != nil {
		to = fmt.Sprintf("/candidatures/%d/sections/%s#%s", c.ID, question.Section.Key, fieldID(question.Key))
	}
	web.Redirect(w, r, to, "piece")
}

// uploadFromForm reads the multipart file field and stores it as evidence.
func (s *Server) uploadFromForm(r *http.Request, d *candidature.Draft, key, field string) (*domain.Evidence, error) {
	if r.MultipartForm == nil {
		if err := r.ParseMultipartForm(2 << 20); err != nil {
			return nil, domain.Errorf(domain.EInvalid, "Envoyez le fichier dans un formulaire multipart/form-data (champ « %s »).", field)
		}
	}
	files := r.MultipartForm.File[field]
	if len(files) != 1 {
		return nil, &domain.Error{Code: domain.EInvalid, Message: "Choisissez un fichier à joindre.", Fields: map[string]string{field: "Un fichier est attendu."}}
	}
	f, err := files[0].Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, candidature.MaxEvidenceSize+1))
	if err != nil {
		return nil, err
	}
	return s.app.Candidatures.Attach(r.Context(), d, candidature.UploadRequest{QuestionKey: key, Name: files[0].Filename, Data: data})
}

func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Pièce justificative introuvable."))
		return
	}
	e, err := s.app.Candidatures.EvidenceFile(r.Context(), draft(r), id)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, e.Name, e.ContentType, e.Data)
}

func (s *Server) handleDeleteEvidence(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	id, err := strconv.ParseInt(r.PathValue("eid"), 10, 64)
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Pièce justificative introuvable."))
		return
	}
	if err := s.app.Candidatures.DeleteEvidence(r.Context(), d, id); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d", d.C.ID), "piece-retiree")
}
