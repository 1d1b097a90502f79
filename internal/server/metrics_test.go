package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/server"
	"github.com/adullact/tnl/internal/testdb"
)

// /metrics, read by Prometheus's own text parser, counts what the server did.
func TestMetrics(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		m := server.New(server.Config{DatabaseURL: testdb.URL(t, dialect), Addr: "127.0.0.1:0", InsecureCookies: true,
			MetricsAddr: "127.0.0.1:0", MetricsToken: "secret", SchedulerInterval: 50 * time.Millisecond}, slog.New(slog.DiscardHandler))
		if err := m.Open(ctx); err != nil {
			t.Fatal(err)
		}
		defer m.Close()
		base := "http://" + m.Addr()
		// A campaign due to open: the scheduler opens it.
		now := m.Store().Now()
		if _, err := m.App().Campaigns.Create(ctx, campaign.CreateRequest{Year: 2026, Title: "Label 2026",
			OpensAt: now.Add(-time.Hour), ClosesAt: now.AddDate(0, 1, 0)}, policy.Operator("test")); err != nil {
			t.Fatal(err)
		}
		jar, _ := cookiejar.New(nil)
		hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		get := func(path string) {
			resp, err := hc.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		get("/healthz")
		get("/healthz")
		get("/nulle-part")
		get("/connexion")
		u, _ := url.Parse(base)
		csrf := ""
		for _, c := range jar.Cookies(u) {
			if c.Name == "tnl_csrf" {
				csrf = c.Value
			}
		}
		resp, err := hc.PostForm(base+"/connexion", url.Values{"email": {"personne@exemple.fr"}, "password": {"mauvais mot de passe"}, "csrf": {csrf}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("wrong password: status %d", resp.StatusCode)
		}

		scrape := func(token string) (int, map[string]*dto.MetricFamily) {
			req, _ := http.NewRequest(http.MethodGet, "http://"+m.MetricsAddr()+"/metrics", nil)
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				io.Copy(io.Discard, resp.Body)
				return resp.StatusCode, nil
			}
			parser := expfmt.NewTextParser(model.UTF8Validation)
			families, err := parser.TextToMetricFamilies(resp.Body)
			if err != nil {
				t.Fatalf("parsing /metrics: %v", err)
			}
			return resp.StatusCode, families
		}
		if code, _ := scrape(""); code != http.StatusUnauthorized {
			t.Errorf("scrape without the token: %d", code)
		}
		if code, _ := scrape("wrong"); code != http.StatusUnauthorized {
			t.Errorf("scrape with a wrong token: %d", code)
		}
		var families map[string]*dto.MetricFamily
		deadline := time.Now().Add(20 * time.Second)
		for {
			_, families = scrape("secret")
			// The scheduler counts what it fired once the engine's Fire
			// returns, just after the transition's own count: wait for both.
			if value(families, "tnl_transitions_total", map[string]string{"lifecycle": "campagne", "event": "ouvrir"}) == 1 &&
				value(families, "tnl_scheduler_fired_total", nil) >= 1 &&
				value(families, "tnl_scheduler_job_runs_total", map[string]string{"job": "audit", "outcome": "ok"}) >= 1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the scheduler did not open the campaign or check the audit: %v", families["tnl_transitions_total"])
			}
			time.Sleep(50 * time.Millisecond)
		}
		checks := []struct {
			name   string
			labels map[string]string
			min    float64
			max    float64
		}{
			{"tnl_http_requests_total", map[string]string{"route": "GET /healthz", "code": "200"}, 2, 2},
			{"tnl_http_requests_total", map[string]string{"route": "other", "code": "404"}, 1, 1},
			{"tnl_http_requests_total", map[string]string{"route": "POST /connexion", "code": "422"}, 1, 1},
			{"tnl_http_request_duration_seconds", map[string]string{"route": "GET /healthz"}, 2, 2},
			{"tnl_signin_failures_total", map[string]string{"reason": "wrong_credentials"}, 1, 1},
			{"tnl_transitions_total", map[string]string{"lifecycle": "campagne", "event": "ouvrir"}, 1, 1},
			{"tnl_scheduler_runs_total", nil, 1, 1e9},
			{"tnl_scheduler_fired_total", nil, 1, 1},
			{"tnl_audit_verify_problems", nil, 0, 0},
			{"tnl_audit_verify_rows", nil, 0, 2}, // checked at the first tick, maybe before the campaign existed
			{"tnl_outbox_pending", nil, 0, 1e9},
			{"tnl_outbox_failed", nil, 0, 0},
			{"tnl_outbox_oldest_pending_age_seconds", nil, 0, 3600},
			{"tnl_outbox_up", nil, 1, 1},
			{"go_sql_max_open_connections", map[string]string{"db_name": dialect}, 1, 100},
		}
		for _, c := range checks {
			v := value(families, c.name, c.labels)
			if v < c.min || v > c.max {
				t.Errorf("%s%v = %v, want between %v and %v", c.name, c.labels, v, c.min, c.max)
			}
		}
	})
}

// value returns the value of the series of a family with these labels
// (the sample count of a histogram), or -1.
func value(families map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	f := families[name]
	if f == nil {
		return -1
	}
	for _, m := range f.Metric {
		match := true
		for k, v := range labels {
			found := false
			for _, l := range m.Label {
				if l.GetName() == k && l.GetValue() == v {
					found = true
				}
			}
			match = match && found
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		case m.Untyped != nil:
			return m.Untyped.GetValue()
		}
	}
	return -1
}
