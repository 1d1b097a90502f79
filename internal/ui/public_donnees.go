package ui

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/palmares"
)

type openDataPage struct {
	Years      []int
	Licence    string
	LicenceURL string
	BaseURL    string
}

// handleOpenData describes the open data, its licence and its schema.
func (s *Server) handleOpenData(w http.ResponseWriter, r *http.Request) {
	snap, ok := s.snapshot(w, r)
	if !ok {
		return
	}
	s.publicPage(w, r, snap, "donnees", "public_donnees", "Données ouvertes du palmarès", func() (any, error) {
		return openDataPage{Years: snap.Years, Licence: palmares.Licence, LicenceURL: palmares.LicenceURL, BaseURL: s.app.Mail.BaseURL()}, nil
	})
}

// handleOpenDataSchema is the Table Schema of the CSV files.
func (s *Server) handleOpenDataSchema(w http.ResponseWriter, r *http.Request) {
	snap, ok := s.snapshot(w, r)
	if !ok {
		return
	}
	s.publicFile(w, r, snap, "schema", "application/json; charset=utf-8", "", func() ([]byte, error) {
		return palmares.Schema(s.app.Mail.BaseURL())
	})
}

// handleOpenDataFile is /donnees/palmares.{csv,json,ods} (every edition)
// or /donnees/palmares-{année}.{csv,json,ods}.
func (s *Server) handleOpenDataFile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("fichier")
	notFound := domain.Errorf(domain.ENotFound, "Fichier « %s » inconnu : voir la page des données ouvertes, /donnees.", name)
	base, ext, ok := strings.Cut(name, ".")
	stem, yearText, hasYear := strings.Cut(base, "-")
	if !ok || stem != "palmares" {
		s.web.Fail(w, r, notFound)
		return
	}
	snap, ok := s.snapshot(w, r)
	if !ok {
		return
	}
	entries, title := snap.Entries, "Palmarès du label Territoire Numérique Libre, toutes les éditions"
	if hasYear {
		year, err := strconv.Atoi(yearText)
		if err != nil || len(snap.Year(year)) == 0 {
			s.web.Fail(w, r, notFound)
			return
		}
		entries, title = snap.Year(year), "Palmarès "+yearText+" du label Territoire Numérique Libre"
	}
	var updated time.Time
	for _, e := range entries {
		if e.PublishedAt.After(updated) {
			updated = e.PublishedAt
		}
		if e.RectifiedAt != nil && e.RectifiedAt.After(updated) {
			updated = *e.RectifiedAt
		}
	}
	var contentType string
	var build func() ([]byte, error)
	switch ext {
	case "csv":
		contentType = "text/csv; charset=utf-8"
		build = func() ([]byte, error) { return palmares.CSV(palmares.Table(title, entries, updated)) }
	case "ods":
		contentType = "application/vnd.oasis.opendocument.spreadsheet"
		build = func() ([]byte, error) { return palmares.ODS(palmares.Table(title, entries, updated)) }
	case "json":
		contentType = "application/json; charset=utf-8"
		build = func() ([]byte, error) { return palmares.JSON(entries) }
	default:
		s.web.Fail(w, r, notFound)
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	s.publicFile(w, r, snap, "donnees:"+name, contentType, name, build)
}
