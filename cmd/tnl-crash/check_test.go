package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

// The checks fail when the database lost or changed what the server
// acknowledged.
func TestChecksCatchLostWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testdb.Open(t, store.SQLite)
	if err := st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: []domain.Collectivite{{Kind: domain.KindCommune, Code: "01001",
		Name: "A", SearchName: "a", Active: true, UpdatedAt: st.Now()}}}); err != nil {
		t.Fatal(err)
	}
	coll, _ := st.CollectiviteByCode(ctx, domain.KindCommune, "01001")
	u := &domain.User{Email: "e@x.fr"}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	cp := &domain.Campaign{Year: 2026, Title: "x", State: "ouverte", OpensAt: time.Now(), ClosesAt: time.Now().Add(time.Hour),
		QuestionnaireVersion: "1", QuestionnaireHash: "h", Questionnaire: []byte("x"), AwardScheme: domain.DefaultAwardScheme()}
	if err := st.CreateCampaign(ctx, cp); err != nil {
		t.Fatal(err)
	}
	c := &domain.Candidature{CampaignID: cp.ID, CollectiviteID: coll.ID, Reference: "R", State: domain.Deposee, EluUserID: u.ID,
		Mentions: []string{}, CreatedAt: st.Now(), UpdatedAt: st.Now(), Version: 1}
	if _, err := st.DB().NewInsert().Model(c).Returning("id").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	a := &domain.Answer{CandidatureID: c.ID, QuestionKey: "q", Value: []byte(`"crash n1"`), QuestionnaireVersion: "1", UpdatedBy: u.ID, UpdatedAt: st.Now(), Version: 2}
	if _, err := st.DB().NewInsert().Model(a).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	r := &runner{st: st, out: io.Discard}
	r.ledger.save(answerKey{c.ID, "q"}, "crash n1", 2, true)  // present: fine
	r.ledger.save(answerKey{c.ID, "q2"}, "", 1, true)         // acknowledged, absent
	r.ledger.save(answerKey{c.ID, "q3"}, "crash n3", 1, true) // acknowledged, absent
	r.ledger.uploads = append(r.ledger.uploads, upload{c.ID, strings.Repeat("ab", 32)})
	r.ledger.ackDeposit(c.ID) // deposited without a date: half-written
	r.check(ctx)
	failed := map[string]int{}
	for _, ch := range r.checks {
		failed[ch.name] = len(ch.failures)
	}
	want := map[string]int{
		"réponses acquittées présentes avec leur valeur":                  2,
		"pièces acquittées présentes et entières":                         1,
		"dépôts et recevabilités acquittés présents":                      1,
		"état de chaque sujet = dernière ligne de son audit":              2, // neither the candidature nor the campaign has an audit row
		"courriels : aucun perdu (envoyé ou en attente), aucun en double": 1, // a deposit without its receipt
		"aucune ligne à moitié écrite (réponses, dépôts)":                 1,
	}
	for name, n := range want {
		if failed[name] != n {
			t.Errorf("%s: %d failures, want %d (all: %v)", name, failed[name], n, failed)
		}
	}
	if r.report() {
		t.Error("the report says the invariants hold")
	}
}
