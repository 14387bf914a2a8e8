package dialect

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/text"
)

// Triple-colon extensions (`:::image ...:::`, `::: zone ...`, `:::row:::`)
// share one attribute syntax: name="value" pairs separated by spaces, the
// name letters, digits and '-', lower-cased; values in double quotes,
// spaces allowed around '=' (as DocFX allows them); a name alone has
// an empty value; a name given twice is an error.

// colonAttrs is the attribute list of one triple-colon token.
type colonAttrs struct {
	names []string
	vals  map[string]string
}

func (a colonAttrs) get(name string) (string, bool) {
	v, ok := a.vals[name]
	return v, ok
}

// parseColonAttrs reads the attributes in s; the error text says what is
// wrong in words an author can act on.
func parseColonAttrs(s string) (colonAttrs, error) {
	a := colonAttrs{vals: map[string]string{}}
	i := 0
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			return a, nil
		}
		j := i
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		if j == i {
			return a, fmt.Errorf("unexpected %q; attributes are written name=\"value\"", s[i:i+1])
		}
		name := strings.ToLower(s[i:j])
		val := ""
		k := skipBlanks(s, j)
		if k < len(s) && s[k] == '=' {
			j = skipBlanks(s, k+1)
			if j >= len(s) || s[j] != '"' {
				return a, fmt.Errorf("the value of %q must be enclosed in double quotes", name)
			}
			e := strings.IndexByte(s[j+1:], '"')
			if e < 0 {
				return a, fmt.Errorf("the value of %q has no closing double quote", name)
			}
			val = s[j+1 : j+1+e]
			j += e + 2
		}
		if _, dup := a.vals[name]; dup {
			return a, fmt.Errorf("attribute %q is given twice", name)
		}
		a.names = append(a.names, name)
		a.vals[name] = val
		i = j
	}
}

func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

func isNameByte(c byte) bool {
	return c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// onlyAttrs returns an error naming the first attribute not in allowed.
func (a colonAttrs) onlyAttrs(allowed ...string) error {
	for _, n := range a.names {
		ok := false
		for _, x := range allowed {
			ok = ok || n == x
		}
		if !ok {
			return fmt.Errorf("unknown attribute %q (allowed: %s)", n, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// colonToken splits a line that starts (after up to indent spaces) with
// exactly three colons and name, case-insensitively: it returns the text
// after the name and whether the name was followed by a space, ':' or the
// end of the line. colons is the number of colons found.
func colonToken(line []byte, name string, maxIndent int) (rest []byte, indent, colons int, ok bool) {
	for indent < len(line) && line[indent] == ' ' {
		indent++
	}
	if maxIndent >= 0 && indent > maxIndent {
		return nil, 0, 0, false
	}
	s := line[indent:]
	for colons < len(s) && s[colons] == ':' {
		colons++
	}
	if colons < 3 {
		return nil, 0, 0, false
	}
	t := bytes.TrimLeft(s[colons:], " \t")
	if len(t) < len(name) || !strings.EqualFold(string(t[:len(name)]), name) {
		return nil, 0, 0, false
	}
	t = t[len(name):]
	if len(t) > 0 && t[0] != ' ' && t[0] != '\t' && t[0] != ':' && t[0] != '\n' && t[0] != '\r' {
		return nil, 0, 0, false
	}
	return t, indent, colons, true
}

// isLastLine reports whether the reader's current line is the last of its
// block, without moving the reader.
func isLastLine(block text.Reader) bool {
	l, seg := block.Position()
	block.AdvanceLine()
	next, _ := block.PeekLine()
	block.SetPosition(l, seg)
	return next == nil
}
