package candidature_test

import (
	"encoding/json"
	"testing"

	"github.com/adullact/tnl/internal/policy"

	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// A draft built from what the web layer loaded costs no query once the
// questionnaire is parsed; saving a new answer through it is one
// statement; the state is checked again at each write.
func TestDraft(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cp := f.campaign(t, 2026)
		elu := f.who("elu")
		c, err := f.svc.Create(f.ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: f.commune(t, "01001").ID}, elu)
		if err != nil {
			t.Fatal(err)
		}
		queries := func(run func()) int64 {
			before := f.st.Stats().Queries
			run()
			return f.st.Stats().Queries - before
		}
		if _, err := f.svc.Open(f.ctx, c.ID, elu); err != nil { // parses the questionnaire
			t.Fatal(err)
		}
		loaded, access, err := f.st.CandidatureAccess(f.ctx, c.ID, elu.UserID)
		if err != nil || access.Member != domain.MemberElu || access.QuestionnaireHash != cp.QuestionnaireHash {
			t.Fatalf("CandidatureAccess: %+v %v", access, err)
		}
		var d *candidature.Draft
		if n := queries(func() { d, err = f.svc.DraftOf(f.ctx, loaded, access, elu) }); err != nil || n != 0 || !d.Relations.Has(policy.Elu) || d.Q == nil {
			t.Fatalf("DraftOf: %d statements, %+v, %v", n, d, err)
		}
		save := func(key, value string, version int) (*domain.Answer, error) {
			return f.svc.Save(f.ctx, d, candidature.SaveRequest{Key: key, Value: json.RawMessage(value), ExpectedVersion: version})
		}
		var a *domain.Answer
		if n := queries(func() { a, err = save("identification.agents", "12", 0) }); err != nil || a.Version != 1 || n != 1 {
			t.Errorf("new answer: %d statements, %+v, %v", n, a, err)
		}
		if n := queries(func() { a, err = save("identification.agents", "13", 1) }); err != nil || a.Version != 2 || n != 1 {
			t.Errorf("changed answer: %d statements, %+v, %v", n, a, err)
		}
		// An unknown hash reads the campaign.
		unknown := access
		unknown.QuestionnaireHash = "inconnu"
		if d2, err := f.svc.DraftOf(f.ctx, loaded, unknown, elu); err != nil || d2.Q != d.Q {
			t.Errorf("DraftOf with an unknown hash: %v", err)
		}
		// A stranger's draft does not edit.
		stranger, err := f.svc.DraftOf(f.ctx, loaded, store.Access{}, f.who("autre"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Save(f.ctx, stranger,
			candidature.SaveRequest{Key: "identification.agents", Value: json.RawMessage("14"), ExpectedVersion: 2}); code(err) != domain.EForbidden {
			t.Errorf("a stranger saved: %v", err)
		}
		// The draft was loaded before the candidature left the draft state:
		// the write checks the state again.
		if _, err := f.st.DB().NewUpdate().Model((*domain.Candidature)(nil)).Set("state = ?", domain.Deposee).Where("id = ?", c.ID).Exec(f.ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := save("identification.agents", "14", 2); code(err) != domain.EUnprocessable {
			t.Errorf("saved into a submitted candidature: %v", err)
		}
		if _, err := save("identification.referent_nom", `"Camille"`, 0); code(err) != domain.EUnprocessable {
			t.Errorf("created an answer in a submitted candidature: %v", err)
		}
	})
}
