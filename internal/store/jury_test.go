package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// Candidatures filled in bulk, many assignments written at once (the
// PostgreSQL array path beyond 2 000 pairs), read back with their
// evaluations, removed by pairs; zones and conflict pairs.
func TestJuryBulk(t *testing.T) {
	testdb.Each(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		var colls []domain.Collectivite
		for i := range 1100 {
			colls = append(colls, domain.Collectivite{Kind: domain.KindCommune, Code: fmt.Sprintf("9%04d", i), Name: "C", SearchName: "c",
				DepartementCode: "99", RegionCode: "99", Active: true, UpdatedAt: f.st.Now()})
		}
		if err := f.st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: colls}); err != nil {
			t.Fatal(err)
		}
		var rows []store.FillCandidature
		for i := range 1100 {
			coll, err := f.st.CollectiviteByCode(ctx, domain.KindCommune, fmt.Sprintf("9%04d", i))
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, store.FillCandidature{EluEmail: fmt.Sprintf("elu%d@demo.invalid", i), EluName: "Élu",
				Candidature: domain.Candidature{CampaignID: f.campaign.ID, CollectiviteID: coll.ID, Reference: fmt.Sprintf("TNL-B-%d", i), State: domain.Recevable},
				Answers:     []domain.Answer{{QuestionKey: "q.a", Value: []byte("true"), QuestionnaireVersion: "1"}},
				Score:       store.CandidatureScore{Total: 12.5, Max: 100, Level: 1, Themes: "12.5", LeadTheme: "general"}})
		}
		if err := f.st.FillCandidatures(ctx, rows); err != nil {
			t.Fatal(err)
		}
		ids, err := f.st.CandidatureIDs(ctx, f.campaign.ID, domain.Recevable)
		if err != nil || len(ids) != 1100 {
			t.Fatalf("%d candidatures filled (%v)", len(ids), err)
		}
		if scores, _ := f.st.CandidatureScores(ctx, f.campaign.ID); len(scores) != 1100 || scores[ids[0]].LeadTheme != "general" {
			t.Errorf("scores %d", len(scores))
		}
		jurors, err := f.st.FillUsers(ctx, []domain.User{{Email: "a@demo.invalid"}, {Email: "b@demo.invalid"}})
		if err != nil || len(jurors) != 2 {
			t.Fatalf("jurors %v %v", jurors, err)
		}
		var pairs [][2]int64
		for _, id := range ids {
			pairs = append(pairs, [2]int64{id, jurors["a@demo.invalid"]}, [2]int64{id, jurors["b@demo.invalid"]})
		}
		if err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.AddAssignments(ctx, f.campaign.ID, pairs) }); err != nil {
			t.Fatal(err)
		}
		got, err := f.st.CampaignAssignments(ctx, f.campaign.ID)
		if err != nil || len(got) != 2200 || got[0].EvaluationID == 0 || got[0].State != domain.EvalAssignee {
			t.Fatalf("%d assignments (%v), first %+v", len(got), err, got[0])
		}
		// Again: nothing doubles.
		if err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.AddAssignments(ctx, f.campaign.ID, pairs[:10]) }); err != nil {
			t.Fatal(err)
		}
		if err := f.st.InTx(ctx, func(tx *store.Tx) error { return tx.DeleteAssignmentPairs(ctx, pairs[:2100]) }); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.st.CampaignAssignments(ctx, f.campaign.ID); len(got) != 100 {
			t.Errorf("%d assignments left, want 100", len(got))
		}
		var n int
		f.st.DB().NewSelect().Model((*domain.Evaluation)(nil)).ColumnExpr("count(*)").Scan(ctx, &n)
		if n != 100 {
			t.Errorf("%d evaluations left, want 100", n)
		}
		// Zones and the conflict pairs of membership.
		a := jurors["a@demo.invalid"]
		if err := f.st.PutJuryMember(ctx, &store.JuryMember{CampaignID: f.campaign.ID, UserID: a, Seat: domain.SeatMember}); err != nil {
			t.Fatal(err)
		}
		c0, _ := f.st.Candidature(ctx, ids[0])
		if err := f.st.InTx(ctx, func(tx *store.Tx) error {
			if err := tx.SetJuryLinks(ctx, f.campaign.ID, a, []int64{c0.CollectiviteID}, []int64{c0.CollectiviteID, f.commune.ID}); err != nil {
				return err
			}
			return tx.AddMember(ctx, ids[1], a, domain.MemberAccompagnateur)
		}); err != nil {
			t.Fatal(err)
		}
		zones, err := f.st.JuryZones(ctx, f.campaign.ID)
		if err != nil || len(zones[a]) != 2 {
			t.Errorf("zones %v %v", zones, err)
		}
		cp, err := f.st.ConflictPairs(ctx, f.campaign.ID)
		if err != nil || len(cp) != 1 || cp[0] != [2]int64{ids[1], a} {
			t.Errorf("membership conflict pairs %v %v", cp, err)
		}
		list, _ := f.st.Conflicts(ctx, store.ConflictFilter{CampaignID: f.campaign.ID, UserID: a})
		if len(list) != 2 {
			t.Errorf("conflicts of a: %+v", list)
		}
	})
}
