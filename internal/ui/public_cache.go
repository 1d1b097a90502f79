package ui

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/adullact/tnl/internal/palmares"
	"github.com/adullact/tnl/internal/web"
)

// The public side of the label is what the most people load, all at once
// on publication day: its pages and files are built once per state of the
// palmarès (palmares.Snapshot, whose stamp changes on a publication, a
// rectification or an import) and served from memory with an ETag, so
// that a CDN or a browser revalidates with If-None-Match and gets a 304.
//
// publicCache is the Cache-Control of these answers: a CDN may keep them a
// minute and serve them stale for five more while it revalidates.
const publicCache = "public, max-age=60, stale-while-revalidate=300"

// serveRendered answers with a page built once per snapshot.
func serveRendered(w http.ResponseWriter, r *http.Request, p palmares.Rendered) {
	h := w.Header()
	h.Set("ETag", p.ETag)
	h.Set("Cache-Control", publicCache)
	h.Set("Vary", "Cookie")
	if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, p.ETag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", p.ContentType)
	if r.Method == http.MethodHead {
		return
	}
	w.Write(p.Body) //nolint:errcheck // the client went away
}

func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// publicPage renders a public page once per snapshot for visitors without
// an account (the layout of a signed-in person names them: their pages
// are rendered each time, never cached by others).
func (s *Server) publicPage(w http.ResponseWriter, r *http.Request, snap *palmares.Snapshot, key, name, title string, data func() (any, error)) {
	if web.User(r) != nil {
		d, err := data()
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, name, title, d)
		return
	}
	p, err := snap.Memo("page:"+key, "text/html; charset=utf-8", func() ([]byte, error) {
		d, err := data()
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := s.tmpl[name].ExecuteTemplate(&buf, "layout.html", pageData{Title: title, Data: d}); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	})
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	serveRendered(w, r, p)
}

// publicFile serves a file built once per snapshot.
func (s *Server) publicFile(w http.ResponseWriter, r *http.Request, snap *palmares.Snapshot, key, contentType, filename string, build func() ([]byte, error)) {
	p, err := snap.Memo("file:"+key, contentType, build)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if filename != "" {
		w.Header().Set("Content-Disposition", `inline; filename="`+filename+`"`)
	}
	serveRendered(w, r, p)
}

func (s *Server) snapshot(w http.ResponseWriter, r *http.Request) (*palmares.Snapshot, bool) {
	snap, err := s.app.Palmares.Snapshot(r.Context())
	if err != nil {
		s.web.Fail(w, r, err)
		return nil, false
	}
	return snap, true
}
