package dialect

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/collate"
	textlang "golang.org/x/text/language"
)

// pickerItems renders the entries of a country picker's list in the
// order of the page's language (golang.org/x/text/collate: "Österreich"
// after "Oman" in German, "IJsland" where Dutch readers look for it), so
// the list without JavaScript reads like the widget's, and reports
// entries the widget cannot use: an entry must be one link with text.
func (r divRenderer) pickerItems(w util.BufWriter, src []byte, l *ast.List, skip ast.Node) error {
	type entry struct {
		key  string
		html []byte
	}
	var entries []entry
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		if it == skip {
			continue
		}
		text := PlainText(it, src)
		r.checkPickerEntry(it, src, text)
		buf.Reset()
		bw.Reset(&buf)
		if err := r.st.r.Render(bw, src, it); err != nil {
			return err
		}
		_ = bw.Flush()
		entries = append(entries, entry{text, append([]byte(nil), buf.Bytes()...)})
	}
	tag, err := textlang.Parse(r.st.Locale)
	if err != nil {
		tag = textlang.English
	}
	col := collate.New(tag, collate.IgnoreCase)
	sort.SliceStable(entries, func(i, j int) bool { return col.CompareString(entries[i].key, entries[j].key) < 0 })
	for _, e := range entries {
		_, _ = w.Write(e.html)
	}
	return nil
}

// checkPickerEntry warns about an entry that is not a single link with
// text: the widget lists only links, so the entry would be missing from it.
func (r divRenderer) checkPickerEntry(it ast.Node, src []byte, text string) {
	cur := r.st.Current()
	if r.st.Env == nil || cur == nil {
		return
	}
	var links int
	other := false
	_ = ast.Walk(it, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			links++
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if len(bytes.TrimSpace(n.Segment.Value(src))) > 0 {
				other = true
			}
		}
		return ast.WalkContinue, nil
	})
	msg := ""
	switch {
	case links == 0:
		msg = "country picker entry %q is not a link; the widget leaves it out (write - [Name](page.md))"
	case links > 1 || other:
		msg = "country picker entry %q holds more than one link or text beside its link; the widget shows only its first link"
	case text == "":
		msg = "country picker entry %q has a link without text; the widget shows it without a name"
	default:
		return
	}
	r.st.Env.Report(diag.Diagnostic{Pos: cur.Pos(NodeOffset(it)), Severity: diag.Warning, Code: "picker-entry-invalid",
		Message: fmt.Sprintf(msg, text)})
}
