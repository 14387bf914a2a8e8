package serve

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/docloom/docloom/internal/browsertest"
)

// TestBrowserPreviewEnforcesCSP: the preview sends the site's production
// headers, so the preview's own scripts (live reload, error overlay) must
// pass the Content-Security-Policy, and a page that breaks it shows the
// violation while the author previews, not only after deploying.
func TestBrowserPreviewEnforcesCSP(t *testing.T) {
	b := browsertest.Start(t)
	site := testSite(t)
	writeFiles(t, site, map[string]string{
		"content/en-us/rich.md": "# Rich page\n\n> [!NOTE]\n> A note.\n\n" +
			"# [One](#tab/one)\n\nFirst tab.\n\n# [Two](#tab/two)\n\nSecond tab.\n\n---\n\n" +
			"```powershell\nGet-ChildItem -Path C:\\\n```\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n",
		"content/en-us/styled.md": "# Styled page\n\n<span style=\"color: red\">Red text</span>\n",
	})
	srv, _ := startServer(t, site)
	p := b.NewPage(t, browsertest.PageOptions{})
	p.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: `window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));`})
		return err
	}))
	for _, u := range []string{"en-us/a/page", "en-us/b/rich"} {
		p.Navigate(srv.URL() + u)
		waitClients(t, srv, 1)
		if got := browsertest.Eval[[]string](p, `window.__csp`); len(got) > 0 {
			t.Errorf("%s: the preview breaks its own CSP: %v", u, got)
		}
	}
	// The overlay (shown on a broken edit) is CSP-clean too.
	writeFiles(t, site, map[string]string{"content/en-us/rich.md": "# Rich page\n\n::: moniker range=\"nosuch\"\nx\n::: moniker-end\n"})
	waitFor(t, p, "the overlay shows", `!!document.querySelector('[role="alertdialog"]')`)
	if got := browsertest.Eval[[]string](p, `window.__csp`); len(got) > 0 {
		t.Errorf("the error overlay breaks the CSP: %v", got)
	}
	waitFor(t, p, "the overlay is styled (a fixed layer over the page)", `getComputedStyle(document.getElementById('docloom-overlay')).position === 'fixed'`)
	// An inline style an author wrote is blocked in the preview as on the CDN.
	p.Navigate(srv.URL() + "en-us/a/styled")
	waitFor(t, p, "the page loads", `document.body.textContent.includes("Red text")`)
	got := browsertest.Eval[[]string](p, `window.__csp`)
	if !strings.Contains(strings.Join(got, "\n"), "style-src") {
		t.Errorf("an inline style attribute raised no CSP violation in the preview: %v", got)
	}
}
