package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/docloom/docloom/internal/browsertest"
)

// TestPowerShellReaderPath: a reader of the PowerShell corpus starts at the
// site root, lands on the Hub home page, opens the module browser, picks
// a version, finds a cmdlet in that version's sidebar; and from a
// conceptual page follows an xref: link to the cmdlet in the same version.
func TestPowerShellReaderPath(t *testing.T) {
	cb := psBuild(t)
	base := browsertest.Serve(t, cb.Out)
	b := browsertest.Start(t)
	p := b.NewPage(t, browsertest.PageOptions{})
	// here is the page's path once its document has loaded (a meta
	// refresh or click may still be on its way).
	// An evaluation that meets a navigation fails; that only means "not
	// there yet".
	here := func() string {
		ctx, cancel := context.WithTimeout(p.Context(), 5*time.Second)
		defer cancel()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" && document.querySelector("main") ? location.pathname : ""`))
		if err != nil {
			return ""
		}
		return v
	}
	waitFor := func(what string, ok func(string) bool) string {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			u := here()
			if ok(u) {
				return u
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s: still at %s", what, u)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	click := func(selector string) {
		t.Helper()
		if !browsertest.Eval[bool](p, `(() => { const a = document.querySelector(`+jsString(selector)+`); if (!a) return false; a.click(); return true })()`) {
			t.Fatalf("no %s on %s", selector, here())
		}
	}

	p.Navigate(base + "/")
	waitFor("the home page", func(u string) bool { return strings.HasSuffix(u, "/powershell/") })
	if h1 := browsertest.Eval[string](p, "document.querySelector('h1')?.textContent || ''"); !strings.Contains(h1, "PowerShell Documentation") {
		t.Fatalf("the site root leads to %q, not the Hub home page", h1)
	}
	click(`.hub-highlights a[href$="module/"]`)
	waitFor("the module browser", func(u string) bool { return strings.HasSuffix(u, "/powershell/module/") })
	for _, v := range []string{"7.6", "5.1"} {
		click(`.picker-cloud a[href*="/powershell-` + v + `/"]`)
		waitFor("powershell-"+v, func(u string) bool { return strings.Contains(u, "/powershell-"+v+"/powershell/module/") })
		// Each page carries its own branch of the TOC: the module first, then its cmdlets.
		click(`nav.sidebar a[href$="/microsoft.powershell.utility/"]`)
		waitFor("the module page", func(u string) bool { return strings.HasSuffix(u, "/microsoft.powershell.utility/") })
		click(`nav.sidebar a[href$="/microsoft.powershell.utility/get-date"]`)
		u := waitFor("Get-Date", func(u string) bool { return strings.HasSuffix(u, "/get-date") })
		if !strings.Contains(u, "/powershell-"+v+"/") {
			t.Errorf("the %s sidebar opened %s", v, u)
		}
		if cur := browsertest.Eval[string](p, `document.querySelector('nav.sidebar [aria-current="page"]')?.textContent || ""`); !strings.Contains(cur, "Get-Date") {
			t.Errorf("powershell-%s Get-Date: the sidebar marks %q as current", v, cur)
		}
		p.Navigate(base + "/en-us/powershell-" + v + "/powershell/module/")
	}

	p.Navigate(base + "/en-us/powershell-7.4/powershell/scripting/learn/ps101/02-help-system")
	click(`main a[href$="/microsoft.powershell.core/get-help"]`)
	u := waitFor("Get-Help", func(u string) bool { return strings.HasSuffix(u, "/get-help") })
	if !strings.Contains(u, "/powershell-7.4/powershell/module/microsoft.powershell.core/") {
		t.Errorf("the xref from a 7.4 page opened %s", u)
	}
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
