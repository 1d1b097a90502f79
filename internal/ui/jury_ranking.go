package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	"github.com/adullact/tnl/internal/web"
)

// rankingPageSize is how many rows a ranking page shows; the exports hold
// every row.
const rankingPageSize = 100

type rankingSort struct {
	Key, Label string
	URL        string
	Current    bool
	Asc        bool
}

type rankingPage struct {
	R        *jury.Ranking
	Rows     []jury.RankingRow
	Offset   int
	Opt      jury.RankingOptions
	Sorts    []rankingSort
	Kinds    []domain.CollectiviteKind
	Prev     string
	Next     string
	Query    string
	Page     int
	Pages    int
	Campaign *domain.Campaign
}

func rankingOptions(q url.Values) jury.RankingOptions {
	return jury.RankingOptions{Sort: q.Get("tri"), Asc: q.Get("ordre") == "croissant", Kind: q.Get("type"),
		Disagreement: q.Get("desaccord") == "oui", Missing: q.Get("manquantes") == "oui", State: q.Get("etat")}
}

// handleRanking is the ranking of a campaign's candidatures by the jury's
// aggregate, for staff and the jury's president: sortable by its column
// links, filtered by the form, 100 rows a page; exports in CSV and ODS.
func (s *Server) handleRanking(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	subj := web.CurrentSubject(r)
	q := r.URL.Query()
	opt := rankingOptions(q)
	rk, err := s.app.Jury.Ranking(r.Context(), cp, subj.Relations, subj.Facts, web.Principal(r), opt)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	n, _ := strconv.Atoi(q.Get("page"))
	pages := max(1, (len(rk.Rows)+rankingPageSize-1)/rankingPageSize)
	n = min(max(n, 1), pages)
	start := (n - 1) * rankingPageSize
	page := rankingPage{R: rk, Rows: rk.Rows[start:min(start+rankingPageSize, len(rk.Rows))], Offset: start, Opt: opt, Kinds: domain.Kinds,
		Page: n, Pages: pages, Campaign: cp}
	base := fmt.Sprintf("/campagnes/%d/jury/classement", cp.ID)
	with := func(k, v string) string {
		u := url.Values{}
		for key, vs := range q {
			u[key] = vs
		}
		u.Del("page")
		if v == "" {
			u.Del(k)
		} else {
			u.Set(k, v)
		}
		return u.Encode()
	}
	for _, sk := range [][2]string{{"niveau", "Niveau suggéré"}, {"note", "Note médiane"}, {"normalisee", "Note normalisée"}, {"ecart", "Écart des niveaux"}, {"auto", "Score automatique"}, {"nom", "Collectivité"}} {
		cur := opt.Sort == sk[0] || opt.Sort == "" && sk[0] == "niveau"
		link := rankingSort{Key: sk[0], Label: sk[1], Current: cur, Asc: cur && opt.Asc}
		u := url.Values{}
		for key, vs := range q {
			u[key] = vs
		}
		u.Del("page")
		u.Set("tri", sk[0])
		u.Del("ordre")
		if cur && !opt.Asc {
			u.Set("ordre", "croissant")
		}
		link.URL = base + "?" + u.Encode()
		page.Sorts = append(page.Sorts, link)
	}
	if n > 1 {
		page.Prev = base + "?" + with("page", strconv.Itoa(n-1))
	}
	if n < pages {
		page.Next = base + "?" + with("page", strconv.Itoa(n+1))
	}
	page.Query = with("page", "")
	s.render(w, r, http.StatusOK, "jury_ranking", fmt.Sprintf("Classement du jury — campagne %d", cp.Year), page)
}

func (s *Server) handleRankingExport(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		cp := campaignOf(r)
		subj := web.CurrentSubject(r)
		rk, err := s.app.Jury.Ranking(r.Context(), cp, subj.Relations, subj.Facts, web.Principal(r), rankingOptions(r.URL.Query()))
		if err != nil {
			s.web.Fail(w, r, err)
			return
		}
		types := map[string]string{"csv": "text/csv; charset=utf-8", "ods": "application/vnd.oasis.opendocument.spreadsheet"}
		w.Header().Set("Content-Type", types[format])
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="classement-jury-%d.%s"`, cp.Year, format))
		w.Header().Set("Cache-Control", "no-store")
		if err := jury.WriteRanking(w, rk, format); err != nil {
			s.web.Logger().Error("ranking export", "err", err)
		}
	}
}

func (s *Server) handleGridPDF(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	subj := web.CurrentSubject(r)
	data, err := s.app.Jury.Grid(r.Context(), cp, subj.Relations, subj.Facts)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="grille-evaluation-%d.pdf"`, cp.Year))
	w.Write(data) //nolint:errcheck // the client went away
}
