package api

import (
	"net/http"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/web"
)

type messageBody struct {
	ID        int64      `json:"id"`
	Author    string     `json:"author"`
	Role      string     `json:"role"`
	Kind      string     `json:"kind"`
	Body      string     `json:"body"`
	CreatedAt string     `json:"created_at"`
	Files     []fileBody `json:"files"`
}

type fileBody struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Size int64  `json:"size"`
}

func messageJSON(m domain.Message) messageBody {
	out := messageBody{ID: m.ID, Author: m.AuthorLabel, Role: m.AuthorRole, Kind: m.Kind, Body: m.Body, CreatedAt: web.Time(m.CreatedAt), Files: []fileBody{}}
	for _, f := range m.Files {
		out.Files = append(out.Files, fileBody{ID: f.ID, Name: f.Name, Kind: f.Kind, Size: f.Size})
	}
	return out
}

// messages lists the candidature's thread as the person may read it.
func (s *Server) messages(w http.ResponseWriter, r *http.Request) {
	thread, err := s.app.Candidatures.Thread(r.Context(), draft(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := make([]messageBody, 0, len(thread))
	for _, m := range thread {
		out = append(out, messageJSON(m))
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"messages": out})
}

type postMessageRequest struct {
	Body string `json:"body"`
}

// postMessage writes a message (text only; files go through the pages).
func (s *Server) postMessage(w http.ResponseWriter, r *http.Request) {
	var req postMessageRequest
	if err := web.DecodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	m, err := s.app.Candidatures.PostMessage(r.Context(), draft(r), req.Body, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, messageJSON(*m))
}
