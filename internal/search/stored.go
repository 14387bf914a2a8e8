package search

import "sync"

// Stored is an Entry with its words and stems spelled out, independent of
// any Lexicon (whose numbers hold for one build): what a build's page cache
// keeps of a page between builds, to put it in the next build's index
// without analysing the page again.
type Stored struct {
	// Strings holds every stem and folded word the entry names, once;
	// the fields below are indexes into it.
	Strings []string
	Stems   []uint32 // the entry's stems, in its order
	Weights []uint8  // their weights
	Words   []uint32 // pairs: a folded word and its stem
	// Fragment and FragmentName are the entry's, as they are.
	Fragment     []byte
	FragmentName string
}

// Store spells the entry out.
func (e *Entry) Store() Stored {
	folded, stems := e.lex.strings()
	s := Stored{Stems: make([]uint32, len(e.Stems)), Weights: make([]uint8, len(e.Stems)),
		Words: make([]uint32, 0, 2*len(e.Words)), Fragment: e.Fragment, FragmentName: e.FragmentName}
	// The entry's strings are numbered in order of first use, with
	// marks by lexicon number (a map per entry was most of the cost of
	// saving a page cache).
	sc := storePool.Get().(*storeScratch)
	defer storePool.Put(sc)
	sc.gen++
	if sc.gen == 0 {
		clear(sc.stemGen)
		clear(sc.foldGen)
		sc.gen = 1
	}
	sc.stemGen, sc.stemAt = grow(sc.stemGen, sc.stemAt, len(stems))
	sc.foldGen, sc.foldAt = grow(sc.foldGen, sc.foldAt, len(folded))
	num := func(gen, at []uint32, i uint32, str string) uint32 {
		if gen[i] == sc.gen {
			return at[i]
		}
		gen[i], at[i] = sc.gen, uint32(len(s.Strings))
		s.Strings = append(s.Strings, str)
		return at[i]
	}
	for i, sw := range e.Stems {
		s.Stems[i], s.Weights[i] = num(sc.stemGen, sc.stemAt, sw.Stem, stems[sw.Stem]), sw.Weight
	}
	asStem := e.lex.foldsAsStems()
	for _, w := range e.Words {
		// A folded word spelled as a stem is one string with it.
		fw := folded[w.Word]
		var n uint32
		if int(w.Word) < len(asStem) && asStem[w.Word] >= 0 && int(asStem[w.Word]) < len(stems) {
			n = num(sc.stemGen, sc.stemAt, uint32(asStem[w.Word]), fw)
		} else {
			n = num(sc.foldGen, sc.foldAt, w.Word, fw)
		}
		s.Words = append(s.Words, n, num(sc.stemGen, sc.stemAt, w.Stem, stems[w.Stem]))
	}
	return s
}

// foldsAsStems maps each folded word's number to the number of the stem
// spelled the same, or -1.
func (l *Lexicon) foldsAsStems() []int32 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.asStem) == len(l.foldStr) && l.asStemN == len(l.stemStr) {
		return l.asStem
	}
	as := make([]int32, len(l.foldStr))
	for i, f := range l.foldStr {
		as[i] = -1
		if st, ok := l.stems[f]; ok {
			as[i] = int32(st)
		}
	}
	l.asStem, l.asStemN = as, len(l.stemStr)
	return as
}

type storeScratch struct {
	gen                              uint32
	stemGen, stemAt, foldGen, foldAt []uint32
}

var storePool = sync.Pool{New: func() any { return &storeScratch{} }}

func grow(gen, at []uint32, n int) ([]uint32, []uint32) {
	if len(gen) < n {
		gen = append(gen, make([]uint32, n-len(gen))...)
		at = append(at, make([]uint32, n-len(at))...)
	}
	return gen, at
}

// Load makes the entry s describes, numbered in the pool's lexicon for
// locale (the one its analyzers use); nil when s is malformed.
func (p *Pool) Load(locale string, s Stored) *Entry {
	if len(s.Weights) != len(s.Stems) || len(s.Words)%2 != 0 {
		return nil
	}
	for _, i := range s.Stems {
		if int(i) >= len(s.Strings) {
			return nil
		}
	}
	for _, i := range s.Words {
		if int(i) >= len(s.Strings) {
			return nil
		}
	}
	a := p.Get(locale)
	lex := a.lex
	p.Put(locale, a)
	e := &Entry{lex: lex, Stems: make([]StemWeight, len(s.Stems)), Words: make([]WordStem, len(s.Words)/2),
		Fragment: s.Fragment, FragmentName: s.FragmentName}
	lex.mu.Lock()
	defer lex.mu.Unlock()
	for i, si := range s.Stems {
		e.Stems[i] = StemWeight{lex.intern(lex.stems, &lex.stemStr, s.Strings[si]), s.Weights[i]}
	}
	for i := range e.Words {
		w, st := s.Strings[s.Words[2*i]], s.Strings[s.Words[2*i+1]]
		e.Words[i] = WordStem{lex.intern(lex.folded, &lex.foldStr, w), lex.intern(lex.stems, &lex.stemStr, st)}
	}
	return e
}
