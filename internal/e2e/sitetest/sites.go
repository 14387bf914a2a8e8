// Package sitetest builds the sites the end-to-end tests look at (the
// example site, the fixture slice, the corpora) once per test binary and
// holds the helpers those tests share, so the tests can live in several
// packages that go test runs side by side, each well inside its timeout.
package sitetest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/fixtures"
)

var tmpRoot string

// Main runs a test package's tests with a temporary folder for the sites
// it builds, removed afterwards. Call it from TestMain.
func Main(m *testing.M) {
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

// TmpRoot is the folder Main made for this test binary's builds.
func TmpRoot() string { return tmpRoot }

// RepoRoot is the repository's root: the nearest folder above the test's
// working directory that holds go.mod.
func RepoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return dir
		}
		d = up
	}
}

// built is one build of a site, shared by the tests of this package.
type Built struct {
	Out   string
	Err   error
	Diags []diag.Diagnostic
}

var (
	exampleOnce sync.Once
	example     Built
)

// RunBuild builds site into out in-process; Err says why when the build
// fails.
func RunBuild(site, out string) Built {
	res := build.Run(build.Options{Site: site, Out: out})
	var errs []string
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			errs = append(errs, d.String())
		}
	}
	if res.Failed(false) {
		return Built{Err: fmt.Errorf("build of %s failed: %s\n%s", site, res.Summary(), strings.Join(errs, "\n"))}
	}
	return Built{Out: out, Diags: res.Diags}
}

// ExampleSite builds the repository's example site once per test run.
func ExampleSite(t *testing.T) string {
	t.Helper()
	exampleOnce.Do(func() {
		example = RunBuild(RepoRoot(), filepath.Join(tmpRoot, "example"))
	})
	if example.Err != nil {
		t.Fatal(example.Err)
	}
	return example.Out
}

var (
	fixtureOnce sync.Once
	fixture     Built
)

// FixtureSite builds the real English and Dutch docsets from
// ../shared/fixtures as a two-locale site. Without the fixtures the test
// is skipped, except in CI.
func FixtureSite(t *testing.T) string {
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
			fixture.Err = err
			return
		}
		if err := os.WriteFile(filepath.Join(site, "docloom.yaml"), []byte(cfg), 0o644); err != nil {
			fixture.Err = err
			return
		}
		fixture = RunBuild(site, filepath.Join(site, "public"))
	})
	if fixture.Err != nil {
		t.Fatal(fixture.Err)
	}
	return fixture.Out
}

// Pages lists the HTML documents of a built site that are rendered pages
// (not the redirect stubs at the roots).
func Pages(t *testing.T, out string) []string {
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

// Read is the file's text; a failure to read it fails t.
func Read(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// ExampleDiags are the diagnostics of the example site's build (after
// ExampleSite).
func ExampleDiags() []diag.Diagnostic { return example.Diags }

// FixtureDiags are the diagnostics of the fixture slice's build (after
// FixtureSite).
func FixtureDiags() []diag.Diagnostic { return fixture.Diags }
