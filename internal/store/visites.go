package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// CreateVisite inserts a visit request in its initial state.
func (t *Tx) CreateVisite(ctx context.Context, v *domain.Visite) error {
	now := t.Now()
	v.CreatedAt, v.UpdatedAt, v.Version = now, now, 1
	if v.Topics == nil {
		v.Topics = []string{}
	}
	v.ContactEmail = NormalizeEmail(v.ContactEmail)
	_, err := t.tx.NewInsert().Model(v).Returning("id").Exec(ctx)
	return err
}

// Visite returns a visit request by id.
func (s *Store) Visite(ctx context.Context, id int64) (*domain.Visite, error) {
	return visiteBy(ctx, s.db, "", "id = ?", id)
}

// Visite returns a visit request inside the transaction, locked for update.
func (t *Tx) Visite(ctx context.Context, id int64) (*domain.Visite, error) {
	return visiteBy(ctx, t.tx, t.lock("UPDATE"), "id = ?", id)
}

func visiteBy(ctx context.Context, db bun.IDB, lock, where string, arg any) (*domain.Visite, error) {
	v := new(domain.Visite)
	q := db.NewSelect().Model(v).Where(where, arg)
	if lock != "" {
		q = q.For(lock)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "Demande de visite introuvable.")
	}
	return v, nil
}

// OpenVisiteOf returns the request of a collectivité still in progress,
// or a not-found error.
func (s *Store) OpenVisiteOf(ctx context.Context, collectiviteID int64) (*domain.Visite, error) {
	v := new(domain.Visite)
	err := s.db.NewSelect().Model(v).Where("collectivite_id = ? AND state IN (?)", collectiviteID, bun.List(domain.VisiteOpenStates())).
		Order("id").Limit(1).Scan(ctx)
	if err != nil {
		return nil, notFound(err, "Aucune demande en cours.")
	}
	return v, nil
}

// CountVisitesSince counts the requests made for a collectivité since a time.
func (s *Store) CountVisitesSince(ctx context.Context, collectiviteID int64, since time.Time) (int, error) {
	n, err := s.db.NewSelect().Model((*domain.Visite)(nil)).Where("collectivite_id = ? AND created_at > ?", collectiviteID, since).Count(ctx)
	return int(n), err
}

func (t *Tx) updateVisite(ctx context.Context, id int64, set func(*bun.UpdateQuery) *bun.UpdateQuery) error {
	_, err := set(t.tx.NewUpdate().Model((*domain.Visite)(nil))).Where("id = ?", id).Exec(ctx)
	return err
}

// MarkVisiteConfirmed records the confirmation of the contact's address.
func (t *Tx) MarkVisiteConfirmed(ctx context.Context, id int64) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("confirmed_at = COALESCE(confirmed_at, ?)", t.Now())
	})
}

// SetVisiteRound records a routing round: GULLs were added now.
func (t *Tx) SetVisiteRound(ctx context.Context, id int64, round int) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("routing_round = ?", round).Set("routed_at = ?", t.Now()).Set("reminded_at = NULL")
	})
}

// RestartVisiteClock starts the wait for an ambassadeur again (a request
// released), keeping its round.
func (t *Tx) RestartVisiteClock(ctx context.Context, id int64) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("routed_at = ?", t.Now()).Set("reminded_at = NULL")
	})
}

// MarkVisiteReminded records the reminder of the current round.
func (t *Tx) MarkVisiteReminded(ctx context.Context, id int64) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery { return q.Set("reminded_at = ?", t.Now()) })
}

// MarkVisiteEscalated records that staff were asked to act.
func (t *Tx) MarkVisiteEscalated(ctx context.Context, id int64) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery { return q.Set("escalated_at = ?", t.Now()) })
}

// SetVisiteAmbassadeur records who took the request, for which GULL; a
// zero userID releases it.
func (t *Tx) SetVisiteAmbassadeur(ctx context.Context, id, gullID, userID int64) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		if userID == 0 {
			return q.Set("ambassadeur_id = NULL").Set("gull_id = NULL").Set("taken_at = NULL").Set("rendezvous_at = NULL")
		}
		return q.Set("ambassadeur_id = ?", userID).Set("gull_id = ?", gullID).Set("taken_at = ?", t.Now())
	})
}

// SetVisiteRendezVous records the date of the visit.
func (t *Tx) SetVisiteRendezVous(ctx context.Context, id int64, at time.Time) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery { return q.Set("rendezvous_at = ?", at.UTC()) })
}

// MarkVisiteVisited records that the visit took place.
func (t *Tx) MarkVisiteVisited(ctx context.Context, id int64) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("visited_at = COALESCE(visited_at, ?)", t.Now())
	})
}

// CloseVisite records the end of a request: why, and the candidature it
// led to, if any.
func (t *Tx) CloseVisite(ctx context.Context, id int64, reason string, candidatureID *int64) error {
	return t.updateVisite(ctx, id, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("closed_at = ?", t.Now()).Set("reason = ?", reason).Set("candidature_id = ?", candidatureID)
	})
}

// SetVisiteConsent records whether the mairie agrees to appear on the
// public site.
func (s *Store) SetVisiteConsent(ctx context.Context, id int64, consent bool) error {
	_, err := s.db.NewUpdate().Model((*domain.Visite)(nil)).Set("consent_public = ?", consent).Where("id = ?", id).Exec(ctx)
	return err
}

// AddVisiteRoutes records the GULLs a request is routed to (a GULL already
// there keeps its first route).
func (t *Tx) AddVisiteRoutes(ctx context.Context, routes []domain.VisiteRoute) error {
	if len(routes) == 0 {
		return nil
	}
	now := t.Now()
	for i := range routes {
		routes[i].CreatedAt = now
	}
	_, err := t.tx.NewInsert().Model(&routes).On("CONFLICT DO NOTHING").Exec(ctx)
	return err
}

// VisiteRoutes lists the GULLs a request is routed to, nearest first.
func (s *Store) VisiteRoutes(ctx context.Context, visiteID int64) ([]domain.VisiteRoute, error) {
	return visiteRoutes(ctx, s.db, visiteID)
}

// VisiteRoutes is Store.VisiteRoutes inside the transaction.
func (t *Tx) VisiteRoutes(ctx context.Context, visiteID int64) ([]domain.VisiteRoute, error) {
	return visiteRoutes(ctx, t.tx, visiteID)
}

func visiteRoutes(ctx context.Context, db bun.IDB, visiteID int64) ([]domain.VisiteRoute, error) {
	var rows []domain.VisiteRoute
	err := db.NewSelect().Model(&rows).ColumnExpr("visite_route.*, g.name AS gull_name, g.slug AS gull_slug").
		Join("JOIN gulls AS g ON g.id = visite_route.gull_id").
		Where("visite_route.visite_id = ?", visiteID).
		OrderExpr("visite_route.routing_round, visite_route.hors_zone, visite_route.distance_km, g.name").Scan(ctx)
	return rows, err
}

// AddVisiteDecline records an ambassadeur's « Pas pour moi » (a second one
// replaces the reason).
func (t *Tx) AddVisiteDecline(ctx context.Context, d *domain.VisiteDecline) error {
	d.CreatedAt = t.Now()
	_, err := t.tx.NewInsert().Model(d).On("CONFLICT (visite_id, user_id) DO UPDATE").Set("reason = EXCLUDED.reason").Exec(ctx)
	return err
}

// VisiteDeclines lists who declined a request.
func (s *Store) VisiteDeclines(ctx context.Context, visiteID int64) ([]domain.VisiteDecline, error) {
	return visiteDeclines(ctx, s.db, visiteID)
}

// VisiteDeclines is Store.VisiteDeclines inside the transaction.
func (t *Tx) VisiteDeclines(ctx context.Context, visiteID int64) ([]domain.VisiteDecline, error) {
	return visiteDeclines(ctx, t.tx, visiteID)
}

func visiteDeclines(ctx context.Context, db bun.IDB, visiteID int64) ([]domain.VisiteDecline, error) {
	var rows []domain.VisiteDecline
	err := db.NewSelect().Model(&rows).ColumnExpr("visite_decline.*, u.name").
		Join("JOIN users AS u ON u.id = visite_decline.user_id").
		Where("visite_decline.visite_id = ?", visiteID).Order("visite_decline.created_at").Scan(ctx)
	return rows, err
}

// PutVisiteReport writes a visit's report.
func (t *Tx) PutVisiteReport(ctx context.Context, r *domain.VisiteReport) error {
	now := t.Now()
	r.CreatedAt, r.UpdatedAt = now, now
	for _, l := range []*[]string{&r.Points, &r.Documents, &r.Logiciels} {
		if *l == nil {
			*l = []string{}
		}
	}
	_, err := t.tx.NewInsert().Model(r).On("CONFLICT (visite_id) DO UPDATE").
		Set("author_id = EXCLUDED.author_id").Set("kit_version = EXCLUDED.kit_version").
		Set("points = EXCLUDED.points").Set("documents = EXCLUDED.documents").Set("logiciels = EXCLUDED.logiciels").
		Set("notes = EXCLUDED.notes").Set("next_step = EXCLUDED.next_step").Set("public_summary = EXCLUDED.public_summary").
		Set("updated_at = EXCLUDED.updated_at").Exec(ctx)
	return err
}

// VisiteReport returns a visit's report.
func (s *Store) VisiteReport(ctx context.Context, visiteID int64) (*domain.VisiteReport, error) {
	r := new(domain.VisiteReport)
	if err := s.db.NewSelect().Model(r).Where("visite_id = ?", visiteID).Scan(ctx); err != nil {
		return nil, notFound(err, "Pas encore de compte rendu.")
	}
	return r, nil
}

// VisiteGullRole returns a person's best role in the validated GULLs a
// request is routed to: coordinator, ambassadeur or "".
func (t *Tx) VisiteGullRole(ctx context.Context, visiteID, userID int64) (string, error) {
	var roles []string
	err := t.tx.NewSelect().TableExpr("visite_routes AS r").ColumnExpr("m.role").
		Join("JOIN gull_members AS m ON m.gull_id = r.gull_id").
		Join("JOIN gulls AS g ON g.id = r.gull_id").
		Where("r.visite_id = ? AND m.user_id = ? AND g.state = ?", visiteID, userID, domain.GullValidated).Scan(ctx, &roles)
	if err != nil {
		return "", err
	}
	best := ""
	for _, r := range roles {
		if r == domain.GullCoordinateur || best == "" {
			best = r
		}
	}
	return best, nil
}

// RoutedGullsOf returns, among the GULLs a request is routed to, the
// validated ones the person belongs to, by id.
func (t *Tx) RoutedGullsOf(ctx context.Context, visiteID, userID int64) ([]int64, error) {
	var ids []int64
	err := t.tx.NewSelect().TableExpr("visite_routes AS r").ColumnExpr("r.gull_id").
		Join("JOIN gull_members AS m ON m.gull_id = r.gull_id").
		Join("JOIN gulls AS g ON g.id = r.gull_id").
		Where("r.visite_id = ? AND m.user_id = ? AND g.state = ?", visiteID, userID, domain.GullValidated).
		OrderExpr("r.routing_round, r.distance_km, r.gull_id").Scan(ctx, &ids)
	return ids, err
}

// Due is a subject whose timed event is due, at the version it was read.
type Due struct {
	ID      int64 `bun:"id"`
	Version int   `bun:"version"`
}

// VisitesDue lists the requests in a state whose column is set and at or
// before a time, with extra conditions (fixed SQL of the caller's, never a
// request's), oldest first.
func (s *Store) VisitesDue(ctx context.Context, state, column string, before time.Time, extra string) ([]Due, error) {
	var rows []Due
	q := s.db.NewSelect().Model((*domain.Visite)(nil)).Column("id", "version").
		Where("state = ?", state).Where("? IS NOT NULL AND ? <= ?", bun.Ident(column), bun.Ident(column), before)
	if extra != "" {
		q = q.Where(extra)
	}
	err := q.Order("id").Limit(1000).Scan(ctx, &rows)
	return rows, err
}

// VisiteReport is Store.VisiteReport inside the transaction.
func (t *Tx) VisiteReport(ctx context.Context, visiteID int64) (*domain.VisiteReport, error) {
	r := new(domain.VisiteReport)
	if err := t.tx.NewSelect().Model(r).Where("visite_id = ?", visiteID).Scan(ctx); err != nil {
		return nil, notFound(err, "Pas encore de compte rendu.")
	}
	return r, nil
}
