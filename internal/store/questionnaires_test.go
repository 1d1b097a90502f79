package store_test

import (
	"context"
	"testing"

	"github.com/adullact/tnl/internal/testdb"
)

// A campaign's questionnaire source is read from the database once, then
// from the cache; every way of reading a campaign still returns it.
func TestCampaignQuestionnaireCache(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		queries := func(read func()) int64 {
			before := f.st.Stats().Queries
			read()
			return f.st.Stats().Queries - before
		}
		first := queries(func() {
			c, err := f.st.Campaign(ctx, f.campaign.ID)
			if err != nil || string(c.Questionnaire) != "title: x" {
				t.Fatalf("Campaign: %v, questionnaire %q", err, c.Questionnaire)
			}
		})
		again := queries(func() {
			c, err := f.st.CampaignByYear(ctx, 2026)
			if err != nil || string(c.Questionnaire) != "title: x" || c.QuestionnaireHash != "abc" {
				t.Fatalf("CampaignByYear: %v, questionnaire %q", err, c.Questionnaire)
			}
		})
		if first != 2 || again != 1 {
			t.Errorf("statements: %d for the first read, %d for the next; want 2 then 1", first, again)
		}
		current, err := f.st.CurrentCampaign(ctx)
		if err != nil || string(current.Questionnaire) != "title: x" {
			t.Errorf("CurrentCampaign: %v, questionnaire %q", err, current.Questionnaire)
		}
	})
}

// Another process's store, or one whose questionnaire hash changed, reads
// the source again.
func TestCampaignQuestionnaireCacheFollowsHash(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	ctx := context.Background()
	if _, err := f.st.Campaign(ctx, f.campaign.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB().NewRaw("UPDATE campaigns SET questionnaire = ?, questionnaire_hash = ? WHERE id = ?", []byte("title: y"), "def", f.campaign.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	c, err := f.st.Campaign(ctx, f.campaign.ID)
	if err != nil || string(c.Questionnaire) != "title: y" || c.QuestionnaireHash != "def" {
		t.Errorf("after a change of hash: %v, %q %q", err, c.Questionnaire, c.QuestionnaireHash)
	}
}
