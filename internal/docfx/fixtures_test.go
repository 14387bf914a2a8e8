package docfx

import (
	"github.com/docloom/docloom/internal/fixtures"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The real files of the shared fixture docsets (read-only, upstream copies).

func readFixture(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(fixtures.Dir(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestFixturePublishConfig(t *testing.T) {
	pc, ds := LoadPublishConfig(".openpublishing.publish.config.json", readFixture(t, "nl-nl/.openpublishing.publish.config.json"))
	if len(ds) != 0 {
		t.Errorf("diagnostics: %s", render(ds))
	}
	want := []PublishDocset{{Name: "Microsoft-365-docs", BuildSourceFolder: "microsoft-365", Locale: "nl-NL", BuildOutputSubfolder: "Microsoft-365-docs",
		MonikerRanges: []string{"=o365-worldwide || =o365-21vianet || =o365-germany"}}}
	if pc == nil || !reflect.DeepEqual(pc.Docsets, want) {
		t.Errorf("docsets = %#v, want %#v", pc, want)
	}
}

func TestFixtureRedirections(t *testing.T) {
	rs, ds := LoadRedirections(".openpublishing.redirection.json", readFixture(t, "nl-nl/.openpublishing.redirection.json"))
	want := ".openpublishing.redirection.json:1293:1: warning json-nbsp-whitespace: U+00A0 (no-break space) used as whitespace outside a string; read as a space (969 times in this file; first here)"
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if len(rs) != 548 {
		t.Fatalf("%d redirections, want 548", len(rs))
	}
	first := Redirection{SourcePath: "microsoft-365/admin/dns/create-dns-records-at-bluehost.md",
		RedirectURL: "https://docs.microsoft.com/microsoft-365/admin/get-help-with-domains/create-dns-records-at-any-dns-hosting-provider",
		Pos:         rs[0].Pos}
	if !reflect.DeepEqual(rs[0], first) || rs[0].Pos.Line != 3 || rs[0].Pos.Col != 5 {
		t.Errorf("first entry = %+v", rs[0])
	}
	// The first entry indented with no-break spaces starts at line 1293.
	found, keepID := false, 0
	for _, r := range rs {
		found = found || r.Pos.Line == 1293
		if r.RedirectDocumentID {
			keepID++
		}
		if strings.TrimSpace(r.RedirectURL) != r.RedirectURL || r.RedirectURL == "" {
			t.Errorf("redirect_url %q is not trimmed", r.RedirectURL)
		}
	}
	if !found {
		t.Error("no entry at line 1293")
	}
	if keepID != 103 {
		t.Errorf("%d entries keep the document id, want 103", keepID)
	}
	if last := rs[len(rs)-1]; last.Pos.Line != 2738 || last.RedirectURL != "/microsoft-365/security/mtp/tickets" {
		t.Errorf("last entry = %+v", last)
	}
}

func TestFixtureDocfxEnUS(t *testing.T) {
	cfg, ds := LoadDocfx("microsoft-365/docfx.json", readFixture(t, "en-us/microsoft-365/docfx.json"))
	want := "microsoft-365/docfx.json:163:48: warning json-missing-comma: missing ',' between two values on different lines; assumed"
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if cfg == nil {
		t.Fatal("no config")
	}
	if g := cfg.Groups["office365"]; g.MonikerRange != "=o365-worldwide || =o365-21vianet" || g.Dest != "o365-dest" {
		t.Errorf("group office365 = %+v", g)
	}
	seed := "admin/contact-support-for-business-products.md"
	for rel, want := range map[string]string{
		seed:            "=o365-worldwide || =o365-21vianet",
		"syntex/a.md":   "", // only the second content entry, which has no group, maps it
		"admin/a.png":   "", // resources are not content
		"_themes/a.md":  "",
		"admin/toc.yml": "=o365-worldwide || =o365-21vianet",
	} {
		if got := cfg.MonikerRangeFor(rel); got != want {
			t.Errorf("MonikerRangeFor(%q) = %q, want %q", rel, got, want)
		}
	}
	if !cfg.IsContent(seed) || cfg.IsContent("admin/includes/country-region-support-dropdown-list.md") ||
		cfg.IsContent("README.md") || !cfg.IsContent("admin/README.md") || !cfg.IsResource("media/a.PNG") ||
		cfg.IsResource("admin/includes/a.png") {
		t.Error("content/resource globs misapplied")
	}

	md := cfg.MetadataFor("admin/support/netherlands.md")
	for k, want := range map[string]any{
		"titleSuffix":          "Microsoft 365 admin",
		"recommendations":      false,
		"searchScope":          []any{"Microsoft 365"}, // replaces the global list
		"feedback_system":      "Standard",
		"feedback_product_url": "https://admin.microsoft.com/adminportal/home?showfeedback=DocsMacCampaign",
		"uhfHeaderId":          "MSDocsHeader-M365-IT",
	} {
		if !reflect.DeepEqual(md[k], want) {
			t.Errorf("admin page %s = %#v, want %#v", k, md[k], want)
		}
	}
	// The rules after the missing comma are read, and the later one wins.
	if md := cfg.MetadataFor("syntex/archive/a.md"); md["titleSuffix"] != "Microsoft 365 Archive" ||
		!reflect.DeepEqual(md["searchScope"], []any{"Microsoft 365 Archive"}) {
		t.Errorf("syntex archive page: titleSuffix %v, searchScope %v", md["titleSuffix"], md["searchScope"])
	}
	if md := cfg.MetadataFor("bookings/a.md"); md["feedback_product_url"] != "https://feedbackportal.microsoft.com/feedback/forum/e9c7c7d1-011c-ec11-b6e7-0022481f8472" {
		t.Errorf("bookings page feedback_product_url = %v", md["feedback_product_url"])
	}
	if md := cfg.MetadataFor("index.md"); md["titleSuffix"] != nil || md["recommendations"] != true {
		t.Errorf("root page: titleSuffix %v, recommendations %v", md["titleSuffix"], md["recommendations"])
	}
}

// TestFixtureDocfxNlNL classifies every file of the nl-NL docset.
func TestFixtureDocfxNlNL(t *testing.T) {
	cfg, ds := LoadDocfx("microsoft-365/docfx.json", readFixture(t, "nl-nl/microsoft-365/docfx.json"))
	if len(ds) != 0 || cfg == nil {
		t.Fatalf("config %v, diagnostics: %s", cfg, render(ds))
	}
	if cfg.Dest != "microsoft-365-vsts" || len(cfg.FileMetadata) != 0 || len(cfg.Groups) != 0 {
		t.Errorf("config = %+v", cfg)
	}
	if got := cfg.MetadataFor("admin/a.md")["breadcrumb_path"]; got != "/microsoft-365/breadcrumb/toc.json" {
		t.Errorf("breadcrumb_path = %v", got)
	}
	root := fixtures.Dir(t, "nl-nl/microsoft-365")
	pages, resources, other := 0, 0, 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		switch rel = filepath.ToSlash(rel); {
		case cfg.IsContent(rel):
			pages++
		case cfg.IsResource(rel):
			resources++
		default:
			other++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// 247 pages (seed + 246 support pages); the include and docfx.json are neither.
	if pages != 247 || resources != 1 || other != 2 {
		t.Errorf("pages %d, resources %d, other %d; want 247, 1, 2", pages, resources, other)
	}
}
