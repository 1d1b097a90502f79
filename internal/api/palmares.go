package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/palmares"
)

// The palmarès in JSON, public (no token): built once per state of the
// palmarès and served with an ETag, like the public pages.

type palmaresLevel struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

type palmaresYearBody struct {
	Year      int               `json:"year"`
	Total     int               `json:"total"`
	Matched   int               `json:"matched"`
	Levels    []palmaresLevel   `json:"levels"`
	Laureates []palmares.Record `json:"laureates"`
}

type palmaresHistoryBody struct {
	Code     string            `json:"code"`
	Name     string            `json:"name"`
	Kind     string            `json:"type"`
	Page     string            `json:"page"`
	Editions []palmares.Record `json:"editions"`
}

// palmaresServe answers a JSON document built once per snapshot.
func (s *Server) palmaresServe(w http.ResponseWriter, r *http.Request, key string, build func(*palmares.Snapshot) (any, error)) {
	snap, err := s.app.Palmares.Snapshot(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := snap.Memo("api:"+key, "application/json; charset=utf-8", func() ([]byte, error) {
		v, err := build(snap)
		if err != nil {
			return nil, err
		}
		return json.Marshal(v)
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("ETag", p.ETag)
	h.Set("Cache-Control", "public, max-age=60, stale-while-revalidate=300")
	h.Set("Access-Control-Allow-Origin", "*")
	for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == p.ETag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	h.Set("Content-Type", p.ContentType)
	w.Write(p.Body) //nolint:errcheck // the client went away
}

// palmaresYears lists the editions.
func (s *Server) palmaresYears(w http.ResponseWriter, r *http.Request) {
	s.palmaresServe(w, r, "years", func(snap *palmares.Snapshot) (any, error) {
		type edition struct {
			Year      int    `json:"year"`
			Laureates int    `json:"laureates"`
			URL       string `json:"url"`
		}
		out := struct {
			Latest   int       `json:"latest"`
			Editions []edition `json:"editions"`
		}{Latest: snap.Latest(), Editions: []edition{}}
		for _, y := range snap.Years {
			out.Editions = append(out.Editions, edition{Year: y, Laureates: len(snap.Year(y)), URL: "/api/v1/palmares/" + strconv.Itoa(y)})
		}
		return out, nil
	})
}

// palmaresYear is an edition's laureates, filtered as the public page.
func (s *Server) palmaresYear(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("annee"))
	if err != nil {
		s.fail(w, r, domain.Errorf(domain.ENotFound, "Année « %s » inconnue.", r.PathValue("annee")))
		return
	}
	f := palmares.ParseFilter(r.URL.Query())
	s.palmaresServe(w, r, "year:"+strconv.Itoa(year)+":"+f.Values().Encode(), func(snap *palmares.Snapshot) (any, error) {
		p, err := snap.YearPage(year, palmares.Filter{Region: f.Region, Departement: f.Departement, Kind: f.Kind, Level: f.Level, Query: f.Query, Page: 1})
		if err != nil {
			return nil, err
		}
		out := palmaresYearBody{Year: year, Total: p.Total, Matched: p.Matched, Levels: []palmaresLevel{}}
		for _, l := range p.Levels {
			out.Levels = append(out.Levels, palmaresLevel{Value: l.Value, Label: l.Label, Count: l.Count})
		}
		var matched []*palmares.Entry
		for _, e := range snap.Year(year) {
			if f.Match(e) {
				matched = append(matched, e)
			}
		}
		out.Laureates = palmares.Records(matched)
		return out, nil
	})
}

// palmaresHistory is a collectivité's editions as a laureate.
func (s *Server) palmaresHistory(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	s.palmaresServe(w, r, "history:"+code, func(snap *palmares.Snapshot) (any, error) {
		hist := snap.History(code)
		if len(hist) == 0 {
			return nil, domain.Errorf(domain.ENotFound, "Aucune collectivité de code « %s » au palmarès.", code)
		}
		last := hist[len(hist)-1]
		return palmaresHistoryBody{Code: code, Name: last.Name, Kind: string(last.Kind), Page: palmares.PageURL(s.app.Mail.BaseURL(), last),
			Editions: palmares.Records(hist)}, nil
	})
}
