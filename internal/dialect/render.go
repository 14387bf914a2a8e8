package dialect

import (
	"bufio"
	"bytes"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Env is what rendering needs from the rest of the build for one
// (locale, moniker) pass. The dialect never touches the file system itself.
type Env interface {
	// Link turns a link or image destination written in doc into the href
	// to write, reporting problems (missing targets) itself.
	Link(doc *Doc, dest string, image bool, pos diag.Pos) string
	// Include returns the parsed include that dest (written in doc) names,
	// or false after reporting why there is none.
	Include(doc *Doc, dest string, pos diag.Pos) (*Doc, bool)
	// Report records a problem found while rendering.
	Report(d diag.Diagnostic)
}

// State is a renderer's per-pass settings. One State (and one Renderer) per
// worker goroutine; the build changes Moniker/Env between passes.
type State struct {
	Moniker int    // catalog index of the cloud being rendered
	Locale  string // the page's locale, for localized strings
	Env     Env
	// LineAttrs, when set, returns attributes (name, value pairs) for the
	// paragraph starting on a file line of doc.
	LineAttrs func(doc *Doc, line int) [][2]string
	// SawZone is set when the last Render met a moniker zone: its output
	// may differ between clouds.
	SawZone bool
	// stack holds the page and the includes being rendered, innermost
	// last: links resolve against the file that wrote them.
	stack []*Doc
	r     renderer.Renderer
	// tabGroups counts tab groups per document for stable ids.
	counters map[*Doc]int
}

// Current is the file whose content is being rendered.
func (st *State) Current() *Doc {
	if len(st.stack) == 0 {
		return nil
	}
	return st.stack[len(st.stack)-1]
}

// Root is the page being rendered.
func (st *State) Root() *Doc {
	if len(st.stack) == 0 {
		return nil
	}
	return st.stack[0]
}

// Next returns the next value of a per-document counter (tab group ids and
// the like restart in each document, as Learn's do).
func (st *State) Next(doc *Doc) int {
	if st.counters == nil {
		st.counters = map[*Doc]int{}
	}
	st.counters[doc]++
	return st.counters[doc]
}

// NewRenderer returns a renderer whose node renderers read st.
func (d *Dialect) NewRenderer(st *State) *Renderer {
	opts := []util.PrioritizedValue{util.Prioritized(html.NewRenderer(html.WithUnsafe(), html.WithXHTML()), 1000)}
	for _, e := range d.extenders {
		opts = append(opts, e.RenderFuncs(st)...)
	}
	st.r = renderer.NewRenderer(renderer.WithNodeRenderers(opts...))
	return &Renderer{st: st}
}

// Renderer renders parsed documents for one State. It reuses one buffer,
// so a worker's renders allocate only their results.
type Renderer struct {
	st  *State
	buf bytes.Buffer
	// bw is handed to goldmark, which would otherwise wrap the buffer in a
	// new 4 KB bufio.Writer on every render.
	bw *bufio.Writer
}

// Render writes doc's HTML for the State's moniker.
func (r *Renderer) Render(doc *Doc) ([]byte, error) {
	s, err := r.RenderString(doc)
	return []byte(s), err
}

// RenderString is Render returning a string (what layouts take).
func (r *Renderer) RenderString(doc *Doc) (string, error) {
	r.buf.Reset()
	if r.bw == nil {
		r.bw = bufio.NewWriterSize(&r.buf, 16<<10)
	}
	r.bw.Reset(&r.buf)
	r.st.stack = append(r.st.stack[:0], doc)
	r.st.counters = nil
	r.st.SawZone = false
	err := r.st.r.Render(r.bw, doc.Source, doc.AST)
	if ferr := r.bw.Flush(); err == nil {
		err = ferr
	}
	return r.buf.String(), err
}

// renderNested renders another document (an include) in place, with the
// include stack maintained for link resolution and cycle detection.
func (st *State) renderNested(w util.BufWriter, doc *Doc, n ast.Node) error {
	st.stack = append(st.stack, doc)
	defer func() { st.stack = st.stack[:len(st.stack)-1] }()
	if err := w.Flush(); err != nil {
		return err
	}
	return st.r.Render(w, doc.Source, n)
}
