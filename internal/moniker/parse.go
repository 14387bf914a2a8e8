package moniker

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/docloom/docloom/internal/diag"
)

// CodeRangeInvalid is the diagnostic code for a malformed range or one that
// names an undefined moniker. It is Learn's name for the same error, so
// authors who know Learn can search for it.
const CodeRangeInvalid = "moniker-range-invalid"

// RangeError is the error Parse and FromRanges return. It is data rather
// than prose so that callers (zones, front matter, config) can place it at
// the exact column of the faulty text.
type RangeError struct {
	// Offset is the 0-based byte offset into the expression where the
	// problem is; it equals len(expr) when something is missing at the end.
	Offset int
	// Code is always CodeRangeInvalid.
	Code string
	// Msg is the human message, e.g. "moniker 'x' is not defined; known: a, b".
	Msg string
}

func (e *RangeError) Error() string {
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
}

// Diagnostic turns e into an error diagnostic. start is the position of the
// first byte of the range text; its column (when known) is advanced by
// Offset bytes so that editors jump to the faulty token.
func (e *RangeError) Diagnostic(start diag.Pos) diag.Diagnostic {
	if start.Col > 0 {
		start.Col += e.Offset
	}
	return diag.Diagnostic{Pos: start, Severity: diag.Error, Code: e.Code, Message: e.Msg}
}

func rangeErr(off int, format string, args ...any) *RangeError {
	return &RangeError{Offset: off, Code: CodeRangeInvalid, Msg: fmt.Sprintf(format, args...)}
}

// op is a comparator's operator; no operator means opEq.
type op uint8

const (
	opEq op = iota
	opLt
	opLe
	opGt
	opGe
)

var opText = [...]string{opEq: "=", opLt: "<", opLe: "<=", opGt: ">", opGe: ">="}

// Parse evaluates a range expression (dfm-spec §3.2) against the catalog:
//
//	range      := set ( "||" set )*
//	set        := comparator+         (intersection)
//	comparator := op? moniker         (no op means "=")
//	op         := "=" | "<" | "<=" | ">" | ">="
//	moniker    := [\w\-\.]+           (case-insensitive)
//
// Whitespace may appear around any token, and because the tokens cannot run
// into each other it is not required between comparators either
// ("a>=b" reads as "a >=b"). < and > compare catalog order within the
// moniker's own Product, so products never mix.
//
// An empty or whitespace-only expression is not an error: it yields the
// empty Set and a nil error, as on Learn, and callers that require a range
// report "empty range" themselves. A valid range that matches nothing
// likewise yields the empty Set and nil (callers report moniker-zone-empty).
// Any other problem is a *RangeError for the first fault in the text.
//
// Parse runs for every zone of every page, so it does not allocate unless
// it fails. It is safe on a nil Catalog, where every name is undefined.
func (c *Catalog) Parse(expr string) (Set, error) {
	set, _, err := c.parse(expr, false)
	return set, err
}

// ParseLenient is Parse for a catalog that may not know every moniker
// (Derived): a name it does not define matches no moniker instead of
// failing, and is returned in undefined (in order, once each). Syntax
// errors still fail.
func (c *Catalog) ParseLenient(expr string) (set Set, undefined []string, err error) {
	return c.parse(expr, true)
}

func (c *Catalog) parse(expr string, lenient bool) (Set, []string, error) {
	var undefined []string
	sc := scanner{s: expr}
	all := c.All()
	var result Set
	cur := all
	for {
		kind, cmp, err := sc.next()
		if err != nil {
			return 0, nil, err
		}
		switch kind {
		case itemEnd:
			if sc.setLen > 0 {
				result |= cur
			}
			return result, undefined, nil
		case itemUnion:
			result |= cur
			cur = all
		case itemComparator:
			i, ok := c.Index(cmp.name)
			if !ok && lenient {
				if !contains(undefined, cmp.name) {
					undefined = append(undefined, cmp.name)
				}
				cur = 0
				continue
			}
			if !ok {
				return 0, nil, rangeErr(cmp.off, "moniker '%s' is not defined; %s", cmp.name, c.known())
			}
			cur &= c.eval(cmp.op, i)
		}
	}
}

// eval is the set one comparator denotes.
func (c *Catalog) eval(o op, i int) Set {
	self := Set(1) << uint(i)
	switch o {
	case opLt:
		return c.before[i]
	case opLe:
		return c.before[i] | self
	case opGt:
		return c.after[i]
	case opGe:
		return c.after[i] | self
	}
	return self
}

type itemKind uint8

const (
	itemEnd itemKind = iota
	itemComparator
	itemUnion
)

type comparator struct {
	op   op
	name string // as written; a slice of the expression, never copied
	off  int    // offset of name
}

// scanner walks an expression one comparator or "||" at a time and checks
// the grammar as it goes; evaluation is left to its caller, so Parse and
// FromRanges share one reading of the syntax.
type scanner struct {
	s      string
	i      int
	setLen int // comparators read in the current set
	unions int // "||" read so far
}

func (sc *scanner) next() (itemKind, comparator, *RangeError) {
	sc.skipSpace()
	if sc.i >= len(sc.s) {
		if sc.setLen == 0 && sc.unions > 0 {
			return 0, comparator{}, rangeErr(sc.i, "expected a comparator set after '||'")
		}
		return itemEnd, comparator{}, nil
	}
	start := sc.i
	switch sc.s[start] {
	case '|':
		if start+1 >= len(sc.s) || sc.s[start+1] != '|' {
			return 0, comparator{}, rangeErr(start, "unexpected '|': alternatives are separated by '||'")
		}
		if sc.setLen == 0 {
			where := "after"
			if sc.unions == 0 {
				where = "before"
			}
			return 0, comparator{}, rangeErr(start, "expected a comparator set %s '||'", where)
		}
		sc.i += 2
		sc.setLen = 0
		sc.unions++
		return itemUnion, comparator{}, nil
	case '=', '<', '>':
		return sc.comparatorWithOp()
	}
	if nameCharLen(sc.s, start) == 0 {
		return 0, comparator{}, unexpected(sc.s, start)
	}
	sc.setLen++
	return itemComparator, comparator{op: opEq, name: sc.name(), off: start}, nil
}

// comparatorWithOp reads an operator, optional whitespace and the moniker
// that must follow.
func (sc *scanner) comparatorWithOp() (itemKind, comparator, *RangeError) {
	o := opEq
	switch sc.s[sc.i] {
	case '<':
		o = opLt
	case '>':
		o = opGt
	}
	sc.i++
	if o != opEq && sc.i < len(sc.s) && sc.s[sc.i] == '=' {
		o++ // opLe follows opLt, opGe follows opGt
		sc.i++
	}
	sc.skipSpace()
	if sc.i >= len(sc.s) || nameCharLen(sc.s, sc.i) == 0 {
		hint := ""
		if o == opEq && sc.i < len(sc.s) && (sc.s[sc.i] == '<' || sc.s[sc.i] == '>') {
			hint = fmt.Sprintf("; did you mean '%c='?", sc.s[sc.i])
		}
		return 0, comparator{}, rangeErr(sc.i, "expected a moniker after '%s'%s", opText[o], hint)
	}
	off := sc.i
	sc.setLen++
	return itemComparator, comparator{op: o, name: sc.name(), off: off}, nil
}

// name consumes a run of moniker-name characters starting at sc.i.
func (sc *scanner) name() string {
	start := sc.i
	for sc.i < len(sc.s) {
		n := nameCharLen(sc.s, sc.i)
		if n == 0 {
			break
		}
		sc.i += n
	}
	return sc.s[start:sc.i]
}

// skipSpace skips what .NET's \s matches: ASCII and Unicode white space.
func (sc *scanner) skipSpace() {
	for sc.i < len(sc.s) {
		b := sc.s[sc.i]
		if b < utf8.RuneSelf {
			if b != ' ' && (b < '\t' || b > '\r') {
				return
			}
			sc.i++
			continue
		}
		r, n := utf8.DecodeRuneInString(sc.s[sc.i:])
		if !unicode.IsSpace(r) {
			return
		}
		sc.i += n
	}
}

// unexpected explains a character that cannot start a token. The common
// mistakes (quotes, parentheses, negation, commas, &&) get a hint at what
// the grammar wants instead.
func unexpected(s string, i int) *RangeError {
	switch c := s[i]; c {
	case '"', '`':
		return rangeErr(i, "unexpected quote '%c': write the range without quotes", c)
	case '\'':
		return rangeErr(i, "unexpected quote \"'\": write the range without quotes")
	case '(', ')', '[', ']', '{', '}':
		return rangeErr(i, "unexpected '%c': ranges have no parentheses or brackets", c)
	case '!':
		return rangeErr(i, "unexpected '!': ranges have no negation; list the monikers to keep")
	case '~', '^', '*':
		return rangeErr(i, "unexpected '%c': the operators are =, <, <=, > and >=", c)
	case ',', ';':
		return rangeErr(i, "unexpected '%c': separate alternatives with '||'", c)
	case '&':
		return rangeErr(i, "unexpected '&': comparators separated by spaces must already all hold")
	}
	return rangeErr(i, "unexpected text %q", snippet(s, i))
}

// snippet is the run of non-space text at s[i:], cut to a few runes so that
// a message about garbage stays short.
func snippet(s string, i int) string {
	const max = 16
	end := i
	for end < len(s) && end-i < max {
		r, n := utf8.DecodeRuneInString(s[end:])
		if unicode.IsSpace(r) || (r == utf8.RuneError && n == 1 && end > i) {
			break
		}
		end += n
	}
	return s[i:end]
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
