package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/docloom/docloom/internal/browsertest"
)

// TestChrome: the page chrome a reader uses on the example site.
func TestChrome(t *testing.T) {
	out := exampleSite(t)
	base := serveWithHeaders(t, out, loadNetlify(t).Headers["/*"])
	b := browsertest.Start(t)

	t.Run("theme remembered without a flash", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{})
		// Record the theme when <body> appears: set by then means set
		// before the first paint.
		p.Do(addInitScript(`new MutationObserver((ms, o) => { if (document.body) { window.__themeAtBody = document.documentElement.getAttribute('data-theme') || ''; o.disconnect(); } }).observe(document, {childList: true, subtree: true});`))
		p.Navigate(base + "/en-us/o365-worldwide/admin/feature-tour")
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.theme-switch select`)))
		p.Do(chromedp.SetValue(chromedp.CSS(`.theme-switch select`), "contrast"))
		browsertest.Eval[any](p, `document.querySelector('.theme-switch select').dispatchEvent(new Event('change')), 0`)
		if got := browsertest.Eval[string](p, `document.documentElement.dataset.theme || ''`); got != "contrast" {
			t.Fatalf("theme after choosing high contrast: %q", got)
		}
		p.Navigate(base + "/nl-nl/o365-worldwide/admin/contact-support")
		if got := browsertest.Eval[string](p, `window.__themeAtBody`); got != "contrast" {
			t.Errorf("on the next page the theme was %q when <body> was parsed, want contrast", got)
		}
		bg := browsertest.Eval[string](p, `getComputedStyle(document.body).backgroundColor`)
		if bg != "rgb(0, 0, 0)" {
			t.Errorf("high contrast background %s", bg)
		}
		p.Screenshot("contrast")
	})

	t.Run("sidebar filter and scroll-spy", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{})
		p.Do(chromedp.EmulateViewport(1400, 900))
		p.Navigate(base + "/en-us/o365-worldwide/admin/feature-tour")
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.toc-filter input`)))
		p.Do(chromedp.Focus(chromedp.CSS(`.toc-filter input`)), chromedp.KeyEvent("germany"))
		time.Sleep(400 * time.Millisecond)
		vis := browsertest.Eval[[]string](p, `[...document.querySelectorAll('.toc-disclosure li')].filter(li => li.offsetParent !== null).map(li => li.querySelector('a,span,summary').textContent.trim())`)
		if len(vis) == 0 {
			t.Fatal("the filter shows no entry for germany")
		}
		total := browsertest.Eval[int](p, `document.querySelectorAll('.toc-disclosure li').length`)
		hit := false
		for _, v := range vis {
			hit = hit || strings.Contains(strings.ToLower(v), "germany")
		}
		// Matches show with the folders on the way to them; the rest hide.
		if !hit || len(vis) >= total {
			t.Errorf("the filter for germany shows %v of %d entries", vis, total)
		}
		if s := browsertest.Eval[string](p, `document.querySelector('.toc-filter-status').textContent`); !strings.Contains(s, "matching") {
			t.Errorf("filter status %q", s)
		}
		if pos := browsertest.Eval[string](p, `getComputedStyle(document.querySelector('nav.sidebar')).position`); pos != "sticky" {
			t.Errorf("sidebar position %s", pos)
		}
		last := browsertest.Eval[string](p, `(() => { const a = [...document.querySelectorAll('.in-this-article a')].pop(); return a.hash; })()`)
		browsertest.Eval[any](p, `document.getElementById(`+jsString(strings.TrimPrefix(last, "#"))+`).scrollIntoView(), 0`)
		time.Sleep(300 * time.Millisecond)
		if cur := browsertest.Eval[string](p, `(document.querySelector('.in-this-article a[aria-current="location"]') || {}).hash || ''`); cur == "" || cur == browsertest.Eval[string](p, `document.querySelector('.in-this-article a').hash`) {
			t.Errorf("after scrolling to %s the outline marks %q", last, cur)
		}
	})

	t.Run("no layout shift after an in-page jump", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{})
		p.Do(chromedp.EmulateViewport(1280, 800), addInitScript(`window.__cls = 0; window.__t0 = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput && e.startTime > window.__t0) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});`))
		p.Navigate(base + "/en-us/o365-worldwide/admin/feature-tour")
		time.Sleep(300 * time.Millisecond)
		browsertest.Eval[any](p, `window.__t0 = performance.now(); window.__cls = 0; location.hash = [...document.querySelectorAll('.in-this-article a')].pop().hash; 0`)
		time.Sleep(1500 * time.Millisecond)
		if cls := browsertest.Eval[float64](p, `window.__cls`); cls >= 0.1 {
			t.Errorf("cumulative layout shift after the jump %.3f, want < 0.1", cls)
		} else {
			t.Logf("CLS after an in-page jump: %.3f", cls)
		}
		if n := browsertest.Eval[int](p, `[...document.querySelectorAll('main img')].filter(i => !i.getAttribute('width') || !i.getAttribute('height')).length`); n > 0 {
			t.Errorf("%d images without width and height", n)
		}
	})

	t.Run("view parameter", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{})
		p.Navigate(base + "/en-us/o365-worldwide/admin/contact-support?view=o365-germany&x=1#before-you-call")
		deadline := time.Now().Add(5 * time.Second)
		for {
			u := browsertest.Eval[string](p, `location.pathname + location.search + location.hash`)
			if u == "/en-us/o365-germany/admin/contact-support?x=1#before-you-call" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("?view=o365-germany stayed at %s", u)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	t.Run("print", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{})
		p.Navigate(base + "/en-us/o365-worldwide/admin/feature-tour")
		p.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}))
		hidden := browsertest.Eval[[]string](p, `['nav.sidebar', '.in-this-article', '.site-header .pickers', '.theme-switch', '.prev-next']
			.filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none')`)
		if len(hidden) > 0 {
			t.Errorf("printed: %v", hidden)
		}
		var pdf []byte
		p.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{})
			if err == nil {
				pdf = res.Data
			}
			return err
		}))
		pagesN := bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page\r")) + bytes.Count(pdf, []byte("/Type /Page>"))
		if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 2000 {
			t.Fatalf("PDF of %d bytes", len(pdf))
		}
		os.WriteFile(filepath.Join(t.TempDir(), "feature-tour.pdf"), pdf, 0o644)
		t.Logf("feature-tour prints as a %d-byte PDF (%d page objects)", len(pdf), pagesN)
	})

	t.Run("country picker", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{TimeZone: "America/Los_Angeles", Now: time.Date(2026, 3, 26, 14, 0, 0, 0, time.UTC)})
		p.Do(chromedp.EmulateViewport(390, 844))
		p.Navigate(base + "/nl-nl/o365-worldwide/admin/contact-support")
		p.Do(chromedp.WaitReady(chromedp.CSS(`[data-country-picker] [role="combobox"]`)))
		options := func(q string) []string {
			p.Do(chromedp.Focus(chromedp.CSS(`[data-country-picker] [role="combobox"]`)), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(q))
			return browsertest.Eval[[]string](p, `(() => { const b = document.querySelector('[data-country-picker] [role="listbox"]'); return b.hidden ? [] : [...b.querySelectorAll('[role=option]')].map(o => o.textContent); })()`)
		}
		for q, want := range map[string]string{"VS": "Verenigde Staten", "USA": "Verenigde Staten", "UK": "Verenigd Koninkrijk",
			"Deutschland": "Duitsland", "Germany": "Duitsland", "0800 589": "Duitsland", "DEU": "Duitsland"} {
			got := options(q)
			if len(got) == 0 || got[0] != want {
				t.Errorf("search %q finds %v, want %s first", q, got, want)
			}
		}
		if got := options("zzzz"); len(got) != 0 {
			t.Errorf("zzzz finds %v", got)
		}
		empty := browsertest.Eval[string](p, `(() => { const e = document.querySelector('.cp-empty'); return e && !e.hidden && !e.closest('[role=listbox]') ? e.textContent : ''; })()`)
		if empty == "" {
			t.Error("no match is not said beside the listbox")
		}
		time.Sleep(600 * time.Millisecond)
		if s := browsertest.Eval[string](p, `document.querySelector('.cp-count').textContent`); s != empty {
			t.Errorf("status after no match %q", s)
		}
		options("land")
		time.Sleep(600 * time.Millisecond)
		n := browsertest.Eval[int](p, `document.querySelectorAll('[data-country-picker] [role=listbox] [role=option]').length`)
		if s := browsertest.Eval[string](p, `document.querySelector('.cp-count').textContent`); !strings.HasPrefix(s, strings.TrimSpace(strings.Split(s, " ")[0])) || !strings.Contains(s, "landen") || n < 2 || !strings.HasPrefix(s, itoa(n)+" ") {
			t.Errorf("status %q for %d options", s, n)
		}
		// The options read as a list: one per row, each the width of the list.
		if got, want := browsertest.Eval[string](p, `(() => {
			const b = document.querySelector('[data-country-picker] [role=listbox]');
			const os = [...b.querySelectorAll('[role=option]')];
			const narrow = os.filter(o => o.getBoundingClientRect().width < b.clientWidth * 0.9).length;
			const rows = new Set(os.map(o => Math.round(o.getBoundingClientRect().top))).size;
			return narrow + ' narrow, ' + rows + ' rows';
		})()`), "0 narrow, "+itoa(n)+" rows"; got != want {
			t.Errorf("listbox layout: %s, want %s", got, want)
		}
		// Choose India; ArrowDown opens the list at India, Enter keeps it.
		options("India")
		p.Do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.cp-panel[data-country=india]`)))
		p.Do(chromedp.KeyEvent(kb.ArrowDown))
		act := browsertest.Eval[string](p, `document.getElementById(document.querySelector('[data-country-picker] [role=combobox]').getAttribute('aria-activedescendant') || '')?.textContent || ''`)
		p.Do(chromedp.KeyEvent(kb.Enter))
		if v := browsertest.Run(p, chromedp.Value(chromedp.CSS(`[data-country-picker] [role="combobox"]`))); act != "India" || v != "India" {
			t.Errorf("ArrowDown on a chosen country activates %q; after Enter the choice is %q", act, v)
		}
		st := browsertest.Eval[[]string](p, `[...document.querySelectorAll('.cp-panel .hours-status')].map(s => s.getAttribute('aria-live') + ' ' + s.textContent)`)
		if len(st) == 0 {
			t.Fatal("India's panel has no statuses")
		}
		for _, s := range st {
			if !strings.HasPrefix(s, "polite ") || strings.Contains(s, "/") {
				t.Errorf("status %q: not live, or a zone ID", s)
			}
		}
		if got := strings.Join(st, "\n"); !strings.Contains(got, "India") || !strings.Contains(got, "donderdag") {
			t.Errorf("Thursday 07:00 in Los Angeles, India's statuses should name the zone in words and the reader's weekday:\n%s", got)
		}
		t.Logf("India for a reader in Los Angeles on Thursday 07:00:\n%s", strings.Join(st, "\n"))
		if h := browsertest.Eval[float64](p, `Math.min(...[...document.querySelectorAll('.cp-panel a[href^="tel:"]')].map(a => a.getBoundingClientRect().height))`); h < 24 {
			t.Errorf("tel: links %.0f px tall, want at least 24", h)
		}
		if c := browsertest.Eval[string](p, `getComputedStyle(document.querySelector('.cp-panel ul')).columnCount`); c != "auto" {
			t.Errorf("the answer panel is split into %s columns", c)
		}
	})

	t.Run("no-JS country list in collation order", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{NoJavaScript: true})
		p.Navigate(base + "/nl-nl/o365-worldwide/admin/contact-support")
		names := browsertest.Eval[[]string](p, `[...document.querySelectorAll('[data-country-picker] li a')].map(a => a.textContent)`)
		sorted := browsertest.Eval[[]string](p, `[...document.querySelectorAll('[data-country-picker] li a')].map(a => a.textContent).sort(new Intl.Collator('nl').compare)`)
		if strings.Join(names, "|") != strings.Join(sorted, "|") {
			t.Errorf("the list is not in Dutch order:\n%v\nwant\n%v", names, sorted)
		}
	})
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// themeActions sets up a page for one theme: light and dark through the
// device setting (the theme switch left at "as on this device"), high
// contrast through the switch's remembered choice.
func themeActions(theme string) []chromedp.Action[chromedp.Void] {
	if theme == "contrast" {
		return []chromedp.Action[chromedp.Void]{addInitScript(`try { localStorage.setItem('docloom.theme', 'contrast') } catch (e) {}`)}
	}
	return []chromedp.Action[chromedp.Void]{colorScheme(theme)}
}

// TestAccessibilityThemesOnCorpora runs axe on 30 pages of the fixture
// slice and 30 of the PowerShell corpus in the light, dark and high
// contrast themes: no serious or critical violation.
func TestAccessibilityThemesOnCorpora(t *testing.T) {
	src := axeSource(t)
	b := browsertest.Start(t)
	n := 30
	if testing.Short() {
		n = 5
	}
	for _, s := range []struct {
		name string
		out  func(*testing.T) string
	}{{"fixtures", fixtureSite}, {"powershell", func(t *testing.T) string { return psBuild(t).Out }}} {
		t.Run(s.name, func(t *testing.T) {
			out := s.out(t)
			base := browsertest.Serve(t, out)
			urls := samplePages(t, out, n)
			for _, theme := range []string{"light", "dark", "contrast"} {
				t.Run(theme, func(t *testing.T) {
					p := b.NewPage(t, browsertest.PageOptions{})
					p.Do(themeActions(theme)...)
					bad := 0
					for _, u := range urls {
						p.Navigate(base + u)
						if !browsertest.Eval[bool](p, `typeof axe !== 'undefined'`) {
							browsertest.Eval[any](p, src+";0")
						}
						for _, v := range browsertest.Eval[[]axeViolation](p, axeRunJS) {
							if why := known(v); why != "" {
								continue
							}
							if bad++; bad <= 10 {
								t.Errorf("%s (%s): %s %s: %s\n  %s", u, theme, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
							}
						}
					}
					t.Logf("%s, %s theme: %d pages, %d serious or critical violations", s.name, theme, len(urls), bad)
				})
			}
		})
	}
}
