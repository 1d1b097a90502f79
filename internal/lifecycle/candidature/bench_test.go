package candidature_test

import (
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/testdb"
)

// BenchmarkTransition measures one persisted transition — load with lock,
// guards including the questionnaire's submission checks, state change with
// version check, side effects, audit row, outbox rows, commit — alternating
// deposer and corriger on one candidature.
func BenchmarkTransition(b *testing.B) {
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			f := newFixture(b, dialect)
			c := f.candidature(true)
			elu := f.actor("elu")
			events := []string{"deposer", "corriger"}
			i := 0
			for b.Loop() {
				if _, err := f.engine.Fire(f.ctx, "candidature", c.ID, events[i%2], elu, submission); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkBareUpdate is the floor: the same row's state change with its
// version check, alone, in autocommit.
func BenchmarkBareUpdate(b *testing.B) {
	for _, dialect := range testdb.Dialects {
		b.Run(dialect, func(b *testing.B) {
			f := newFixture(b, dialect)
			c := f.candidature(true)
			states := []string{domain.Deposee, domain.Brouillon}
			version := 1
			for b.Loop() {
				res, err := f.st.DB().NewUpdate().Model((*domain.Candidature)(nil)).
					Set("state = ?", states[version%2]).Set("version = version + 1").
					Where("id = ? AND version = ?", c.ID, version).Exec(f.ctx)
				if err != nil {
					b.Fatal(err)
				}
				if n, _ := res.RowsAffected(); n != 1 {
					b.Fatal("version check failed")
				}
				version++
			}
		})
	}
}
