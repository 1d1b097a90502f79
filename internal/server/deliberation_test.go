package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/adullact/tnl/internal/domain"
	"github.com/adullact/tnl/internal/fr"
)

// The deliberation table, the bulk decision's confirmation page, the
// decision recorded after it, and the scheduling of the publication from
// the campaign's page.
func TestDeliberationPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t, "sqlite")
	if _, err := f.st.DB().NewUpdate().Table("candidatures").Set("state = ?", domain.Evaluee).Where("id = ?", f.cand.ID).Exec(f.ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.DB().NewUpdate().Table("campaigns").Set("state = ?", domain.CampagneDeliberation).Where("id = ?", f.campaign.ID).Exec(f.ctx); err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("/campagnes/%d/deliberation", f.campaign.ID)
	page := readBody(t, f.request("staff", http.MethodGet, base, nil))
	for _, want := range []string{"Délibération — campagne", f.cand.Reference, "à décider", "Décision pour les candidatures cochées", "Modèles de motivation"} {
		if !strings.Contains(page, want) {
			t.Errorf("deliberation page lacks %q", want)
		}
	}
	if resp := f.request("elu", http.MethodGet, base, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the élu opens the deliberation: %d", resp.StatusCode)
	}

	id := strconv.FormatInt(f.cand.ID, 10)
	form := url.Values{"selection": {id}, "level": {"3"}, "motivation": {"Une politique confirmée du libre."}, "mentions": {"Open data"}}
	// Without a motivation: the table again, with the error, nothing recorded.
	noMotivation := url.Values{"selection": {id}, "level": {"3"}}
	resp := f.request("staff", http.MethodPost, base+"/lot", noMotivation)
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Rédigez la motivation publique") {
		t.Errorf("bulk without motivation: %d", resp.StatusCode)
	}
	resp = f.request("staff", http.MethodPost, base+"/lot", form)
	confirm := readBody(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(confirm, "Confirmer la décision pour 1\u00a0candidature") || !strings.Contains(confirm, "Niveau 3 — Confirmé") {
		t.Fatalf("confirmation page %d:\n%s", resp.StatusCode, confirm)
	}
	if c, _ := f.st.Candidature(f.ctx, f.cand.ID); c.Level != nil {
		t.Fatalf("the confirmation page recorded a decision: %v", *c.Level)
	}
	resp = f.request("staff", http.MethodPost, base+"/lot/confirmer", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirm: %d %s", resp.StatusCode, readBody(t, resp))
	}
	c, _ := f.st.Candidature(f.ctx, f.cand.ID)
	if c.State != domain.Deliberee || c.Level == nil || *c.Level != 3 || c.Motivation != "Une politique confirmée du libre." || len(c.Mentions) != 1 {
		t.Fatalf("after the bulk decision: %s %v %q %v", c.State, c.Level, c.Motivation, c.Mentions)
	}
	// The decision's own page starts from the decision recorded.
	page = readBody(t, f.request("staff", http.MethodGet, "/candidatures/"+id+"/evenements/deliberer", nil))
	if !strings.Contains(page, "Une politique confirmée du libre.") || !strings.Contains(page, `value="Open data" checked`) {
		t.Errorf("the decision's form does not start from the recorded decision")
	}

	// Scheduling the publication, then cancelling it.
	campaignPage := fmt.Sprintf("/admin/campagnes/%d", f.campaign.ID)
	day := time.Now().In(fr.Paris()).AddDate(0, 0, 10).Format("2006-01-02")
	resp = f.request("staff", http.MethodPost, campaignPage+"/publication", url.Values{"publication": {day}, "publication_heure": {"18:30"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("schedule: %d %s", resp.StatusCode, readBody(t, resp))
	}
	cp, _ := f.st.Campaign(f.ctx, f.campaign.ID)
	if cp.PublishAt == nil || cp.PublishAt.In(fr.Paris()).Format("2006-01-02 15:04") != day+" 18:30" {
		t.Fatalf("scheduled at %v", cp.PublishAt)
	}
	if page := readBody(t, f.request("staff", http.MethodGet, campaignPage, nil)); !strings.Contains(page, "Publication programmée le") {
		t.Errorf("the campaign page does not show the scheduled publication")
	}
	resp = f.request("staff", http.MethodPost, campaignPage+"/publication", url.Values{"publication": {"2001-01-01"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "déjà passé") {
		t.Errorf("scheduling in the past: %d", resp.StatusCode)
	}
	resp = f.request("staff", http.MethodPost, campaignPage+"/publication", url.Values{"annuler": {"oui"}})
	if cp, _ := f.st.Campaign(f.ctx, f.campaign.ID); resp.StatusCode != http.StatusSeeOther || cp.PublishAt != nil {
		t.Errorf("cancel: %d, still at %v", resp.StatusCode, cp.PublishAt)
	}
}
