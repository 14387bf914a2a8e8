package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A code file edit in docloom serve re-renders the pages that show it
// (and only those); a missing code file that appears later is picked up.
func TestSessionCodeFiles(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":                   "title: S\nlocales:\n  - code: en-us\n",
		"content/en-us/one.md":           "# One\n\n:::code language=\"powershell\" source=\"snippets/get.ps1\" range=\"2\":::\n",
		"content/en-us/two.md":           "# Two\n\n[!code-csharp[](snippets/later.cs#L1)]\n",
		"content/en-us/three.md":         "# Three\n",
		"content/en-us/snippets/get.ps1": "# v1\nGet-Date -Format o\n",
	})
	s, res := Open(Options{Site: site})
	var warned bool
	for _, d := range res.Diags {
		warned = warned || (d.Code == "invalid-code" && strings.HasSuffix(d.Pos.File, "two.md") && d.Pos.Line == 3)
	}
	if !warned {
		t.Fatalf("no invalid-code warning at two.md:3 for the missing file: %v", res.Diags)
	}
	page := func(rel string) string {
		data, _ := s.Lookup(rel)
		return string(data)
	}
	if !strings.Contains(page("en-us/default/one.html"), "-Format o") {
		t.Fatalf("one.html lacks the snippet line:\n%s", page("en-us/default/one.html"))
	}
	write := func(rel, data string) *Changes {
		p := filepath.Join(site, rel)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, ch := s.Update([]string{p})
		return ch
	}
	ch := write("content/en-us/snippets/get.ps1", "# v2\nGet-Date -Format yyyy\n")
	if !slices.Contains(ch.Pages, "en-us/default/one.html") || slices.Contains(ch.Pages, "en-us/default/three.html") {
		t.Errorf("snippet edit changed %v", ch.Pages)
	}
	if !strings.Contains(page("en-us/default/one.html"), "-Format yyyy") {
		t.Error("the edited snippet is not served")
	}
	ch = write("content/en-us/snippets/later.cs", "class Later {}\n")
	if !slices.Contains(ch.Pages, "en-us/default/two.html") {
		t.Errorf("creating the missing code file changed %v", ch.Pages)
	}
	if !strings.Contains(page("en-us/default/two.html"), "Later") {
		t.Errorf("two.html lacks the new code file:\n%s", page("en-us/default/two.html"))
	}
}

// Code in a dependent repository of the publish config (~/../<path_to_root>/...)
// is read from its clone when it is there; when it is not, the block is a
// link to the file in that repository and an info diagnostic says so,
// which fails neither the build nor --strict. A path that leaves the
// repository is an error.
func TestCodeInDependentRepository(t *testing.T) {
	repo := t.TempDir()
	writeSite(t, repo, map[string]string{
		".openpublishing.publish.config.json": `{"docsets_to_publish": [{"docset_name": "d", "build_source_folder": "docs", "locale": "en-us"}],
  "dependent_repositories": [
    {"path_to_root": "samples-here", "url": "https://github.com/contoso/samples-here", "branch": "main"},
    {"path_to_root": "samples-missing", "url": "https://github.com/contoso/samples-missing", "branch": "live"}]}`,
		"docs/docfx.json":       `{"build": {"content": [{"files": ["**/*.md"]}]}}`,
		"docs/a.md":             "# A\n\n:::code language=\"csharp\" source=\"~/../samples-here/Hello.cs\" range=\"2\":::\n\n:::code language=\"csharp\" source=\"~/../samples-missing/cs/Sample.cs\" range=\"1-3\":::\n",
		"docs/b.md":             "# B\n\n:::code language=\"csharp\" source=\"../../outside.cs\":::\n",
		"samples-here/Hello.cs": "// hello\nclass Hello {}\n",
	})
	res := Run(Options{Site: filepath.Join(repo, "docs"), Out: filepath.Join(t.TempDir(), "out"), Strict: true})
	var info, outside int
	for _, d := range res.Diags {
		switch {
		case d.Code == "code-in-missing-repository" && d.Severity.String() == "info" && strings.HasSuffix(d.Pos.File, "a.md") && d.Pos.Line == 5:
			info++
		case d.Code == "invalid-code" && strings.HasSuffix(d.Pos.File, "b.md") && d.Pos.Line == 3 && d.Severity.String() == "error":
			outside++
		case d.Code == "base-url-missing":
		default:
			t.Errorf("unexpected diagnostic %v", d)
		}
	}
	if info != 1 || outside != 1 {
		t.Errorf("%d code-in-missing-repository infos, %d outside-repository errors; want 1 and 1: %v", info, outside, res.Diags)
	}
	if res.Errors != 1 || res.Warnings != 0 {
		t.Errorf("errors %d, warnings %d; only the path out of the repository is an error", res.Errors, res.Warnings)
	}
	// Without the bad page it builds, under --strict too.
	os.Remove(filepath.Join(repo, "docs/b.md"))
	out := filepath.Join(t.TempDir(), "out")
	if res := Run(Options{Site: filepath.Join(repo, "docs"), Out: out, Strict: true}); res.Failed(true) {
		t.Fatalf("build failed: %v", res.Diags)
	}
	html, err := os.ReadFile(filepath.Join(out, "en-us/default/a.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<span class="hl-k">class</span> <span class="hl-t">Hello</span> {}`, `href="https://github.com/contoso/samples-missing/blob/live/cs/Sample.cs#L1-L3"`} {
		if !strings.Contains(string(html), want) {
			t.Errorf("a.html lacks %s:\n%s", want, html)
		}
	}
}
