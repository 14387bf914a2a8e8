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

// TestAddSameWordsAsScanWords: the analyzer's own pass over ASCII words
// finds the words scanWords does, in the same numbers, whatever mix of
// cases, scripts, marks and punctuation surrounds them.
func TestAddSameWordsAsScanWords(t *testing.T) {
	pieces := []string{"Get", "-", "Module", " ", "café", "Café", "naïve", "x\u0301y", "\u0301", "漢字", "かな", "한국어",
		"ABC", "a", "9", "42x", "—", ".", "\n", "É", "ß", "İ", strings.Repeat("Long", 11), strings.Repeat("é", 41), "日", "'", "_"}
	rng := uint32(1)
	next := func() int {
		rng = rng*1664525 + 1013904223
		return int(rng >> 8)
	}
	for range 3000 {
		var sb strings.Builder
		for range 1 + next()%12 {
			sb.WriteString(pieces[next()%len(pieces)])
		}
		text := sb.String()
		counted := map[string]int{}
		a := NewAnalyzer("en-us")
		a.gen++
		n := a.add(text, 3)
		for _, s := range a.stemList {
			_, stems := a.lex.strings()
			counted[stems[s]] = int(a.stems[s].c.body)
		}
		want := map[string]int{}
		wantN := 0
		b := NewAnalyzer("en-us")
		scanWords(text, &b.buf, func(w []byte) {
			wantN++
			want[b.stemmer.stem(string(w))]++
		})
		if n != wantN || !reflect.DeepEqual(counted, want) {
			t.Fatalf("%q: add counts %d words %v, scanWords %d %v", text, n, counted, wantN, want)
		}
	}
}
