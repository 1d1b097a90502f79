package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adullact/tnl/internal/domain"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeScript returns axe-core's source: $TNL_AXE_JS, or the copy .ci/run
// installs from npm in the user's cache.
func axeScript(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("TNL_AXE_JS")}
	if dir, err := os.UserCacheDir(); err == nil {
		candidates = append(candidates, filepath.Join(dir, "tnl", "axe", "node_modules", "axe-core", "axe.min.js"))
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if b, err := os.ReadFile(c); err == nil {
			return string(b)
		}
	}
	if os.Getenv("TNL_REQUIRE_BROWSER") != "" {
		t.Fatal("axe-core is required: npm install --prefix ~/.cache/tnl/axe axe-core (or set TNL_AXE_JS)")
	}
	t.Skip("axe-core not found (npm install --prefix ~/.cache/tnl/axe axe-core, or set TNL_AXE_JS): accessibility check skipped")
	return ""
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// Every page a candidate, a GULL member or staff sees passes axe-core's
// WCAG 2 A and AA rules with no violation.
func TestAccessibility(t *testing.T) {
	axe := axeScript(t)
	ctx := browser(t)
	p := start(t, "sqlite", openCampaign)
	base := p.BaseURL

	check := func(label string) {
		t.Helper()
		var violations []axeViolation
		run(t, ctx, "axe on "+label,
			chromedp.Evaluate(axe, nil),
			chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations)`, &violations,
				func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		for _, v := range violations {
			var targets []string
			for _, n := range v.Nodes {
				targets = append(targets, strings.Join(n.Target, " "))
			}
			t.Errorf("%s: %s (%s, %s): %s", label, v.ID, v.Impact, v.Help, strings.Join(targets, " | "))
		}
	}
	visit := func(path string) {
		t.Helper()
		run(t, ctx, "open "+path, chromedp.Navigate(base+path), chromedp.WaitReady("main", chromedp.ByQuery))
		check(path)
	}

	visit("/")
	for _, path := range []string{"/criteres", "/questionnaire", "/faq", "/contact", "/mentions-legales", "/donnees-personnelles", "/accessibilite"} {
		visit(path)
	}
	visit("/connexion")
	visit("/inscription")
	visit("/mot-de-passe-oublie")
	// A form with errors: the error summary and the invalid fields.
	run(t, ctx, "sign up with errors", chromedp.Navigate(base+"/inscription"), chromedp.Click("form button[type=submit]", chromedp.ByQuery), chromedp.WaitVisible(".error-summary", chromedp.ByQuery))
	check("inscription avec erreurs")

	run(t, ctx, "sign up",
		chromedp.Navigate(base+"/inscription"),
		chromedp.SendKeys("#name", "Camille Dupont", chromedp.ByID),
		chromedp.SendKeys("#email", "maire@exemple.fr", chromedp.ByID),
		chromedp.SendKeys("#password", "une phrase de passe solide", chromedp.ByID),
		chromedp.Click("form button[type=submit]", chromedp.ByQuery),
		chromedp.WaitVisible(".notice", chromedp.ByQuery))
	run(t, ctx, "confirm the address", chromedp.Navigate(base+p.lastLink("maire@exemple.fr", "/verifier/")), chromedp.WaitVisible(".notice", chromedp.ByQuery))
	check("/candidatures")
	run(t, ctx, "search", chromedp.Navigate(base+"/candidatures/nouvelle?q=ambe"), chromedp.WaitVisible(".results", chromedp.ByQuery))
	check("/candidatures/nouvelle?q=ambe")
	run(t, ctx, "create", chromedp.Click(".results form button", chromedp.ByQuery), chromedp.WaitVisible(".notice", chromedp.ByQuery))
	check("/candidatures/1")
	var sections []string
	run(t, ctx, "sections", chromedp.Evaluate(`Array.from(document.querySelectorAll('.sections a')).map(a => a.getAttribute('href'))`, &sections))
	for _, s := range sections {
		visit(s)
	}
	// A section saved with an invalid value.
	run(t, ctx, "invalid answer", chromedp.Navigate(base+"/candidatures/1/sections/identification"),
		chromedp.SetValue("#q-identification-agents", "beaucoup", chromedp.ByID),
		chromedp.Click(`button[value=rester]`, chromedp.ByQuery), chromedp.WaitVisible(".error-summary", chromedp.ByQuery))
	check("section avec erreurs")
	for _, path := range []string{"/candidatures/1/manquant", "/candidatures/1/depot", "/candidatures/1/historique", "/candidatures/1/membres", "/candidatures/1/messages", "/candidatures/1/reponses", "/compte", "/compte/supprimer"} {
		visit(path)
	}
	// The withdrawal's confirmation, as a dialog and as a page.
	run(t, ctx, "withdrawal dialog", chromedp.Navigate(base+"/candidatures/1"), chromedp.Click(`details.other-actions summary`, chromedp.ByQuery),
		chromedp.Click(`a[data-dialog="dialogue-retirer"]`, chromedp.ByQuery), chromedp.WaitVisible(`#dialogue-retirer`, chromedp.ByID))
	check("confirmation du retrait (fenêtre)")
	visit("/candidatures/1/evenements/retirer")

	// Staff's back office, with a form sent back with errors.
	p.addPerson("equipe@exemple.fr", "Dominique Équipe", domain.RoleStaff)
	signIn(t, ctx, base, "equipe@exemple.fr")
	for _, path := range []string{"/admin", "/admin/candidatures", "/admin/campagnes", "/admin/campagnes/1", "/admin/campagnes/nouvelle", "/admin/comptes", "/admin/envois", "/candidatures/1/sections/strategie"} {
		visit(path)
	}
	run(t, ctx, "new campaign with errors", chromedp.Navigate(base+"/admin/campagnes/nouvelle"), chromedp.Evaluate(`document.getElementById("annee").value = ""`, nil),
		chromedp.Click(`form[action="/admin/campagnes"] button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(".error-summary", chromedp.ByQuery))
	check("nouvelle campagne avec erreurs")

	// The deliberation: its table, a decision's page, the bulk decision's
	// confirmation and the campaign's publication section.
	if _, err := p.store.DB().NewUpdate().Table("candidatures").Set("state = ?", domain.Evaluee).Where("id = 1").Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.store.DB().NewUpdate().Table("campaigns").Set("state = ?", domain.CampagneDeliberation).Where("id = 1").Exec(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/campagnes/1/deliberation", "/candidatures/1/evenements/deliberer", "/admin/campagnes/1"} {
		visit(path)
	}
	run(t, ctx, "bulk decision", chromedp.Navigate(base+"/campagnes/1/deliberation"), chromedp.Click(`#sel-1`, chromedp.ByQuery),
		chromedp.SetValue(`#lot-level`, "3", chromedp.ByQuery), chromedp.SetValue(`#lot-motivation`, "Une politique confirmée.", chromedp.ByQuery),
		chromedp.Click(`#selection button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`form[action$="/lot/confirmer"]`, chromedp.ByQuery))
	check("confirmation d’une décision par lot")
}
