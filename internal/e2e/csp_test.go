package e2e

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/browsertest"
)

func TestNetlifyConfig(t *testing.T) {
	c := loadNetlify(t)
	if got := c.Doc.Str("build.publish"); got != "public" {
		t.Errorf("publish = %q, want public", got)
	}
	if got := c.Doc.Str("build.command"); !strings.Contains(got, "go run ./cmd/docloom build") {
		t.Errorf("build command %q does not run docloom build", got)
	}
	gomod := read(t, "../../go.mod")
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindStringSubmatch(gomod)
	if v := c.Doc.Str("build.environment.GO_VERSION"); goLine == nil || v != goLine[1] {
		t.Errorf("GO_VERSION %q differs from go.mod's go %v", v, goLine)
	}
	if cc := c.Headers["/_docloom/main-*"].Str("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("hashed assets are not cached for long: %q", cc)
	}
	all := c.Headers["/*"]
	csp := all.Str("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "default-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %s: %s", want, csp)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows inline code: %s", csp)
	}
	if all.Str("X-Content-Type-Options") != "nosniff" || all.Str("Referrer-Policy") == "" {
		t.Errorf("security headers missing: %v", all)
	}
	// Built assets match the immutable rule: their names carry a hash.
	out := exampleSite(t)
	entries, err := os.ReadDir(out + "/_docloom")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		// Only main-* is cached as immutable (the favicon is not).
		if !e.IsDir() && strings.HasPrefix(e.Name(), "main-") && !regexp.MustCompile(`^main(-head)?-[A-Z0-9]{8}\.(css|js)$`).MatchString(e.Name()) {
			t.Errorf("/_docloom/%s is not a hashed bundle but would be cached as immutable", e.Name())
		}
	}
}

var (
	inlineScriptRE = regexp.MustCompile(`(?is)<script\b([^>]*)>`)
	handlerRE      = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	styleAttrRE    = regexp.MustCompile(`(?i)<[a-z][^>]*\sstyle\s*=`)
)

// TestPagesSatisfyCSP reads every built page for what the policy forbids:
// inline scripts, event handler attributes, style attributes and elements.
func TestPagesSatisfyCSP(t *testing.T) {
	for _, tc := range []struct {
		name string
		out  func(*testing.T) string
	}{{"example", exampleSite}, {"fixtures", fixtureSite}} {
		t.Run(tc.name, func(t *testing.T) {
			out := tc.out(t)
			bad := 0
			for _, f := range pages(t, out) {
				doc := read(t, f)
				var why []string
				for _, m := range inlineScriptRE.FindAllStringSubmatch(doc, -1) {
					if !strings.Contains(m[1], "src=") {
						why = append(why, "inline <script>")
					}
				}
				if m := handlerRE.FindString(doc); m != "" {
					why = append(why, "event handler attribute in "+m)
				}
				if m := styleAttrRE.FindString(doc); m != "" {
					why = append(why, "style attribute in "+m)
				}
				if strings.Contains(doc, "<style") {
					why = append(why, "<style> element")
				}
				if len(why) > 0 {
					bad++
					if bad <= 10 {
						t.Errorf("%s: %s", f[len(out):], strings.Join(why, "; "))
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d pages break the Content-Security-Policy", bad)
			}
		})
	}
}

// TestBrowserReportsNoCSPViolations loads pages under the real policy and
// collects the browser's securitypolicyviolation events.
func TestBrowserReportsNoCSPViolations(t *testing.T) {
	out := exampleSite(t)
	base := serveWithHeaders(t, out, loadNetlify(t).Headers["/*"])
	b := browsertest.Start(t)
	p := b.NewPage(t, browsertest.PageOptions{})
	p.Do(addInitScript(`window.__csp = []; document.addEventListener('securitypolicyviolation',
		e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));`))
	for _, u := range []string{"/en-us/o365-worldwide/admin/contact-support", "/nl-nl/o365-germany/admin/contact-support",
		"/en-us/o365-worldwide/admin/feature-tour", "/nl-nl/o365-worldwide/", "/nl-nl/404.html"} {
		p.Navigate(base + u)
		if got := browsertest.Eval[[]string](p, `window.__csp`); len(got) > 0 {
			t.Errorf("%s: CSP violations: %v", u, got)
		}
	}
}
