package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
)

// hostile is a docset written to break things: every file is something a
// real repository has shipped by mistake at some point.
var hostile = map[string]string{
	"docloom.yaml":                "title: Hostile\nlocales:\n  - code: en-us\n  - code: nl-nl\nmonikers:\n  - name: one\n  - name: two\n",
	"content/en-us/binary.md":     "\x00\x01\x02\xff\xfe# not text\x00",
	"content/en-us/badutf8.md":    "# caf\xe9\n\n\xc3\x28 text\n",
	"content/en-us/fm.md":         "---\ntitle: [unclosed\n---\n# Body\n",
	"content/en-us/fm2.md":        "---\ntitle: a\n",
	"content/en-us/crlf.md":       "---   \r\ntitle: CRLF\r\nms.date: ''\r\n---\r\n# <a name=\"x\"></a>Kop\r\n\r\n[self](#x) [gone](#nope)\r\n",
	"content/en-us/deep.md":       strings.Repeat("> ", 2000) + "deep\n" + strings.Repeat("- ", 500) + "list\n",
	"content/en-us/long.md":       "# Long\n\n" + strings.Repeat("word ", 200000) + "\n",
	"content/en-us/escape.md":     "[!INCLUDE [x](../../../../etc/passwd.md)]\n\n[!INCLUDE [y](/etc/hosts.md)]\n\n[!INCLUDE [z](includes/a.md)]\n",
	"content/en-us/includes/a.md": "[!INCLUDE [b](b.md)]\n",
	"content/en-us/includes/b.md": "::: moniker range=\"two\"\n[!INCLUDE [a](a.md)]\n",
	"content/en-us/zones.md":      "::: moniker range=\">>one\"\n::: moniker range=\"one\"\n:::: moniker-end\n::: moniker-end\n::: moniker-end\n",
	"content/en-us/links.md":      "[a](C:\\docs\\a.md) [b](..\\x.md) [c](xref:nope) [d](/etc/passwd) [e](%zz.md) [f](<>) ![g](missing.png)\n",
	"content/en-us/scope.md":      "---\nmonikerRange: three\n---\n# out of scope\n",
	"content/en-us/empty.md":      "",
	"content/en-us/TOC.yml":       "- name: [unclosed\n",
	"content/en-us/index.yml":     "### YamlMime:Landing\ntitle: [\n",
	"content/en-us/dup.md":        "# dup\n",
	"content/en-us/DUP.md":        "# DUP\n",
	"content/nl-nl/fm.md":         "---\n- a list\n---\n",
}

func TestHostileDocsetNeverPanics(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, hostile)
	// A symlink that leads out of the docset must not be followed.
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("# secret\n"), 0o644)
	os.Symlink(outside, filepath.Join(site, "content/en-us/link.md"))

	res := Run(Options{Site: site, Out: filepath.Join(site, "public")})
	codes := map[string]bool{}
	for _, d := range res.Diags {
		codes[d.Code] = true
		if d.Code == "internal-error" {
			t.Errorf("panic turned into a diagnostic: %s", d)
		}
		if d.Pos.File == "" && d.Severity == diag.Error {
			t.Errorf("error without a file: %s", d)
		}
		if d.Pos.Line == 0 && d.Severity == diag.Error && d.Code != "file-unreadable" {
			t.Errorf("error without a line: %s", d)
		}
	}
	for _, want := range []string{"include-outside-docset", "circular-reference", "moniker-range-invalid",
		"yaml-header-syntax-error", "yaml-header-unclosed", "local-file-path", "xref-not-found", "publish-url-conflict",
		"bookmark-not-found", "yaml-header-not-object", "page-too-deep"} {
		if !codes[want] {
			t.Errorf("no %s diagnostic; got %v", want, codes)
		}
	}
	if !res.Failed(false) {
		t.Error("the hostile docset must fail the build")
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Error("a failed build wrote an output folder")
	}
	for _, f := range res.Files {
		if strings.Contains(f, "/link/") {
			t.Errorf("the symlinked page was built: %s", f)
		}
	}
}

// FuzzBuildPage builds a one-page site from arbitrary Markdown: whatever
// the input, the result is diagnostics, never a panic or a hang.
func FuzzBuildPage(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		site := t.TempDir()
		os.MkdirAll(filepath.Join(site, "content/en-us/includes"), 0o755)
		os.WriteFile(filepath.Join(site, "docloom.yaml"), []byte("locales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n"), 0o644)
		os.WriteFile(filepath.Join(site, "content/en-us/p.md"), []byte(page), 0o644)
		os.WriteFile(filepath.Join(site, "content/en-us/includes/i.md"), []byte(page), 0o644)
		res := Run(Options{Site: site, NoWrite: true, Workers: 1})
		for _, d := range res.Diags {
			if d.Code == "internal-error" {
				t.Fatalf("%s", d)
			}
		}
	})
}
