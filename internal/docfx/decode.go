package docfx

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/docloom/docloom/internal/diag"
)

// DecodeLenient decodes JSON the way DocFX tolerates it and stores the
// result in v, as json.Unmarshal would. It accepts a UTF-8 BOM, CRLF line
// breaks, U+00A0 and other Unicode spaces used as whitespace outside
// strings, a missing comma between two values on different lines, trailing
// commas, and // and /* */ comments. Each repair is a warning at its
// file:line:col with a stable code (json-nbsp-whitespace,
// json-unicode-whitespace, json-comment, json-missing-comma,
// json-trailing-comma); whitespace and comment repairs are reported once
// per file with a count, missing and trailing commas one by one since each
// is a slip worth fixing. Input that cannot be repaired gives an error
// json-syntax-error at the offending character and leaves v untouched; a
// value of the wrong type for v gives json-type-mismatch.
//
// Strict JSON decodes to exactly what encoding/json gives, with no
// diagnostics: the repaired document is re-encoded from the source text of
// its tokens and handed to encoding/json.
func DecodeLenient(file string, data []byte, v any) []diag.Diagnostic {
	root, ds := parseLenient(file, data)
	if root == nil {
		return ds
	}
	var e encoder
	e.encode(root)
	if err := json.Unmarshal(e.buf.Bytes(), v); err != nil {
		ds = append(ds, e.diagnose(file, err))
	}
	return ds
}

// parseLenient parses data into a node tree; the tree is nil when the input
// cannot be repaired.
func parseLenient(file string, data []byte) (*node, []diag.Diagnostic) {
	return newParser(file, data).parse()
}

// encoder writes a node tree back as strict JSON and remembers where each
// value starts in its output, so an encoding/json error can be traced back
// to the source position.
type encoder struct {
	buf   bytes.Buffer
	marks []mark
}

type mark struct {
	off int
	pos diag.Pos
}

func (e *encoder) encode(n *node) {
	e.marks = append(e.marks, mark{e.buf.Len(), n.pos})
	switch n.kind {
	case kindArray:
		e.buf.WriteByte('[')
		for i, it := range n.items {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.encode(it)
		}
		e.buf.WriteByte(']')
	case kindObject:
		e.buf.WriteByte('{')
		for i, m := range n.members {
			if i > 0 {
				e.buf.WriteByte(',')
			}
			e.buf.Write(m.keyRaw)
			e.buf.WriteByte(':')
			e.encode(m.val)
		}
		e.buf.WriteByte('}')
	default:
		e.buf.Write(n.raw)
	}
}

// diagnose turns an encoding/json error into a diagnostic at the source
// position of the value it concerns.
func (e *encoder) diagnose(file string, err error) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{File: file}, Severity: diag.Error, Code: "json-type-mismatch", Message: err.Error()}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		// Offset is just past the value that did not fit: find where it began.
		i := sort.Search(len(e.marks), func(i int) bool { return int64(e.marks[i].off) >= te.Offset }) - 1
		if i >= 0 {
			d.Pos = e.marks[i].pos
		}
		d.Message = "value of type " + te.Value + " does not fit"
		if te.Field != "" {
			d.Message += " field " + te.Field
		}
		d.Message += " (" + te.Type.String() + " expected)"
		return d
	}
	d.Code = "json-decode-error"
	return d
}

// unquote decodes the source text of a string token that the parser has
// already checked, replacing invalid UTF-8 as encoding/json does.
func unquote(raw []byte) string {
	if inner := raw[1 : len(raw)-1]; bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner) // the common case needs no decoding
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return string(raw)
	}
	return s
}

// toAny converts a node to the values encoding/json produces for an any:
// map[string]any, []any, string, float64, bool and nil.
func toAny(n *node) any {
	switch n.kind {
	case kindObject:
		m := make(map[string]any, len(n.members))
		for _, mb := range n.members {
			m[mb.key] = toAny(mb.val)
		}
		return m
	case kindArray:
		a := make([]any, 0, len(n.items))
		for _, it := range n.items {
			a = append(a, toAny(it))
		}
		return a
	case kindString:
		return unquote(n.raw)
	case kindNumber:
		f, _ := strconv.ParseFloat(string(n.raw), 64)
		return f
	case kindBool:
		return n.raw[0] == 't'
	default:
		return nil
	}
}
