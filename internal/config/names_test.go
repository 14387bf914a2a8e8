package config

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLocaleName(t *testing.T) {
	for code, want := range map[string]string{
		"nl-nl":   "Nederlands (Nederland)",
		"en-us":   "English (United States)",
		"de-de":   "Deutsch (Deutschland)",
		"fr-ca":   "Français (Canada)",
		"ja-jp":   "日本語 (日本)",
		"zz-bad!": "zz-bad!",
	} {
		if got := LocaleName(code); got != want {
			t.Errorf("LocaleName(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestBareTitle(t *testing.T) {
	write := func(root, rel, data string) {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"titleSuffix", map[string]string{"docs/docfx.json": `{"build":{"globalMetadata":{"titleSuffix":"PowerShell"}}}`}, "PowerShell"},
		{"breadcrumb", map[string]string{
			"docs/docfx.json":    `{"build":{"globalMetadata":{"breadcrumb_path":"/contoso/bread/toc.json"}}}`,
			"docs/bread/toc.yml": "items:\n- name: Contoso Cloud\n  tocHref: /contoso/\n",
		}, "Contoso Cloud"},
		{"publish config", map[string]string{
			"microsoft-365/docfx.json":            `{"build":{}}`,
			".openpublishing.publish.config.json": `{"docsets_to_publish":[{"docset_name":"Microsoft-365-docs"}]}`,
		}, "Microsoft 365"},
		{"folder", map[string]string{"microsoft-365/docfx.json": `{"build":{}}`}, "Microsoft 365"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for rel, data := range tc.files {
				write(root, rel, data)
			}
			s, diags := Load(root)
			if s == nil {
				t.Fatalf("Load: %v", diags)
			}
			if s.Title != tc.want {
				t.Errorf("title %q, want %q", s.Title, tc.want)
			}
		})
	}
}
