package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseQuery: any input parses without a panic into distinct,
// non-empty, folded words that parse back to themselves, and a query that
// ends in a separator has no word being typed.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"remove a module", "execution pol", "Get-ChildItem ", "東京都", "café ÉTÉ", "", "  ", "a a a", "x\u0301", "--", "\xff\xfe", "日 本 ", "ǅ"} {
		f.Add(s)
	}
	x := NewIndex("en-us")
	a := NewAnalyzer("en-us")
	frags := map[string][]byte{}
	for _, p := range corpus {
		e := a.Analyze(p.title, "", p.body)
		frags[e.FragmentName] = e.Fragment
		x.Put(p.key, Doc{URL: p.key, Title: p.title}, e)
	}
	idx := write(x, frags)
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		seen := map[string]bool{}
		for _, w := range q.Words {
			if w == "" || seen[w] {
				t.Fatalf("ParseQuery(%q) = %q: empty or repeated word", s, q.Words)
			}
			seen[w] = true
			if !utf8.ValidString(w) && utf8.ValidString(s) {
				t.Fatalf("word %q is not UTF-8", w)
			}
			if Fold(w) != w {
				t.Fatalf("word %q is not folded", w)
			}
		}
		if q.Prefix && len(q.Words) == 0 {
			t.Fatalf("ParseQuery(%q): prefix without words", s)
		}
		if strings.HasSuffix(s, " ") && q.Prefix {
			t.Fatalf("ParseQuery(%q): the last word is complete", s)
		}
		// Any parsed query searches a small index without an error.
		se, err := NewSearcher(idx.read)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := se.Search(q); err != nil {
			t.Fatalf("Search(%q): %v", s, err)
		}
	})
}
