package build

import (
	"encoding/binary"
	"unsafe"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/moniker"
	"github.com/docloom/docloom/internal/search"
)

// The page and search entry files are most of a rebuild's reading: they
// are written in a plain binary form (varints, length-prefixed strings,
// fields in declaration order) rather than with gob, whose decoding by
// reflection was a tenth of a one-page-edited rebuild. The form has no
// field names: TestCacheCodecFields fails when a struct written here gains
// a field, so that the codec and cacheVersion are updated with it.

type encoder struct{ buf []byte }

func (e *encoder) uint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) int(v int64)   { e.buf = binary.AppendVarint(e.buf, v) }
func (e *encoder) bool(v bool) {
	if v {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
}
func (e *encoder) bytes(b []byte) { e.uint(uint64(len(b))); e.buf = append(e.buf, b...) }
func (e *encoder) str(s string)   { e.uint(uint64(len(s))); e.buf = append(e.buf, s...) }
func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

// decoder reads data, which must not change afterwards: strings and byte
// slices are taken from it without copying (one allocation per file, not
// per string, and the garbage collector follows a few large objects).
type decoder struct {
	data []byte
	s    string // data, as a string
	off  int
	bad  bool
}

func newDecoder(data []byte) *decoder {
	d := &decoder{data: data}
	if len(data) > 0 {
		d.s = unsafe.String(&data[0], len(data))
	}
	return d
}

func (d *decoder) uint() uint64 {
	if d.bad {
		return 0
	}
	v, n := binary.Uvarint(d.data[d.off:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) int() int64 {
	if d.bad {
		return 0
	}
	v, n := binary.Varint(d.data[d.off:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) bool() bool {
	if d.bad || d.off >= len(d.data) {
		d.bad = true
		return false
	}
	d.off++
	return d.data[d.off-1] != 0
}

// count reads a length that must leave at least one byte per element.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.data)-d.off) {
		d.bad = true
		return 0
	}
	return int(n)
}

func (d *decoder) raw(n int) []byte {
	if d.bad || n > len(d.data)-d.off {
		d.bad = true
		return nil
	}
	b := d.data[d.off : d.off+n]
	d.off += n
	return b
}

func (d *decoder) bytes() []byte {
	n := d.uint()
	if n > uint64(len(d.data)-d.off) {
		d.bad = true
		return nil
	}
	if n == 0 {
		return nil
	}
	o := d.off
	d.raw(int(n))
	return d.data[o : o+int(n) : o+int(n)]
}

func (d *decoder) str() string {
	n := d.uint()
	if n > uint64(len(d.data)-d.off) {
		d.bad = true
		return ""
	}
	o := d.off
	d.raw(int(n))
	if d.bad {
		return ""
	}
	return d.s[o : o+int(n)]
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) sum32() (s [32]byte) { copy(s[:], d.raw(32)); return }
func (d *decoder) sum16() (s [16]byte) { copy(s[:], d.raw(16)); return }

func (e *encoder) pos(p diag.Pos) { e.str(p.File); e.int(int64(p.Line)); e.int(int64(p.Col)) }
func (d *decoder) pos() diag.Pos {
	return diag.Pos{File: d.str(), Line: int(d.int()), Col: int(d.int())}
}

func (e *encoder) diags(ds []diag.Diagnostic) {
	e.uint(uint64(len(ds)))
	for _, x := range ds {
		e.pos(x.Pos)
		e.int(int64(x.Severity))
		e.str(x.Code)
		e.str(x.Message)
		e.str(x.Via)
	}
}

func (d *decoder) diags() []diag.Diagnostic {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]diag.Diagnostic, n)
	for i := range out {
		out[i] = diag.Diagnostic{Pos: d.pos(), Severity: diag.Severity(d.int()), Code: d.str(), Message: d.str(), Via: d.str()}
	}
	return out
}

func (e *encoder) headings(hs []dialect.Heading) {
	e.uint(uint64(len(hs)))
	for _, h := range hs {
		e.str(h.ID)
		e.int(int64(h.Level))
		e.str(h.Text)
		e.uint(uint64(h.Zone))
		e.bool(h.Explicit)
		e.int(int64(h.Offset))
	}
}

func (d *decoder) headings() []dialect.Heading {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]dialect.Heading, n)
	for i := range out {
		out[i] = dialect.Heading{ID: d.str(), Level: int(d.int()), Text: d.str(), Zone: moniker.Set(d.uint()),
			Explicit: d.bool(), Offset: int(d.int())}
	}
	return out
}

func (e *encoder) page(c *cachedPage) {
	e.buf = append(e.buf, c.Src[:]...)
	e.uint(uint64(len(c.Files)))
	for _, f := range c.Files {
		e.str(f.Abs)
		e.buf = append(e.buf, f.Sum[:]...)
	}
	e.uint(uint64(len(c.Deps)))
	for _, p := range c.Deps {
		e.str(p.Key)
		e.buf = append(e.buf, p.Sum[:]...)
	}
	e.str(c.Title)
	e.headings(c.Headings)
	e.headings(c.Own)
	e.strs(c.Anchors)
	e.diags(c.ParseDiags)
	e.diags(c.RenderDiags)
	e.uint(uint64(len(c.IncVia)))
	for _, v := range c.IncVia {
		e.str(v.Abs)
		e.pos(v.Pos)
	}
	e.uint(uint64(len(c.Docs)))
	for _, x := range c.Docs {
		e.str(x.Rel)
		e.int(int64(x.M))
		e.buf = append(e.buf, x.Hash[:]...)
		e.int(x.Size)
		e.bool(x.Indexed)
		e.str(x.Search.URL)
		e.str(x.Search.Title)
		e.strs(x.Search.Breadcrumb)
		e.buf = append(e.buf, x.Entry[:]...)
	}
	e.strs(c.DepKeys)
}

func (d *decoder) page() *cachedPage {
	c := &cachedPage{Src: d.sum32()}
	if n := d.count(); n > 0 {
		c.Files = make([]fileSum, n)
		for i := range c.Files {
			c.Files[i] = fileSum{Abs: d.str(), Sum: d.sum32()}
		}
	}
	if n := d.count(); n > 0 {
		c.Deps = make([]pageSum, n)
		for i := range c.Deps {
			c.Deps[i] = pageSum{Key: d.str(), Sum: d.sum32()}
		}
	}
	c.Title = d.str()
	c.Headings = d.headings()
	c.Own = d.headings()
	c.Anchors = d.strs()
	c.ParseDiags = d.diags()
	c.RenderDiags = d.diags()
	if n := d.count(); n > 0 {
		c.IncVia = make([]incVia, n)
		for i := range c.IncVia {
			c.IncVia[i] = incVia{Abs: d.str(), Pos: d.pos()}
		}
	}
	if n := d.count(); n > 0 {
		c.Docs = make([]cachedDoc, n)
		for i := range c.Docs {
			x := &c.Docs[i]
			x.Rel = d.str()
			x.M = int(d.int())
			x.Hash = d.sum16()
			x.Size = d.int()
			x.Indexed = d.bool()
			x.Search = search.Doc{URL: d.str(), Title: d.str(), Breadcrumb: d.strs()}
			x.Entry = d.sum32()
		}
	}
	c.DepKeys = d.strs()
	return c
}

func (e *encoder) u32s(v []uint32) {
	e.uint(uint64(len(v)))
	for _, x := range v {
		e.uint(uint64(x))
	}
}

func (d *decoder) u32s() []uint32 {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		v := d.uint()
		if v > 1<<32-1 {
			d.bad = true
		}
		out[i] = uint32(v)
	}
	return out
}

func (e *encoder) stored(s *search.Stored) {
	e.strs(s.Strings)
	e.u32s(s.Stems)
	e.bytes(s.Weights)
	e.u32s(s.Words)
	e.bytes(s.Fragment)
	e.str(s.FragmentName)
}

func (d *decoder) stored() search.Stored {
	return search.Stored{Strings: d.strs(), Stems: d.u32s(), Weights: d.bytes(), Words: d.u32s(), Fragment: d.bytes(),
		FragmentName: d.str()}
}

// encodePages and decodePages are a page entry file's payload.
func encodePages(ps []shardPage) []byte {
	e := &encoder{}
	e.uint(uint64(len(ps)))
	for _, p := range ps {
		e.shardPage(p.Key, p.Page)
	}
	return e.buf
}

// shardPage is one entry of a page entry file's payload.
func (e *encoder) shardPage(key string, c *cachedPage) {
	e.str(key)
	e.page(c)
}

func decodePages(data []byte) ([]shardPage, bool) {
	d := newDecoder(data)
	out := make([]shardPage, d.count())
	for i := range out {
		out[i] = shardPage{Key: d.str(), Page: d.page()}
	}
	return out, !d.bad && d.off == len(data)
}

// encodeEntries and decodeEntries are a search entry file's payload.
func encodeEntries(es []shardEntry) []byte {
	e := &encoder{}
	e.uint(uint64(len(es)))
	for i := range es {
		e.shardEntry(es[i].Key, &es[i].Stored)
	}
	return e.buf
}

// shardEntry is one entry of a search entry file's payload.
func (e *encoder) shardEntry(key [32]byte, st *search.Stored) {
	e.buf = append(e.buf, key[:]...)
	e.stored(st)
}

func decodeEntries(data []byte) ([]shardEntry, bool) {
	d := newDecoder(data)
	out := make([]shardEntry, d.count())
	for i := range out {
		out[i] = shardEntry{Key: d.sum32(), Stored: d.stored()}
	}
	return out, !d.bad && d.off == len(data)
}
