package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/adullact/tnl/internal/deliberation"
	"github.com/adullact/tnl/internal/domain"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// deliberationPageSize bounds the rows of one page of the table.
const deliberationPageSize = 100

type deliberationPage struct {
	T        *deliberation.Table
	Rows     []deliberation.Row
	Filter   deliberation.Filter
	Kinds    []domain.CollectiviteKind
	Levels   []workflow.Choice // the scheme's levels and « Pas de label », for the filters and bulk decisions
	Mentions []string
	Page     int
	Pages    int
	Prev     string
	Next     string
	Query    string
	Errors   []formError
	// Recorded is the number of decisions a bulk decision just recorded.
	Recorded int
}

func deliberationFilter(q url.Values) deliberation.Filter {
	return deliberation.Filter{State: q.Get("etat"), Kind: q.Get("type"), Decision: q.Get("decision"),
		Disagreement: q.Get("desaccord") == "oui", Search: q.Get("q"), Sort: q.Get("tri"), Asc: q.Get("ordre") == "croissant"}
}

// schemeChoicesOf lists a scheme's levels, then « Pas de label ».
func schemeChoicesOf(scheme domain.AwardScheme) []workflow.Choice {
	var out []workflow.Choice
	for _, l := range scheme.Levels {
		out = append(out, workflow.Choice{Value: strconv.Itoa(l.Value), Label: l.Label, Template: l.Template})
	}
	return append(out, workflow.Choice{Value: "0", Label: "Pas de label", Template: scheme.NoAwardTemplate})
}

// handleDeliberation is the deliberation table of a campaign: the evaluated
// candidatures with the jury's aggregates, the suggested level, last
// year's result and the trend, filters and sorting, a decision link per
// row and a selection for bulk decisions.
func (s *Server) handleDeliberation(w http.ResponseWriter, r *http.Request) {
	s.deliberationPage(w, r, http.StatusOK, nil)
}

func (s *Server) deliberationPage(w http.ResponseWriter, r *http.Request, status int, errs []formError) {
	cp := campaignOf(r)
	subj := web.CurrentSubject(r)
	q := r.URL.Query()
	f := deliberationFilter(q)
	t, err := s.app.Deliberation.Table(r.Context(), cp, subj.Relations, subj.Facts, web.Principal(r), f)
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	n, _ := strconv.Atoi(q.Get("page"))
	pages := max(1, (len(t.Rows)+deliberationPageSize-1)/deliberationPageSize)
	n = min(max(n, 1), pages)
	start := (n - 1) * deliberationPageSize
	page := deliberationPage{T: t, Rows: t.Rows[start:min(start+deliberationPageSize, len(t.Rows))], Filter: f, Kinds: domain.Kinds,
		Levels: schemeChoicesOf(cp.AwardScheme), Mentions: cp.AwardScheme.Mentions, Page: n, Pages: pages, Errors: errs}
	base := fmt.Sprintf("/campagnes/%d/deliberation", cp.ID)
	with := func(k, v string) string {
		u := url.Values{}
		for key, vs := range q {
			u[key] = vs
		}
		u.Del(k)
		if v != "" {
			u.Set(k, v)
		}
		return u.Encode()
	}
	if n > 1 {
		page.Prev = base + "?" + with("page", strconv.Itoa(n-1))
	}
	if n < pages {
		page.Next = base + "?" + with("page", strconv.Itoa(n+1))
	}
	page.Query = with("page", "")
	page.Recorded, _ = strconv.Atoi(q.Get("enregistrees"))
	s.render(w, r, status, "deliberation", fmt.Sprintf("Délibération — campagne %d", cp.Year), page)
}

type bulkPage struct {
	Campaign *domain.Campaign
	Rows     []deliberation.Row
	IDs      []int64
	Values   url.Values
	Level    string
	Mentions []string
}

// handleBulkConfirm is the confirmation page of a bulk decision: the
// selection and the decision, to confirm or go back; nothing is recorded.
func (s *Server) handleBulkConfirm(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	subj := web.CurrentSubject(r)
	ids := formIDs(r)
	t, err := s.app.Deliberation.Table(r.Context(), cp, subj.Relations, subj.Facts, web.Principal(r), deliberation.Filter{})
	if err != nil {
		s.web.Fail(w, r, err)
		return
	}
	var errs []formError
	if len(ids) == 0 {
		errs = append(errs, formError{Field: "selection", Message: "Cochez au moins une candidature."})
	}
	in := decisionInput(r)
	if in.Value(candlc.FieldLevel) == "" {
		errs = append(errs, formError{Field: "lot-level", Message: "Choisissez la décision à appliquer à la sélection."})
	}
	if in.Value(candlc.FieldMotivation) == "" {
		errs = append(errs, formError{Field: "lot-motivation", Message: "Rédigez la motivation publique : chaque collectivité de la sélection la recevra."})
	}
	if len(errs) > 0 {
		s.deliberationPage(w, r, http.StatusUnprocessableEntity, errs)
		return
	}
	page := bulkPage{Campaign: cp, IDs: ids, Values: in.Values, Mentions: in.Choices(candlc.FieldMentions)}
	chosen := map[int64]bool{}
	for _, id := range ids {
		chosen[id] = true
	}
	for _, row := range t.Rows {
		if chosen[row.ID] {
			page.Rows = append(page.Rows, row)
		}
	}
	for _, c := range schemeChoicesOf(cp.AwardScheme) {
		if c.Value == in.Value(candlc.FieldLevel) {
			page.Level = c.Label
		}
	}
	s.render(w, r, http.StatusOK, "deliberation_bulk", fmt.Sprintf("Confirmer la décision pour %d candidatures", len(page.Rows)), page)
}

// handleBulkDecide records the confirmed bulk decision, all or none.
func (s *Server) handleBulkDecide(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	subj := web.CurrentSubject(r)
	n, err := s.app.Deliberation.DecideMany(r.Context(), cp, formIDs(r), decisionInput(r), subj.Relations, subj.Facts, web.Principal(r))
	if err != nil {
		if web.StatusOf(err) >= 500 {
			s.web.Fail(w, r, err)
			return
		}
		s.deliberationPage(w, r, web.StatusOf(err), []formError{{Field: "selection", Message: domain.ErrorMessage(err)}})
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/campagnes/%d/deliberation?enregistrees=%d", cp.ID, n), http.StatusSeeOther)
}

// formIDs reads the selected candidatures' ids; unreadable ones are
// dropped (the service refuses ids outside the campaign).
func formIDs(r *http.Request) []int64 {
	_ = r.ParseForm() // a bad body leaves PostForm empty: nothing is selected
	var out []int64
	for _, v := range r.PostForm["selection"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// decisionInput reads a decision's fields from the form.
func decisionInput(r *http.Request) workflow.Input {
	_ = r.ParseForm()
	v := url.Values{}
	for _, k := range []string{candlc.FieldLevel, candlc.FieldMotivation, candlc.FieldNote, candlc.FieldMentions} {
		if vs, ok := r.PostForm[k]; ok {
			v[k] = vs
		}
	}
	return workflow.Input{Values: v}
}
