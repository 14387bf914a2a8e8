package dialect

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// PlatyPS reference pages (PowerShell cmdlet help written as Markdown by
// PlatyPS) keep help-file section names (## SYNOPSIS, ## PARAMETERS) and
// describe each parameter in a ```yaml block. Learn converts them before
// publishing: sections get reader titles, the synopsis becomes the page's
// lead under a "Module:" line, and each parameter's properties a table.
// ReshapePlatyPS does the same to a parsed page.

// KindDefinitionTable is a table of name/value rows (a parameter's Type,
// Position, Required, ...).
var KindDefinitionTable = ast.NewNodeKind("DefinitionTable")

// DefinitionTable is a two-column table whose first cell heads its row.
type DefinitionTable struct {
	ast.BaseBlock
	Rows [][2]string
}

func (n *DefinitionTable) Kind() ast.NodeKind { return KindDefinitionTable }
func (n *DefinitionTable) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, nil, nil)
}

// platySections maps PlatyPS section names to the titles Learn shows.
var platySections = map[string]string{
	"SYNTAX": "Syntax", "DESCRIPTION": "Description", "EXAMPLES": "Examples", "PARAMETERS": "Parameters",
	"INPUTS": "Inputs", "OUTPUTS": "Outputs", "NOTES": "Notes", "RELATED LINKS": "Related links",
	"ALIASES": "Aliases", "DESCRIPTION OF MODULE": "Description",
}

// ReshapePlatyPS turns a parsed PlatyPS page into the page Learn shows:
// section headings titled for readers (ids kept), the SYNOPSIS heading
// replaced by a "Module: <module>" line linking moduleHref (a link the
// page's links resolve like any other), and every ```yaml block under
// PARAMETERS a definition table. module "" leaves out the Module line.
func ReshapePlatyPS(doc *Doc, module, moduleHref string) {
	if doc == nil || doc.AST == nil {
		return
	}
	src := doc.Source
	titles := map[string]string{}
	section := ""
	for n := doc.AST.FirstChild(); n != nil; {
		next := n.NextSibling()
		switch x := n.(type) {
		case *ast.Heading:
			if x.Level != 2 {
				break
			}
			name := strings.ToUpper(strings.TrimSpace(string(headingText(x, src))))
			section = name
			if name == "SYNOPSIS" {
				if module != "" {
					p := ast.NewParagraph()
					p.SetAttributeString("class", []byte("platyps-module"))
					p.AppendChild(p, ast.NewString([]byte("Module: ")))
					if moduleHref != "" {
						link := ast.NewLink()
						link.Destination = []byte(moduleHref)
						link.AppendChild(link, ast.NewString([]byte(module)))
						p.AppendChild(p, link)
					} else {
						p.AppendChild(p, ast.NewString([]byte(module)))
					}
					doc.AST.ReplaceChild(doc.AST, x, p)
				} else {
					doc.AST.RemoveChild(doc.AST, x)
				}
				if id, ok := x.AttributeString("id"); ok {
					titles[string(id.([]byte))] = ""
				}
				break
			}
			if title, ok := platySections[name]; ok {
				x.RemoveChildren(x)
				x.AppendChild(x, ast.NewString([]byte(title)))
				if id, ok := x.AttributeString("id"); ok {
					titles[string(id.([]byte))] = title
				}
			}
		case *ast.FencedCodeBlock:
			if section == "PARAMETERS" && strings.EqualFold(string(x.Language(src)), "yaml") {
				if rows := definitionRows(x, src); len(rows) > 0 {
					t := &DefinitionTable{Rows: rows}
					doc.AST.ReplaceChild(doc.AST, x, t)
				}
			}
		}
		n = next
	}
	// "In this article" lists the reader titles; the synopsis has none.
	hs := doc.Headings[:0]
	for _, h := range doc.Headings {
		if t, ok := titles[h.ID]; ok && h.Level == 2 {
			if t == "" {
				continue
			}
			h.Text = t
		}
		hs = append(hs, h)
	}
	doc.Headings = hs
}

func headingText(h *ast.Heading, src []byte) []byte {
	var b bytes.Buffer
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Segment.Value(src))
		} else if s, ok := c.(*ast.String); ok {
			b.Write(s.Value)
		}
	}
	return b.Bytes()
}

// definitionRows reads "Name: value" lines; a line without a colon
// continues the value above.
func definitionRows(n *ast.FencedCodeBlock, src []byte) [][2]string {
	var rows [][2]string
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := strings.TrimRight(string(seg.Value(src)), "\r\n ")
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			if len(rows) > 0 {
				rows[len(rows)-1][1] = strings.TrimSpace(rows[len(rows)-1][1] + " " + strings.TrimSpace(line))
			}
			continue
		}
		rows = append(rows, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
	}
	return rows
}

type platyExt struct{}

func (platyExt) ExtendParser(parser.Parser) {}

func (platyExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(definitionRenderer{}, 100)}
}

type definitionRenderer struct{}

func (definitionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDefinitionTable, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<table class=\"definition\"><tbody>\n")
		for _, r := range n.(*DefinitionTable).Rows {
			v := r[1]
			if v == "" {
				v = "—"
			}
			_, _ = w.WriteString("<tr><th scope=\"row\">" + html.EscapeString(r[0]) + "</th><td>" + html.EscapeString(v) + "</td></tr>\n")
		}
		_, _ = w.WriteString("</tbody></table>\n")
		return ast.WalkSkipChildren, nil
	})
}
