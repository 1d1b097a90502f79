package store

import "time"

// Stats are the store's counters since it was opened: statements sent
// (BEGIN and COMMIT included, the prepared ones too) and the state of the
// connection pool.
type Stats struct {
	Queries         int64         `json:"queries"`
	QueryErrors     int64         `json:"query_errors"`
	MaxOpen         int           `json:"max_open_connections"`
	Open            int           `json:"open_connections"`
	InUse           int           `json:"in_use"`
	Idle            int           `json:"idle"`
	WaitCount       int64         `json:"wait_count"`
	WaitDuration    time.Duration `json:"wait_duration_ns"`
	MaxIdleClosed   int64         `json:"max_idle_closed"`
	MaxIdleTimeDrop int64         `json:"max_idle_time_closed"`
}

// Stats returns the store's counters, for profiling.
func (s *Store) Stats() Stats {
	q := s.db.DBStats()
	p := s.db.DB.Stats()
	return Stats{
		Queries: int64(q.Queries) + s.prepared.Load(), QueryErrors: int64(q.Errors),
		MaxOpen: p.MaxOpenConnections, Open: p.OpenConnections, InUse: p.InUse, Idle: p.Idle,
		WaitCount: p.WaitCount, WaitDuration: p.WaitDuration, MaxIdleClosed: p.MaxIdleClosed, MaxIdleTimeDrop: p.MaxIdleTimeClosed,
	}
}
