package browsertest

import (
	"bytes"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPage checks each page option against what page scripts observe.
func TestPage(t *testing.T) {
	site := Serve(t, "testdata") + "/index.html"
	b := Start(t)
	fixed := time.Date(2026, 3, 27, 8, 0, 0, 0, time.UTC)

	t.Run("zone-clock-language", func(t *testing.T) {
		start := time.Now()
		p := b.NewPage(t, PageOptions{TimeZone: "Asia/Kolkata", Now: fixed, AcceptLanguage: "nl-NL,nl"})
		t.Logf("page ready after %v", time.Since(start))
		p.Navigate(site)
		t.Logf("navigated after %v", time.Since(start))
		if got := Eval[string](p, `document.getElementById('dynamic').textContent`); got != "script ran" {
			t.Errorf("script output = %q", got)
		}
		if got := Eval[float64](p, `window.__docloomNow`); int64(got) != fixed.UnixMilli() {
			t.Errorf("__docloomNow = %v, want %v", got, fixed.UnixMilli())
		}
		if got := Eval[float64](p, `Date.now()`); int64(got) != fixed.UnixMilli() {
			t.Errorf("Date.now() = %v", got)
		}
		// Kolkata is UTC+05:30 all year.
		if got := Eval[int](p, `new Date(Date.UTC(2026, 0, 1, 0, 0)).getHours() * 60 + new Date(Date.UTC(2026, 0, 1, 0, 0)).getMinutes()`); got != 5*60+30 {
			t.Errorf("local minutes at 00:00Z = %d, want 330", got)
		}
		if got := Eval[[]string](p, `navigator.languages`); len(got) == 0 || got[0] != "nl-NL" {
			t.Errorf("navigator.languages = %v", got)
		}
		p.Reload()
		if got := Eval[float64](p, `window.__docloomNow`); int64(got) != fixed.UnixMilli() {
			t.Errorf("after reload __docloomNow = %v", got)
		}
		if png := p.Screenshot("page"); !bytes.HasPrefix(png, []byte("\x89PNG")) {
			t.Errorf("screenshot is not a PNG")
		}
		t.Logf("done after %v", time.Since(start))
	})

	t.Run("no-javascript", func(t *testing.T) {
		p := b.NewPage(t, PageOptions{NoJavaScript: true})
		p.Navigate(site)
		if got := Run(p, chromedp.Text(chromedp.ID("dynamic"))); got != "" {
			t.Errorf("script ran with JavaScript disabled: %q", got)
		}
		if got := Run(p, chromedp.Text(chromedp.ID("static"))); got != "served" {
			t.Errorf("static text = %q", got)
		}
	})

	t.Run("isolated-storage", func(t *testing.T) {
		p := b.NewPage(t, PageOptions{})
		p.Navigate(site)
		p.Do(chromedp.Evaluate[chromedp.Void](`localStorage.setItem('k', 'v')`))
		q := b.NewPage(t, PageOptions{})
		q.Navigate(site)
		if got := Eval[any](q, `localStorage.getItem('k')`); got != nil {
			t.Errorf("a new page sees another page's storage: %v", got)
		}
	})
}
