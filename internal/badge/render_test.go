package badge_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/adullact/tnl/internal/badge"
)

// chromium starts a headless Chromium, or skips the test when it is absent
// (unless TNL_REQUIRE_BROWSER is set, as in CI).
func chromium(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("TNL_REQUIRE_BROWSER") != "" {
			t.Fatal("chromium is required (apt install chromium)")
		}
		t.Skip("chromium not installed (apt install chromium): the badge is not rendered")
	}
	// Chromium may still write to its profile while it exits: remove it
	// last, ignoring errors, rather than with t.TempDir.
	profile, err := os.MkdirTemp("", "tnl-badge-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile))
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

type box struct {
	Text       string
	X, Y, W, H float64
}

// Rendered by Chromium with the fonts this machine has (DejaVu Sans Bold
// when Arial is absent, the widest of the fonts the badge names), every
// text stays inside the badge, the level inside its band, and the texts do
// not overlap.
func TestBadgeRendersInsideItsShapes(t *testing.T) {
	ctx := chromium(t)
	if err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	for _, level := range []string{"Niveau 1", "Niveau 4", "Badge", "Bronze", "Argent", "Or", "Niveau 5 bis"} {
		data, err := badge.SVG(badge.Badge{Year: 2025, Level: level, Collectivite: "Ville de Montpellier"})
		if err != nil {
			t.Fatal(err)
		}
		svg, _ := strings.CutPrefix(string(data), xml.Header)
		js, _ := json.Marshal(svg)
		var boxes []box
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.body.innerHTML = `+string(js)+`;
			[...document.querySelectorAll('svg text, svg rect')].map(e => {
				const b = e.getBBox();
				return {Text: e.tagName === 'text' ? e.textContent : '', X: b.x, Y: b.y, W: b.width, H: b.height};
			})`, &boxes)); err != nil {
			t.Fatal(err)
		}
		var rects, texts []box
		for _, b := range boxes {
			if b.Text == "" {
				rects = append(rects, b)
			} else {
				texts = append(texts, b)
			}
		}
		if len(rects) != 2 || len(texts) != 5 {
			t.Fatalf("%s: %d rects and %d texts rendered", level, len(rects), len(texts))
		}
		outer, band := rects[0], rects[1]
		for i, tx := range texts {
			if tx.W == 0 {
				t.Errorf("%s: %q has no width: no font rendered it", level, tx.Text)
			}
			within := outer
			if tx.Text == level {
				within = band
			}
			if tx.X < within.X+2 || tx.X+tx.W > within.X+within.W-2 {
				t.Errorf("%s: %q spans x %.1f to %.1f, outside %.1f to %.1f", level, tx.Text, tx.X, tx.X+tx.W, within.X, within.X+within.W)
			}
			if i > 0 && tx.Y < texts[i-1].Y+texts[i-1].H-4 {
				t.Errorf("%s: %q overlaps %q", level, tx.Text, texts[i-1].Text)
			}
		}
	}
}
