package nav

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"go.yaml.in/yaml/v3"
)

// rawItem is a TOC entry as written, before hrefs are resolved. TOC.yml,
// TOC.md and breadcrumb files all produce it.
type rawItem struct {
	name, href, topicHref, tocHref string
	uid, displayName, monikerRange string
	expanded                       bool
	pos, hrefPos, topicPos, tocPos diag.Pos
	items                          []*rawItem
}

type rawTOC struct {
	items        []*rawItem
	monikerRange string
}

// Limits that keep hostile or generated input from exhausting memory;
// real TOCs (1,760 items, depth 7) are far below them.
const (
	maxDepth = 64
	maxItems = 200000
)

var bom = []byte("\uFEFF")

// yamlErrLine finds the line in a yaml.v3 error message.
var yamlErrLine = regexp.MustCompile(`line (\d+)`)

// parseYAMLDoc decodes src into its root node; nil when the file is empty.
// A syntax error is reported with code at the line yaml names.
func parseYAMLDoc(file string, src []byte, code string) (*yaml.Node, []diag.Diagnostic) {
	src = bytes.TrimPrefix(src, bom)
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		pos := diag.Pos{File: file, Line: 1}
		if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
			pos.Line, _ = strconv.Atoi(m[1])
		}
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, yamlErrLine.FindString(msg)+": ")
		if at, ok := oddIndent(file, src, pos.Line+1); ok {
			// yaml names the line before the one it could not read.
			return nil, []diag.Diagnostic{{Pos: at, Severity: diag.Error, Code: code,
				Message: "invalid YAML: this line is indented with a no-break space or a tab; YAML indents with spaces only (" + msg + ")"}}
		}
		return nil, []diag.Diagnostic{{Pos: pos, Severity: diag.Error, Code: code, Message: "invalid YAML: " + msg}}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return deref(doc.Content[0]), nil
}

// deref follows YAML aliases (bounded, in case of a self-referencing one).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

func nodePos(file string, n *yaml.Node) diag.Pos {
	return diag.Pos{File: file, Line: n.Line, Col: n.Column}
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// yamlReader turns a TOC-shaped YAML tree into rawItems, collecting
// diagnostics under one code for shape errors.
type yamlReader struct {
	file  string
	code  string
	count int
	diags []diag.Diagnostic
}

func (r *yamlReader) errorf(n *yaml.Node, format string, args ...any) {
	r.diags = append(r.diags, diag.Diagnostic{Pos: nodePos(r.file, n), Severity: diag.Error, Code: r.code, Message: fmt.Sprintf(format, args...)})
}

// scalar returns the text of a scalar value, reporting anything else.
func (r *yamlReader) scalar(key string, n *yaml.Node) (string, bool) {
	if isNull(n) {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		r.errorf(n, "%q must be a single value", key)
		return "", false
	}
	return n.Value, true
}

// parseYAMLTOC reads TOC.yml (or a breadcrumb file): either a list of
// items or a mapping with "items:" (and optionally a root monikerRange).
func parseYAMLTOC(file string, src []byte) (*rawTOC, []diag.Diagnostic) {
	root, diags := parseYAMLDoc(file, src, "invalid-toc-syntax")
	toc := &rawTOC{}
	if root == nil {
		return toc, diags
	}
	r := &yamlReader{file: file, code: "invalid-toc-syntax"}
	switch root.Kind {
	case yaml.SequenceNode:
		toc.items = r.items(root, 0)
	case yaml.MappingNode:
		for i := 0; i+1 < len(root.Content); i += 2 {
			k, v := root.Content[i], deref(root.Content[i+1])
			switch k.Value {
			case "items":
				toc.items = r.itemList(v, 0)
			case "monikerRange":
				toc.monikerRange, _ = r.scalar(k.Value, v)
			}
		}
	default:
		if !isNull(root) {
			r.errorf(root, "a TOC must be a list of items or a mapping with items")
		}
	}
	return toc, append(diags, r.diags...)
}

// itemList reads the value of an "items" key: null or a list.
func (r *yamlReader) itemList(n *yaml.Node, depth int) []*rawItem {
	switch {
	case isNull(n):
		return nil
	case n.Kind != yaml.SequenceNode:
		r.errorf(n, "items must be a list")
		return nil
	}
	return r.items(n, depth)
}

func (r *yamlReader) items(seq *yaml.Node, depth int) []*rawItem {
	if depth >= maxDepth {
		r.errorf(seq, "TOC is nested more than %d levels deep", maxDepth)
		return nil
	}
	var out []*rawItem
	for _, c := range seq.Content {
		c = deref(c)
		if c == nil || isNull(c) {
			continue
		}
		if c.Kind != yaml.MappingNode {
			r.errorf(c, "a TOC item must be a mapping with name and href")
			continue
		}
		if r.count++; r.count > maxItems {
			r.errorf(c, "TOC has more than %d items", maxItems)
			return out
		}
		out = append(out, r.item(c, depth))
	}
	return out
}

func (r *yamlReader) item(m *yaml.Node, depth int) *rawItem {
	it := &rawItem{pos: nodePos(r.file, m)}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], deref(m.Content[i+1])
		if v == nil {
			continue
		}
		vp := nodePos(r.file, v)
		switch k.Value {
		case "name":
			it.name, _ = r.scalar(k.Value, v)
		case "href":
			it.href, _ = r.scalar(k.Value, v)
			it.hrefPos = vp
		case "topicHref":
			it.topicHref, _ = r.scalar(k.Value, v)
			it.topicPos = vp
		case "tocHref":
			it.tocHref, _ = r.scalar(k.Value, v)
			it.tocPos = vp
		case "uid":
			it.uid, _ = r.scalar(k.Value, v)
		case "displayName":
			it.displayName, _ = r.scalar(k.Value, v)
		case "monikerRange":
			it.monikerRange, _ = r.scalar(k.Value, v)
		case "expanded":
			s, _ := r.scalar(k.Value, v)
			b, err := strconv.ParseBool(s)
			if s != "" && err != nil {
				r.errorf(v, "expanded must be true or false, not %q", s)
			}
			it.expanded = b
		case "items":
			it.items = r.itemList(v, depth+1)
		}
	}
	return it
}

// oddIndent finds the first line up to line last whose indentation holds
// a no-break space (U+00A0, common in files pasted from a web page) or a
// tab, and the column of that character.
func oddIndent(file string, src []byte, last int) (diag.Pos, bool) {
	for n, line := range strings.SplitN(string(src), "\n", last+1) {
		if n >= last {
			break
		}
		col := 1
		for _, r := range line {
			if r == '\u00a0' || r == '\t' {
				return diag.Pos{File: file, Line: n + 1, Col: col}, true
			}
			if r != ' ' {
				break
			}
			col++
		}
	}
	return diag.Pos{}, false
}
