package dialect

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestReleaseDropsLineIndex: a released Doc keeps no line index (4 bytes a
// line, megabytes on a large docset when every page's stays to the end of
// the build), and a position asked after Release is the body's first line,
// not a panic on the dropped source.
func TestReleaseDropsLineIndex(t *testing.T) {
	src := []byte("# Title\n\nSome text with a [link](other.md).\n\nMore é text\n")
	doc := New(testCatalog(t)).Parse("page.md", "page.md", src, 5)
	if got := doc.Pos(strings.Index(string(src), "é") + 2); got.Line != 9 || got.Col != 7 {
		t.Fatalf("Pos before Release = %d:%d, want 9:7", got.Line, got.Col)
	}
	doc.Release()
	if doc.AST != nil || doc.Source != nil || doc.lineStarts != nil {
		t.Errorf("Release kept AST %v, source %d bytes, line index %d entries", doc.AST != nil, len(doc.Source), len(doc.lineStarts))
	}
	if got := doc.Pos(30); got.Line != 5 || got.Col != 1 {
		t.Errorf("Pos after Release = %d:%d, want the body's first line 5:1", got.Line, got.Col)
	}
	// A Doc released before any position was asked builds no index later.
	doc = New(testCatalog(t)).Parse("page.md", "page.md", src, 1)
	doc.Release()
	if got := doc.Pos(30); got.Line != 1 || doc.lineStarts != nil {
		t.Errorf("Pos after an early Release = %+v, index %v", got, doc.lineStarts)
	}
}

// TestHighlightCacheKeepsExactBytes: the build-wide highlight cache keeps
// each block's HTML at its own size, not in the builder's buffer grown for
// twice the code (which nearly doubled what the cache held to the end of a
// build).
func TestHighlightCacheKeepsExactBytes(t *testing.T) {
	h := &highlighter{}
	plain := lookupLanguage("text")
	const blocks = 300
	code := func(i int) string { return fmt.Sprintf("block %d\n%s", i, strings.Repeat("plain output line\n", 200)) }
	var out int
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := range blocks {
		html, _ := h.html(plain, code(i), lineSet{})
		out += len(html)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if float64(held) > 1.3*float64(out) {
		t.Errorf("the cache holds %d bytes for %d bytes of HTML (%.2fx)", held, out, float64(held)/float64(out))
	}
	runtime.KeepAlive(h)
}
