package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/campaign"
	"github.com/adullact/tnl/internal/candidature"
	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/territoires"
	"github.com/adullact/tnl/internal/testdb"
	"github.com/adullact/tnl/workflow"
)

// A fill inserts recevable candidatures with valid answers and their
// scores, and seated jurors whose links make conflicts; it refuses a
// campaign with a real candidature unless forced.
func TestFill(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		st := testdb.Open(t, dialect)
		a := apptest.New(t, st)
		if _, err := territoires.Import(ctx, st, []string{"../territoires/testdata/v1"}); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		cp, err := a.Campaigns.Create(ctx, campaign.CreateRequest{Year: now.Year(), OpensAt: now.AddDate(0, 0, -1), ClosesAt: now.AddDate(0, 1, 0)}, policy.Operator("test"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := demo.Fill(ctx, st, a.Questionnaires, demo.FillRequest{Campaign: cp, Candidatures: 4, Jurors: 3, ConflictRate: 0.3, Seed: 2})
		if err != nil {
			t.Fatal(err)
		}
		if res.Candidatures != 4 || res.Jurors != 3 || res.Answers < 4*30 || res.ConflictPairs == 0 {
			t.Errorf("fill %+v", res)
		}
		rows, _ := st.CandidaturesOfCampaign(ctx, cp.ID, domain.Recevable)
		scores, _ := st.CandidatureScores(ctx, cp.ID)
		if len(rows) != 4 || len(scores) != 4 {
			t.Fatalf("%d candidatures, %d scores", len(rows), len(scores))
		}
		q, _ := a.Candidatures.Questionnaire(cp)
		answers, _ := st.Answers(ctx, rows[0].ID)
		for _, ans := range answers {
			if _, problems := q.ValidateAnswer(ans.QuestionKey, ans.Value); len(problems) > 0 {
				t.Errorf("answer %s invalid: %v", ans.QuestionKey, problems)
			}
		}
		members, _ := st.JuryMembers(ctx, cp.ID)
		if len(members) != 3 || members[0].CharterAcceptedAt == nil {
			t.Errorf("jurors %+v", members)
		}
		// A real candidature: refused, then forced.
		if _, err := a.Engine.Fire(ctx, "campagne", cp.ID, "ouvrir", policy.Platform(), workflow.Input{}); err != nil {
			t.Fatal(err)
		}
		now2 := st.Now()
		elu := &domain.User{Email: "maire@mairie.fr", EmailVerifiedAt: &now2}
		if err := st.CreateUser(ctx, elu); err != nil {
			t.Fatal(err)
		}
		taken := map[int64]bool{}
		for _, r := range rows {
			taken[r.CollectiviteID] = true
		}
		colls, _ := st.CollectivitesOfKinds(ctx, domain.KindCommune)
		for _, c := range colls {
			if !taken[c.ID] && c.Active {
				if _, err := a.Candidatures.Create(ctx, candidature.CreateRequest{CampaignID: cp.ID, CollectiviteID: c.ID}, policy.User(elu)); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		cp, _ = st.Campaign(ctx, cp.ID)
		if _, err := demo.Fill(ctx, st, a.Questionnaires, demo.FillRequest{Campaign: cp, Candidatures: 1}); err == nil || !strings.Contains(err.Error(), "1\u00a0candidature réelle") {
			t.Errorf("a campaign with a real candidature filled: %v", err)
		}
		if _, err := demo.Fill(ctx, st, a.Questionnaires, demo.FillRequest{Campaign: cp, Candidatures: 1, Force: true}); err != nil {
			t.Errorf("forced: %v", err)
		}
	})
}
