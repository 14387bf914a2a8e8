package docfx

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern string
		yes, no []string
	}{
		// The fixtures' docfx.json content and exclude globs.
		{"**/*.md", []string{"index.md", "admin/a.md", "admin/support/nl.MD"}, []string{"a.yml", "admin/a.md.bak", ".github/a.md", "admin/.hidden.md"}},
		{"**/includes/**", []string{"includes/a.md", "admin/includes/country-region-support-dropdown-list.md", "a/b/Includes/c/d.md"},
			[]string{"admin/include/a.md", "admin/includes.md", "myincludes/a.md"}},
		{"_themes/**", []string{"_themes/a.css", "_themes/x/y/z.js"}, []string{"a/_themes/b.css", "_themes.pdf/a.css"}},
		{"README.md", []string{"README.md", "readme.md"}, []string{"admin/README.md", "README.md.txt"}},
		{"**/obj/**", []string{"obj/a", "x/obj/y/z"}, []string{"object/a"}},
		{"LICENSE", []string{"LICENSE"}, []string{"LICENSE-CODE", "x/LICENSE"}},
		// fileMetadata globs of the en-US docfx.json.
		{"admin/**/*.md", []string{"admin/a.md", "admin/support/netherlands.md", "Admin/Support/X.md"}, []string{"business/admin/a.md", "admin/a.yml"}},
		{"syntex/archive/**/*.yml", []string{"syntex/archive/toc.yml", "syntex/archive/x/index.yml"}, []string{"syntex/toc.yml"}},
		{"bookings/", []string{"bookings/a.md", "bookings/x/y.yml"}, []string{"bookings.md", "x/bookings/a.md"}},
		// The rest of the dialect.
		{"*.md", []string{"a.md", "A.Md"}, []string{"x/a.md", ".md", ".a.md"}},
		{"**.md", []string{"a.md", "x/y/a.md"}, []string{"a.mdx"}},
		{"a**b.md", []string{"ab.md", "axxb.md"}, []string{"a/b.md"}},
		{"doc?.md", []string{"doc1.md", "docs.md"}, []string{"doc.md", "doc12.md", "doc/.md"}},
		{"[abc]*.md", []string{"a.md", "Bx.md"}, []string{"d.md"}},
		{"[!abc]*.md", []string{"d.md"}, []string{"a.md", "B.md"}},
		{"[a-c]?.md", []string{"b1.md", "C2.md"}, []string{"d1.md"}},
		{"img/*.{png,jpg}", []string{"img/a.png", "img/b.JPG"}, []string{"img/c.gif", "img/x/a.png"}},
		{"{admin,business}/**/{a,b{1,2}}.md", []string{"admin/a.md", "business/x/b2.md"}, []string{"admin/b3.md", "commerce/a.md"}},
		{"{a}.md", []string{"{a}.md"}, []string{"a.md"}},
		{`\*.md`, []string{"*.md"}, []string{"a.md"}},
		{"[abc.md", []string{"[abc.md"}, []string{"a.md"}},
		{"!**/*.md", []string{"a.yml", "x/y.png"}, []string{"a.md", "x/a.md"}},
		{".github/**", []string{".github/workflows/a.yml"}, []string{"github/a.yml"}},
		{".*/*.md", []string{".vscode/a.md"}, []string{"vscode/a.md"}},
		{"**", []string{"a", "a/b/c.md"}, []string{".git/config", "a/.git/x"}},
		{"/docs//a.md", []string{"docs/a.md", "./docs/a.md"}, []string{"a.md"}},
		{"ä*.md", []string{"äb.md"}, []string{"Äb.md"}},
	}
	for _, tt := range tests {
		g, err := CompileGlob(tt.pattern)
		if err != nil {
			t.Errorf("CompileGlob(%q): %v", tt.pattern, err)
			continue
		}
		for _, p := range tt.yes {
			if !g.Match(p) {
				t.Errorf("%q does not match %q, want a match", tt.pattern, p)
			}
		}
		for _, p := range tt.no {
			if g.Match(p) {
				t.Errorf("%q matches %q, want no match", tt.pattern, p)
			}
		}
	}
}

func TestCompileGlobErrors(t *testing.T) {
	for _, p := range []string{"", "!", `a\`, strings.Repeat("{a,b}", 11)} {
		if _, err := CompileGlob(p); err == nil {
			t.Errorf("CompileGlob(%q) succeeded, want an error", p)
		}
	}
	if _, err := CompileGlob(strings.Repeat("{a,b}", 10)); err != nil {
		t.Errorf("1024 alternatives: %v", err)
	}
}

// FuzzGlob checks that compiling and matching never panic, that a pattern
// with no special characters matches itself, and that matching ignores
// ASCII case.
func FuzzGlob(f *testing.F) {
	f.Add("**/includes/**", "admin/includes/a.md")
	f.Add("{a,b{c,d}}/[!x-z]?*.md", "bd/qrs.md")
	f.Add(`[\]]**.md`, "]/x.md")
	f.Add("!**", ".git")
	f.Fuzz(func(t *testing.T, pattern, path string) {
		g, err := CompileGlob(pattern)
		if err != nil {
			return
		}
		m := g.Match(path)
		if utf8.ValidString(path) && g.Match(swapASCIICase(path)) != m {
			t.Fatalf("%q: %q and its case swap match differently", pattern, path)
		}
		if utf8.ValidString(pattern) && !strings.ContainsAny(pattern, `*?[]{}\!`) && !hasDotSegment(pattern) && !g.Match(pattern) {
			t.Fatalf("plain pattern %q does not match itself", pattern)
		}
	})
}

func swapASCIICase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z':
			b[i] = c - 32
		case c >= 'A' && c <= 'Z':
			b[i] = c + 32
		}
	}
	return string(b)
}

func hasDotSegment(p string) bool {
	for _, s := range strings.Split(p, "/") {
		if s == "." {
			return true
		}
	}
	return false
}
