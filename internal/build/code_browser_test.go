package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/docloom/docloom/internal/browsertest"
)

// TestCodeCopyOnBuiltSite copies code blocks of the example site as a
// reader does, with the keyboard and the mouse, and reads the clipboard:
// it holds the code alone (no console prompt, no trailing newline), the
// button says it copied, and so does the live region a screen reader
// announces. Without JavaScript there is no button.
func TestCodeCopyOnBuiltSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: "../..", Out: out})
	br := browsertest.Start(t)
	base := browsertest.Serve(t, out)
	url := base + "/en-us/o365-worldwide/admin/feature-tour"

	noJS := br.NewPage(t, browsertest.PageOptions{NoJavaScript: true})
	noJS.Navigate(url)
	if n := browsertest.Eval[int](noJS, `document.querySelectorAll(".code-block").length`); n < 5 {
		t.Fatalf("the feature tour has %d code blocks, want at least 5", n)
	}
	if n := browsertest.Eval[int](noJS, `document.querySelectorAll(".code-copy").length`); n != 0 {
		t.Errorf("without JavaScript %d copy buttons show", n)
	}

	p := br.NewPage(t, browsertest.PageOptions{})
	p.Do(chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		c := chromedp.FromContext(ctx)
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := cdp.Call(ctx, c.Browser, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted,
				Origin: base, BrowserContextID: c.BrowserContextID,
			}); err != nil {
				return err
			}
		}
		return nil
	}))
	p.Navigate(url)
	p.Do(chromedp.WaitVisible(chromedp.CSS(`.code-block[data-lang="powershell"] .code-copy`)))
	blocks := browsertest.Eval[int](p, `document.querySelectorAll(".code-block").length`)
	buttons := browsertest.Eval[int](p, `document.querySelectorAll(".code-block > .code-header > button.code-copy").length`)
	if buttons != blocks {
		t.Errorf("%d copy buttons for %d code blocks", buttons, blocks)
	}

	// Keyboard: focus the PowerShell block's button and press Enter.
	ps := `.code-block[data-lang="powershell"] .code-copy`
	p.Do(chromedp.Focus(chromedp.CSS(ps)), chromedp.KeyEvent(kb.Enter))
	p.Do(chromedp.Poll[chromedp.Void](`document.querySelector("[data-code-status]").textContent !== ""`))
	want := "Connect-ContosoAdmin -Tenant \"contoso.onmicrosoft.com\"\nGet-ContosoSupportRequest -State Open | Format-Table Id, Title"
	if got := browsertest.Eval[string](p, `navigator.clipboard.readText()`); got != want {
		t.Errorf("clipboard after copying the PowerShell block:\n%q\nwant\n%q", got, want)
	}
	if got := browsertest.Eval[string](p, `document.querySelector('`+ps+`').textContent`); got != "Copied" {
		t.Errorf("button says %q after copying, want Copied", got)
	}
	live := browsertest.Eval[map[string]string](p, `(() => { const s = document.querySelector("[data-code-status]");
		return {role: s.getAttribute("role"), live: s.getAttribute("aria-live"), text: s.textContent}; })()`)
	if live["role"] != "status" || live["live"] != "polite" || live["text"] != "Copied" {
		t.Errorf("live region %v, want a polite status saying Copied", live)
	}

	// Mouse: the console block's prompt is drawn by CSS and not copied.
	p.Do(chromedp.Click(chromedp.CSS(`.code-block[data-lang="console"] .code-copy`)))
	p.Do(chromedp.Poll[chromedp.Void](`document.querySelector('.code-block[data-lang="console"] .code-copy').textContent === "Copied"`))
	got := browsertest.Eval[string](p, `navigator.clipboard.readText()`)
	if !strings.HasPrefix(got, "curl -s https://status.contoso.com/") || strings.Contains(got, "$") {
		t.Errorf("clipboard after copying the console block: %q", got)
	}
	if shown := browsertest.Eval[string](p, `getComputedStyle(document.querySelector('.code-block[data-lang="console"] .hl-p'), '::before').content`); !strings.Contains(shown, "$") {
		t.Errorf("the console prompt is not shown: content %s", shown)
	}

	// Highlighting is there: token spans and the marked line.
	if n := browsertest.Eval[int](p, `document.querySelectorAll('.code-block[data-lang="powershell"] .hl-f').length`); n == 0 {
		t.Error("the PowerShell block has no highlighted cmdlet names")
	}
	if got := browsertest.Eval[string](p, `document.querySelector('.code-block[data-lang="powershell"] mark.code-line-hl').textContent`); !strings.HasPrefix(got, "Get-ContosoSupportRequest") {
		t.Errorf("marked line %q, want the second line", got)
	}
	p.Do(chromedp.ScrollIntoView(chromedp.CSS(`.code-block[data-lang="powershell"]`)))
	p.Screenshot("code-blocks")

	// The token colours follow the colour scheme, and the theme switch
	// (data-theme on <html>) wins over the device's.
	colours := `(() => { const b = document.querySelector('.code-block[data-lang="powershell"] pre');
		return [getComputedStyle(b).backgroundColor, getComputedStyle(b.querySelector('.hl-f')).color]; })()`
	light := browsertest.Eval[[]string](p, colours)
	p.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		return err
	}))
	dark := browsertest.Eval[[]string](p, colours)
	if light[0] != "rgb(245, 245, 245)" || dark[0] != "rgb(36, 36, 36)" || light[1] == dark[1] {
		t.Errorf("code colours light %v, dark %v: the theme does not follow the colour scheme", light, dark)
	}
	p.Screenshot("code-blocks-dark")
	pinned := browsertest.Eval[[]string](p, `document.documentElement.dataset.theme = "light"; `+colours)
	if pinned[0] != light[0] || pinned[1] != light[1] {
		t.Errorf("with the light theme chosen on a dark device the code is %v, want %v", pinned, light)
	}
}
