package e2e

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/adullact/tnl/internal/demo"
	"github.com/adullact/tnl/internal/domain"
)

// awaitPromise lets Evaluate wait for a promise.
func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// What the élu and staff do around a candidature, in a browser with
// JavaScript: staff read every answer of a draft with its follow-ups and
// files, write to the élu, who answers in the thread; staff filter the
// candidatures table and export it; the élu withdraws only after
// confirming, and can cancel; the public pages are there for anyone.
func TestSupportAndBackOfficeInBrowser(t *testing.T) {
	ctx := browser(t)
	p := start(t, "sqlite", openCampaign)
	base := p.BaseURL
	p.addPerson("maire@exemple.fr", "Camille Dupont", domain.RoleMember)
	p.addPerson("equipe@exemple.fr", "Dominique Équipe", domain.RoleStaff)
	pdf := filepath.Join(t.TempDir(), "deliberation.pdf")
	if err := os.WriteFile(pdf, demo.SamplePDF(), 0o644); err != nil {
		t.Fatal(err)
	}

	// Public pages, signed out.
	for path, h1 := range map[string]string{"/criteres": "Critères et niveaux du label", "/questionnaire": "Le questionnaire", "/faq": "Questions fréquentes",
		"/contact": "Contact", "/mentions-legales": "Mentions légales", "/donnees-personnelles": "Données personnelles", "/accessibilite": "Déclaration d’accessibilité"} {
		var got string
		run(t, ctx, "open "+path, chromedp.Navigate(base+path), chromedp.Text("h1", &got, chromedp.ByQuery))
		if !strings.HasPrefix(got, h1) {
			t.Errorf("%s: title %q, want %q", path, got, h1)
		}
		var footer bool
		run(t, ctx, "footer of "+path, chromedp.Evaluate(`!!document.querySelector('footer a[href="`+path+`"]')`, &footer))
		if !footer {
			t.Errorf("the footer does not link to %s", path)
		}
	}
	var blank string
	run(t, ctx, "blank questionnaire PDF", chromedp.Navigate(base+"/questionnaire"), chromedp.Evaluate(`fetch('/questionnaire.pdf').then(r => r.arrayBuffer().then(b => r.status + ' ' + new TextDecoder().decode(b.slice(0, 5))))`, &blank, awaitPromise))
	if blank != "200 %PDF-" {
		t.Errorf("blank questionnaire: %q", blank)
	}
	run(t, ctx, "home", chromedp.Navigate(base+"/"))
	mustContain(t, ctx, "Créer un compte pour présenter une candidature", "Un compte est nécessaire")

	// The élu answers « oui » to the deliberation, with its date and PDF.
	signIn(t, ctx, base, "maire@exemple.fr")
	cand := newCandidature(t, ctx, base, "clemenciat")
	run(t, ctx, "answer the deliberation",
		chromedp.Navigate(cand+"/sections/strategie"),
		chromedp.Click(`#bloc-q-strategie-deliberation input[value=oui]`, chromedp.ByQuery),
		chromedp.WaitVisible("#q-strategie-deliberation-date", chromedp.ByID),
		chromedp.SetValue("#q-strategie-deliberation-date", "2025-03-17", chromedp.ByID),
		chromedp.SetUploadFiles("#q-strategie-deliberation-preuve", []string{pdf}, chromedp.ByID),
		chromedp.Click(`button[value=rester]`, chromedp.ByQuery),
		chromedp.WaitVisible(".notice", chromedp.ByQuery))
	mustContain(t, ctx, "deliberation.pdf", "Retirer")

	// Staff read the draft: the follow-up answer and the file, visible
	// with the page's script running, with a download link.
	signIn(t, ctx, base, "equipe@exemple.fr")
	var landing string
	run(t, ctx, "landing", chromedp.Location(&landing))
	if !strings.Contains(landing, "/admin") {
		t.Errorf("staff land on %s, want the dashboard", landing)
	}
	run(t, ctx, "read-only answers", chromedp.Navigate(cand+"/reponses"),
		chromedp.WaitVisible(`//dd[contains(., "17 mars 2025")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//a[contains(., "deliberation.pdf")]`, chromedp.BySearch))
	var download string
	run(t, ctx, "download the evidence", chromedp.Evaluate(`fetch(Array.from(document.querySelectorAll('a')).find(a => a.textContent.includes('deliberation.pdf')).href).then(r => r.arrayBuffer().then(b => r.status + ' ' + new TextDecoder().decode(b.slice(0, 5))))`, &download, awaitPromise))
	if download != "200 %PDF-" {
		t.Errorf("evidence download: %q", download)
	}
	var disabled int
	run(t, ctx, "read-only section", chromedp.Navigate(cand+"/sections/strategie"), chromedp.WaitReady("main", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('main input:disabled, main select:disabled, main textarea:disabled').length`, &disabled))
	mustContain(t, ctx, "17 mars 2025", "deliberation.pdf")
	if disabled != 0 {
		t.Errorf("staff's read-only section shows %d disabled inputs", disabled)
	}

	// Staff write to the élu; the élu answers in the same thread.
	run(t, ctx, "staff write", chromedp.Navigate(cand+"/messages"),
		chromedp.SendKeys("#message", "Bonjour, pouvez-vous préciser la date du conseil municipal ?", chromedp.ByID),
		chromedp.Click(`form[action$="/messages"] button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(".notice", chromedp.ByQuery))
	signIn(t, ctx, base, "maire@exemple.fr")
	run(t, ctx, "the élu reads", chromedp.Navigate(cand+"/messages"))
	mustContain(t, ctx, "pouvez-vous préciser la date du conseil municipal", "Équipe ADULLACT")
	run(t, ctx, "the élu answers",
		chromedp.SendKeys("#message", "Le conseil a délibéré le 17 mars 2025.", chromedp.ByID),
		chromedp.Click(`form[action$="/messages"] button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(".notice", chromedp.ByQuery))
	if link := p.lastLink("maire@exemple.fr", "/candidatures/"); !strings.Contains(link, "/messages") {
		t.Errorf("the email of staff's message links to %s, want the thread", link)
	}

	// Withdrawing asks first: the dialog can be cancelled.
	var open bool
	run(t, ctx, "open the withdrawal", chromedp.Navigate(cand),
		chromedp.Click(`details.other-actions summary`, chromedp.ByQuery),
		chromedp.Click(`a[data-dialog="dialogue-retirer"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#dialogue-retirer`, chromedp.ByID),
		chromedp.Evaluate(`document.getElementById('dialogue-retirer').open`, &open))
	if !open {
		t.Fatal("« Retirer la candidature » did not open its confirmation")
	}
	mustContain(t, ctx, "ne sera pas examinée par le jury", "ne peut pas être annulée")
	run(t, ctx, "cancel", chromedp.Click(`#dialogue-retirer form[method=dialog] button`, chromedp.ByQuery), chromedp.WaitNotVisible(`#dialogue-retirer`, chromedp.ByID))
	run(t, ctx, "still a draft", chromedp.Reload())
	mustContain(t, ctx, "Brouillon")
	run(t, ctx, "confirm the withdrawal",
		chromedp.Click(`details.other-actions summary`, chromedp.ByQuery),
		chromedp.Click(`a[data-dialog="dialogue-retirer"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#dialogue-retirer`, chromedp.ByID),
		chromedp.SendKeys(`#dialogue-retirer textarea`, "Le conseil municipal préfère attendre l’an prochain.", chromedp.ByQuery),
		chromedp.Click(`#dialogue-retirer form[method=post] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(".notice", chromedp.ByQuery))
	mustContain(t, ctx, "Retirée")

	// Staff filter the table by state and export the selection.
	signIn(t, ctx, base, "equipe@exemple.fr")
	run(t, ctx, "filter", chromedp.Navigate(base+"/admin/candidatures"),
		chromedp.SetValue("#f-etat", domain.Retiree, chromedp.ByID),
		chromedp.Click(`form.filter-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitReady("main", chromedp.ByQuery))
	mustContain(t, ctx, "1\u00a0candidature", "L'Abergement-Clémenciat", "Retirée")
	var exported string
	run(t, ctx, "export", chromedp.Evaluate(`fetch(document.querySelector('a[href^="/admin/candidatures.csv"]').href).then(r => r.text())`, &exported, awaitPromise))
	records, err := csv.NewReader(strings.NewReader(exported)).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	if len(records) != 2 || !strings.HasPrefix(records[1][0], "TNL-") || records[1][7] != "Retirée" {
		t.Errorf("export of the filtered table: %v", records)
	}
	run(t, ctx, "filter on another state", chromedp.Navigate(base+"/admin/candidatures?etat="+domain.Deposee))
	mustContain(t, ctx, "Aucune candidature ne correspond")
}
