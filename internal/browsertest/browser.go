// Package browsertest starts headless Debian Chromium for tests of docloom's
// browser side (the support-hours widgets, navigation, accessibility). It is a
// test helper: only _test.go files import it.
//
// A test gets a Browser with Start, opens an isolated Page per scenario with
// NewPage (its own browser context, so localStorage and cookies are fresh),
// fixes the page's time zone, clock and language there, and serves a folder
// with Serve. When chromium is missing the test is skipped, except under CI
// (the CI environment variable is set), where a missing browser is a failure.
package browsertest

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// DefaultPath is where Debian's chromium package installs the browser.
const DefaultPath = "/usr/bin/chromium"

// PathEnv names an environment variable that overrides DefaultPath, for
// developers whose browser lives elsewhere.
const PathEnv = "DOCLOOM_CHROMIUM"

// Browser is one running headless Chromium process. It lives until the end of
// the test that started it.
type Browser struct {
	ctx context.Context // the first tab's context; it owns the process
}

// Path reports which chromium binary Start would run, and whether it exists.
func Path() (string, bool) {
	p := os.Getenv(PathEnv)
	if p == "" {
		p = DefaultPath
	}
	st, err := os.Stat(p)
	return p, err == nil && !st.IsDir()
}

// Start launches a fresh headless Chromium with its own empty profile. The
// browser is stopped when t ends. Without a browser the test is skipped, or
// fails when the CI environment variable is set.
func Start(t testing.TB) *Browser {
	t.Helper()
	path, ok := Path()
	if !ok {
		if os.Getenv("CI") != "" {
			t.Fatalf("browsertest: chromium not found at %s (CI is set, so browser tests must run)", path)
		}
		t.Skipf("browsertest: chromium not found at %s; install Debian's chromium to run browser tests", path)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first Do starts the process; it must not carry a timeout, because
	// the deadline would stop the whole browser.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("browsertest: starting %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return &Browser{ctx: ctx}
}
