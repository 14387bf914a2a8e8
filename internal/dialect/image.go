package dialect

import (
	"bytes"
	"errors"
	"html"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// `:::image type="content" source="..." alt-text="...":::` is Learn's image
// with a border, a lightbox or a link. Content and icon images are inline
// (they sit in paragraphs, list items and table cells); a complex image
// is a block whose body is a long description for screen readers, closed
// by `:::image-end:::`.

// ImageSpec is what an `:::image` token says.
type ImageSpec struct {
	Variant  string // content, icon or complex (the type attribute)
	Source   string
	AltText  string
	Lightbox string
	Link     string
	Border   bool
	Offset   int // byte offset of the token, for diagnostics
}

// Image is an inline content or icon image.
type Image struct {
	ast.BaseInline
	ImageSpec
}

// ComplexImage is a block image with a long description as its children.
type ComplexImage struct {
	ast.BaseBlock
	ImageSpec
	closed bool
	// body is the byte range of the long description in the source,
	// shown as written (DocFX does not read it as Markdown).
	bodyStart, bodyEnd int
}

var (
	KindImage        = ast.NewNodeKind("DocImage")
	KindComplexImage = ast.NewNodeKind("ComplexImage")
)

func (n *Image) Kind() ast.NodeKind { return KindImage }
func (n *Image) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Source": n.Source}, nil)
}
func (n *ComplexImage) Kind() ast.NodeKind { return KindComplexImage }
func (n *ComplexImage) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Source": n.Source}, nil)
}

// parseImageSpec checks an image token's attributes.
func parseImageSpec(attrText string) (ImageSpec, error) {
	a, err := parseColonAttrs(attrText)
	if err != nil {
		return ImageSpec{}, err
	}
	if err := a.onlyAttrs("type", "source", "alt-text", "lightbox", "border", "link", "loc-scope"); err != nil {
		return ImageSpec{}, err
	}
	s := ImageSpec{Variant: "content"}
	if t, ok := a.get("type"); ok {
		s.Variant = strings.ToLower(t)
	}
	if s.Variant != "content" && s.Variant != "icon" && s.Variant != "complex" {
		return s, errors.New(`type must be "content", "icon" or "complex"`)
	}
	s.Source, _ = a.get("source")
	s.Lightbox, _ = a.get("lightbox")
	s.Link, _ = a.get("link")
	alt, hasAlt := a.get("alt-text")
	s.AltText = html.UnescapeString(alt)
	switch {
	case strings.TrimSpace(s.Source) == "":
		return s, errors.New(`source="..." is required`)
	case s.Variant != "icon" && (!hasAlt || strings.TrimSpace(alt) == ""):
		return s, errors.New(`alt-text="..." is required: describe the image for readers who cannot see it`)
	}
	s.Border = s.Variant != "icon"
	if b, ok := a.get("border"); ok {
		switch strings.ToLower(b) {
		case "true":
			s.Border = true
		case "false":
			s.Border = false
		default:
			return s, errors.New(`border must be "true" or "false"`)
		}
	}
	return s, nil
}

type imageInlineParser struct{}

func (imageInlineParser) Trigger() []byte { return []byte{':'} }

func (imageInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == ':' {
		return nil
	}
	line, seg := block.PeekLine()
	rest, _, colons, ok := colonToken(line, "image", 0)
	if !ok || colons != 3 {
		return nil
	}
	head := len(line) - len(rest)
	var attrs []byte
	n := 0
	if end := bytes.Index(rest, []byte(":::")); end >= 0 {
		attrs, n = rest[:end], head+end+3
	} else if isLastLine(block) {
		attrs = bytes.TrimRight(rest, "\r\n")
		n = head + len(attrs)
	} else {
		report(pc, seg.Start, diag.Error, "invalid-image", "the image has no closing ':::'; end the token with ::: on the same line")
		return nil
	}
	spec, err := parseImageSpec(string(attrs))
	if err == nil && spec.Variant == "complex" {
		err = errors.New("a complex image stands on its own line, followed by its description and :::image-end:::")
	}
	if err != nil {
		report(pc, seg.Start, diag.Error, "invalid-image", err.Error()+"; the token is shown as text")
		return nil
	}
	spec.Offset = seg.Start
	block.Advance(n)
	return &Image{ImageSpec: spec}
}

type complexImageParser struct{}

func (complexImageParser) Trigger() []byte { return []byte{':'} }

func (complexImageParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	rest, indent, colons, ok := colonToken(line, "image", 3)
	if !ok || colons != 3 {
		return nil, parser.NoChildren
	}
	end := bytes.Index(rest, []byte(":::"))
	if end < 0 || len(bytes.TrimSpace(rest[end+3:])) != 0 {
		return nil, parser.NoChildren
	}
	spec, err := parseImageSpec(string(rest[:end]))
	if err != nil || spec.Variant != "complex" {
		return nil, parser.NoChildren // the inline parser reports it
	}
	spec.Offset = seg.Start + indent
	advanceLine(reader, line)
	return &ComplexImage{ImageSpec: spec, bodyStart: seg.Stop}, parser.HasChildren
}

func (complexImageParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if rest, _, colons, ok := colonToken(line, "image-end", -1); ok && colons == 3 &&
		strings.TrimSpace(string(rest)) == ":::" {
		node.(*ComplexImage).closed = true
		node.(*ComplexImage).bodyEnd = seg.Start
		advanceLine(reader, line)
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (complexImageParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	c := node.(*ComplexImage)
	if !c.closed {
		report(pc, c.Offset, diag.Error, "invalid-image", "the complex image has no :::image-end:::; it runs to the end of its container")
	}
	if c.ChildCount() == 0 {
		report(pc, c.Offset, diag.Warning, "invalid-image", "the complex image has no description, so it is left out; write the long description between the token and :::image-end:::")
	}
}

func (complexImageParser) CanInterruptParagraph() bool { return true }
func (complexImageParser) CanAcceptIndentedLine() bool { return false }

type imageExt struct{}

func (imageExt) ExtendParser(p parser.Parser) {
	p.AddOptions(
		parser.WithBlockParsers(util.Prioritized(complexImageParser{}, 52)),
		parser.WithInlineParsers(util.Prioritized(imageInlineParser{}, 90)),
	)
}

func (imageExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(imageRenderer{st}, 100)}
}

type imageRenderer struct{ st *State }

// descKey counts long-description ids across the page.
var descKey = &Doc{Rel: "(image description ids)"}

func (r imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			r.image(w, &n.(*Image).ImageSpec, "")
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindComplexImage, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.ChildCount() == 0 {
			return ast.WalkSkipChildren, nil
		}
		ci := n.(*ComplexImage)
		id := "image-description-" + strconv.Itoa(r.st.Next(descKey))
		_, _ = w.WriteString(`<div class="image image-complex">`)
		r.image(w, &ci.ImageSpec, id)
		_, _ = w.WriteString("\n" + `<div id="` + id + `" class="visually-hidden">`)
		if ci.closed && ci.bodyStart <= ci.bodyEnd && ci.bodyEnd <= len(src) {
			// As DocFX: the description as written, one paragraph of text.
			_, _ = w.WriteString("<p>")
			_, _ = w.Write(util.EscapeHTML(bytes.TrimSpace(src[ci.bodyStart:ci.bodyEnd])))
			_, _ = w.WriteString("</p>")
		} else {
			_ = w.WriteByte('\n')
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if err := r.st.r.Render(w, src, c); err != nil {
					return ast.WalkStop, err
				}
			}
		}
		_, _ = w.WriteString("</div>\n</div>\n")
		return ast.WalkSkipChildren, nil
	})
}

// resolve turns a path written in the current file into an href.
func (r imageRenderer) resolve(dest string, image bool, off int) string {
	cur := r.st.Current()
	if r.st.Env == nil || cur == nil {
		return dest
	}
	return r.st.Env.Link(cur, dest, image, cur.Pos(off))
}

// image writes the image: the border outside, then the link or lightbox
// (the link wins), as DocFX nests them.
func (r imageRenderer) image(w util.BufWriter, s *ImageSpec, describedBy string) {
	if s.Border {
		_, _ = w.WriteString(`<span class="mx-imgBorder">`)
	}
	switch {
	case s.Link != "":
		r.openA(w, r.resolve(s.Link, false, s.Offset), "")
	case s.Lightbox != "":
		r.openA(w, r.resolve(s.Lightbox, true, s.Offset)+"#lightbox", "lightbox")
	}
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(r.resolve(s.Source, true, s.Offset)), true)))
	if s.Variant == "icon" {
		_, _ = w.WriteString(`" alt="" role="presentation"`)
	} else {
		_, _ = w.WriteString(`" alt="`)
		_, _ = w.Write(util.EscapeHTML([]byte(s.AltText)))
		_ = w.WriteByte('"')
	}
	if describedBy != "" {
		_, _ = w.WriteString(` aria-describedby="` + describedBy + `"`)
	}
	r.st.writeImageSize(w, s.Source)
	_, _ = w.WriteString(` loading="lazy" />`)
	if s.Link != "" || s.Lightbox != "" {
		_, _ = w.WriteString(`</a>`)
	}
	if s.Border {
		_, _ = w.WriteString(`</span>`)
	}
}

func (r imageRenderer) openA(w util.BufWriter, href, class string) {
	_, _ = w.WriteString(`<a`)
	if class != "" {
		_, _ = w.WriteString(` class="` + class + `"`)
	}
	_, _ = w.WriteString(` href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
	_, _ = w.WriteString(`">`)
}
