package meta

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		title    string
		bodyLine int
		body     string
		code     string
		line     int
	}{
		{"plain", "---\ntitle: A\n---\n# B\n", "A", 4, "# B\n", "", 0},
		{"crlf-bom-trailing-spaces", "\xef\xbb\xbf---   \r\ntitle: A\r\nms.date: ''\r\n---\r\n# B\r\n", "A", 5, "# B\n", "", 0},
		{"no-front-matter", "# Only body\n", "", 1, "# Only body\n", "", 0},
		{"unclosed", "---\ntitle: A\n# B\n", "", 1, "---\ntitle: A\n# B\n", "yaml-header-unclosed", 1},
		{"not-object", "---\n- a\n- b\n---\nx\n", "", 5, "x\n", "yaml-header-not-object", 2},
		{"syntax", "---\ntitle: A\nbad: [unclosed\n---\nx\n", "", 5, "x\n", "yaml-header-syntax-error", 0},
		{"duplicate-key", "---\ntitle: A\ntitle: B\n---\nx\n", "", 5, "x\n", "yaml-header-syntax-error", 3},
		{"no-stays-string", "---\ntitle: NO\n---\n", "NO", 4, "", "", 0},
		{"empty", "---\n---\nbody\n", "", 3, "body\n", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, diags := Split("p.md", []byte(tc.src))
			if got := String(doc.Meta, "title"); got != tc.title {
				t.Errorf("title = %q, want %q", got, tc.title)
			}
			if doc.BodyLine != tc.bodyLine {
				t.Errorf("BodyLine = %d, want %d", doc.BodyLine, tc.bodyLine)
			}
			if string(doc.Body) != tc.body {
				t.Errorf("Body = %q, want %q", doc.Body, tc.body)
			}
			if tc.code == "" {
				if len(diags) != 0 {
					t.Errorf("unexpected diagnostics: %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Code != tc.code {
				t.Fatalf("diagnostics = %v, want one %s", diags, tc.code)
			}
			if tc.line != 0 && diags[0].Pos.Line != tc.line {
				t.Errorf("line = %d, want %d (%s)", diags[0].Pos.Line, tc.line, diags[0])
			}
		})
	}
}

func TestMerge(t *testing.T) {
	got := Merge(
		map[string]any{"a": "global", "o": map[string]any{"x": 1, "y": 1}, "l": []any{1}},
		map[string]any{"a": "glob", "o": map[string]any{"y": 2}},
		map[string]any{"l": []any{2, 3}},
	)
	o := got["o"].(map[string]any)
	if got["a"] != "glob" || o["x"] != 1 || o["y"] != 2 || len(got["l"].([]any)) != 2 {
		t.Fatalf("Merge = %v", got)
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"---\ntitle: a\n---\nx", "---\n", "---\n- a\n---", "\xef\xbb\xbf---\r\n---\r\n", "---\n: :\n---"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, _ := Split("f.md", []byte(s))
		// A line break is LF, CRLF or a lone CR, as editors and Normalize
		// count them; the body is the file from line BodyLine on.
		breaks := strings.Count(s, "\n") + strings.Count(s, "\r") - strings.Count(s, "\r\n")
		if doc.BodyLine < 1 || breaks+2 < doc.BodyLine {
			t.Fatalf("BodyLine %d out of range (%d line breaks)", doc.BodyLine, breaks)
		}
		lines := strings.Split(string(Normalize([]byte(s))), "\n")
		want := ""
		if doc.BodyLine-1 < len(lines) {
			want = strings.Join(lines[doc.BodyLine-1:], "\n")
		}
		if string(doc.Body) != want {
			t.Fatalf("body %q is not the file from line %d (%q)", doc.Body, doc.BodyLine, want)
		}
	})
}

// yaml reports lines only; the diagnostic also names the column of what
// is wrong, and lines in the message are the file's.
func TestYAMLErrorsAtLineAndColumn(t *testing.T) {
	for src, want := range map[string]string{
		"---\ntitle: a: b\n---\n":                "p.md:2:9: warning yaml-header-syntax-error: front matter is not valid YAML and is ignored: mapping values are not allowed in this context",
		"---\ntitle: ok\n\tms.date: 1\n---\n":    "p.md:3:1: warning yaml-header-syntax-error: front matter is not valid YAML and is ignored: found a tab character that violates indentation",
		"---\ntitle: ok\nauthor: @me\n---\n":     "p.md:3:9: warning yaml-header-syntax-error: front matter is not valid YAML and is ignored: found character that cannot start any token",
		"---\ntitle: ok\n  ms.topic: how\n---\n": "p.md:3:11: warning yaml-header-syntax-error: front matter is not valid YAML and is ignored: mapping values are not allowed in this context",
		"---\ntitle: A\ntitle: B\n---\n":         "p.md:3:1: warning yaml-header-syntax-error: front matter is ignored: mapping key \"title\" already defined at line 2",
	} {
		_, ds := Split("p.md", []byte(src))
		if len(ds) != 1 || ds[0].String() != want {
			t.Errorf("%q:\n got  %v\n want %s", src, ds, want)
		}
	}
}
