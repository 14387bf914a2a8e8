package search

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestAnalyzerMemory: an analyzer that has met thousands of words (more
// than its cache of recent words holds, so slots are taken over) gives a
// page the same stems, weights and words as a fresh analyzer of the same
// lexicon does.
func TestAnalyzerMemory(t *testing.T) {
	var many strings.Builder
	for i := range 3 * (1 << recentBits) {
		fmt.Fprintf(&many, "w%dx Module%d ", i, i%97)
	}
	page := "Remove-Module removes modules; w17x and w4095x, module9 MODULE9 Module9, résumé resume."
	lex := NewLexicon("en-us")
	used := lex.Analyzer()
	used.Analyze("Many", "", many.String())
	used.Analyze("Page", "", page) // fills its memory with the page's words
	used.Analyze("Many", "", many.String())
	got := used.Analyze("Page", "a description", page)
	want := lex.Analyzer().Analyze("Page", "a description", page)
	if !reflect.DeepEqual(got.Store(), want.Store()) {
		t.Errorf("an analyzer with a full memory gives\n%+v\nwant\n%+v", got.Store(), want.Store())
	}
}
