package docgen_test

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/docgen"
)

func write(t *testing.T, opts docgen.Options) (string, docgen.Stats) {
	t.Helper()
	dir := t.TempDir()
	st, err := docgen.Write(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSameSeedSameBytes(t *testing.T) {
	a, _ := write(t, docgen.Options{Pages: 120, Seed: 7})
	b, _ := write(t, docgen.Options{Pages: 120, Seed: 7})
	c, _ := write(t, docgen.Options{Pages: 120, Seed: 8})
	fa, fb, fc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	if bytes.Equal(fa["content/en-us/index.md"], fc["content/en-us/index.md"]) {
		t.Error("another seed wrote the same home page")
	}
}

var linkRE = regexp.MustCompile(`\]\(([^)\s]+)\)`)
var anchorRE = regexp.MustCompile(`<a name="([^"]+)"></a>`)

// TestShape checks what the benchmarks rely on: page sizes, the share of
// pages with moniker blocks, includes and images in use, and that every
// relative link and bookmark resolves.
func TestShape(t *testing.T) {
	dir, st := write(t, docgen.Options{Pages: 600, Locales: 3, Seed: 1})
	files := readTree(t, dir)
	if st.Pages != 600 || st.Locales != 3 {
		t.Fatalf("stats say %d pages x %d locales", st.Pages, st.Locales)
	}
	if share := float64(st.ZonePages) / 600; share < 0.03 || share > 0.10 {
		t.Errorf("%.1f%% of pages have moniker blocks, want about 6%%", share*100)
	}
	if st.IncludeUses < 100 || st.Links < 600*3 {
		t.Errorf("%d include uses and %d links in 600 pages: too few", st.IncludeUses, st.Links)
	}
	pages := 0
	for _, loc := range []string{"en-us", "nl-nl", "de-de"} {
		prefix := "content/" + loc + "/"
		for name, data := range files {
			rel, ok := strings.CutPrefix(name, prefix)
			if !ok || !strings.HasSuffix(rel, ".md") {
				continue
			}
			if !strings.HasPrefix(rel, "includes/") {
				pages++
				if loc == "en-us" && (len(data) < 1800 || len(data) > 36000) {
					t.Errorf("%s is %d bytes, want 2 to 30 KB", name, len(data))
				}
			}
			for _, m := range linkRE.FindAllSubmatch(data, -1) {
				checkLink(t, files, prefix, rel, string(m[1]))
			}
		}
	}
	if pages != 1800 {
		t.Errorf("%d pages written, want 1800", pages)
	}
	for _, want := range []string{"docloom.yaml", "content/en-us/TOC.yml", "content/de-de/area-12/TOC.yml", "content/nl-nl/media/screen-001.png"} {
		if _, ok := files[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
}

func checkLink(t *testing.T, files map[string][]byte, prefix, from, dest string) {
	t.Helper()
	if strings.Contains(dest, "://") {
		return
	}
	p, frag, _ := strings.Cut(dest, "#")
	target := from
	if p != "" {
		target = path.Join(path.Dir(from), p)
	}
	data, ok := files[prefix+target]
	if !ok {
		t.Errorf("%s%s links to %s, which does not exist", prefix, from, dest)
		return
	}
	if frag == "" {
		return
	}
	if strings.HasPrefix(target, "includes/") {
		return // a bookmark in an include names a heading of the page that includes it
	}
	for _, m := range anchorRE.FindAllSubmatch(data, -1) {
		if string(m[1]) == frag {
			return
		}
	}
	t.Errorf("%s%s links to %s, which has no anchor %q", prefix, from, dest, frag)
}

func TestPlainMarkdownHasNoDialect(t *testing.T) {
	dir, st := write(t, docgen.Options{Pages: 200, Locales: 3, Seed: 1, PlainMarkdown: true})
	if st.Locales != 1 {
		t.Errorf("plain Markdown wrote %d locales, want 1", st.Locales)
	}
	files := readTree(t, dir)
	if _, ok := files["docloom.yaml"]; ok {
		t.Error("plain Markdown wrote docloom.yaml")
	}
	if _, ok := files["content/_index.md"]; !ok {
		t.Error("no content/_index.md home page")
	}
	if _, ok := files["static/media/screen-001.png"]; !ok {
		t.Error("no images under static/media")
	}
	for name, data := range files {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		if strings.HasSuffix(name, "/index.md") {
			t.Errorf("%s: index.md would hide its folder's pages from Hugo", name)
		}
		for _, bad := range []string{"[!INCLUDE", "::: moniker", "> [!NOTE]", "ms.date:"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s holds dialect syntax %q", name, bad)
			}
		}
		if !bytes.HasPrefix(data, []byte("---\ntitle: ")) {
			t.Errorf("%s does not start with a title in front matter", name)
		}
	}
}

// TestBuildsClean builds a generated docset with docloom: every page in
// every locale and cloud, and not one diagnostic (the links are valid).
func TestBuildsClean(t *testing.T) {
	dir, st := write(t, docgen.Options{Pages: 150, Locales: 2, Seed: 3})
	res := build.Run(build.Options{Site: dir, NoWrite: true})
	for _, d := range res.Diags {
		t.Errorf("%s", d)
	}
	if res.Pages != 300 {
		t.Errorf("built %d pages, want 300", res.Pages)
	}
	want := 2 * (150*3 - st.RangePages*2)
	if res.Outputs != want {
		t.Errorf("wrote %d documents, want %d (3 clouds, less the pages limited to one)", res.Outputs, want)
	}
}

func TestRejectsBadOptions(t *testing.T) {
	for _, o := range []docgen.Options{{Pages: 0}, {Pages: 10, Locales: 9}} {
		if _, err := docgen.Write(t.TempDir(), o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}
