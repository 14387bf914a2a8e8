package dialect

import "strings"

// lexPowerShell is a hand-written PowerShell lexer. PowerShell is what most
// code blocks of PowerShell and Azure docsets are written in (19,800 of the
// 33,000 highlighted blocks of the PowerShell corpus), and Chroma's
// regular-expression lexer for it made highlighting a quarter of the
// build's CPU time; this one scans each character once. It knows what the
// theme colours: comments (# and <# #>), strings (quoted and here-strings),
// variables ($x, ${x}, $env:x, @splat), cmdlet names (Verb-Noun), keywords,
// operators (-eq, -match, ...), [type] names and numbers. Anything else is
// plain text, so a construct it does not know is shown as written.
func lexPowerShell(code string) []token {
	lx := psLexer{src: code}
	lx.run()
	return lx.out
}

type psLexer struct {
	src   string
	i     int
	plain int // start of the pending plain text
	out   []token
}

var psKeywords = wordSet("begin break catch class clean continue data define do dynamicparam else elseif end enum exit filter finally for foreach from function hidden if in inlinescript parallel param process return sequence static switch throw trap try until using var while workflow")

var psOperators = wordSet("eq ne gt ge lt le like notlike match notmatch contains notcontains in notin replace split join and or not xor band bor bnot bxor shl shr is isnot as f " +
	"ceq cne cgt cge clt cle clike cnotlike cmatch cnotmatch ccontains cnotcontains cin cnotin creplace csplit " +
	"ieq ine igt ige ilt ile ilike inotlike imatch inotmatch icontains inotcontains iin inotin ireplace isplit")

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// emit closes the pending plain text and adds src[start:end] as class.
func (lx *psLexer) emit(class string, start, end int) {
	if lx.plain < start {
		lx.out = append(lx.out, token{"", lx.src[lx.plain:start]})
	}
	lx.out = append(lx.out, token{class, lx.src[start:end]})
	lx.plain, lx.i = end, end
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// prev is the byte before i, or a space at the start.
func (lx *psLexer) prev(i int) byte {
	if i == 0 {
		return ' '
	}
	return lx.src[i-1]
}

func (lx *psLexer) run() {
	s := lx.src
	for lx.i < len(s) {
		i := lx.i
		c := s[i]
		switch {
		case c == '<' && strings.HasPrefix(s[i:], "<#"):
			lx.emit("hl-c", i, lx.until(i+2, "#>"))
		case c == '#' && !isWordByte(lx.prev(i)):
			end := strings.IndexByte(s[i:], '\n')
			if end < 0 {
				end = len(s) - i
			}
			lx.emit("hl-c", i, i+end)
		case c == '@' && (strings.HasPrefix(s[i:], "@\"\n") || strings.HasPrefix(s[i:], "@\"\r\n")):
			lx.emit("hl-s", i, lx.until(i+2, "\n\"@"))
		case c == '@' && (strings.HasPrefix(s[i:], "@'\n") || strings.HasPrefix(s[i:], "@'\r\n")):
			lx.emit("hl-s", i, lx.until(i+2, "\n'@"))
		case c == '\'' || c == '"':
			lx.emit("hl-s", i, lx.quoted(i, c))
		case strings.HasPrefix(s[i:], "\u2018") || strings.HasPrefix(s[i:], "\u201c"):
			lx.emit("hl-s", i, lx.quoted(i, 0)) // typographic quotes, as Word writes them
		case c == '$' || (c == '@' && i+1 < len(s) && isWordByte(s[i+1])):
			lx.variable(i)
		case c == '[' && !isWordByte(lx.prev(i)) && lx.prev(i) != ']' && lx.prev(i) != ')':
			lx.typeName(i)
		case c == '-' && i+1 < len(s) && isLetter(s[i+1]) && !isWordByte(lx.prev(i)):
			j := i + 1
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			if psOperators[strings.ToLower(s[i+1:j])] {
				lx.emit("hl-k", i, j)
			} else {
				lx.i = j // a parameter name: plain
			}
		case isDigit(c) && !isWordByte(lx.prev(i)):
			lx.number(i)
		case isLetter(c) || c == '_':
			lx.word(i)
		default:
			lx.i++
		}
	}
	if lx.plain < len(s) {
		lx.out = append(lx.out, token{"", s[lx.plain:]})
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// until returns the end of the text that closes with end (searched from
// i), or the end of the code.
func (lx *psLexer) until(i int, end string) int {
	if j := strings.Index(lx.src[i:], end); j >= 0 {
		return i + j + len(end)
	}
	return len(lx.src)
}

// quoted returns the end of the string opening at i with quote q (0 for a
// typographic quote, closed by either typographic closing quote): a doubled quote or a
// backtick escape does not end it; a line break does not either (strings
// may span lines), but the code's end does.
func (lx *psLexer) quoted(i int, q byte) int {
	s := lx.src
	j := i + 1
	if q == 0 {
		j = i + 3
	}
	for j < len(s) {
		c := s[j]
		switch {
		case c == '`' && q == '"' && j+1 < len(s):
			j += 2
			continue
		case q != 0 && c == q:
			if j+1 < len(s) && s[j+1] == q {
				j += 2
				continue
			}
			return j + 1
		case q == 0 && (strings.HasPrefix(s[j:], "\u2019") || strings.HasPrefix(s[j:], "\u201d")):
			return j + 3
		}
		j++
	}
	return len(s)
}

func (lx *psLexer) variable(i int) {
	s := lx.src
	j := i + 1
	switch {
	case j < len(s) && s[j] == '{':
		if k := strings.IndexByte(s[j:], '}'); k >= 0 {
			lx.emit("hl-v", i, j+k+1)
			return
		}
	case j < len(s) && (s[j] == '_' || s[j] == '$' || s[j] == '?' || s[j] == '^') && (j+1 >= len(s) || !isWordByte(s[j+1])):
		lx.emit("hl-v", i, j+1)
		return
	}
	for j < len(s) && (isWordByte(s[j]) || s[j] == ':' && j+1 < len(s) && isWordByte(s[j+1])) {
		j++
	}
	if j == i+1 {
		lx.i = j // "$(" and a lone "$": plain
		return
	}
	lx.emit("hl-v", i, j)
}

// typeName marks [TypeName] and [Namespace.Type[]] as a type; other
// brackets (attributes with arguments, arrays) stay plain.
func (lx *psLexer) typeName(i int) {
	s := lx.src
	j := i + 1
	for j < len(s) && (isWordByte(s[j]) || s[j] == '.' || s[j] == '`' || s[j] == ',' || s[j] == ' ' && j > i+1) {
		j++
	}
	if j+1 < len(s) && s[j] == '[' && s[j+1] == ']' {
		j += 2
	}
	if j > i+1 && j < len(s) && (s[j] == ']' || s[j] == '(') && isLetter(s[i+1]) {
		end := j
		for end > i+1 && s[end-1] == ' ' {
			end--
		}
		lx.i = i + 1
		lx.emit("hl-t", i+1, end)
		return
	}
	lx.i = i + 1
}

func (lx *psLexer) number(i int) {
	s := lx.src
	j := i
	if strings.HasPrefix(s[i:], "0x") || strings.HasPrefix(s[i:], "0X") {
		j += 2
		for j < len(s) && (isDigit(s[j]) || s[j] >= 'a' && s[j] <= 'f' || s[j] >= 'A' && s[j] <= 'F') {
			j++
		}
	} else {
		for j < len(s) && (isDigit(s[j]) || s[j] == '.' && j+1 < len(s) && isDigit(s[j+1])) {
			j++
		}
		if j+1 < len(s) {
			switch strings.ToLower(s[j : j+2]) {
			case "kb", "mb", "gb", "tb", "pb":
				j += 2
			}
		}
	}
	if j < len(s) && isWordByte(s[j]) {
		lx.i = j // part of a name such as 7z or 2FA
		for lx.i < len(s) && isWordByte(s[lx.i]) {
			lx.i++
		}
		return
	}
	lx.emit("hl-n", i, j)
}

// word is a name: a keyword, a cmdlet or function (Verb-Noun), or plain.
func (lx *psLexer) word(i int) {
	s := lx.src
	j := i
	for j < len(s) && (isWordByte(s[j]) || s[j] == '-' && j+1 < len(s) && isWordByte(s[j+1]) && j > i) {
		j++
	}
	w := s[i:j]
	// A member (.Name), a path (C:\x) or a drive (Env:) is not a command.
	member := lx.prev(i) == '.' || lx.prev(i) == '\\' || lx.prev(i) == '/' || (j < len(s) && (s[j] == '\\' || s[j] == ':' || s[j] == '/'))
	switch {
	case member:
		lx.i = j
	case strings.IndexByte(w, '-') > 0 && isLetter(w[0]):
		lx.emit("hl-f", i, j)
	case psKeywords[strings.ToLower(w)]:
		lx.emit("hl-k", i, j)
	default:
		lx.i = j
	}
}
