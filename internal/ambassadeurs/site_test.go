package ambassadeurs_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/ambassadeurs"
	"github.com/adullact/tnl/internal/domain"
	visitelc "github.com/adullact/tnl/internal/lifecycle/visite"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/internal/testdb"
)

// The public site and the GeoJSON feed show the mairies that agreed, and
// only them; the feed is RFC 7946 (longitude first), parsed back.
func TestPublicSiteAndGeoJSONWithAndWithoutConsent(t *testing.T) {
	t.Parallel()
	testdb.Each(t, func(t *testing.T, dialect string) {
		e := newEnv(t, dialect, false)
		g := e.gull("GULL de l’Ain", "coord@ain.org", "01", "01053")
		agreed, tok1 := e.ask("01053", "mairie@bourg.fr", true)
		refused, tok2 := e.ask("01283", "mairie@oyonnax.fr", false)
		unconfirmed, _ := e.ask("01004", "mairie@amberieu.fr", true)
		for _, tok := range []string{tok1, tok2} {
			if _, err := e.svc.Follow(e.ctx, tok, policy.Principal{}); err != nil {
				t.Fatal(err)
			}
		}
		site, err := e.svc.Site(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(site.Entries) != 1 || site.Entries[0].ID != agreed.ID || site.Asked != 1 || site.Visited != 0 || site.Gulls != 1 {
			t.Fatalf("site: %+v", site)
		}
		if len(site.ByDepartement) != 1 || site.ByDepartement[0].Code != "01" || site.ByDepartement[0].Name != "Ain" || len(site.ByRegion) != 1 {
			t.Errorf("counts: %+v %+v", site.ByDepartement, site.ByRegion)
		}
		if !site.MapMissing || site.Map != "" {
			t.Error("without outlines the map is missing, and said so")
		}
		var b bytes.Buffer
		if err := e.svc.WriteGeoJSON(e.ctx, &b, "https://tnl.test"); err != nil {
			t.Fatal(err)
		}
		var fc struct {
			Type     string `json:"type"`
			Features []struct {
				Type     string `json:"type"`
				ID       string `json:"id"`
				Geometry struct {
					Type        string    `json:"type"`
					Coordinates []float64 `json:"coordinates"`
				} `json:"geometry"`
				Properties map[string]any `json:"properties"`
			} `json:"features"`
		}
		if err := json.Unmarshal(b.Bytes(), &fc); err != nil {
			t.Fatalf("GeoJSON does not parse: %v\n%s", err, b.String())
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) != 2 {
			t.Fatalf("features: %+v", fc)
		}
		ids := map[string]bool{}
		for _, f := range fc.Features {
			ids[f.ID] = true
			c := f.Geometry.Coordinates
			if f.Type != "Feature" || f.Geometry.Type != "Point" || len(c) != 2 {
				t.Errorf("feature %s: %+v", f.ID, f)
				continue
			}
			// The Ain: longitude about 5°E, latitude about 46°N, in this order.
			if c[0] < 4 || c[0] > 7 || c[1] < 45 || c[1] > 47 {
				t.Errorf("feature %s: coordinates %v are not [longitude, latitude] of the Ain", f.ID, c)
			}
			if f.Properties["name"] == "" || f.Properties["type"] == nil {
				t.Errorf("feature %s: properties %v", f.ID, f.Properties)
			}
		}
		if !ids["visite-"+itoa(agreed.ID)] || ids["visite-"+itoa(refused.ID)] || ids["visite-"+itoa(unconfirmed.ID)] || !ids["gull-"+g.Slug] {
			t.Errorf("feed ids %v", ids)
		}
		// Withdrawing the consent takes the mairie off.
		if err := e.svc.SetConsent(e.ctx, tok1, false, policy.Principal{}); err != nil {
			t.Fatal(err)
		}
		if site, err = e.svc.Site(e.ctx); err != nil || len(site.Entries) != 0 {
			t.Errorf("after withdrawing: %v %+v", err, site)
		}
		// The GULL's public page.
		page, err := e.svc.GullPublic(e.ctx, g.Slug)
		if err != nil || page.Home != "Bourg-en-Bresse" || len(page.Zone) != 1 || page.Zone[0].Label() != "Ain (01)" {
			t.Errorf("public page: %+v %v", page, err)
		}
		if _, err := e.svc.GullPublic(e.ctx, "inconnu"); domain.ErrorCode(err) != domain.ENotFound {
			t.Errorf("unknown GULL: %v", err)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// The CSV of the requests of a GULL neutralises what a spreadsheet would
// run as a formula, and shows the contact's details to its coordination
// only.
func TestExportNeutralisesFormulas(t *testing.T) {
	t.Parallel()
	e := newEnv(t, "sqlite", false)
	g := e.gull("GULL de l’Ain", "coord@ain.org", "01", "01053")
	v, err := e.svc.Ask(e.ctx, ambassadeurs.AskRequest{CollectiviteID: e.commune("01053").ID, Name: "=HYPERLINK(\"http://x.test\",\"clic\")", Function: "dgs",
		Email: "mairie@bourg.fr", Topics: []string{"autre"}, TopicOther: "@SUM(A1:A9)", Message: "+33 1 23", Availability: "-lundi"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Follow(e.ctx, e.lastToken("mairie@bourg.fr", "/ambassadeurs/suivi/"), policy.Principal{}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := e.svc.ExportGull(e.ctx, &b, g.ID, policy.Of(policy.SignedIn, policy.Coordinator)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV: %v %v", rows, err)
	}
	col := map[string]string{}
	for i, h := range rows[0] {
		col[h] = rows[1][i]
	}
	for name, want := range map[string]string{"contact": "'=HYPERLINK", "sujets": "Autre, @SUM", "message": "'+33", "disponibilites": "'-lundi",
		"numero": itoa(v.ID), "courriel": "mairie@bourg.fr", "etat": visitelc.StateLabel(domain.VisiteConfirmee), "code_insee": "01053"} {
		if !strings.HasPrefix(col[name], want) && !strings.Contains(col[name], want) {
			t.Errorf("column %s = %q, want %q", name, col[name], want)
		}
	}
	b.Reset()
	if err := e.svc.ExportGull(e.ctx, &b, g.ID, policy.Of(policy.SignedIn, policy.Ambassadeur)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "mairie@bourg.fr") {
		t.Error("an ambassadeur's export shows the contact's address")
	}
}
