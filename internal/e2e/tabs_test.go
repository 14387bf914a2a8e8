package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/docloom/docloom/internal/browsertest"
)

// TestDependentTabs: a dependent tab (#tab/id/condition) is offered only
// while its condition is chosen in another group, as on Learn: choosing
// Linux in the first group swaps the second group's CLI tab for the Linux
// one and shows its panel. Without script every panel is readable.
func TestDependentTabs(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"docloom.yaml": "title: T\nbaseURL: https://t.example/\nlocales:\n  - code: en-us\nmonikers:\n  - name: o365-worldwide\n",
		"content/en-us/index.md": "---\ntitle: Home\n---\n# Home\n\n" +
			"## [Windows](#tab/windows)\nWindows text.\n## [Linux](#tab/linux)\nLinux text.\n\n---\n\n" +
			"## [CLI](#tab/cli/windows)\nWindows CLI.\n## [CLI](#tab/cli/linux)\nLinux CLI.\n## [Portal](#tab/portal)\nPortal text.\n\n---\n",
	}
	for name, body := range files {
		p := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := runBuild(site, filepath.Join(site, "public"))
	if b.Err != nil {
		t.Fatal(b.Err)
	}
	page := read(t, filepath.Join(b.Out, "en-us/o365-worldwide/index.html"))
	if !strings.Contains(page, `<li role="presentation" hidden><a href="#tabpanel_2_cli_linux"`) {
		t.Error("the Linux CLI tab is not hidden in the page as written (its condition is not a first tab)")
	}
	if !strings.Contains(page, "Linux CLI.") {
		t.Error("the Linux CLI panel is missing from the page as written")
	}

	base := serveWithHeaders(t, b.Out, loadNetlify(t).Headers["/*"])
	br := browsertest.Start(t)
	p := br.NewPage(t, browsertest.PageOptions{})
	p.Navigate(base + "/en-us/o365-worldwide/")
	p.Do(chromedp.WaitReady(chromedp.CSS(`.tabGroup [role="tab"]`)))
	type state struct {
		Offered  []string // the second group's tabs a reader can pick
		Selected string
		Shown    string // the text of the second group's visible panel
	}
	second := func() state {
		return browsertest.Eval[state](p, `(() => {
			const g = document.querySelectorAll(".tabGroup")[1];
			const tabs = [...g.querySelectorAll('[role="tab"]')];
			const shown = [...g.querySelectorAll('[role="tabpanel"]')].filter(s => !s.hidden).map(s => s.textContent.trim());
			return {
				Offered: tabs.filter(t => !t.parentElement.hidden && t.offsetParent !== null).map(t => t.getAttribute("aria-controls")),
				Selected: (tabs.find(t => t.getAttribute("aria-selected") === "true") || {}).id || "",
				Shown: shown.join("|"),
			};
		})()`)
	}
	got := second()
	if strings.Join(got.Offered, ",") != "tabpanel_2_cli_windows,tabpanel_2_portal" || got.Shown != "Windows CLI." {
		t.Errorf("with Windows chosen, the second group offers %v and shows %q; want the Windows CLI tab and Portal, showing Windows CLI.", got.Offered, got.Shown)
	}
	p.Do(chromedp.Click(chromedp.CSS(`#tab_1_linux`)))
	got = second()
	if strings.Join(got.Offered, ",") != "tabpanel_2_cli_linux,tabpanel_2_portal" || got.Selected != "tab_2_cli_linux" || got.Shown != "Linux CLI." {
		t.Errorf("after choosing Linux, the second group offers %v, selects %q and shows %q; want the Linux CLI tab chosen and shown", got.Offered, got.Selected, got.Shown)
	}
	p.Do(chromedp.Click(chromedp.CSS(`#tab_2_portal`)))
	if got = second(); got.Shown != "Portal text." || strings.Join(got.Offered, ",") != "tabpanel_2_cli_linux,tabpanel_2_portal" {
		t.Errorf("after choosing Portal, the second group offers %v and shows %q", got.Offered, got.Shown)
	}
}
