package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// CreateCourrier inserts a mailing campaign with its recipients.
func (t *Tx) CreateCourrier(ctx context.Context, c *domain.Courrier, recipients []domain.CourrierDestinataire) error {
	now := t.Now()
	c.CreatedAt, c.UpdatedAt, c.Version = now, now, 1
	if _, err := t.tx.NewInsert().Model(c).Returning("id").Exec(ctx); err != nil {
		return err
	}
	for i := range recipients {
		recipients[i].CourrierID = c.ID
	}
	for start := 0; start < len(recipients); start += territoryBatch {
		batch := recipients[start:min(start+territoryBatch, len(recipients))]
		if _, err := t.tx.NewInsert().Model(&batch).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Courrier returns a campaign by id.
func (s *Store) Courrier(ctx context.Context, id int64) (*domain.Courrier, error) {
	return courrierBy(ctx, s.db, "", id)
}

// Courrier returns a campaign inside the transaction, locked for update.
func (t *Tx) Courrier(ctx context.Context, id int64) (*domain.Courrier, error) {
	return courrierBy(ctx, t.tx, t.lock("UPDATE"), id)
}

func courrierBy(ctx context.Context, db bun.IDB, lock string, id int64) (*domain.Courrier, error) {
	c := new(domain.Courrier)
	q := db.NewSelect().Model(c).Where("id = ?", id)
	if lock != "" {
		q = q.For(lock)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "Campagne de courrier introuvable.")
	}
	return c, nil
}

// Courriers lists the campaigns, newest first; partnerID, when not 0, keeps
// that partner's.
func (s *Store) Courriers(ctx context.Context, partnerID int64) ([]domain.Courrier, error) {
	var rows []domain.Courrier
	q := s.db.NewSelect().Model(&rows).Order("id DESC")
	if partnerID != 0 {
		q = q.Where("partner_id = ?", partnerID)
	}
	return rows, q.Scan(ctx)
}

// UpdateCourrier writes a campaign's texts, dates and partner.
func (t *Tx) UpdateCourrier(ctx context.Context, c *domain.Courrier) error {
	res, err := t.tx.NewUpdate().Model(c).
		Column("title", "sender", "signature", "email_subject", "letter", "reminder", "remind_after", "partner_id", "channel").
		Set("updated_at = ?", t.Now()).Set("version = version + 1").
		Where("id = ? AND version = ?", c.ID, c.Version).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.EConflict, "Quelqu’un a modifié cette campagne en même temps que vous : rechargez la page.")
	}
	return nil
}

// CountDestinataires counts a campaign's recipients, and those with an
// email address.
func (t *Tx) CountDestinataires(ctx context.Context, courrierID int64) (n, withEmail int, err error) {
	var row struct {
		N int `bun:"n"`
		E int `bun:"e"`
	}
	err = t.tx.NewSelect().Model((*domain.CourrierDestinataire)(nil)).
		ColumnExpr("count(*) AS n, count(CASE WHEN email <> '' THEN 1 END) AS e").
		Where("courrier_id = ?", courrierID).Scan(ctx, &row)
	return row.N, row.E, err
}

// SetDestinataireAddresses writes the addresses (and mayors' names) a
// partner gave, by commune code; it returns the codes of the campaign
// that were found.
func (t *Tx) SetDestinataireAddresses(ctx context.Context, courrierID int64, byCode map[string][2]string) (int, error) {
	found := 0
	for code, v := range byCode {
		res, err := t.tx.NewUpdate().Model((*domain.CourrierDestinataire)(nil)).
			Set("email = ?", NormalizeEmail(v[0])).Set("maire = ?", v[1]).
			Where("courrier_id = ? AND collectivite_id = (SELECT id FROM collectivites WHERE kind = 'commune' AND code = ?)", courrierID, code).
			Exec(ctx)
		if err != nil {
			return found, err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			found++
		}
	}
	return found, nil
}

// Recipient is a campaign's recipient with its commune and its progress.
type Recipient struct {
	CollectiviteID  int64      `bun:"collectivite_id"`
	Code            string     `bun:"code"`
	Email           string     `bun:"email"`
	Maire           string     `bun:"maire"`
	SentAt          *time.Time `bun:"sent_at"`
	RemindedAt      *time.Time `bun:"reminded_at"`
	Insee           string     `bun:"insee"`
	Name            string     `bun:"name"`
	DepartementCode string     `bun:"departement_code"`
	PostalCodes     string     `bun:"postal_codes"`
	Population      int        `bun:"population"`
	// Progress: the first request made since the letter, its state, and
	// the collectivité's candidature since.
	VisiteID      *int64  `bun:"visite_id"`
	VisiteState   *string `bun:"visite_state"`
	CandidatureID *int64  `bun:"candidature_id"`
}

func recipientQuery(db bun.IDB, rows *[]Recipient, courrierID int64) *bun.SelectQuery {
	return db.NewSelect().TableExpr("courrier_destinataires AS d").
		ColumnExpr("d.collectivite_id, d.code, d.email, d.maire, d.sent_at, d.reminded_at").
		ColumnExpr("c.code AS insee, c.name, c.departement_code, c.postal_codes, c.population").
		Join("JOIN collectivites AS c ON c.id = d.collectivite_id").
		Where("d.courrier_id = ?", courrierID)
}

// Recipients lists a campaign's recipients by département and name, with
// their progress: courrier envoyé → demande → visite → candidature. A
// request or a candidature counts when made after the letter went out.
func (s *Store) Recipients(ctx context.Context, courrierID int64) ([]Recipient, error) {
	var rows []Recipient
	err := recipientQuery(s.db, &rows, courrierID).
		ColumnExpr(`(SELECT v.id FROM visites AS v WHERE v.collectivite_id = d.collectivite_id AND d.sent_at IS NOT NULL
			AND v.created_at >= d.sent_at AND v.state <> ? ORDER BY v.id LIMIT 1) AS visite_id`, domain.VisiteDemandee).
		ColumnExpr(`(SELECT v.state FROM visites AS v WHERE v.collectivite_id = d.collectivite_id AND d.sent_at IS NOT NULL
			AND v.created_at >= d.sent_at AND v.state <> ? ORDER BY v.id LIMIT 1) AS visite_state`, domain.VisiteDemandee).
		ColumnExpr(`(SELECT k.id FROM candidatures AS k WHERE k.collectivite_id = d.collectivite_id AND d.sent_at IS NOT NULL
			AND k.created_at >= d.sent_at ORDER BY k.id LIMIT 1) AS candidature_id`).
		OrderExpr("c.departement_code, c.search_name, c.code").Scan(ctx, &rows)
	return rows, err
}

// DestinatairesToSend lists the recipients of a sending: all of them, or,
// for the reminder, those who have made no request since the letter.
func (t *Tx) DestinatairesToSend(ctx context.Context, courrierID int64, reminder bool) ([]Recipient, error) {
	var rows []Recipient
	q := recipientQuery(t.tx, &rows, courrierID)
	if reminder {
		q = q.Where(`NOT EXISTS (SELECT 1 FROM visites AS v WHERE v.collectivite_id = d.collectivite_id
			AND d.sent_at IS NOT NULL AND v.created_at >= d.sent_at AND v.state <> ?)`, domain.VisiteDemandee)
	}
	err := q.OrderExpr("c.departement_code, c.search_name, c.code").Scan(ctx, &rows)
	return rows, err
}

// MarkCourrierSent records a sending (or the reminder) of a campaign and of
// its recipients (for the reminder, those DestinatairesToSend lists).
func (t *Tx) MarkCourrierSent(ctx context.Context, courrierID int64, reminder bool) error {
	now := t.Now()
	col := "sent_at"
	if reminder {
		col = "reminded_at"
	}
	if _, err := t.tx.NewUpdate().Model((*domain.Courrier)(nil)).Set("? = ?", bun.Ident(col), now).Where("id = ?", courrierID).Exec(ctx); err != nil {
		return err
	}
	q := t.tx.NewUpdate().Table("courrier_destinataires").Set("? = ?", bun.Ident(col), now).Where("courrier_id = ?", courrierID)
	if reminder {
		q = q.Where(`NOT EXISTS (SELECT 1 FROM visites AS v WHERE v.collectivite_id = courrier_destinataires.collectivite_id
			AND courrier_destinataires.sent_at IS NOT NULL AND v.created_at >= courrier_destinataires.sent_at AND v.state <> ?)`, domain.VisiteDemandee)
	}
	_, err := q.Exec(ctx)
	return err
}

// DestinataireByCode returns a recipient by its personal code.
func (s *Store) DestinataireByCode(ctx context.Context, code string) (*domain.CourrierDestinataire, error) {
	d := new(domain.CourrierDestinataire)
	if err := s.db.NewSelect().Model(d).Where("code = ?", code).Scan(ctx); err != nil {
		return nil, notFound(err, "Code inconnu : vérifiez l’adresse imprimée sur votre courrier.")
	}
	return d, nil
}

// CourriersToRemind lists the campaigns sent whose reminder date passed.
func (s *Store) CourriersToRemind(ctx context.Context, now time.Time) ([]Due, error) {
	var rows []Due
	err := s.db.NewSelect().Model((*domain.Courrier)(nil)).Column("id", "version").
		Where("state = ? AND remind_after IS NOT NULL AND remind_after <= ?", domain.CourrierEnvoye, now).Order("id").Scan(ctx, &rows)
	return rows, err
}

// DepartementNames returns the names of the départements, by code.
func (t *Tx) DepartementNames(ctx context.Context) (map[string]string, error) {
	return departementNames(ctx, t.tx)
}

// DepartementNames returns the names of the départements, by code.
func (s *Store) DepartementNames(ctx context.Context) (map[string]string, error) {
	return departementNames(ctx, s.db)
}

func departementNames(ctx context.Context, db bun.IDB) (map[string]string, error) {
	var rows []struct {
		Code string `bun:"code"`
		Name string `bun:"name"`
	}
	if err := db.NewSelect().Model((*domain.Collectivite)(nil)).Column("code", "name").Where("kind = ?", domain.KindDepartement).Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.Code] = r.Name
	}
	return out, nil
}

// CommuneIDs returns the ids of the active communes of a département, or
// of the given codes, in code order.
func (s *Store) CommuneIDs(ctx context.Context, departement string, codes []string) ([]int64, error) {
	var ids []int64
	q := s.db.NewSelect().Model((*domain.Collectivite)(nil)).Column("id").Where("kind = ? AND active", domain.KindCommune)
	if departement != "" {
		q = q.Where("departement_code = ?", departement)
	}
	if codes != nil {
		q = q.Where("code IN (?)", bun.List(codes))
	}
	err := q.Order("code").Scan(ctx, &ids)
	return ids, err
}
