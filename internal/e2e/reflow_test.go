package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/adullact/tnl/internal/domain"
)

// overflow lists the elements that stick out of a 320 px wide page
// (WCAG 1.4.10, RGAA 10.11): none may, tables included.
const overflow = `(() => {
  const w = document.documentElement.clientWidth;
  const out = [];
  if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth + ' px');
  for (const el of document.querySelectorAll('main *, header *, footer *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    let clipped = false, hidden = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      // Text for screen readers only (visually hidden, 1 px wide) is not laid out.
      if (o === 'hidden' && p.clientWidth <= 1) { hidden = true; break; }
      if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.scrollWidth > p.clientWidth + 1) { clipped = true; }
    }
    if (hidden || el.clientWidth <= 1 && getComputedStyle(el).overflow === 'hidden') continue;
    if (r.right > w + 1 || clipped) {
      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' → ' + Math.round(r.right) + ' px' + (clipped ? ' (scrolls in its box)' : ''));
      if (out.length > 5) break;
    }
  }
  return out;
})()`

// focusContrast is the contrast ratio between the focused element's
// outline and the background around it.
const focusContrast = `(() => {
  const el = document.activeElement;
  const rgb = (c) => c.match(/[\d.]+/g).slice(0, 4).map(Number);
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const cs = getComputedStyle(el);
  if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) < 2) return 0;
  let bg = null;
  for (let p = el.parentElement; p; p = p.parentElement) {
    const c = rgb(getComputedStyle(p).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; break; }
  }
  bg = bg || [255, 255, 255];
  const a = lum(rgb(cs.outlineColor)), b = lum(bg);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})()`

// Every page, candidates' and staff's, fits a 320 px wide screen, and the
// focus indicator stands out (3:1) on the page and in the header.
func TestReflowAt320Pixels(t *testing.T) {
	ctx := browser(t)
	p := start(t, "sqlite", openCampaign)
	base := p.BaseURL
	p.addPerson("maire@exemple.fr", "Camille Dupont-Delacroix-Montmorency", domain.RoleMember)
	p.addPerson("equipe@exemple.fr", "Dominique Équipe", domain.RoleStaff)
	run(t, ctx, "narrow screen", chromedp.EmulateViewport(320, 800))

	check := func(path string) {
		t.Helper()
		var out []string
		run(t, ctx, "open "+path, chromedp.Navigate(base+path), chromedp.WaitReady("main", chromedp.ByQuery), chromedp.Evaluate(overflow, &out))
		if len(out) > 0 {
			t.Errorf("%s overflows at 320 px: %s", path, strings.Join(out, "; "))
		}
	}
	for _, path := range []string{"/", "/criteres", "/questionnaire", "/faq", "/contact", "/mentions-legales", "/donnees-personnelles", "/accessibilite", "/connexion", "/inscription"} {
		check(path)
	}
	// The keyboard: the skip link, then the header's first link; the skip
	// link leads into the page, whose first link is next.
	run(t, ctx, "load", chromedp.Navigate(base+"/criteres"), chromedp.WaitReady("main", chromedp.ByQuery))
	for _, step := range []struct {
		keys, want string
	}{
		{"\t", "a.skip"}, {"\t", "header.site a"}, {"", "main a"},
	} {
		var ratio float64
		var matches bool
		actions := []chromedp.Action{}
		if step.keys != "" {
			actions = append(actions, chromedp.KeyEvent(step.keys))
		} else {
			actions = append(actions, chromedp.Evaluate(`document.querySelector('main').focus()`, nil), chromedp.KeyEvent("\t"))
		}
		actions = append(actions, chromedp.Evaluate(`document.activeElement.matches('`+step.want+`')`, &matches), chromedp.Evaluate(focusContrast, &ratio))
		run(t, ctx, "focus "+step.want, actions...)
		if !matches {
			t.Errorf("the keyboard did not reach %s", step.want)
		}
		if ratio < 3 {
			t.Errorf("the focus of %s contrasts %.2f:1 with its background, want at least 3:1", step.want, ratio)
		}
	}

	signIn(t, ctx, base, "maire@exemple.fr")
	cand := strings.TrimPrefix(newCandidature(t, ctx, base, "clemenciat"), base)
	var sections []string
	run(t, ctx, "sections", chromedp.Navigate(base+cand), chromedp.Evaluate(`Array.from(document.querySelectorAll('.sections a')).map(a => a.getAttribute('href'))`, &sections))
	for _, path := range append([]string{"/candidatures", cand, cand + "/membres", cand + "/historique", cand + "/reponses", cand + "/messages", cand + "/manquant", cand + "/depot", "/compte"}, sections...) {
		check(path)
	}

	signIn(t, ctx, base, "equipe@exemple.fr")
	for _, path := range []string{"/admin", "/admin/candidatures", "/admin/campagnes", "/admin/campagnes/1", "/admin/campagnes/nouvelle", "/admin/comptes", "/admin/envois"} {
		check(path)
	}
}
