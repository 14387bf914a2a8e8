package e2e

import (
	"fmt"
	"github.com/docloom/docloom/internal/fixtures"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/diag"
)

// built is one build of a site, shared by the tests of this package.
type built struct {
	out   string
	err   error
	diags []diag.Diagnostic
}

var (
	exampleOnce sync.Once
	example     built
	tmpRoot     string
)

func TestMain(m *testing.M) {
	var err error
	tmpRoot, err = os.MkdirTemp("", "docloom-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

func runBuild(site, out string) built {
	res := build.Run(build.Options{Site: site, Out: out})
	var errs []string
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			errs = append(errs, d.String())
		}
	}
	if res.Failed(false) {
		return built{err: fmt.Errorf("build of %s failed: %s\n%s", site, res.Summary(), strings.Join(errs, "\n"))}
	}
	return built{out: out, diags: res.Diags}
}

// exampleSite builds the repository's example site once per test run.
func exampleSite(t *testing.T) string {
	t.Helper()
	exampleOnce.Do(func() {
		example = runBuild("../..", filepath.Join(tmpRoot, "example"))
	})
	if example.err != nil {
		t.Fatal(example.err)
	}
	return example.out
}

var (
	fixtureOnce sync.Once
	fixture     built
)

// fixtureSite builds the real English and Dutch docsets from
// ../shared/fixtures as a two-locale site. Without the fixtures the test
// is skipped, except in CI.
func fixtureSite(t *testing.T) string {
	t.Helper()
	fixtures.Dir(t, "en-us")
	fixtures.Dir(t, "nl-nl")
	fx, _ := fixtures.Find("")
	fixtureOnce.Do(func() {
		site := filepath.Join(tmpRoot, "fixture-site")
		cfg := `title: Fixture slice
baseURL: https://fixtures.example/
defaultLocale: en-us
locales:
  - code: en-us
    name: English
    path: ` + filepath.Join(fx, "en-us") + `
  - code: nl-nl
    name: Nederlands
    path: ` + filepath.Join(fx, "nl-nl") + `
monikers:
  - name: o365-worldwide
    display: Worldwide
  - name: o365-21vianet
    display: 21Vianet
  - name: o365-germany
    display: Germany
`
		if err := os.MkdirAll(site, 0o755); err != nil {
			fixture.err = err
			return
		}
		if err := os.WriteFile(filepath.Join(site, "docloom.yaml"), []byte(cfg), 0o644); err != nil {
			fixture.err = err
			return
		}
		fixture = runBuild(site, filepath.Join(site, "public"))
	})
	if fixture.err != nil {
		t.Fatal(fixture.err)
	}
	return fixture.out
}

// pages lists the HTML documents of a built site that are rendered pages
// (not the redirect stubs at the roots).
func pages(t *testing.T, out string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(data), `class="site-header"`) {
				files = append(files, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func read(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// resolve maps a root-relative URL to the file the static host would serve
// for it, or "" when there is none.
func resolve(out, u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	if !strings.HasPrefix(u, "/") {
		return ""
	}
	p := filepath.Join(out, filepath.FromSlash(u))
	if strings.HasSuffix(u, "/") {
		p = filepath.Join(p, "index.html")
	}
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p
	}
	if st, err := os.Stat(filepath.Join(p, "index.html")); err == nil && !st.IsDir() {
		return filepath.Join(p, "index.html")
	}
	// Pages are x.html, served at /x as Netlify does.
	if st, err := os.Stat(p + ".html"); err == nil && !st.IsDir() && !strings.HasSuffix(u, "/") {
		return p + ".html"
	}
	return ""
}

var hrefRE = regexp.MustCompile(`\shref="([^"]*)"`)

// hrefs are the link targets in an HTML fragment, entities decoded.
func hrefs(fragment string) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(fragment, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// section is the HTML from the first match of start up to the next end.
func section(doc, start, end string) string {
	i := strings.Index(doc, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(doc[i:], end)
	if j < 0 {
		return doc[i:]
	}
	return doc[i : i+j]
}

// text is the visible text of HTML: tags dropped, entities decoded, spaces
// collapsed.
func text(s string) string {
	s = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]+>`).ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// variant is the page's locale, cloud and path below them, from the URL
// the file is published at.
func variant(out, file string) (locale, cloud, rest string) {
	rel, _ := filepath.Rel(out, file)
	parts := strings.SplitN(filepath.ToSlash(rel), "/", 3)
	if len(parts) < 3 {
		return "", "", ""
	}
	return parts[0], parts[1], strings.TrimSuffix(strings.TrimSuffix(parts[2], "index.html"), ".html")
}
