package ui

import (
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	"github.com/adullact/tnl/internal/web"
)

type messagesPage struct {
	*candView
	Messages []domain.Message
	Body     string
	Errors   []formError
}

// handleMessages shows the candidature's message thread and the form to
// write in it.
func (s *Server) handleMessages(w http.ResponseWriter, r *http.Request) {
	s.messagesPage(w, r, http.StatusOK, messagesPage{})
}

func (s *Server) messagesPage(w http.ResponseWriter, r *http.Request, status int, page messagesPage) {
	v, err := s.loadCand(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.candView = v
	if page.Messages, err = s.app.Candidatures.Thread(r.Context(), v.D); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	title := "Messages — candidature " + fr.De(v.Coll.Name)
	if len(page.Errors) > 0 {
		title = "Erreur : " + title
	}
	s.render(w, r, status, "messages", title, page)
}

// handlePostMessage writes a message, with the files chosen, in the thread.
func (s *Server) handlePostMessage(w http.ResponseWriter, r *http.Request) {
	d := draft(r)
	body := r.PostFormValue("message")
	var files []candidature.MessageFile
	if r.MultipartForm != nil {
		for _, fh := range r.MultipartForm.File["fichiers"] {
			if fh.Size == 0 && fh.Filename == "" {
				continue
			}
			f, err := fh.Open()
			if err != nil {
				s.web.Fail(w, r, err)
				return
			}
			data, err := io.ReadAll(io.LimitReader(f, candidature.MaxEvidenceSize+1))
			f.Close()
			if err != nil {
				s.web.Fail(w, r, err)
				return
			}
			files = append(files, candidature.MessageFile{Name: fh.Filename, Data: data})
		}
	}
	if _, err := s.app.Candidatures.PostMessage(r.Context(), d, body, files); err != nil {
		errs, _ := formErrors(err, "message", "fichiers")
		for i := range errs {
			if errs[i].Field == "contenu" || errs[i].Field == "message" {
				errs[i].Field = "message"
			} else {
				errs[i].Field = "fichiers"
			}
		}
		s.messagesPage(w, r, web.StatusOf(err), messagesPage{Body: body, Errors: errs})
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/candidatures/%d/messages#dernier", d.C.ID), "message")
}

// handleMessageFile sends a file of the thread.
func (s *Server) handleMessageFile(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Fichier introuvable."))
		return
	}
	f, err := s.app.Candidatures.MessageFileOf(r.Context(), draft(r), id)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, f.Name, f.ContentType, f.Data)
}
