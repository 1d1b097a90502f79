package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/store"
	"github.com/adullact/tnl/internal/testdb"
)

func TestPalmaresReads(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		ctx := context.Background()
		st := testdb.Open(t, dialect)
		cols := []domain.Collectivite{
			{Kind: domain.KindCommune, Code: "35238", Name: "Rennes", SearchName: "rennes", DepartementCode: "35", RegionCode: "53", Active: true},
			{Kind: domain.KindCommune, Code: "38169", Name: "Fontaine", SearchName: "fontaine", DepartementCode: "38", RegionCode: "84", Active: true},
			{Kind: domain.KindCommune, Code: "10150", Name: "Fontaine", SearchName: "fontaine", DepartementCode: "10", RegionCode: "44", Active: true},
		}
		if err := st.ApplyTerritoryChanges(ctx, &store.TerritoryChanges{Upsert: cols}); err != nil {
			t.Fatal(err)
		}
		rennes, err := st.CollectiviteByCode(ctx, domain.KindCommune, "35238")
		if err != nil {
			t.Fatal(err)
		}
		before, err := st.PalmaresStamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		four := 4
		at := time.Date(2017, 11, 20, 10, 0, 0, 0, time.UTC)
		err = st.InTx(ctx, func(tx *store.Tx) error {
			return tx.InsertPalmares(ctx, []*domain.PalmaresEntry{
				{Year: 2016, CollectiviteID: rennes.ID, PublishedName: "Rennes", Awarded: true, Level: &four, LevelLabel: "Niveau 4", Mentions: []string{"Mutualisation"}, PublishedAt: at},
				{Year: 2017, CollectiviteID: rennes.ID, PublishedName: "Rennes", Awarded: false, LevelLabel: "Pas de label", PublishedAt: at},
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		after, _ := st.PalmaresStamp(ctx)
		if after == before {
			t.Errorf("stamp did not change after an insert: %s", after)
		}
		rows, err := st.PalmaresRows(ctx, store.PalmaresQuery{CollectiviteID: rennes.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 || rows[0].Year != 2016 || rows[0].Code != "35238" || rows[0].Name != "Rennes" || rows[0].DepartementCode != "35" ||
			len(rows[0].Mentions) != 1 || rows[0].Mentions[0] != "Mutualisation" || *rows[0].Level != 4 {
			t.Fatalf("rows = %+v", rows)
		}
		awarded, _ := st.PalmaresRows(ctx, store.PalmaresQuery{Year: 2017, AwardedOnly: true})
		if len(awarded) != 0 {
			t.Errorf("a « pas de label » row is listed as awarded: %+v", awarded)
		}
		err = st.InTx(ctx, func(tx *store.Tx) error {
			named, err := tx.CollectivitesNamed(ctx, "fontaine", domain.KindCommune, "")
			if err != nil || len(named) != 2 {
				t.Errorf("Fontaine: %d found, %v", len(named), err)
			}
			named, _ = tx.CollectivitesNamed(ctx, "fontaine", domain.KindCommune, "38")
			if len(named) != 1 || named[0].Code != "38169" {
				t.Errorf("Fontaine (38): %+v", named)
			}
			u := &store.PalmaresUnmatched{Year: 2016, Level: "4", PublishedName: "Fontaine", Kind: "commune", Reason: "ambiguë", CreatedAt: at}
			for i, want := range []bool{true, false} {
				u.ID = 0
				isNew, err := tx.InsertPalmaresUnmatched(ctx, u)
				if err != nil || isNew != want {
					t.Errorf("insert %d: new = %v, %v; want %v", i, isNew, err, want)
				}
			}
			keys, err := tx.PalmaresKeys(ctx)
			if err != nil || !keys[2016][rennes.ID] || keys[2018][rennes.ID] {
				t.Errorf("keys = %v, %v", keys, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		open, err := st.PalmaresUnmatchedRows(ctx, false)
		if err != nil || len(open) != 1 {
			t.Fatalf("unmatched = %+v, %v", open, err)
		}
		err = st.InTx(ctx, func(tx *store.Tx) error {
			return tx.ResolvePalmaresUnmatched(ctx, open[0].ID, rows[0].ID, at)
		})
		if err != nil {
			t.Fatal(err)
		}
		again := st.InTx(ctx, func(tx *store.Tx) error { return tx.ResolvePalmaresUnmatched(ctx, open[0].ID, rows[0].ID, at) })
		if domain.ErrorCode(again) != domain.EConflict {
			t.Errorf("second resolution: %v, want a conflict", again)
		}
		if open, _ = st.PalmaresUnmatchedRows(ctx, false); len(open) != 0 {
			t.Errorf("still open: %+v", open)
		}
	})
}
