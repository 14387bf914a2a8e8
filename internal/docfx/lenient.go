package docfx

import (
	"fmt"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/docloom/docloom/internal/diag"
)

// maxDepth matches encoding/json's nesting limit, so a file that the strict
// decoder rejects for depth is rejected here too (and the recursive parser
// cannot exhaust the stack on hostile input).
const maxDepth = 10000

// kind is the JSON type of a node.
type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// node is one parsed JSON value with the position of its first character.
// Scalars keep their source text (raw) so that re-encoding them gives
// exactly what encoding/json would have read; objects keep their members in
// file order, which docfx.json's fileMetadata rules depend on.
type node struct {
	kind    kind
	pos     diag.Pos
	raw     []byte
	items   []*node
	members []member
}

type member struct {
	key    string
	keyRaw []byte // source text, quotes included
	keyPos diag.Pos
	val    *node
}

// get returns the value of the last member named key (as encoding/json
// does for duplicate keys), or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != kindObject {
		return nil
	}
	for i := len(n.members) - 1; i >= 0; i-- {
		if n.members[i].key == key {
			return n.members[i].val
		}
	}
	return nil
}

// repair codes that are reported once per file with a count, because a
// file indented with no-break spaces has hundreds of them.
var summarized = map[string]string{
	"json-nbsp-whitespace":    "U+00A0 (no-break space) used as whitespace outside a string; read as a space",
	"json-unicode-whitespace": "non-ASCII whitespace outside a string; read as a space",
	"json-comment":            "comment in JSON; ignored",
}

type summary struct {
	first diag.Pos
	count int
}

// parser is a recursive-descent JSON parser that accepts the repairs
// DocFX tolerates and records each one. A syntax error unwinds the
// recursion with panic(syntaxError), which parse recovers (the way
// text/template and encoding/gob stop deep parsers); no panic leaves the
// package.
type parser struct {
	file       string
	data       []byte
	i          int
	lineStarts []int // offsets where each line begins; CRLF is one break
	depth      int
	warnings   []diag.Diagnostic
	sums       map[string]*summary
}

// syntaxError stops the parse; it carries the offset of the problem.
type syntaxError struct {
	off int
	msg string
}

func newParser(file string, data []byte) *parser {
	p := &parser{file: file, data: data, sums: map[string]*summary{}}
	p.lineStarts = append(p.lineStarts, 0)
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			p.lineStarts = append(p.lineStarts, i+1)
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			p.lineStarts = append(p.lineStarts, i+1)
		}
	}
	return p
}

// pos turns a byte offset into a 1-based line and a 1-based column counted
// in characters (runes), the way editors and yaml.v3 count them.
func (p *parser) pos(off int) diag.Pos {
	line := sort.Search(len(p.lineStarts), func(i int) bool { return p.lineStarts[i] > off }) - 1
	if line < 0 {
		line = 0
	}
	start := p.lineStarts[line]
	if off > len(p.data) {
		off = len(p.data)
	}
	return diag.Pos{File: p.file, Line: line + 1, Col: utf8.RuneCount(p.data[start:off]) + 1}
}

func (p *parser) fail(off int, format string, args ...any) {
	panic(syntaxError{off: off, msg: fmt.Sprintf(format, args...)})
}

func (p *parser) warn(off int, code, format string, args ...any) {
	p.warnings = append(p.warnings, diag.Diagnostic{Pos: p.pos(off), Severity: diag.Warning, Code: code,
		Message: fmt.Sprintf(format, args...)})
}

func (p *parser) note(off int, code string) {
	s := p.sums[code]
	if s == nil {
		s = &summary{first: p.pos(off)}
		p.sums[code] = s
	}
	s.count++
}

// parse reads the whole input as one JSON value. On a syntax error it
// returns a nil node and the diagnostics so far plus the error.
func (p *parser) parse() (root *node, ds []diag.Diagnostic) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		se, ok := r.(syntaxError)
		if !ok {
			panic(r) // a bug in this package, not bad input
		}
		root = nil
		ds = append(p.diagnostics(), diag.Diagnostic{Pos: p.pos(se.off), Severity: diag.Error,
			Code: "json-syntax-error", Message: se.msg})
	}()
	if len(p.data) >= 3 && p.data[0] == 0xEF && p.data[1] == 0xBB && p.data[2] == 0xBF {
		p.i = 3 // a BOM is an encoding mark, not a mistake: Windows editors write it
	}
	p.space()
	root = p.value()
	p.space()
	if p.i < len(p.data) {
		p.fail(p.i, "unexpected %s after the end of the JSON value", p.describe(p.i))
	}
	return root, p.diagnostics()
}

func (p *parser) diagnostics() []diag.Diagnostic {
	out := append([]diag.Diagnostic(nil), p.warnings...)
	for code, s := range p.sums {
		msg := summarized[code]
		if s.count > 1 {
			msg = fmt.Sprintf("%s (%d times in this file; first here)", msg, s.count)
		}
		out = append(out, diag.Diagnostic{Pos: s.first, Severity: diag.Warning, Code: code, Message: msg})
	}
	return diag.SortUnique(out)
}

// describe names the character at off for an error message.
func (p *parser) describe(off int) string {
	if off >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[off:])
	if r == utf8.RuneError {
		return fmt.Sprintf("byte 0x%02X", p.data[off])
	}
	return fmt.Sprintf("character %q", r)
}

// space skips whitespace and comments and says whether a line break was
// crossed (which is what makes a missing comma recoverable).
func (p *parser) space() (newline bool) {
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == ' ' || c == '\t':
			p.i++
		case c == '\n' || c == '\r':
			newline = true
			p.i++
		case c == '/' && p.i+1 < len(p.data) && p.data[p.i+1] == '/':
			p.note(p.i, "json-comment")
			for p.i < len(p.data) && p.data[p.i] != '\n' && p.data[p.i] != '\r' {
				p.i++
			}
		case c == '/' && p.i+1 < len(p.data) && p.data[p.i+1] == '*':
			start := p.i
			p.i += 2
			for {
				if p.i+1 >= len(p.data) {
					p.fail(start, "comment is not closed")
				}
				if p.data[p.i] == '*' && p.data[p.i+1] == '/' {
					p.i += 2
					p.note(start, "json-comment")
					break
				}
				if p.data[p.i] == '\n' || p.data[p.i] == '\r' {
					newline = true
				}
				p.i++
			}
		case c >= 0x80 || c == '\v' || c == '\f':
			r, size := utf8.DecodeRune(p.data[p.i:])
			if r == utf8.RuneError || !unicode.IsSpace(r) {
				return newline
			}
			if r == '\u00a0' {
				p.note(p.i, "json-nbsp-whitespace")
			} else {
				p.note(p.i, "json-unicode-whitespace")
			}
			p.i += size
		default:
			return newline
		}
	}
	return newline
}

func (p *parser) value() *node {
	if p.i >= len(p.data) {
		p.fail(p.i, "unexpected end of input; expected a value")
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		return &node{kind: kindString, pos: p.pos(p.i), raw: p.str()}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", kindBool)
	case c == 'f':
		return p.literal("false", kindBool)
	case c == 'n':
		return p.literal("null", kindNull)
	default:
		p.fail(p.i, "unexpected %s; expected a value", p.describe(p.i))
		return nil
	}
}

// startsValue says whether c can begin a JSON value.
func startsValue(c byte) bool {
	return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n'
}

func (p *parser) enter(off int) {
	p.depth++
	if p.depth > maxDepth {
		p.fail(off, "nesting deeper than %d levels", maxDepth)
	}
}

func (p *parser) object() *node {
	open := p.i
	p.enter(open)
	n := &node{kind: kindObject, pos: p.pos(open)}
	p.i++
	p.space()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		p.depth--
		return n
	}
	for {
		if p.i >= len(p.data) {
			p.fail(p.i, "unexpected end of input; the object opened at %d:%d is not closed", n.pos.Line, n.pos.Col)
		}
		if p.data[p.i] != '"' {
			p.fail(p.i, "unexpected %s; expected a member name in double quotes", p.describe(p.i))
		}
		keyPos := p.pos(p.i)
		keyRaw := p.str()
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			p.fail(p.i, "unexpected %s; expected ':' after the member name", p.describe(p.i))
		}
		p.i++
		p.space()
		n.members = append(n.members, member{key: unquote(keyRaw), keyRaw: keyRaw, keyPos: keyPos, val: p.value()})
		if p.next(n, '}') {
			p.depth--
			return n
		}
	}
}

func (p *parser) array() *node {
	open := p.i
	p.enter(open)
	n := &node{kind: kindArray, pos: p.pos(open)}
	p.i++
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		p.depth--
		return n
	}
	for {
		if p.i >= len(p.data) {
			p.fail(p.i, "unexpected end of input; the array opened at %d:%d is not closed", n.pos.Line, n.pos.Col)
		}
		n.items = append(n.items, p.value())
		if p.next(n, ']') {
			p.depth--
			return n
		}
	}
}

// next handles what follows a member or an element: a comma, the closing
// bracket, a trailing comma before the closing bracket, or a missing comma
// before a value on a later line. It reports whether the container closed.
func (p *parser) next(n *node, closer byte) bool {
	end := p.i
	newline := p.space()
	if p.i >= len(p.data) {
		p.fail(p.i, "unexpected end of input; the %s opened at %d:%d is not closed", n.kind, n.pos.Line, n.pos.Col)
	}
	c := p.data[p.i]
	switch {
	case c == closer:
		p.i++
		return true
	case c == ',':
		comma := p.i
		p.i++
		p.space()
		if p.i < len(p.data) && p.data[p.i] == closer {
			p.warn(comma, "json-trailing-comma", "comma before '%c'; ignored", closer)
			p.i++
			return true
		}
		return false
	case newline && (c == '"' || (closer == ']' && startsValue(c))):
		p.warn(end, "json-missing-comma", "missing ',' between two values on different lines; assumed")
		return false
	default:
		p.fail(p.i, "unexpected %s; expected ',' or '%c'", p.describe(p.i), closer)
		return false
	}
}

// str reads a string token and returns its source text, quotes included.
// It checks the same rules as encoding/json so that the re-encoded text is
// always accepted by it.
func (p *parser) str() []byte {
	start := p.i
	p.i++
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			return p.data[start:p.i]
		case c == '\\':
			if p.i+1 >= len(p.data) {
				p.fail(start, "string is not closed")
			}
			switch p.data[p.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				p.i += 2
			case 'u':
				if p.i+6 > len(p.data) || !isHex4(p.data[p.i+2:p.i+6]) {
					p.fail(p.i, "invalid \\u escape in string")
				}
				p.i += 6
			default:
				p.fail(p.i, "invalid escape %s in string", p.describe(p.i+1))
			}
		case c < 0x20:
			if c == '\n' || c == '\r' {
				p.fail(start, "string is not closed before the end of the line")
			}
			p.fail(p.i, "control character 0x%02X in string; write it as an escape", c)
		default:
			p.i++
		}
	}
	p.fail(start, "string is not closed")
	return nil
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// number reads a number with JSON's exact grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() *node {
	start := p.i
	if p.data[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.data) && p.data[p.i] == '0':
		p.i++
	case p.i < len(p.data) && p.data[p.i] >= '1' && p.data[p.i] <= '9':
		p.digits()
	default:
		p.fail(p.i, "unexpected %s in number", p.describe(p.i))
	}
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			p.fail(p.i, "expected a digit after the decimal point")
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			p.fail(p.i, "expected a digit in the exponent")
		}
	}
	return &node{kind: kindNumber, pos: p.pos(start), raw: p.data[start:p.i]}
}

func (p *parser) digits() int {
	n := 0
	for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

func (p *parser) literal(word string, k kind) *node {
	start := p.i
	if len(p.data)-p.i < len(word) || string(p.data[p.i:p.i+len(word)]) != word {
		p.fail(p.i, "unexpected %s; expected a value", p.describe(p.i))
	}
	p.i += len(word)
	return &node{kind: k, pos: p.pos(start), raw: p.data[start:p.i]}
}
