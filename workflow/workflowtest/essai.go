// Package workflowtest is a small lifecycle written for tests: a third
// definition, besides the candidature and the campaign, that the engine,
// the scheduler, the audit trail, the outbox, the diagrams and the generic
// HTTP routes must run without any change to their code.
package workflowtest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/workflow"
)

// Name is the test lifecycle's name.
const Name = "essai"

// Essai is a test subject: a note to validate, then closed by the platform.
type Essai struct {
	ID        int64
	State     string
	Version   int
	Note      string
	UpdatedAt time.Time
}

// Policy is the test lifecycle's rules, to add to tnl's.
func Policy() policy.Table {
	return policy.Table{
		policy.Read(Name):                policy.To(policy.Staff, policy.SignedIn),
		policy.Event(Name, "valider"):    policy.To(policy.Staff),
		policy.Event(Name, "rouvrir"):    policy.To(policy.Staff),
		policy.Event(Name, "clore"):      policy.To(policy.Staff, policy.System),
		policy.Event(Name, "tout_clore"): policy.To(policy.Staff),
	}
}

// Recipient receives the message of each validation.
const Recipient = "suivi@exemple.fr"

// Definition returns the test lifecycle. closeAfter is how long after its
// last change a validated essai is closed by the scheduler.
func Definition(closeAfter time.Duration) *workflow.Definition[Essai] {
	return &workflow.Definition[Essai]{
		Name: Name, Label: "Essai", Table: "essais", Initial: "ouvert",
		States:  []workflow.State{{Name: "ouvert", Label: "Ouvert"}, {Name: "valide", Label: "Validé"}, {Name: "clos", Label: "Clos"}},
		Records: map[string]string{workflow.RecordCreate: "Création"},
		URL:     func(id int64) string { return fmt.Sprintf("/cycles/%s/%d", Name, id) },
		Events: []workflow.Event[Essai]{
			{
				Name: "valider", Label: "Valider l’essai", From: []string{"ouvert"}, To: "valide",
				Guards: []workflow.Guard[Essai]{{Name: "note", Check: func(_ context.Context, s *workflow.Subject[Essai], _ workflow.Input) string {
					if strings.TrimSpace(s.P.Note) == "" {
						return "La note de l’essai est vide."
					}
					return ""
				}}},
				Notify: func(s *workflow.Subject[Essai], in workflow.Input) ([]*domain.OutboxMessage, error) {
					return []*domain.OutboxMessage{{Kind: "essai_valide", Recipient: Recipient,
						Subject: fmt.Sprintf("Essai %d validé", s.ID), Body: "Motif : " + in.Value("motif")}}, nil
				},
				Show: workflow.Presentation{
					Confirm: "L’essai sera validé.",
					Fields:  []workflow.Field{{Name: "motif", Label: "Motif", Kind: workflow.FieldText, Required: true, Missing: "Indiquez le motif."}},
					Done:    "L’essai est validé.",
				},
			},
			{Name: "rouvrir", Label: "Rouvrir l’essai", From: []string{"valide"}, To: "ouvert"},
			{Name: "clore", Label: "Clore l’essai", From: []string{"valide"}, To: "clos"},
			{
				Name: "tout_clore", Label: "Clore tous les essais validés", From: []string{"ouvert"}, To: "ouvert",
				Apply: func(ctx context.Context, tx *store.Tx, s *workflow.Subject[Essai], in workflow.Input, fx workflow.Effects) error {
					var ids []int64
					if err := tx.Raw(ctx, &ids, "SELECT id FROM essais WHERE state = 'valide' ORDER BY id"); err != nil {
						return err
					}
					_, err := fx.FireAll(ctx, Name, ids, "clore", workflow.Input{Comment: "en lot"})
					return err
				},
			},
		},
		Timers: []workflow.Timer{{Event: "clore", Due: func(ctx context.Context, st *store.Store, now time.Time) ([]workflow.Due, error) {
			var rows []struct {
				ID      int64 `bun:"id"`
				Version int   `bun:"version"`
			}
			err := st.DB().NewSelect().TableExpr("essais").Column("id", "version").
				Where("state = 'valide' AND updated_at <= ?", now.Add(-closeAfter)).Order("id").Scan(ctx, &rows)
			out := make([]workflow.Due, len(rows))
			for i, r := range rows {
				out[i] = workflow.Due{ID: r.ID, Version: r.Version}
			}
			return out, err
		}}},
		Load: func(ctx context.Context, tx *store.Tx, id int64, _ policy.Principal) (*workflow.Loaded[Essai], error) {
			e := new(Essai)
			if err := tx.Raw(ctx, e, "SELECT id, state, version, note, updated_at FROM essais WHERE id = ?", id); err != nil {
				return nil, err
			}
			return &workflow.Loaded[Essai]{ID: e.ID, State: e.State, Version: e.Version, Payload: e}, nil
		},
	}
}

// CreateTable creates the test lifecycle's table.
func CreateTable(ctx context.Context, st *store.Store) error {
	id := "id integer PRIMARY KEY AUTOINCREMENT"
	ts := "text"
	if st.Dialect() == store.Postgres {
		id, ts = "id bigserial PRIMARY KEY", "timestamptz"
	}
	_, err := st.DB().ExecContext(ctx, fmt.Sprintf(`CREATE TABLE essais (%s, state text NOT NULL, version integer NOT NULL,
		note text NOT NULL, updated_at %s NOT NULL)`, id, ts))
	return err
}

// Create inserts an essai in its initial state.
func Create(ctx context.Context, st *store.Store, note string) (int64, error) {
	e := &essaiRow{State: "ouvert", Version: 1, Note: note, UpdatedAt: st.Now()}
	if _, err := st.DB().NewInsert().Model(e).Returning("id").Exec(ctx); err != nil {
		return 0, err
	}
	return e.ID, nil
}

type essaiRow struct {
	bun.BaseModel `bun:"table:essais"`

	ID        int64     `bun:"id,pk,autoincrement"`
	State     string    `bun:"state"`
	Version   int       `bun:"version"`
	Note      string    `bun:"note"`
	UpdatedAt time.Time `bun:"updated_at"`
}
