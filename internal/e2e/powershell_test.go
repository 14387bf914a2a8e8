package e2e

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The PowerShell-Docs repository, built from its root as its team keeps
// it: a docset in reference/ whose docfx.json publishes docs-conceptual
// under scripting/ and each version folder (5.1, 7.4, ...) under module/
// as the moniker powershell-<version>, with PlatyPS cmdlet pages, a Hub
// home page and redirection files named by the publish config.

// TestPowerShellPagesPerMoniker counts, straight from the file tree and
// independently of docloom's discovery, the pages each version should
// have: every conceptual page (Markdown and YamlMime outside includes/),
// the two root pages, and the version folder's PlatyPS and about_ pages;
// then compares with the HTML written in that moniker's folder.
func TestPowerShellPagesPerMoniker(t *testing.T) {
	cb := psBuild(t)
	ref := filepath.Join(corporaDir(), psCorpus, "reference")
	conceptual := 0
	walkFiles(t, filepath.Join(ref, "docs-conceptual"), func(rel string, head []byte) {
		switch {
		case strings.Contains("/"+rel, "/includes/"):
		case strings.HasSuffix(rel, ".md"):
			conceptual++
		case strings.HasSuffix(rel, ".yml") && bytes.HasPrefix(head, []byte("### YamlMime:")):
			conceptual++
		}
	})
	if conceptual < 500 {
		t.Fatalf("found only %d conceptual pages: is the corpus complete?", conceptual)
	}
	// PlatyPS 0.x, PlatyPS 1.x, and module pages that carry neither.
	platy := regexp.MustCompile(`(?mi)^(schema: 2\.0\.0|document type: (cmdlet|module)|module guid: )`)
	for _, v := range []string{"5.1", "7.4", "7.5", "7.6", "7.7"} {
		reference := 0
		walkFiles(t, filepath.Join(ref, v), func(rel string, head []byte) {
			if !strings.HasSuffix(rel, ".md") {
				return
			}
			if strings.EqualFold(filepath.Base(filepath.Dir(rel)), "about") || platy.Match(head) {
				reference++
			}
		})
		want := conceptual + 2 + reference // + index.yml, module/index.md
		dir := filepath.Join(cb.Out, "en-us", "powershell-"+v)
		got := 0
		walkFiles(t, dir, func(rel string, _ []byte) {
			// index.html: the moniker folder's redirect; search.html: the
			// site search's results page.
			if strings.HasSuffix(rel, ".html") && rel != "index.html" && rel != "search.html" {
				got++
			}
		})
		if got != want {
			t.Errorf("powershell-%s: %d pages written, want %d (%d conceptual + 2 root + %d reference)", v, got, want, conceptual, reference)
		}
		t.Logf("powershell-%s: %d pages (%d reference)", v, got, reference)
	}
}

// TestPowerShellURLsFollowDest: pages are where Learn publishes them.
func TestPowerShellURLsFollowDest(t *testing.T) {
	cb := psBuild(t)
	for _, rel := range []string{
		"en-us/powershell-7.4/powershell/scripting/overview.html",
		"en-us/powershell-7.4/powershell/module/microsoft.powershell.core/about/about_ansi_terminals.html",
		"en-us/powershell-7.4/powershell/module/microsoft.powershell.core/get-module.html",
		"en-us/powershell-7.4/powershell/module/microsoft.powershell.core/index.html", // the module page
		"en-us/powershell-5.1/powershell/module/microsoft.powershell.localaccounts/get-localuser.html",
		"en-us/powershell-7.4/powershell/index.html", // the Hub home page
	} {
		if _, err := os.Stat(filepath.Join(cb.Out, rel)); err != nil {
			t.Errorf("%s not written", rel)
		}
	}
	for _, rel := range []string{
		"en-us/powershell-7.4/powershell/module/microsoft.powershell.localaccounts/get-localuser.html", // 5.1 only
		"en-us/powershell-7.4/readme.html", "en-us/powershell-7.4/license.html", // outside the docset
		"en-us/powershell-7.4/reference",
	} {
		if _, err := os.Stat(filepath.Join(cb.Out, rel)); err == nil {
			t.Errorf("%s written, but it is not a page of that moniker", rel)
		}
	}
	redirects := read(t, filepath.Join(cb.Out, "_redirects"))
	if !strings.Contains(redirects, "/en-us/ /en-us/powershell-5.1/powershell/ 302!") {
		t.Errorf("the locale root does not redirect to the docset's home:\n%.400s", redirects)
	}
}

// TestPowerShellXrefsStayInVersion: a conceptual page's xref: link to a
// cmdlet opens that cmdlet in the reader's version.
func TestPowerShellXrefsStayInVersion(t *testing.T) {
	cb := psBuild(t)
	for _, v := range []string{"7.4", "7.6"} {
		page := read(t, filepath.Join(cb.Out, "en-us", "powershell-"+v, "powershell/scripting/learn/ps101/02-help-system.html"))
		if !strings.Contains(page, `href="../../../module/microsoft.powershell.core/get-help"`) {
			i := strings.Index(page, "Get-Help")
			t.Errorf("powershell-%s: the xref to Get-Help does not open the %s cmdlet page: %.300s", v, v, page[max(0, i-200):])
		}
	}
	cmdlet := read(t, filepath.Join(cb.Out, "en-us/powershell-7.4/powershell/module/microsoft.powershell.core/get-module.html"))
	for _, want := range []string{`<h2 id="syntax">Syntax`, `<h2 id="parameters">Parameters`, `<table class="definition">`,
		`Module: <a href="./">Microsoft.PowerShell.Core</a>`, `>Microsoft.PowerShell.Utility</a>`} {
		if !strings.Contains(cmdlet, want) {
			t.Errorf("Get-Module (7.4) lacks %q", want)
		}
	}
	if strings.Contains(cmdlet, "SYNOPSIS") {
		t.Error("Get-Module shows the PlatyPS SYNOPSIS heading")
	}
}

func walkFiles(t *testing.T, root string, fn func(rel string, head []byte)) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		var head []byte
		if strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yml") {
			f, err := os.Open(p)
			if err == nil {
				buf := make([]byte, 1024)
				n, _ := f.Read(buf)
				head = buf[:n]
				f.Close()
			}
		}
		fn(filepath.ToSlash(rel), head)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPowerShellVersionPicker: the docset names its monikers only by their
// ids (powershell-7.4); the picker calls them versions, not clouds, and
// shows names a reader knows.
func TestPowerShellVersionPicker(t *testing.T) {
	cb := psBuild(t)
	page, err := os.ReadFile(filepath.Join(cb.Out, "en-us", "powershell-7.4", "powershell", "module", "microsoft.powershell.management", "get-childitem.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The 5.1 and 7.6 pages are other files (reference/5.1/..., 7.6/...)
	// published at the same URL: the picker leads to them.
	for _, want := range []string{"<summary>Version: PowerShell 7.4</summary>", `aria-label="Language and version"`,
		`<a href="/en-us/powershell-5.1/powershell/module/microsoft.powershell.management/get-childitem" data-moniker="powershell-5.1">PowerShell 5.1</a>`,
		`<a href="/en-us/powershell-7.6/powershell/module/microsoft.powershell.management/get-childitem" data-moniker="powershell-7.6">PowerShell 7.6</a>`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("Get-ChildItem (7.4) lacks %s", want)
		}
	}
	if bytes.Contains(page, []byte("Cloud:")) || bytes.Contains(page, []byte(">powershell-7.")) {
		t.Error("the picker still shows clouds or moniker ids")
	}
	// Get-Error is new in PowerShell 7: 5.1 has no such page.
	page, err = os.ReadFile(filepath.Join(cb.Out, "en-us", "powershell-7.4", "powershell", "module", "microsoft.powershell.utility", "get-error.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`<span class="unavailable">PowerShell 5.1 (`)) {
		t.Error("Get-Error (7.4) offers a 5.1 version")
	}
}
