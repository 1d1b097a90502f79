package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/adullact/tnl/internal/domain"
)

// An autosave refused by the server (here an expired form) shows the
// server's French message under the question, not « Connexion perdue »,
// and marks the field aria-invalid, described by that message.
func TestAutosaveErrorInBrowser(t *testing.T) {
	ctx := browser(t)
	p := start(t, "sqlite", openCampaign)
	base := p.BaseURL
	p.addPerson("maire@exemple.fr", "Camille Dupont", domain.RoleMember)
	signIn(t, ctx, base, "maire@exemple.fr")
	cand := newCandidature(t, ctx, base, "clemenciat")
	field := "#q-identification-referent-fonction"
	run(t, ctx, "open the section", chromedp.Navigate(cand+"/sections/identification"), chromedp.WaitVisible(field, chromedp.ByQuery))
	var ok bool
	run(t, ctx, "expire the form and type", chromedp.Evaluate(`(function () {
		document.querySelector('meta[name="csrf-token"]').setAttribute("content", "jeton-perime");
		var el = document.querySelector('`+field+`');
		el.value = "Adjointe au numérique";
		el.dispatchEvent(new Event("change", {bubbles: true}));
		return true;
	})()`, &ok))
	var status string
	statusJS := `((document.querySelector('` + field + `').closest(".question").querySelector(".save-status") || {}).textContent || "")`
	run(t, ctx, "wait for the answer", chromedp.Poll(statusJS+` !== "" && `+statusJS+` !== "Enregistrement…"`, nil),
		chromedp.Evaluate(statusJS, &status))
	if !strings.Contains(status, "Le formulaire a expiré") || strings.Contains(status, "Connexion perdue") {
		t.Errorf("status %q, want the server's message", status)
	}
	var invalid, describedBy, statusID string
	run(t, ctx, "field marked", chromedp.Evaluate(`document.querySelector('`+field+`').getAttribute("aria-invalid") || ""`, &invalid),
		chromedp.Evaluate(`document.querySelector('`+field+`').getAttribute("aria-describedby") || ""`, &describedBy),
		chromedp.Evaluate(`document.querySelector('`+field+`').closest(".question").querySelector(".save-status").id`, &statusID))
	if invalid != "true" || statusID == "" || !strings.Contains(" "+describedBy+" ", " "+statusID+" ") {
		t.Errorf("field aria-invalid=%q aria-describedby=%q, status id %q", invalid, describedBy, statusID)
	}
}
