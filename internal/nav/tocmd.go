package nav

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/docloom/docloom/internal/diag"
)

// parseMDTOC reads a TOC.md: one ATX heading per line, the number of #
// being the nesting depth. A line is "# [Name](href)", "# @uid" or
// "# Name"; blank lines and HTML comments are skipped. Anything else is
// invalid-toc-syntax, and a level that skips (# then ###) is
// invalid-toc-level; the entry is then nested one level below the previous
// so the rest of the file still reads sensibly.
func parseMDTOC(file string, src []byte) (*rawTOC, []diag.Diagnostic) {
	src = bytes.TrimPrefix(src, bom)
	toc := &rawTOC{}
	var diags []diag.Diagnostic
	report := func(line, col int, code, format string, args ...any) {
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: file, Line: line, Col: col}, Severity: diag.Error, Code: code, Message: fmt.Sprintf(format, args...)})
	}
	var stack []*rawItem // stack[d] is the last item at depth d+1
	inComment := false
	count := 0
	for n, line := range strings.Split(string(src), "\n") {
		lineNo := n + 1
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		if inComment || strings.HasPrefix(trimmed, "<!--") {
			inComment = !strings.Contains(trimmed, "-->")
			continue
		}
		if trimmed == "" {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		level := 0
		for level < len(trimmed) && trimmed[level] == '#' {
			level++
		}
		if level == 0 || indent > 3 {
			report(lineNo, indent+1, "invalid-toc-syntax", "a TOC.md line must be a heading such as \"# [Name](href)\"")
			continue
		}
		it, msg := mdItem(trimmed[level:])
		if msg != "" {
			report(lineNo, indent+1, "invalid-toc-syntax", "%s", msg)
			continue
		}
		it.pos = diag.Pos{File: file, Line: lineNo, Col: indent + 1}
		it.hrefPos = it.pos
		if level > len(stack)+1 {
			report(lineNo, indent+1, "invalid-toc-level", "heading level %d follows level %d; TOC levels may not skip", level, len(stack))
			level = len(stack) + 1
		}
		if level > maxDepth {
			report(lineNo, indent+1, "invalid-toc-syntax", "TOC is nested more than %d levels deep", maxDepth)
			continue
		}
		if count++; count > maxItems {
			report(lineNo, indent+1, "invalid-toc-syntax", "TOC has more than %d items", maxItems)
			break
		}
		stack = stack[:level-1]
		if level == 1 {
			toc.items = append(toc.items, it)
		} else {
			p := stack[level-2]
			p.items = append(p.items, it)
		}
		stack = append(stack, it)
	}
	return toc, diags
}

// mdItem parses the text after the #s of a TOC.md heading. It returns a
// message instead of an item when the text is not one of the three forms.
func mdItem(s string) (*rawItem, string) {
	s = strings.TrimSpace(s)
	// An optional closing sequence of #s, as CommonMark allows.
	if t := strings.TrimRight(s, "#"); t != s && (t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t")) {
		s = strings.TrimSpace(t)
	}
	switch {
	case s == "":
		return nil, "a TOC.md heading needs a name"
	case strings.HasPrefix(s, "@"):
		if len(s) == 1 || strings.ContainsAny(s, " \t") {
			return nil, fmt.Sprintf("%q is not a valid @uid entry", s)
		}
		return &rawItem{uid: s[1:]}, ""
	case strings.HasPrefix(s, "["):
		name, href, rest, ok := mdLink(s)
		if !ok || strings.TrimSpace(rest) != "" {
			return nil, fmt.Sprintf("%q is not a single link [Name](href)", s)
		}
		return &rawItem{name: name, href: href}, ""
	case strings.Contains(s, "]("):
		return nil, fmt.Sprintf("%q mixes text and a link; write [Name](href) alone", s)
	}
	return &rawItem{name: s}, ""
}

// mdLink parses an inline link at the start of s: [text](href "title") or
// [text](<href with spaces>). Brackets in text nest; backslash escapes.
func mdLink(s string) (text, href, rest string, ok bool) {
	depth := 0
	end := -1
	for i := 0; i < len(s) && end < 0; i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				end = i
			}
		}
	}
	if end < 0 || end+1 >= len(s) || s[end+1] != '(' {
		return "", "", "", false
	}
	text = unescapeMD(s[1:end])
	body := s[end+2:]
	if strings.HasPrefix(body, "<") {
		gt := strings.IndexByte(body, '>')
		if gt < 0 {
			return "", "", "", false
		}
		href, body = body[1:gt], body[gt+1:]
	} else {
		i := strings.IndexAny(body, " \t)")
		if i < 0 {
			return "", "", "", false
		}
		href, body = body[:i], body[i:]
	}
	// Skip an optional title, then the closing parenthesis.
	body = strings.TrimLeft(body, " \t")
	if len(body) > 0 && (body[0] == '"' || body[0] == '\'') {
		q := strings.IndexByte(body[1:], body[0])
		if q < 0 {
			return "", "", "", false
		}
		body = strings.TrimLeft(body[q+2:], " \t")
	}
	if !strings.HasPrefix(body, ")") {
		return "", "", "", false
	}
	return strings.TrimSpace(text), href, body[1:], true
}

// unescapeMD drops the backslash of Markdown escapes in link text.
func unescapeMD(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
