package jury_test

import (
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/jury"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// An invited person creates an account, accepts the invitation, then the
// charter: only then do they sit in the jury. The link works once; a
// second presidency is refused.
func TestInvitationAndCharter(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		c := f.candidature(domain.KindCommune, "01001", "")
		inv, err := f.svc.Invite(f.ctx, jury.SeatRequest{CampaignID: f.campaign.ID, Email: " Zoe@Exemple.fr ", President: true,
			Collectivites: []string{"04070"}, Organisation: "April"}, f.staff)
		if err != nil {
			t.Fatal(err)
		}
		if inv.Email != "zoe@exemple.fr" || inv.Seat != domain.SeatPresident || len(inv.Collectivites) != 1 {
			t.Errorf("invitation %+v", inv)
		}
		msgs, _, _ := f.st.OutboxMessages(f.ctx, store.OutboxFilter{Limit: 10})
		token := ""
		for _, m := range msgs {
			if m.Kind == "jury_invitation" && m.Recipient == "zoe@exemple.fr" {
				_, rest, _ := strings.Cut(m.Body, "/jury/invitation/")
				token, _, _ = strings.Cut(rest, "\n")
			}
		}
		if token == "" {
			t.Fatalf("no invitation message: %+v", msgs)
		}
		if _, cp, err := f.svc.Invitation(f.ctx, token); err != nil || cp.ID != f.campaign.ID {
			t.Fatalf("invitation: %v", err)
		}
		zoe := f.user("zoe")
		if _, err := f.svc.AcceptInvitation(f.ctx, token, zoe); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AcceptInvitation(f.ctx, token, zoe); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("an invitation used twice: %v", err)
		}
		m, err := f.st.JuryMember(f.ctx, f.campaign.ID, zoe.ID)
		if err != nil || m.Seat != domain.SeatPresident || m.Organisation != "April" || m.CharterAcceptedAt != nil {
			t.Fatalf("member %+v %v", m, err)
		}
		// Before the charter, no jury relation.
		_, access, _ := f.st.CandidatureAccess(f.ctx, c.ID, zoe.ID)
		if access.Seat != "" {
			t.Errorf("seat before the charter: %q", access.Seat)
		}
		if err := f.svc.AcceptCharter(f.ctx, f.campaign.ID, f.as("zoe")); err != nil {
			t.Fatal(err)
		}
		_, access, _ = f.st.CandidatureAccess(f.ctx, c.ID, zoe.ID)
		if access.Seat != domain.SeatPresident || access.Conflicted {
			t.Errorf("after the charter: %+v", access)
		}
		if _, err := f.svc.Invite(f.ctx, jury.SeatRequest{CampaignID: f.campaign.ID, Email: "autre@exemple.fr", President: true}, f.staff); domain.ErrorCode(err) != domain.EConflict {
			t.Errorf("a second presidency: %v", err)
		}
		if _, err := f.svc.Invite(f.ctx, jury.SeatRequest{CampaignID: f.campaign.ID, Email: "x@exemple.fr"}, f.as("zoe")); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("a juror invites: %v", err)
		}
	})
}

// Conflicts computed from a juror's links: the collectivité itself, those
// containing it or contained, the other communes of its EPCI; never the
// others. A conflicted juror reads « not found ».
func TestComputedConflicts(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ana := f.juror("ana", "01004")
		in := []*domain.Candidature{
			f.candidature(domain.KindCommune, "01004", ""), f.candidature(domain.KindCommune, "01002", ""),
			f.candidature(domain.KindEPCI, "200042935", ""), f.candidature(domain.KindDepartement, "01", ""),
			f.candidature(domain.KindRegion, "84", ""),
		}
		out := []*domain.Candidature{f.candidature(domain.KindCommune, "01001", ""), f.candidature(domain.KindCommune, "04070", ""),
			f.candidature(domain.KindRegion, "93", "")}
		for _, c := range in {
			d, err := f.app.Candidatures.Open(f.ctx, c.ID, f.as("ana"))
			if domain.ErrorCode(err) != domain.ENotFound {
				t.Errorf("%s: ana opens it (%v, %+v)", c.Reference, err, d)
			}
		}
		for _, c := range out {
			if _, err := f.app.Candidatures.Open(f.ctx, c.ID, f.as("ana")); err != nil {
				t.Errorf("%s: %v", c.Reference, err)
			}
		}
		list, err := f.svc.Conflicts(f.ctx, store.ConflictFilter{CampaignID: f.campaign.ID, UserID: ana.ID}, f.staff)
		if err != nil || len(list) != len(in) || list[0].Source != domain.ConflictLink {
			t.Errorf("conflicts of ana: %+v %v", list, err)
		}
		// A declared conflict, with its reason for staff.
		d, err := f.app.Candidatures.Open(f.ctx, out[0].ID, f.as("ana"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Recuse(f.ctx, out[0].ID, d.Relations, d.Facts, f.as("ana"), ""); domain.ErrorCode(err) != domain.EInvalid {
			t.Errorf("a recusal without reason: %v", err)
		}
		if err := f.svc.Recuse(f.ctx, out[0].ID, d.Relations, d.Facts, f.as("ana"), "Ma sœur y est adjointe."); err != nil {
			t.Fatal(err)
		}
		list, _ = f.svc.Conflicts(f.ctx, store.ConflictFilter{CampaignID: f.campaign.ID, CandidatureID: out[0].ID}, f.staff)
		if len(list) != 1 || list[0].Source != domain.ConflictDeclared || list[0].Reason != "Ma sœur y est adjointe." || list[0].Email != "ana@exemple.fr" {
			t.Errorf("declared conflict %+v", list)
		}
		if _, err := f.app.Candidatures.Open(f.ctx, out[0].ID, f.as("ana")); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("after recusing: %v", err)
		}
		if err := f.svc.RemoveConflict(f.ctx, out[0].ID, ana.ID, f.staff); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Candidatures.Open(f.ctx, out[0].ID, f.as("ana")); err != nil {
			t.Errorf("after staff removed the conflict: %v", err)
		}
	})
}

func loads(run *jury.Run) map[string]int {
	out := map[string]int{}
	for _, l := range run.Loads {
		out[strings.TrimSuffix(l.Email, "@exemple.fr")] = l.Load
	}
	return out
}

// The run: k jurors per candidature, never a conflicted pair, loads
// within one, recorded; a re-run keeps everything, a new candidature or a
// juror leaving moves nothing else; an evaluation begun is kept.
func TestAssignmentRuns(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		f.juror("ana", "01004")
		for _, n := range []string{"bob", "cleo", "dan"} {
			f.juror(n)
		}
		for _, code := range []string{"01001", "01002", "01004", "01005", "04070"} {
			f.candidature(domain.KindCommune, code, "")
		}
		f.candidature(domain.KindEPCI, "200042935", domain.EnInstruction)
		f.candidature(domain.KindDepartement, "01", domain.ComplementDemande)
		f.candidature(domain.KindRegion, "93", domain.Deposee) // not recevable: not assigned
		req := jury.AssignRequest{CampaignID: f.campaign.ID, PerCandidature: 2, Seed: 7}
		run, err := f.svc.Assign(f.ctx, req, f.staff)
		if err != nil {
			t.Fatal(err)
		}
		if run.Candidatures != 7 || run.Jurors != 4 || run.Assigned != 14 || run.Conflicts != 5 || len(run.Unfilled) != 0 || run.Moved != 0 || !run.Verified {
			t.Errorf("first run %+v", run)
		}
		got := f.assignments()
		for _, bad := range []string{"commune-01002→ana", "commune-01004→ana", "commune-01005→ana", "epci-200042935→ana", "departement-01→ana"} {
			if got[bad] {
				t.Errorf("conflicted pair assigned: %s", bad)
			}
		}
		l := loads(run)
		if l["ana"] != 2 || l["bob"] != 4 || l["cleo"] != 4 || l["dan"] != 4 {
			t.Errorf("loads %v", l)
		}
		latest, err := f.st.LatestJuryRun(f.ctx, f.campaign.ID)
		if err != nil || latest.ID != run.ID || !strings.Contains(latest.Parameters, `"seed":7`) || !strings.Contains(latest.Changes, `"added":[[`) {
			t.Errorf("run record %+v %v", latest, err)
		}
		trail, _ := f.st.AuditTrail(f.ctx, "campagne", f.campaign.ID)
		if last := trail[len(trail)-1]; last.Event != "affecter_jury" || !strings.Contains(last.Comment, "14\u00a0affectations") {
			t.Errorf("campaign audit %+v", last)
		}

		// Same data: nothing changes.
		again, err := f.svc.Assign(f.ctx, jury.AssignRequest{CampaignID: f.campaign.ID, PerCandidature: 2, Seed: 99}, f.staff)
		if err != nil || again.Added != 0 || again.Moved != 0 || len(f.assignments()) != 14 {
			t.Errorf("re-run %+v %v", again, err)
		}
		// A new candidature: two new pairs, nothing moved.
		if err := f.st.ApplyTerritoryChanges(f.ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{{Kind: domain.KindCommune, Code: "01008",
			Name: "Ambutrix", SearchName: "ambutrix", DepartementCode: "01", RegionCode: "84", Active: true, UpdatedAt: f.st.Now()}}}); err != nil {
			t.Fatal(err)
		}
		f.candidature(domain.KindCommune, "01008", "")
		more, err := f.svc.Assign(f.ctx, req, f.staff)
		if err != nil || more.Added != 2 || more.Moved != 0 || more.Assigned != 16 || more.LoadMax-more.LoadMin > 2 {
			t.Errorf("after a new candidature %+v %v", more, err)
		}
		// A juror begins an evaluation; then leaves the jury with another.
		rows, _ := f.st.Assignments(f.ctx, store.AssignmentFilter{CampaignID: f.campaign.ID, UserID: f.users["bob"].ID})
		snap, err := f.app.Engine.Load(f.ctx, evallc.Name, rows[0].EvaluationID, f.as("bob"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SaveDraft(f.ctx, snap, f.as("bob"), evallc.Input{Comments: map[string]string{"strategie": "Bien."}}, 0); err != nil {
			t.Fatal(err)
		}
		removed, err := f.svc.RemoveMember(f.ctx, f.campaign.ID, f.users["dan"].ID, f.staff)
		if err != nil || removed != l["dan"]+more.Loads[3].Load-l["dan"] {
			t.Errorf("dan leaves: %d removed, %v", removed, err)
		}
		after, err := f.svc.Assign(f.ctx, jury.AssignRequest{CampaignID: f.campaign.ID, PerCandidature: 2, Seed: 3}, f.staff)
		if err != nil {
			t.Fatal(err)
		}
		// The solver balances the assignments it may change: the begun one
		// is outside (see Assign), so a pair may move to even the others.
		if after.Jurors != 3 || after.Assigned != 16 || after.Started != 1 || after.Added != removed+after.Moved || len(after.Unfilled) != 0 {
			t.Errorf("after dan left %+v", after)
		}
		if e, _ := f.st.Evaluation(f.ctx, rows[0].EvaluationID); e == nil || e.State != domain.EvalEnCours {
			t.Errorf("the begun evaluation is gone: %+v", e)
		}
		// k = 3 with three jurors: the candidatures ana is conflicted with
		// lack one, and the run says so.
		full, err := f.svc.Assign(f.ctx, jury.AssignRequest{CampaignID: f.campaign.ID, PerCandidature: 3, Seed: 3}, f.staff)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Unfilled) != 5 || full.Unfilled[0].Eligible != 2 || full.Unfilled[0].Assigned != 2 || full.Unfilled[0].Reason != "conflits d’intérêts" {
			t.Errorf("unfilled %+v", full.Unfilled)
		}
	})
}

// A juror's evaluation: drafts (conflicts between tabs), submission locks
// it; the others' evaluations show after one's own under « après »; staff
// see the aggregate; the president reopens, and the juror is told.
func TestEvaluationFlowAndVisibility(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		for _, n := range []string{"bob", "cleo", "ana"} {
			f.juror(n)
		}
		if _, err := f.svc.Seat(f.ctx, jury.SeatRequest{CampaignID: f.campaign.ID, Email: f.user("pia").Email, President: true}, f.staff); err != nil {
			t.Fatal(err)
		}
		c := f.candidature(domain.KindCommune, "01001", domain.EnInstruction)
		for _, n := range []string{"bob", "cleo"} {
			if _, err := f.svc.AddAssignment(f.ctx, c.ID, f.users[n].ID, "", f.staff); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.svc.AddAssignment(f.ctx, c.ID, f.users["bob"].ID, "", f.staff); domain.ErrorCode(err) != domain.EConflict {
			t.Errorf("assigned twice: %v", err)
		}
		q, _ := f.app.Candidatures.Questionnaire(f.campaign)
		full := func(v int) evallc.Input {
			in := evallc.Input{Scores: map[string]map[string]int{}, Comments: map[string]string{}, Confidence: domain.ConfidenceHigh}
			level := v
			in.Level = &level
			for _, th := range q.Grid.Themes {
				in.Scores[th.Theme] = map[string]int{}
				for _, cr := range th.Criteria {
					in.Scores[th.Theme][cr.Key] = v
				}
			}
			return in
		}
		load := func(name string) *workflow.Snapshot {
			t.Helper()
			e, err := f.st.EvaluationOf(f.ctx, c.ID, f.users[name].ID)
			if err != nil {
				t.Fatal(err)
			}
			snap, err := f.app.Engine.Load(f.ctx, evallc.Name, e.ID, f.as(name))
			if err != nil {
				t.Fatal(err)
			}
			return snap
		}
		bob := load("bob")
		asCleo, err := f.app.Engine.Load(f.ctx, evallc.Name, bob.ID, f.as("cleo"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SaveDraft(f.ctx, asCleo, f.as("cleo"), full(3), 0); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("cleo saves bob's evaluation: %v", err)
		}
		bad := full(3)
		bad.Scores["strategie"]["engagement"] = 7
		if _, err := f.svc.SaveDraft(f.ctx, bob, f.as("bob"), bad, 0); domain.ErrorCode(err) != domain.EInvalid ||
			!strings.Contains(domain.ErrorMessage(err), "la note va de 0 (absent) à 4 (exemplaire)") {
			t.Errorf("a score off the scale: %v", err)
		}
		e, err := f.svc.SaveDraft(f.ctx, bob, f.as("bob"), full(3), 0)
		if err != nil || e.State != domain.EvalEnCours || e.DraftVersion != 1 {
			t.Fatalf("first draft %+v %v", e, err)
		}
		bob = load("bob")
		if _, err := f.svc.SaveDraft(f.ctx, bob, f.as("bob"), full(2), 0); domain.ErrorCode(err) != domain.EConflict {
			t.Errorf("a stale draft: %v", err)
		}
		if _, err := f.svc.SaveDraft(f.ctx, bob, f.as("bob"), full(4), 1); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Engine.Fire(f.ctx, evallc.Name, bob.ID, "remettre", f.as("bob"), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		bob = load("bob")
		if _, err := f.svc.SaveDraft(f.ctx, bob, f.as("bob"), full(1), 2); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("a submitted evaluation changed: %v", err)
		}
		if sub, _ := f.st.Evaluation(f.ctx, bob.ID); sub.ThemeScores != "4 4 4 4 4" || sub.Overall == nil || *sub.Overall != 4 {
			t.Errorf("figures %q %v", sub.ThemeScores, sub.Overall)
		}
		// Visibility under « après avoir remis la sienne ».
		v, err := f.svc.Evaluation(f.ctx, bob)
		if err != nil || !v.OthersVisible || len(v.Others) != 0 {
			t.Errorf("bob after submitting: %v %v", v.OthersVisible, err)
		}
		cleo := load("cleo")
		if v, _ := f.svc.Evaluation(f.ctx, cleo); v.OthersVisible {
			t.Error("cleo sees the others before submitting")
		}
		if _, err := f.svc.SaveDraft(f.ctx, cleo, f.as("cleo"), full(2), 0); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Engine.Fire(f.ctx, evallc.Name, cleo.ID, "remettre", f.as("cleo"), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		if v, _ := f.svc.Evaluation(f.ctx, load("cleo")); !v.OthersVisible || len(v.Others) != 1 || v.Others[0].Email != "bob@exemple.fr" {
			t.Errorf("cleo after submitting: %+v", v.Others)
		}
		// A jury member not assigned: nothing under « après »; everything
		// under « toujours ».
		d, _ := f.app.Candidatures.Open(f.ctx, c.ID, f.as("ana"))
		cj, err := f.svc.CandidatureJury(f.ctx, c, d.Relations, d.Facts, f.as("ana"))
		if err != nil || cj.OthersVisible || len(cj.Evaluations) != 0 {
			t.Errorf("ana under « après »: %+v %v", cj, err)
		}
		if err := f.svc.PutSettings(f.ctx, domain.JurySettings{CampaignID: f.campaign.ID, PerCandidature: 2, Visibility: domain.VisibilityAlways}, f.staff); err != nil {
			t.Fatal(err)
		}
		if cj, _ := f.svc.CandidatureJury(f.ctx, c, d.Relations, d.Facts, f.as("ana")); !cj.OthersVisible || len(cj.Evaluations) != 2 || cj.Aggregate == nil {
			t.Errorf("ana under « toujours »: %+v", cj)
		}
		// Staff: the aggregate and every assignment; the collectivité:
		// nothing but kept remarks, once published.
		ds, _ := f.app.Candidatures.Open(f.ctx, c.ID, f.staff)
		cj, err = f.svc.CandidatureJury(f.ctx, c, ds.Relations, ds.Facts, f.staff)
		if err != nil || cj.Aggregate == nil || cj.Aggregate.Overall.N != 2 || cj.Aggregate.Overall.Median != 3 || len(cj.Assignments) != 2 || cj.Explanation == "" {
			t.Errorf("staff: %+v %v", cj, err)
		}
		de, _ := f.app.Candidatures.Open(f.ctx, c.ID, f.as("elu"))
		if cj, err := f.svc.CandidatureJury(f.ctx, c, de.Relations, de.Facts, f.as("elu")); err != nil || cj.Aggregate != nil || len(cj.Evaluations) != 0 {
			t.Errorf("élu: %+v %v", cj, err)
		}
		// « Terminer l’évaluation » now passes for the jury.
		if _, err := f.app.Engine.Fire(f.ctx, "candidature", c.ID, "evaluer", f.as("bob"), workflow.Input{}); err != nil {
			t.Errorf("evaluer with every evaluation submitted: %v %v", err, domain.AsError(err))
		}
		// The president reopens one; the juror is told why.
		if _, err := f.app.Engine.Fire(f.ctx, evallc.Name, bob.ID, "rouvrir", f.as("cleo"), workflow.Input{Comment: "x"}); domain.ErrorCode(err) != domain.EUnprocessable {
			t.Errorf("a juror reopens: %v", err)
		}
		if _, err := f.st.DB().NewUpdate().Model((*domain.Candidature)(nil)).Set("state = ?", domain.EnInstruction).Where("id = ?", c.ID).Exec(f.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Engine.Fire(f.ctx, evallc.Name, bob.ID, "rouvrir", f.as("pia"), workflow.Input{Comment: "Précisez le thème données."}); err != nil {
			t.Fatal(err)
		}
		msgs, _, _ := f.st.OutboxMessages(f.ctx, store.OutboxFilter{Limit: 20})
		found := false
		for _, m := range msgs {
			found = found || m.Kind == "evaluation_rouverte" && m.Recipient == "bob@exemple.fr" && strings.Contains(m.Body, "Précisez le thème données.")
		}
		if !found {
			t.Error("no message to bob about the reopening")
		}
	})
}
