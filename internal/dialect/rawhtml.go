package dialect

import (
	"regexp"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Raw HTML passes through (docsets rely on <a name>, <ul> in table cells,
// <br/>, <sup>), with two fixes a reader notices:
//
//   - href and src attributes are links like any other: a relative .md or
//     image path becomes the site URL, and missing targets are reported;
//   - text that only looks like a tag, such as <domain> in "contoso.<domain>",
//     is shown as text with a warning instead of vanishing into the DOM.

type rawHTMLExt struct{}

func (rawHTMLExt) ExtendParser(p parser.Parser) {}

func (rawHTMLExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(rawHTMLRenderer{st}, 100)}
}

type rawHTMLRenderer struct{ st *State }

var (
	tagRE     = regexp.MustCompile(`<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*?)(/?)>`)
	linkAttRE = regexp.MustCompile(`(?i)(\s(?:href|src)\s*=\s*)("([^"]*)"|'([^']*)')`)
)

// knownTags are the HTML elements a page may use; anything else that looks
// like a tag is a placeholder written by an author.
var knownTags = map[string]bool{}

func init() {
	for _, t := range strings.Fields(`a abbr address area article aside audio b bdi bdo blockquote br button caption cite code col colgroup
		data dd del details dfn div dl dt em embed figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr i iframe img input ins
		kbd label legend li main mark nav object ol optgroup option output p picture pre q rp rt ruby s samp section select small
		source span strong sub summary sup table tbody td template textarea tfoot th thead time tr track u ul var video wbr
		center font big tt strike nobr image svg path g rect circle line polyline polygon text use defs symbol title desc
		math mi mn mo mrow msup msub mfrac msqrt script style noscript link meta base head body html`) {
		knownTags[t] = true
	}
}

func (r rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		n := node.(*ast.RawHTML)
		var raw []byte
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			raw = append(raw, seg.Value(src)...)
		}
		off := 0
		if n.Segments.Len() > 0 {
			off = n.Segments.At(0).Start
		}
		w.WriteString(r.rewrite(string(raw), off))
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.HTMLBlock)
		if entering {
			var b strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			off := 0
			if n.Lines().Len() > 0 {
				off = n.Lines().At(0).Start
			}
			w.WriteString(r.rewrite(b.String(), off))
		} else if n.HasClosure() {
			seg := n.ClosureLine
			w.Write(seg.Value(src))
		}
		return ast.WalkContinue, nil
	})
}

// rewrite resolves link attributes in tags and escapes placeholder tags,
// leaving HTML comments as they are: what an author comments out is
// neither shown nor checked.
func (r rawHTMLRenderer) rewrite(raw string, offset int) string {
	if !strings.Contains(raw, "<") {
		return raw
	}
	var b strings.Builder
	for raw != "" {
		i := strings.Index(raw, "<!--")
		if i < 0 {
			b.WriteString(r.rewriteTags(raw, offset))
			break
		}
		b.WriteString(r.rewriteTags(raw[:i], offset))
		end := strings.Index(raw[i+4:], "-->")
		if end < 0 {
			b.WriteString(raw[i:])
			break
		}
		end += i + 7
		b.WriteString(raw[i:end])
		raw, offset = raw[end:], offset+end
	}
	return b.String()
}

func (r rawHTMLRenderer) rewriteTags(raw string, offset int) string {
	if !strings.Contains(raw, "<") {
		return raw
	}
	cur := r.st.Current()
	return tagRE.ReplaceAllStringFunc(raw, func(tag string) string {
		m := tagRE.FindStringSubmatch(tag)
		name := strings.ToLower(m[2])
		if !knownTags[name] {
			if cur != nil && r.st.Env != nil && m[1] == "" {
				at := strings.Index(raw, tag)
				r.st.Env.Report(diag.Diagnostic{Pos: cur.Pos(offset + max(at, 0)), Severity: diag.Warning, Code: "html-unknown-tag",
					Message: "<" + m[2] + "> is not an HTML element; it is shown as text (write &lt;" + m[2] + "&gt; to say so)"})
			}
			return strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(tag)
		}
		if r.st.Env == nil || cur == nil || (name != "a" && name != "img" && name != "source" && name != "iframe" && name != "video") {
			return tag
		}
		return linkAttRE.ReplaceAllStringFunc(tag, func(att string) string {
			am := linkAttRE.FindStringSubmatch(att)
			val := am[3] + am[4]
			if val == "" || strings.HasPrefix(val, "#") || schemeLike(val) {
				return att
			}
			href := r.st.Env.Link(cur, val, name != "a", cur.Pos(offset))
			return am[1] + `"` + strings.ReplaceAll(href, `"`, "&quot;") + `"`
		})
	})
}

// schemeLike is true for absolute URLs (https:, mailto:, data:, //host).
func schemeLike(s string) bool {
	if strings.HasPrefix(s, "//") {
		return true
	}
	for i, c := range s {
		switch {
		case c == ':':
			return i > 0
		case c == '/' || c == '?' || c == '#':
			return false
		}
	}
	return false
}
