package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every configuration problem is reported at the line of the entry that
// has it, and a baseURL that is not an absolute http(s) URL is an error.
func TestConfigDiagnosticsAtTheEntry(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string // diagnostic strings, in order
		ok         bool     // a Site comes back
	}{
		{"no scheme", "baseURL: example.netlify.app\nlocales:\n  - code: en-us\n",
			[]string{`docloom.yaml:1: error config-base-url: baseURL "example.netlify.app" must be an absolute http(s) URL such as https://docs.example.com/`}, false},
		{"not a url", "title: T\nbaseURL: 'not a url:::'\nlocales:\n  - code: en-us\n",
			[]string{`docloom.yaml:2: error config-base-url: baseURL "not a url:::" is not a URL: first path segment in URL cannot contain colon`}, false},
		{"no host", "baseURL: https:///docs/\nlocales:\n  - code: en-us\n",
			[]string{`docloom.yaml:1: error config-base-url: baseURL "https:///docs/" has no host; write it as https://host/path/`}, false},
		{"ftp", "baseURL: ftp://x.example/\nlocales:\n  - code: en-us\n",
			[]string{`docloom.yaml:1: error config-base-url: baseURL "ftp://x.example/" must be an absolute http(s) URL such as https://docs.example.com/`}, false},
		{"good", "baseURL: https://x.example/docs\nlocales:\n  - code: en-us\n", nil, true},
		{"unknown keys in entries", "locales:\n  - code: en-us\n    dirr: rtl\nmonikers:\n  - name: a\n  - name: b\n    displayName: B\n",
			[]string{
				`docloom.yaml:3:5: warning config-unknown-key: unknown key "dirr" in a locales entry is ignored`,
				`docloom.yaml:7:5: warning config-unknown-key: unknown key "displayName" in a monikers entry is ignored`,
			}, true},
		{"bad locale at its entry", "locales:\n  - code: en-us\n  - code: nl-nl\n    dir: sideways\n  - code: en-us\n",
			[]string{
				`docloom.yaml:4: error config-bad-locale: locale nl-nl: dir must be ltr or rtl, not "sideways"`,
				`docloom.yaml:5: error config-bad-locale: locale en-us is listed twice`,
			}, false},
		{"missing folder at its entry", "locales:\n  - code: en-us\n  - code: de-de\n    path: nowhere\n",
			[]string{`docloom.yaml:4: error config-locale-folder: locale de-de: folder `}, false},
		{"bad moniker at its entry", "locales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n  - name: a\n",
			[]string{`docloom.yaml:6: error config-bad-moniker: moniker "a" is defined twice (#1 and #3)`}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for _, l := range []string{"en-us", "nl-nl"} {
				os.MkdirAll(filepath.Join(root, "content", l), 0o755)
			}
			if err := os.WriteFile(filepath.Join(root, FileName), []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			site, ds := Load(root)
			if (site != nil) != tc.ok {
				t.Errorf("site returned: %v, want %v", site != nil, tc.ok)
			}
			if len(ds) != len(tc.want) {
				t.Fatalf("got %d diagnostics %v, want %d", len(ds), ds, len(tc.want))
			}
			for i, d := range ds {
				if !strings.HasPrefix(d.String(), tc.want[i]) {
					t.Errorf("got  %s\nwant %s", d, tc.want[i])
				}
			}
		})
	}
}
