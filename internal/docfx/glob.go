package docfx

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Glob is a compiled DocFX file glob, as used by docfx.json's files,
// exclude and fileMetadata. The dialect is DocFX's (minimatch-like):
//
//   - `**` as a whole path segment matches any number of folders, zero
//     included; `**x` at the start of a segment is `**/*x` (so the old
//     DocFX idiom `**.md` means every .md file); `a**b` is `a*b`;
//   - `*` matches a run of characters and `?` one character, never a '/';
//   - `[abc]`, `[a-z]`, `[!a]` / `[^a]` match one character of a set; an
//     unclosed `[` is a literal;
//   - `{a,b}` expands to alternatives (nested braces allowed);
//   - `\` escapes the next character; a leading `!` negates the pattern;
//   - a pattern is matched against the whole path, so one without a slash,
//     such as "README.md", matches only at the root, as in DocFX;
//   - wildcards do not match a name that starts with '.', unless the
//     pattern segment itself starts with '.' (DocFX's default: it skips
//     .git, .github, .vscode);
//   - a pattern ending in '/' covers everything under that folder
//     ("bookings/" is "bookings/**"): that is what authors mean by it in
//     fileMetadata.
//
// Matching folds ASCII case only. DocFX matches case-insensitively because
// the docsets are authored and built on Windows, where "Admin/A.md" and
// "admin/a.md" are the same file; links and globs in the corpus rely on it.
// Folding only ASCII keeps the rule simple and exact: every path in the
// docsets is ASCII, and Unicode case folding is locale-dependent.
type Glob struct {
	pattern string
	negate  bool
	alts    [][]segment
}

// segment is one '/'-separated part of a pattern.
type segment struct {
	globstar bool
	literal  string  // lower-cased, unescaped; used when tokens is nil
	tokens   []token // wildcard segment
	dotOK    bool    // the segment may match a name starting with '.'
}

type tokenKind uint8

const (
	tokLit tokenKind = iota
	tokAny
	tokStar
	tokClass
)

type token struct {
	kind   tokenKind
	r      rune        // tokLit, lower-cased
	ranges []runeRange // tokClass
	negate bool        // tokClass
}

type runeRange struct{ lo, hi rune }

// maxAlternatives bounds brace expansion, which is exponential in the
// number of groups.
const maxAlternatives = 1024

// CompileGlob compiles a DocFX glob. It fails on an empty pattern, a
// trailing backslash and a brace expansion of more than 1024 alternatives.
func CompileGlob(pattern string) (*Glob, error) {
	g := &Glob{pattern: pattern}
	rest := pattern
	for strings.HasPrefix(rest, "!") {
		g.negate = !g.negate
		rest = rest[1:]
	}
	if rest == "" {
		return nil, errors.New("empty glob pattern")
	}
	if trailingBackslash(rest) {
		return nil, errors.New("glob pattern ends with a lone backslash")
	}
	budget := maxAlternatives
	alts, err := expandBraces(rest, &budget)
	if err != nil {
		return nil, err
	}
	for _, alt := range alts {
		if strings.HasSuffix(alt, "/") {
			alt += "**"
		}
		g.alts = append(g.alts, compileSegments(alt))
	}
	return g, nil
}

// String returns the pattern as written.
func (g *Glob) String() string { return g.pattern }

func trailingBackslash(s string) bool {
	n := 0
	for i := len(s) - 1; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// expandBraces returns the alternatives of the first brace group that has
// a top-level comma, recursively; braces without a comma are literal.
func expandBraces(p string, budget *int) ([]string, error) {
	open, close, ok := findBraceGroup(p)
	if !ok {
		*budget--
		if *budget < 0 {
			return nil, errors.New("glob pattern expands to too many alternatives")
		}
		return []string{p}, nil
	}
	var out []string
	for _, alt := range splitTopLevel(p[open+1 : close]) {
		sub, err := expandBraces(p[:open]+alt+p[close+1:], budget)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	return out, nil
}

func findBraceGroup(p string) (open, close int, ok bool) {
	for open = 0; open < len(p); open++ {
		switch p[open] {
		case '\\':
			open++
		case '{':
			depth, comma := 0, false
			for i := open; i < len(p); i++ {
				switch p[i] {
				case '\\':
					i++
				case '{':
					depth++
				case ',':
					comma = comma || depth == 1
				case '}':
					depth--
					if depth == 0 {
						if comma {
							return open, i, true
						}
						i = len(p) // literal group: look for the next '{'
					}
				}
			}
		}
	}
	return 0, 0, false
}

func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

func compileSegments(p string) []segment {
	var segs []segment
	for _, part := range strings.Split(p, "/") {
		if part == "" {
			continue
		}
		if strings.Trim(part, "*") == "" && len(part) >= 2 {
			segs = append(segs, segment{globstar: true})
			continue
		}
		if strings.HasPrefix(part, "**") {
			segs = append(segs, segment{globstar: true})
			part = "*" + strings.TrimLeft(part, "*")
		}
		segs = append(segs, compileSegment(part))
	}
	return segs
}

func compileSegment(part string) segment {
	var toks []token
	magic := false
	for i := 0; i < len(part); {
		c := part[i]
		switch {
		case c == '\\':
			r, size := utf8.DecodeRuneInString(part[i+1:])
			toks = append(toks, token{kind: tokLit, r: lowerASCII(r)})
			i += 1 + size
		case c == '?':
			toks = append(toks, token{kind: tokAny})
			magic = true
			i++
		case c == '*':
			if len(toks) == 0 || toks[len(toks)-1].kind != tokStar {
				toks = append(toks, token{kind: tokStar})
			}
			magic = true
			i++
		case c == '[':
			if t, n, ok := compileClass(part[i:]); ok {
				toks = append(toks, t)
				magic = true
				i += n
				continue
			}
			toks = append(toks, token{kind: tokLit, r: '['})
			i++
		default:
			r, size := utf8.DecodeRuneInString(part[i:])
			toks = append(toks, token{kind: tokLit, r: lowerASCII(r)})
			i += size
		}
	}
	dotOK := len(toks) > 0 && toks[0].kind == tokLit && toks[0].r == '.'
	if !magic {
		var b strings.Builder
		for _, t := range toks {
			b.WriteRune(t.r)
		}
		return segment{literal: b.String(), dotOK: true}
	}
	return segment{tokens: toks, dotOK: dotOK}
}

// compileClass reads a bracket expression at the start of s and returns
// it with its length in bytes; ok is false when it is not closed.
func compileClass(s string) (t token, n int, ok bool) {
	t.kind = tokClass
	i := 1
	if i < len(s) && (s[i] == '!' || s[i] == '^') {
		t.negate = true
		i++
	}
	var prev rune = -1
	for i < len(s) {
		c := s[i]
		if c == ']' {
			if len(t.ranges) == 0 {
				return token{}, 0, false // "[]" is literal text
			}
			return t, i + 1, true
		}
		if c == '\\' && i+1 < len(s) {
			i++
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == '-' && prev >= 0 && i < len(s) && s[i] != ']' {
			hi, size := utf8.DecodeRuneInString(s[i:])
			if s[i] == '\\' && i+1 < len(s) {
				hi, size = utf8.DecodeRuneInString(s[i+1:])
				size++
			}
			i += size
			t.ranges[len(t.ranges)-1].hi = hi
			prev = -1
			continue
		}
		t.ranges = append(t.ranges, runeRange{r, r})
		prev = r
	}
	return token{}, 0, false
}

func lowerASCII(r rune) rune {
	if r >= 'A' && r <= 'Z' {
		return r + 'a' - 'A'
	}
	return r
}

func lowerASCIIString(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func upperASCII(r rune) rune {
	if r >= 'a' && r <= 'z' {
		return r - ('a' - 'A')
	}
	return r
}

// Match reports whether rel, a slash-separated path relative to the folder
// of the docfx.json, matches the glob. Empty segments and "." segments in
// rel are ignored.
func (g *Glob) Match(rel string) bool { return g.matchParts(splitPath(rel)) }

// splitPath splits rel into its names, so that callers testing one path
// against many globs split it once.
func splitPath(rel string) []string {
	parts := make([]string, 0, strings.Count(rel, "/")+1)
	for p := range strings.SplitSeq(rel, "/") {
		if p != "" && p != "." {
			parts = append(parts, p)
		}
	}
	return parts
}

func (g *Glob) matchParts(parts []string) bool {
	matched := false
	for _, alt := range g.alts {
		if matchPath(alt, parts) {
			matched = true
			break
		}
	}
	return matched != g.negate
}

// matchPath is a dynamic program over (pattern segment, path segment):
// ok[j] says whether the pattern's segments so far match the path's first
// j names. It is linear in the product of the two lengths.
func matchPath(segs []segment, parts []string) bool {
	var buf [2 * 16]bool
	ok, next := buf[:0], buf[16:16]
	if len(parts)+1 > 16 {
		ok, next = nil, nil
	}
	ok = append(ok, make([]bool, len(parts)+1)...)
	next = append(next, make([]bool, len(parts)+1)...)
	ok[0] = true
	for _, s := range segs {
		next[0] = s.globstar && ok[0]
		for j := 1; j <= len(parts); j++ {
			if s.globstar {
				// ** takes zero or more names that do not start with '.'.
				next[j] = ok[j] || (next[j-1] && !strings.HasPrefix(parts[j-1], "."))
			} else {
				next[j] = ok[j-1] && s.match(parts[j-1])
			}
		}
		ok, next = next, ok
	}
	return ok[len(parts)]
}

func (s *segment) match(name string) bool {
	if s.tokens == nil {
		return asciiFold(s.literal, name)
	}
	if !s.dotOK && strings.HasPrefix(name, ".") {
		return false
	}
	return matchTokens(s.tokens, name)
}

// asciiFold reports whether a (already lower-cased) equals b up to ASCII
// case; strings.EqualFold would also fold non-ASCII letters.
func asciiFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && (b[i] < 'A' || b[i] > 'Z' || b[i]+'a'-'A' != a[i]) {
			return false
		}
	}
	return true
}

// matchTokens matches one name with the classic single-backtrack wildcard
// algorithm, which is exact when '*' is the only variable-width token.
func matchTokens(toks []token, name string) bool {
	ti, ni := 0, 0
	starT, starN := -1, 0
	for ni < len(name) {
		if ti < len(toks) && toks[ti].kind == tokStar {
			starT, starN = ti, ni
			ti++
			continue
		}
		r, size := utf8.DecodeRuneInString(name[ni:])
		if ti < len(toks) && toks[ti].matches(r) {
			ti++
			ni += size
			continue
		}
		if starT < 0 {
			return false
		}
		_, size = utf8.DecodeRuneInString(name[starN:])
		starN += size
		ti, ni = starT+1, starN
	}
	for ti < len(toks) && toks[ti].kind == tokStar {
		ti++
	}
	return ti == len(toks)
}

func (t *token) matches(r rune) bool {
	switch t.kind {
	case tokLit:
		return lowerASCII(r) == t.r
	case tokAny:
		return true
	case tokClass:
		in := false
		for _, rg := range t.ranges {
			if inRange(rg, r) || inRange(rg, lowerASCII(r)) || inRange(rg, upperASCII(r)) {
				in = true
				break
			}
		}
		return in != t.negate
	}
	return false
}

func inRange(rg runeRange, r rune) bool { return rg.lo <= r && r <= rg.hi }
