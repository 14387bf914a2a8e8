package dialect

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/docloom/docloom/internal/diag"
)

// Budgets checked before goldmark parses a file. goldmark's cost grows with
// the cube of block nesting (an indented list 1,000 deep takes seconds,
// 3,000 deep half a minute and most of a gigabyte) and its memory with
// about 35 times the file's size, so one crafted file could stall a whole
// build or a CI check. No Learn page comes near either limit: the deepest
// real lists nest under ten levels and the largest pages are a few hundred
// kilobytes.
const (
	// MaxBytes is the largest Markdown body parsed (page-too-large above).
	MaxBytes = 4 << 20
	// MaxDepth is the deepest nesting of lists and block quotes parsed
	// (page-too-deep above).
	MaxDepth = 64
)

// overBudget reports the first budget body exceeds: the diagnostic code, a
// message and the byte offset it points at.
func overBudget(body []byte) (code, msg string, offset int, over bool) {
	if off, depth := tooDeep(body); off >= 0 {
		return "page-too-deep", fmt.Sprintf("lists and block quotes nest more than %d levels deep (%d here); the page is not rendered", MaxDepth, depth), off, true
	}
	if len(body) > MaxBytes {
		return "page-too-large", fmt.Sprintf("the Markdown is %.1f MB, more than the %d MB docloom parses; the page is not rendered (split it)", float64(len(body))/(1<<20), MaxBytes>>20), 0, true
	}
	return "", "", 0, false
}

// tooDeep estimates, line by line and without parsing, how deep lists and
// block quotes nest, and returns the offset of the first line that nests
// deeper than MaxDepth (or -1). The estimate never undercounts what goldmark
// would open: every `>` and every list marker chained at the start of a line
// is a level, and a list item indented past the one before it is one level
// deeper than it. A line indented less than the open items closes them only
// after a blank line (else it may be a lazy continuation that keeps them
// open).
func tooDeep(body []byte) (offset, depth int) {
	var indents []int // the indents of the open list items, increasing
	blank := false
	for off := 0; off < len(body); {
		end := bytes.IndexByte(body[off:], '\n')
		line := body[off:]
		if end >= 0 {
			line = body[off : off+end]
		}
		quotes, chained, indent, marker := linePrefix(line)
		switch {
		case marker:
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, indent)
		case indent >= 0 && blank:
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
		}
		blank = indent < 0
		if d := quotes + chained + len(indents); d > MaxDepth {
			return off, d
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return -1, 0
}

// linePrefix reads the container markers that start a line: the number of
// `>`, the list markers after the first one, the column of the first list
// marker (or of the text) after the quotes, and whether there is a list
// marker. indent is -1 for a blank line.
func linePrefix(line []byte) (quotes, chained, indent int, marker bool) {
	col, i := 0, 0
	skip := func() {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			i++
		}
	}
	skip()
	for i < len(line) && line[i] == '>' {
		quotes++
		i++
		col++
		skip()
	}
	if i == len(line) {
		return quotes, 0, -1, false
	}
	indent = col
	for {
		n := listMarker(line[i:])
		if n == 0 {
			break
		}
		if marker {
			chained++
		}
		marker = true
		i += n
		col += n
		skip()
	}
	return quotes, chained, indent, marker
}

// listMarker returns the length of the list marker at the start of s
// (`-`, `*`, `+`, or up to nine digits and `.` or `)`), followed by a space,
// a tab or the end of the line; 0 if there is none.
func listMarker(s []byte) int {
	n := 0
	switch {
	case len(s) > 0 && (s[0] == '-' || s[0] == '*' || s[0] == '+'):
		n = 1
	default:
		for n < len(s) && n < 9 && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// maxUTF8Diags caps the invalid-utf8 diagnostics of one file: the first few
// say where, the last how many more.
const maxUTF8Diags = 5

// validUTF8 returns body with every invalid UTF-8 sequence replaced by
// U+FFFD, and a warning for each (at most maxUTF8Diags, positioned by pos
// in the original body). A page declared charset=utf-8 must not carry raw
// bytes that browsers each repair their own way.
func validUTF8(body []byte, pos func(offset int) diag.Pos) ([]byte, []diag.Diagnostic) {
	if utf8.Valid(body) {
		return body, nil
	}
	var ds []diag.Diagnostic
	bad := 0
	for i := 0; i < len(body); {
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
			if bad <= maxUTF8Diags {
				ds = append(ds, diag.Diagnostic{Pos: pos(i), Severity: diag.Warning, Code: "invalid-utf8",
					Message: fmt.Sprintf("byte 0x%02X is not valid UTF-8; it is shown as U+FFFD (save the file as UTF-8)", body[i])})
			}
		}
		i += n
	}
	if bad > maxUTF8Diags {
		ds[len(ds)-1].Message += fmt.Sprintf("; %d more invalid bytes in this file", bad-maxUTF8Diags)
	}
	return bytes.ToValidUTF8(body, []byte("\uFFFD")), ds
}
