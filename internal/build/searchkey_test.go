package build

import (
	"crypto/sha256"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/search"
)

// TestEntryKey: an analysis is named by the SHA-256 of its locale, title,
// description, text and headings, as page caches written before hold it,
// and naming it does not copy the text (14 MB of it on the PowerShell
// docset).
func TestEntryKey(t *testing.T) {
	x := search.Extracted{Text: strings.Repeat("Gets the items of a list. ", 40000),
		Headings: []search.Heading{{Offset: 0, ID: "syntax"}, {Offset: 5000, ID: "notes"}}}
	h := sha256.New()
	for _, part := range []string{"en-us", "Get-Item", "Gets items.", x.Text} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	for _, hd := range x.Headings {
		fmt.Fprintf(h, "%d %s\x00", hd.Offset, hd.ID)
	}
	var want [sha256.Size]byte
	h.Sum(want[:0])
	if got := entryKey("en-us", "Get-Item", "Gets items.", x); got != want {
		t.Fatalf("entryKey = %x, want %x", got, want)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const n = 10
	for range n {
		entryKey("en-us", "Get-Item", "Gets items.", x)
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 4<<10 {
		t.Errorf("naming the analysis of %d bytes of text allocates %d bytes: the text is copied", len(x.Text), per)
	}
}
