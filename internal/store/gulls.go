package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// GullMember is a person of a GULL, with their account's address and name.
type GullMember struct {
	bun.BaseModel `bun:"table:gull_members"`

	GullID    int64     `bun:"gull_id,pk"`
	UserID    int64     `bun:"user_id,pk"`
	Role      string    `bun:"role,notnull"` // domain.GullCoordinateur or domain.GullAmbassadeur
	CreatedAt time.Time `bun:"created_at,notnull"`

	Email string `bun:"email,scanonly"`
	Name  string `bun:"name,scanonly"`
}

// Membership is a GULL a person belongs to, with their role.
type Membership struct {
	Gull domain.Gull `bun:"embed:g_"`
	Role string      `bun:"role"`
}

// CreateGull inserts a GULL with its zone and its first coordinator.
func (t *Tx) CreateGull(ctx context.Context, g *domain.Gull, zones []domain.GullZone, coordinator int64) error {
	now := t.Now()
	g.CreatedAt, g.UpdatedAt, g.Version = now, now, 1
	if _, err := t.tx.NewInsert().Model(g).Returning("id").Exec(ctx); err != nil {
		if isUniqueViolation(err) {
			return &domain.Error{Code: domain.EConflict, Message: "Un GULL porte déjà ce nom : choisissez-en un autre.",
				Fields: map[string]string{"name": "Ce nom est déjà pris."}}
		}
		return err
	}
	if err := t.SetGullZones(ctx, g.ID, zones); err != nil {
		return err
	}
	return t.AddGullMember(ctx, g.ID, coordinator, domain.GullCoordinateur)
}

// UpdateGull writes a GULL's description (not its state), bumping its version.
func (t *Tx) UpdateGull(ctx context.Context, g *domain.Gull) error {
	res, err := t.tx.NewUpdate().Model(g).
		Column("name", "website", "email", "description", "home_commune_code").
		Set("updated_at = ?", t.Now()).Set("version = version + 1").
		Where("id = ? AND version = ?", g.ID, g.Version).Exec(ctx)
	if err != nil {
		if isUniqueViolation(err) {
			return &domain.Error{Code: domain.EConflict, Message: "Un GULL porte déjà ce nom : choisissez-en un autre.",
				Fields: map[string]string{"name": "Ce nom est déjà pris."}}
		}
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.EConflict, "Quelqu’un a modifié ce GULL en même temps que vous : rechargez la page.")
	}
	return nil
}

// SetGullZones replaces a GULL's zone of action.
func (t *Tx) SetGullZones(ctx context.Context, gullID int64, zones []domain.GullZone) error {
	if _, err := t.tx.NewDelete().Model((*domain.GullZone)(nil)).Where("gull_id = ?", gullID).Exec(ctx); err != nil {
		return err
	}
	if len(zones) == 0 {
		return nil
	}
	for i := range zones {
		zones[i].GullID = gullID
	}
	_, err := t.tx.NewInsert().Model(&zones).On("CONFLICT DO NOTHING").Exec(ctx)
	return err
}

// MarkGullValidated records when staff validated a GULL.
func (t *Tx) MarkGullValidated(ctx context.Context, id int64) error {
	_, err := t.tx.NewUpdate().Model((*domain.Gull)(nil)).Set("validated_at = COALESCE(validated_at, ?)", t.Now()).Where("id = ?", id).Exec(ctx)
	return err
}

// AddGullMember adds a person to a GULL (a coordinator stays coordinator).
func (t *Tx) AddGullMember(ctx context.Context, gullID, userID int64, role string) error {
	m := &GullMember{GullID: gullID, UserID: userID, Role: role, CreatedAt: t.Now()}
	q := t.tx.NewInsert().Model(m)
	if role == domain.GullCoordinateur {
		q = q.On("CONFLICT (gull_id, user_id) DO UPDATE").Set("role = EXCLUDED.role")
	} else {
		q = q.On("CONFLICT DO NOTHING")
	}
	_, err := q.Exec(ctx)
	return err
}

// RemoveGullMember takes a person out of a GULL; the last coordinator stays.
func (s *Store) RemoveGullMember(ctx context.Context, gullID, userID int64) error {
	return s.InTx(ctx, func(tx *Tx) error {
		members, err := gullMembers(ctx, tx.tx, gullID)
		if err != nil {
			return err
		}
		coordinators, found := 0, ""
		for _, m := range members {
			if m.Role == domain.GullCoordinateur {
				coordinators++
			}
			if m.UserID == userID {
				found = m.Role
			}
		}
		if found == "" {
			return domain.Errorf(domain.ENotFound, "Cette personne n’est pas membre du GULL.")
		}
		if found == domain.GullCoordinateur && coordinators == 1 {
			return domain.Errorf(domain.EUnprocessable, "Le GULL garde au moins une personne à sa coordination : invitez-en une autre avant de vous retirer.")
		}
		_, err = tx.tx.NewDelete().Model((*GullMember)(nil)).Where("gull_id = ? AND user_id = ?", gullID, userID).Exec(ctx)
		return err
	})
}

// Gull returns a GULL by id.
func (s *Store) Gull(ctx context.Context, id int64) (*domain.Gull, error) {
	return gullBy(ctx, s.db, "", "id = ?", id)
}

// Gull returns a GULL by id inside the transaction, locked for update.
func (t *Tx) Gull(ctx context.Context, id int64) (*domain.Gull, error) {
	return gullBy(ctx, t.tx, t.lock("UPDATE"), "id = ?", id)
}

// GullBySlug returns a GULL by the name of its public page.
func (s *Store) GullBySlug(ctx context.Context, slug string) (*domain.Gull, error) {
	return gullBy(ctx, s.db, "", "slug = ?", slug)
}

func gullBy(ctx context.Context, db bun.IDB, lock, where string, arg any) (*domain.Gull, error) {
	g := new(domain.Gull)
	q := db.NewSelect().Model(g).Where(where, arg)
	if lock != "" {
		q = q.For(lock)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "GULL introuvable.")
	}
	return g, nil
}

// Gulls lists the GULLs in the given states (all when none), by name.
func (s *Store) Gulls(ctx context.Context, states ...string) ([]domain.Gull, error) {
	var rows []domain.Gull
	q := s.db.NewSelect().Model(&rows).OrderExpr("name")
	if len(states) > 0 {
		q = q.Where("state IN (?)", bun.List(states))
	}
	return rows, q.Scan(ctx)
}

// GullZones returns a GULL's zone, by kind then code.
func (s *Store) GullZones(ctx context.Context, gullID int64) ([]domain.GullZone, error) {
	var rows []domain.GullZone
	err := s.db.NewSelect().Model(&rows).Where("gull_id = ?", gullID).Order("kind", "code").Scan(ctx)
	return rows, err
}

// AllGullZones returns the zones of every GULL, by GULL.
func (s *Store) AllGullZones(ctx context.Context) (map[int64][]domain.GullZone, error) {
	var rows []domain.GullZone
	if err := s.db.NewSelect().Model(&rows).Order("gull_id", "kind", "code").Scan(ctx); err != nil {
		return nil, err
	}
	out := map[int64][]domain.GullZone{}
	for _, z := range rows {
		out[z.GullID] = append(out[z.GullID], z)
	}
	return out, nil
}

// GullMembers lists a GULL's members, coordinators first.
func (s *Store) GullMembers(ctx context.Context, gullID int64) ([]GullMember, error) {
	return gullMembers(ctx, s.db, gullID)
}

// GullMembers is Store.GullMembers inside the transaction.
func (t *Tx) GullMembers(ctx context.Context, gullID int64) ([]GullMember, error) {
	return gullMembers(ctx, t.tx, gullID)
}

func gullMembers(ctx context.Context, db bun.IDB, gullID int64) ([]GullMember, error) {
	var rows []GullMember
	err := db.NewSelect().Model(&rows).ColumnExpr("gull_member.*, u.email, u.name").
		Join("JOIN users AS u ON u.id = gull_member.user_id").
		Where("gull_member.gull_id = ?", gullID).
		OrderExpr("CASE gull_member.role WHEN 'coordinateur' THEN 0 ELSE 1 END, u.name, u.email").Scan(ctx)
	return rows, err
}

// GullRole returns a person's role in a GULL, or "".
func (t *Tx) GullRole(ctx context.Context, gullID, userID int64) (string, error) {
	var roles []string
	err := t.tx.NewSelect().Model((*GullMember)(nil)).Column("role").Where("gull_id = ? AND user_id = ?", gullID, userID).Scan(ctx, &roles)
	if err != nil || len(roles) == 0 {
		return "", err
	}
	return roles[0], nil
}

// Memberships lists the GULLs a person belongs to, by name.
func (s *Store) Memberships(ctx context.Context, userID int64) ([]Membership, error) {
	var rows []Membership
	err := s.db.NewSelect().TableExpr("gull_members AS m").
		ColumnExpr("m.role").
		ColumnExpr("g.id AS g_id, g.slug AS g_slug, g.name AS g_name, g.website AS g_website, g.email AS g_email").
		ColumnExpr("g.description AS g_description, g.home_commune_code AS g_home_commune_code, g.state AS g_state").
		ColumnExpr("g.created_by AS g_created_by, g.validated_at AS g_validated_at, g.created_at AS g_created_at").
		ColumnExpr("g.updated_at AS g_updated_at, g.version AS g_version").
		Join("JOIN gulls AS g ON g.id = m.gull_id").
		Where("m.user_id = ?", userID).OrderExpr("g.name").Scan(ctx, &rows)
	return rows, err
}

// GullContact is a member of a GULL to tell about a request.
type GullContact struct {
	GullID int64  `bun:"gull_id"`
	UserID int64  `bun:"user_id"`
	Email  string `bun:"email"`
	Name   string `bun:"name"`
}

// GullContacts lists the members of the given GULLs, by GULL then address.
func (t *Tx) GullContacts(ctx context.Context, gullIDs []int64) ([]GullContact, error) {
	if len(gullIDs) == 0 {
		return nil, nil
	}
	var rows []GullContact
	err := t.tx.NewSelect().TableExpr("gull_members AS m").ColumnExpr("m.gull_id, m.user_id, u.email, u.name").
		Join("JOIN users AS u ON u.id = m.user_id").
		Where("m.gull_id IN (?)", bun.List(gullIDs)).OrderExpr("m.gull_id, u.email").Scan(ctx, &rows)
	return rows, err
}

// RoutableGull is a validated GULL as routing needs it.
type RoutableGull struct {
	ID              int64  `bun:"id"`
	Name            string `bun:"name"`
	HomeCommuneCode string `bun:"home_commune_code"`
}

// RoutableGulls lists the validated GULLs.
func (t *Tx) RoutableGulls(ctx context.Context) ([]RoutableGull, error) {
	var rows []RoutableGull
	err := t.tx.NewSelect().Model((*domain.Gull)(nil)).Column("id", "name", "home_commune_code").
		Where("state = ?", domain.GullValidated).Order("id").Scan(ctx, &rows)
	return rows, err
}

// GullsCovering returns the validated GULLs whose zone holds one of the
// territories, by id.
func (t *Tx) GullsCovering(ctx context.Context, areas []domain.GullZone) ([]int64, error) {
	if len(areas) == 0 {
		return nil, nil
	}
	var ids []int64
	q := t.tx.NewSelect().TableExpr("gull_zones AS z").ColumnExpr("DISTINCT z.gull_id").
		Join("JOIN gulls AS g ON g.id = z.gull_id").Where("g.state = ?", domain.GullValidated)
	q = q.WhereGroup(" AND ", func(q *bun.SelectQuery) *bun.SelectQuery {
		for _, a := range areas {
			q = q.WhereOr("z.kind = ? AND z.code = ?", a.Kind, a.Code)
		}
		return q
	})
	err := q.OrderExpr("z.gull_id").Scan(ctx, &ids)
	return ids, err
}

// EPCIsOf returns the SIREN of the EPCI a commune belongs to.
func (t *Tx) EPCIsOf(ctx context.Context, communeCode string) ([]string, error) {
	var codes []string
	err := t.tx.NewSelect().Model((*domain.EPCIMember)(nil)).Column("epci_code").Where("commune_code = ?", communeCode).Order("epci_code").Scan(ctx, &codes)
	return codes, err
}
