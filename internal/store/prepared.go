package store

import (
	"context"
	"database/sql"
)

// The two statements of an answer save (the session read with the
// candidature, then the save) run as prepared statements on PostgreSQL:
// bun writes every value into the SQL text, so the server parses and plans
// each of its statements anew, and the pool is in pgx's simple protocol for
// that reason (see Open). Measured with pgbench on the benchmark's database
// (2 cores, 4 clients), the session and candidature read went from 2,853 to
// 13,621 per second as a prepared statement (its five subqueries and three
// joins cost more to plan than to run), the save's UPDATE from 1,829 to
// 2,837. pgx prepares each one once per connection and keeps it in the
// connection's statement cache (QueryExecModeCacheStatement, unless the
// database URL chooses a default_query_exec_mode); the text is constant,
// the values are parameters. The statements go through
// database/sql, not bun, and are counted in Stats apart.

// queryPrepared runs a query as a prepared statement (PostgreSQL only).
func (s *Store) queryPrepared(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	s.prepared.Add(1)
	return s.db.DB.QueryContext(ctx, query, append([]any{s.preparedMode}, args...)...)
}

// execPrepared runs a statement as a prepared statement (PostgreSQL only).
func (s *Store) execPrepared(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s.prepared.Add(1)
	return s.db.DB.ExecContext(ctx, query, append([]any{s.preparedMode}, args...)...)
}

// PostgreSQL's texts of an answer save (PutAnswerIfEditable), the same
// statements as the SQLite ones written with bun.
const (
	pgInsertAnswerIfEditable = `INSERT INTO answers (candidature_id, question_key, value, questionnaire_version, updated_by, updated_at, version)
		SELECT c.id, $1, $2, $3, $4, $5, 1 FROM candidatures AS c WHERE c.id = $6 AND c.state = ANY($7) FOR SHARE
		ON CONFLICT (candidature_id, question_key) DO NOTHING`
	pgUpdateAnswerIfEditable = `UPDATE answers SET value = $1, questionnaire_version = $2, updated_by = $3, updated_at = $4, version = version + 1
		WHERE candidature_id = $5 AND question_key = $6 AND version = $7 AND value <> $1
		AND candidature_id IN (SELECT id FROM candidatures WHERE id = $5 AND state = ANY($8) FOR SHARE)`
)
