package dialect

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Alert is a `> [!NOTE]` block (also TIP, IMPORTANT, CAUTION, WARNING):
// a box with an icon and a localized title above its content.
type Alert struct {
	ast.BaseBlock
	Variant string // lower case: note, tip, important, caution, warning
}

// KindAlert is the node kind of Alert.
var KindAlert = ast.NewNodeKind("Alert")

func (n *Alert) Kind() ast.NodeKind { return KindAlert }
func (n *Alert) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Variant": n.Variant}, nil)
}

type alertRenderer struct{ st *State }

// The title is a paragraph, not a heading, so alerts do not enter the
// page outline; role="note" lets assistive technology announce the box.
// The icon is decoration for the stylesheet (class alert-icon).
func (r alertRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindAlert, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		a := n.(*Alert)
		if !entering {
			_, _ = w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<div class="alert alert-` + a.Variant + `" role="note"><p class="alert-title"><span class="alert-icon" aria-hidden="true"></span>`)
		_, _ = w.Write(util.EscapeHTML([]byte(Phrase(r.st.Locale, a.Variant))))
		_, _ = w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	})
}
