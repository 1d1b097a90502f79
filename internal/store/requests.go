package store

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
)

// CandidatureRequest is a request about a candidature from someone outside
// it: to join it (« rejoindre ») or to report an error (« erreur »: the
// wrong élu référent). Decision is empty while staff have not decided.
type CandidatureRequest struct {
	bun.BaseModel `bun:"table:candidature_requests,alias:cr"`

	ID            int64      `bun:"id,pk,autoincrement"`
	CandidatureID int64      `bun:"candidature_id,notnull"`
	UserID        int64      `bun:"user_id,notnull"`
	Kind          string     `bun:"kind,notnull"`
	Message       string     `bun:"message,notnull"`
	Decision      string     `bun:"decision,notnull"`
	DecidedBy     *int64     `bun:"decided_by"`
	DecidedAt     *time.Time `bun:"decided_at"`
	CreatedAt     time.Time  `bun:"created_at,notnull"`
}

// Kinds and decisions of a CandidatureRequest.
const (
	RequestJoin      = "rejoindre"
	RequestError     = "erreur"
	RequestTransfer  = "transferer"
	RequestAdd       = "ajouter"
	RequestRefuse    = "refuser"
	requestUndecided = ""
)

// PendingRequest is a request as staff list it.
type PendingRequest struct {
	CandidatureRequest `bun:",extend"`
	Reference          string `bun:"reference"`
	Collectivite       string `bun:"collectivite"`
	Name               string `bun:"name"`
	Email              string `bun:"email"`
	EluName            string `bun:"elu_name"`
	EluEmail           string `bun:"elu_email"`
}

// AddRequest records a request, inside the caller's transaction. A person
// has one pending request per candidature.
func (t *Tx) AddRequest(ctx context.Context, r *CandidatureRequest) error {
	pending, err := t.tx.NewSelect().Model((*CandidatureRequest)(nil)).
		Where("candidature_id = ? AND user_id = ? AND decision = ?", r.CandidatureID, r.UserID, requestUndecided).Exists(ctx)
	if err != nil {
		return err
	}
	if pending {
		return domain.Errorf(domain.EConflict, "Vous avez déjà une demande en attente pour cette candidature : l’équipe ADULLACT vous répondra par courriel.")
	}
	r.CreatedAt, r.Decision = t.Now(), requestUndecided
	_, err = t.tx.NewInsert().Model(r).Returning("id").Exec(ctx)
	return err
}

// PendingRequests lists the requests staff have not decided, oldest first.
func (s *Store) PendingRequests(ctx context.Context) ([]PendingRequest, error) {
	var rows []PendingRequest
	err := s.db.NewSelect().Model(&rows).
		ColumnExpr("cr.*").
		ColumnExpr("c.reference, col.name AS collectivite, u.name, u.email, eu.name AS elu_name, eu.email AS elu_email").
		Join("JOIN candidatures AS c ON c.id = cr.candidature_id").
		Join("JOIN collectivites AS col ON col.id = c.collectivite_id").
		Join("JOIN users AS u ON u.id = cr.user_id").
		Join("JOIN users AS eu ON eu.id = c.elu_user_id").
		Where("cr.decision = ?", requestUndecided).
		OrderExpr("cr.created_at, cr.id").Scan(ctx)
	return rows, err
}

// DecideRequest locks a pending request and records staff's decision,
// inside the caller's transaction; a request decided meanwhile is a
// conflict.
func (t *Tx) DecideRequest(ctx context.Context, id int64, decision string, by int64) (*CandidatureRequest, error) {
	r := new(CandidatureRequest)
	q := t.tx.NewSelect().Model(r).Where("id = ?", id)
	if t.s.loc.Dialect == Postgres {
		q = q.For("UPDATE")
	}
	if err := q.Scan(ctx); err != nil {
		return nil, notFound(err, "Demande introuvable.")
	}
	if r.Decision != requestUndecided {
		return nil, domain.Errorf(domain.EConflict, "Cette demande a déjà été traitée.")
	}
	now := t.Now()
	res, err := t.tx.NewUpdate().Model((*CandidatureRequest)(nil)).Set("decision = ?", decision).Set("decided_by = ?", by).Set("decided_at = ?", now).
		Where("id = ? AND decision = ?", id, requestUndecided).Exec(ctx)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, domain.Errorf(domain.EConflict, "Cette demande a déjà été traitée.")
	}
	r.Decision, r.DecidedBy, r.DecidedAt = decision, &by, &now
	return r, nil
}

// SetElu makes a member the élu référent of a candidature; the former élu
// stays as accompagnateur.
func (t *Tx) SetElu(ctx context.Context, candidatureID, userID int64) error {
	c, err := t.Candidature(ctx, candidatureID)
	if err != nil {
		return err
	}
	if err := t.AddMember(ctx, candidatureID, userID, domain.MemberElu); err != nil {
		return err
	}
	if c.EluUserID != userID {
		if err := t.AddMember(ctx, candidatureID, c.EluUserID, domain.MemberAccompagnateur); err != nil {
			return err
		}
	}
	return t.updateCandidature(ctx, candidatureID, func(q *bun.UpdateQuery) *bun.UpdateQuery {
		return q.Set("elu_user_id = ?", userID).Set("elu_name = ?", "")
	})
}
