package ui

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/badge"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/palmares"
)

// publicEntry finds the laureate of /…/{annee}/… named by code.
func (s *Server) publicEntry(w http.ResponseWriter, r *http.Request, code string) (*palmares.Snapshot, *palmares.Entry, bool) {
	year, err := strconv.Atoi(r.PathValue("annee"))
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Année « %s » inconnue.", r.PathValue("annee")))
		return nil, nil, false
	}
	snap, ok := s.snapshot(w, r)
	if !ok {
		return nil, nil, false
	}
	e, err := snap.Entry(year, code)
	if err != nil {
		s.web.Fail(w, r, err)
		return nil, nil, false
	}
	return snap, e, true
}

// handleBadge is a laureate's badge, /badges/{annee}/{code}.svg.
func (s *Server) handleBadge(w http.ResponseWriter, r *http.Request) {
	code, ok := strings.CutSuffix(r.PathValue("badge"), ".svg")
	if !ok {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Les badges sont des images SVG : /badges/{année}/{code}.svg."))
		return
	}
	snap, e, ok := s.publicEntry(w, r, code)
	if !ok {
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	s.publicFile(w, r, snap, "badge:"+strconv.Itoa(e.Year)+":"+code, "image/svg+xml", "", func() ([]byte, error) {
		return badge.SVG(palmares.BadgeOf(e))
	})
}

// handlePublicCertificate is a laureate's certificate, drawn from its
// published entry.
func (s *Server) handlePublicCertificate(w http.ResponseWriter, r *http.Request) {
	snap, e, ok := s.publicEntry(w, r, r.PathValue("code"))
	if !ok {
		return
	}
	name := "certificat-tnl-" + strconv.Itoa(e.Year) + "-" + e.Slug + ".pdf"
	s.publicFile(w, r, snap, "certificat:"+strconv.Itoa(e.Year)+":"+e.Slug, "application/pdf", name, func() ([]byte, error) {
		return palmares.Certificate(s.app.Palmares.Renderer(), e)
	})
}

// handlePalmaresBooklet is the booklet of an edition, for the ceremony.
func (s *Server) handlePalmaresBooklet(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("annee"))
	if err != nil {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Année « %s » inconnue.", r.PathValue("annee")))
		return
	}
	snap, ok := s.snapshot(w, r)
	if !ok {
		return
	}
	if len(snap.Year(year)) == 0 {
		s.web.Fail(w, r, domain.Errorf(domain.ENotFound, "Aucun palmarès publié pour %d.", year))
		return
	}
	s.publicFile(w, r, snap, "livret:"+strconv.Itoa(year), "application/pdf", "palmares-tnl-"+strconv.Itoa(year)+".pdf", func() ([]byte, error) {
		return snap.Booklet(s.app.Palmares.Renderer(), year)
	})
}

// handlePalmaresFeed is the Atom feed of the publications.
func (s *Server) handlePalmaresFeed(w http.ResponseWriter, r *http.Request) {
	snap, ok := s.snapshot(w, r)
	if !ok {
		return
	}
	s.publicFile(w, r, snap, "atom", "application/atom+xml; charset=utf-8", "", func() ([]byte, error) {
		return snap.Feed(s.app.Mail.BaseURL())
	})
}
