package build

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/docloom/docloom/internal/browsertest"
)

// TestSupportHoursOnBuiltSite drives the real example site as a reader
// would: the country picker on the support page and the live status on a
// country page, at a fixed instant (Friday 27 March 2026, 09:00 in Berlin).
func TestSupportHoursOnBuiltSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: "../..", Out: out})
	br := browsertest.Start(t)
	base := browsertest.Serve(t, out)
	at := time.Date(2026, 3, 27, 8, 0, 0, 0, time.UTC)

	t.Run("picker", func(t *testing.T) {
		p := br.NewPage(t, browsertest.PageOptions{TimeZone: "Europe/Berlin", Now: at})
		p.Navigate(base + "/nl-nl/o365-worldwide/admin/contact-support")
		p.Do(chromedp.WaitVisible(chromedp.CSS(`[data-country-picker] [role="combobox"]`)))
		p.Do(chromedp.Focus(chromedp.CSS(`[data-country-picker] [role="combobox"]`)),
			chromedp.KeyEvent("duits"), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.cp-panel[data-country=germany]`)))
		panel := browsertest.Run(p, chromedp.Text(chromedp.CSS(`[data-country-picker]`)))
		if !strings.Contains(panel, "0800 589 2332") || !strings.Contains(panel, "Nu open, sluit om 17:00") {
			t.Errorf("Germany's panel at Friday 09:00 Berlin:\n%s", panel)
		}
		if tel := browsertest.Eval[string](p, `document.querySelector('[data-country-picker] a[href^="tel:"]').getAttribute("href")`); tel != "tel:08005892332" {
			t.Errorf("tel link %q", tel)
		}
	})
	t.Run("several zones", func(t *testing.T) {
		p := br.NewPage(t, browsertest.PageOptions{TimeZone: "Australia/Perth", Now: at})
		p.Navigate(base + "/en-us/o365-worldwide/admin/contact-support")
		p.Do(chromedp.WaitVisible(chromedp.CSS(`[data-country-picker] [role="combobox"]`)))
		p.Do(chromedp.Focus(chromedp.CSS(`[data-country-picker] [role="combobox"]`)),
			chromedp.KeyEvent("austral"), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.cp-panel[data-country=australia]`)))
		note := browsertest.Run(p, chromedp.Text(chromedp.CSS(`.cp-zone`)))
		// The zone in words, not as an ID.
		if !strings.Contains(note, "in Australian Eastern Time unless") || strings.Contains(note, "/") {
			t.Errorf("Australia's panel does not say which zone its hours are in: %q", note)
		}
	})
	t.Run("country page", func(t *testing.T) {
		p := br.NewPage(t, browsertest.PageOptions{TimeZone: "America/New_York", Now: at.Add(8 * time.Hour)})
		p.Navigate(base + "/en-us/o365-worldwide/admin/support/germany")
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.hours-status[data-state]`)))
		statuses := browsertest.Eval[[]string](p, `[...document.querySelectorAll(".hours-status")].map(s => s.textContent)`)
		joined := strings.Join(statuses, "\n")
		// 16:00 UTC is 17:00 in Berlin: billing just closed, German
		// technical support is open until 21:00 (16:00 in New York).
		if !strings.Contains(joined, "Closed, opens Monday 09:00") || !strings.Contains(joined, "closes at 21:00") {
			t.Errorf("statuses on the Germany page:\n%s", joined)
		}
	})
	t.Run("inline hours", func(t *testing.T) {
		p := br.NewPage(t, browsertest.PageOptions{TimeZone: "Asia/Kolkata", Now: at})
		p.Navigate(base + "/en-us/o365-21vianet/admin/contact-support")
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.hours-status[data-state]`)))
		s := browsertest.Eval[string](p, `document.querySelector(".hours-status").textContent`)
		// 08:00 UTC is 16:00 in Beijing: the 09:00-24:00 line is open.
		if !strings.HasPrefix(s, "Open now, closes at 24:00") {
			t.Errorf("inline Beijing status: %q", s)
		}
	})
	t.Run("no javascript", func(t *testing.T) {
		p := br.NewPage(t, browsertest.PageOptions{NoJavaScript: true})
		p.Navigate(base + "/nl-nl/o365-worldwide/admin/contact-support")
		n := browsertest.Eval[int](p, `document.querySelectorAll('[data-country-picker] li a').length`)
		if n < 10 || browsertest.Eval[int](p, `document.querySelectorAll('[role="combobox"]').length`) != 0 {
			t.Errorf("without JavaScript: %d country links", n)
		}
	})
}

// TestTabsOnBuiltSite checks the tab set a reader uses: every panel shown
// without JavaScript; with it one panel at a time, arrow keys to move, and
// the choice kept after a reload.
func TestTabsOnBuiltSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: "../..", Out: out})
	br := browsertest.Start(t)
	base := browsertest.Serve(t, out)
	url := base + "/en-us/o365-worldwide/admin/feature-tour"
	visible := `[...document.querySelectorAll(".tabGroup [role=tabpanel]")].filter(p => !p.hidden && p.offsetParent !== null).map(p => p.dataset.tab)`

	noJS := br.NewPage(t, browsertest.PageOptions{NoJavaScript: true})
	noJS.Navigate(url)
	if got := browsertest.Eval[[]string](noJS, visible); len(got) < 3 {
		t.Errorf("without JavaScript the panels shown are %v, want all", got)
	}

	p := br.NewPage(t, browsertest.PageOptions{})
	p.Navigate(url)
	p.Do(chromedp.WaitVisible(chromedp.CSS(`.tabGroup [role=tab][tabindex="0"]`)))
	if got := browsertest.Eval[[]string](p, visible); len(got) != 1 || got[0] != "online" {
		t.Fatalf("with JavaScript the panels shown are %v, want [online]", got)
	}
	p.Do(chromedp.Focus(chromedp.CSS(`.tabGroup [role=tab][data-tab=online]`)), chromedp.KeyEvent(kb.ArrowRight))
	if got := browsertest.Eval[[]string](p, visible); len(got) != 1 || got[0] != "phone" {
		t.Errorf("after ArrowRight the panels shown are %v, want [phone]", got)
	}
	if f := browsertest.Eval[string](p, `document.activeElement.dataset.tab`); f != "phone" {
		t.Errorf("focus is on %q, want the phone tab", f)
	}
	p.Reload()
	p.Do(chromedp.WaitVisible(chromedp.CSS(`.tabGroup [role=tab][tabindex="0"]`)))
	if got := browsertest.Eval[[]string](p, visible); len(got) != 1 || got[0] != "phone" {
		t.Errorf("after a reload the panels shown are %v, want the remembered [phone]", got)
	}
}

// TestPivotsOnBuiltSite: the pivot picker appears with JavaScript and
// shows one choice's zones at a time; without it every zone is shown.
func TestPivotsOnBuiltSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: "../..", Out: out})
	br := browsertest.Start(t)
	base := browsertest.Serve(t, out)
	url := base + "/en-us/o365-worldwide/admin/feature-tour"
	shown := `[...document.querySelectorAll(".zone.has-pivot")].filter(z => z.offsetParent !== null).map(z => z.dataset.pivot)`

	noJS := br.NewPage(t, browsertest.PageOptions{NoJavaScript: true})
	noJS.Navigate(url)
	if got := browsertest.Eval[[]string](noJS, shown); len(got) != 2 {
		t.Errorf("without JavaScript the zones shown are %v, want both", got)
	}
	if browsertest.Eval[bool](noJS, `document.querySelector("nav.pivot-selector").offsetParent !== null`) {
		t.Error("the pivot picker shows without JavaScript, where it cannot work")
	}

	p := br.NewPage(t, browsertest.PageOptions{})
	p.Navigate(url + "?pivots=powershell")
	p.Do(chromedp.WaitVisible(chromedp.CSS(`nav.pivot-selector`)))
	if got := browsertest.Eval[[]string](p, shown); len(got) != 1 || got[0] != "powershell" {
		t.Errorf("with ?pivots=powershell the zones shown are %v", got)
	}
	p.Do(chromedp.Click(chromedp.CSS(`nav.pivot-selector a[data-pivot=admin-center]`)))
	if got := browsertest.Eval[[]string](p, shown); len(got) != 1 || got[0] != "admin-center" {
		t.Errorf("after choosing the admin center the zones shown are %v", got)
	}
}
