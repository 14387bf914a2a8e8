package search

import (
	"html"
	"strings"
)

// Heading is a heading of a page body: where its text starts in the
// page's Text, its id (the #fragment a result links to) and its text.
type Heading struct {
	Offset int
	ID     string
	Text   string
}

// Extracted is the text a reader sees in a rendered page body.
type Extracted struct {
	Text     string // whitespace collapsed, headings included
	Headings []Heading
}

// Element kinds. skipped elements hold no reader-visible text: scripts,
// styles, inline SVG icons, and noscript fallbacks (the index serves
// readers with JavaScript). inline elements do not separate words
// ("Get-<b>Item</b>" is one word). void elements have no end tag.
const (
	kindBlock = iota
	kindInline
	kindVoid
	kindSkipped
)

// kindOf classifies a lower-cased tag name (a switch: a map lookup per tag
// was a visible share of extracting a large docset).
func kindOf(name string) int {
	switch name {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
		"s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var":
		return kindInline
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr":
		return kindVoid
	case "script", "style", "template", "svg", "noscript":
		return kindSkipped
	}
	return kindBlock
}

// Extract reads the text of a rendered body. Everything the HTML holds for
// the cloud it was rendered for counts, hidden tab panels and zone pivots
// included (a reader reaches them with one click); content Learn hides
// from everyone (class "sxs-lookup", aria-hidden="true") does not, nor
// does docloom's own chrome inside the body (heading permalinks, code
// block labels). Other
// clouds' moniker zones are not in the body at all: it was rendered for
// one cloud.
func Extract(body string) Extracted {
	var out strings.Builder
	// A body's text is about half its HTML on a reference docset (14 MB
	// of text in 31 MB): a third, as before, grew the builder by copying
	// on most pages, 20 MB more allocation than the texts themselves.
	out.Grow(len(body) / 2)
	var heads []Heading
	skipName, skipDepth := "", 0 // element being skipped and its nesting
	inHeading := -1              // index in heads while inside a heading
	headLevel := ""
	space := true // last written byte was a space (or nothing yet)
	sep := func() {
		if !space {
			out.WriteByte(' ')
			space = true
		}
	}
	// text writes a run of text with its white space collapsed: a lone
	// space between words stays in the run, which is copied whole.
	text := func(t string) {
		if strings.IndexByte(t, '&') >= 0 {
			t = html.UnescapeString(t)
		}
		run := 0 // t[run:i] is still to be written as it is
		for i := 0; i < len(t); {
			c := t[i]
			if !whiteByte[c] {
				i++
				continue
			}
			n := 1
			if c == 0xc2 {
				if i+1 >= len(t) || t[i+1] != 0xa0 {
					i++ // another character than a no-break space
					continue
				}
				n = 2
			}
			prevSpace := space
			if i > run {
				prevSpace = t[i-1] == ' '
			}
			if c == ' ' && !prevSpace {
				i++
				continue
			}
			if i > run {
				out.WriteString(t[run:i])
			}
			if !prevSpace {
				out.WriteByte(' ')
			}
			space = true
			i += n
			run = i
		}
		if run < len(t) {
			out.WriteString(t[run:])
			space = t[len(t)-1] == ' '
		}
	}
	for len(body) > 0 {
		lt := strings.IndexByte(body, '<')
		if lt < 0 {
			if skipDepth == 0 {
				text(body)
			}
			break
		}
		if lt > 0 && skipDepth == 0 {
			text(body[:lt])
		}
		body = body[lt:]
		if strings.HasPrefix(body, "<!--") {
			end := strings.Index(body, "-->")
			if end < 0 {
				break
			}
			body = body[end+3:]
			continue
		}
		gt := tagEnd(body)
		if gt < 0 {
			if skipDepth == 0 {
				text(body)
			}
			break
		}
		tag := body[1:gt]
		body = body[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		if closing {
			tag = tag[1:]
		}
		name, attrs := tagName(tag)
		kind := kindOf(name)
		if name == "" {
			if skipDepth == 0 {
				text("<" + tag + ">")
			}
			continue
		}
		if skipDepth > 0 {
			if name == skipName {
				if closing {
					skipDepth--
				} else if kind != kindVoid {
					skipDepth++
				}
			}
			continue
		}
		if closing {
			if kind != kindInline {
				sep()
			}
			if inHeading >= 0 && name == headLevel {
				heads[inHeading].Text = strings.TrimSpace(out.String()[heads[inHeading].Offset:])
				inHeading = -1
			}
			continue
		}
		if kind != kindVoid && !strings.HasSuffix(attrs, "/") && (kind == kindSkipped || hidesText(attrs)) {
			skipName, skipDepth = name, 1
			continue
		}
		if kind != kindInline {
			sep()
		}
		if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && inHeading < 0 {
			heads = append(heads, Heading{Offset: out.Len(), ID: attr(attrs, "id")})
			inHeading, headLevel = len(heads)-1, name
		}
	}
	if inHeading >= 0 {
		heads[inHeading].Text = strings.TrimSpace(out.String()[heads[inHeading].Offset:])
	}
	return Extracted{Text: strings.TrimSpace(out.String()), Headings: heads}
}

// tagEnd finds the '>' that ends the tag starting at s[0] == '<', skipping
// quoted attribute values.
func tagEnd(s string) int {
	var q byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '"' || c == '\'':
			q = c
		case c == '>':
			return i
		}
	}
	return -1
}

// tagName splits "div class=x" into "div" and its attributes; a name that
// is not a tag name ("<" in text that was not escaped) returns "".
func tagName(tag string) (string, string) {
	i, upper := 0, false
	for i < len(tag) {
		c := tag[i]
		if c >= 'A' && c <= 'Z' {
			upper = true
		} else if !(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '-')) {
			break
		}
		i++
	}
	if i == 0 || i < len(tag) && !isSpace(tag[i]) && tag[i] != '/' {
		return "", ""
	}
	if upper {
		return strings.ToLower(tag[:i]), tag[i:]
	}
	return tag[:i], tag[i:]
}

// whiteByte marks the bytes that start white space: ASCII spaces and
// 0xc2, the first byte of a no-break space (U+00A0).
var whiteByte = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, 0xc2: true}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func hidesText(attrs string) bool {
	// Every marker has a hyphen: one pass over the hyphens (a tag's
	// attributes are mostly URLs) instead of a search for each marker.
	aria, class := false, false
	for i := strings.IndexByte(attrs, '-'); i >= 0; {
		switch {
		case hasAt(attrs, i-4, "aria-hidden"):
			aria = true
		case hasAt(attrs, i-3, "sxs-lookup"), hasAt(attrs, i-7, "heading-link"), hasAt(attrs, i-4, "code-header"):
			class = true
		}
		j := strings.IndexByte(attrs[i+1:], '-')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if aria && attr(attrs, "aria-hidden") == "true" {
		return true
	}
	if class {
		for _, c := range strings.Fields(attr(attrs, "class")) {
			switch c {
			case "sxs-lookup", // Learn hides it from every reader
				"heading-link", // the "#" permalink after a heading: chrome, not text
				"code-header":  // a code block's language label: chrome
				return true
			}
		}
	}
	return false
}

// hasAt reports whether s holds sub at byte offset i.
func hasAt(s string, i int, sub string) bool {
	return i >= 0 && i+len(sub) <= len(s) && s[i:i+len(sub)] == sub
}

// attr returns the value of attribute name in a tag's attribute text.
func attr(attrs, name string) string {
	for s := attrs; ; {
		i := strings.Index(s, name)
		if i < 0 {
			return ""
		}
		before := i == 0 || isSpace(s[i-1])
		s = s[i+len(name):]
		if !before {
			continue
		}
		t := strings.TrimLeft(s, " \t\n")
		if !strings.HasPrefix(t, "=") {
			continue
		}
		t = strings.TrimLeft(t[1:], " \t\n")
		if t == "" {
			return ""
		}
		if t[0] == '"' || t[0] == '\'' {
			if j := strings.IndexByte(t[1:], t[0]); j >= 0 {
				return html.UnescapeString(t[1 : 1+j])
			}
			return ""
		}
		j := strings.IndexAny(t, " \t\n>")
		if j < 0 {
			j = len(t)
		}
		return t[:j]
	}
}
