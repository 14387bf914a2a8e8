package search

import (
	"bytes"
	"testing"
)

// TestStoredEntry: an entry stored and loaded into another build's pool
// gives the same index files as the entry itself.
func TestStoredEntry(t *testing.T) {
	var p1, p2 Pool
	a := p1.Get("en-us")
	e := a.Analyze("Get-Process", "Gets processes", "Gets the processes that are running on the local computer.")
	p1.Put("en-us", a)
	// The second pool has met other words first, so its numbers differ.
	b := p2.Get("en-us")
	other := b.Analyze("Other", "", "Unrelated words come first here.")
	p2.Put("en-us", b)
	loaded := p2.Load("en-us", e.Store())
	if loaded == nil {
		t.Fatal("a stored entry did not load")
	}
	write := func(es ...*Entry) []byte {
		x := NewIndex("en-us")
		for i, e := range es {
			x.Put(string(rune('a'+i)), Doc{URL: "p", Title: "T"}, e)
		}
		m, files := x.Write()
		var all bytes.Buffer
		all.Write(m)
		for _, f := range files {
			all.WriteString(f.Name)
			all.Write(f.Data)
		}
		return all.Bytes()
	}
	if !bytes.Equal(write(e, other), write(loaded, other)) {
		t.Error("the loaded entry indexes differently from the original")
	}
	if p2.Load("en-us", Stored{Stems: []uint32{5}, Weights: []uint8{1}}) != nil {
		t.Error("a malformed entry loaded")
	}
}
