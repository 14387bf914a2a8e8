package search

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"
)

func testFragments(n int) []Fragment {
	a := NewAnalyzer("en-us")
	var out []Fragment
	for i := 0; i < n; i++ {
		e := a.Analyze(fmt.Sprintf("Page %d", i), "", fmt.Sprintf("<p>Text of page %d about execution policies.</p>", i))
		out = append(out, Fragment{e.FragmentName, e.Fragment})
	}
	return out
}

// TestPackFragments: every fragment is at its place in its pack, byte for
// byte; packs are at most packGroups, named by their bytes, and the same
// whatever order the fragments come in.
func TestPackFragments(t *testing.T) {
	frags := testFragments(500)
	packs, locs := PackFragments(frags)
	if len(packs) > packGroups || len(packs) < packGroups/2 {
		t.Fatalf("%d fragments in %d packs, want about %d", len(frags), len(packs), packGroups)
	}
	byName := map[string][]byte{}
	for _, p := range packs {
		if contentName(p.Data) != p.Name {
			t.Errorf("pack %s is not named by its bytes", p.Name)
		}
		byName[p.Name] = p.Data
	}
	total, group := 0, map[string]int{}
	for _, f := range frags {
		at, ok := locs[f.Name]
		if !ok {
			t.Fatalf("fragment %s is in no pack", f.Name)
		}
		p := byName[at.Pack]
		if at.Off+at.Len > len(p) || !bytes.Equal(p[at.Off:at.Off+at.Len], f.Data) {
			t.Errorf("fragment %s: bytes %d+%d of pack %s are not its own", f.Name, at.Off, at.Len, at.Pack)
		}
		if g, ok := group[at.Pack]; ok && g != packGroup(f.Name) {
			t.Errorf("pack %s holds fragments of groups %d and %d", at.Pack, g, packGroup(f.Name))
		}
		group[at.Pack] = packGroup(f.Name)
		total += len(f.Data)
	}
	size := 0
	for _, p := range packs {
		size += len(p.Data)
	}
	if size != total {
		t.Errorf("packs hold %d bytes, the fragments %d", size, total)
	}
	// Another order, and a fragment given twice: the same packs.
	shuffled := append([]Fragment{frags[7]}, frags...)
	rand.New(rand.NewSource(1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	again, _ := PackFragments(shuffled)
	if len(again) != len(packs) {
		t.Fatalf("another order gave %d packs, want %d", len(again), len(packs))
	}
	for i := range packs {
		if again[i].Name != packs[i].Name {
			t.Errorf("pack %d is %s in one order and %s in another", i, packs[i].Name, again[i].Name)
		}
	}
}

// TestPackMembershipStable: replacing a fragment (a page edited) changes
// at most the two packs it leaves and joins; adding one changes one.
func TestPackMembershipStable(t *testing.T) {
	frags := testFragments(300)
	before, _ := PackFragments(frags)
	names := func(ps []Pack) map[string]bool {
		m := map[string]bool{}
		for _, p := range ps {
			m[p.Name] = true
		}
		return m
	}
	changed := func(a, b []Pack) int {
		old, n := names(a), 0
		for name := range names(b) {
			if !old[name] {
				n++
			}
		}
		return n
	}
	edited := append([]Fragment{}, frags...)
	edited[42] = testFragments(301)[300]
	after, locs := PackFragments(edited)
	if n := changed(before, after); n == 0 || n > 2 {
		t.Errorf("replacing one fragment changed %d packs, want 1 or 2", n)
	}
	if _, ok := locs[frags[42].Name]; ok {
		t.Error("the replaced fragment is still packed")
	}
	added, _ := PackFragments(append(append([]Fragment{}, frags...), testFragments(302)[301]))
	if n := changed(before, added); n != 1 {
		t.Errorf("adding one fragment changed %d packs, want 1", n)
	}
}

// TestSnippetFromPack: a searcher reads every page's text from the packs
// Write gives, as the browser does with a Range request.
func TestSnippetFromPack(t *testing.T) {
	x, _ := build(t, corpus)
	s := write(x, nil)
	se, err := NewSearcher(s.read)
	if err != nil {
		t.Fatal(err)
	}
	for id := 0; id < x.Len(); id++ {
		text, err := se.FragmentText(id)
		if err != nil {
			t.Fatalf("document %d: %v", id, err)
		}
		url, _, _ := se.Meta(id)
		want := ""
		for _, p := range corpus {
			if p.key == url {
				want = Extract(p.body).Text
			}
		}
		if text != want {
			t.Errorf("document %d (%s): snippet text %q, want %q", id, url, text, want)
		}
	}
}
