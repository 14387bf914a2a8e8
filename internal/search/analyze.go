package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// Field weights: a word in the title counts as much as ten in the body,
// one in a heading as four, one in the description as two.
const (
	weightTitle   = 10
	weightHeading = 4
	weightDesc    = 2
	weightBody    = 1
	// Bonuses on top of the saturated score, so a page about the word
	// (its title says so) ranks above a page that mentions it often.
	bonusTitle   = 2.0
	bonusHeading = 0.6
	// BM25's k1 and b, with a fixed average page length: a page's weights
	// then never change when another page changes, which keeps serve's
	// updates to the entries of the pages that changed.
	bm25K1   = 1.2
	bm25B    = 0.5
	avgWords = 600
	// scoreScale maps a weight to the byte stored in postings.
	scoreScale = 32
	// maxFragmentText bounds the text kept for snippets (bytes).
	maxFragmentText = 12 << 10
)

// Entry is one page in one cloud, analysed: its stems with their weights,
// the surface words that lead to them, and its text fragment.
type Entry struct {
	Stems []StemWeight // sorted by stem
	Words []WordStem   // sorted by word
	// Fragment is the gzip-compressed JSON of the page's text, headings
	// and description, for snippets; FragmentName its content-hashed name.
	Fragment     []byte
	FragmentName string
}

// StemWeight is a stem of a page and its weight (1-255).
type StemWeight struct {
	Stem   string
	Weight uint8
}

// WordStem maps a surface word (folded) to an index into Entry.Stems.
type WordStem struct {
	Word string
	Stem int
}

type counts struct{ title, heading, desc, body int }

// Analyzer turns page text into Entries for one locale. It keeps a stem
// cache, so it is not safe for concurrent use; see Pool.
type Analyzer struct {
	stemmer *Stemmer
	words   map[string]int32 // word -> index in accs
	accs    []wordAcc
}

type wordAcc struct {
	word, stem string
	c          counts
}

// Pool hands out Analyzers per locale to concurrent render workers.
type Pool struct{ m sync.Map } // locale -> *sync.Pool

// Get returns an Analyzer for the locale; Put it back when done.
func (p *Pool) Get(locale string) *Analyzer {
	v, _ := p.m.LoadOrStore(locale, &sync.Pool{New: func() any {
		return NewAnalyzer(locale)
	}})
	return v.(*sync.Pool).Get().(*Analyzer)
}

// Put returns an Analyzer to the pool.
func (p *Pool) Put(locale string, a *Analyzer) {
	if v, ok := p.m.Load(locale); ok {
		v.(*sync.Pool).Put(a)
	}
}

// NewAnalyzer returns an Analyzer for a locale.
func NewAnalyzer(locale string) *Analyzer {
	return &Analyzer{stemmer: NewStemmer(locale), words: map[string]int32{}}
}

func (a *Analyzer) add(text string, field int) int {
	n := 0
	Words(text, func(w string) {
		n++
		i, ok := a.words[w]
		if !ok {
			i = int32(len(a.accs))
			a.accs = append(a.accs, wordAcc{word: w, stem: a.stemmer.Stem(w)})
			a.words[w] = i
		}
		acc := &a.accs[i]
		switch field {
		case 0:
			acc.c.title++
		case 1:
			acc.c.heading++
		case 2:
			acc.c.desc++
		default:
			acc.c.body++
		}
	})
	return n
}

// Analyze indexes a page: its title, description and rendered body (the
// HTML for one cloud).
func (a *Analyzer) Analyze(title, description, body string) *Entry {
	return a.AnalyzeText(title, description, Extract(body))
}

// AnalyzeText is Analyze for a body already extracted: the build compares
// a page's text between clouds and analyses it again only when it differs
// (bodies often differ in their links' URLs alone).
func (a *Analyzer) AnalyzeText(title, description string, x Extracted) *Entry {
	clear(a.words)
	a.accs = a.accs[:0]
	a.add(title, 0)
	for _, h := range x.Headings {
		a.add(h.Text, 1)
	}
	a.add(description, 2)
	length := a.add(x.Text, 3)
	e := a.entry(length)
	e.Fragment, e.FragmentName = fragment(x, description)
	return e
}

func (a *Analyzer) entry(length int) *Entry {
	byStem := make(map[string]*counts, len(a.accs))
	for i := range a.accs {
		acc := &a.accs[i]
		c := byStem[acc.stem]
		if c == nil {
			c = &counts{}
			byStem[acc.stem] = c
		}
		c.title += acc.c.title
		c.heading += acc.c.heading
		c.desc += acc.c.desc
		c.body += acc.c.body
	}
	e := &Entry{Stems: make([]StemWeight, 0, len(byStem))}
	for s := range byStem {
		e.Stems = append(e.Stems, StemWeight{Stem: s})
	}
	slices.SortFunc(e.Stems, func(a, b StemWeight) int { return strings.Compare(a.Stem, b.Stem) })
	pos := make(map[string]int, len(e.Stems))
	norm := bm25K1 * (1 - bm25B + bm25B*float64(length)/avgWords)
	for i := range e.Stems {
		s := e.Stems[i].Stem
		pos[s] = i
		e.Stems[i].Weight = weight(*byStem[s], norm)
	}
	words := make([]WordStem, 0, len(a.accs))
	for i := range a.accs {
		words = append(words, WordStem{Word: Fold(a.accs[i].word), Stem: pos[a.accs[i].stem]})
	}
	// Sort, and keep one entry per folded word (two spellings that fold
	// alike may stem apart; the first stem wins).
	slices.SortFunc(words, func(a, b WordStem) int {
		if c := strings.Compare(a.Word, b.Word); c != 0 {
			return c
		}
		return a.Stem - b.Stem
	})
	out := words[:0]
	for _, w := range words {
		if len(out) == 0 || out[len(out)-1].Word != w.Word {
			out = append(out, w)
		}
	}
	e.Words = out
	return e
}

// weight is a stem's BM25-style score on a page, with its fields weighted,
// as a byte.
func weight(c counts, norm float64) uint8 {
	tf := float64(weightTitle*c.title + weightHeading*c.heading + weightDesc*c.desc + weightBody*c.body)
	s := tf * (bm25K1 + 1) / (tf + norm)
	if c.title > 0 {
		s += bonusTitle
	}
	if c.heading > 0 {
		s += bonusHeading
	}
	v := math.Round(s * scoreScale)
	switch {
	case v < 1:
		return 1
	case v > 255:
		return 255
	}
	return uint8(v)
}

// fragmentJSON is what the browser reads for a snippet: the text (cut to
// maxFragmentText), its headings as [offset, id] pairs with offsets in
// UTF-16 code units (JavaScript string indexes), and the description.
type fragmentJSON struct {
	Text        string  `json:"t"`
	Headings    [][]any `json:"h,omitempty"`
	Description string  `json:"d,omitempty"`
}

func fragment(x Extracted, description string) ([]byte, string) {
	text := x.Text
	if len(text) > maxFragmentText {
		cut := maxFragmentText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	f := fragmentJSON{Text: text, Description: description}
	at, units := 0, 0 // byte offset in text and its UTF-16 length
	for _, h := range x.Headings {
		if h.Offset > len(text) {
			break
		}
		units += utf16Len(text[at:h.Offset])
		at = h.Offset
		if h.ID != "" {
			f.Headings = append(f.Headings, []any{units, h.ID})
		}
	}
	data, _ := json.Marshal(f)
	return compressed(data)
}

func utf16Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += len(utf16.Encode([]rune{r}))
		i += size
	}
	return n
}

var gzPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// compressed gzips data and names it by the hash of its content: a
// browser may cache it for good, and identical files (a page whose text
// is the same in every cloud) share one name.
func compressed(data []byte) ([]byte, string) {
	sum := sha256.Sum256(data)
	var buf bytes.Buffer
	w := gzPool.Get().(*gzip.Writer)
	w.Reset(&buf)
	w.Write(data)
	w.Close()
	gzPool.Put(w)
	return buf.Bytes(), hex.EncodeToString(sum[:8]) + ".bin"
}
