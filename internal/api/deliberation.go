package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/adullact/tnl/internal/deliberation"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
	camplc "github.com/adullact/tnl/internal/lifecycle/campagne"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/web"
	"github.com/adullact/tnl/workflow"
)

// deliberationRoutes are the deliberation's and the publication's API
// (docs/api.md, « Délibération et publication »). A single decision, a
// rectification and publishing now are the lifecycles' events
// (/api/v1/cycles/candidature/{id}/events/deliberer, …/rectifier,
// /api/v1/cycles/campagne/{id}/events/publier).
func (s *Server) deliberationRoutes(api func(string, string, policy.Action, http.HandlerFunc) web.Route) []web.Route {
	camp := func(method, pattern string, action policy.Action, h http.HandlerFunc) web.Route {
		rt := api(method, pattern, action, h)
		rt.Subject = camplc.Name
		return rt
	}
	return []web.Route{
		camp("GET", "/api/v1/campaigns/{id}/deliberation", policy.DeliberationRead, s.deliberationTable),
		camp("POST", "/api/v1/campaigns/{id}/decisions", policy.DeliberationDecide, s.bulkDecision),
		camp("PUT", "/api/v1/campaigns/{id}/publication", policy.PublicationSchedule, s.schedulePublication),
		camp("DELETE", "/api/v1/campaigns/{id}/publication", policy.PublicationSchedule, s.unschedulePublication),
	}
}

type previousBody struct {
	Year       int    `json:"year"`
	Awarded    bool   `json:"awarded"`
	Level      *int   `json:"level"`
	LevelLabel string `json:"level_label"`
}

type decisionRowBody struct {
	ID             int64         `json:"id"`
	Reference      string        `json:"reference"`
	State          string        `json:"state"`
	Track          string        `json:"track"`
	Collectivite   string        `json:"collectivite"`
	Kind           string        `json:"kind"`
	Departement    string        `json:"departement"`
	Evaluations    int           `json:"evaluations"`
	Median         float64       `json:"median"`
	NormMedian     float64       `json:"normalised_median"`
	Disagreement   bool          `json:"disagreement"`
	Suggested      int           `json:"suggested_level"`
	SuggestedLabel string        `json:"suggested_label"`
	Previous       *previousBody `json:"previous"`
	Trend          string        `json:"trend"`
	Level          *int          `json:"level"`
	LevelLabel     string        `json:"level_label,omitempty"`
	Mentions       []string      `json:"mentions"`
	Motivation     string        `json:"motivation,omitempty"`
	PrivateNote    string        `json:"private_note,omitempty"`
}

// deliberationTable is the deliberation of a campaign, filtered as the web
// table is (etat, type, decision, desaccord, q, tri, ordre).
func (s *Server) deliberationTable(w http.ResponseWriter, r *http.Request) {
	cp := campaignOf(r)
	subj := web.CurrentSubject(r)
	q := r.URL.Query()
	f := deliberation.Filter{State: q.Get("etat"), Kind: q.Get("type"), Decision: q.Get("decision"), Disagreement: q.Get("desaccord") == "oui",
		Search: q.Get("q"), Sort: q.Get("tri"), Asc: q.Get("ordre") == "croissant"}
	t, err := s.app.Deliberation.Table(r.Context(), cp, subj.Relations, subj.Facts, web.Principal(r), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([]decisionRowBody, 0, len(t.Rows))
	for _, row := range t.Rows {
		b := decisionRowBody{ID: row.ID, Reference: row.Reference, State: row.State, Track: row.Track, Collectivite: row.CollectiviteName,
			Kind: string(row.CollectiviteKind), Departement: row.Departement, Evaluations: row.Evaluations, Median: row.Median, NormMedian: row.NormMedian,
			Disagreement: row.Disagreement, Suggested: row.Suggested, SuggestedLabel: row.SuggestedLabel, Trend: row.Trend, Mentions: []string{}}
		if p := row.Previous; p != nil {
			b.Previous = &previousBody{Year: p.Year, Awarded: p.Awarded, Level: p.Level, LevelLabel: p.LevelLabel}
		}
		if row.Decided() {
			b.Level, b.LevelLabel, b.Motivation, b.PrivateNote = row.Level, row.DecisionLabel, row.Motivation, row.PrivateNote
			if m := row.Mentions(); m != nil {
				b.Mentions = m
			}
		}
		rows = append(rows, b)
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"campaign": cp.Year, "total": t.Total, "decided": t.Decided, "can_decide": t.CanDecide, "candidatures": rows})
}

type bulkBody struct {
	IDs        []int64  `json:"ids"`
	Level      *int     `json:"level"`
	Mentions   []string `json:"mentions"`
	Motivation string   `json:"motivation"`
	Note       string   `json:"note"`
}

// bulkDecision records one decision on several candidatures, all or none.
func (s *Server) bulkDecision(w http.ResponseWriter, r *http.Request) {
	var body bulkBody
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	v := url.Values{candlc.FieldMotivation: {body.Motivation}, candlc.FieldMentions: body.Mentions}
	if body.Level != nil {
		v.Set(candlc.FieldLevel, strconv.Itoa(*body.Level))
	}
	if body.Note != "" {
		v.Set(candlc.FieldNote, body.Note)
	}
	subj := web.CurrentSubject(r)
	n, err := s.app.Deliberation.DecideMany(r.Context(), campaignOf(r), body.IDs, workflow.Input{Values: v}, subj.Relations, subj.Facts, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"decided": n})
}

// schedulePublication schedules the palmarès' publication: {"at": an
// RFC 3339 instant, or « AAAA-MM-JJ HH:MM », Paris time}.
func (s *Server) schedulePublication(w http.ResponseWriter, r *http.Request) {
	var body struct {
		At string `json:"at"`
	}
	if err := web.DecodeJSON(r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	at, err := time.Parse(time.RFC3339, strings.TrimSpace(body.At))
	if err != nil {
		if at, err = fr.ParseInstant(strings.Replace(strings.TrimSpace(body.At), " ", "T", 1)); err != nil {
			s.fail(w, r, &domain.Error{Code: domain.EInvalid, Message: "« at » : un instant RFC 3339 ou « AAAA-MM-JJ HH:MM » (heure de Paris).",
				Fields: map[string]string{"at": "RFC 3339 ou AAAA-MM-JJ HH:MM."}})
			return
		}
	}
	s.publication(w, r, &at)
}

func (s *Server) unschedulePublication(w http.ResponseWriter, r *http.Request) {
	s.publication(w, r, nil)
}

func (s *Server) publication(w http.ResponseWriter, r *http.Request, at *time.Time) {
	cp, err := s.app.Campaigns.SchedulePublication(r.Context(), campaignOf(r).Year, at, web.Principal(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"campaign": cp.Year, "publish_at": web.TimePtr(cp.PublishAt)})
}
