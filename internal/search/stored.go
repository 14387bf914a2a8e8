package search

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
	index := map[string]uint32{}
	num := func(str string) uint32 {
		if i, ok := index[str]; ok {
			return i
		}
		i := uint32(len(s.Strings))
		index[str] = i
		s.Strings = append(s.Strings, str)
		return i
	}
	for i, sw := range e.Stems {
		s.Stems[i], s.Weights[i] = num(stems[sw.Stem]), sw.Weight
	}
	for _, w := range e.Words {
		s.Words = append(s.Words, num(folded[w.Word]), num(stems[w.Stem]))
	}
	return s
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
