package workflow_test

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
	"github.com/adullact/tnl/workflow/workflowtest"
)

// clock is a settable clock for the store, hence the engine.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

type fixture struct {
	t      testing.TB
	ctx    context.Context
	st     *store.Store
	clock  *clock
	pol    *policy.Policy
	engine *workflow.Engine
}

// The engine knows no lifecycle: the fixture registers the test one alone.
func newFixture(t testing.TB, dialect string) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), clock: &clock{t: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}}
	f.st = testdb.Open(t, dialect, store.WithClock(f.clock.Now))
	if err := workflowtest.CreateTable(f.ctx, f.st); err != nil {
		t.Fatal(err)
	}
	var err error
	if f.pol, err = policy.New(policy.Tables()[0], policy.Tables()[1], workflowtest.Policy()); err != nil {
		t.Fatal(err)
	}
	f.engine = f.newEngine()
	return f
}

func (f *fixture) newEngine() *workflow.Engine {
	f.t.Helper()
	e := workflow.New(f.st, f.pol, nil)
	if err := workflow.Register(e, workflowtest.Definition(24*time.Hour)); err != nil {
		f.t.Fatal(err)
	}
	return e
}

func (f *fixture) essai(note string) int64 {
	f.t.Helper()
	id, err := workflowtest.Create(f.ctx, f.st, note)
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

var (
	staff  = policy.Principal{UserID: 0, Email: "equipe@exemple.fr", Staff: true}
	member = policy.Principal{UserID: 42, Email: "membre@exemple.fr"}
	motif  = workflow.Input{Values: url.Values{"motif": {"Conforme"}}}
)

func (f *fixture) state(id int64) (string, int) {
	f.t.Helper()
	s, err := f.engine.Load(f.ctx, workflowtest.Name, id, staff)
	if err != nil {
		f.t.Fatal(err)
	}
	return s.State, s.Version
}

func (f *fixture) count(table, where string, args ...any) int {
	f.t.Helper()
	n, err := f.st.DB().NewSelect().TableExpr(table).Where(where, args...).Count(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return int(n)
}

// A transition changes the state and version, writes its audit row and its
// messages, and is refused, with every reason, to whom the policy refuses
// it and when a guard or a required field fails.
func TestFireWritesStateAuditAndOutbox(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		id, empty := f.essai("Une note"), f.essai("  ")
		tr, err := f.engine.Fire(f.ctx, workflowtest.Name, id, "valider", staff, motif)
		if err != nil || tr.From != "ouvert" || tr.To != "valide" || tr.Version != 2 {
			t.Fatalf("valider: %+v %v", tr, err)
		}
		if state, version := f.state(id); state != "valide" || version != 2 {
			t.Errorf("stored %s v%d", state, version)
		}
		trail, _ := f.st.AuditTrail(f.ctx, workflowtest.Name, id)
		if len(trail) != 1 || trail[0].Event != "valider" || trail[0].ActorRole != "staff" || trail[0].ActorLabel != staff.Email {
			t.Errorf("audit trail %+v", trail)
		}
		if n := f.count("outbox", "recipient = ? AND kind = 'essai_valide' AND body = 'Motif : Conforme'", workflowtest.Recipient); n != 1 {
			t.Errorf("%d messages, want 1", n)
		}
		_, err = f.engine.Fire(f.ctx, workflowtest.Name, empty, "valider", member, workflow.Input{})
		details := strings.Join(domain.AsError(err).Details, " | ")
		for _, want := range []string{"« Valider l’essai » est réservé à l’équipe ADULLACT", "Indiquez le motif.", "La note de l’essai est vide."} {
			if !strings.Contains(details, want) {
				t.Errorf("refusal %q lacks %q", details, want)
			}
		}
		_, err = f.engine.Fire(f.ctx, workflowtest.Name, id, "valider", staff, motif)
		if !strings.Contains(strings.Join(domain.AsError(err).Details, ""), "Impossible depuis l’état « Validé »") {
			t.Errorf("valider twice: %v", domain.AsError(err))
		}
		if _, err := f.engine.Fire(f.ctx, workflowtest.Name, id, "voler", staff, workflow.Input{}); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("unknown event: %v", err)
		}
		if _, err := f.engine.Fire(f.ctx, "inconnu", id, "valider", staff, workflow.Input{}); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("unknown lifecycle: %v", err)
		}
	})
}

// 50 goroutines fire at the same version: exactly one wins, the others get
// a conflict, and the audit trail tells the same story.
func TestConcurrentFireHasOneWinner(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		id := f.essai("Une note")
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins, conflicts := 0, 0
		var other []error
		start := make(chan struct{})
		for range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				in := motif
				in.ExpectedVersion = 1
				_, err := f.engine.Fire(f.ctx, workflowtest.Name, id, "valider", staff, in)
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
		if wins != 1 || conflicts != 49 || len(other) > 0 {
			t.Fatalf("%d wins, %d conflicts, other errors %v", wins, conflicts, other)
		}
		trail, _ := f.st.AuditTrail(f.ctx, workflowtest.Name, id)
		if len(trail) != 1 {
			t.Errorf("%d audit rows for one transition", len(trail))
		}
	})
}

// A failing step inside the transaction — here the outbox insert, which
// refuses a recipient with a NUL byte — leaves state, audit and outbox as
// they were.
func TestFailingStepRollsBack(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		d := workflowtest.Definition(time.Hour)
		d.Events[0].Notify = func(*workflow.Subject[workflowtest.Essai], workflow.Input) ([]*domain.OutboxMessage, error) {
			return []*domain.OutboxMessage{{Kind: "x", Recipient: "bad\x00address", Subject: "s", Body: "b"}}, nil
		}
		broken := workflow.New(f.st, f.pol, nil)
		if err := workflow.Register(broken, d); err != nil {
			t.Fatal(err)
		}
		id := f.essai("Une note")
		if _, err := broken.Fire(f.ctx, workflowtest.Name, id, "valider", staff, motif); err == nil {
			t.Fatal("the broken outbox insert did not fail the transition")
		}
		state, version := f.state(id)
		trail, _ := f.st.AuditTrail(f.ctx, workflowtest.Name, id)
		if state != "ouvert" || version != 1 || len(trail) != 0 || f.count("outbox", "1 = 1") != 0 {
			t.Errorf("after a failed step: %s v%d, %d audit rows", state, version, len(trail))
		}
	})
}

// An event's Apply fires events on many subjects at once, in its
// transaction: all of them, or none when one is refused.
func TestFireAllCascades(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		parent := f.essai("parent")
		var ids []int64
		for range 5 {
			id := f.essai("Une note")
			f.mustFire(id, "valider", motif)
			ids = append(ids, id)
		}
		if _, err := f.engine.Fire(f.ctx, workflowtest.Name, parent, "tout_clore", staff, workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if state, version := f.state(id); state != "clos" || version != 3 {
				t.Errorf("essai %d: %s v%d after the cascade", id, state, version)
			}
			trail, _ := f.st.AuditTrail(f.ctx, workflowtest.Name, id)
			if last := trail[len(trail)-1]; last.Event != "clore" || last.ActorRole != "system" || last.Comment != "en lot" {
				t.Errorf("audit row %+v", last)
			}
		}
	})
}

func (f *fixture) mustFire(id int64, event string, in workflow.Input) {
	f.t.Helper()
	if _, err := f.engine.Fire(f.ctx, workflowtest.Name, id, event, staff, in); err != nil {
		f.t.Fatalf("%s %d: %v", event, id, err)
	}
}

// Timed events: the scheduler fires every due one, once, even with two
// server processes ticking at the same instant, as the platform.
func TestSchedulerFiresTimedEventsOnce(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		id := f.essai("Une note")
		f.mustFire(id, "valider", motif)
		s1 := workflow.NewScheduler(f.engine, time.Second, nil)
		s2 := workflow.NewScheduler(f.newEngine(), time.Second, nil)
		if done := s1.Tick(f.ctx); len(done) != 0 {
			t.Fatalf("closed before its time: %+v", done)
		}
		f.clock.Set(f.clock.Now().Add(25 * time.Hour))
		var wg sync.WaitGroup
		results := make([]int, 2)
		for i, s := range []*workflow.Scheduler{s1, s2} {
			wg.Add(1)
			go func() { defer wg.Done(); results[i] = len(s.Tick(f.ctx)) }()
		}
		wg.Wait()
		if results[0]+results[1] != 1 {
			t.Errorf("closings: %v, want exactly one", results)
		}
		trail, _ := f.st.AuditTrail(f.ctx, workflowtest.Name, id)
		if last := trail[len(trail)-1]; last.Event != "clore" || last.ActorRole != "system" || last.ActorLabel != "plateforme" {
			t.Errorf("audit row %+v", last)
		}
	})
}

// Actions lists what a person may fire, with the presentation; guards on
// input are left for the firing.
func TestActionsFollowThePolicyAndThePresentation(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	id := f.essai("")
	snap, err := f.engine.Load(f.ctx, workflowtest.Name, id, staff)
	if err != nil {
		t.Fatal(err)
	}
	actions, err := f.engine.Actions(f.ctx, snap)
	if err != nil {
		t.Fatal(err)
	}
	if len(actions) != 2 || actions[0].Event != "valider" || actions[0].Allowed() || actions[0].Show.Confirm == "" || actions[0].Show.Fields[0].Name != "motif" {
		t.Fatalf("actions %+v", actions)
	}
	if actions[0].Blockers[0].Message != "La note de l’essai est vide." {
		t.Errorf("blockers %+v", actions[0].Blockers)
	}
	snap, _ = f.engine.Load(f.ctx, workflowtest.Name, id, member)
	if a, _ := f.engine.Actions(f.ctx, snap); len(a) != 0 {
		t.Errorf("a member may fire %+v", a)
	}
}

// Record writes the audit rows of changes that are not transitions.
func TestRecord(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	id := f.essai("x")
	err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
		return f.engine.Record(f.ctx, tx, workflowtest.Name, id, workflow.RecordCreate, "ouvert", staff, policy.Staff, "")
	})
	if err != nil {
		t.Fatal(err)
	}
	trail, _ := f.st.AuditTrail(f.ctx, workflowtest.Name, id)
	if len(trail) != 1 || trail[0].Event != "creer" || trail[0].FromState != "" || trail[0].ToState != "ouvert" {
		t.Errorf("trail %+v", trail)
	}
	m, _ := f.engine.Lifecycle(workflowtest.Name)
	if m.EventLabel("creer") != "Création" || m.EventLabel("valider") != "Valider l’essai" {
		t.Errorf("labels %q %q", m.EventLabel("creer"), m.EventLabel("valider"))
	}
	if err := f.st.InTx(f.ctx, func(tx *store.Tx) error {
		return f.engine.Record(f.ctx, tx, workflowtest.Name, id, "inventé", "ouvert", staff, policy.Staff, "")
	}); err == nil {
		t.Error("an unknown record was written")
	}
}

func TestDiagram(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	mermaid, err := f.engine.Diagram(workflowtest.Name, workflow.FormatMermaid)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"ouvert : Ouvert", "ouvert --> valide : Valider l’essai [staff]", "valide --> clos : Clore l’essai [staff, system] ⏱"} {
		if !strings.Contains(mermaid, want) {
			t.Errorf("mermaid lacks %q:\n%s", want, mermaid)
		}
	}
	if _, err := f.engine.Diagram(workflowtest.Name, "svg"); err == nil {
		t.Error("unknown format accepted")
	}
}

// Registration validates a definition and refuses a bad one.
func TestRegisterRefusesBadDefinitions(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	for name, spoil := range map[string]func(*workflow.Definition[workflowtest.Essai]){
		"unknown state":          func(d *workflow.Definition[workflowtest.Essai]) { d.Events[0].To = "nulle_part" },
		"event without a rule":   func(d *workflow.Definition[workflowtest.Essai]) { d.Events[1].Name = "sans_regle" },
		"duplicate event":        func(d *workflow.Definition[workflowtest.Essai]) { d.Events[1].Name = d.Events[0].Name },
		"unknown initial state":  func(d *workflow.Definition[workflowtest.Essai]) { d.Initial = "x" },
		"state without label":    func(d *workflow.Definition[workflowtest.Essai]) { d.States[0].Label = "" },
		"bad table name":         func(d *workflow.Definition[workflowtest.Essai]) { d.Table = "essais; DROP TABLE users" },
		"timer on unknown event": func(d *workflow.Definition[workflowtest.Essai]) { d.Timers[0].Event = "x" },
		"field without label":    func(d *workflow.Definition[workflowtest.Essai]) { d.Events[0].Show.Fields[0].Label = "" },
		"choice without choices": func(d *workflow.Definition[workflowtest.Essai]) {
			d.Events[0].Show.Fields[0].Kind = workflow.FieldChoice
		},
		"no loader": func(d *workflow.Definition[workflowtest.Essai]) { d.Load = nil },
	} {
		d := workflowtest.Definition(time.Hour)
		spoil(d)
		if err := workflow.Register(workflow.New(f.st, f.pol, nil), d); err == nil {
			t.Errorf("%s: registered", name)
		}
	}
	if err := workflow.Register(f.engine, workflowtest.Definition(time.Hour)); err == nil {
		t.Error("registered twice")
	}
}
