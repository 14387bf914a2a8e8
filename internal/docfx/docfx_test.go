package docfx

import (
	"github.com/docloom/docloom/internal/diag"
	"reflect"
	"testing"
)

func TestMetadataFor(t *testing.T) {
	cfg, ds := LoadDocfx("docfx.json", []byte(`{"build": {
  "globalMetadata": {"o": {"a": 1, "b": 1}, "list": [1, 2], "s": "g"},
  "fileMetadata": {
    "titleSuffix": {"**/*.md": "X", "admin/**/*.md": "Y"},
    "o": {"**": {"b": 2, "c": 3}, "admin/**": {"c": {"deep": true}}},
    "list": {"admin/**": [3]}
  }
}}`))
	if len(ds) != 0 || cfg == nil {
		t.Fatalf("diagnostics: %s", render(ds))
	}
	// dfm-spec §2.4 case 3: the last matching glob wins.
	if got := cfg.MetadataFor("admin/a.md")["titleSuffix"]; got != "Y" {
		t.Errorf("admin/a.md titleSuffix = %v, want Y", got)
	}
	if got := cfg.MetadataFor("b.md")["titleSuffix"]; got != "X" {
		t.Errorf("b.md titleSuffix = %v, want X", got)
	}
	md := cfg.MetadataFor("admin/a.md")
	wantO := map[string]any{"a": 1.0, "b": 2.0, "c": map[string]any{"deep": true}}
	if !reflect.DeepEqual(md["o"], wantO) {
		t.Errorf("objects merge key by key: o = %#v, want %#v", md["o"], wantO)
	}
	if !reflect.DeepEqual(md["list"], []any{3.0}) || md["s"] != "g" {
		t.Errorf("arrays replace: list = %#v, s = %v", md["list"], md["s"])
	}
	// The result belongs to the caller.
	md["o"].(map[string]any)["a"] = "changed"
	md["list"].([]any)[0] = "changed"
	again := cfg.MetadataFor("admin/a.md")
	if !reflect.DeepEqual(again["o"], wantO) || cfg.GlobalMetadata["o"].(map[string]any)["a"] != 1.0 {
		t.Error("changing a MetadataFor result changed the Config")
	}
}

func TestFileGroups(t *testing.T) {
	cfg, ds := LoadDocfx("docfx.json", []byte(`{"build": {
  "content": [
    {"files": "**.md", "src": "docs", "version": "=v1"},
    {"files": ["api/*.yml"], "exclude": ["api/old*.yml"], "group": "g"}
  ],
  "resource": {"files": ["**/*.png"]},
  "groups": {"g": {"dest": "out", "monikerRange": "=v2"}},
  "dest": "site"
}}`))
	if len(ds) != 0 || cfg == nil {
		t.Fatalf("diagnostics: %s", render(ds))
	}
	for rel, want := range map[string]bool{
		"docs/a.md": true, "DOCS/x/b.md": true, "a.md": false, "docs.md": false,
		"api/a.yml": true, "api/old1.yml": false, "api/x/a.yml": false,
	} {
		if got := cfg.IsContent(rel); got != want {
			t.Errorf("IsContent(%q) = %v, want %v", rel, got, want)
		}
	}
	if got := cfg.MonikerRangeFor("docs/a.md"); got != "=v1" {
		t.Errorf("version: %q", got)
	}
	if got := cfg.MonikerRangeFor("api/a.yml"); got != "=v2" {
		t.Errorf("group range: %q", got)
	}
	if !cfg.IsResource("img/a.png") || cfg.IsResource("img/a.jpg") || cfg.Dest != "site" {
		t.Error("resource or dest misread")
	}

	// A hand-built Config works too.
	hand := &Config{Content: []FileGroup{{Files: []string{"**/*.md"}, Exclude: []string{"**/includes/**"}}}}
	if !hand.IsContent("a/b.md") || hand.IsContent("a/includes/b.md") {
		t.Error("hand-built config misapplied")
	}
}

func TestLoadDocfxProblems(t *testing.T) {
	cfg, ds := LoadDocfx("docfx.json", []byte(`{"build": {
  "content": [{"files": ["**/*.md", 3, ""]}],
  "globalMetadata": [],
  "fileMetadata": {"a": {"x\\": 1, "*.md": 2}},
  "groups": {"g": {"moniker_range": 5}}
}}`))
	want := `docfx.json:2:37: warning docfx-invalid-field: content[0].files item should be a string, not number; ignored
docfx.json:2:40: warning docfx-invalid-glob: "": empty glob pattern
docfx.json:3:21: warning docfx-invalid-field: globalMetadata should be an object, not array; ignored
docfx.json:4:26: warning docfx-invalid-glob: fileMetadata.a: "x\\": glob pattern ends with a lone backslash
docfx.json:5:37: warning docfx-invalid-field: groups.g.moniker_range should be a string, not number; ignored`
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	if cfg == nil || !cfg.IsContent("a.md") || len(cfg.FileMetadata["a"]) != 1 {
		t.Errorf("the valid parts should be kept: %+v", cfg)
	}

	for _, in := range []string{`{"content": []}`, `{"build": []}`, `[]`} {
		if cfg, ds := LoadDocfx("docfx.json", []byte(in)); cfg != nil || len(ds) != 1 || ds[0].Code != "docfx-no-build" {
			t.Errorf("%s: config %v, diagnostics %v; want docfx-no-build", in, cfg, ds)
		}
	}
	if cfg, ds := LoadDocfx("docfx.json", []byte(`{"build": `)); cfg != nil || len(ds) != 1 || ds[0].Code != "json-syntax-error" {
		t.Errorf("truncated file: config %v, diagnostics %v", cfg, ds)
	}
}

func TestLoadRedirections(t *testing.T) {
	rs, ds := LoadRedirections("r.json", []byte(`{"redirections": [
  {"source_path": "ms/a.md", "redirect_url": " /ms/b ", "redirect_document_id": true, "monikers": ["v1"]},
  {"source_path_from_root": "/ms/c.md", "redirect_url": "d"},
  {"source_path": "MS/A.md", "redirect_url": "/ms/x"},
  {"source_path": "ms/e.md", "source_path_from_root": "/ms/e.md", "redirect_url": "/ms/x"},
  {"source_path": "ms/f.md", "redirect_url": "  "},
  {"redirect_url": "/ms/x"},
  {"source_path": "/ms/g.md", "redirect_url": "/ms/x", "redirect_document_id": "yes"}
]}`))
	want := `r.json:4:3: error redirection-conflict: MS/A.md is redirected twice; the first redirection is at line 2
r.json:5:3: error source-path-conflict: both source_path and source_path_from_root are set; use one
r.json:6:3: warning missing-attribute: redirection of ms/f.md has no redirect_url; ignored
r.json:7:3: warning missing-attribute: redirection has no source_path; ignored
r.json:8:19: warning redirection-path-syntax-error: source_path "/ms/g.md" starts with '/'; it is relative to the repository root (or use source_path_from_root)
r.json:8:80: warning docfx-invalid-field: redirections[6].redirect_document_id should be true or false, not string; ignored`
	if got := render(ds); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
	wantRs := []Redirection{
		{SourcePath: "ms/a.md", RedirectURL: "/ms/b", RedirectDocumentID: true, Monikers: []string{"v1"}, Pos: pos("r.json", 2, 3)},
		{SourcePath: "ms/c.md", RedirectURL: "d", FromRoot: true, Pos: pos("r.json", 3, 3)},
		{SourcePath: "ms/g.md", RedirectURL: "/ms/x", Pos: pos("r.json", 8, 3)},
	}
	if !reflect.DeepEqual(rs, wantRs) {
		t.Errorf("redirections:\n%+v\nwant:\n%+v", rs, wantRs)
	}
}

func pos(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }
