package build

import (
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
)

// @uid and <xref:uid> written in a page resolve through the site's uids to
// the target page's URL with its title, in the page's cloud; an unresolved
// autolink is text with xref-not-found, an unresolved @name is text with
// no diagnostic. An include cycle is a warning: the page is still built.
func TestXrefShorthandAndIncludeCycle(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":                  "title: X\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n",
		"content/en-us/admin/center.md": "---\ntitle: Admin center\nuid: Contoso.Admin\n---\n# Admin center\n",
		"content/en-us/guide.md": "# Guide\n\nSee @Contoso.Admin, <xref:Contoso.Admin#setup> and <xref:Nope.Missing>; splat @params.\n\n" +
			"[!INCLUDE [loop](includes/loop.md)]\n",
		"content/en-us/includes/loop.md": "Loop.\n\n[!INCLUDE [again](loop.md)]\n",
	})
	s, res := Open(Options{Site: site})
	var codes []string
	for _, d := range res.Diags {
		codes = append(codes, d.Code)
		if d.Code == "circular-reference" && d.Severity != diag.Warning {
			t.Errorf("an include cycle is not a warning: %s", d)
		}
	}
	all := strings.Join(codes, " ")
	if strings.Count(all, "xref-not-found") != 1 || !strings.Contains(all, "circular-reference") {
		t.Errorf("want one xref-not-found (the autolink) and a circular-reference; got %v", codes)
	}
	if res.Failed(false) {
		t.Fatalf("the build failed: %v", res.Diags)
	}
	data, ok := s.Lookup("en-us/b/guide.html")
	if !ok {
		t.Fatal("no guide page in cloud b")
	}
	page := string(data)
	for _, want := range []string{
		`<a href="admin/center">Admin center</a>,`,
		`<a href="admin/center#setup">Admin center</a>`,
		`&lt;xref:Nope.Missing&gt;`,
		`splat @params.`,
		`[!INCLUDE [again](loop.md)]`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

// In a docset whose publish config queries Learn's .NET API reference,
// <xref:System.String> and @System.String.Format* link there, shown by the
// API's name (the full uid with displayProperty=fullName).
func TestXrefAutolinkToLearnAPI(t *testing.T) {
	root := t.TempDir()
	writeSite(t, root, map[string]string{
		".openpublishing.publish.config.json": `{"docsets_to_publish":[{"docset_name":"d","build_source_folder":"docs","locale":"en-us","xref_query_tags":["/dotnet"]}]}`,
		"docs/docfx.json":                     `{"build":{"content":[{"files":["**/*.md"]}]}}`,
		"docs/page.md":                        "---\ntitle: P\n---\n# P\n\nA <xref:System.String>, <xref:System.String?displayProperty=fullName>, @System.String.Format* and <xref:Nope.Thing>.\n",
	})
	s, res := Open(Options{Site: root})
	n := 0
	for _, d := range res.Diags {
		if d.Code == "xref-not-found" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want xref-not-found for Nope.Thing only; got %v", res.Diags)
	}
	data, ok := s.Lookup("en-us/default/docs/page.html")
	if !ok {
		t.Fatal("no page")
	}
	for _, want := range []string{
		`<a href="https://learn.microsoft.com/en-us/dotnet/api/system.string">String</a>,`,
		`<a href="https://learn.microsoft.com/en-us/dotnet/api/system.string">System.String</a>,`,
		`<a href="https://learn.microsoft.com/en-us/dotnet/api/system.string.format">Format</a>`,
		`&lt;xref:Nope.Thing&gt;`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}
