package dialect

import "strings"

// lexYAMLFields highlights the YAML that reference docsets are full of:
// blocks of "Key: value" lines, such as the parameter tables platyPS
// writes under every cmdlet parameter (12,600 of the PowerShell corpus's
// 33,000 highlighted blocks). Chroma's regular-expression YAML lexer took
// a third of a millisecond a block, most of the highlighting time of a
// PowerShell build, for text this simple.
//
// It gives exactly the HTML Chroma's YAML lexer gives, so it takes only
// what it can read as Chroma does: unindented lines, each empty, "Key:" or
// "Key: value", in printable ASCII, with no comment, anchor, tag, quoted
// key, flow collection or block scalar, and no colon or # in a value. For any
// other block it returns nil and the caller uses Chroma. Plain text ("" in
// the theme) is returned in runs: only the coloured tokens' edges show in
// the HTML. Unlike Chroma's, whose rules each have a 250 ms wall-clock
// match timeout, its result does not depend on how loaded the machine is.
func lexYAMLFields(code string) []token {
	if !strings.HasSuffix(code, "\n") || strings.Contains(code, "//") {
		return nil
	}
	lx := yamlLexer{}
	for rest := code; rest != ""; {
		nl := strings.IndexByte(rest, '\n')
		if !lx.line(rest[:nl]) {
			return nil
		}
		lx.plain("\n")
		rest = rest[nl+1:]
	}
	return lx.out
}

// yamlConstants are the words Chroma's YAML lexer colours as constants, in
// the order it tries them: the first one the value starts with, followed
// by a word boundary, is taken.
var yamlConstants = strings.Fields("false False FALSE true True TRUE null Off off yes Yes YES OFF On ON no No on NO n N Y y")

type yamlLexer struct{ out []token }

// plain adds text in the block's own colour, joined to plain text before it.
func (lx *yamlLexer) plain(s string) {
	if n := len(lx.out); n > 0 && lx.out[n-1].class == "" {
		lx.out[n-1].text += s
		return
	}
	lx.out = append(lx.out, token{"", s})
}

// line reads one line (without its newline); false when it is not one
// this lexer reads as Chroma does.
func (lx *yamlLexer) line(s string) bool {
	if s == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	// A key starts with a letter: no indent, list item, comment, anchor,
	// tag, directive, document marker or quoted key.
	if c := s[0]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return false
	}
	key, value, spaced := strings.Cut(s, ": ")
	if !spaced {
		// "Key:" and the end of the line.
		if !strings.HasSuffix(s, ":") {
			return false
		}
		key = s[:len(s)-1]
	}
	if strings.ContainsAny(key, ":\"{#") || strings.ContainsAny(value, ":#") {
		return false
	}
	lx.out = append(lx.out, token{"hl-k", key})
	if !spaced {
		lx.plain(":")
		return true
	}
	lx.plain(": ")
	return lx.value(value)
}

// value reads what follows "Key: " as Chroma's lexer does from a token
// start preceded by a space.
func (lx *yamlLexer) value(v string) bool {
	for v != "" {
		c := v[0]
		switch {
		case c == ' ':
			n := len(v) - len(strings.TrimLeft(v, " "))
			lx.plain(v[:n])
			v = v[n:]
			continue
		case strings.HasPrefix(v, "- ") || strings.IndexByte("?!&*|>\"'+.", c) >= 0:
			return false // list item, tag, anchor, alias, block scalar, string, signed number
		case '0' <= c && c <= '9':
			// A number only when the value ends with its digits (dates,
			// decimals and exponents are left to Chroma).
			if strings.TrimLeft(v, "0123456789") != "" {
				return false
			}
			lx.out = append(lx.out, token{"hl-n", v})
			return true
		}
		if w := yamlConstant(v); w != "" {
			lx.out = append(lx.out, token{"hl-k", w})
			v = v[len(w):]
			if strings.HasPrefix(v, "-") {
				return false // Chroma reads "-" after a word as a number's sign
			}
			continue
		}
		if strings.IndexByte("{}[],@-", c) >= 0 {
			lx.plain(v[:1]) // punctuation or a stray character
			v = v[1:]
			continue
		}
		lx.plain(v) // a plain scalar, to the end of the line
		return true
	}
	return true
}

// yamlConstant is the constant v starts with, "" for none.
func yamlConstant(v string) string {
	for _, w := range yamlConstants {
		if strings.HasPrefix(v, w) && (len(v) == len(w) || !isWordByte(v[len(w)])) {
			return w
		}
	}
	return ""
}
