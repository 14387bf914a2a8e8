package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
)

// site is an index written to memory, read back as the browser would.
type site struct {
	manifest []byte
	files    map[string][]byte
}

// write is the site an index writes: its fragments are read from the
// packs Write gives, not from the fragments (which the test keeps for
// other checks).
func write(x *Index, _ map[string][]byte) *site {
	m, files := x.Write()
	s := &site{manifest: m, files: map[string][]byte{}}
	for _, f := range files {
		s.files[f.Name] = f.Data
	}
	return s
}

func (s *site) read(name string) ([]byte, error) {
	if name == "" {
		return s.manifest, nil
	}
	if d, ok := s.files[name]; ok {
		return d, nil
	}
	return nil, fmt.Errorf("no file %s", name)
}

// page is a test page: key, title, body HTML.
type page struct{ key, title, body string }

func build(t *testing.T, pages []page) (*Index, map[string][]byte) {
	t.Helper()
	x := NewIndex("en-us")
	a := NewAnalyzer("en-us")
	frags := map[string][]byte{}
	for _, p := range pages {
		e := a.Analyze(p.title, "", p.body)
		frags[e.FragmentName] = e.Fragment
		x.Put(p.key, Doc{URL: p.key, Title: p.title}, e)
	}
	return x, frags
}

// top runs a query and returns the URLs of the results in order.
func top(t *testing.T, s *site, q string) []string {
	t.Helper()
	se, err := NewSearcher(s.read)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := se.Search(ParseQuery(q))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		u, _, err := se.Meta(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	return out
}

var corpus = []page{
	{"about-modules", "about Modules", `<h1 id="a">about Modules</h1><p>A module is a package. Import a module with Import-Module; remove a module with Remove-Module.</p>`},
	{"remove-item", "Remove-Item", `<h1 id="a">Remove-Item</h1><p>Deletes files. It does not remove modules.</p>`},
	{"profiles", "about Profiles", `<h1 id="a">about Profiles</h1><h2 id="where">Where profiles are</h2><p>A profile is a script that runs at start.</p>`},
	{"mentions", "Release notes", `<h1 id="a">Release notes</h1><p>module module module module module module module, profile, profile.</p>`},
	{"policies", "about Execution Policies", `<h1 id="a">about Execution Policies</h1><p>The execution policy decides which scripts run.</p>`},
	{"signing", "about Signing", `<h1 id="a">about Signing</h1><p>Signed scripts satisfy an AllSigned policy. Execution of unsigned scripts is blocked.</p>`},
}

func TestRanking(t *testing.T) {
	x, frags := build(t, corpus)
	s := write(x, frags)
	for _, c := range []struct{ q, first string }{
		// The title outweighs many mentions in the body.
		{"module ", "about-modules"},
		{"profiles", "profiles"},
		// Stemming: another form of the word finds the page.
		{"profile ", "profiles"},
		{"execution policies", "policies"},
		{"execution policy", "policies"},
		// Pages with every word come before pages with some.
		{"remove a module", "about-modules"},
		// The word being typed matches the words it begins.
		{"modu", "about-modules"},
		{"execution pol", "policies"},
		// A form the docset does not use finds the stem ("removes").
		{"removes profile", "profiles"},
		// Diacritics and case do not matter.
		{"PRÓFILES", "profiles"},
	} {
		got := top(t, s, c.q)
		if len(got) == 0 || got[0] != c.first {
			t.Errorf("%q: results %v, want %s first", c.q, got, c.first)
		}
	}
	if got := top(t, s, "nosuchword "); len(got) != 0 {
		t.Errorf("a word in no page finds %v", got)
	}
	// A complete word is not a prefix: "script " does not find
	// "scripts"'s pages through expansion but through its stem, and
	// "scr " finds nothing.
	if got := top(t, s, "scr "); len(got) != 0 {
		t.Errorf(`"scr " finds %v`, got)
	}
	if got := top(t, s, "scr"); len(got) < 3 {
		t.Errorf(`"scr" (being typed) finds %v`, got)
	}
	if got := top(t, s, "removes "); len(got) != 2 {
		t.Errorf(`"removes " finds %v, want the two pages with forms of "remove"`, got)
	}
}

func TestChunks(t *testing.T) {
	defer func(v int) { chunkTarget = v }(chunkTarget)
	chunkTarget = 256
	var pages []page
	for i := 0; i < 60; i++ {
		var b strings.Builder
		for k := 0; k < 30; k++ {
			fmt.Fprintf(&b, "word%03d alpha%c%c ", (i*7+k)%90, 'a'+rune(k%26), 'a'+rune(i%26))
		}
		pages = append(pages, page{fmt.Sprintf("p%02d", i), fmt.Sprintf("Page %d", i), "<p>" + b.String() + "</p>"})
	}
	x, frags := build(t, pages)
	s := write(x, frags)
	var m Manifest
	if err := json.Unmarshal(s.manifest, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Chunks) < 10 || m.Chunks[0][0] != "" || m.Docs != 60 || len(m.Blocks) != 2 {
		t.Fatalf("manifest: %d chunks (first %q), %d docs, %d blocks", len(m.Chunks), m.Chunks[0][0], m.Docs, len(m.Blocks))
	}
	if !sort.SliceIsSorted(m.Chunks, func(i, j int) bool { return m.Chunks[i][0] < m.Chunks[j][0] }) {
		t.Error("chunk boundaries are not in order")
	}
	// Every word is in the chunk the manifest points to, and only there.
	se, _ := NewSearcher(s.read)
	seen := map[string]bool{}
	for i, c := range m.Chunks {
		var cj chunkJSON
		if err := se.load(c[1], &cj); err != nil {
			t.Fatal(err)
		}
		for _, w := range cj.Words {
			if seen[w] {
				t.Errorf("%q in two chunks", w)
			}
			seen[w] = true
			if r := se.chunkRange(w, ""); len(r) != 1 || r[0] != c[1] {
				t.Errorf("%q is in chunk %d but the manifest leads to %v", w, i, r)
			}
		}
	}
	// A prefix spanning chunks reads all of them and finds every page.
	if got := top(t, s, "word"); len(got) != 60 {
		t.Errorf(`"word" finds %d pages, want 60`, len(got))
	}
	// Files are gzip, named by their content: chunks and blocks by their
	// JSON, packs (concatenated gzip streams) by their bytes.
	for name, data := range s.files {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		raw, _ := io.ReadAll(zr)
		if _, again := compressed(raw); again != name && contentName(data) != name {
			t.Errorf("%s holds content named %s", name, again)
		}
	}
	// Writing again gives the same files (reproducible builds).
	m2, _ := x.Write()
	if !bytes.Equal(m2, s.manifest) {
		t.Error("a second write changed the manifest")
	}
}

// TestIncremental: replacing a page's entry changes what it is found by,
// keeps the other pages' numbers, and leaves chunks of words it does not
// hold untouched.
func TestIncremental(t *testing.T) {
	x, frags := build(t, corpus)
	before := write(x, frags)
	a := NewAnalyzer("en-us")
	e := a.Analyze("about Profiles", "", `<p>Zanzibar quokka text.</p>`)
	frags[e.FragmentName] = e.Fragment
	x.Put("profiles", Doc{URL: "profiles", Title: "about Profiles"}, e)
	x.Remove("signing")
	after := write(x, frags)
	if got := top(t, after, "quokka "); len(got) != 1 || got[0] != "profiles" {
		t.Errorf("new words find %v", got)
	}
	if got := top(t, after, "unsigned "); len(got) != 0 {
		t.Errorf("a removed page is still found: %v", got)
	}
	if got := top(t, after, "execution policies"); len(got) == 0 || got[0] != "policies" {
		t.Errorf("other pages: %v", got)
	}
	var m1, m2 Manifest
	json.Unmarshal(before.manifest, &m1)
	json.Unmarshal(after.manifest, &m2)
	if m2.Docs != len(corpus)-1 {
		t.Errorf("docs %d after a removal", m2.Docs)
	}
	se1, _ := NewSearcher(before.read)
	se2, _ := NewSearcher(after.read)
	for id := 0; id < 5; id++ {
		u1, _, _ := se1.Meta(id)
		u2, _, _ := se2.Meta(id)
		if u1 != u2 {
			t.Errorf("document %d was %s, is %s", id, u1, u2)
		}
	}
}

// TestWriteKeeping: a write after an edit compresses only the files whose
// content changed: the others are the last write's bytes (Same), and a
// site that holds a file by its name keeps it (no Data). What is written
// reads back as the whole index.
func TestWriteKeeping(t *testing.T) {
	defer func(n int) { chunkTarget = n }(chunkTarget)
	chunkTarget = 64 // several chunks
	x, _ := build(t, corpus)
	var frags []Fragment
	for _, e := range x.Entries() {
		frags = append(frags, Fragment{e.FragmentName, e.Fragment})
	}
	packs, locs := PackFragments(frags)
	_, first := x.WriteKeeping(nil, locs)
	firstData := map[string][]byte{}
	for _, f := range first {
		if f.Data == nil || f.Same {
			t.Fatalf("a first write listed %s as kept or unchanged", f.Name)
		}
		firstData[f.Name] = f.Data
	}
	// A page whose title changes and whose words do not: its metadata
	// block changes, the word chunks do not.
	a := NewAnalyzer("en-us")
	e := a.Analyze("about Profiles", "", corpus[2].body)
	x.Put("profiles", Doc{URL: "profiles", Title: "about Profiles (renamed)"}, e)
	var asked []string
	manifest, second := x.WriteKeeping(func(name string) bool {
		asked = append(asked, name)
		return false // the site keeps nothing
	}, locs)
	same, changed := 0, 0
	for _, f := range second {
		old, was := firstData[f.Name]
		switch {
		case was && (!f.Same || !bytes.Equal(f.Data, old)):
			t.Errorf("%s, unchanged, was not given as the last write's bytes", f.Name)
		case !was && (f.Same || f.Data == nil):
			t.Errorf("%s, new, is listed as unchanged or kept", f.Name)
		case was:
			same++
		default:
			changed++
		}
	}
	if same < 2 || changed != 1 {
		t.Fatalf("a new title left %d files as they were and changed %d, want the chunks kept and the block changed", same, changed)
	}
	if len(asked) != changed {
		t.Errorf("the site was asked about %d files, want the %d changed ones", len(asked), changed)
	}
	s := &site{manifest: manifest, files: map[string][]byte{}}
	for _, f := range second {
		s.files[f.Name] = f.Data
	}
	for _, p := range packs {
		s.files[p.Name] = p.Data
	}
	if got := top(t, s, "execution policies"); len(got) == 0 || got[0] != "policies" {
		t.Errorf("after the edit, the index finds %v", got)
	}
	// A site that keeps every file by its name: nothing new is compressed.
	x.Put("profiles", Doc{URL: "profiles", Title: "about Profiles"}, a.Analyze("about Profiles", "", `<p>Other words.</p>`))
	_, third := x.WriteKeeping(func(string) bool { return true }, locs)
	for _, f := range third {
		if !f.Same && f.Data != nil {
			t.Errorf("%s was compressed though the site keeps it", f.Name)
		}
	}
}

// TestReuseLayout: an index given the layout of a write from the same
// entries names the same word chunks without laying them out (the site
// keeps their files), and lays them out when an entry changed or the
// site lacks a file.
func TestReuseLayout(t *testing.T) {
	defer func(n int) { chunkTarget = n }(chunkTarget)
	chunkTarget = 64 // several chunks
	keyed := func(pages []page) *Index {
		x := NewIndex("en-us")
		a := NewAnalyzer("en-us")
		for _, p := range pages {
			e := a.Analyze(p.title, "", p.body)
			e.Key = sha256.Sum256([]byte(p.title + "\x00" + p.body))
			x.Put(p.key, Doc{URL: p.key, Title: p.title}, e)
		}
		return x
	}
	x := keyed(corpus)
	locs := map[string]FragmentLoc{}
	wantManifest, first := x.WriteKeeping(func(string) bool { return false }, locs)
	layout := x.Layout()
	if layout.Sum == ([32]byte{}) || len(layout.Chunks) < 2 {
		t.Fatalf("a write from keyed entries gave the layout %+v", layout)
	}
	chunkNames := map[string]bool{}
	for _, c := range layout.Chunks {
		chunkNames[c[1]] = true
	}
	var blocks []string
	for _, f := range first {
		if !chunkNames[f.Name] {
			blocks = append(blocks, f.Name)
		}
	}
	// write tells whether the chunks were laid out, and how many files
	// the site was asked about.
	write := func(x *Index, keep func(string) bool) (manifest []byte, laidOut bool, asks int) {
		asked := map[string]bool{}
		before := chunkLayouts.Load()
		manifest, _ = x.WriteKeeping(func(name string) bool {
			asked[name] = true
			return keep(name)
		}, locs)
		return manifest, chunkLayouts.Load() != before, len(asked)
	}
	all := func(string) bool { return true }

	y := keyed(corpus)
	y.Reuse(layout)
	if m, n, asks := write(y, all); n || asks != len(chunkNames)+len(blocks) || !bytes.Equal(m, wantManifest) {
		t.Errorf("the same entries: chunks laid out %v, %d files asked about (want %d), manifest\n%s\nwant\n%s",
			n, asks, len(chunkNames)+len(blocks), m, wantManifest)
	}
	if got := y.Layout(); got.Sum != layout.Sum || len(got.Chunks) != len(layout.Chunks) {
		t.Errorf("a reused layout gave the layout %+v, want %+v", got, layout)
	}

	// The site lost a chunk: the chunks are laid out, the same as before.
	lost := layout.Chunks[1][1]
	z := keyed(corpus)
	z.Reuse(layout)
	if m, n, _ := write(z, func(name string) bool { return name != lost }); !n || !bytes.Equal(m, wantManifest) {
		t.Errorf("a chunk lost: chunks laid out %v, manifest\n%s\nwant\n%s", n, m, wantManifest)
	}

	// A page's text changed: its words are laid out, though the site
	// has the old chunks.
	edited := append([]page(nil), corpus...)
	edited[2].body += `<p>Quokkas.</p>`
	w := keyed(edited)
	w.Reuse(layout)
	m, n, _ := write(w, all)
	if !n || bytes.Equal(m, wantManifest) {
		t.Errorf("an edited page's index named the chunks of the old one")
	}
	s := &site{manifest: m, files: map[string][]byte{}}
	w.Reuse(layout)
	_, files := w.WriteKeeping(nil, locs)
	for _, f := range files {
		s.files[f.Name] = f.Data
	}
	if got := top(t, s, "quokkas"); len(got) != 1 || got[0] != "profiles" {
		t.Errorf("the edited page's new word finds %v", got)
	}

	// Entries without keys: no layout.
	u, _ := build(t, corpus)
	u.WriteKeeping(nil, locs)
	if got := u.Layout(); got.Sum != ([32]byte{}) {
		t.Errorf("entries without keys gave a layout sum")
	}
}
