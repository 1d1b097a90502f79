package server

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// startMetrics serves /metrics on its own listener, apart from the route
// table (Config.MetricsAddr, TNL_METRICS_ADDR), behind a bearer token when
// one is configured.
func (m *Main) startMetrics(addr, token string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("écoute des métriques sur %s impossible : %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.metrics.Handler(token))
	m.metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: time.Minute}
	m.metricsAddr = ln.Addr().String()
	go m.metricsSrv.Serve(ln) //nolint:errcheck // ends with ErrServerClosed
	if host, _, _ := net.SplitHostPort(m.metricsAddr); token == "" && !net.ParseIP(host).IsLoopback() {
		m.logger.Warn("metrics served without a token on a non-loopback address: set TNL_METRICS_TOKEN or filter the port", "addr", m.metricsAddr)
	}
	m.logger.Info("metrics listening", "addr", m.metricsAddr)
	return nil
}

// MetricsAddr returns the address /metrics is served on, or "".
func (m *Main) MetricsAddr() string { return m.metricsAddr }

func (m *Main) closeMetrics(ctx context.Context) error {
	if m.metricsSrv == nil {
		return nil
	}
	return m.metricsSrv.Shutdown(ctx)
}

// applyRetention runs the retention rules of personal data (the
// scheduler's retention job).
func (m *Main) applyRetention(ctx context.Context) error {
	rep, err := m.app.Privacy.Run(ctx)
	if err != nil {
		return err
	}
	for rule, n := range rep.Notices {
		m.logger.Info("retention: notices sent", "rule", rule, "count", n)
	}
	for rule, n := range rep.Deleted {
		m.logger.Info("retention: subjects deleted", "rule", rule, "count", n)
	}
	return nil
}

// checkAudit seals the audit days that have ended and verifies every
// chain; the outcome goes to the log and the metrics. It is the
// scheduler's daily audit job.
func (m *Main) checkAudit(ctx context.Context) error {
	sealed, err := m.store.SealAuditDays(ctx)
	if err != nil {
		return fmt.Errorf("audit : condensés quotidiens : %w", err)
	}
	rep, err := m.store.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	m.metrics.AuditVerified(rep, time.Now())
	if rep.OK() {
		m.logger.Info("audit: trail verified", "rows", rep.Rows, "chains", rep.Subjects, "days", rep.Days,
			"sealed", sealed, "last_day", rep.LastDay, "last_digest", rep.LastDigest)
		return nil
	}
	for i, p := range rep.Problems {
		if i == 20 {
			break
		}
		m.logger.Error("audit: trail altered", "kind", p.Kind, "subject_type", p.SubjectType, "subject_id", p.SubjectID,
			"row", p.RowID, "day", p.Day, "problem", p.Message)
	}
	m.logger.Error("audit: verification failed", "problems", len(rep.Problems), "rows", rep.Rows)
	return nil
}
