package build

import (
	"bytes"
	shared "github.com/docloom/docloom/internal/fixtures"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/docgen"
	"github.com/docloom/docloom/internal/output"
)

// bookmarkSite has links into other pages' bookmarks that a streamed build
// can only check after parsing everything: a missing heading, a heading
// that exists in one cloud only (directly and through an include), and a
// link to a page that is shown in place of a missing translation.
func bookmarkSite(t *testing.T) string {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml": "title: B\nlocales:\n  - code: en-us\n  - code: nl-nl\nmonikers:\n  - name: a\n  - name: b\n",
		"content/en-us/first.md": "# First\n\n[ok](second.md#kept) [gone](second.md#missing) [zoned](second.md#only-a)\n" +
			"[inc](third.md#from-include) [self](first.md#first)\n",
		"content/en-us/second.md":         "# Second\n\n## Kept\n\n::: moniker range=\"a\"\n\n## Only A\n\n::: moniker-end\n",
		"content/en-us/third.md":          "# Third\n\n[!INCLUDE [x](includes/zoned.md)]\n",
		"content/en-us/includes/zoned.md": "::: moniker range=\"b\"\n\n## From include\n\n::: moniker-end\n",
		"content/en-us/only-english.md":   "# Only English\n\n## Part\n",
		"content/nl-nl/first.md":          "# Eerste\n\n[en](only-english.md#part) [weg](only-english.md#nope) [twee](second.md#kept)\n",
		"content/nl-nl/second.md":         "# Tweede\n\n## Kept\n",
		"content/nl-nl/third.md":          "# Derde\n",
		"content/en-us/TOC.yml":           "- name: First\n  href: first.md\n- name: Second\n  href: second.md\n",
	})
	return site
}

// TestStreamedBuildChangesNothing builds each site twice, once rendering
// bodies while parsing (streamBodies) and once after every page is
// parsed: the files and the diagnostics must be the same.
func TestStreamedBuildChangesNothing(t *testing.T) {
	gen := t.TempDir()
	if _, err := docgen.Write(gen, docgen.Options{Pages: 300, Locales: 2}); err != nil {
		t.Fatal(err)
	}
	sites := []string{"../..", gen, bookmarkSite(t)}
	if fx, ok := shared.Find("nl-nl"); ok {
		sites = append(sites, fx)
	} else {
		t.Logf("without the shared fixtures (%s missing): the example and generated sites only", fx)
	}
	for _, site := range sites {
		a := filepath.Join(t.TempDir(), "streamed")
		ra := Run(Options{Site: site, Out: a})
		streamBodies = false
		b := filepath.Join(t.TempDir(), "whole")
		rb := Run(Options{Site: site, Out: b})
		streamBodies = true
		if ra.Failed(false) || rb.Failed(false) {
			t.Fatalf("%s: build failed: %s / %s\n%v", site, ra.Summary(), rb.Summary(), ra.Diags)
		}
		var da, db []string
		for _, d := range ra.Diags {
			da = append(da, d.String())
		}
		for _, d := range rb.Diags {
			db = append(db, d.String())
		}
		if !slices.Equal(da, db) {
			t.Errorf("%s: diagnostics differ\nstreamed:\n%s\nwhole:\n%s", site, strings.Join(da, "\n"), strings.Join(db, "\n"))
		}
		files := 0
		filepath.Walk(a, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || output.Own(info.Name()) {
				return nil // docloom's own files: the manifest records file times
			}
			rel, _ := filepath.Rel(a, p)
			x, _ := os.ReadFile(p)
			y, err := os.ReadFile(filepath.Join(b, rel))
			if err != nil || !bytes.Equal(x, y) {
				t.Errorf("%s: %s differs between a streamed and a whole build", site, rel)
			}
			files++
			return nil
		})
		other := 0
		filepath.Walk(b, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && !output.Own(info.Name()) {
				other++
			}
			return nil
		})
		if files != other || files < 10 {
			t.Errorf("%s: %d files streamed, %d whole", site, files, other)
		}
		if site == sites[2] {
			all := strings.Join(da, "\n")
			for _, want := range []string{"#missing is not a heading or anchor of content/en-us/second.md in a",
				"#only-a is not a heading or anchor of content/en-us/second.md in b",
				"#from-include is not a heading or anchor of content/en-us/third.md in a",
				"#nope is not a heading or anchor of content/en-us/only-english.md in a"} {
				if !strings.Contains(all, want) {
					t.Errorf("streamed build lacks %q:\n%s", want, all)
				}
			}
			for _, wrong := range []string{"#only-a is not a heading or anchor of content/en-us/second.md in a",
				"#from-include is not a heading or anchor of content/en-us/third.md in b"} {
				if strings.Contains(all, wrong) {
					t.Errorf("a heading is reported missing in the cloud that has it: %s\n%s", wrong, all)
				}
			}
		}
	}
}
