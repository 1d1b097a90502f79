package candidature_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// 100 goroutines fire conflicting events on one candidature at each step:
// exactly one wins, the others get a conflict, and the audit trail tells the
// same story as the final state.
func TestConcurrentConflictingEvents(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.reach(domain.Deposee, true)
		// Step by step along the main path, each step contested by 100 goroutines.
		sequence := []struct {
			events []string
			as     string
			in     workflow.Input
		}{
			{[]string{"declarer_recevable", "corriger"}, "", workflow.Input{Comment: "x", Values: mandateChecked.Values}},
			{[]string{"instruire", "retirer"}, "", workflow.Input{}},
			{[]string{"demander_complement", "evaluer", "retirer"}, "", workflow.Input{Comment: "Précisez."}},
		}
		actorFor := map[string]string{"declarer_recevable": "staff", "corriger": "elu", "instruire": "staff", "retirer": "elu",
			"demander_complement": "jury", "evaluer": "staff"}
		for _, step := range sequence {
			_, version := f.state(c.ID)
			in := step.in
			in.ExpectedVersion = version
			var wg sync.WaitGroup
			var mu sync.Mutex
			wins, conflicts := 0, 0
			var other []error
			start := make(chan struct{})
			for i := range 100 {
				ev := step.events[i%len(step.events)]
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					_, err := f.fire(c.ID, ev, actorFor[ev], in)
					mu.Lock()
					defer mu.Unlock()
					switch domain.ErrorCode(err) {
					case "":
						wins++
					case domain.EConflict:
						conflicts++
					default:
						other = append(other, err)
					}
				}()
			}
			close(start)
			wg.Wait()
			if wins != 1 || conflicts != 99 || len(other) > 0 {
				t.Fatalf("step %v: %d wins, %d conflicts, other errors %v", step.events, wins, conflicts, other)
			}
			state, newVersion := f.state(c.ID)
			if newVersion != version+1 {
				t.Fatalf("version %d → %d, want one increment", version, newVersion)
			}
			if state == domain.Retiree || state == domain.Brouillon {
				break
			}
		}
		state, version := f.state(c.ID)
		trail, err := f.st.AuditTrail(f.ctx, "candidature", c.ID)
		if err != nil {
			t.Fatal(err)
		}
		// creer + deposer + one row per contested step won.
		if len(trail) != version || trail[len(trail)-1].ToState != state {
			t.Errorf("audit trail of %d rows ending in %q, candidature at %s v%d", len(trail), trail[len(trail)-1].ToState, state, version)
		}
		for i := 1; i < len(trail); i++ {
			if trail[i].FromState != trail[i-1].ToState {
				t.Errorf("audit row %d starts from %s but the previous ended in %s", i, trail[i].FromState, trail[i-1].ToState)
			}
		}
	})
}

// The deadline is the end of a day in Paris time: 23:59:59 is accepted and
// midnight refused, whatever the offset that day — including the day the
// clocks go back (25 October 2026) and forward (29 March 2026).
func TestDeadlineEdgesAcrossDST(t *testing.T) {
	t.Parallel()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	days := []time.Time{
		time.Date(2026, 10, 25, 0, 0, 0, 0, paris), // 25 hours long
		time.Date(2026, 3, 29, 0, 0, 0, 0, paris),  // 23 hours long
		time.Date(2026, 7, 14, 0, 0, 0, 0, paris),
	}
	testdb.Each(t, func(t *testing.T, dialect string) {
		for _, day := range days {
			t.Run(day.Format("2006-01-02"), func(t *testing.T) {
				f := newFixture(t, dialect)
				closes := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, paris)
				if _, err := f.st.DB().NewUpdate().Model((*domain.Campaign)(nil)).
					Set("opens_at = ?", closes.AddDate(0, -2, 0).UTC()).Set("closes_at = ?", closes.UTC()).
					Where("id = ?", f.campaign.ID).Exec(f.ctx); err != nil {
					t.Fatal(err)
				}
				accepted := f.candidature(true)
				refused := f.candidature(true)
				f.clock.Set(time.Date(day.Year(), day.Month(), day.Day(), 23, 59, 59, 0, paris))
				if _, err := f.fire(accepted.ID, "deposer", "elu", submission); err != nil {
					t.Errorf("23:59:59 Paris refused: %v %v", err, domain.AsError(err))
				}
				f.clock.Set(closes)
				_, err := f.fire(refused.ID, "deposer", "elu", submission)
				want := "(" + dayFrench(day) + " à 23\u00a0h\u00a059, heure de Paris)"
				if domain.ErrorCode(err) != domain.EUnprocessable || !strings.Contains(strings.Join(domain.AsError(err).Details, ""), want) {
					t.Errorf("midnight Paris: %v %v, want a blocker mentioning %q", err, domain.AsError(err), want)
				}
			})
		}
	})
}

func dayFrench(d time.Time) string {
	months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	return fmt.Sprintf("%d %s %d", d.Day(), months[d.Month()-1], d.Year())
}

func TestDiagrams(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	for _, m := range f.engine.Lifecycles() {
		mermaid, err := f.engine.Diagram(m.Name, "mermaid")
		if err != nil {
			t.Fatal(err)
		}
		dot, _ := f.engine.Diagram(m.Name, "dot")
		for _, s := range m.States {
			if !strings.Contains(mermaid, s.Name+" : "+s.Label) || !strings.Contains(dot, `[label="`+s.Label+`"]`) {
				t.Errorf("%s: state %s missing from a diagram", m.Name, s.Name)
			}
		}
		for _, e := range m.Events {
			for _, from := range e.From {
				if !strings.Contains(mermaid, from+" --> "+e.To+" : "+e.Label) {
					t.Errorf("%s: transition %s %s→%s missing from mermaid", m.Name, e.Name, from, e.To)
				}
			}
		}
		if !strings.HasPrefix(dot, "digraph") || !strings.HasSuffix(dot, "}\n") {
			t.Errorf("dot output malformed:\n%s", dot)
		}
	}
	if _, err := f.engine.Diagram("candidature", "svg"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestDefinitionValidateCatchesMistakes(t *testing.T) {
	t.Parallel()
	d := candlc.Definition(candlc.Deps{})
	if err := d.Validate(policy.Default()); err != nil {
		t.Fatalf("the definition is refused: %v", err)
	}
	d.Events[0].To = "nulle_part"
	if err := d.Validate(policy.Default()); err == nil || !strings.Contains(err.Error(), "nulle_part") {
		t.Errorf("unknown state not caught: %v", err)
	}
	d = candlc.Definition(candlc.Deps{})
	d.Events = append(d.Events, d.Events[0])
	d.Events[len(d.Events)-1].Name = "sans_regle"
	if err := d.Validate(policy.Default()); err == nil || !strings.Contains(err.Error(), "candidature.sans_regle") {
		t.Errorf("an event without a policy rule was accepted: %v", err)
	}
}
