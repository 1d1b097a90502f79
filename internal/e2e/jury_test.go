package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/adullact/tnl/internal/app/apptest"
	"github.com/adullact/tnl/internal/domain"
	evallc "github.com/adullact/tnl/internal/lifecycle/evaluation"
	"github.com/adullact/tnl/internal/policy"
	"github.com/adullact/tnl/workflow"
)

const juryPassword = "une phrase de passe solide"

// juryCampaign prepares a campaign with two recevable candidatures, an
// account invited to the jury (jure@…), a second juror seated (autre@…)
// and a third one in conflict of interest with one candidature (conflit@…).
func juryCampaign(p *platform) {
	openCampaign(p)
	year := fmt.Sprint(time.Now().Year())
	for _, u := range []string{"jure@exemple.fr", "autre@exemple.fr", "conflit@exemple.fr", "equipe@exemple.fr"} {
		args := []string{"user", "add", "--email", u, "--name", "Personne " + strings.TrimSuffix(u, "@exemple.fr"), "--password-stdin"}
		if u == "equipe@exemple.fr" {
			args = append(args, "--role", "staff")
		}
		cmd := exec.Command(binary, args...)
		cmd.Env = append(os.Environ(), "TNL_DATABASE_URL="+p.dbURL)
		cmd.Stdin = strings.NewReader(juryPassword + "\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			p.t.Fatalf("user add %s: %v %s", u, err, out)
		}
	}
	p.tnl("demo", "fill", "--campaign", year, "--candidatures", "2")
	p.tnl("jury", "add", "--campaign", year, "--email", "jure@exemple.fr")
	p.tnl("jury", "add", "--campaign", year, "--email", "autre@exemple.fr", "--charte-signee")
	p.tnl("jury", "add", "--campaign", year, "--email", "conflit@exemple.fr", "--charte-signee")
}

// juryIn signs a juror in through the sign-in page, then opens next.
func juryIn(t *testing.T, ctx context.Context, base, email, next string) {
	t.Helper()
	run(t, ctx, "sign in as "+email,
		chromedp.ActionFunc(func(ctx context.Context) error { return network.ClearBrowserCookies().Do(ctx) }),
		chromedp.Navigate(base+"/connexion?suite="+next),
		chromedp.SendKeys("#email", email, chromedp.ByID),
		chromedp.SendKeys("#password", juryPassword, chromedp.ByID),
		chromedp.Submit("#password", chromedp.ByID),
		chromedp.WaitNotPresent("#password", chromedp.ByID),
		chromedp.WaitVisible("main", chromedp.ByQuery))
}

// press focuses an element and presses a key, as a keyboard user would.
func press(sel, key string) chromedp.Action {
	return chromedp.Tasks{chromedp.Focus(sel, chromedp.ByQuery), chromedp.KeyEvent(key)}
}

// A juror accepts the invitation and the charter, evaluates an assigned
// candidature with the keyboard, submits it, then sees the other juror's
// evaluation; a conflicted juror gets « not found » on that candidature
// and its evaluation.
func TestJurorFlowInBrowser(t *testing.T) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			ctx := browser(t)
			p := start(t, dialect, juryCampaign)
			base := p.BaseURL
			year := fmt.Sprint(time.Now().Year())
			invite := p.lastLink("jure@exemple.fr", "/jury/invitation/")

			juryIn(t, ctx, base, "jure@exemple.fr", invite)
			mustContain(t, ctx, "Invitation au jury", "Accepter l’invitation")
			run(t, ctx, "accept the invitation", press("main form button[type=submit]", "\r"), chromedp.WaitVisible(".charter", chromedp.ByQuery))
			mustContain(t, ctx, "Charte du jury", "confidentiels")
			run(t, ctx, "accept the charter", press(".charter input[type=checkbox]", " "), press(".charter button[type=submit]", "\r"),
				chromedp.WaitVisible(`//p[contains(., "Aucune candidature ne vous est affectée")]`, chromedp.BySearch))
			mustContain(t, ctx, "Vous avez accepté la charte du jury")

			// Staff assign both jurors to each candidature but the one the
			// third is conflicted with; the other juror submits first.
			cands, err := p.store.CandidaturesOfCampaign(t.Context(), 1, domain.Recevable)
			if err != nil || len(cands) != 2 {
				t.Fatalf("candidatures %v %v", cands, err)
			}
			target := cands[0]
			p.tnl("jury", "conflict", "add", "--candidature", target.Reference, "--email", "conflit@exemple.fr", "--reason", "Adjoint au maire")
			out := p.tnl("jury", "assign", "--campaign", year, "--per-candidature", "2", "--seed", "3", "--json")
			if !strings.Contains(out, `"assigned": 4`) || !strings.Contains(out, `"conflicts": 1`) {
				t.Fatalf("assignment: %s", out)
			}
			a := apptest.New(t, p.store)
			other, _ := p.store.UserByEmail(t.Context(), "autre@exemple.fr")
			oe, err := p.store.EvaluationOf(t.Context(), target.ID, other.ID)
			if err != nil {
				t.Fatal(err)
			}
			snap, err := a.Engine.Load(t.Context(), evallc.Name, oe.ID, policy.User(other))
			if err != nil {
				t.Fatal(err)
			}
			q, _ := a.Candidatures.Questionnaire(mustCampaign(t, p))
			in := evallc.Input{Scores: map[string]map[string]int{}, Confidence: domain.ConfidenceMedium, PrivateNote: "Dossier solide, à confirmer en séance."}
			level := 2
			in.Level = &level
			for _, th := range q.Grid.Themes {
				in.Scores[th.Theme] = map[string]int{}
				for _, c := range th.Criteria {
					in.Scores[th.Theme][c.Key] = 2
				}
			}
			if _, err := a.Jury.SaveDraft(t.Context(), snap, policy.User(other), in, 0); err != nil {
				t.Fatal(err)
			}
			if _, err := a.Engine.Fire(t.Context(), evallc.Name, oe.ID, "remettre", policy.User(other), workflow.Input{}); err != nil {
				t.Fatal(err)
			}

			juror, _ := p.store.UserByEmail(t.Context(), "jure@exemple.fr")
			mine, err := p.store.EvaluationOf(t.Context(), target.ID, juror.ID)
			if err != nil {
				t.Fatal(err)
			}
			run(t, ctx, "my evaluations", chromedp.Navigate(base+"/jury/evaluations"), chromedp.WaitVisible("main table", chromedp.ByQuery))
			mustContain(t, ctx, target.CollectiviteName, "0\u00a0critère noté sur 13")
			run(t, ctx, "open the evaluation", press(fmt.Sprintf(`a[href="/evaluations/%d"]`, mine.ID), "\r"),
				chromedp.WaitVisible("form[data-evaluation-autosave]", chromedp.ByQuery))
			mustContain(t, ctx, "Dossier de la candidature", "Score automatique du questionnaire", "Première candidature de cette collectivité",
				"Vous les verrez une fois votre évaluation remise")
			// Every criterion with the keyboard: focus its « 3 » and press
			// the space bar; the level and the confidence alike.
			var actions []chromedp.Action
			for _, th := range q.Grid.Themes {
				for _, c := range th.Criteria {
					actions = append(actions, press(fmt.Sprintf("#q-note-%s-%s-3", th.Theme, c.Key), " "))
				}
			}
			actions = append(actions,
				chromedp.Focus("#q-niveau", chromedp.ByID), chromedp.SendKeys("#q-niveau", "Niveau 3", chromedp.ByID),
				press("#q-confiance-elevee", " "),
				chromedp.Focus("#q-remarque", chromedp.ByID), chromedp.SendKeys("#q-remarque", "Continuez ainsi.", chromedp.ByID),
				chromedp.Sleep(1500*time.Millisecond), // past the autosave's delay
				chromedp.WaitVisible(`form[data-state="saved"]`, chromedp.ByQuery))
			run(t, ctx, "fill the grid by keyboard", actions...)
			run(t, ctx, "submit", press(`button[value=remettre]`, "\r"), chromedp.WaitVisible(".confirm", chromedp.ByQuery))
			mustContain(t, ctx, "Remettre l’évaluation", "ne peut plus être modifiée")
			run(t, ctx, "confirm", press("main form button[type=submit]", "\r"), chromedp.WaitVisible(".notice", chromedp.ByQuery))
			mustContain(t, ctx, "Votre évaluation est remise", "Remise", "Évaluations des autres jurés", "Personne autre", "Dossier solide, à confirmer en séance.")
			got, _ := p.store.Evaluation(t.Context(), mine.ID)
			if got.State != domain.EvalRemise || got.Scores["strategie"]["engagement"] != 3 || got.Level == nil || *got.Level != 3 || got.Confidence != domain.ConfidenceHigh {
				t.Errorf("stored evaluation %+v", got)
			}

			// The conflicted juror: the candidature and its evaluations do
			// not exist for them.
			juryIn(t, ctx, base, "conflit@exemple.fr", "/candidatures")
			for _, path := range []string{fmt.Sprintf("/candidatures/%d", target.ID), fmt.Sprintf("/candidatures/%d/jury", target.ID), fmt.Sprintf("/evaluations/%d", mine.ID)} {
				var status int64
				run(t, ctx, "fetch "+path, chromedp.Evaluate(fmt.Sprintf(`fetch(%q).then(r => r.status)`, path), &status,
					func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
				if status != 404 {
					t.Errorf("conflicted juror on %s: %d, want 404", path, status)
				}
			}
			run(t, ctx, "list", chromedp.Navigate(base+"/candidatures"))
			if text := pageText(t, ctx); strings.Contains(text, target.Reference) {
				t.Errorf("the conflicted candidature is listed to the conflicted juror:\n%s", text)
			}
		})
	}
}

func mustCampaign(t *testing.T, p *platform) *domain.Campaign {
	t.Helper()
	cp, err := p.store.CampaignByYear(t.Context(), time.Now().Year())
	if err != nil {
		t.Fatal(err)
	}
	return cp
}

// axeCheck runs axe-core's WCAG 2 A and AA rules on the current page.
func axeCheck(t *testing.T, ctx context.Context, axe, label string) {
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

// Every page of the jury passes axe-core: the invitation, the charter,
// « Mes évaluations », the preferences, the evaluation page (and its
// submission refused), a candidature's jury page, staff's jury page, the
// conflicts and the ranking; and the evaluation page at 320 px wide.
func TestJuryAccessibility(t *testing.T) {
	axe := axeScript(t)
	ctx := browser(t)
	p := start(t, "sqlite", juryCampaign)
	base := p.BaseURL
	year := fmt.Sprint(time.Now().Year())
	visit := func(path string) {
		t.Helper()
		run(t, ctx, "open "+path, chromedp.Navigate(base+path), chromedp.WaitReady("main", chromedp.ByQuery))
		axeCheck(t, ctx, axe, path)
	}
	invite := p.lastLink("jure@exemple.fr", "/jury/invitation/")
	visit(invite)
	juryIn(t, ctx, base, "jure@exemple.fr", invite)
	axeCheck(t, ctx, axe, "invitation, signed in")
	run(t, ctx, "accept", chromedp.Click("main form button[type=submit]", chromedp.ByQuery), chromedp.WaitVisible(".charter", chromedp.ByQuery))
	axeCheck(t, ctx, axe, "charter")
	run(t, ctx, "charter", chromedp.Click(".charter input[type=checkbox]", chromedp.ByQuery), chromedp.Click(".charter button", chromedp.ByQuery),
		chromedp.WaitVisible(`//p[contains(., "Aucune candidature ne vous est affectée")]`, chromedp.BySearch))
	p.tnl("jury", "assign", "--campaign", year, "--per-candidature", "2", "--seed", "1")
	visit("/jury/evaluations")
	visit("/jury/campagnes/1/preferences")
	e := jurorEvaluation(t, p, "jure@exemple.fr")
	visit(fmt.Sprintf("/evaluations/%d", e.ID))
	run(t, ctx, "submit an empty grid", chromedp.Click(`button[value=remettre]`, chromedp.ByQuery), chromedp.WaitVisible(".reasons", chromedp.ByQuery))
	axeCheck(t, ctx, axe, "submission refused")
	visit(fmt.Sprintf("/candidatures/%d/jury", e.CandidatureID))
	run(t, ctx, "phone width", chromedp.EmulateViewport(320, 800), chromedp.Navigate(fmt.Sprintf("%s/evaluations/%d", base, e.ID)), chromedp.WaitReady("main", chromedp.ByQuery))
	var overflow bool
	run(t, ctx, "no horizontal scroll at 320 px", chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth + 1`, &overflow))
	if overflow {
		var wide []string
		chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`, &wide))
		t.Errorf("the evaluation page scrolls sideways at 320 px: %v", wide)
	}
	axeCheck(t, ctx, axe, "evaluation at 320 px")
	run(t, ctx, "desktop width", chromedp.EmulateViewport(1280, 1000))

	juryIn(t, ctx, base, "equipe@exemple.fr", "/admin/jury")
	axeCheck(t, ctx, axe, "staff's jury page")
	visit("/campagnes/1/jury/conflits")
	visit("/campagnes/1/jury/classement")
	visit(fmt.Sprintf("/candidatures/%d/jury", e.CandidatureID))
}
