package dialect

// A reader of the small part of C# that DocFX's Markdig unit tests are
// written in: string literals of every kind, variables, concatenation,
// Replace, StringBuilder.AppendLine, collection and dictionary
// initialisers, if/else on string.Contains, blocks, and calls to the test
// helpers (VerifyMarkup, WriteToFile, MarkupWithoutSourceInfo,
// Assert.Equal) and to helper methods of the same class. Anything else
// evaluates to an "unknown" value that makes the case not runnable, so the
// measurement never guesses what a test means.

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

type csTok struct {
	kind byte // 's' string, 'I' interpolated string, 'i' identifier, 'p' punctuation, 'n' number, 'c' char
	s    string
}

// csLex splits C# source into tokens, dropping comments and preprocessor
// lines.
func csLex(src string) ([]csTok, error) {
	var toks []csTok
	i := 0
	lineStart := true
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n':
			lineStart = true
			i++
			continue
		case c == ' ' || c == '\t' || c == '\r':
			i++
			continue
		case c == '#' && lineStart:
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("unclosed comment")
			}
			i += end + 4
			continue
		}
		lineStart = false
		// String literals with their prefixes.
		j := i
		interp, verbatim := false, false
		for j < len(src) && (src[j] == '$' || src[j] == '@') {
			if src[j] == '$' {
				interp = true
			} else {
				verbatim = true
			}
			j++
		}
		if j < len(src) && src[j] == '"' {
			kind := byte('s')
			if interp {
				kind = 'I'
			}
			var s string
			var n int
			var err error
			switch {
			case strings.HasPrefix(src[j:], `"""`):
				s, n, err = csRaw(src[j:])
			case verbatim:
				s, n, err = csVerbatim(src[j:])
			default:
				s, n, err = csRegular(src[j:])
			}
			if err != nil {
				return nil, err
			}
			toks = append(toks, csTok{kind, s})
			i = j + n
			continue
		}
		if j > i { // '@' before an identifier (@class) or a lone '$'
			i = j
			continue
		}
		switch {
		case c == '\'':
			end := i + 1
			for end < len(src) && src[end] != '\'' {
				if src[end] == '\\' {
					end++
				}
				end++
			}
			toks = append(toks, csTok{'c', src[i+1 : min(end, len(src))]})
			i = end + 1
		case c == '_' || unicode.IsLetter(rune(c)):
			end := i
			for end < len(src) && (src[end] == '_' || unicode.IsLetter(rune(src[end])) || unicode.IsDigit(rune(src[end]))) {
				end++
			}
			toks = append(toks, csTok{'i', src[i:end]})
			i = end
		case unicode.IsDigit(rune(c)):
			end := i
			for end < len(src) && (unicode.IsDigit(rune(src[end])) || src[end] == '.') {
				end++
			}
			toks = append(toks, csTok{'n', src[i:end]})
			i = end
		default:
			if strings.HasPrefix(src[i:], "=>") || strings.HasPrefix(src[i:], "==") || strings.HasPrefix(src[i:], "!=") {
				toks = append(toks, csTok{'p', src[i : i+2]})
				i += 2
				continue
			}
			toks = append(toks, csTok{'p', string(c)})
			i++
		}
	}
	return toks, nil
}

// csVerbatim reads @"..." (s starts at the quote): "" is a quote.
func csVerbatim(s string) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] == '"' {
			if i+1 < len(s) && s[i+1] == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			return b.String(), i + 1, nil
		}
		b.WriteByte(s[i])
	}
	return "", 0, fmt.Errorf("unclosed verbatim string")
}

// csRegular reads "..." with backslash escapes.
func csRegular(s string) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '"':
			return b.String(), i + 1, nil
		case '\n':
			return "", 0, fmt.Errorf("newline in string")
		case '\\':
			i++
			if i >= len(s) {
				break
			}
			switch s[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0':
				b.WriteByte(0)
			case 'u':
				var r rune
				if i+4 < len(s) {
					fmt.Sscanf(s[i+1:i+5], "%04x", &r)
					b.WriteRune(r)
					i += 4
				}
			default:
				b.WriteByte(s[i])
			}
		default:
			b.WriteByte(s[i])
		}
	}
	return "", 0, fmt.Errorf("unclosed string")
}

// csRaw reads a C# 11 raw string literal: n >= 3 quotes, and for a
// multi-line one the closing line's indentation removed from every line.
func csRaw(s string) (string, int, error) {
	n := 0
	for n < len(s) && s[n] == '"' {
		n++
	}
	delim := strings.Repeat(`"`, n)
	end := strings.Index(s[n:], delim)
	if end < 0 {
		return "", 0, fmt.Errorf("unclosed raw string")
	}
	body := s[n : n+end]
	total := n + end + n
	if !strings.Contains(body, "\n") {
		return body, total, nil
	}
	lines := strings.Split(body, "\n")
	last := lines[len(lines)-1]
	indent := last // whitespace before the closing quotes
	lines = lines[1 : len(lines)-1]
	for k, l := range lines {
		lines[k] = strings.TrimRight(strings.TrimPrefix(l, indent), "\r")
	}
	return strings.Join(lines, "\n"), total, nil
}

// csMember is a method or field of a test class.
type csMember struct {
	name   string
	attrs  [][]csTok // each [...] attribute's tokens, brackets excluded
	params []string
	body   []csTok // method body, braces excluded
	init   []csTok // field initialiser
	method bool
}

// csClass reads the members of the first class in the file.
func csClass(toks []csTok) (name string, members []*csMember, err error) {
	i := 0
	for i < len(toks) && !(toks[i].kind == 'i' && toks[i].s == "class") {
		i++
	}
	if i+1 >= len(toks) {
		return "", nil, fmt.Errorf("no class")
	}
	name = toks[i+1].s
	for i < len(toks) && toks[i].s != "{" {
		i++
	}
	i++
	var attrs [][]csTok
	for i < len(toks) && toks[i].s != "}" {
		if toks[i].s == "[" {
			end := csMatch(toks, i)
			attrs = append(attrs, toks[i+1:end])
			i = end + 1
			continue
		}
		// A member: read to '(' '=' ';' or '{'.
		j := i
		for j < len(toks) && !(toks[j].kind == 'p' && (toks[j].s == "(" || toks[j].s == "=" || toks[j].s == ";" || toks[j].s == "{")) {
			j++
		}
		if j >= len(toks) {
			break
		}
		m := &csMember{attrs: attrs}
		attrs = nil
		if j > i {
			m.name = toks[j-1].s
		}
		isClass := false
		for _, t := range toks[i:j] {
			if t.kind == 'i' && (t.s == "class" || t.s == "struct") {
				isClass = true
			}
		}
		switch toks[j].s {
		case "(":
			end := csMatch(toks, j)
			for _, p := range csSplit(toks[j+1 : end]) {
				if len(p) > 0 {
					m.params = append(m.params, p[len(p)-1].s)
				}
			}
			k := end + 1
			for k < len(toks) && toks[k].s != "{" && toks[k].s != ";" {
				k++
			}
			if k >= len(toks) || toks[k].s == ";" {
				i = k + 1
				continue
			}
			bend := csMatch(toks, k)
			m.body, m.method = toks[k+1:bend], true
			i = bend + 1
		case "=":
			k := j + 1
			depth := 0
			for k < len(toks) && (depth > 0 || toks[k].s != ";") {
				switch toks[k].s {
				case "(", "{", "[":
					depth++
				case ")", "}", "]":
					depth--
				}
				k++
			}
			m.init = toks[j+1 : k]
			i = k + 1
		case "{":
			end := csMatch(toks, j)
			i = end + 1
			if isClass {
				continue
			}
		default:
			i = j + 1
			continue
		}
		members = append(members, m)
	}
	return name, members, nil
}

// csMatch returns the index of the bracket closing the one at i.
func csMatch(toks []csTok, i int) int {
	open := toks[i].s
	closer := map[string]string{"(": ")", "[": "]", "{": "}"}[open]
	depth := 0
	for k := i; k < len(toks); k++ {
		if toks[k].kind != 'p' {
			continue
		}
		switch toks[k].s {
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return len(toks) - 1
}

// csSplit splits tokens at top-level commas.
func csSplit(toks []csTok) [][]csTok {
	var out [][]csTok
	depth, start, angle := 0, 0, 0
	for k, t := range toks {
		if t.kind != 'p' {
			continue
		}
		switch t.s {
		case "<": // a generic type's arguments: Dictionary<string, string>
			if k > 0 && toks[k-1].kind == 'i' && k+1 < len(toks) && toks[k+1].kind == 'i' {
				angle++
			}
		case ">":
			if angle > 0 {
				angle--
			}
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ",":
			if angle > 0 {
				continue
			}
			if depth == 0 {
				out = append(out, toks[start:k])
				start = k + 1
			}
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// csVal is a value the reader computed.
type csVal struct {
	kind  byte // 's' string, 'n' null, 'l' list, 'd' dictionary, 'b' bool, 'r' markup result, 'h' a result's HTML, '?' unknown
	s     string
	list  []csVal
	dict  [][2]string
	b     bool
	res   *csResult
	why   string // for unknown values
	named string // argument name, for call arguments
}

func unknown(format string, a ...any) csVal { return csVal{kind: '?', why: fmt.Sprintf(format, a...)} }

// csResult is what MarkupWithoutSourceInfo returned.
type csResult struct {
	src, path string
	files     map[string]string
}

// unitCase is one markup check of DocFX's suite.
type unitCase struct {
	id         string
	markdown   string
	html       *string
	errors     []string // nil: DocFX's test does not check diagnostics
	filePath   string
	files      map[string]string
	lineNumber bool
	skip       string // why the case is not runnable
}

// csRun runs the test methods of a class and returns every case.
type csRun struct {
	class   string
	members map[string]*csMember
	fields  map[string]csVal
	cases   []unitCase
	id      string
	files   map[string]string // written by WriteToFile in the running test
	depth   int
}

func runClass(src string) (string, []unitCase, error) {
	toks, err := csLex(src)
	if err != nil {
		return "", nil, err
	}
	class, members, err := csClass(toks)
	if err != nil {
		return "", nil, err
	}
	r := &csRun{class: class, members: map[string]*csMember{}, fields: map[string]csVal{}}
	for _, m := range members {
		if m.method {
			r.members[m.name] = m
		}
	}
	for _, m := range members {
		if !m.method && m.init != nil {
			r.fields[m.name] = r.eval(m.init, []map[string]csVal{{}})
		}
	}
	for _, m := range members {
		if !m.method {
			continue
		}
		var fact, theory bool
		skip := ""
		var data [][]csTok
		for _, a := range m.attrs {
			if len(a) == 0 {
				continue
			}
			switch a[0].s {
			case "Fact", "Theory":
				fact = fact || a[0].s == "Fact"
				theory = theory || a[0].s == "Theory"
				for k, t := range a {
					if t.s == "Skip" && k+2 < len(a) {
						skip = "skipped in DocFX's own suite (" + a[k+2].s + ")"
					}
				}
			case "InlineData":
				data = append(data, a[2:len(a)-1])
			}
		}
		if !fact && !theory {
			continue
		}
		runs := [][]csTok{nil}
		if theory {
			runs = data
		}
		for k, args := range runs {
			r.id = class + "." + m.name
			if theory {
				r.id += fmt.Sprintf("#%d", k+1)
			}
			before := len(r.cases)
			if skip != "" {
				r.cases = append(r.cases, unitCase{id: r.id, skip: skip})
				continue
			}
			scope := map[string]csVal{}
			for p, arg := range csSplit(args) {
				if p < len(m.params) {
					scope[m.params[p]] = r.eval(arg, []map[string]csVal{{}})
				}
			}
			r.files = map[string]string{}
			r.block(m.body, []map[string]csVal{scope})
			if len(r.cases) == before {
				r.cases = append(r.cases, unitCase{id: r.id, skip: "checks no Markdown rendered by DocFX's pipeline (a custom Markdig pipeline or API)"})
			}
		}
	}
	ids := make([]string, len(r.cases))
	for k := range r.cases {
		ids[k] = r.cases[k].id
	}
	for k := range r.cases {
		if countID(ids, ids[k]) > 1 {
			r.cases[k].id += fmt.Sprintf(".%d", countID(ids[:k+1], ids[k]))
		}
	}
	return class, r.cases, nil
}

func countID(ids []string, id string) int {
	n := 0
	for _, c := range ids {
		if c == id {
			n++
		}
	}
	return n
}

// block runs statements.
func (r *csRun) block(toks []csTok, scopes []map[string]csVal) {
	i := 0
	for i < len(toks) {
		i = r.stmt(toks, i, scopes)
	}
}

// stmt runs the statement at i and returns the index after it.
func (r *csRun) stmt(toks []csTok, i int, scopes []map[string]csVal) int {
	t := toks[i]
	switch {
	case t.s == "{":
		end := csMatch(toks, i)
		r.block(toks[i+1:end], append(scopes, map[string]csVal{}))
		return end + 1
	case t.s == ";":
		return i + 1
	case t.kind == 'i' && (t.s == "if" || t.s == "using"):
		end := csMatch(toks, i+1)
		run := true
		if t.s == "if" {
			c := r.eval(toks[i+2:end], scopes)
			run = c.kind == 'b' && c.b
		}
		next := r.skipStmt(toks, end+1)
		if run {
			r.stmt(toks, end+1, scopes)
		}
		if next < len(toks) && toks[next].s == "else" {
			after := r.skipStmt(toks, next+1)
			if !run {
				r.stmt(toks, next+1, scopes)
			}
			return after
		}
		return next
	}
	end := r.skipStmt(toks, i)
	s := toks[i:end]
	if len(s) > 0 && s[len(s)-1].s == ";" {
		s = s[:len(s)-1]
	}
	// Declaration or assignment?
	depth := 0
	for k, x := range s {
		switch x.s {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case "=":
			if depth == 0 && x.kind == 'p' && k > 0 {
				name := s[k-1].s
				v := r.eval(s[k+1:], scopes)
				if k == 1 { // assignment to an existing variable
					for d := len(scopes) - 1; d >= 0; d-- {
						if _, ok := scopes[d][name]; ok {
							scopes[d][name] = v
							return end
						}
					}
				}
				scopes[len(scopes)-1][name] = v
				return end
			}
		}
	}
	if len(s) > 0 && s[0].kind == 'i' && (s[0].s == "return" || s[0].s == "foreach" || s[0].s == "throw") {
		return end
	}
	r.eval(s, scopes)
	return end
}

// skipStmt returns the index after the statement at i.
func (r *csRun) skipStmt(toks []csTok, i int) int {
	if i >= len(toks) {
		return i
	}
	if toks[i].s == "{" {
		return csMatch(toks, i) + 1
	}
	if toks[i].kind == 'i' && (toks[i].s == "if" || toks[i].s == "using") {
		end := r.skipStmt(toks, csMatch(toks, i+1)+1)
		if end < len(toks) && toks[end].s == "else" {
			end = r.skipStmt(toks, end+1)
		}
		return end
	}
	depth := 0
	for k := i; k < len(toks); k++ {
		switch toks[k].s {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ";":
			if depth == 0 {
				return k + 1
			}
		}
	}
	return len(toks)
}

func (r *csRun) lookup(name string, scopes []map[string]csVal) (csVal, bool) {
	for d := len(scopes) - 1; d >= 0; d-- {
		if v, ok := scopes[d][name]; ok {
			return v, true
		}
	}
	v, ok := r.fields[name]
	return v, ok
}

// eval evaluates an expression: terms joined by '+'.
func (r *csRun) eval(toks []csTok, scopes []map[string]csVal) csVal {
	if len(toks) == 0 {
		return unknown("empty expression")
	}
	// A named argument.
	if len(toks) > 2 && toks[0].kind == 'i' && toks[1].s == ":" {
		v := r.eval(toks[2:], scopes)
		v.named = toks[0].s
		return v
	}
	var parts [][]csTok
	depth, start := 0, 0
	for k, t := range toks {
		switch t.s {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case "+":
			if depth == 0 && t.kind == 'p' {
				parts = append(parts, toks[start:k])
				start = k + 1
			}
		}
	}
	parts = append(parts, toks[start:])
	if len(parts) == 1 {
		return r.postfix(toks, scopes)
	}
	var b strings.Builder
	for _, p := range parts {
		v := r.postfix(p, scopes)
		if v.kind != 's' {
			return unknown("concatenation of a non-string")
		}
		b.WriteString(v.s)
	}
	return csVal{kind: 's', s: b.String()}
}

// postfix evaluates a primary followed by .Member and calls.
func (r *csRun) postfix(toks []csTok, scopes []map[string]csVal) csVal {
	if len(toks) == 0 {
		return unknown("empty term")
	}
	t := toks[0]
	var v csVal
	i := 1
	switch {
	case t.kind == 's':
		v = csVal{kind: 's', s: t.s}
	case t.kind == 'I':
		v = r.interpolate(t.s, scopes)
	case t.s == "(":
		end := csMatch(toks, 0)
		v = r.eval(toks[1:end], scopes)
		i = end + 1
	case t.s == "[":
		end := csMatch(toks, 0)
		v = r.list(toks[1:end], scopes)
		i = end + 1
	case t.kind == 'i' && t.s == "new":
		return r.newExpr(toks[1:], scopes)
	case t.kind == 'i' && t.s == "null":
		v = csVal{kind: 'n'}
	case t.kind == 'i' && (t.s == "true" || t.s == "false"):
		v = csVal{kind: 'b', b: t.s == "true"}
	case t.kind == 'i':
		// A dotted name, maybe called.
		name := t.s
		for i+1 < len(toks) && toks[i].s == "." && toks[i+1].kind == 'i' {
			if _, ok := r.lookup(name, scopes); ok {
				break // member access on a variable
			}
			name += "." + toks[i+1].s
			i += 2
		}
		if i < len(toks) && toks[i].s == "(" {
			end := csMatch(toks, i)
			v = r.call(name, csSplit(toks[i+1:end]), scopes)
			i = end + 1
			break
		}
		if name == "string.Empty" || name == "String.Empty" {
			v = csVal{kind: 's'}
			break
		}
		var ok bool
		if v, ok = r.lookup(name, scopes); !ok {
			return unknown("unknown name %s", name)
		}
	default:
		return unknown("unexpected %q", t.s)
	}
	for i < len(toks) {
		if toks[i].s != "." || i+1 >= len(toks) {
			return unknown("unexpected %q after a value", toks[i].s)
		}
		member := toks[i+1].s
		i += 2
		var args []csVal
		if i < len(toks) && toks[i].s == "(" {
			end := csMatch(toks, i)
			for _, a := range csSplit(toks[i+1 : end]) {
				args = append(args, r.eval(a, scopes))
			}
			i = end + 1
		}
		v = method(v, member, args)
	}
	return v
}

func method(v csVal, member string, args []csVal) csVal {
	if v.kind == '?' {
		return v
	}
	switch {
	case v.kind == 'r' && member == "Html":
		return csVal{kind: 'h', res: v.res}
	case v.kind == 'h':
		return v // Replace etc. on the HTML DocFX produced
	case v.kind == 's' && member == "Replace" && len(args) == 2 && args[0].kind == 's' && args[1].kind == 's':
		return csVal{kind: 's', s: strings.ReplaceAll(v.s, args[0].s, args[1].s)}
	case v.kind == 's' && member == "Contains" && len(args) == 1 && args[0].kind == 's':
		return csVal{kind: 'b', b: strings.Contains(v.s, args[0].s)}
	case v.kind == 's' && member == "AppendLine" && len(args) == 1 && args[0].kind == 's':
		return csVal{kind: 's', s: v.s + args[0].s + "\n"}
	case v.kind == 's' && member == "ToString":
		return v
	}
	return unknown("no %s on this value", member)
}

func (r *csRun) interpolate(tmpl string, scopes []map[string]csVal) csVal {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		switch {
		case strings.HasPrefix(tmpl[i:], "{{"), strings.HasPrefix(tmpl[i:], "}}"):
			b.WriteByte(tmpl[i])
			i++
		case tmpl[i] == '{':
			end := strings.IndexByte(tmpl[i:], '}')
			if end < 0 {
				return unknown("bad interpolation")
			}
			v, ok := r.lookup(tmpl[i+1:i+end], scopes)
			if !ok || v.kind != 's' {
				return unknown("interpolated %s", tmpl[i+1:i+end])
			}
			b.WriteString(v.s)
			i += end
		default:
			b.WriteByte(tmpl[i])
		}
	}
	return csVal{kind: 's', s: b.String()}
}

func (r *csRun) list(toks []csTok, scopes []map[string]csVal) csVal {
	v := csVal{kind: 'l'}
	for _, e := range csSplit(toks) {
		if len(e) == 0 {
			continue
		}
		x := r.eval(e, scopes)
		if x.kind == '?' {
			return x
		}
		v.list = append(v.list, x)
	}
	return v
}

// newExpr evaluates what follows 'new'.
func (r *csRun) newExpr(toks []csTok, scopes []map[string]csVal) csVal {
	i := 0
	typ := ""
	for i < len(toks) && toks[i].s != "{" && toks[i].s != "(" {
		typ += toks[i].s
		i++
	}
	if i < len(toks) && toks[i].s == "(" {
		end := csMatch(toks, i)
		if typ == "" {
			return unknown("target-typed new(...)")
		}
		i = end + 1
	}
	switch {
	case strings.HasPrefix(typ, "StringBuilder"):
		v := csVal{kind: 's'}
		rest := toks[i:]
		for len(rest) > 0 {
			if rest[0].s != "." || len(rest) < 2 {
				return unknown("StringBuilder use")
			}
			member := rest[1].s
			rest = rest[2:]
			var args []csVal
			if len(rest) > 0 && rest[0].s == "(" {
				end := csMatch(rest, 0)
				for _, a := range csSplit(rest[1:end]) {
					args = append(args, r.eval(a, scopes))
				}
				rest = rest[end+1:]
			}
			v = method(v, member, args)
		}
		return v
	case i >= len(toks):
		return unknown("new %s", typ)
	case strings.HasPrefix(typ, "Dictionary"):
		end := csMatch(toks, i)
		v := csVal{kind: 'd'}
		for _, e := range csSplit(toks[i+1 : end]) {
			if len(e) < 2 || e[0].s != "{" {
				continue
			}
			kv := csSplit(e[1:csMatch(e, 0)])
			if len(kv) != 2 {
				return unknown("dictionary entry")
			}
			k, x := r.eval(kv[0], scopes), r.eval(kv[1], scopes)
			if k.kind != 's' || x.kind != 's' {
				return unknown("dictionary entry value")
			}
			v.dict = append(v.dict, [2]string{k.s, x.s})
		}
		return v
	case typ == "[]" || strings.HasSuffix(typ, "[]") || strings.HasPrefix(typ, "List"):
		end := csMatch(toks, i)
		return r.list(toks[i+1:end], scopes)
	}
	return unknown("new %s", typ)
}

// call runs a call to a test helper or a method of the class.
func (r *csRun) call(name string, argToks [][]csTok, scopes []map[string]csVal) csVal {
	var args []csVal
	for _, a := range argToks {
		args = append(args, r.eval(a, scopes))
	}
	switch name {
	case "TestUtility.VerifyMarkup":
		r.verifyMarkup(args)
		return csVal{kind: 's'}
	case "TestUtility.WriteToFile", "File.WriteAllText":
		if len(args) == 2 && args[0].kind == 's' && args[1].kind == 's' {
			r.files[args[0].s] = args[1].s
		}
		return csVal{kind: 'n'}
	case "TestUtility.MarkupWithoutSourceInfo":
		if len(args) != 2 || args[0].kind != 's' || args[1].kind != 's' {
			return unknown("markup arguments")
		}
		files := map[string]string{}
		for k, v := range r.files {
			files[k] = v
		}
		return csVal{kind: 'r', res: &csResult{src: args[0].s, path: args[1].s, files: files}}
	case "Assert.Equal":
		if len(args) == 2 && args[1].kind == 'h' {
			c := unitCase{id: r.id, markdown: args[1].res.src, filePath: args[1].res.path, files: args[1].res.files}
			switch args[0].kind {
			case 's':
				c.html = &args[0].s
			default:
				c.skip = "expected HTML not computable: " + args[0].why
			}
			r.cases = append(r.cases, c)
		}
		return csVal{kind: 'n'}
	}
	if m, ok := r.members[name]; ok && r.depth < 8 {
		scope := map[string]csVal{}
		for k, p := range m.params {
			if k < len(args) {
				scope[p] = args[k]
			}
		}
		r.depth++
		r.block(m.body, []map[string]csVal{scope})
		r.depth--
		return csVal{kind: 'n'}
	}
	return unknown("call %s", name)
}

// verifyMarkup records a TestUtility.VerifyMarkup call.
func (r *csRun) verifyMarkup(args []csVal) {
	order := []string{"markdown", "html", "errors", "dependencies", "lineNumber", "filePath", "tokens", "files", "verifyAST", "optionalExtensions", "extensionConfiguration"}
	byName := map[string]csVal{}
	for k, a := range args {
		name := a.named
		if name == "" && k < len(order) {
			name = order[k]
		}
		byName[name] = a
	}
	c := unitCase{id: r.id, filePath: "test.md", files: map[string]string{}, errors: []string{}}
	names := make([]string, 0, len(byName))
	for name := range byName {
		names = append(names, name)
	}
	sort.Strings(names) // the reason a case is not runnable must not depend on map order
	for _, name := range names {
		a := byName[name]
		if a.kind == '?' {
			if name == "optionalExtensions" || name == "extensionConfiguration" {
				c.skip = "enables " + name + " (DocFX pipeline options a Learn build does not set)"
			} else if c.skip == "" {
				c.skip = "argument " + name + " not computable: " + a.why
			}
			continue
		}
		switch name {
		case "markdown":
			c.markdown = a.s
		case "html":
			if a.kind == 's' {
				c.html = &a.s
			}
		case "errors":
			for _, e := range a.list {
				c.errors = append(c.errors, e.s)
			}
		case "lineNumber":
			c.lineNumber = a.b
		case "filePath":
			c.filePath = a.s
		case "files":
			for _, kv := range a.dict {
				c.files[kv[0]] = kv[1]
			}
		case "tokens":
			if len(a.dict) > 0 {
				c.skip = "replaces DocFX's localisation tokens (custom alert titles and messages)"
			}
		case "optionalExtensions", "extensionConfiguration":
			if a.kind != 'n' && (len(a.list) > 0 || len(a.dict) > 0) {
				c.skip = "enables " + name + " (DocFX pipeline options a Learn build does not set)"
			}
		case "dependencies":
		default:
			c.skip = "uses " + name
		}
	}
	if _, ok := byName["markdown"]; !ok || byName["markdown"].kind != 's' {
		if c.skip == "" {
			c.skip = "markdown not computable"
		}
	}
	sort.Strings(c.errors)
	r.cases = append(r.cases, c)
}
