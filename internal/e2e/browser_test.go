package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/adullact/tnl/internal/demo"
)

// browser returns a headless Chromium context (Debian's chromium package;
// never a downloaded browser). Without chromium the test is skipped, unless
// TNL_REQUIRE_BROWSER is set (CI sets it).
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("TNL_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium is required (apt install chromium)")
		}
		t.Skip("chromium not installed (apt install chromium): browser test skipped")
	}
	// Chromium may still write to its profile while it exits: remove it
	// ourselves, last, ignoring errors, rather than with t.TempDir.
	profile, err := os.MkdirTemp("", "tnl-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// run runs browser actions and fails the test with the page's text on error.
func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	// A step waits for what it expects at most this long: a page that
	// lacks it fails the step, naming it, instead of the whole run's timeout.
	step, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	if err := chromedp.Run(step, actions...); err != nil {
		var text, url string
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		chromedp.Run(tctx, chromedp.Location(&url), chromedp.Text("main", &text, chromedp.ByQuery))
		cancel()
		t.Fatalf("%s: %v\nat %s:\n%s", what, err, url, text)
	}
}

func pageText(t *testing.T, ctx context.Context) string {
	t.Helper()
	var text string
	run(t, ctx, "reading the page", chromedp.Text("main", &text, chromedp.ByQuery))
	return text
}

func mustContain(t *testing.T, ctx context.Context, want ...string) {
	t.Helper()
	text := pageText(t, ctx)
	for _, w := range want {
		if !strings.Contains(text, w) {
			var url string
			chromedp.Run(ctx, chromedp.Location(&url))
			t.Fatalf("page %s does not say %q:\n%s", url, w, text)
		}
	}
}

// fillSection answers every visible question of the current section page
// with a valid value, the way a person would pick them.
const fillSection = `(() => {
  const pick = (block) => {
    const min = block.dataset.min ? Number(block.dataset.min) : null;
    const max = block.dataset.max ? Number(block.dataset.max) : null;
    let n = 12;
    if (min !== null && n < min) n = min;
    if (max !== null && n > max) n = max;
    return String(n);
  };
  const choose = (el) => { if (!el.checked) { el.checked = true; el.dispatchEvent(new Event('change', {bubbles: true})); } };
  // First the choices, which may show conditional questions…
  for (const block of document.querySelectorAll('.question[data-key]')) {
    const type = block.dataset.type;
    if (type === 'yesno') choose(block.querySelector('input[value=oui]'));
    if (type === 'choice' || type === 'multichoice') choose(block.querySelector('input[type=radio], input[type=checkbox]'));
  }
  // …then every visible field.
  for (const block of document.querySelectorAll('.question[data-key]')) {
    if (block.hidden) continue;
    const type = block.dataset.type;
    if (type === 'yesno' || type === 'choice' || type === 'multichoice') continue;
    if (type === 'group') {
      const row = block.querySelector('tbody tr');
      for (const el of row.querySelectorAll('input, select')) {
        if (el.tagName === 'SELECT') el.selectedIndex = 1;
        else if (el.inputMode === 'numeric' || el.inputMode === 'decimal') el.value = '12';
        else el.value = 'LibreOffice';
      }
      continue;
    }
    const el = block.querySelector('input:not([type=hidden]):not([type=file]), textarea');
    if (!el || el.value !== '') continue;
    if (el.type === 'url') el.value = 'https://www.exemple.fr/preuve';
    else if (el.type === 'email') el.value = 'referent@exemple.fr';
    else if (el.type === 'date') el.value = '2025-03-17';
    else if (el.inputMode === 'numeric' || el.inputMode === 'decimal') el.value = pick(block);
    else el.value = 'Réponse saisie dans le navigateur <script>alert(1)</script>';
  }
  return true;
})()`

// The whole candidate flow in a real browser: sign up, confirm the address,
// create the candidature, invite a co-editor, fill every required answer,
// attach a PDF, see the missing list empty, submit, see the receipt.
func TestCandidateFlowInBrowser(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			ctx := browser(t)
			p := start(t, dialect, openCampaign)
			pdf := filepath.Join(t.TempDir(), "deliberation.pdf")
			if err := os.WriteFile(pdf, demo.SamplePDF(), 0o644); err != nil {
				t.Fatal(err)
			}
			base := p.BaseURL
			email := "maire@abergement.fr"

			run(t, ctx, "sign up",
				chromedp.Navigate(base+"/inscription"),
				chromedp.SendKeys("#name", "Camille Dupont", chromedp.ByID),
				chromedp.SendKeys("#email", email, chromedp.ByID),
				chromedp.SendKeys("#password", "une phrase de passe solide", chromedp.ByID),
				chromedp.Click("form button[type=submit]", chromedp.ByQuery),
				chromedp.WaitVisible(".notice", chromedp.ByQuery))
			mustContain(t, ctx, "Votre compte est créé")

			run(t, ctx, "confirm the address", chromedp.Navigate(base+p.lastLink(email, "/verifier/")), chromedp.WaitVisible(".notice", chromedp.ByQuery))
			mustContain(t, ctx, "Votre adresse est confirmée")

			run(t, ctx, "find the commune",
				chromedp.Navigate(base+"/candidatures/nouvelle"),
				chromedp.SendKeys("#q", "clemenciat", chromedp.ByID),
				chromedp.Click("form[role=search] button", chromedp.ByQuery),
				chromedp.WaitVisible(".results", chromedp.ByQuery))
			mustContain(t, ctx, "L'Abergement-Clémenciat", "Commune, code 01001")
			run(t, ctx, "create the candidature", chromedp.Click(".results form button", chromedp.ByQuery), chromedp.WaitVisible(".notice", chromedp.ByQuery))
			mustContain(t, ctx, "La candidature est créée", "Brouillon", "TNL-")
			var candURL string
			run(t, ctx, "read the address", chromedp.Location(&candURL))
			candURL = strings.SplitN(candURL, "?", 2)[0]

			run(t, ctx, "invite the GULL member",
				chromedp.Navigate(candURL+"/membres"),
				chromedp.SendKeys("#email", "membre@gull-ain.org", chromedp.ByID),
				chromedp.Click("form[action$=membres] button", chromedp.ByQuery),
				chromedp.WaitVisible(".notice", chromedp.ByQuery))
			mustContain(t, ctx, "L’invitation est envoyée", "membre@gull-ain.org")
			if link := p.lastLink("membre@gull-ain.org", "/invitation/"); link == "" {
				t.Fatal("no invitation link sent")
			}

			// One answer typed key by key, saved by the page's script.
			run(t, ctx, "autosave one answer",
				chromedp.Navigate(candURL+"/sections/identification"),
				chromedp.SendKeys("#q-identification-referent-nom", "Camille Dupont\t", chromedp.ByID),
				chromedp.WaitVisible(`//p[contains(@class,"save-status") and contains(., "Enregistré")]`, chromedp.BySearch))

			// Every section, as a person would: answer, attach, save and go on.
			var sections []string
			run(t, ctx, "list sections", chromedp.Navigate(candURL), chromedp.Evaluate(
				`Array.from(document.querySelectorAll('.sections a')).map(a => a.getAttribute('href'))`, &sections))
			if len(sections) < 5 {
				t.Fatalf("only %d sections listed", len(sections))
			}
			for _, sec := range sections {
				var ok bool
				run(t, ctx, "fill "+sec, chromedp.Navigate(base+sec), chromedp.WaitVisible("form.questionnaire", chromedp.ByQuery), chromedp.Evaluate(fillSection, &ok))
				var files int
				run(t, ctx, "count file inputs", chromedp.Evaluate(`document.querySelectorAll('.question:not([hidden]) input[type=file]').length`, &files))
				if strings.HasSuffix(sec, "/strategie") {
					run(t, ctx, "attach the deliberation", chromedp.SetUploadFiles("#q-strategie-deliberation-preuve", []string{pdf}, chromedp.ByID))
				}
				run(t, ctx, "save "+sec, chromedp.Click(`button[value=suivante]`, chromedp.ByQuery), chromedp.WaitVisible(".notice", chromedp.ByQuery))
			}
			mustContain(t, ctx, "Tout est complet")

			run(t, ctx, "check the attachment", chromedp.Navigate(candURL+"/sections/strategie"))
			mustContain(t, ctx, "deliberation.pdf")

			run(t, ctx, "submit",
				chromedp.Navigate(candURL+"/depot"),
				chromedp.SetValue("#elu_mandate", "Maire", chromedp.ByID),
				chromedp.Click("#attest", chromedp.ByID),
				chromedp.Click("#attestation button[type=submit]", chromedp.ByQuery),
				chromedp.WaitVisible(".notice", chromedp.ByQuery))
			mustContain(t, ctx, "La candidature est déposée", "Déposée", "Accusé de réception (PDF)")
			receipt := p.lastLink(email, "/candidatures/")
			if !strings.HasPrefix(receipt, "/candidatures/") {
				t.Errorf("receipt message links to %q", receipt)
			}
			// The receipt is downloadable from the page, and mailed as a PDF
			// attachment by the outbox worker.
			var pdfCheck string
			run(t, ctx, "download the receipt", chromedp.Evaluate(`fetch(document.querySelector('a[href$="accuse-reception.pdf"]').href)
				.then(r => r.arrayBuffer().then(b => r.status + ' ' + r.headers.get('content-type') + ' ' + new TextDecoder().decode(b.slice(0, 5))))`, &pdfCheck,
				func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
			if pdfCheck != "200 application/pdf %PDF-" {
				t.Errorf("receipt download: %q", pdfCheck)
			}
			p.waitSent(email, "accuse_reception", "receipt:")

			// The answers typed in the browser are escaped wherever they show.
			var html string
			run(t, ctx, "history", chromedp.Navigate(candURL+"/sections/logiciels"), chromedp.OuterHTML("main", &html, chromedp.ByQuery))
			if strings.Contains(html, "<script>alert(1)") {
				t.Error("an answer was rendered as HTML")
			}
			run(t, ctx, "history", chromedp.Navigate(candURL+"/historique"))
			mustContain(t, ctx, "Création", "Déposer la candidature", "de « Brouillon » à « Déposée »")
		})
	}
}
