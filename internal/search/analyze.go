package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/gzip"
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
// the surface words that lead to them, and its text fragment. Words and
// stems are numbers in the locale's Lexicon.
type Entry struct {
	lex   *Lexicon
	Stems []StemWeight // by stem number
	Words []WordStem   // one per folded word, in no particular order
	// Fragment is the gzip-compressed JSON of the page's text, headings
	// and description, for snippets; FragmentName its content-hashed name.
	Fragment     []byte
	FragmentName string
	// Key names the analysed text for the build (its page cache's key
	// of the title, description, text and headings), zero when it has
	// none: an index whose entries all have one knows what its word
	// chunks are laid out from (Layout).
	Key [32]byte
}

// StemWeight is a stem of a page and its weight (1-255).
type StemWeight struct {
	Stem   uint32
	Weight uint8
}

// WordStem is a surface word of a page (lower-cased, folded) and its stem.
type WordStem struct {
	Word, Stem uint32
}

type counts struct{ title, heading, desc, body int32 }

// stemMark is a stem's counts on the page of generation gen; foldMark
// where a folded word is in the page's words.
type (
	stemMark struct {
		gen uint32
		c   counts
	}
	foldMark struct {
		gen uint32
		at  int32
	}
)

// Lexicon numbers the words and stems met in one locale's pages, so that
// entries hold numbers instead of strings and the index inverts them with
// slices instead of maps; each distinct word is stemmed and folded once per
// build. It is safe for concurrent use.
type Lexicon struct {
	locale string
	mu     sync.Mutex
	words  map[string]wordInfo // lower-cased word as written
	folded map[string]uint32
	stems  map[string]uint32
	// foldStr and stemStr are the strings by number; they only grow, so a
	// copy of the slice header taken under mu may be read without it.
	foldStr, stemStr []string
	// order is the folded words' numbers in string order, for the indexes
	// of all the locale's clouds (sorted once, not once per cloud).
	orderMu sync.Mutex
	order   []uint32
	asStem  []int32 // see foldsAsStems
	asStemN int
}

type wordInfo struct{ fold, stem uint32 }

// knownWord is a word an Analyzer has seen, with its numbers.
type knownWord struct {
	word string
	info wordInfo
}

// recentBits sizes an Analyzer's cache of words: 8,192 slots, 256 KB.
const recentBits = 13

// recentLen is the longest word a recent slot holds.
const recentLen = 23

// recentWord is a slot of an Analyzer's cache of recent words. The word
// is held in the slot itself, not as a string: comparing a string's bytes
// was a second cache miss a word, as costly as the slot's.
type recentWord struct {
	n    uint8 // the word's length; 0: empty
	word [recentLen]byte
	info wordInfo
}

// NewLexicon returns an empty lexicon for a locale's language.
func NewLexicon(locale string) *Lexicon {
	return &Lexicon{locale: locale, words: map[string]wordInfo{}, folded: map[string]uint32{}, stems: map[string]uint32{}}
}

func (l *Lexicon) lookup(w []byte) (wordInfo, bool) {
	l.mu.Lock()
	info, ok := l.words[string(w)]
	l.mu.Unlock()
	return info, ok
}

// add numbers a word whose stem the caller computed (outside the lock).
func (l *Lexicon) add(w, stem string) wordInfo {
	fold := Fold(w)
	l.mu.Lock()
	defer l.mu.Unlock()
	if info, ok := l.words[w]; ok {
		return info
	}
	info := wordInfo{fold: l.intern(l.folded, &l.foldStr, fold), stem: l.intern(l.stems, &l.stemStr, stem)}
	l.words[w] = info
	return info
}

func (l *Lexicon) intern(m map[string]uint32, strs *[]string, s string) uint32 {
	if id, ok := m[s]; ok {
		return id
	}
	id := uint32(len(*strs))
	m[s] = id
	*strs = append(*strs, s)
	return id
}

func (l *Lexicon) stemNumber(s string) uint32 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.intern(l.stems, &l.stemStr, s)
}

func (l *Lexicon) foldNumber(s string) uint32 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.intern(l.folded, &l.foldStr, s)
}

// sortedWords returns the numbers of folded words in string order.
func (l *Lexicon) sortedWords() []uint32 {
	folded, _ := l.strings()
	l.orderMu.Lock()
	defer l.orderMu.Unlock()
	if len(l.order) == len(folded) {
		return l.order
	}
	order := make([]uint32, len(folded))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(folded[a], folded[b]) })
	l.order = order
	return order
}

// strings returns the folded words and stems by number.
func (l *Lexicon) strings() (folded, stems []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.foldStr, l.stemStr
}

// Analyzer turns page text into Entries for one locale. It remembers the
// words it has seen, so it is not safe for concurrent use; see Pool.
type Analyzer struct {
	lex     *Lexicon
	stemmer *Stemmer
	known   map[string]knownWord // this analyzer's view of lex
	// recent caches known by a hash of the word: the few thousand words
	// that make most of a text are found there without a probe of the
	// larger map (which was half of the analysis).
	recent *[1 << recentBits]recentWord
	buf    []byte
	// Per page: counts by stem number and the folded words seen, marked
	// with the page's generation so nothing is cleared between pages. A
	// mark and what it guards share a slot: one cache miss a word for
	// each, not two (the lexicon's numbers run to the tens of thousands).
	gen      uint32
	stems    []stemMark
	folds    []foldMark
	stemList []uint32
	words    []WordStem
	frag     []byte // scratch: a fragment's JSON
}

// Pool hands out Analyzers per locale to concurrent render workers; the
// Analyzers of a locale share its Lexicon. Analyzers are kept for the
// pool's life (not a sync.Pool, which drops them, and what they learnt,
// at every garbage collection).
type Pool struct {
	mu   sync.Mutex
	free map[string][]*Analyzer
	lex  map[string]*Lexicon
}

// Get returns an Analyzer for the locale; Put it back when done.
func (p *Pool) Get(locale string) *Analyzer {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free[locale]); n > 0 {
		a := p.free[locale][n-1]
		p.free[locale] = p.free[locale][:n-1]
		return a
	}
	if p.lex == nil {
		p.lex, p.free = map[string]*Lexicon{}, map[string][]*Analyzer{}
	}
	lex := p.lex[locale]
	if lex == nil {
		lex = NewLexicon(locale)
		p.lex[locale] = lex
	}
	return lex.Analyzer()
}

// Put returns an Analyzer to the pool.
func (p *Pool) Put(locale string, a *Analyzer) {
	p.mu.Lock()
	p.free[locale] = append(p.free[locale], a)
	p.mu.Unlock()
}

// NewAnalyzer returns an Analyzer for a locale, with a lexicon of its own.
func NewAnalyzer(locale string) *Analyzer { return NewLexicon(locale).Analyzer() }

// Analyzer returns a new Analyzer that numbers words in l.
func (l *Lexicon) Analyzer() *Analyzer {
	return &Analyzer{lex: l, stemmer: NewStemmer(l.locale), known: map[string]knownWord{}, recent: new([1 << recentBits]recentWord)}
}

// FNV-1a, the hash of the recent words' cache.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// word numbers a word of the page being analysed and counts it in field.
func (a *Analyzer) word(w []byte, field int) {
	h := uint32(fnvOffset)
	for _, c := range w {
		h = (h ^ uint32(c)) * fnvPrime
	}
	a.hashedWord(w, h, field)
}

// hashedWord is word for a word whose hash the caller computed.
func (a *Analyzer) hashedWord(w []byte, h uint32, field int) {
	slot := &a.recent[h>>(32-recentBits)]
	if int(slot.n) == len(w) && string(slot.word[:len(w)]) == string(w) {
		a.count(slot.info, field)
		return
	}
	k, ok := a.known[string(w)]
	if !ok {
		s := string(w)
		info, ok := a.lex.lookup(w)
		if !ok {
			info = a.lex.add(s, a.stemmer.stem(s))
		}
		k = knownWord{s, info}
		a.known[s] = k
		if n := int(info.stem) + 1; n > len(a.stems) {
			a.stems = append(a.stems, make([]stemMark, n-len(a.stems)+n/4)...)
		}
		if n := int(info.fold) + 1; n > len(a.folds) {
			a.folds = append(a.folds, make([]foldMark, n-len(a.folds)+n/4)...)
		}
	}
	if len(w) <= recentLen {
		slot.n, slot.info = uint8(len(w)), k.info
		copy(slot.word[:], w)
	}
	a.count(k.info, field)
}

// count counts a word of the page being analysed in field.
func (a *Analyzer) count(info wordInfo, field int) {
	sm := &a.stems[info.stem]
	if sm.gen != a.gen {
		*sm = stemMark{gen: a.gen}
		a.stemList = append(a.stemList, info.stem)
	}
	c := &sm.c
	switch field {
	case 0:
		c.title++
	case 1:
		c.heading++
	case 2:
		c.desc++
	default:
		c.body++
	}
	if fm := &a.folds[info.fold]; fm.gen != a.gen {
		*fm = foldMark{gen: a.gen, at: int32(len(a.words))}
		a.words = append(a.words, WordStem{info.fold, info.stem})
	} else if ws := &a.words[fm.at]; ws.Stem != info.stem {
		// Two spellings that fold alike ("resume", "résumé") and stem
		// apart: the word leads to the stem first in string order.
		_, stems := a.lex.strings()
		if stems[info.stem] < stems[ws.Stem] {
			ws.Stem = info.stem
		}
	}
}

// add counts the words of text in field and returns how many there are:
// the words scanWords gives, found here in one pass that lower-cases and
// hashes the ASCII words (most of them) as it reads them. Anything else
// goes to scanWords by spans that end at an ASCII byte that is not a
// letter or digit, where scanWords keeps no state from one span to the
// next, so the words are the same.
func (a *Analyzer) add(text string, field int) int {
	n := 0
	slow := func(w []byte) {
		n++
		a.word(w, field)
	}
	buf := a.buf[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		start := i
		if c < utf8.RuneSelf {
			h := uint32(fnvOffset)
			buf = buf[:0]
			for ; i < len(text); i++ {
				c = text[i]
				if !asciiWord[c] {
					break
				}
				c |= lowerBit[c]
				h = (h ^ uint32(c)) * fnvPrime
				buf = append(buf, c)
			}
			if i == len(text) || text[i] < utf8.RuneSelf {
				if len(buf) <= maxWordLen {
					n++
					a.hashedWord(buf, h, field)
				}
				continue
			}
		}
		// A word with other letters, or other scripts: to the next ASCII
		// byte that ends a word.
		for i < len(text) && (text[i] >= utf8.RuneSelf || asciiWord[text[i]]) {
			i++
		}
		a.buf = buf
		scanWords(text[start:i], &a.buf, slow)
		buf = a.buf
	}
	a.buf = buf
	return n
}

// lowerBit lower-cases an ASCII letter by or-ing it in: 0x20 for A-Z.
var lowerBit = func() (t [256]byte) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = 0x20
	}
	return t
}()

// Analyze indexes a page: its title, description and rendered body (the
// HTML for one cloud).
func (a *Analyzer) Analyze(title, description, body string) *Entry {
	return a.AnalyzeText(title, description, Extract(body))
}

// AnalyzeText is Analyze for a body already extracted: the build compares
// a page's text between clouds and analyses it again only when it differs
// (bodies often differ in their links' URLs alone).
func (a *Analyzer) AnalyzeText(title, description string, x Extracted) *Entry {
	a.gen++
	if a.gen == 0 { // wrapped: forget every mark
		clear(a.stems)
		clear(a.folds)
		a.gen = 1
	}
	a.stemList, a.words = a.stemList[:0], a.words[:0]
	a.add(title, 0)
	for _, h := range x.Headings {
		a.add(h.Text, 1)
	}
	a.add(description, 2)
	length := a.add(x.Text, 3)
	e := a.entry(length)
	a.frag = appendFragment(a.frag, x, description)
	e.Fragment, e.FragmentName = compressedLevel(a.frag, fragmentLevel)
	return e
}

func (a *Analyzer) entry(length int) *Entry {
	e := &Entry{lex: a.lex, Stems: make([]StemWeight, len(a.stemList)), Words: slices.Clone(a.words)}
	norm := bm25K1 * (1 - bm25B + bm25B*float64(length)/avgWords)
	for i, s := range a.stemList {
		e.Stems[i] = StemWeight{Stem: s, Weight: weight(a.stems[s].c, norm)}
	}
	return e
}

// weight is a stem's BM25-style score on a page, with its fields weighted,
// as a byte.
func weight(c counts, norm float64) uint8 {
	tf := float64(weightTitle*int(c.title) + weightHeading*int(c.heading) + weightDesc*int(c.desc) + weightBody*int(c.body))
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
	return compressedLevel(appendFragment(nil, x, description), fragmentLevel)
}

// appendFragment appends the fragment's JSON to b. The analyzer reuses
// one buffer for it (the JSON is garbage once compressed and named: 11.5
// MB of it on the PowerShell docset).
func appendFragment(b []byte, x Extracted, description string) []byte {
	text := x.Text
	if len(text) > maxFragmentText {
		cut := maxFragmentText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	// Written by hand: encoding/json's reflection was a tenth of the
	// indexer's time. The bytes are what json.Marshal of a fragmentJSON
	// gives (a test checks).
	b = slices.Grow(b[:0], len(text)+len(description)+64+24*len(x.Headings))
	b = append(b, `{"t":`...)
	b = appendJSONString(b, text)
	at, units, n := 0, 0, 0 // byte offset in text and its UTF-16 length
	for _, h := range x.Headings {
		if h.Offset > len(text) {
			break
		}
		units += utf16Len(text[at:h.Offset])
		at = h.Offset
		if h.ID != "" {
			if n == 0 {
				b = append(b, `,"h":[`...)
			} else {
				b = append(b, ',')
			}
			n++
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(units), 10)
			b = append(b, ',')
			b = appendJSONString(b, h.ID)
			b = append(b, ']')
		}
	}
	if n > 0 {
		b = append(b, ']')
	}
	if description != "" {
		b = append(b, `,"d":`...)
		b = appendJSONString(b, description)
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string the way encoding/json writes
// it: <, > and & escaped for HTML, invalid UTF-8 as U+FFFD, U+2028 and
// U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
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

// gzipLevel is the compression of the word chunks and metadata blocks,
// which every query fetches; fragmentLevel that of the fragments, one per
// distinct page text (11.5 MB of JSON for the PowerShell docset), where
// the compressor's speed is a visible share of the build. On those 11.5 MB
// klauspost/compress took 121 ms for 32.1% at level 5 and 70 ms for 35.2%
// at level 1 (the standard library's BestSpeed: about twice as long for
// 36%): a result's snippet costs a tenth more bytes, fetched for the few
// results shown, and the build saves 40% of its compression.
const (
	gzipLevel     = 5
	fragmentLevel = 1
)

var gzPools = map[int]*sync.Pool{gzipLevel: newGzPool(gzipLevel), fragmentLevel: newGzPool(fragmentLevel)}

func newGzPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(nil, level)
		return w
	}}
}

// compressed gzips data and names it by the hash of its content: a
// browser may cache it for good, and identical files (a page whose text
// is the same in every cloud) share one name.
func compressed(data []byte) ([]byte, string) { return compressedLevel(data, gzipLevel) }

func compressedLevel(data []byte, level int) ([]byte, string) {
	return compressedData(data, level), contentName(data)
}

// contentName is the name of a file holding data: a hash of it.
func contentName(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8]) + ".bin"
}

func compressedData(data []byte, level int) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/2 + 64)
	pool := gzPools[level]
	w := pool.Get().(*gzip.Writer)
	w.Reset(&buf)
	w.Write(data)
	w.Close()
	pool.Put(w)
	return buf.Bytes()
}
