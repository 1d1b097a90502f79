package candidature_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app"
	"github.com/adullact/tnl/internal/app/apptest"
	candlc "github.com/adullact/tnl/internal/lifecycle/candidature"
	"github.com/adullact/tnl/internal/policy"

	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

type fixture struct {
	ctx    context.Context
	st     *store.Store
	engine *workflow.Engine
	svc    *candidature.Service
	app    *app.App
	users  map[string]*domain.User
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	ctx := context.Background()
	st := testdb.Open(t, dialect)
	f := &fixture{ctx: ctx, st: st, users: map[string]*domain.User{}}
	f.app = apptest.New(t, st)
	f.svc, f.engine = f.app.Candidatures, f.app.Engine
	if _, err := territoires.Import(ctx, st, []string{"../territoires/testdata/v1"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"elu", "gull", "autre"} {
		now := st.Now()
		u := &domain.User{Email: name + "@exemple.fr", Name: "Personne " + name, EmailVerifiedAt: &now}
		if err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		f.users[name] = u
	}
	return f
}

func (f *fixture) campaign(t *testing.T, year int) *domain.Campaign {
	t.Helper()
	now := time.Now()
	c, err := f.app.Campaigns.Create(f.ctx, campaign.CreateRequest{Year: year, OpensAt: now.AddDate(0, 0, -1), ClosesAt: now.AddDate(0, 1, 0)}, policy.Operator("test"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.engine.Fire(f.ctx, "campagne", c.ID, "ouvrir", policy.Platform(), workflow.Input{}); err != nil {
		t.Fatal(err)
	}
	c, _ = f.st.Campaign(f.ctx, c.ID)
	return c
}

func (f *fixture) commune(t *testing.T, code string) *domain.Collectivite {
	c, err := f.st.CollectiviteByCode(f.ctx, domain.KindCommune, code)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func code(err error) string { return domain.ErrorCode(err) }

// who is the principal of a fixture account.
func (f *fixture) who(name string) policy.Principal { return policy.User(f.users[name]) }

// draft opens a candidature as a fixture account; a refusal gives a draft
// with no relation, whose every action is refused.
func (f *fixture) draft(t *testing.T, id int64, name string) *candidature.Draft {
	t.Helper()
	d, err := f.svc.Open(f.ctx, id, f.who(name))
	if err != nil {
		c, err := f.st.Candidature(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		d, err = f.svc.DraftOf(f.ctx, c, store.Access{}, f.who(name))
		if err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// save saves an answer as a fixture account.
func (f *fixture) save(t *testing.T, id int64, req candidature.SaveRequest, name string) (*domain.Answer, error) {
	t.Helper()
	return f.svc.Save(f.ctx, f.draft(t, id, name), req)
}

// attach attaches a file as a fixture account.
func (f *fixture) attach(t *testing.T, id int64, req candidature.UploadRequest, name string) (*domain.Evidence, error) {
	t.Helper()
	return f.svc.Attach(f.ctx, f.draft(t, id, name), req)
}

func TestCreateAndAnswer(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cp := f.campaign(t, 2026)
		c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, "01001").ID}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		if c.Reference != "TNL-2026-COM-01001" || c.State != domain.Brouillon {
			t.Errorf("created %+v", c)
		}
		_, err = f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, "01001").ID}, f.who("autre"))
		if code(err) != domain.EConflict || !strings.Contains(domain.ErrorMessage(err), "TNL-2026-COM-01001") {
			t.Errorf("second candidature for the same commune: %v", err)
		}

		save := func(who, key, value string, version int) (*domain.Answer, error) {
			return f.save(t, c.ID, candidature.SaveRequest{Key: key, Value: json.RawMessage(value), ExpectedVersion: version}, who)
		}
		if _, err := save("autre", "identification.agents", "12", 0); code(err) != domain.EForbidden {
			t.Errorf("a stranger saved an answer: %v", err)
		}
		if _, err := save("elu", "identification.agents", `"douze"`, 0); code(err) != domain.EInvalid {
			t.Errorf("an invalid answer was saved: %v", err)
		}
		a, err := save("elu", "identification.agents", "12", 0)
		if err != nil || a.Version != 1 {
			t.Fatalf("save: %v %+v", err, a)
		}
		// Same value again, with a stale version: not a conflict.
		if a, err := save("elu", "identification.agents", "12", 0); err != nil || a.Version != 1 {
			t.Errorf("resaving the same value: %v %+v", err, a)
		}
		// A stale page of the same person (rendered before the answer
		// existed) neither overwrites nor clears it: a conflict.
		if _, err := save("elu", "identification.agents", "13", 0); code(err) != domain.EConflict {
			t.Errorf("a stale page overwrote one's own answer: %v", err)
		}
		if _, err := save("elu", "identification.agents", "null", 0); code(err) != domain.EConflict {
			t.Errorf("a stale page cleared one's own answer: %v", err)
		}
		if got, _ := f.svc.Answers(f.ctx, c.ID); string(got["identification.agents"].Value) != "12" {
			t.Errorf("after stale saves the answer is %s", got["identification.agents"].Value)
		}
		// Keeping one's input after seeing both values: the stored version.
		if a, err := save("elu", "identification.agents", "13", 1); err != nil || a.Version != 2 {
			t.Errorf("overwriting one's own answer: %v %+v", err, a)
		}

		// The élu invites the GULL member, who joins and may then edit.
		if err := f.svc.Invite(f.ctx, f.draft(t, c.ID, "gull"), "x@exemple.fr"); code(err) != domain.EForbidden {
			t.Errorf("a non-member invited someone: %v", err)
		}
		if err := f.svc.Invite(f.ctx, f.draft(t, c.ID, "elu"), "pas une adresse"); code(err) != domain.EInvalid {
			t.Errorf("invalid address accepted: %v", err)
		}
		if err := f.svc.Invite(f.ctx, f.draft(t, c.ID, "elu"), "gull@exemple.fr"); err != nil {
			t.Fatal(err)
		}
		msgs, _, _ := f.st.OutboxMessages(f.ctx, store.OutboxFilter{})
		if len(msgs) != 1 || msgs[0].Recipient != "gull@exemple.fr" || !strings.Contains(msgs[0].Body, "/invitation/") {
			t.Fatalf("invitation message: %+v", msgs)
		}
		token := msgs[0].Body[strings.Index(msgs[0].Body, "/invitation/")+len("/invitation/"):]
		token = token[:strings.IndexAny(token, "\n ")]
		if _, err := f.svc.AcceptInvitation(f.ctx, token, f.users["gull"]); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AcceptInvitation(f.ctx, token, f.users["autre"]); code(err) != domain.ENotFound {
			t.Errorf("an invitation worked twice: %v", err)
		}
		// The GULL member saw version 2; the élu saves first; the GULL member gets the conflict.
		if _, err := save("elu", "identification.agents", "14", 2); err != nil {
			t.Fatal(err)
		}
		_, err = save("gull", "identification.agents", "15", 2)
		if code(err) != domain.EConflict {
			t.Fatalf("concurrent edit: %v", err)
		}
		cur := domain.AsError(err).Current.(*domain.AnswerConflict)
		if string(cur.Answer.Value) != "14" || cur.UpdatedBy.Email != "elu@exemple.fr" {
			t.Errorf("conflict shows %s by %v", cur.Answer.Value, cur.UpdatedBy)
		}
		// Only the élu answers the attestation.
		if _, err := save("gull", "attestation.honneur", "true", 0); code(err) != domain.EForbidden {
			t.Errorf("the GULL member attested: %v", err)
		}
		// A file answer is written by attaching files, never directly: a
		// made-up list of files would pass for evidence.
		if _, err := save("gull", "strategie.deliberation_preuve", `[{"id":1,"name":"deliberation.pdf","kind":"pdf","size":1,"sha256":""}]`, 0); code(err) != domain.EInvalid {
			t.Errorf("a file answer was written directly: %v", err)
		}
		// Clearing an answer.
		if a, err := save("gull", "identification.agents", "null", 3); err != nil || a != nil {
			t.Errorf("clearing: %v %+v", err, a)
		}
	})
}

func TestEvidence(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cp := f.campaign(t, 2026)
		c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, "01001").ID}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		up := func(key, name string, data []byte) (*domain.Evidence, error) {
			return f.attach(t, c.ID, candidature.UploadRequest{QuestionKey: key, Name: name, Data: data}, "elu")
		}
		e, err := up("strategie.deliberation_preuve", "../../etc/Délibération\x00 n°12.PDF", demo.SamplePDF())
		if err != nil {
			t.Fatal(err)
		}
		if e.Kind != "pdf" || e.Name != "Délibération n°12.pdf" || len(e.SHA256) != 64 || e.Size != int64(len(demo.SamplePDF())) {
			t.Errorf("stored %+v", e)
		}
		answers, _ := f.svc.Answers(f.ctx, c.ID)
		var refs []map[string]any
		json.Unmarshal(answers["strategie.deliberation_preuve"].Value, &refs)
		if len(refs) != 1 || refs[0]["sha256"] != e.SHA256 {
			t.Errorf("answer refs %s", answers["strategie.deliberation_preuve"].Value)
		}
		if _, err := up("identification.agents", "x.pdf", demo.SamplePDF()); code(err) != domain.EInvalid {
			t.Errorf("file on a number question: %v", err)
		}
		if _, err := up("strategie.deliberation_preuve", "x.pdf", []byte("GIF89a")); code(err) != domain.EInvalid {
			t.Errorf("GIF accepted: %v", err)
		}
		if _, err := up("strategie.deliberation_preuve", "2.pdf", demo.SamplePDF()); err != nil {
			t.Fatal(err)
		}
		if _, err := up("strategie.deliberation_preuve", "3.pdf", demo.SamplePDF()); code(err) != domain.EUnprocessable {
			t.Errorf("third file where two are allowed: %v", err)
		}
		if err := f.svc.DeleteEvidence(f.ctx, f.draft(t, c.ID, "autre"), e.ID); code(err) != domain.EForbidden {
			t.Errorf("a stranger deleted a file: %v", err)
		}
		if err := f.svc.DeleteEvidence(f.ctx, f.draft(t, c.ID, "elu"), e.ID); err != nil {
			t.Fatal(err)
		}
		list, _ := f.st.EvidenceList(f.ctx, c.ID)
		answers, _ = f.svc.Answers(f.ctx, c.ID)
		json.Unmarshal(answers["strategie.deliberation_preuve"].Value, &refs)
		if len(list) != 1 || len(refs) != 1 {
			t.Errorf("after deletion: %d files, %d refs", len(list), len(refs))
		}
	})
}

// Last year's answers are offered to the new candidature when key and type
// still match; files are not copied.
func TestPrefillFromPreviousYear(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		old := f.campaign(t, 2025)
		coll := f.commune(t, "01004")
		prev, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: old.ID, CollectiviteID: coll.ID}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		for key, v := range map[string]string{"identification.agents": "40", "logiciels.postes_libres": "55", "strategie.deliberation": "true", "attestation.honneur": "true"} {
			if _, err := f.save(t, prev.ID, candidature.SaveRequest{Key: key, Value: json.RawMessage(v)}, "elu"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.attach(t, prev.ID, candidature.UploadRequest{QuestionKey: "strategie.deliberation_preuve", Name: "d.pdf", Data: demo.SamplePDF()}, "elu"); err != nil {
			t.Fatal(err)
		}
		cur := f.campaign(t, 2026)
		// Someone who had no part in last year's candidature is offered
		// nothing: a draft's answers are not public.
		if n, year, err := f.svc.PreviousAnswers(f.ctx, cur, coll, f.who("gull")); err != nil || n != 0 || year != 0 {
			t.Errorf("a stranger was offered %d answers from %d (%v)", n, year, err)
		}
		n, year, err := f.svc.PreviousAnswers(f.ctx, cur, coll, f.who("elu"))
		// Three saved, two (the référent) from the élu's account.
		if err != nil || n != 5 || year != 2025 {
			t.Errorf("offered %d answers from %d (%v), want 5 from 2025 (the attestation is not copied)", n, year, err)
		}
		c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cur.ID, CollectiviteID: coll.ID, Prefill: true}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		answers, _ := f.svc.Answers(f.ctx, c.ID)
		if len(answers) != 5 || string(answers["logiciels.postes_libres"].Value) != "55" {
			t.Errorf("pre-filled %v", answers)
		}
		if _, ok := answers["strategie.deliberation_preuve"]; ok {
			t.Error("evidence copied from last year")
		}
		if _, ok := answers["attestation.honneur"]; ok {
			t.Error("last year's attestation copied")
		}
		// The same for a stranger asking for it: nothing copied.
		other := f.commune(t, "01005")
		if _, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: old.ID, CollectiviteID: other.ID}, f.who("elu")); err != nil {
			t.Fatal(err)
		}
		if c, err = f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cur.ID, CollectiviteID: other.ID, Prefill: true}, f.who("gull")); err != nil {
			t.Fatal(err)
		}
		answers, _ = f.svc.Answers(f.ctx, c.ID)
		delete(answers, "identification.referent_nom") // from their own account
		delete(answers, "identification.referent_courriel")
		if len(answers) != 0 {
			t.Errorf("a stranger got last year's answers: %v", answers)
		}
	})
}

func TestScoreAndDiffForTheJury(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	jury := &domain.User{Email: "jury@exemple.fr"}
	if err := f.st.CreateUser(f.ctx, jury); err != nil {
		t.Fatal(err)
	}
	f.users["jury"] = jury
	coll := f.commune(t, "01004")
	old := f.campaign(t, 2025)
	prev, _ := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: old.ID, CollectiviteID: coll.ID}, f.who("elu"))
	f.save(t, prev.ID, candidature.SaveRequest{Key: "logiciels.postes_libres", Value: json.RawMessage("20")}, "elu")
	cur := f.campaign(t, 2026)
	c, _ := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cur.ID, CollectiviteID: coll.ID}, f.who("elu"))
	now := f.st.Now()
	if err := f.st.PutJuryMember(f.ctx, &store.JuryMember{CampaignID: cur.ID, UserID: jury.ID, Seat: domain.SeatMember, CharterAcceptedAt: &now}); err != nil {
		t.Fatal(err)
	}
	q, _ := f.svc.Questionnaire(cur)
	stored, _ := f.svc.Answers(f.ctx, c.ID)
	for key, v := range demo.SampleAnswers(q, 3) {
		if _, err := f.save(t, c.ID, candidature.SaveRequest{Key: key, Value: v, ExpectedVersion: stored[key].Version}, "elu"); err != nil && !candlc.IsAttestation(q.Question(key)) {
			t.Fatalf("%s: %v", key, err)
		}
	}
	if _, err := f.svc.Score(f.ctx, f.draft(t, c.ID, "elu")); code(err) != domain.EForbidden {
		t.Errorf("the élu sees the suggested level: %v", err)
	}
	if _, err := f.svc.Score(f.ctx, f.draft(t, c.ID, "jury")); code(err) != domain.EForbidden {
		t.Errorf("the jury scored a draft: %v", err)
	}
	// Deposited (the jury reads only deposited candidatures).
	if _, err := f.st.DB().NewUpdate().Table("candidatures").Set("state = ?", domain.Deposee).Where("id IN (?, ?)", c.ID, prev.ID).Exec(f.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Score(f.ctx, f.draft(t, prev.ID, "jury")); code(err) != domain.EForbidden {
		t.Errorf("a juror of 2026 scored a candidature of 2025: %v", err)
	}
	res, err := f.svc.Score(f.ctx, f.draft(t, c.ID, "jury"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Total <= 0 || res.Level < 1 || len(res.Themes) != 5 || !strings.Contains(res.Explanation, "seuil") {
		t.Errorf("score %+v", res)
	}
	changes, year, err := f.svc.Diff(f.ctx, f.draft(t, c.ID, "jury"))
	if err != nil || year != 2025 {
		t.Fatalf("diff: %v, year %d", err, year)
	}
	found := false
	for _, ch := range changes {
		if ch.Key == "logiciels.postes_libres" && ch.Kind.String() == "modifiée" && strings.Contains(ch.Before, "20") {
			found = true
		}
	}
	if !found {
		t.Errorf("the change of logiciels.postes_libres is not listed: %+v", changes)
	}
}

// The attestation is written with the deposit or not at all: a refused
// deposit leaves the draft as it was.
func TestRefusedSubmissionLeavesNoAttestation(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cp := f.campaign(t, 2026)
		c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, "01004").ID}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.Submit(f.ctx, f.draft(t, c.ID, "elu"), candidature.SubmitRequest{Attestation: candlc.Attestation{Attest: true, EluName: "Camille Dupont", Mandate: "Maire"}})
		if e := domain.AsError(err); e == nil || e.Code != domain.EUnprocessable || !strings.Contains(strings.Join(e.Details, " "), "pas complet") {
			t.Fatalf("incomplete deposit: %v", err)
		}
		answers, _ := f.svc.Answers(f.ctx, c.ID)
		for key := range answers {
			if strings.HasPrefix(key, candlc.AttestationSection+".") {
				t.Errorf("refused deposit left %s = %s", key, answers[key].Value)
			}
		}
		if got, _ := f.st.Candidature(f.ctx, c.ID); got.State != domain.Brouillon || got.SubmittedAt != nil {
			t.Errorf("after a refused deposit: %+v", got)
		}
	})
}

// A new candidature starts with the référent's name and address taken
// from the élu's account (from_account in the questionnaire).
func TestCreatePrefillsTheReferentFromTheAccount(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	cp := f.campaign(t, 2026)
	c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, "01001").ID}, f.who("elu"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.st.Answers(f.ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r.QuestionKey] = string(r.Value)
	}
	who := f.who("elu")
	for key, want := range map[string]string{"identification.referent_nom": `"` + who.Name + `"`, "identification.referent_courriel": `"` + who.Email + `"`} {
		if got[key] != want {
			t.Errorf("%s = %s, want %s", key, got[key], want)
		}
	}
	if len(got) != 2 {
		t.Errorf("the new candidature starts with %d answers: %v", len(got), got)
	}
}

// A withdrawn candidature frees its collectivité: someone else creates a
// new one (its own reference), the withdrawn one stays; staff cannot
// reopen the old one while the new one lives.
func TestWithdrawnCandidatureFreesTheCollectivite(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cp := f.campaign(t, 2026)
		coll := f.commune(t, "01001")
		first, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: coll.ID}, f.who("autre"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: coll.ID}, f.who("elu")); code(err) != domain.EConflict {
			t.Fatalf("second candidature while the first lives: %v", err)
		}
		if _, err := f.engine.Fire(f.ctx, "candidature", first.ID, "retirer", f.who("autre"), workflow.Input{Comment: "Pas notre commune."}); err != nil {
			t.Fatal(err)
		}
		second, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: coll.ID}, f.who("elu"))
		if err != nil {
			t.Fatalf("new candidature after a withdrawal: %v", err)
		}
		if second.Reference != first.Reference+"-2" || second.ID == first.ID {
			t.Errorf("new candidature %s (id %d) after %s (id %d)", second.Reference, second.ID, first.Reference, first.ID)
		}
		if old, err := f.st.Candidature(f.ctx, first.ID); err != nil || old.State != domain.Retiree {
			t.Errorf("the withdrawn candidature: %v %+v", err, old)
		}
		if got, err := f.st.CandidatureOf(f.ctx, cp.ID, coll.ID); err != nil || got.ID != second.ID {
			t.Errorf("the collectivité's candidature is %+v (%v), want the new one", got, err)
		}
		staff := policy.Operator("test")
		if _, err := f.engine.Fire(f.ctx, "candidature", first.ID, "rouvrir", staff, workflow.Input{Comment: "Erreur."}); code(err) != domain.EConflict {
			t.Errorf("reopened while the collectivité has another candidature: %v", err)
		}
		// Once the new one is withdrawn too, staff reopen the old one.
		if _, err := f.engine.Fire(f.ctx, "candidature", second.ID, "retirer", f.who("elu"), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		if tr, err := f.engine.Fire(f.ctx, "candidature", first.ID, "rouvrir", staff, workflow.Input{Comment: "Retrait par erreur."}); err != nil || tr.To != domain.Brouillon {
			t.Errorf("reopening: %v %+v", err, tr)
		}
	})
}

// A person is élu référent of at most EluLimit candidatures per campaign;
// staff lift the limit for one person.
func TestEluLimitPerCampaign(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cp := f.campaign(t, 2026)
		codes := []string{"01001", "01002", "01004", "01005"}
		for _, c := range codes[:candidature.DefaultEluLimit] {
			if _, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, c).ID}, f.who("autre")); err != nil {
				t.Fatalf("%s: %v", c, err)
			}
		}
		req := candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, codes[3]).ID}
		_, err := f.svc.Create(f.ctx, req, f.who("autre"))
		if code(err) != domain.EUnprocessable || !strings.Contains(domain.ErrorMessage(err), "déjà élu référent de 3") || !strings.Contains(domain.ErrorMessage(err), "la limite par personne") {
			t.Fatalf("a fourth candidature: %v", err)
		}
		if err := f.svc.SetEluLimit(f.ctx, f.who("elu"), f.users["autre"].ID, "5"); code(err) != domain.EForbidden {
			t.Errorf("a non-staff lifted the limit: %v", err)
		}
		staff := policy.User(&domain.User{ID: f.users["gull"].ID, Email: "equipe@adullact.org", Role: domain.RoleStaff})
		if err := f.svc.SetEluLimit(f.ctx, staff, f.users["autre"].ID, "cinq"); code(err) != domain.EUnprocessable {
			t.Errorf("a limit that is not a number: %v", err)
		}
		if err := f.svc.SetEluLimit(f.ctx, staff, f.users["autre"].ID, "5"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Create(f.ctx, req, f.who("autre")); err != nil {
			t.Errorf("after staff lifted the limit: %v", err)
		}
	})
}

// An invitation is for the address it was sent to: another account must
// have confirmed its own address; the élu sees who accepted (history and
// email).
func TestInvitationForItsAddress(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cp := f.campaign(t, 2026)
		c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, "01001").ID}, f.who("elu"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.Invite(f.ctx, f.draft(t, c.ID, "elu"), "invitee@exemple.fr"); err != nil {
			t.Fatal(err)
		}
		msgs, _, _ := f.st.OutboxMessages(f.ctx, store.OutboxFilter{})
		token := ""
		for _, m := range msgs {
			if i := strings.Index(m.Body, "/invitation/"); i >= 0 {
				token = m.Body[i+len("/invitation/"):]
				token = token[:strings.IndexAny(token, "\n ")]
			}
		}
		unconfirmed := &domain.User{Email: "autre-adresse@exemple.fr", Name: "Dominique"}
		if err := f.st.CreateUser(f.ctx, unconfirmed); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.AcceptInvitation(f.ctx, token, unconfirmed)
		if code(err) != domain.EForbidden || !strings.Contains(domain.ErrorMessage(err), "envoyée à invitee@exemple.fr") {
			t.Fatalf("accepted from an unconfirmed other address: %v", err)
		}
		// The link still serves: the confirmed account of another address accepts.
		if _, err := f.svc.AcceptInvitation(f.ctx, token, f.users["gull"]); err != nil {
			t.Fatalf("accepted from a confirmed account: %v", err)
		}
		entries, err := f.st.AuditTrail(f.ctx, "candidature", c.ID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range entries {
			if e.Event == candlc.RecordInvitationAccepted && strings.Contains(e.Comment, "envoyée à invitee@exemple.fr, acceptée par Personne gull (gull@exemple.fr)") {
				found = true
			}
		}
		if !found {
			t.Errorf("the history does not say who accepted: %+v", entries)
		}
		msgs, _, _ = f.st.OutboxMessages(f.ctx, store.OutboxFilter{})
		mailed := false
		for _, m := range msgs {
			if m.Recipient == "elu@exemple.fr" && m.Kind == "invitation_acceptee" && strings.Contains(m.Body, "gull@exemple.fr") && strings.Contains(m.Body, "invitee@exemple.fr") {
				mailed = true
			}
		}
		if !mailed {
			t.Error("the élu was not told who accepted")
		}
	})
}

// « Cette collectivité a déjà une candidature »: a second person asks to
// join or reports an error; staff decide (transfer the élu référent role,
// add as accompagnateur, refuse), recorded in the history and mailed.
func TestRequestsAboutACandidature(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cp := f.campaign(t, 2026)
		coll := f.commune(t, "01001")
		c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: coll.ID}, f.who("autre"))
		if err != nil {
			t.Fatal(err)
		}
		ask := func(who, kind, msg string) (*store.CandidatureRequest, error) {
			return f.svc.Ask(f.ctx, f.who(who), candidature.AskRequest{CampaignID: cp.ID, CollectiviteID: coll.ID, Kind: kind, Message: msg})
		}
		if _, err := ask("elu", store.RequestError, " "); code(err) != domain.EUnprocessable {
			t.Errorf("an error reported without saying what: %v", err)
		}
		report, err := ask("elu", store.RequestError, "Je suis la maire ; « autre » n’est pas élu ici.")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ask("elu", store.RequestJoin, ""); code(err) != domain.EConflict {
			t.Errorf("a second pending request: %v", err)
		}
		join, err := ask("gull", store.RequestJoin, "J’accompagne la commune pour le GULL.")
		if err != nil {
			t.Fatal(err)
		}
		staff := policy.User(&domain.User{ID: f.users["gull"].ID, Email: "equipe@adullact.org", Role: domain.RoleStaff})
		if _, err := f.svc.PendingRequests(f.ctx, f.who("elu")); code(err) != domain.EForbidden {
			t.Errorf("a non-staff listed the requests: %v", err)
		}
		pending, err := f.svc.PendingRequests(f.ctx, staff)
		if err != nil || len(pending) != 2 || pending[0].Reference != c.Reference || pending[0].EluEmail != "autre@exemple.fr" {
			t.Fatalf("pending requests: %v %+v", err, pending)
		}
		if err := f.svc.DecideRequest(f.ctx, f.who("elu"), report.ID, store.RequestTransfer, ""); code(err) != domain.EForbidden {
			t.Errorf("a non-staff decided: %v", err)
		}
		if err := f.svc.DecideRequest(f.ctx, staff, report.ID, store.RequestTransfer, "Mandat vérifié en mairie."); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.DecideRequest(f.ctx, staff, report.ID, store.RequestRefuse, ""); code(err) != domain.EConflict {
			t.Errorf("a request decided twice: %v", err)
		}
		if err := f.svc.DecideRequest(f.ctx, staff, join.ID, store.RequestAdd, ""); err != nil {
			t.Fatal(err)
		}
		after, _ := f.st.Candidature(f.ctx, c.ID)
		members, _ := f.st.Members(f.ctx, c.ID)
		roles := map[string]string{}
		for _, m := range members {
			roles[m.Email] = m.Role
		}
		if after.EluUserID != f.users["elu"].ID || roles["elu@exemple.fr"] != domain.MemberElu || roles["autre@exemple.fr"] != domain.MemberAccompagnateur || roles["gull@exemple.fr"] != domain.MemberAccompagnateur {
			t.Errorf("after the decisions: élu %d, roles %v", after.EluUserID, roles)
		}
		entries, _ := f.st.AuditTrail(f.ctx, "candidature", c.ID)
		decided := 0
		for _, e := range entries {
			if e.Event == candlc.RecordRequestDecided {
				decided++
			}
		}
		if decided != 2 {
			t.Errorf("%d decisions in the history, want 2", decided)
		}
		msgs, _, _ := f.st.OutboxMessages(f.ctx, store.OutboxFilter{})
		mails := 0
		for _, m := range msgs {
			if m.Kind == "demande_decision" {
				mails++
			}
		}
		if mails != 4 {
			t.Errorf("%d decision emails, want 4 (the person and the élu, twice)", mails)
		}
		if pending, _ := f.svc.PendingRequests(f.ctx, staff); len(pending) != 0 {
			t.Errorf("%d requests still pending", len(pending))
		}
	})
}
