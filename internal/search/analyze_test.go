package search

import (
	"fmt"
	"reflect"
	"runtime"
	"runtime/debug"
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

// allocated is the bytes fn allocates, on average over n calls.
func allocated(n int, fn func()) float64 {
	var before, after runtime.MemStats
	// The pooled compressor (about 800 KB) must be found again on every
	// call, or a new one is counted as if the code under test allocated
	// it: no collection while measuring (one empties the pool), and one P
	// (a sync.Pool keeps a put value in the putting P's private slot, which
	// a goroutine moved to another P does not see).
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	fn() // warm: pooled compressors
	runtime.ReadMemStats(&before)
	for range n {
		fn()
	}
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
}

// TestAnalyzeReusesFragmentJSON: an analyzer writes a page's fragment
// JSON into a buffer it keeps, so analysing a page allocates the
// compressed fragment and the entry, not the JSON (12 KB a page at most,
// 11.5 MB on the PowerShell docset) as well.
func TestAnalyzeReusesFragmentJSON(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < maxFragmentText; i++ {
		fmt.Fprintf(&b, "w%x ", i*2654435761)
	}
	x := Extracted{Text: b.String()}
	a := NewAnalyzer("en-us")
	a.AnalyzeText("Page", "", x) // learns the words
	e := a.AnalyzeText("Page", "", x)
	per := allocated(20, func() { a.AnalyzeText("Page", "", x) })
	// What an entry must allocate: its stems, its words and the gzipped
	// fragment (with the compressor's spare capacity), plus some slack.
	need := 8*len(e.Stems) + 8*len(e.Words) + cap(e.Fragment) + 2<<10
	if per > float64(need+len(x.Text)/2) {
		t.Errorf("analysing a page of %d bytes allocates %.0f bytes, its entry %d: the fragment's JSON is allocated again", len(x.Text), per, need)
	}
}
