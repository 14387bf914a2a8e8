package search

import (
	"strings"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/tamil"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmers are the Snowball stemmers by language subtag. A language
// without one is indexed by its words as they are.
var stemmers = map[string]func(*snowball.Env) bool{
	"ar": arabic.Stem, "da": danish.Stem, "nl": dutch.Stem, "en": english.Stem,
	"fi": finnish.Stem, "fr": french.Stem, "de": german.Stem, "hu": hungarian.Stem,
	"ga": irish.Stem, "it": italian.Stem, "no": norwegian.Stem, "nb": norwegian.Stem,
	"nn": norwegian.Stem, "pt": portuguese.Stem, "ro": romanian.Stem, "ru": russian.Stem,
	"es": spanish.Stem, "sv": swedish.Stem, "ta": tamil.Stem, "tr": turkish.Stem,
}

// Language is the language subtag of a locale code ("nl-nl" -> "nl").
func Language(locale string) string {
	lang, _, _ := strings.Cut(strings.ToLower(locale), "-")
	return lang
}

// HasStemmer reports whether words of the locale's language are stemmed.
func HasStemmer(locale string) bool {
	_, ok := stemmers[Language(locale)]
	return ok
}

// Stemmer reduces lower-cased words to their stems, remembering the words
// it has seen (a docset repeats its vocabulary on every page). It is not
// safe for concurrent use: the build keeps one per worker.
type Stemmer struct {
	fn    func(*snowball.Env) bool
	cache map[string]string
}

// NewStemmer returns the stemmer for a locale's language.
func NewStemmer(locale string) *Stemmer {
	return &Stemmer{fn: stemmers[Language(locale)], cache: map[string]string{}}
}

// maxCache bounds a Stemmer's memory on a docset with a huge vocabulary.
const maxCache = 1 << 18

// Stem returns the word's stem with diacritics folded. Words with digits
// are kept whole (version numbers, error codes), as are words of a
// language without a stemmer.
func (s *Stemmer) Stem(w string) string {
	if v, ok := s.cache[w]; ok {
		return v
	}
	out := s.stem(w)
	if len(s.cache) >= maxCache {
		s.cache = map[string]string{}
	}
	s.cache[w] = out
	return out
}

// stem is Stem without the cache (the Analyzer keeps its own).
func (s *Stemmer) stem(w string) string {
	out := w
	if s.fn != nil && len(w) > 2 && !hasDigit(w) {
		env := snowball.NewEnv(w)
		s.fn(env)
		out = env.Current()
		if out == "" {
			out = w
		}
	}
	return Fold(out)
}

func hasDigit(w string) bool {
	for i := 0; i < len(w); i++ {
		if '0' <= w[i] && w[i] <= '9' {
			return true
		}
	}
	return false
}
