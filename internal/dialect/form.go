package dialect

import (
	"errors"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// `::: form action="create-resource" submitText="Create" model="x.json" :::`
// is a Learn "chromeless form": an empty form that Learn's scripts fill
// from the model and post to the action. docloom writes the markup Learn
// writes (the form stays empty and its button disabled without those
// scripts). action and submitText are required; a bad token is an
// invalid-form error and is shown as text.

// Form is a chromeless form token.
type Form struct {
	ast.BaseBlock
	Action, SubmitText, Model string
}

// KindForm is the node kind of Form.
var KindForm = ast.NewNodeKind("Form")

func (n *Form) Kind() ast.NodeKind { return KindForm }
func (n *Form) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Action": n.Action}, nil)
}

type formParser struct{}

func (formParser) Trigger() []byte { return []byte{':'} }

func (formParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	attrs, indent, ok := selfClosingToken(line, "form")
	if !ok {
		return nil, parser.NoChildren
	}
	f, err := parseForm(attrs)
	if err != nil {
		report(pc, seg.Start+indent, diag.Error, "invalid-form", err.Error()+"; the token is shown as text")
		return nil, parser.NoChildren
	}
	advanceLine(reader, line)
	return f, parser.NoChildren
}

func parseForm(attrs string) (*Form, error) {
	a, err := parseColonAttrs(attrs)
	if err != nil {
		return nil, err
	}
	if err := a.onlyAttrs("action", "submittext", "model"); err != nil {
		return nil, err
	}
	f := &Form{}
	f.Action, _ = a.get("action")
	f.SubmitText, _ = a.get("submittext")
	f.Model, _ = a.get("model")
	switch {
	case strings.TrimSpace(f.Action) == "":
		return nil, errors.New(`action="..." is required: the operation the form performs`)
	case strings.TrimSpace(f.SubmitText) == "":
		return nil, errors.New(`submitText="..." is required: the text of the submit button`)
	}
	return f, nil
}

func (formParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }
func (formParser) Close(ast.Node, text.Reader, parser.Context)                 {}
func (formParser) CanInterruptParagraph() bool                                 { return true }
func (formParser) CanAcceptIndentedLine() bool                                 { return false }

type formExt struct{}

func (formExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithBlockParsers(
		util.Prioritized(formParser{}, 53),
		util.Prioritized(colonVideoParser{}, 53),
	))
}

func (formExt) RenderFuncs(*State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(formRenderer{}, 100)}
}

type formRenderer struct{}

func (formRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindForm, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		f := node.(*Form)
		_, _ = w.WriteString(`<form class="chromeless-form"`)
		if f.Model != "" {
			_, _ = w.WriteString(` data-model="`)
			_, _ = w.Write(util.EscapeHTML([]byte(f.Model)))
			_ = w.WriteByte('"')
		}
		_, _ = w.WriteString(` data-action="`)
		_, _ = w.Write(util.EscapeHTML([]byte(f.Action)))
		_, _ = w.WriteString("\">\n<div></div>\n" + `<button class="button is-primary" disabled="disabled" type="submit">`)
		_, _ = w.Write(util.EscapeHTML([]byte(f.SubmitText)))
		_, _ = w.WriteString("</button>\n</form>\n")
		return ast.WalkSkipChildren, nil
	})
}
