package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// PageOptions fix what a page sees of the reader's machine. The zero value
// leaves everything as the host has it.
type PageOptions struct {
	// TimeZone is an IANA zone set with Emulation.setTimezoneOverride. NewPage
	// checks that the page really runs in it, because Chromium silently falls
	// back to UTC for an unknown id while another override is active.
	TimeZone string
	// Now fixes the clock: before any page script runs, window.__docloomNow is
	// set to this instant in Unix milliseconds and Date.now returns it. Client
	// code reads "now" through one function that honours __docloomNow.
	Now time.Time
	// AcceptLanguage sets navigator.languages and the Accept-Language header,
	// e.g. "nl-NL,nl".
	AcceptLanguage string
	// NoJavaScript disables script execution (Emulation.setScriptExecutionDisabled),
	// to test what readers without JavaScript get.
	NoJavaScript bool
	// Timeout bounds each action run through the Page helpers; 30 s if zero.
	Timeout time.Duration
}

// Page is one tab in its own browser context. It is closed when the test ends.
type Page struct {
	t       testing.TB
	ctx     context.Context
	timeout time.Duration
}

// NewPage opens an isolated tab and applies o. It fails the test when an
// option cannot be applied.
func (b *Browser) NewPage(t testing.TB, o PageOptions) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("browsertest: opening a tab: %v", err)
	}
	p := &Page{t: t, ctx: ctx, timeout: o.Timeout}
	if p.timeout == 0 {
		p.timeout = 30 * time.Second
	}
	if o.TimeZone != "" {
		p.SetTimeZone(o.TimeZone)
	}
	if !o.Now.IsZero() {
		p.FixClock(o.Now)
	}
	if o.AcceptLanguage != "" {
		p.SetAcceptLanguage(o.AcceptLanguage)
	}
	if o.NoJavaScript {
		p.Do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
	}
	return p
}

// Context returns the page's chromedp context, for actions this package does
// not wrap. It carries no deadline.
func (p *Page) Context() context.Context { return p.ctx }

// Do runs actions in order with the page's timeout, failing the test on error.
func (p *Page) Do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("browsertest: %v", err)
	}
}

// Run runs one action on p with the page's timeout and returns its value,
// failing the test on error.
func Run[T any](p *Page, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.t.Fatalf("browsertest: %v", err)
	}
	return v
}

// Eval evaluates a JavaScript expression in the page and decodes its value
// into T (promises are awaited).
func Eval[T any](p *Page, expr string) T {
	p.t.Helper()
	return Run(p, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// Navigate loads url and waits for its load event.
func (p *Page) Navigate(url string) {
	p.t.Helper()
	p.Do(chromedp.Navigate(url))
}

// Reload reloads the page; the fixed zone, clock and language stay.
func (p *Page) Reload() {
	p.t.Helper()
	p.Do(chromedp.Reload())
}

// SetTimeZone overrides the page's time zone and checks that the page reports
// it: either by name, or, for zones Chromium reports under a legacy alias
// (Asia/Kolkata as Asia/Calcutta), by formatting two instants identically.
func (p *Page) SetTimeZone(zone string) {
	p.t.Helper()
	p.Do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: zone})
		return err
	}))
	q := fmt.Sprintf("%q", zone)
	got := Eval[string](p, `Intl.DateTimeFormat().resolvedOptions().timeZone`)
	if got == zone {
		return
	}
	same := Eval[bool](p, `(() => {
		const o = {year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23'};
		const here = new Intl.DateTimeFormat('en-US', o);
		const there = new Intl.DateTimeFormat('en-US', Object.assign({timeZone: `+q+`}, o));
		return [Date.UTC(2026, 0, 15, 12), Date.UTC(2026, 6, 15, 12)].every(t => here.format(t) === there.format(t));
	})()`)
	if !same {
		p.t.Fatalf("browsertest: time zone override %s not in effect: page reports %s", zone, got)
	}
}

// clockSource is the script FixClock installs; %d is the instant in Unix ms.
const clockSource = `(() => {
	const fixed = %d;
	window.__docloomNow = fixed;
	Date.now = () => fixed;
})();`

// FixClock makes every document loaded from now on see the instant now.
// Timers still run in real time; Intl formatting with no explicit instant
// still uses the real clock, so client code must pass instants explicitly.
func (p *Page) FixClock(now time.Time) {
	p.t.Helper()
	src := fmt.Sprintf(clockSource, now.UnixMilli())
	p.Do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

// SetNow changes the fixed instant in the current document (and only there),
// for tests that move time forward without a reload.
func (p *Page) SetNow(now time.Time) {
	p.t.Helper()
	p.Do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(clockSource, now.UnixMilli())))
}

// SetAcceptLanguage sets navigator.languages and the Accept-Language header
// for this page, keeping the browser's own user agent string.
func (p *Page) SetAcceptLanguage(langs string) {
	p.t.Helper()
	p.Do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		v, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
		if err != nil {
			return err
		}
		ua := strings.Replace(v.UserAgent, "HeadlessChrome", "Chrome", 1)
		_, err = cdp.Call(ctx, t, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: langs})
		return err
	}))
}

// Screenshot captures the viewport as PNG. When the environment variable
// DOCLOOM_SCREENSHOTS names a folder, the image is also written there as
// <test name>-<name>.png, for a person to look at.
func (p *Page) Screenshot(name string) []byte {
	p.t.Helper()
	png := Run(p, chromedp.CaptureScreenshot())
	if dir := os.Getenv("DOCLOOM_SCREENSHOTS"); dir != "" {
		file := strings.NewReplacer("/", "_", " ", "_").Replace(p.t.Name()) + "-" + name + ".png"
		if err := os.MkdirAll(dir, 0o755); err == nil {
			err = os.WriteFile(filepath.Join(dir, file), png, 0o644)
			if err != nil {
				p.t.Logf("browsertest: writing screenshot: %v", err)
			}
		}
	}
	return png
}
