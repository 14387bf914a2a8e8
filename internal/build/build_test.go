package build

import (
	shared "github.com/docloom/docloom/internal/fixtures"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
)

// fixtures is ../shared/fixtures/docsets beside the repository (CI lays it
// there). Without it these tests cannot run; in CI that is a failure.
func fixtures(t *testing.T) string {
	t.Helper()
	return shared.Dir(t, "")
}

// writeSite writes files (path relative to dir -> content) into dir.
func writeSite(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustBuild(t *testing.T, opts Options) *Result {
	t.Helper()
	res := Run(opts)
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			t.Errorf("%s", d)
		}
	}
	if res.Failed(false) {
		t.Fatalf("build failed: %s", res.Summary())
	}
	return res
}

// text is the visible text of an HTML file, entities decoded and tags
// dropped, so assertions read like what a reader sees.
func text(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := regexp.MustCompile(`(?s)<script.*?</script>|<[^>]+>`).ReplaceAllString(string(data), " ")
	s = html.UnescapeString(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

func TestExampleSiteBuildsClean(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Site: "../..", Out: out})
	for _, d := range res.Diags {
		if d.Code == "git-shallow" {
			continue // CI may check out a shallow clone
		}
		t.Errorf("the example site should build without diagnostics: %s", d)
	}
	if res.Locales != 2 || res.Monikers != 3 {
		t.Errorf("locales %d monikers %d, want 2 and 3", res.Locales, res.Monikers)
	}
	support := func(locale, cloud string) string {
		return text(t, filepath.Join(out, locale, cloud, "admin/contact-support.html"))
	}
	if s := support("en-us", "o365-21vianet"); !strings.Contains(s, "+86 400 089 0365") || strings.Contains(s, "1 800 865 9408") {
		t.Errorf("21Vianet support page holds the wrong cloud's numbers:\n%s", s)
	}
	if s := support("nl-nl", "o365-germany"); !strings.Contains(s, "0800 589 2330") {
		t.Errorf("Germany support page lacks its number:\n%s", s)
	}
	// A page limited to one cloud by front matter exists only there.
	if _, err := os.Stat(filepath.Join(out, "en-us/o365-germany/admin/germany-cloud-only.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(out, "en-us/o365-worldwide/admin/germany-cloud-only.html")); err == nil {
		t.Error("the Germany-only page was built for the worldwide cloud")
	}
	// An English-only page is served in Dutch with a notice.
	if s := text(t, filepath.Join(out, "nl-nl/o365-worldwide/admin/only-in-english.html")); !strings.Contains(s, "nog niet vertaald") {
		t.Errorf("fallback page lacks the notice:\n%s", s)
	}
}

// TestFixtureSeedPagePerCloud builds a site whose two locales are the real
// English and Dutch docsets and checks the page the product was specified
// from: one version per cloud, each with exactly its own cloud's blocks.
func TestFixtureSeedPagePerCloud(t *testing.T) {
	fx := fixtures(t)
	site := t.TempDir()
	cfg := `title: Fixture slice
defaultLocale: en-us
locales:
  - code: en-us
    path: ` + filepath.Join(fx, "en-us") + `
  - code: nl-nl
    name: Nederlands
    path: ` + filepath.Join(fx, "nl-nl") + `
monikers:
  - name: o365-worldwide
  - name: o365-21vianet
  - name: o365-germany
`
	if err := os.WriteFile(filepath.Join(site, "docloom.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(site, "public")
	res := mustBuild(t, Options{Site: site, Out: out})
	seed := func(cloud string) string {
		return text(t, filepath.Join(out, "nl-nl", cloud, "microsoft-365/admin/contact-support-for-business-products.html"))
	}
	tests := []struct {
		cloud      string
		has, hasNo []string
	}{
		{"o365-worldwide", []string{"1 800 865 9408", "Afghanistan", "Zweden"}, []string{"+86 400 089 0365", "0800 589 2330"}},
		{"o365-21vianet", []string{"+86 400 089 0365"}, []string{"1 800 865 9408", "0800 589 2330"}},
		{"o365-germany", []string{"0800 589 2330"}, []string{"1 800 865 9408", "+86 400 089 0365"}},
	}
	for _, tc := range tests {
		s := seed(tc.cloud)
		for _, w := range tc.has {
			if !strings.Contains(s, w) {
				t.Errorf("%s: missing %q", tc.cloud, w)
			}
		}
		for _, w := range tc.hasNo {
			if strings.Contains(s, w) {
				t.Errorf("%s: holds another cloud's %q", tc.cloud, w)
			}
		}
	}
	if res.Pages < 246+17 {
		t.Errorf("built %d pages, want every page of both slices", res.Pages)
	}
}

// TestBareDocfxDocset builds the Dutch slice with no docloom.yaml: the
// locale and clouds come from its publish config.
func TestBareDocfxDocset(t *testing.T) {
	fx := fixtures(t)
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Site: filepath.Join(fx, "nl-nl"), Out: out})
	if res.Site.DefaultLocale != "nl-nl" || res.Monikers != 3 {
		t.Fatalf("bare docset read as locale %s with %d monikers", res.Site.DefaultLocale, res.Monikers)
	}
	for _, cloud := range []string{"o365-worldwide", "o365-21vianet", "o365-germany"} {
		if _, err := os.Stat(filepath.Join(out, "nl-nl", cloud, "microsoft-365/admin/support/germany.html")); err != nil {
			t.Error(err)
		}
	}
	// The WeChat QR image is copied once per locale, not per cloud.
	if _, err := os.Stat(filepath.Join(out, "nl-nl/microsoft-365/media/4d8fe09c-1a11-4cd8-be4c-75add8dccddd.jpg")); err != nil {
		t.Error(err)
	}
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	site := t.TempDir()
	write := func(rel, data string) { writeSite(t, site, map[string]string{rel: data}) }
	write("docloom.yaml", "title: T\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n")
	write("content/en-us/page.md", "# Version one\n")
	out := filepath.Join(site, "public")
	mustBuild(t, Options{Site: site, Out: out})
	before := text(t, filepath.Join(out, "en-us/a/page.html"))

	write("content/en-us/page.md", "# Version two\n\n::: moniker range=\"c\"\nx\n::: moniker-end\n")
	write("content/en-us/other.md", "# Another page\n")
	res := Run(Options{Site: site, Out: out})
	if !res.Failed(false) {
		t.Fatal("a build with an unknown moniker must fail")
	}
	if after := text(t, filepath.Join(out, "en-us/a/page.html")); after != before || !strings.Contains(after, "Version one") {
		t.Errorf("the failed build changed the previous output:\n%s", after)
	}
	if _, err := os.Stat(filepath.Join(out, "en-us/a/other.html")); err == nil {
		t.Error("the failed build wrote a new page into the output")
	}
	entries, _ := os.ReadDir(site)
	for _, e := range entries {
		if strings.Contains(e.Name(), "building") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

// TestReindexOnceWhenTitlesKnown: a streamed build indexes its pages a
// second time, after parsing them, only when parsing changed what the
// index reads: a page without a title in its front matter gets its
// heading's, which titleGuess could not tell from the source. Either way
// the output is that of a build that always indexes twice.
func TestReindexOnceWhenTitlesKnown(t *testing.T) {
	defer func() { testHookStage = nil }()
	for _, tc := range []struct {
		name  string
		third string
		want  int
	}{
		{"all titled", "---\ntitle: Third\n---\n# Third\n", 1},
		{"a title from a plain heading", "# Third from its heading\n", 1},
		{"a title from a heading with markup", "# Third `from` its heading\n", 2},
	} {
		site := t.TempDir()
		writeSite(t, site, map[string]string{
			"docloom.yaml":           "title: R\nlocales:\n  - code: en-us\n",
			"content/en-us/TOC.yml":  "- name: First\n  href: first.md\n- href: third.md\n",
			"content/en-us/first.md": "---\ntitle: First\n---\n# First\n\n[third](third.md)\n",
			"content/en-us/third.md": tc.third,
		})
		n := 0
		testHookStage = func(stage string) {
			if stage == "indexed" {
				n++
			}
		}
		mustBuild(t, Options{Site: site, Out: filepath.Join(t.TempDir(), "public")})
		testHookStage = nil
		if n != tc.want {
			t.Errorf("%s: indexed %d times, want %d", tc.name, n, tc.want)
		}
	}
}
