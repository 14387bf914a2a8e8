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

// A rebuild does not parse again the front matter of a page whose bytes,
// file and environment (envKey: configuration, docfx.json, moniker
// definitions, the binary) are those of the previous build: the page
// cache's Front entries give what readPage found (metadata, title, clouds,
// diagnostics). Parsing YAML and merging docfx metadata was about a sixth
// of a one-page-edited rebuild of PowerShell-Docs. The body is split off
// again only for pages that are rendered after all.
//
// Nor does it read the page again when its file is as the previous build's
// walk saw it (fileStat: size, modification and change times, inode), as
// git trusts its index: reading and hashing 3,086 pages was a tenth of that
// rebuild. An edit moves the change time, which no program can set back;
// only a file whose times were older than racyWindow at that walk is
// vouched for, so that an edit within the file system's time granularity
// of the previous one (the same times) is never missed: a recently
// modified page is read and hashed, by this build and the next.

// frontEntry is what readPage found in a page.
type frontEntry struct {
	Key     string         // cacheKey(locale, rel)
	Src     [32]byte       // SHA-256 of the file's bytes
	File    [32]byte       // fileIdentity
	Stat    fileStat       // the file as the walk before reading it saw it; zero: not vouched for
	Meta    map[string]any // the merged metadata (encodable; never changed)
	MetaSum [32]byte       // metaSum of the metadata, for the global key
	Title   string
	// Guessed is set when Title is titleGuess's, not the front matter's:
	// parsing gives the page its title then.
	Guessed  bool
	Monikers uint64
	MayZone  bool
	Diags    []diag.Diagnostic
}

// fileStat is what a walk saw of a file: a page whose file is seen again
// the same is not read again (see the top).
type fileStat struct {
	Size, Mtime, Ctime int64
	Ino                uint64
}

// stableStat is the fileStat of a file the walk saw, if it can vouch for
// the file's bytes later: its times were older than racyWindow then (a
// later edit moves them), and the system tells its change time and inode.
func stableStat(f inputFile, recent int64) (fileStat, bool) {
	if f.err || f.ino == 0 || f.ctime == 0 || f.mtime > recent || f.ctime > recent {
		return fileStat{}, false
	}
	return fileStat{Size: f.size, Mtime: f.mtime, Ctime: f.ctime, Ino: f.ino}, true
}

// fileIdentity hashes what readPage reads of a discovered file besides
// its bytes.
func fileIdentity(l *localeSet, f *docset.File) [32]byte {
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
	return sha256.Sum256([]byte(b.String()))
}

// splitFront splits a page's front matter from its body.
func splitFront(display string, f *docset.File, src []byte) (meta.Doc, []diag.Diagnostic) {
	split, ds := meta.Split(display, src)
	if f.PlatyPS {
		split, ds = platyFrontMatter(split, ds, f.Rel)
	}
	return split, ds
}

// cachedFront is the previous build's front entry of the page file f, when
// this build may use it (the same environment and file).
func (b *builder) cachedFront(l *localeSet, f *docset.File) *frontEntry {
	pc := b.pcache
	if pc == nil || pc.front == nil || b.env == ([32]byte{}) || pc.Env != b.env {
		return nil
	}
	fe := pc.front[cacheKey(l.Locale.Code, f.Rel)]
	if fe == nil || fe.File != fileIdentity(l, f) {
		return nil
	}
	return fe
}

// unchangedFront is the previous build's front entry of a page whose file
// is as that build's walk saw it: its bytes need not be read now.
func (b *builder) unchangedFront(l *localeSet, f *docset.File) *frontEntry {
	if f.Kind == docset.Landing {
		return nil
	}
	st, ok := b.pageStats[f.Abs]
	if !ok {
		return nil
	}
	if fe := b.cachedFront(l, f); fe != nil && fe.Stat == st {
		return fe
	}
	return nil
}

// frontRestore gives p what readPage found in the same bytes last time;
// false when the cache has no such entry.
func (b *builder) frontRestore(l *localeSet, p *Page, src []byte) bool {
	fe := b.cachedFront(l, p.File)
	if fe == nil || fe.Src != p.srcSum {
		return false
	}
	b.restoreFront(l, p, fe, src)
	return true
}

// restoreFront gives p the front entry fe, and src as its body to parse
// (nil: not read, see unchangedFront).
func (b *builder) restoreFront(l *localeSet, p *Page, fe *frontEntry, src []byte) {
	// The map is shared with the entry: a page's metadata is never
	// changed once read.
	p.Meta, p.Title, p.titleGuessed, p.Monikers, p.mayZone = fe.Meta, fe.Title, fe.Guessed, moniker.Set(fe.Monikers), fe.MayZone
	b.led.add(ownerParse(l.Locale.Code, p.Rel), fe.Diags...)
	p.body, p.unread = src, src == nil
	b.frontReused.Add(1)
	if b.recording {
		p.front = fe
		if st := b.pageStats[p.File.Abs]; st != fe.Stat {
			again := *fe
			again.Stat = st
			p.front = &again
		}
	}
}

// frontRecord makes the front entry of a page readPage has just read.
func (b *builder) frontRecord(l *localeSet, p *Page) {
	if !b.recording || b.env == ([32]byte{}) {
		return
	}
	if p.Meta == nil || !encodable(p.Meta) {
		return // a value the encoding does not know: parsed every time
	}
	p.front = &frontEntry{Key: cacheKey(l.Locale.Code, p.Rel), Src: p.srcSum, File: fileIdentity(l, p.File), Stat: b.pageStats[p.File.Abs], Meta: p.Meta,
		MetaSum: metaSum(p.Meta), Title: p.Title, Guessed: p.titleGuessed, Monikers: uint64(p.Monikers), MayZone: p.mayZone,
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

// The front entries are written as one payload: a table of every
// distinct string (front matter repeats the same docfx metadata on every
// page: 6 MB spelled out on PowerShell-Docs), then the entries, whose
// strings are numbers in the table. Metadata values are a tag byte and
// the value; only the types that YAML and JSON front matter decode to.
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

// encodable reports whether encodeFront can write v.
func encodable(v any) bool {
	switch x := v.(type) {
	case nil, string, bool, int, int64, uint64, float64:
		return true
	case []any:
		for _, e := range x {
			if !encodable(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !encodable(e) {
				return false
			}
		}
		return true
	}
	return false
}

type frontEncoder struct {
	encoder
	table map[string]uint64
	strs  []string
}

func (e *frontEncoder) ref(s string) {
	n, ok := e.table[s]
	if !ok {
		n = uint64(len(e.strs))
		e.table[s] = n
		e.strs = append(e.strs, s)
	}
	e.uint(n)
}

func (e *frontEncoder) value(v any) {
	switch x := v.(type) {
	case nil:
		e.buf = append(e.buf, tagNil)
	case string:
		e.buf = append(e.buf, tagString)
		e.ref(x)
	case bool:
		if x {
			e.buf = append(e.buf, tagTrue)
		} else {
			e.buf = append(e.buf, tagFalse)
		}
	case int:
		e.buf = append(e.buf, tagInt)
		e.int(int64(x))
	case int64:
		e.buf = append(e.buf, tagInt64)
		e.int(x)
	case uint64:
		e.buf = append(e.buf, tagUint64)
		e.uint(x)
	case float64:
		e.buf = binary.BigEndian.AppendUint64(append(e.buf, tagFloat), math.Float64bits(x))
	case []any:
		if x == nil {
			e.buf = append(e.buf, tagNilList)
			return
		}
		e.buf = append(e.buf, tagList)
		e.uint(uint64(len(x)))
		for _, v := range x {
			e.value(v)
		}
	case map[string]any:
		if x == nil {
			e.buf = append(e.buf, tagNilMap)
			return
		}
		e.buf = append(e.buf, tagMap)
		e.uint(uint64(len(x)))
		for _, k := range sortedKeys(x) {
			e.ref(k)
			e.value(x[k])
		}
	}
}

// encodeFront encodes front entries (whose metadata is encodable): the
// same entries give the same bytes.
func encodeFront(entries []frontEntry) []byte {
	e := &frontEncoder{table: map[string]uint64{}}
	e.uint(uint64(len(entries)))
	for i := range entries {
		f := &entries[i]
		e.ref(f.Key)
		e.buf = append(e.buf, f.Src[:]...)
		e.buf = append(e.buf, f.File[:]...)
		e.int(f.Stat.Size)
		e.int(f.Stat.Mtime)
		e.int(f.Stat.Ctime)
		e.uint(f.Stat.Ino)
		e.value(f.Meta)
		e.buf = append(e.buf, f.MetaSum[:]...)
		e.ref(f.Title)
		e.bool(f.Guessed)
		e.uint(f.Monikers)
		e.bool(f.MayZone)
		e.diags(f.Diags)
	}
	head := &encoder{}
	head.strs(e.strs)
	return append(head.buf, e.buf...)
}

type frontDecoder struct {
	*decoder
	table []string
}

func (d *frontDecoder) ref() string {
	n := d.uint()
	if n >= uint64(len(d.table)) {
		d.bad = true
		return ""
	}
	return d.table[n]
}

func (d *frontDecoder) value(depth int) any {
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
		return d.ref()
	case tagTrue:
		return true
	case tagFalse:
		return false
	case tagInt:
		return int(d.int())
	case tagInt64:
		return d.int()
	case tagUint64:
		return d.uint()
	case tagFloat:
		b := d.raw(8)
		if len(b) < 8 {
			return nil
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b))
	case tagNilList:
		return []any(nil)
	case tagList:
		n := d.count()
		out := make([]any, 0, n)
		for i := 0; i < n && !d.bad; i++ {
			out = append(out, d.value(depth+1))
		}
		return out
	case tagNilMap:
		return map[string]any(nil)
	case tagMap:
		n := d.count()
		out := make(map[string]any, n)
		for i := 0; i < n && !d.bad; i++ {
			k := d.ref()
			out[k] = d.value(depth + 1)
		}
		return out
	}
	d.bad = true
	return nil
}

// decodeFront decodes encodeFront's bytes, which must not change
// afterwards (the strings are taken from them); false when they are not
// whole.
func decodeFront(data []byte) ([]frontEntry, bool) {
	d := &frontDecoder{decoder: newDecoder(data)}
	d.table = d.strs()
	out := make([]frontEntry, d.count())
	for i := range out {
		f := &out[i]
		f.Key = d.ref()
		f.Src = d.sum32()
		f.File = d.sum32()
		f.Stat = fileStat{Size: d.int(), Mtime: d.int(), Ctime: d.int(), Ino: d.uint()}
		m, ok := d.value(0).(map[string]any)
		if !ok {
			d.bad = true
		}
		f.Meta = m
		f.MetaSum = d.sum32()
		f.Title = d.ref()
		f.Guessed = d.bool()
		f.Monikers = d.uint()
		f.MayZone = d.bool()
		f.Diags = d.diags()
	}
	return out, !d.bad && d.off == len(data)
}
