package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestIncludeRenderedManyTimesStaysTheSame renders one include holding an
// aligned table in many pages: every page shows the same table, aligned by
// class (the CSP blocks style attributes), and the include's tree is not
// changed by rendering it.
func TestIncludeRenderedManyTimesStaysTheSame(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"docloom.yaml":                    "title: T\nbaseURL: https://docs.example.com/\nlocales:\n  - code: en-us\n",
		"content/en-us/includes/table.md": "| Plan | Price |\n|:--|--:|\n| Basic | 4 |\n| Pro | 12 |\n",
	}
	for i := 0; i < 12; i++ {
		files["content/en-us/page"+string(rune('a'+i))+".md"] = "---\ntitle: P\n---\n# P\n\n[!INCLUDE [t](includes/table.md)]\n"
	}
	writeSite(t, site, files)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: site, Out: out, Workers: 1})
	tableRE := regexp.MustCompile(`(?s)<table>.*?</table>`)
	var first []byte
	for i := 0; i < 12; i++ {
		data, err := os.ReadFile(filepath.Join(out, "en-us/default/page"+string(rune('a'+i))+".html"))
		if err != nil {
			t.Fatal(err)
		}
		table := tableRE.Find(data)
		if table == nil {
			t.Fatalf("page %d has no table", i)
		}
		if bytes.Contains(table, []byte("style=")) || !bytes.Contains(table, []byte(`<td class="align-right">12</td>`)) {
			t.Fatalf("page %d table not aligned by class:\n%s", i, table)
		}
		if first == nil {
			first = table
		} else if !bytes.Equal(first, table) {
			t.Errorf("page %d renders the include differently:\n%s\nfirst:\n%s", i, table, first)
		}
	}
}

// TestPageChrome: names derived for a bare docset's locale and monikers,
// image sizes, absolute canonical URLs, the edit and feedback links, and
// the warning when no base URL is known.
func TestPageChrome(t *testing.T) {
	site := t.TempDir()
	var png1 bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 37, 21))
	img.Set(1, 1, color.Black)
	png.Encode(&png1, img)
	writeSite(t, site, map[string]string{
		".openpublishing.publish.config.json": `{"docsets_to_publish":[{"docset_name":"contoso-docs","build_source_folder":"docs","locale":"nl-NL","moniker_ranges":["=powershell-7.4 || =powershell-5.1"]}],
"git_repository_url_open_to_public_contributors":"https://github.com/contoso/docs","git_repository_branch_open_to_public_contributors":"live"}`,
		"docs/docfx.json": `{"build":{"content":[{"files":["**/*.md"]}],"resource":[{"files":["**/*.png"]}],
"globalMetadata":{"titleSuffix":"Contoso","feedback_system":"OpenSource","feedback_product_url":"https://feedback.example.com/",
"open_source_feedback_issueUrl":"https://github.com/contoso/docs/issues/new"}}}`,
		"docs/a.md":          "---\ntitle: A\nms.date: 3/4/2024\n---\n# A\n\n![Een punt](media/dot.png)\n",
		"docs/media/dot.png": png1.String(),
	})
	out := filepath.Join(t.TempDir(), "public")
	res := mustBuild(t, Options{Site: site, Out: out})
	warned := false
	for _, d := range res.Diags {
		warned = warned || d.Code == "base-url-missing"
	}
	if !warned {
		t.Error("no base-url-missing warning without a base URL")
	}
	page := string(mustRead(t, filepath.Join(out, "nl-nl/powershell-7.4/docs/a.html")))
	for _, want := range []string{
		"<title>A - Contoso</title>",
		"Taal: Nederlands (Nederland)",
		"PowerShell 7.4", "PowerShell 5.1",
		`width="37" height="21"`,
		`href="https://github.com/contoso/docs/blob/live/docs/a.md"`,
		`href="https://feedback.example.com/"`,
		`href="https://github.com/contoso/docs/issues/new"`,
		`datetime="2024-03-04"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	out2 := filepath.Join(t.TempDir(), "public")
	res = mustBuild(t, Options{Site: site, Out: out2, BaseURL: "https://docs.contoso.com/nl/"})
	for _, d := range res.Diags {
		if d.Code == "base-url-missing" {
			t.Error("base-url-missing with --base-url")
		}
	}
	page = string(mustRead(t, filepath.Join(out2, "nl-nl/powershell-7.4/docs/a.html")))
	for _, want := range []string{
		`<link rel="canonical" href="https://docs.contoso.com/nl/nl-nl/powershell-7.4/docs/a">`,
		`<meta property="og:url" content="https://docs.contoso.com/nl/nl-nl/powershell-7.4/docs/a">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if sm := string(mustRead(t, filepath.Join(out2, "nl-nl/sitemap.xml"))); !strings.Contains(sm, "<loc>https://docs.contoso.com/nl/nl-nl/") {
		t.Errorf("sitemap URLs are not absolute:\n%.400s", sm)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
