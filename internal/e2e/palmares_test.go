package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// e2eHistory is a small history over the test territories, in the layout
// of the label's history file.
const e2eHistory = `annee,niveau,nom_publie,type,departement,code_insee_ou_siren,mention,source
2024,4,Ambérieu-en-Bugey,commune,,01004,,https://exemple.fr/2024
2025,Argent,Ambérieu-en-Bugey,commune,,01004,Mutualisation,https://exemple.fr/2025
2025,Badge,Digne-les-Bains,commune,04,04070,,https://exemple.fr/2025
2025,Bronze,CC de la Plaine de l’Ain,epci,,200042935,,https://exemple.fr/2025
`

// withPalmares imports the territories and the small history with the CLI.
func withPalmares(p *platform) {
	p.tnl("territoires", "import", "../territoires/testdata/v1")
	path := filepath.Join(p.t.TempDir(), "palmares.csv")
	if err := os.WriteFile(path, []byte(e2eHistory), 0o600); err != nil {
		p.t.Fatal(err)
	}
	if out := p.tnl("palmares", "import", path); !strings.Contains(out, "2025 : ") {
		p.t.Fatalf("import: %s", out)
	}
}

// A visitor opens the palmarès, filters it by région, opens a
// collectivité and copies its badge's snippet.
func TestPalmaresVisitorInBrowser(t *testing.T) {
	ctx := browser(t)
	p := start(t, "sqlite", withPalmares)
	base := p.BaseURL
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		run(t, ctx, "grant "+name, cdpbrowser.SetPermission(&cdpbrowser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true}, cdpbrowser.PermissionSettingGranted).WithOrigin(base))
	}
	run(t, ctx, "open the palmarès", chromedp.Navigate(base+"/"), chromedp.Click(`header nav a[href="/palmares"]`, chromedp.ByQuery), chromedp.WaitVisible("#laureats", chromedp.ByQuery))
	if text := pageText(t, ctx); !strings.Contains(text, "Palmarès 2025") || !strings.Contains(text, "Digne-les-Bains") || !strings.Contains(text, "Ambérieu-en-Bugey") {
		t.Fatalf("the palmarès:\n%s", text)
	}
	run(t, ctx, "filter by région", chromedp.SetValue("#f-region", "93", chromedp.ByID),
		chromedp.Click(`form.filters button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`p[role=status]`, chromedp.ByQuery))
	var url string
	run(t, ctx, "where", chromedp.Location(&url))
	text := pageText(t, ctx)
	if !strings.Contains(url, "region=93") || !strings.Contains(text, "Digne-les-Bains") || strings.Contains(text, "Ambérieu-en-Bugey (") {
		t.Fatalf("filtered by Provence-Alpes-Côte d’Azur (%s):\n%s", url, text)
	}
	var links int
	run(t, ctx, "count", chromedp.Evaluate(`document.querySelectorAll('#laureats ~ table a[href^="/collectivites/"], section[aria-labelledby=laureats] a[href^="/collectivites/"]').length`, &links))
	if links != 1 {
		t.Errorf("%d collectivités listed under the filter, want 1", links)
	}
	run(t, ctx, "open the collectivité", chromedp.Click(`a[href="/collectivites/04070"]`, chromedp.ByQuery), chromedp.WaitVisible("#badges", chromedp.ByQuery))
	var snippet, copied, status string
	run(t, ctx, "copy the snippet",
		chromedp.WaitVisible("button.copy-snippet", chromedp.ByQuery),
		chromedp.Value("#snippet-2025", &snippet, chromedp.ByID),
		chromedp.Click("button.copy-snippet", chromedp.ByQuery),
		chromedp.WaitVisible(`.copy-status`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('.copy-status').textContent`, &status, chromedp.WithPollingTimeout(0)),
	)
	run(t, ctx, "read the clipboard", chromedp.Evaluate(`navigator.clipboard.readText()`, &copied, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if !strings.Contains(snippet, "/collectivites/04070") || !strings.Contains(snippet, "/badges/2025/04070.svg") || copied != snippet || status != "Code copié." {
		t.Errorf("snippet %q, clipboard %q, status %q", snippet, copied, status)
	}
	var natural int
	run(t, ctx, "the badge loads", chromedp.Poll(`(() => { const i = document.querySelector('img[src="/badges/2025/04070.svg"]'); return i && i.complete && i.naturalWidth; })()`, &natural))
	if natural != 120 {
		t.Errorf("the badge is %d px wide, want 120", natural)
	}
}

// With JavaScript off, the palmarès filters by a plain form, the map is
// drawn, and the snippet is there to copy by hand.
func TestPalmaresWithoutJavaScript(t *testing.T) {
	ctx := browser(t)
	p := start(t, "sqlite", withPalmares)
	base := p.BaseURL
	run(t, ctx, "JavaScript off", emulation.SetScriptExecutionDisabled(true))
	run(t, ctx, "open", chromedp.Navigate(base+"/palmares"), chromedp.WaitVisible("#laureats", chromedp.ByQuery))
	run(t, ctx, "filter by type", chromedp.SetValue("#f-type", "epci", chromedp.ByID),
		chromedp.Click(`form.filters button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`p[role=status]`, chromedp.ByQuery))
	text := pageText(t, ctx)
	if !strings.Contains(text, "CC de la Plaine de l'Ain") || strings.Contains(text, "Digne-les-Bains (") {
		t.Errorf("filtered by EPCI:\n%s", text)
	}
	run(t, ctx, "collectivité", chromedp.Navigate(base+"/collectivites/01004"), chromedp.WaitVisible("#snippet-2025", chromedp.ByID))
	var hidden bool
	var snippet string
	run(t, ctx, "snippet", chromedp.Value("#snippet-2025", &snippet, chromedp.ByID),
		chromedp.Evaluate(`document.querySelector('button.copy-snippet').hidden`, &hidden))
	if !strings.Contains(snippet, "<a href=") || !hidden {
		t.Errorf("without JavaScript: snippet %q, copy button hidden %v", snippet, hidden)
	}
	if text := pageText(t, ctx); !strings.Contains(text, "Niveau maintenu") && !strings.Contains(text, "En baisse") {
		t.Errorf("the trend is missing:\n%s", text)
	}
}

// The public pages pass axe-core's WCAG 2 A and AA rules.
func TestPalmaresAccessibility(t *testing.T) {
	axe := axeScript(t)
	ctx := browser(t)
	p := start(t, "sqlite", withPalmares)
	for _, path := range []string{"/", "/palmares", "/palmares/2025?region=93", "/palmares/2024", "/collectivites/01004", "/donnees"} {
		var violations []axeViolation
		run(t, ctx, "axe on "+path, chromedp.Navigate(p.BaseURL+path), chromedp.WaitReady("main", chromedp.ByQuery),
			chromedp.Evaluate(axe, nil),
			chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => r.violations)`, &violations,
				func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		for _, v := range violations {
			var targets []string
			for _, n := range v.Nodes {
				targets = append(targets, strings.Join(n.Target, " "))
			}
			t.Errorf("%s: %s (%s, %s): %s", path, v.ID, v.Impact, v.Help, strings.Join(targets, " | "))
		}
	}
}
