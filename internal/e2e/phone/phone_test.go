// Package phone opens pages of the fixture slice and of the PowerShell
// corpus in headless Chromium at a phone's width. It is a package of its
// own because it is the slowest of the end-to-end tests: go test runs it
// beside internal/e2e, each well inside go test's timeout.
package phone

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/docloom/docloom/internal/browsertest"
	"github.com/docloom/docloom/internal/e2e/sitetest"
)

func TestMain(m *testing.M) { sitetest.Main(m) }

// cspRecorder collects Content-Security-Policy violations in every
// document the page loads.
const cspRecorder = `window.__csp = []; document.addEventListener('securitypolicyviolation',
	e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));`

// overflowJS measures how far the page reaches past the window's right
// edge and names the widest element.
const overflowJS = `(() => {
	const w = document.documentElement.clientWidth;
	let worst = '', right = 0;
	for (const el of document.querySelectorAll('main *')) {
		const r = el.getBoundingClientRect().right;
		let clipped = false;
		for (let a = el.parentElement; a && !clipped; a = a.parentElement) clipped = getComputedStyle(a).overflowX !== 'visible';
		if (r > w + 1 && r > right && !clipped && getComputedStyle(el).position !== 'fixed') {
			right = r;
			const path = [];
			for (let a = el; a && a !== document.body && path.length < 5; a = a.parentElement) path.unshift(a.tagName.toLowerCase() + (a.className ? '.' + String(a.className).split(' ').join('.') : ''));
			worst = path.join(' > ') + ' ' + (el.textContent || '').slice(0, 40);
		}
	}
	return {scroll: document.documentElement.scrollWidth, width: w, worst: worst, csp: window.__csp || []};
})()`

type overflow struct {
	Scroll float64  `json:"scroll"`
	Width  float64  `json:"width"`
	Worst  string   `json:"worst"`
	CSP    []string `json:"csp"`
}

// TestPhoneWidthAndCSPOverCorpora opens pages of the fixture slice (all
// of them) and of the PowerShell corpus (a sample: 400 of its pages) at
// 390 px under the site's real Content-Security-Policy: none may scroll
// sideways, and none may break the policy.
func TestPhoneWidthAndCSPOverCorpora(t *testing.T) {
	headers := sitetest.LoadNetlify(t).Headers["/*"]
	b := browsertest.Start(t)
	sites := []struct {
		name string
		out  func(*testing.T) string
		max  int
	}{
		{"fixtures", sitetest.FixtureSite, 100000},
		{"powershell", func(t *testing.T) string { return sitetest.PSBuild(t).Out }, 400},
	}
	if testing.Short() {
		sites[0].max, sites[1].max = 40, 40
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			out := s.out(t)
			base := sitetest.ServeWithHeaders(t, out, headers)
			p := b.NewPage(t, browsertest.PageOptions{})
			p.Do(chromedp.EmulateViewport(390, 844), sitetest.AddInitScript(cspRecorder))
			urls := sitetest.SamplePages(t, out, s.max)
			wide, broken := 0, 0
			start := time.Now()
			for _, u := range urls {
				p.Navigate(base + u)
				got := browsertest.Eval[overflow](p, overflowJS)
				if got.Scroll > got.Width+1 {
					if wide++; wide <= 10 {
						t.Errorf("%s scrolls sideways at 390 px: %.0f px wide (%s)", u, got.Scroll, got.Worst)
					}
				}
				if len(got.CSP) > 0 {
					if broken++; broken <= 10 {
						t.Errorf("%s: CSP violations: %v", u, got.CSP)
					}
				}
			}
			t.Logf("%s: %d pages at 390 px in %s: %d scroll sideways, %d break the CSP", s.name, len(urls), time.Since(start).Round(time.Second), wide, broken)
		})
	}
}
