package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/docloom/docloom/internal/browsertest"
)

// waitFor evaluates expr in the page until it is true. Evaluation errors
// are expected while the page reloads and are retried; the deadline only
// guards against a hang.
func waitFor(t *testing.T, p *browsertest.Page, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(p.Context(), 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting until %s (%s)", what, expr)
}

func waitClients(t *testing.T, srv *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for srv.Clients() < n {
		if time.Now().After(deadline) {
			t.Fatalf("the page never opened its event stream")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestBrowserReloadsAndShowsOverlay(t *testing.T) {
	b := browsertest.Start(t)
	site := testSite(t)
	srv, _ := startServer(t, site)
	p := b.NewPage(t, browsertest.PageOptions{})
	p.Navigate(srv.URL() + "en-us/a/page")
	waitClients(t, srv, 1)
	p.Do(chromedp.Evaluate[chromedp.Void](`window.__stale = true`))

	// Another page's edit leaves this one alone.
	watcher := openEvents(t, srv, "/en-us/a/lonely")
	writeFiles(t, site, map[string]string{"content/en-us/lonely.md": "# Lonely page\n\nEdited.\n"})
	watcher.expect(t, "reload")
	if !browsertest.Eval[bool](p, `window.__stale === true`) {
		t.Error("the page reloaded although its output did not change")
	}

	// Its own edit reloads it.
	writeFiles(t, site, map[string]string{"content/en-us/page.md": "# Page one\n\nSecond version.\n"})
	waitFor(t, p, "the page reloads with the new text", `window.__stale === undefined && document.body.textContent.includes("Second version.")`)
	waitClients(t, srv, 2)

	// A broken edit shows the overlay with file:line, without a reload.
	p.Do(chromedp.Evaluate[chromedp.Void](`window.__stale = true`))
	writeFiles(t, site, map[string]string{"content/en-us/page.md": "# Page one\n\n::: moniker range=\"nosuch\"\nx\n::: moniker-end\n"})
	waitFor(t, p, "the overlay shows", `!!document.querySelector('[role="alertdialog"]')`)
	text := browsertest.Eval[string](p, `document.querySelector('[role="alertdialog"]').textContent`)
	if !strings.Contains(text, "content/en-us/page.md:3") || !strings.Contains(text, "nosuch") {
		t.Errorf("overlay text: %q", text)
	}
	if !browsertest.Eval[bool](p, `window.__stale === true && document.activeElement.closest('[role="alertdialog"]') !== null`) {
		t.Error("the overlay should take focus without reloading the page")
	}
	p.Screenshot("overlay")

	// The fix clears it and shows the new text.
	writeFiles(t, site, map[string]string{"content/en-us/page.md": "# Page one\n\nThird version.\n"})
	waitFor(t, p, "the overlay clears", `!document.querySelector('[role="alertdialog"]') && document.body.textContent.includes("Third version.")`)

	// A stylesheet edit restyles the page without reloading it.
	p.Do(chromedp.Evaluate[chromedp.Void](`window.__stale = true`))
	writeFiles(t, site, map[string]string{"static/css/main.css": "body { outline: 5px solid rgb(1, 2, 3) }\n"})
	waitFor(t, p, "the new stylesheet applies", `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
	if !browsertest.Eval[bool](p, `window.__stale === true`) {
		t.Error("a stylesheet edit reloaded the page")
	}
}
