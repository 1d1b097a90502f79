// Package metrics is tnl's Prometheus instrumentation: one registry per
// server process with the requests by route pattern, the database pool, the
// transitions by lifecycle and event, the outbox, the sign-in failures, the
// scheduler and the audit's daily check. Every method is a no-op on a nil
// *Metrics, so that the command line, which exports nothing, passes nil.
package metrics

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/adullact/tnl/internal/store"
)

// Metrics holds the registry and its instruments.
type Metrics struct {
	reg *prometheus.Registry

	requests       *prometheus.CounterVec
	latency        *prometheus.HistogramVec
	transitions    *prometheus.CounterVec
	signInFailures *prometheus.CounterVec
	deliveries     *prometheus.CounterVec
	schedulerTicks prometheus.Counter
	timedFired     prometheus.Counter
	tickSeconds    prometheus.Histogram
	jobs           *prometheus.CounterVec
	jobSeconds     *prometheus.HistogramVec
	auditProblems  prometheus.Gauge
	auditRows      prometheus.Gauge
	auditChecked   prometheus.Gauge
	retention      *prometheus.CounterVec
}

// New returns the instruments of a process on st: the Go runtime, the
// process, the database pool and the outbox are read at each scrape.
func New(st *store.Store) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tnl_http_requests_total",
		Help: "HTTP requests answered, by route pattern (method and path pattern of the route table) and status code."}, []string{"route", "code"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tnl_http_request_duration_seconds",
		Help:    "Time to answer an HTTP request, by route pattern.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"route"})
	m.transitions = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tnl_transitions_total",
		Help: "Lifecycle transitions committed, by lifecycle and event (cascades and timed events included)."}, []string{"lifecycle", "event"})
	m.signInFailures = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tnl_signin_failures_total",
		Help: "Refused sign-ins: wrong address or password, or throttled."}, []string{"reason"})
	m.deliveries = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tnl_outbox_deliveries_total",
		Help: "Outbox delivery attempts by outcome: sent, failed (to be retried), given_up, interrupted."}, []string{"outcome"})
	m.schedulerTicks = prometheus.NewCounter(prometheus.CounterOpts{Name: "tnl_scheduler_runs_total",
		Help: "Runs of the scheduler of timed events."})
	m.timedFired = prometheus.NewCounter(prometheus.CounterOpts{Name: "tnl_scheduler_fired_total",
		Help: "Timed events this process fired."})
	m.tickSeconds = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "tnl_scheduler_run_duration_seconds",
		Help: "Time of a scheduler run (timed events and due jobs).", Buckets: prometheus.ExponentialBuckets(.001, 4, 10)})
	m.jobs = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tnl_scheduler_job_runs_total",
		Help: "Runs of the scheduler's periodic jobs (audit, retention), by job and outcome (ok, error)."}, []string{"job", "outcome"})
	m.jobSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "tnl_scheduler_job_duration_seconds",
		Help: "Time of a periodic job.", Buckets: prometheus.ExponentialBuckets(.001, 4, 10)}, []string{"job"})
	m.auditProblems = prometheus.NewGauge(prometheus.GaugeOpts{Name: "tnl_audit_verify_problems",
		Help: "Broken links found by the last check of the audit trail (0: intact)."})
	m.auditRows = prometheus.NewGauge(prometheus.GaugeOpts{Name: "tnl_audit_verify_rows",
		Help: "Audit rows the last check verified."})
	m.auditChecked = prometheus.NewGauge(prometheus.GaugeOpts{Name: "tnl_audit_verify_timestamp_seconds",
		Help: "When the audit trail was last checked (Unix time)."})
	m.retention = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "tnl_retention_total",
		Help: "Personal data retention: notices sent and subjects deleted, by rule."}, []string{"rule", "action"})
	m.reg.MustRegister(m.requests, m.latency, m.transitions, m.signInFailures, m.deliveries, m.schedulerTicks, m.timedFired,
		m.tickSeconds, m.jobs, m.jobSeconds, m.auditProblems, m.auditRows, m.auditChecked, m.retention,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if st != nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(st.DB().DB, st.Dialect()), &outboxCollector{st: st})
	}
	return m
}

// Handler serves the registry in the Prometheus text format. With a
// token, it answers only requests bearing it (Authorization: Bearer …).
func (m *Metrics) Handler(token string) http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
	if token == "" {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="tnl-metrics"`)
			http.Error(w, "jeton des métriques manquant ou invalide", http.StatusUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// Request counts an answered request of a route.
func (m *Metrics) Request(route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

// Transitions counts n committed transitions of a lifecycle's event.
func (m *Metrics) Transitions(lifecycle, event string, n int) {
	if m == nil {
		return
	}
	m.transitions.WithLabelValues(lifecycle, event).Add(float64(n))
}

// SignInFailure counts a refused sign-in.
func (m *Metrics) SignInFailure(reason string) {
	if m == nil {
		return
	}
	m.signInFailures.WithLabelValues(reason).Inc()
}

// Delivery counts an outbox delivery attempt.
func (m *Metrics) Delivery(outcome string) {
	if m == nil {
		return
	}
	m.deliveries.WithLabelValues(outcome).Inc()
}

// SchedulerRun counts a run of the scheduler and the timed events it fired.
func (m *Metrics) SchedulerRun(d time.Duration, fired int) {
	if m == nil {
		return
	}
	m.schedulerTicks.Inc()
	m.timedFired.Add(float64(fired))
	m.tickSeconds.Observe(d.Seconds())
}

// Job counts a run of a periodic job.
func (m *Metrics) Job(name string, d time.Duration, err error) {
	if m == nil {
		return
	}
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	m.jobs.WithLabelValues(name, outcome).Inc()
	m.jobSeconds.WithLabelValues(name).Observe(d.Seconds())
}

// AuditVerified records the outcome of a check of the audit trail.
func (m *Metrics) AuditVerified(rep *store.AuditReport, at time.Time) {
	if m == nil || rep == nil {
		return
	}
	m.auditProblems.Set(float64(len(rep.Problems)))
	m.auditRows.Set(float64(rep.Rows))
	m.auditChecked.Set(float64(at.Unix()))
}

// Retention counts the notices sent or the subjects deleted by a rule.
func (m *Metrics) Retention(rule, action string, n int) {
	if m == nil || n == 0 {
		return
	}
	m.retention.WithLabelValues(rule, action).Add(float64(n))
}

// outboxCollector reads the outbox at each scrape.
type outboxCollector struct{ st *store.Store }

var (
	outboxPending = prometheus.NewDesc("tnl_outbox_pending", "Messages waiting to be sent (new, retrying or being sent).", nil, nil)
	outboxFailed  = prometheus.NewDesc("tnl_outbox_failed", "Messages given up after their last attempt, until staff requeue them.", nil, nil)
	outboxOldest  = prometheus.NewDesc("tnl_outbox_oldest_pending_age_seconds", "Age of the oldest message waiting to be sent (0 when none).", nil, nil)
	outboxUp      = prometheus.NewDesc("tnl_outbox_up", "1 when the outbox could be read at this scrape.", nil, nil)
)

func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- outboxPending
	ch <- outboxFailed
	ch <- outboxOldest
	ch <- outboxUp
}

func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	h, err := c.st.OutboxHealth(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(outboxUp, prometheus.GaugeValue, 0)
		return
	}
	age := 0.0
	if !h.OldestPending.IsZero() {
		age = max(0, c.st.Now().Sub(h.OldestPending).Seconds())
	}
	ch <- prometheus.MustNewConstMetric(outboxUp, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(outboxPending, prometheus.GaugeValue, float64(h.Pending))
	ch <- prometheus.MustNewConstMetric(outboxFailed, prometheus.GaugeValue, float64(h.Failed))
	ch <- prometheus.MustNewConstMetric(outboxOldest, prometheus.GaugeValue, age)
}
