package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query is what a reader typed: its words (folded, without repeats) and
// whether the last one may be incomplete (nothing follows it yet).
type Query struct {
	Words  []string
	Prefix bool
}

// ParseQuery reads a query as static/ts/search/engine.ts's parseQuery
// does.
func ParseQuery(q string) Query {
	var all []string
	Words(q, func(w string) { all = append(all, Fold(w)) })
	seen := map[string]bool{}
	var out Query
	for _, w := range all {
		if w != "" && !seen[w] {
			seen[w] = true
			out.Words = append(out.Words, w)
		}
	}
	if n := len(out.Words); n > 0 && all[len(all)-1] == out.Words[n-1] {
		r, _ := utf8.DecodeLastRuneInString(q)
		out.Prefix = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
	}
	return out
}

// Hit is a ranked page: its document number in the index and its score.
type Hit struct {
	ID    int
	Score float64
}

// Reader reads an index's files by name (the manifest is "").
type Reader func(name string) ([]byte, error)

// Searcher answers queries from an index's files, as the browser does.
type Searcher struct {
	read     Reader
	manifest Manifest
	files    map[string]any
}

// NewSearcher reads the manifest.
func NewSearcher(read Reader) (*Searcher, error) {
	s := &Searcher{read: read, files: map[string]any{}}
	data, err := read("")
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &s.manifest); err != nil {
		return nil, fmt.Errorf("search manifest: %w", err)
	}
	return s, nil
}

func (s *Searcher) load(name string, v any) error {
	data, err := s.read(name)
	if err != nil {
		return err
	}
	return decodeJSON(data, v)
}

// decodeJSON decodes JSON, gunzipping it first when it is gzipped.
func decodeJSON(data []byte, v any) error {
	if len(data) > 1 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return err
		}
		if data, err = io.ReadAll(zr); err != nil {
			return err
		}
	}
	return json.Unmarshal(data, v)
}

func (s *Searcher) chunk(name string) (*chunkJSON, error) {
	if c, ok := s.files[name].(*chunkJSON); ok {
		return c, nil
	}
	c := &chunkJSON{}
	if err := s.load(name, c); err != nil {
		return nil, err
	}
	s.files[name] = c
	return c, nil
}

// chunkRange names the chunks that may hold words from lo to hi (exclusive);
// hi "" means only lo's chunk.
func (s *Searcher) chunkRange(lo, hi string) []string {
	cs := s.manifest.Chunks
	at := sort.Search(len(cs), func(i int) bool { return cs[i][0] > lo }) - 1
	if at < 0 {
		return nil
	}
	out := []string{cs[at][1]}
	if hi != "" {
		for i := at + 1; i < len(cs) && cs[i][0] < hi; i++ {
			out = append(out, cs[i][1])
		}
	}
	return out
}

type candidate struct {
	post   []int
	factor float64
}

const (
	prefixFactor  = 0.9
	maxExpansions = 100
)

// Search ranks the index's pages for the query.
func (s *Searcher) Search(q Query) ([]Hit, error) {
	n := float64(s.manifest.Docs)
	idf := func(df int) float64 { return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)) }
	scores := map[int]float64{}
	covered := map[int]float64{}
	total := 0.0
	for i, w := range q.Words {
		isPrefix := q.Prefix && i == len(q.Words)-1
		hi := ""
		if isPrefix && utf16Len(w) >= 2 {
			hi = w + "\uffff"
		}
		var chunks []*chunkJSON
		for _, name := range s.chunkRange(w, hi) {
			c, err := s.chunk(name)
			if err != nil {
				return nil, err
			}
			chunks = append(chunks, c)
		}
		cands := candidates(chunks, w, isPrefix)
		if len(cands) == 0 {
			continue
		}
		// A word and the words it begins are one term: its rarity is that
		// of the pages holding any of them, so a rare completion does not
		// outrank the word itself.
		best := map[int]float64{}
		for _, c := range cands {
			id := 0
			for k := 0; k+1 < len(c.post); k += 2 {
				id += c.post[k]
				if v := c.factor * float64(c.post[k+1]) / scoreScale; v > best[id] {
					best[id] = v
				}
			}
		}
		f := idf(len(best))
		total += f
		for id, v := range best {
			scores[id] += f * v
			covered[id] += f
		}
	}
	hits := make([]Hit, 0, len(scores))
	for id, v := range scores {
		c := covered[id] / total
		hits = append(hits, Hit{id, v * c * c})
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].ID < hits[j].ID
	})
	return hits, nil
}

// expansionFactor discounts a word the typed prefix begins, the more the
// longer it is: "modu" is more likely "module" than "modulepath".
func expansionFactor(prefix, word string) float64 {
	r := float64(utf16Len(prefix)) / float64(utf16Len(word))
	return prefixFactor * r * r
}

func candidates(chunks []*chunkJSON, w string, isPrefix bool) []candidate {
	type key struct{ c, g int }
	groups := map[key]*candidate{}
	var order []key
	add := func(ci, g int, factor float64) {
		k := key{ci, g}
		if have, ok := groups[k]; ok {
			have.factor = math.Max(have.factor, factor)
			return
		}
		groups[k] = &candidate{chunks[ci].Posts[g], factor}
		order = append(order, k)
	}
	exact := false
	for ci, c := range chunks {
		at := sort.SearchStrings(c.Words, w)
		if at < len(c.Words) && c.Words[at] == w {
			add(ci, c.Group[at], 1)
			exact = true
		}
	}
	expanded := 0
	if isPrefix && utf16Len(w) >= 2 {
		for ci, c := range chunks {
			for k := sort.SearchStrings(c.Words, w); k < len(c.Words) && strings.HasPrefix(c.Words[k], w) && expanded < maxExpansions; k++ {
				if c.Words[k] != w {
					add(ci, c.Group[k], expansionFactor(w, c.Words[k]))
					expanded++
				}
			}
		}
	}
	if !exact && expanded == 0 && len(chunks) > 0 {
		for g, st := range chunks[0].Stems {
			if utf16Len(st) >= 3 && utf16Len(st) >= utf16Len(w)-4 && strings.HasPrefix(w, st) {
				add(0, g, prefixFactor)
			}
		}
	}
	out := make([]candidate, 0, len(order))
	for _, k := range order {
		out = append(out, *groups[k])
	}
	return out
}

// Meta is a page's metadata as stored: URL, title, breadcrumb, fragment.
func (s *Searcher) Meta(id int) (url, title string, err error) {
	b := id / s.manifest.BlockDocs
	if b >= len(s.manifest.Blocks) {
		return "", "", fmt.Errorf("no document %d", id)
	}
	name := s.manifest.Blocks[b]
	block, ok := s.files[name].([]json.RawMessage)
	if !ok {
		if err := s.load(name, &block); err != nil {
			return "", "", err
		}
		s.files[name] = block
	}
	var rec []any
	if id%s.manifest.BlockDocs >= len(block) {
		return "", "", fmt.Errorf("no document %d", id)
	}
	if err := json.Unmarshal(block[id%s.manifest.BlockDocs], &rec); err != nil || len(rec) < 2 {
		return "", "", fmt.Errorf("document %d removed", id)
	}
	url, _ = rec[0].(string)
	title, _ = rec[1].(string)
	return url, title, nil
}

// Fragment is where a page's text fragment is: its pack's file name and
// its offset and length there.
func (s *Searcher) Fragment(id int) (FragmentLoc, error) {
	b := id / s.manifest.BlockDocs
	if b >= len(s.manifest.Blocks) {
		return FragmentLoc{}, fmt.Errorf("no document %d", id)
	}
	if _, _, err := s.Meta(id); err != nil {
		return FragmentLoc{}, err
	}
	block := s.files[s.manifest.Blocks[b]].([]json.RawMessage)
	var rec []any
	_ = json.Unmarshal(block[id%s.manifest.BlockDocs], &rec)
	if len(rec) < 6 {
		return FragmentLoc{}, fmt.Errorf("document %d has no fragment", id)
	}
	name, _ := rec[3].(string)
	off, _ := rec[4].(float64)
	n, _ := rec[5].(float64)
	return FragmentLoc{Pack: name, Off: int(off), Len: int(n)}, nil
}

// FragmentText is the text of a page's fragment (what snippets come from),
// read from its pack as the browser reads it: the bytes the block gives.
func (s *Searcher) FragmentText(id int) (string, error) {
	at, err := s.Fragment(id)
	if err != nil {
		return "", err
	}
	pack, err := s.read(at.Pack)
	if err != nil {
		return "", err
	}
	if at.Off < 0 || at.Len <= 0 || at.Off+at.Len > len(pack) {
		return "", fmt.Errorf("document %d: fragment %d+%d outside its pack of %d bytes", id, at.Off, at.Len, len(pack))
	}
	var f fragmentJSON
	if err := decodeJSON(pack[at.Off:at.Off+at.Len], &f); err != nil {
		return "", err
	}
	return f.Text, nil
}
