package dialect

import (
	"strings"
	"unicode/utf8"
)

// lexCSharp highlights C# as Chroma's C# lexer does, without its regular
// expressions. Chroma's lexer tries up to 24 backtracking patterns at
// every position and took about a millisecond a block: a quarter of a
// second of a PowerShell-Docs build for its 250 distinct C# samples, more
// than any other language once PowerShell and YAML had lexers of their own.
//
// The rules below are Chroma's, in its order, each written as the scan its
// pattern performs (backtracking included where it changes the match). The
// tokens are coalesced as Chroma coalesces them, so the HTML is the same.
// Where Chroma's result would depend on something this lexer does not
// model, it returns nil and the caller uses Chroma: a block that does not
// end in a newline, holds a carriage return or is not UTF-8 (Chroma
// rewrites those first), a character outside ASCII where a rule has to classify it
// (Unicode spaces, letters and digits). Where no rule matches, it takes
// one character as an error token in the block's own colour, as Chroma
// does.
func lexCSharp(code string) []token {
	if !strings.HasSuffix(code, "\n") || strings.IndexByte(code, '\r') >= 0 || !utf8.ValidString(code) {
		return nil
	}
	lx := csLexer{src: code}
	if !lx.run() {
		return nil
	}
	lx.flush()
	return lx.out
}

// csType is a Chroma token type the C# lexer emits; the coalescer joins
// neighbours of the same type, not of the same class.
type csType uint8

const (
	csText csType = iota
	csPunct
	csName
	csAttr
	csCommentSpecial
	csCommentSingle
	csCommentMulti
	csPreproc
	csString
	csChar
	csNumber
	csKeyword
	csDecl
	csKeywordType
	csConstant
	csClassName
	csNamespace
	csError
)

var csTokenClasses = [...]string{
	csText: "", csPunct: "", csName: "",
	csAttr:           "hl-v",
	csCommentSpecial: "hl-c", csCommentSingle: "hl-c", csCommentMulti: "hl-c", csPreproc: "hl-c",
	csString: "hl-s", csChar: "hl-s",
	csNumber:  "hl-n",
	csKeyword: "hl-k", csDecl: "hl-k", csConstant: "hl-k",
	csKeywordType: "hl-t", csClassName: "hl-t", csNamespace: "hl-t",
	csError: "",
}

// The word lists of Chroma's rules. Each of those rules is an alternation
// followed by \b, so it matches exactly when the run of word characters at
// the position is one of its words.
var (
	csKeywords     = csWordSet("as await base break by case catch checked continue default delegate do else event finally fixed for foreach goto if in init is let lock new on out params readonly ref return sizeof stackalloc switch this throw try typeof unchecked virtual void while get set yield add remove value alias ascending descending from group into orderby select thenby where join equals")
	csDeclarations = csWordSet("abstract async const enum explicit extern implicit internal operator override partial private protected public static sealed unsafe volatile")
	csTypes        = csWordSet("bool byte char decimal double dynamic float int long object sbyte short string uint ulong ushort var")
	csConstants    = csWordSet("true false null")
	csDirectives   = csWordSet("if endif else elif define undef line error warning region endregion pragma nullable")
)

func csWordSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

type csLexer struct {
	src  string
	out  []token
	prev csType
	buf  string // the pending token, not yet coalesced with its successor
	has  bool
}

// emit adds a token, joined to the pending one when Chroma's coalescer
// would join them: same type, and the pending value shorter than 8192
// bytes.
func (lx *csLexer) emit(t csType, s string) {
	if s == "" {
		return
	}
	if lx.has && lx.prev == t && len(lx.buf) < 8192 {
		lx.buf += s
		return
	}
	lx.flush()
	lx.prev, lx.buf, lx.has = t, s, true
}

func (lx *csLexer) flush() {
	if lx.has {
		lx.out = append(lx.out, token{csTokenClasses[lx.prev], lx.buf})
		lx.has = false
	}
}

func csWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func csSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// wordEnd is the end of the run of word characters from i; ok is false
// when the run stops at a character outside ASCII (it may be a Unicode
// letter or digit, which \w would take).
func (lx *csLexer) wordEnd(i int) (int, bool) {
	for i < len(lx.src) && csWordByte(lx.src[i]) {
		i++
	}
	return i, i == len(lx.src) || lx.src[i] < utf8.RuneSelf
}

// spaceEnd is the end of the run of \s from i, with ok as for wordEnd.
func (lx *csLexer) spaceEnd(i int) (int, bool) {
	for i < len(lx.src) && csSpaceByte(lx.src[i]) {
		i++
	}
	return i, i == len(lx.src) || lx.src[i] < utf8.RuneSelf
}

// run lexes the whole text in Chroma's states: root, and the one-token
// states after "class" and "namespace"/"using". False when the block is
// left to Chroma.
func (lx *csLexer) run() bool {
	s := lx.src
	state := 0 // 0 root, 1 class, 2 namespace
	for p := 0; p < len(s); {
		switch state {
		case 1:
			state = 0
			if end, ok := lx.identifier(p); !ok {
				return false
			} else if end > p {
				lx.emit(csClassName, s[p:end])
				p = end
			}
			continue
		case 2:
			state = 0
			if s[p] == '(' {
				continue // (?=\() pops, with an empty token
			}
			end := p
			for {
				if end < len(s) && s[end] == '.' {
					end++
					continue
				}
				next, ok := lx.identifier(end)
				if !ok {
					return false
				}
				if next == end {
					break
				}
				end = next
			}
			if end == p {
				if s[p] == '\n' {
					continue // Chroma empties the stack at a newline
				}
				lx.emit(csError, s[p:p+1]) // no rule: one character, and the state stays
				state = 2
				p++
				continue
			}
			lx.emit(csNamespace, s[p:end])
			p = end
			continue
		}
		n, ok := lx.root(p, &state)
		if !ok {
			return false
		}
		if n == 0 {
			// No rule matches: Chroma's error token, one character.
			lx.emit(csError, s[p:p+1])
			n = 1
		}
		p += n
	}
	return true
}

// identifier matches @?[_a-zA-Z]\w* at i: the end, i when nothing
// matches, ok false when a character outside ASCII decides.
func (lx *csLexer) identifier(i int) (int, bool) {
	s := lx.src
	j := i
	if j < len(s) && s[j] == '@' {
		j++
	}
	if j >= len(s) {
		return i, true
	}
	c := s[j]
	if c >= utf8.RuneSelf {
		return i, false
	}
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_') {
		return i, true
	}
	return lx.wordEnd(j + 1)
}

// root tries the root state's rules at p in Chroma's order and emits the
// first match; it returns the length matched, with ok false when the
// block is left to Chroma.
func (lx *csLexer) root(p int, state *int) (int, bool) {
	s := lx.src
	c := s[p]
	if c >= utf8.RuneSelf {
		return 0, false
	}
	// ^\s*\[.*?\]: at the start of a line, spaces (newlines too) and a
	// bracketed run up to the first ], across lines.
	if p == 0 || s[p-1] == '\n' {
		end, ok := lx.spaceEnd(p)
		if !ok {
			return 0, false
		}
		if end < len(s) && s[end] == '[' {
			if close := strings.IndexByte(s[end+1:], ']'); close >= 0 {
				n := end + 1 + close + 1 - p
				lx.emit(csAttr, s[p:p+n])
				return n, true
			}
		}
	}
	switch {
	case c == ' ' || c == '\t' || c == '\v' || c == '\f':
		// [^\S\n]+
		end := p
		for end < len(s) && (s[end] == ' ' || s[end] == '\t' || s[end] == '\v' || s[end] == '\f') {
			end++
		}
		if end < len(s) && s[end] >= utf8.RuneSelf {
			return 0, false // perhaps a Unicode space, which the run would take
		}
		lx.emit(csText, s[p:end])
		return end - p, true
	case c == '\\' && p+1 < len(s) && s[p+1] == '\n':
		lx.emit(csText, s[p:p+2])
		return 2, true
	case strings.HasPrefix(s[p:], "///"):
		end := p + strings.IndexByte(s[p:], '\n') // the text ends in a newline
		lx.emit(csCommentSpecial, s[p:end])
		return end - p, true
	case strings.HasPrefix(s[p:], "//"):
		end := p + strings.IndexByte(s[p:], '\n')
		lx.emit(csCommentSingle, s[p:end])
		return end - p, true
	case strings.HasPrefix(s[p:], "/*"):
		if close := strings.Index(s[p+2:], "*/"); close >= 0 {
			n := 2 + close + 2
			lx.emit(csCommentMulti, s[p:p+n])
			return n, true
		}
	case c == '\n':
		lx.emit(csText, "\n")
		return 1, true
	}
	if strings.IndexByte("~!%^&*()+=|[]:;,.<>/?-{}", c) >= 0 {
		lx.emit(csPunct, s[p:p+1])
		return 1, true
	}
	if c == '@' && p+1 < len(s) && s[p+1] == '"' {
		if n := lx.verbatim(p + 2); n > 0 {
			lx.emit(csString, s[p:p+2+n])
			return 2 + n, true
		}
	}
	if c == '$' {
		open := p + 1
		if open < len(s) && s[open] == '@' {
			open++
		}
		if open < len(s) && s[open] == '"' {
			if n := lx.verbatim(open + 1); n > 0 {
				end := open + 1 + n
				lx.emit(csString, s[p:end])
				return end - p, true
			}
		}
	}
	if c == '"' {
		// "(\\\\|\\"|[^"\n])*["\n]: escapes of \ and " are taken in pairs,
		// and the string ends at the next quote or newline, which the text
		// always has.
		end := p + 1
		for {
			if strings.HasPrefix(s[end:], `\\`) || strings.HasPrefix(s[end:], `\"`) {
				end += 2
				continue
			}
			if s[end] == '"' || s[end] == '\n' {
				break
			}
			end++
		}
		end++
		lx.emit(csString, s[p:end])
		return end - p, true
	}
	if c == '\'' {
		// '\\.'|'[^\\]': one character (one rune, newline included),
		// escaped or not, between quotes.
		if p+1 < len(s) && s[p+1] == '\\' {
			if p+2 < len(s) {
				_, size := utf8.DecodeRuneInString(s[p+2:])
				if end := p + 2 + size; end < len(s) && s[end] == '\'' {
					lx.emit(csChar, s[p:end+1])
					return end + 1 - p, true
				}
			}
		}
		if p+1 < len(s) && s[p+1] != '\\' {
			_, size := utf8.DecodeRuneInString(s[p+1:])
			if end := p + 1 + size; end < len(s) && s[end] == '\'' {
				lx.emit(csChar, s[p:end+1])
				return end + 1 - p, true
			}
		}
		return 0, true // no rule: an error token
	}
	if '0' <= c && c <= '9' {
		n, ok := lx.number(p)
		if !ok {
			return 0, false
		}
		lx.emit(csNumber, s[p:p+n])
		return n, true
	}
	if c == '#' {
		i := p + 1
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		end, ok := lx.wordEnd(i)
		if !ok {
			return 0, false
		}
		// An alternative followed by \b: the word, or a directive that
		// the word starts with and that ends where a non-word character
		// follows; the word run ends at one, so only the whole word counts.
		if csDirectives[s[i:end]] {
			lx.emit(csPreproc, s[p:end])
			return end - p, true
		}
		return 0, true // no rule: an error token
	}
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == '@') {
		return 0, true // no rule: an error token
	}
	word, ok := lx.wordEnd(p)
	if !ok {
		return 0, false
	}
	w := s[p:word]
	// \b(extern)(\s+)(alias)\b
	if w == "extern" && p > 0 && s[p-1] >= utf8.RuneSelf {
		return 0, false // \b depends on whether that character is a letter
	}
	if w == "extern" && (p == 0 || !csWordByte(s[p-1])) {
		sp, ok := lx.spaceEnd(word)
		if !ok {
			return 0, false
		}
		if sp > word && strings.HasPrefix(s[sp:], "alias") {
			after, ok := lx.wordEnd(sp + len("alias"))
			if !ok {
				return 0, false
			}
			if after == sp+len("alias") {
				lx.emit(csKeyword, w)
				lx.emit(csText, s[word:sp])
				lx.emit(csKeyword, "alias")
				return after - p, true
			}
		}
	}
	switch {
	case csKeywords[w]:
		lx.emit(csKeyword, w)
		return len(w), true
	case strings.HasPrefix(s[p:], "global::"):
		lx.emit(csKeyword, "global")
		lx.emit(csPunct, "::")
		return len("global::"), true
	case csDeclarations[w]:
		lx.emit(csDecl, w)
		return len(w), true
	case csTypes[w]:
		n := len(w)
		if p+n < len(s) && s[p+n] == '?' {
			n++
		}
		lx.emit(csKeywordType, s[p:p+n])
		return n, true
	case csConstants[w]:
		lx.emit(csConstant, w)
		return len(w), true
	}
	// (class|struct|record|interface)(\s+) and (namespace|using)(\s+),
	// without \b: the keyword may start a longer word only if spaces
	// follow it, which they cannot.
	for _, kw := range [...]string{"class", "struct", "record", "interface", "namespace", "using"} {
		if !strings.HasPrefix(s[p:], kw) {
			continue
		}
		sp, ok := lx.spaceEnd(p + len(kw))
		if !ok {
			return 0, false
		}
		if sp == p+len(kw) {
			continue
		}
		lx.emit(csKeyword, kw)
		lx.emit(csText, s[p+len(kw):sp])
		if kw == "namespace" || kw == "using" {
			*state = 2
		} else {
			*state = 1
		}
		return sp - p, true
	}
	// @?[_a-zA-Z]\w*
	end, ok := lx.identifier(p)
	if !ok {
		return 0, false
	}
	if end == p {
		return 0, true // no rule: an error token
	}
	lx.emit(csName, s[p:end])
	return end - p, true
}

// verbatim matches (""|[^"])*" from i, the body of @"..." and $"...":
// the length matched, 0 when there is none. When no lone quote closes the
// string, the pattern backtracks into the last "" pair and ends at its
// first quote.
func (lx *csLexer) verbatim(i int) int {
	s := lx.src
	lastPair := -1
	for j := i; j < len(s); {
		if s[j] != '"' {
			j++
			continue
		}
		if j+1 < len(s) && s[j+1] == '"' {
			lastPair = j
			j += 2
			continue
		}
		return j + 1 - i
	}
	if lastPair < 0 {
		return 0
	}
	return lastPair + 1 - i
}

// number matches 0[xX][0-9a-fA-F]+[Ll]?|\d[_\d]*(\.\d*)?([eE][+-]?\d+)?[flFLdD]?
// at p, which holds a digit; ok is false when a character outside ASCII
// follows a digit run (\d takes Unicode digits).
func (lx *csLexer) number(p int) (int, bool) {
	s := lx.src
	isHex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	if s[p] == '0' && p+2 < len(s) && (s[p+1] == 'x' || s[p+1] == 'X') && isHex(s[p+2]) {
		end := p + 2
		for end < len(s) && isHex(s[end]) {
			end++
		}
		if end < len(s) && (s[end] == 'L' || s[end] == 'l') {
			end++
		}
		return end - p, true
	}
	digits := func(i int, under bool) (int, bool) {
		for i < len(s) && ('0' <= s[i] && s[i] <= '9' || under && s[i] == '_') {
			i++
		}
		return i, i == len(s) || s[i] < utf8.RuneSelf
	}
	end, ok := digits(p+1, true)
	if !ok {
		return 0, false
	}
	if end < len(s) && s[end] == '.' {
		if end, ok = digits(end+1, false); !ok {
			return 0, false
		}
	}
	if end < len(s) && (s[end] == 'e' || s[end] == 'E') {
		i := end + 1
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if j, ok := digits(i, false); !ok {
			return 0, false
		} else if j > i {
			end = j
		}
	}
	if end < len(s) && strings.IndexByte("flFLdD", s[end]) >= 0 {
		end++
	}
	return end - p, true
}
