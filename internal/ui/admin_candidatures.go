package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/sheet"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

const staffPageSize = 50

type staffCandidaturesPage struct {
	Campaign     *domain.Campaign
	Campaigns    []domain.Campaign
	Filter       store.CandidatureFilter
	Rows         []store.StaffCandidature
	Total        int
	Page, Pages  int
	States       []workflow.State
	Kinds        []domain.CollectiviteKind
	Departements []domain.Collectivite
	Regions      []domain.Collectivite
	Query        url.Values // the filter, for the links that keep it
	Sorts        []sortLink
}

type sortLink struct {
	Label, Key string
	Current    bool
	Desc       bool
	URL        string
}

// staffFilter reads the table's filter from the query string; the campaign
// is the year asked for, or the current one.
func (s *Server) staffFilter(r *http.Request) (store.CandidatureFilter, *domain.Campaign, error) {
	ctx := r.Context()
	q := r.URL.Query()
	var cp *domain.Campaign
	var err error
	if y, convErr := strconv.Atoi(q.Get("campagne")); convErr == nil {
		cp, err = s.app.Store.CampaignByYear(ctx, y)
	} else {
		cp, err = s.app.Store.CurrentCampaign(ctx)
	}
	if err != nil {
		return store.CandidatureFilter{}, nil, err
	}
	f := store.CandidatureFilter{CampaignID: cp.ID, State: q.Get("etat"), Kind: domain.CollectiviteKind(q.Get("type")),
		Departement: q.Get("departement"), Region: q.Get("region"), Query: q.Get("q"), Sort: q.Get("tri"), Desc: q.Get("ordre") == "desc"}
	return f, cp, nil
}

// handleStaffCandidatures is staff's table of a campaign's candidatures:
// filters by state, kind, département and région, a search, sorting and
// pages, and the same selection exported as CSV.
func (s *Server) handleStaffCandidatures(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, cp, err := s.staffFilter(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	n, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page := staffCandidaturesPage{Campaign: cp, Filter: f, Page: max(n, 1), States: candlc.States(), Kinds: domain.Kinds}
	f.Limit, f.Offset = staffPageSize, (page.Page-1)*staffPageSize
	if page.Rows, page.Total, err = s.app.Store.StaffCandidatures(ctx, f); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.Pages = max(1, (page.Total+staffPageSize-1)/staffPageSize)
	if page.Campaigns, err = s.app.Store.Campaigns(ctx); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if page.Departements, err = s.app.Store.Territories(ctx, domain.KindDepartement); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	if page.Regions, err = s.app.Store.Territories(ctx, domain.KindRegion); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	page.Query = r.URL.Query()
	page.Query.Del("page")
	for _, sl := range []sortLink{{Label: "Collectivité", Key: store.SortName}, {Label: "Département", Key: store.SortDepartement},
		{Label: "Population", Key: store.SortPopulation}, {Label: "État", Key: store.SortState}, {Label: "Dépôt", Key: store.SortSubmitted}} {
		sl.Current = f.Sort == sl.Key || f.Sort == "" && sl.Key == store.SortName
		sl.Desc = sl.Current && f.Desc
		q := url.Values{}
		for k, v := range page.Query {
			q[k] = v
		}
		q.Set("tri", sl.Key)
		if sl.Current && !f.Desc {
			q.Set("ordre", "desc")
		} else {
			q.Del("ordre")
		}
		sl.URL = "/admin/candidatures?" + q.Encode()
		page.Sorts = append(page.Sorts, sl)
	}
	s.render(w, r, http.StatusOK, "admin_candidatures", fmt.Sprintf("Candidatures %d", cp.Year), page)
}

// handleStaffCandidaturesCSV exports the table's selection, every page, as
// CSV (formulas neutralised: internal/sheet).
func (s *Server) handleStaffCandidaturesCSV(w http.ResponseWriter, r *http.Request) {
	f, cp, err := s.staffFilter(r)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	rows, _, err := s.app.Store.StaffCandidatures(r.Context(), f)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	t := &sheet.Table{Name: fmt.Sprintf("candidatures-%d", cp.Year), Title: fmt.Sprintf("Candidatures %d", cp.Year), Columns: []sheet.Column{
		{Name: "reference", Title: "Référence", Type: sheet.String},
		{Name: "collectivite", Title: "Collectivité", Type: sheet.String},
		{Name: "type", Title: "Type", Type: sheet.String},
		{Name: "code", Title: "Code INSEE ou SIREN", Type: sheet.String},
		{Name: "departement", Title: "Département", Type: sheet.String},
		{Name: "region", Title: "Région", Type: sheet.String},
		{Name: "population", Title: "Population", Type: sheet.Integer},
		{Name: "etat", Title: "État", Type: sheet.String},
		{Name: "depose_le", Title: "Déposée le", Type: sheet.Date},
		{Name: "elu", Title: "Élu référent", Type: sheet.String},
		{Name: "courriel", Title: "Courriel de l’élu référent", Type: sheet.String},
	}}
	for _, c := range rows {
		var submitted any
		if c.SubmittedAt != nil {
			submitted = *c.SubmittedAt
		}
		t.Rows = append(t.Rows, []any{c.Reference, c.CollectiviteName, c.CollectiviteKind.Label(), c.CollectiviteCode, c.Departement, c.Region,
			c.Population, candlc.StateLabel(c.State), submitted, c.EluName, c.EluEmail})
	}
	var buf bytes.Buffer
	if err := sheet.WriteCSV(&buf, t); err != nil {
		s.web.Fail(w, r, err)
		return
	}
	web.SendFile(w, t.Name+".csv", "text/csv; charset=utf-8", buf.Bytes())
}
