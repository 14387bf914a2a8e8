package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxWordLen drops longer runs of letters and digits (hashes, base64,
// minified code): nobody searches for them and they bloat the index.
const maxWordLen = 40

// Words calls fn with each word of s, lower-cased, in order. A word is a
// run of letters, digits and combining marks; CJK text (Han, kana,
// Hangul), which does not separate words by spaces, yields overlapping
// pairs of characters (a lone character yields itself), which is how
// bigram indexes find CJK words without a dictionary. Diacritics are kept:
// stemmers need them; Fold removes them afterwards.
func Words(s string, fn func(w string)) {
	var buf []byte
	scanWords(s, &buf, func(w []byte) { fn(string(w)) })
}

// scanWords is Words for the indexer: fn gets each word in a scratch
// buffer it must not keep, so a word costs no allocation (a map lookup
// with string(w) does not copy).
func scanWords(s string, buf *[]byte, fn func(w []byte)) {
	start := -1 // start of the current non-CJK word, in s
	ascii := true
	var cjkPrev rune // previous CJK character of the current run, or 0
	cjkLone := false // cjkPrev has not been emitted in a pair yet
	flushWord := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		start = -1
		if ascii {
			if len(w) <= maxWordLen {
				fn(lowerASCII(w, buf))
			}
			return
		}
		ascii = true
		if utf8.RuneCountInString(w) <= maxWordLen {
			*buf = append((*buf)[:0], strings.ToLower(w)...)
			fn(*buf)
		}
	}
	emit := func(rs ...rune) {
		b := (*buf)[:0]
		for _, r := range rs {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		*buf = b
		fn(b)
	}
	flushCJK := func() {
		if cjkPrev != 0 && cjkLone {
			emit(cjkPrev)
		}
		cjkPrev, cjkLone = 0, false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				if cjkPrev != 0 {
					flushCJK()
				}
				if start < 0 {
					start = i
				}
				// The rest of an ASCII run, in a tight loop.
				for i++; i < len(s) && asciiWord[s[i]]; i++ {
				}
				continue
			} else {
				flushWord(i)
				if cjkPrev != 0 {
					flushCJK()
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isCJK(r):
			flushWord(i)
			if cjkPrev != 0 {
				emit(cjkPrev, r)
				cjkLone = false
			} else {
				cjkLone = true
			}
			cjkPrev = r
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && unicode.Is(unicode.M, r)):
			flushCJK()
			if start < 0 {
				start = i
			}
			ascii = false
		default:
			flushWord(i)
			flushCJK()
		}
		i += size
	}
	flushWord(len(s))
	flushCJK()
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

func lowerASCII(w string, buf *[]byte) []byte {
	b := (*buf)[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	*buf = b
	return b
}

// isCJK reports whether r belongs to a script written without spaces
// between words that bigrams suit: Han, Hiragana, Katakana and Hangul.
func isCJK(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// Fold removes diacritics from a lower-cased word ("café" -> "cafe",
// "één" -> "een"), so a reader who types without them still finds the
// word. The browser does the same with String.normalize("NFD") and by
// dropping \p{M}.
func Fold(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return foldSlow(w)
		}
	}
	return w
}

func foldSlow(w string) string {
	d := norm.NFD.String(w)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.M, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
