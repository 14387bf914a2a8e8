package build

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/moniker"
)

// A rebuild reads every page again (its bytes are hashed, so that an edit
// within the file system's time granularity is never missed), but it does
// not parse again the front matter of a page whose bytes, file and
// environment (envKey: configuration, docfx.json, moniker definitions, the
// binary) are those of the previous build: the page cache's Front entries
// give what readPage found (metadata, title, clouds, diagnostics). Parsing
// YAML and merging docfx metadata was about a sixth of a one-page-edited
// rebuild of PowerShell-Docs. The body is split off again only for pages
// that are rendered after all.

// frontEntry is what readPage found in a page.
type frontEntry struct {
	Key      string   // cacheKey(locale, rel)
	Src      [32]byte // SHA-256 of the file's bytes
	File     string   // fileIdentity
	Meta     []byte   // the merged metadata (encodeMeta)
	MetaSum  [32]byte // metaSum of the metadata, for the global key
	Title    string
	Monikers uint64
	MayZone  bool
	Diags    []diag.Diagnostic
}

// fileIdentity is what readPage reads of a discovered file besides its
// bytes.
func fileIdentity(l *localeSet, f *docset.File) string {
	var b strings.Builder
	b.WriteString(f.Abs)
	b.WriteByte(0)
	b.WriteString(l.Docset.Display(f.Rel))
	b.WriteByte(0)
	b.WriteString(f.Rel)
	b.WriteByte(0)
	b.WriteString(strconv.Itoa(int(f.Kind)))
	if f.PlatyPS {
		b.WriteString(" platyps")
	}
	return b.String()
}

// splitFront splits a page's front matter from its body.
func splitFront(display string, f *docset.File, src []byte) (meta.Doc, []diag.Diagnostic) {
	split, ds := meta.Split(display, src)
	if f.PlatyPS {
		split, ds = platyFrontMatter(split, ds, f.Rel)
	}
	return split, ds
}

// frontRestore gives p what readPage found in the same bytes last time;
// false when the cache has no such entry.
func (b *builder) frontRestore(l *localeSet, p *Page, src []byte) bool {
	pc := b.pcache
	if pc == nil || pc.front == nil || b.env == ([32]byte{}) || pc.Env != b.env {
		return false
	}
	fe := pc.front[cacheKey(l.Locale.Code, p.Rel)]
	if fe == nil || fe.Src != p.srcSum || fe.File != fileIdentity(l, p.File) {
		return false
	}
	m, ok := decodeMeta(fe.Meta)
	if !ok {
		return false
	}
	p.Meta, p.Title, p.Monikers, p.mayZone = m, fe.Title, moniker.Set(fe.Monikers), fe.MayZone
	b.led.add(ownerParse(l.Locale.Code, p.Rel), fe.Diags...)
	p.body = src
	b.frontReused.Add(1)
	if b.recording {
		p.front = fe
	}
	return true
}

// frontRecord makes the front entry of a page readPage has just read.
func (b *builder) frontRecord(l *localeSet, p *Page) {
	if !b.recording || b.env == ([32]byte{}) {
		return
	}
	m, ok := encodeMeta(p.Meta)
	if !ok {
		return // a value the encoding does not know: parsed every time
	}
	p.front = &frontEntry{Key: cacheKey(l.Locale.Code, p.Rel), Src: p.srcSum, File: fileIdentity(l, p.File), Meta: m,
		MetaSum: metaSum(p.Meta), Title: p.Title, Monikers: uint64(p.Monikers), MayZone: p.mayZone,
		Diags: b.led.get(ownerParse(l.Locale.Code, p.Rel))}
}

// frontEntries lists the front entries of this build's pages, by key.
func (b *builder) frontEntries() []frontEntry {
	var out []frontEntry
	for _, l := range b.locales {
		for _, p := range l.Pages {
			if !p.Fallback && p.front != nil {
				out = append(out, *p.front)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// metaSum hashes front matter in a form that does not depend on map order.
func metaSum(m map[string]any) [32]byte {
	return sha256.Sum256(appendValue(nil, m))
}

// metaSumOf is metaSum of the page's metadata, from its front entry when
// it has one.
func metaSumOf(p *Page) [32]byte {
	if p.front != nil {
		return p.front.MetaSum
	}
	return metaSum(p.Meta)
}

// Metadata encoding: a tag byte, then the value. Only the types that YAML
// and JSON front matter decode to; anything else is not encoded.
const (
	tagNil byte = iota
	tagString
	tagTrue
	tagFalse
	tagInt
	tagInt64
	tagUint64
	tagFloat
	tagList
	tagNilList
	tagMap
	tagNilMap
)

// encodeMeta encodes front matter (keys sorted: the same metadata gives
// the same bytes); false when it holds a type the encoding does not know.
func encodeMeta(m map[string]any) ([]byte, bool) {
	return appendMeta(nil, m)
}

func appendMeta(buf []byte, v any) ([]byte, bool) {
	switch x := v.(type) {
	case nil:
		return append(buf, tagNil), true
	case string:
		buf = binary.AppendUvarint(append(buf, tagString), uint64(len(x)))
		return append(buf, x...), true
	case bool:
		if x {
			return append(buf, tagTrue), true
		}
		return append(buf, tagFalse), true
	case int:
		return binary.AppendVarint(append(buf, tagInt), int64(x)), true
	case int64:
		return binary.AppendVarint(append(buf, tagInt64), x), true
	case uint64:
		return binary.AppendUvarint(append(buf, tagUint64), x), true
	case float64:
		return binary.BigEndian.AppendUint64(append(buf, tagFloat), math.Float64bits(x)), true
	case []any:
		if x == nil {
			return append(buf, tagNilList), true
		}
		buf = binary.AppendUvarint(append(buf, tagList), uint64(len(x)))
		for _, e := range x {
			var ok bool
			if buf, ok = appendMeta(buf, e); !ok {
				return nil, false
			}
		}
		return buf, true
	case map[string]any:
		if x == nil {
			return append(buf, tagNilMap), true
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf = binary.AppendUvarint(append(buf, tagMap), uint64(len(keys)))
		for _, k := range keys {
			buf = binary.AppendUvarint(buf, uint64(len(k)))
			buf = append(buf, k...)
			var ok bool
			if buf, ok = appendMeta(buf, x[k]); !ok {
				return nil, false
			}
		}
		return buf, true
	}
	return nil, false
}

// decodeMeta decodes encodeMeta's bytes; false when they are not a whole
// encoded map.
func decodeMeta(data []byte) (map[string]any, bool) {
	d := metaDecoder{data: data}
	v := d.value(0)
	m, ok := v.(map[string]any)
	if d.bad || d.off != len(d.data) || !ok {
		return nil, false
	}
	return m, true
}

type metaDecoder struct {
	data []byte
	off  int
	bad  bool
}

func (d *metaDecoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.data[d.off:])
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.off += n
	return v
}

func (d *metaDecoder) str() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.data)-d.off) {
		d.bad = true
		return ""
	}
	s := string(d.data[d.off : d.off+int(n)])
	d.off += int(n)
	return s
}

func (d *metaDecoder) value(depth int) any {
	if d.bad || d.off >= len(d.data) || depth > 100 {
		d.bad = true
		return nil
	}
	tag := d.data[d.off]
	d.off++
	switch tag {
	case tagNil:
		return nil
	case tagString:
		return d.str()
	case tagTrue:
		return true
	case tagFalse:
		return false
	case tagInt, tagInt64:
		v, n := binary.Varint(d.data[d.off:])
		if n <= 0 {
			d.bad = true
			return nil
		}
		d.off += n
		if tag == tagInt {
			return int(v)
		}
		return v
	case tagUint64:
		return d.uvarint()
	case tagFloat:
		if len(d.data)-d.off < 8 {
			d.bad = true
			return nil
		}
		v := math.Float64frombits(binary.BigEndian.Uint64(d.data[d.off:]))
		d.off += 8
		return v
	case tagNilList:
		return []any(nil)
	case tagList:
		n := d.uvarint()
		if n > uint64(len(d.data)-d.off) {
			d.bad = true
			return nil
		}
		out := make([]any, 0, n)
		for i := uint64(0); i < n && !d.bad; i++ {
			out = append(out, d.value(depth+1))
		}
		return out
	case tagNilMap:
		return map[string]any(nil)
	case tagMap:
		n := d.uvarint()
		if n > uint64(len(d.data)-d.off) {
			d.bad = true
			return nil
		}
		out := make(map[string]any, n)
		for i := uint64(0); i < n && !d.bad; i++ {
			k := d.str()
			out[k] = d.value(depth + 1)
		}
		return out
	}
	d.bad = true
	return nil
}
