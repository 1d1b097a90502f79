package e2e

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/adullact/tnl/internal/fr"
)

// axeIfAvailable returns axe-core's source, or "" when it is not installed
// (the flow still runs; TestAccessibility says how to install it).
func axeIfAvailable() string {
	candidates := []string{os.Getenv("TNL_AXE_JS")}
	if dir, err := os.UserCacheDir(); err == nil {
		candidates = append(candidates, filepath.Join(dir, "tnl", "axe", "node_modules", "axe-core", "axe.min.js"))
	}
	for _, c := range candidates {
		if b, err := os.ReadFile(c); c != "" && err == nil {
			return string(b)
		}
	}
	return ""
}

// waitURL waits until the page loaded in the tab has an address that cond
// accepts (the tab may be navigating meanwhile: errors are retried).
func waitURL(cond func(u *url.URL) bool) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for {
			var loc, state string
			if err := chromedp.Location(&loc).Do(ctx); err == nil {
				if err := chromedp.Evaluate(`document.readyState`, &state).Do(ctx); err == nil && state == "complete" {
					if u, err := url.Parse(loc); err == nil && cond(u) {
						return nil
					}
				}
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
}

// A mairie asks for a visit, an ambassadeur takes it and files the report,
// in a real browser, without JavaScript being needed: the GULL registers
// through its form (validated at the command line, as staff would), the
// mairie fills in the public form and confirms it through the link of its
// email, the ambassadeur takes it from their space (« Je m’en occupe »),
// fixes the appointment and files the report with the kit; the mairie
// reads the next step on its page and the public site shows the visit.
// Every page passes axe-core when it is installed, also 320 px wide.
func TestVisitFlowInBrowser(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			ctx := browser(t)
			axe := axeIfAvailable()
			p := start(t, dialect, func(p *platform) {
				p.tnl("territoires", "import", "../territoires/testdata/v1")
				p.tnl("geo", "import", "../demo/geo")
				cmd := exec.Command(binary, "user", "add", "--email", "coord@gull-ain.org", "--name", "Alex Libre", "--password-stdin")
				cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+p.dbURL)
				cmd.Stdin = strings.NewReader("une phrase de passe solide\n")
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("user add: %v %s", err, out)
				}
			})
			base := p.BaseURL
			check := func(label string) {
				t.Helper()
				if axe == "" {
					return
				}
				var violations []axeViolation
				run(t, ctx, "axe on "+label, chromedp.Evaluate(axe, nil),
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
			// ok waits for the page a form led to, by its notice's key: a
			// notice already on the page before the click proves nothing.
			ok := func(key string) chromedp.Action {
				return waitURL(func(u *url.URL) bool { return u.Query().Get("ok") == key })
			}
			at := func(path string) chromedp.Action {
				return waitURL(func(u *url.URL) bool { return u.Path == path })
			}
			signIn := func(email string) {
				t.Helper()
				run(t, ctx, "sign in as "+email, chromedp.Navigate(base+"/connexion"),
					chromedp.SendKeys("#email", email, chromedp.ByID), chromedp.SendKeys("#password", "une phrase de passe solide", chromedp.ByID),
					chromedp.Click("form[action='/connexion'] button", chromedp.ByQuery), ok("connecte"))
			}
			signOut := func() {
				t.Helper()
				run(t, ctx, "sign out", chromedp.Click("form[action='/deconnexion'] button", chromedp.ByQuery), ok("deconnecte"))
			}

			// The GULL registers, staff validate it.
			signIn("coord@gull-ain.org")
			run(t, ctx, "register with errors", chromedp.Navigate(base+"/ambassadeurs/gulls/inscription"),
				chromedp.Click("main form button[type=submit]", chromedp.ByQuery), chromedp.WaitVisible(".error-summary", chromedp.ByQuery))
			mustContain(t, ctx, "Indiquez le nom du GULL.", "Indiquez au moins un territoire")
			check("inscription d’un GULL avec erreurs")
			run(t, ctx, "register the GULL", chromedp.Navigate(base+"/ambassadeurs/gulls/inscription"),
				chromedp.SendKeys("#name", "GULL de l’Ain", chromedp.ByID), chromedp.SendKeys("#email", "contact@gull-ain.org", chromedp.ByID),
				chromedp.SendKeys("#home", "01001", chromedp.ByID), chromedp.SendKeys("#zone", "01 Ain", chromedp.ByID),
				chromedp.Click("main form button[type=submit]", chromedp.ByQuery), ok("gull-inscrit"))
			mustContain(t, ctx, "Le GULL est inscrit", "En attente de validation", "Ain (01)")
			check("tableau de bord du GULL")
			p.tnl("gull", "validate", "gull-de-l-ain")
			signOut()

			// The mairie asks, without an account.
			run(t, ctx, "find the commune", chromedp.Navigate(base+"/ambassadeurs/demande"),
				chromedp.SendKeys("#q", "clemenciat", chromedp.ByID), chromedp.Click("form[role=search] button", chromedp.ByQuery),
				chromedp.WaitVisible(".results", chromedp.ByQuery))
			check("demande : recherche de la commune")
			run(t, ctx, "choose it", chromedp.Click(".results a", chromedp.ByQuery), chromedp.WaitVisible("#name", chromedp.ByID))
			run(t, ctx, "send without a topic", chromedp.SendKeys("#name", "Camille Maire", chromedp.ByID),
				chromedp.Click("#function-maire", chromedp.ByID), chromedp.SendKeys("#email", "mairie@abergement.fr", chromedp.ByID),
				chromedp.Click("main form button[type=submit]", chromedp.ByQuery), chromedp.WaitVisible(".error-summary", chromedp.ByQuery))
			mustContain(t, ctx, "Cochez au moins un sujet")
			check("demande avec erreurs")
			run(t, ctx, "send the request", chromedp.Click("#topic-bureautique", chromedp.ByID), chromedp.Click("#topic-label", chromedp.ByID),
				chromedp.Click("#consent", chromedp.ByID), chromedp.Click("main form button[type=submit]", chromedp.ByQuery),
				at("/ambassadeurs/demande/envoyee"))
			mustContain(t, ctx, "confirmez votre adresse")
			follow := p.lastLink("mairie@abergement.fr", "/ambassadeurs/suivi/")
			run(t, ctx, "confirm through the link", chromedp.Navigate(base+follow), chromedp.WaitVisible(".notice", chromedp.ByQuery))
			mustContain(t, ctx, "Votre demande est confirmée", "Confirmée, en attente d’un ambassadeur", "GULL de l’Ain")
			check("suivi de la demande")

			// The ambassadeur takes it, fixes the appointment, files the report.
			signIn("coord@gull-ain.org")
			run(t, ctx, "the space", chromedp.Navigate(base+"/ambassadeurs/espace"), chromedp.WaitVisible(".requests", chromedp.ByQuery))
			mustContain(t, ctx, "L'Abergement-Clémenciat", "Dans votre zone", "Bureautique")
			check("espace ambassadeur")
			run(t, ctx, "take it", chromedp.Click(`.requests form button`, chromedp.ByQuery), ok("visite.prendre"))
			mustContain(t, ctx, "Vous vous occupez de cette demande", "Prise en charge", "mairie@abergement.fr")
			check("page de la demande")
			when := time.Now().In(fr.Paris()).AddDate(0, 1, 0) // typed and shown in Paris time
			run(t, ctx, "fix the appointment", chromedp.SendKeys("#fixer_rendez_vous-date", when.Format("2006-01-02")+" 14:30", chromedp.ByID),
				chromedp.Click(`form[action$="/evenements/fixer_rendez_vous"] button`, chromedp.ByQuery), ok("visite.fixer_rendez_vous"))
			mustContain(t, ctx, "Le rendez-vous est fixé", fr.Date(when)+" à 14")
			run(t, ctx, "open the report", chromedp.Click(`a[href$="/compte-rendu"]`, chromedp.ByQuery), chromedp.WaitVisible("#points", chromedp.ByID))
			check("compte rendu")
			run(t, ctx, "file the report", chromedp.Click("#point-libertes", chromedp.ByID), chromedp.Click("#point-label", chromedp.ByID),
				chromedp.Click("#sw-libreoffice", chromedp.ByID), chromedp.Click("#doc-cle_usb", chromedp.ByID),
				chromedp.SendKeys("#notes", "Maire intéressée par le label.", chromedp.ByID),
				chromedp.SendKeys("#next_step", "Essai de LibreOffice sur deux postes.", chromedp.ByID),
				chromedp.SendKeys("#summary", "Bureautique libre et label.", chromedp.ByID),
				chromedp.Click("main form button[type=submit]", chromedp.ByQuery), ok("compte-rendu"))
			mustContain(t, ctx, "Le compte rendu est enregistré", "Visite faite", "LibreOffice", "Essai de LibreOffice sur deux postes.")
			run(t, ctx, "the reports feed", chromedp.Navigate(base+"/ambassadeurs/espace/comptes-rendus"), chromedp.WaitReady("main", chromedp.ByQuery))
			mustContain(t, ctx, "L'Abergement-Clémenciat", "Maire intéressée par le label.")
			check("fil des comptes rendus")
			signOut()

			// The mairie reads the next step; the public site shows the visit.
			run(t, ctx, "the mairie's page", chromedp.Navigate(base+p.lastLink("mairie@abergement.fr", "/ambassadeurs/suivi/")), chromedp.WaitReady("main", chromedp.ByQuery))
			mustContain(t, ctx, "Visite faite", "Prochaine étape : Essai de LibreOffice sur deux postes.", "Alex Libre")
			if text := pageText(t, ctx); strings.Contains(text, "Maire intéressée") {
				t.Error("the mairie reads the ambassadeurs' notes")
			}
			run(t, ctx, "the public site", chromedp.Navigate(base+"/ambassadeurs"), chromedp.WaitReady("main", chromedp.ByQuery))
			mustContain(t, ctx, "L'Abergement-Clémenciat", "Bureautique libre et label.", "1\u00a0mairie a demandé")
			check("site public des ambassadeurs")
			run(t, ctx, "narrow screen", chromedp.EmulateViewport(320, 800), chromedp.Navigate(base+"/ambassadeurs/gulls/gull-de-l-ain"),
				chromedp.WaitReady("main", chromedp.ByQuery))
			var scroll int
			run(t, ctx, "no horizontal scroll at 320 px", chromedp.Evaluate(`document.documentElement.scrollWidth - document.documentElement.clientWidth`, &scroll))
			if scroll > 0 {
				t.Errorf("the GULL's page scrolls by %d px at 320 px", scroll)
			}
			check("page publique du GULL à 320 px")
		})
	}
}

// The ambassadeurs' other pages pass axe-core: the directory, the forms,
// staff's pages, a mailing campaign's page with its progress and
// dashboard, the kit and the template letters.
func TestAmbassadeursAccessibility(t *testing.T) {
	axe := axeScript(t)
	ctx := browser(t)
	p := start(t, "sqlite", func(p *platform) {
		p.tnl("territoires", "import", "../territoires/testdata/v1")
		cmd := exec.Command(binary, "user", "add", "--email", "equipe@exemple.fr", "--name", "Dominique Équipe", "--role", "staff", "--password-stdin")
		cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+p.dbURL)
		cmd.Stdin = strings.NewReader("une phrase de passe solide\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("user add: %v %s", err, out)
		}
		p.tnl("courrier", "create", "--title", "Courrier de l’Ain", "--departement", "01", "--sender", "Association des maires de l’Ain")
	})
	base := p.BaseURL
	check := func(path string) {
		t.Helper()
		var violations []axeViolation
		run(t, ctx, "axe on "+path, chromedp.Navigate(base+path), chromedp.WaitReady("main", chromedp.ByQuery), chromedp.Evaluate(axe, nil),
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
	for _, path := range []string{"/ambassadeurs", "/ambassadeurs/gulls", "/ambassadeurs/demande?commune=01001", "/ambassadeurs/fiche"} {
		check(path)
	}
	run(t, ctx, "sign in", chromedp.Navigate(base+"/connexion"),
		chromedp.SendKeys("#email", "equipe@exemple.fr", chromedp.ByID), chromedp.SendKeys("#password", "une phrase de passe solide", chromedp.ByID),
		chromedp.Click("form[action='/connexion'] button", chromedp.ByQuery), waitURL(func(u *url.URL) bool { return u.Query().Get("ok") == "connecte" }))
	for _, path := range []string{"/admin/ambassadeurs", "/ambassadeurs/courriers", "/ambassadeurs/courriers/1", "/ambassadeurs/espace",
		"/ambassadeurs/espace/kit", "/ambassadeurs/espace/modeles", "/ambassadeurs/espace/comptes-rendus", "/ambassadeurs/gulls/inscription"} {
		check(path)
	}
}
