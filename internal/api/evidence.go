package api

import (
	"io"
	"net/http"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/web"
)

// uploadEvidence attaches the multipart file "file" to the file question
// "question".
func (s *Server) uploadEvidence(w http.ResponseWriter, r *http.Request) {
	if err := web.ParseForm(r); err != nil {
		s.fail(w, r, err)
		return
	}
	files := r.MultipartForm
	if files == nil || len(files.File["file"]) != 1 {
		s.fail(w, r, &domain.Error{Code: domain.EInvalid, Message: "Envoyez un fichier dans le champ « file » d’un formulaire multipart/form-data.",
			Fields: map[string]string{"file": "Un fichier est attendu."}})
		return
	}
	fh := files.File["file"][0]
	f, err := fh.Open()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, candidature.MaxEvidenceSize+1))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	e, err := s.app.Candidatures.Attach(r.Context(), draft(r), candidature.UploadRequest{QuestionKey: r.PostFormValue("question"), Name: fh.Filename, Data: data})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, map[string]any{"id": e.ID, "question": e.QuestionKey, "name": e.Name, "kind": e.Kind, "size": e.Size, "sha256": e.SHA256})
}
