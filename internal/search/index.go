package search

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Doc is what a result shows of a page: its URL below the locale and
// cloud's home (as "powershell-7.4/microsoft.powershell.core/remove-module"),
// title and breadcrumb.
type Doc struct {
	URL        string
	Title      string
	Breadcrumb []string
}

// Index holds the entries of one locale and cloud, one per page. Put and
// Remove may be called from concurrent render workers.
type Index struct {
	Locale string
	mu     sync.Mutex
	docs   map[string]*record // by page key
	// ids keep a page's document number between writes, so that a serve
	// update changes only the chunks that hold the words of the pages it
	// changed. They are given in key order at the first write, which
	// keeps one-shot builds reproducible.
	ids    map[string]int
	nextID int
	// last is the compressed files of the last write by name: what an
	// update leaves as it was is not compressed again.
	last map[string][]byte
	// reuse is an earlier write's word chunks (Reuse), layout this
	// write's (Layout); reused tells whether it was reuse.
	reuse, layout Layout
	reused        bool
}

// Layout is what a write made of an index's word chunks: their first
// words and file names, and a hash of what they were laid out from (the
// entries' keys in document order). The build keeps it beside the site
// and gives it to the next build's index (Reuse), which then names the
// same chunks without laying them out again when its entries are the
// same and the site still has the files: in a rebuild after one page was
// edited, every other cloud's.
type Layout struct {
	Sum    [32]byte    `json:"sum"`
	Chunks [][2]string `json:"chunks"`
}

// Reuse gives the next write the chunks of an earlier one (see Layout).
func (x *Index) Reuse(l Layout) {
	x.mu.Lock()
	x.reuse = l
	x.mu.Unlock()
}

// Layout is the chunks of the last write, with no Sum when a page's
// entry had no Key.
func (x *Index) Layout() Layout {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.layout
}

// Reused tells whether the last write named an earlier write's chunks
// (Reuse) instead of laying them out.
func (x *Index) Reused() bool {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.reused
}

// layoutSum hashes what the word chunks are laid out from: the entries'
// keys by document number, and the layout's own parameters; false when
// an entry has no key.
func layoutSum(byID []*record) ([32]byte, bool) {
	h := sha256.New()
	fmt.Fprintf(h, "docloom word chunks %d %d\n", FormatVersion, chunkTarget)
	for _, r := range byID {
		if r == nil {
			h.Write([]byte{0})
			continue
		}
		if r.entry.Key == ([32]byte{}) {
			return [32]byte{}, false
		}
		h.Write([]byte{1})
		h.Write(r.entry.Key[:])
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum, true
}

type record struct {
	doc   Doc
	entry *Entry
}

// NewIndex returns an empty index for a locale's language.
func NewIndex(locale string) *Index {
	return &Index{Locale: locale, docs: map[string]*record{}, ids: map[string]int{}}
}

// Put adds or replaces the page's entry.
func (x *Index) Put(key string, d Doc, e *Entry) {
	x.mu.Lock()
	x.docs[key] = &record{d, e}
	x.mu.Unlock()
}

// Remove drops the page's entry (a page deleted, or no longer in this cloud).
func (x *Index) Remove(key string) {
	x.mu.Lock()
	delete(x.docs, key)
	x.mu.Unlock()
}

// Len is the number of pages in the index.
func (x *Index) Len() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.docs)
}

// File is an output file of the index, relative to the folder the
// content-hashed files go to.
type File struct {
	Name string
	Data []byte // nil: the site keeps the file it has (see WriteKeeping)
	// Same: the index's last write gave the same file.
	Same bool
}

// chunkTarget is the uncompressed size a word chunk grows to before the
// next word starts a new one: about 10 KB once compressed. Tests make it
// small.
var chunkTarget = 48 << 10

// Tuning of the file layout.
const (
	// blockDocs is how many documents a metadata block describes.
	blockDocs = 32
	// FormatVersion changes whenever the files' format does.
	FormatVersion = 2
)

// Manifest is the one file of an index with a fixed name: the browser
// reads it first (revalidating it on every visit) to learn the names of
// the content-hashed files.
type Manifest struct {
	Version   int         `json:"v"`
	Language  string      `json:"lang"`
	Docs      int         `json:"n"`
	Chunks    [][2]string `json:"chunks"` // first word, file name
	Blocks    []string    `json:"blocks"` // metadata block files, blockDocs documents each
	BlockDocs int         `json:"block"`
}

// Write lays the index out as files: the manifest and the word chunks and
// metadata blocks it names, and the packs of its pages' fragments. A
// site's indexes share fragments between clouds, and the build packs a
// locale's fragments once (PackFragments) and calls WriteKeeping.
func (x *Index) Write() (manifest []byte, files []File) {
	var frags []Fragment
	for _, e := range x.Entries() {
		frags = append(frags, Fragment{Name: e.FragmentName, Data: e.Fragment})
	}
	packs, locs := PackFragments(frags)
	manifest, files = x.WriteKeeping(nil, locs)
	for _, p := range packs {
		files = append(files, File{Name: p.Name, Data: p.Data})
	}
	return manifest, files
}

// WriteKeeping is Write for a site that may hold some of the files
// already: keep, when not nil, is asked for each file by its content-
// hashed name, before it is compressed, whether the site keeps the file
// it has by that name; those files are listed with no Data. Files this
// index wrote last time, unchanged, have Same set and are not compressed
// again. locs gives the place of each page's fragment in its pack (a
// page whose fragment it lacks gets no snippet); the packs are the
// caller's to write.
func (x *Index) WriteKeeping(keep func(name string) bool, locs map[string]FragmentLoc) (manifest []byte, files []File) {
	x.mu.Lock()
	defer x.mu.Unlock()
	byID := x.assignIDs()
	m := Manifest{Version: FormatVersion, Language: Language(x.Locale), Docs: len(x.docs), BlockDocs: blockDocs}
	last := x.last
	x.last = map[string][]byte{}
	kept := map[string]bool{} // keep's answers: it is asked once a name
	keeps := func(name string) bool {
		if keep == nil {
			return false
		}
		k, ok := kept[name]
		if !ok {
			k = keep(name)
			kept[name] = k
		}
		return k
	}
	add := func(raw []byte) string {
		name := contentName(raw)
		f := File{Name: name}
		switch data, ok := last[name]; {
		case ok:
			f.Data, f.Same = data, true
		case keeps(name):
		default:
			f.Data = compressedData(raw, gzipLevel)
		}
		if f.Data != nil {
			x.last[name] = f.Data
		}
		files = append(files, f)
		return name
	}
	sum, summed := layoutSum(byID)
	x.reused = false
	if reuse := x.reuse; summed && reuse.Sum == sum && len(reuse.Chunks) > 0 && keep != nil && len(last) == 0 &&
		!slices.ContainsFunc(reuse.Chunks, func(c [2]string) bool { return !keeps(c[1]) }) {
		// The same chunks as the write reuse comes from, and the site
		// keeps them all.
		for _, c := range reuse.Chunks {
			m.Chunks = append(m.Chunks, c)
			files = append(files, File{Name: c[1]})
		}
		x.reused = true
	} else {
		for _, c := range x.chunks(byID) {
			m.Chunks = append(m.Chunks, [2]string{c.first, add(c.data)})
		}
	}
	x.reuse, x.layout = Layout{}, Layout{}
	if summed {
		x.layout = Layout{Sum: sum, Chunks: slices.Clone(m.Chunks)}
	}
	for start := 0; start < len(byID); start += blockDocs {
		m.Blocks = append(m.Blocks, add(metaBlock(byID[start:min(start+blockDocs, len(byID))], locs)))
	}
	manifest, _ = json.Marshal(m)
	return manifest, files
}

// ForgetFiles drops the bytes of the files of the last write, which the
// index keeps so that the next write need not compress them again: for a
// build that writes it once.
func (x *Index) ForgetFiles() {
	x.mu.Lock()
	x.last = nil
	x.mu.Unlock()
}

// metaBlock is the JSON of a metadata block: per document its URL, title,
// breadcrumb and where its fragment is: pack name, offset and length
// (null for a number no page has now).
func metaBlock(recs []*record, locs map[string]FragmentLoc) []byte {
	block := make([]any, 0, len(recs))
	for _, r := range recs {
		if r == nil {
			block = append(block, nil)
			continue
		}
		crumbs := r.doc.Breadcrumb
		if crumbs == nil {
			crumbs = []string{}
		}
		rec := []any{r.doc.URL, r.doc.Title, crumbs}
		if at, ok := locs[r.entry.FragmentName]; ok {
			rec = append(rec, at.Pack, at.Off, at.Len)
		}
		block = append(block, rec)
	}
	data, _ := json.Marshal(block)
	return data
}

// Fragments are the fragment file names the index's pages use.
func (x *Index) Fragments() []string {
	x.mu.Lock()
	defer x.mu.Unlock()
	var out []string
	for _, r := range x.docs {
		out = append(out, r.entry.FragmentName)
	}
	sort.Strings(out)
	return out
}

// assignIDs gives new pages numbers (in key order) and returns the records
// by number, nil where a page was removed.
func (x *Index) assignIDs() []*record {
	var fresh []string
	for k := range x.docs {
		if _, ok := x.ids[k]; !ok {
			fresh = append(fresh, k)
		}
	}
	sort.Strings(fresh)
	for _, k := range fresh {
		x.ids[k] = x.nextID
		x.nextID++
	}
	// Forget removed pages, and trailing holes with them.
	for k := range x.ids {
		if _, ok := x.docs[k]; !ok {
			delete(x.ids, k)
		}
	}
	byID := make([]*record, x.nextID)
	last := -1
	for k, id := range x.ids {
		byID[id] = x.docs[k]
		last = max(last, id)
	}
	return byID[:last+1]
}

type chunk struct {
	first string
	data  []byte
}

// chunkJSON is a word chunk: its words in order, each word's group, and
// per group the stem and its postings (document number deltas and
// weights, interleaved), as the browser and Searcher read it.
type chunkJSON struct {
	Words []string `json:"w"`
	Group []int    `json:"g"`
	Stems []string `json:"s"`
	Posts [][]int  `json:"p"`
}

// chunkOut is a chunkJSON being written, its groups' postings already in
// JSON ("3,40,1,12" without the brackets): as ints (16 bytes a posting)
// the postings of a 20,000-page cloud were hundreds of megabytes while its
// chunks were laid out; as text, 6 bytes or so.
type chunkOut struct {
	Words []string
	Group []int
	Stems []string
	Posts [][]byte
}

// encode writes the chunk as JSON, faster than encoding/json: words and
// stems hold only letters, digits and marks, which JSON takes as they are.
func (c *chunkOut) encode() []byte {
	n := 64
	for _, w := range c.Words {
		n += len(w) + 8
	}
	for _, p := range c.Posts {
		n += len(p) + 3
	}
	b := make([]byte, 0, n)
	strs := func(key string, ss []string) {
		b = append(b, key...)
		for i, s := range ss {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '"')
			b = append(b, s...)
			b = append(b, '"')
		}
		b = append(b, ']')
	}
	strs(`{"w":[`, c.Words)
	b = append(b, `,"g":[`...)
	for i, x := range c.Group {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	b = append(b, ']')
	strs(`,"s":[`, c.Stems)
	b = append(b, `,"p":[`...)
	for i, p := range c.Posts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = append(b, p...)
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// chunkLayouts counts the calls of chunks, for tests.
var chunkLayouts atomic.Int64

// chunks inverts the entries: every surface word to its stem's postings,
// split into chunks of consecutive words.
func (x *Index) chunks(byID []*record) []chunk {
	chunkLayouts.Add(1)
	var lex *Lexicon
	for _, r := range byID {
		if r != nil {
			lex = r.entry.lex
			break
		}
	}
	if lex == nil {
		return nil
	}
	folded, stems := lex.strings()
	// Postings by stem number (document number deltas and weights,
	// interleaved, in JSON) with their count of numbers, and each word's
	// stem plus one (0: not in this index).
	entries := make([]*Entry, len(byID))
	for id, r := range byID {
		if r == nil {
			continue
		}
		e := r.entry
		if e.lex != lex {
			e = e.in(lex)
		}
		entries[id] = e
	}
	folded, stems = lex.strings()
	// Two passes: the first measures each stem's postings (their JSON's
	// length), the second writes them into one buffer cut to those
	// lengths: appended one by one, they grew by copying (a fifth of
	// laying out the chunks).
	posts := make([][]byte, len(stems))
	nums := make([]int, len(stems))
	last := make([]int, len(stems))
	postLen := make([]int, len(stems))
	wordStem := make([]uint32, len(folded))
	total := 0
	for id, e := range entries {
		if e == nil {
			continue
		}
		for _, s := range e.Stems {
			n := decimalLen(id-last[s.Stem]) + decimalLen(int(s.Weight)) + 1
			if nums[s.Stem] > 0 {
				n++
			}
			postLen[s.Stem] += n
			total += n
			nums[s.Stem] += 2
			last[s.Stem] = id
		}
		for _, w := range e.Words {
			if wordStem[w.Word] == 0 {
				wordStem[w.Word] = w.Stem + 1
			}
		}
	}
	arena := make([]byte, 0, total)
	for st, n := range postLen {
		if n > 0 {
			posts[st] = arena[len(arena) : len(arena) : len(arena)+n]
			arena = arena[:len(arena)+n]
		}
	}
	clear(last)
	for id, e := range entries {
		if e == nil {
			continue
		}
		for _, s := range e.Stems {
			p := posts[s.Stem]
			if len(p) > 0 {
				p = append(p, ',')
			}
			p = strconv.AppendInt(p, int64(id-last[s.Stem]), 10)
			p = append(p, ',')
			posts[s.Stem] = strconv.AppendInt(p, int64(s.Weight), 10)
			last[s.Stem] = id
		}
	}
	var out []chunk
	var cur chunkOut
	group := make([]int32, len(stems)) // stem's group in cur, plus one
	var grouped []uint32
	chunkSize := 0
	flush := func() {
		if len(cur.Words) == 0 {
			return
		}
		out = append(out, chunk{first: cur.Words[0], data: cur.encode()})
		cur = chunkOut{}
		for _, s := range grouped {
			group[s] = 0
		}
		grouped = grouped[:0]
		chunkSize = 0
	}
	for _, w := range lex.sortedWords() {
		if int(w) >= len(wordStem) || wordStem[w] == 0 {
			continue // not in this index
		}
		if chunkSize >= chunkTarget {
			flush()
		}
		s := wordStem[w] - 1
		g := int(group[s]) - 1
		if g < 0 {
			g = len(cur.Stems)
			group[s] = int32(g + 1)
			grouped = append(grouped, s)
			cur.Stems = append(cur.Stems, stems[s])
			cur.Posts = append(cur.Posts, posts[s])
			chunkSize += len(stems[s]) + 4*nums[s]
		}
		cur.Words = append(cur.Words, folded[w])
		cur.Group = append(cur.Group, g)
		chunkSize += len(folded[w]) + 4
	}
	flush()
	if len(out) > 0 {
		out[0].first = "" // the first chunk holds every word before the second's
	}
	return out
}

// decimalLen is the number of digits of n >= 0 in base 10.
func decimalLen(n int) int {
	d := 1
	for n >= 10 {
		n /= 10
		d++
	}
	return d
}

// in is the entry with its numbers in another lexicon (an index fed by
// analyzers that do not share one, as in tests).
func (e *Entry) in(lex *Lexicon) *Entry {
	folded, stems := e.lex.strings()
	out := &Entry{lex: lex, Stems: make([]StemWeight, len(e.Stems)), Words: make([]WordStem, len(e.Words))}
	for i, s := range e.Stems {
		out.Stems[i] = StemWeight{lex.stemNumber(stems[s.Stem]), s.Weight}
	}
	for i, w := range e.Words {
		out.Words[i] = WordStem{lex.foldNumber(folded[w.Word]), lex.stemNumber(stems[w.Stem])}
	}
	return out
}

// Key names a page for Put and Remove: unique within a locale and cloud.
func Key(rel string) string { return strings.ToLower(rel) }
