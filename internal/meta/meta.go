// Package meta splits a source file into its YAML front matter and its
// Markdown body, and merges metadata from the docset configuration with the
// page's own (global -> file globs -> page, page wins).
//
// It sits right after discovery in the pipeline: every page and include goes
// through Split before the dialect parses the body. Split also normalizes
// what real docsets carry (a UTF-8 BOM, CRLF line endings, `---` with
// trailing spaces) so that later stages can count lines in the body and map
// them back to the file.
package meta

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"github.com/docloom/docloom/internal/diag"
	yaml "go.yaml.in/yaml/v3"
)

// Doc is a source file after Split.
type Doc struct {
	// Meta is the front matter as a map (nil when there is none or it was
	// unusable).
	Meta map[string]any
	// Body is the Markdown after the front matter, with LF line endings.
	Body []byte
	// BodyLine is the 1-based file line on which Body starts, so that a
	// position in Body maps back to the file as BodyLine + line - 1.
	BodyLine int
	// Header is the front matter's text between the --- lines.
	Header []byte
}

// Normalize strips a UTF-8 BOM and turns CRLF and lone CR into LF. Line
// numbers are unchanged by this.
func Normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// yamlV3 decodes front matter with yaml v3 instead of adrg/frontmatter's
// default yaml.v2, which turns NO into false and lets duplicate keys pass.
var yamlV3 = frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
	return yaml.Unmarshal(data, v)
})

// Split separates front matter from the body. file is used in diagnostics.
// Problems with the front matter are warnings: the page still builds, as
// DocFX builds it.
func Split(file string, src []byte) (Doc, []diag.Diagnostic) {
	src = Normalize(src)
	doc := Doc{Body: src, BodyLine: 1}
	first, _, _ := bytes.Cut(src, []byte("\n"))
	if strings.TrimRight(string(first), " \t") != "---" {
		return doc, nil
	}
	// Find the closing delimiter ourselves: adrg/frontmatter reads to EOF
	// when it is missing, and it does not accept `---` with trailing spaces.
	closeAt := -1 // byte offset in src of the closing line
	lines := 1
	for off := len(first) + 1; off <= len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		if end >= 0 {
			line = src[off : off+end]
		}
		lines++
		if t := strings.TrimRight(string(line), " \t"); t == "---" || t == "..." {
			closeAt = off
			break
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	if closeAt < 0 {
		return doc, []diag.Diagnostic{{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Severity: diag.Warning,
			Code: "yaml-header-unclosed", Message: "front matter starts with --- but has no closing --- line; the file is read as Markdown without front matter"}}
	}
	closeEnd := bytes.IndexByte(src[closeAt:], '\n')
	bodyStart := len(src)
	if closeEnd >= 0 {
		bodyStart = closeAt + closeEnd + 1
	}
	doc.Body = src[bodyStart:]
	doc.BodyLine = lines + 1
	header := src[len(first)+1 : closeAt]
	doc.Header = header

	if m, ok := fastFrontMatter(header); ok {
		if len(m) > 0 {
			doc.Meta = m
		}
		return doc, nil
	}
	var diags []diag.Diagnostic
	var node yaml.Node
	normalized := append(append([]byte("---\n"), header...), "---\n"...)
	if _, err := frontmatter.Parse(bytes.NewReader(normalized), &node, yamlV3); err != nil {
		line, msg := yamlErrorLine(err)
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: file, Line: 1 + line, Col: yamlErrorCol(header, line, msg)}, Severity: diag.Warning,
			Code: "yaml-header-syntax-error", Message: "front matter is not valid YAML and is ignored: " + msg})
		return doc, diags
	}
	if len(node.Content) == 0 { // empty front matter
		return doc, nil
	}
	root := node.Content[0]
	if root.Kind != yaml.MappingNode {
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: file, Line: 1 + root.Line, Col: root.Column}, Severity: diag.Warning,
			Code: "yaml-header-not-object", Message: "front matter must be a mapping of keys to values; it is ignored"})
		return doc, diags
	}
	m := map[string]any{}
	if err := root.Decode(&m); err != nil {
		line, msg := yamlErrorLine(err)
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: file, Line: 1 + line, Col: yamlErrorCol(header, line, msg)}, Severity: diag.Warning,
			Code: "yaml-header-syntax-error", Message: "front matter is ignored: " + fileLines(msg)})
		return doc, diags
	}
	doc.Meta = m
	return doc, diags
}

var yamlLineRE = regexp.MustCompile(`line (\d+):?\s*`)

// yamlErrorLine extracts the line yaml reports (counted from the line after
// the opening ---) and the message without the "yaml: line N:" prefix.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := yamlLineRE.FindStringSubmatchIndex(msg); m != nil {
		n, _ := strconv.Atoi(msg[m[2]:m[3]])
		return n, strings.TrimSpace(msg[:m[0]] + msg[m[1]:])
	}
	return 1, msg
}

// String returns the metadata value for key as a string ("" when absent or
// not a scalar). Numbers and booleans are formatted.
func String(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case nil:
		return ""
	case string:
		return v
	case int, int64, float64, bool:
		return fmt.Sprint(v)
	default:
		return ""
	}
}

// Merge overlays layers from lowest to highest priority: objects merge key
// by key, scalars and lists are replaced (DocFX's JSON merge).
func Merge(layers ...map[string]any) map[string]any {
	out := map[string]any{}
	for _, l := range layers {
		mergeInto(out, l)
	}
	return out
}

func mergeInto(dst, src map[string]any) {
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok {
			if dm, ok := dst[k].(map[string]any); ok {
				merged := Merge(dm)
				mergeInto(merged, sm)
				dst[k] = merged
				continue
			}
		}
		dst[k] = v
	}
}

var atLineRE = regexp.MustCompile(`at line (\d+)`)

// fileLines turns "at line N" in a yaml message (counted from the line after
// the opening ---) into the file's line number.
func fileLines(msg string) string {
	return atLineRE.ReplaceAllStringFunc(msg, func(m string) string {
		n, _ := strconv.Atoi(m[len("at line "):])
		return "at line " + strconv.Itoa(n+1)
	})
}

// yamlErrorCol finds the column of a yaml error on header line n (yaml
// reports lines only): the character the message names where it is
// recognisable (the second `: ` of "a: b: c", a tab, a character that
// cannot start a token), else the line's first non-blank character.
func yamlErrorCol(header []byte, n int, msg string) int {
	lines := strings.Split(string(header), "\n")
	if n < 1 || n > len(lines) {
		return 0
	}
	line := lines[n-1]
	col := func(i int) int { return 1 + utf8.RuneCountInString(line[:i]) }
	switch {
	case strings.Contains(msg, "tab character"):
		if i := strings.IndexByte(line, '\t'); i >= 0 {
			return col(i)
		}
	case strings.Contains(msg, "mapping values are not allowed"):
		first := strings.Index(line, ": ")
		if first >= 0 {
			if second := strings.Index(line[first+2:], ":"); second >= 0 {
				return col(first + 2 + second)
			}
			return col(first)
		}
	case strings.Contains(msg, "cannot start any token"):
		if _, v, ok := strings.Cut(line, ":"); ok {
			if i := strings.IndexAny(v, "@`%\t"); i >= 0 {
				return col(len(line) - len(v) + i)
			}
		}
	}
	if i := strings.IndexFunc(line, func(r rune) bool { return r != ' ' && r != '\t' }); i >= 0 {
		return col(i)
	}
	return 1
}
