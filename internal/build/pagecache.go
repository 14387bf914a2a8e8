package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/output"
	"github.com/docloom/docloom/internal/search"
)

// The page cache lets a rebuild skip the pages whose output cannot have
// changed: it neither parses nor renders them, and links their documents
// from the previous site. It lives in the output folder (cacheName, written
// last into the new tree and swapped in with it, so it always describes
// the site beside it) and records, for each page rendered while streaming:
//
//   - what its output depends on: its source bytes, path, published path
//     and git date; the bytes of every include and code file it read; for
//     every page it links to, that page's exports (title, headings,
//     anchors, clouds), since bookmarks into it are checked against them;
//   - what later stages need of it: its exports (other pages' bookmark
//     checks), its parse and render diagnostics, the places it includes
//     files from (include diagnostics name the first), its documents'
//     paths and hashes and their search entries.
//
// Everything else a page's output depends on is in the global key: the
// docloom binary, the options, every file of the site that is not a page
// or an include (configuration, layouts, static files, TOCs, data files,
// redirections, media, code samples: by size, time and inode, by content
// when modified in the last seconds), and every page's front matter as the
// index and the navigation see it (path, clouds, title, uid, metadata). A
// change there renders every page again. A cache whose checksum, version
// or global key does not match is ignored, never trusted; a page whose
// documents are no longer in the previous site as recorded is rendered.

const (
	cacheName    = ".docloom-cache"
	cacheVersion = 8
	cacheHeader  = "docloom-cache 6\n"
)

// The cache files hold slices sorted by key, never maps (gob writes a map
// in Go's random order): two builds of the same inputs write the same
// bytes. The page and entry files are in cachecodec.go's form; the main
// file is gob, which numbers types in the order a process first meets
// them: init meets the cache's types first, so that what a build decoded
// or encoded before does not change the numbers.
func init() {
	for _, v := range []any{pageCache{}} {
		gob.NewEncoder(io.Discard).Encode(v)
	}
}

type pageCache struct {
	Version int
	Global  [32]byte
	// Env is the global key's part that the pages' front matter depends
	// on (envKey); Front holds each page's front matter, sorted by key.
	Env [32]byte
	// Racy are the files that were modified within racyWindow of the
	// walk Env was made from, with the SHA-256 of their bytes then: Env
	// has their size and time, which an edit within the same tick of the
	// file system's clock may leave as they were.
	Racy  []fileSum
	Front []byte // encodeFront
	front map[string]*frontEntry
	Incs  []cachedInclude // sorted by Abs
	incs  map[string]*cachedInclude
	// The pages' entries are in pageShards files (by their key's hash),
	// described by PageShards; pages holds them once loaded.
	PageShards []pageShard
	pages      map[string]*cachedPage // by cacheKey
	// The search entries are kept in entryShards files beside the cache
	// (by their key's first byte), so a rebuild that changed a few pages
	// writes a few of them again and links the rest from the previous
	// site; Shards describes them.
	Shards  []entryShard
	entries map[[32]byte]search.Stored
}

// entryShard is one file of search entries: its keys, and its hash and
// size for output.Dir.Keep.
type entryShard struct {
	Keys [][32]byte
	Hash [16]byte
	Size int64
}

const entryShards = 64

// pageShard is one file of page entries.
type pageShard struct {
	Keys []string
	Hash [16]byte
	Size int64
}

const pageShards = 64

func pageShardName(i int) string { return fmt.Sprintf("%s-p%02x", cacheName, i) }

func pageShardOf(key string) int {
	h := sha256.Sum256([]byte(key))
	return int(h[0]) % pageShards
}

const pageShardHeader = "docloom-cache-pages 3\n"

// shardPage and shardEntry are the records of the page and entry files.
type shardPage struct {
	Key  string
	Page *cachedPage
}

type shardEntry struct {
	Key    [32]byte
	Stored search.Stored
}

func shardName(i int) string { return fmt.Sprintf("%s-%02x", cacheName, i) }

func shardOf(key [32]byte) int { return int(key[0]) % entryShards }

type cachedInclude struct {
	Abs   string
	Sum   [32]byte
	Diags []diag.Diagnostic
}

type cachedPage struct {
	Src         [32]byte
	Files       []fileSum
	Deps        []pageSum
	Title       string
	Headings    []dialect.Heading
	Own         []dialect.Heading
	Anchors     []string
	ParseDiags  []diag.Diagnostic
	RenderDiags []diag.Diagnostic
	IncVia      []incVia
	Docs        []cachedDoc
	DepKeys     []string
}

type fileSum struct {
	Abs string
	Sum [32]byte
}

type pageSum struct {
	Key string // depPage
	Sum [32]byte
}

type incVia struct {
	Abs string
	Pos diag.Pos
}

type cachedDoc struct {
	Rel     string
	M       int
	Hash    [16]byte
	Size    int64
	Indexed bool
	Search  search.Doc
	Entry   [32]byte
}

// pageRecord collects, while a page is parsed and rendered, what its cache
// entry needs.
type pageRecord struct {
	docs   []cachedDoc
	incVia map[string]diag.Pos
	files  map[string]bool // includes walked for headings
}

func (r *pageRecord) include(abs string, pos diag.Pos) {
	if r.incVia == nil {
		r.incVia = map[string]diag.Pos{}
	}
	if old, ok := r.incVia[abs]; !ok || posLess(pos, old) {
		r.incVia[abs] = pos
	}
}

// keeper is a sink that can keep a previous build's file (output.Dir).
type keeper interface {
	Keep(rel string, h [16]byte, size int64) bool
	CanKeep(rel string, h [16]byte, size int64) bool
}

func cacheKey(locale, rel string) string { return locale + "/" + rel }

// loadPageCache decodes a cache file and its entry shards (prev reads one
// of the previous site's own files); nil when it is missing, from another
// version, or damaged in any way. A damaged shard only loses its entries
// (the pages that need them are rendered).
func loadPageCache(data []byte, prev func(name string) []byte) *pageCache {
	var c pageCache
	if !unseal(data, cacheHeader, &c) || c.Version != cacheVersion || len(c.PageShards) != pageShards || prev == nil {
		return nil
	}
	c.entries = map[[32]byte]search.Stored{}
	c.pages = map[string]*cachedPage{}
	if front, ok := decodeFront(c.Front); ok {
		c.front = make(map[string]*frontEntry, len(front))
		for i := range front {
			c.front[front[i].Key] = &front[i]
		}
	}
	c.incs = make(map[string]*cachedInclude, len(c.Incs))
	for i := range c.Incs {
		c.incs[c.Incs[i].Abs] = &c.Incs[i]
	}
	pages := make([][]shardPage, pageShards)
	var wg sync.WaitGroup
	for i, sh := range c.PageShards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := prev(pageShardName(i))
			if int64(len(data)) != sh.Size || output.Sum(data) != sh.Hash {
				return
			}
			if payload, ok := described(data, pageShardHeader); ok {
				if m, ok := decodePages(payload); ok {
					pages[i] = m
				}
			}
		}()
	}
	if len(c.Shards) != entryShards {
		wg.Wait()
		c.Shards = nil
		return &c
	}
	loaded := make([][]shardEntry, entryShards)
	for i, sh := range c.Shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := prev(shardName(i))
			if int64(len(data)) != sh.Size || output.Sum(data) != sh.Hash {
				return
			}
			if payload, ok := described(data, shardHeader); ok {
				if m, ok := decodeEntries(payload); ok {
					loaded[i] = m
				}
			}
		}()
	}
	wg.Wait()
	for _, m := range loaded {
		for _, e := range m {
			c.entries[e.Key] = e.Stored
		}
	}
	for _, m := range pages {
		for _, e := range m {
			if e.Page != nil {
				c.pages[e.Key] = e.Page
			}
		}
	}
	return &c
}

const shardHeader = "docloom-cache-entries 3\n"

// opened checks a sealed file (header, SHA-256 of the payload, payload)
// and returns its payload.
func opened(data []byte, header string) ([]byte, bool) {
	rest, found := bytes.CutPrefix(data, []byte(header))
	if !found || len(rest) < sha256.Size {
		return nil, false
	}
	sum, payload := rest[:sha256.Size], rest[sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	return payload, true
}

// described returns the payload of a sealed file whose hash was checked
// against the main cache file's record of it (which is sealed itself):
// its own checksum need not be computed again.
func described(data []byte, header string) ([]byte, bool) {
	rest, found := bytes.CutPrefix(data, []byte(header))
	if !found || len(rest) < sha256.Size {
		return nil, false
	}
	return rest[sha256.Size:], true
}

// sealed makes a sealed file of a payload.
func sealed(header string, payload []byte) []byte {
	sum := sha256.Sum256(payload)
	out := make([]byte, 0, len(header)+len(sum)+len(payload))
	out = append(out, header...)
	out = append(out, sum[:]...)
	return append(out, payload...)
}

// sealInto lays out in buf's space (from its start) the sealed file whose
// payload fill encodes: the same bytes as sealed of that payload, without
// a payload buffer grown from nothing and copied. The shard files of a
// page cache are written this way, into one buffer per worker that each
// shard reuses: on a 20,000-page docset, growing and copying a buffer per
// shard allocated 0.8 GB while the search index and the site files were
// being written, the moment the build's memory peaks.
func sealInto(buf []byte, header string, fill func(e *encoder)) []byte {
	e := &encoder{buf: append(buf[:0], header...)}
	at := len(e.buf)
	e.buf = append(e.buf, make([]byte, sha256.Size)...)
	fill(e)
	sum := sha256.Sum256(e.buf[at+sha256.Size:])
	copy(e.buf[at:], sum[:])
	return e.buf
}

// unseal checks a sealed file whose payload is gob and decodes it into v.
func unseal(data []byte, header string, v any) (ok bool) {
	payload, ok := opened(data, header)
	if !ok {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return gob.NewDecoder(bytes.NewReader(payload)).Decode(v) == nil
}

// seal encodes v with gob as a sealed file.
func seal(header string, v any) ([]byte, error) {
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(v); err != nil {
		return nil, err
	}
	return sealed(header, payload.Bytes()), nil
}

// fileSum is the SHA-256 of a file's bytes, read once per build (zero when
// it cannot be read).
func (b *builder) fileSum(abs string) [32]byte {
	if v, ok := b.sums.Load(abs); ok {
		return v.([32]byte)
	}
	var s [32]byte
	if data, err := os.ReadFile(abs); err == nil {
		s = sha256.Sum256(data)
	}
	b.sums.Store(abs, s)
	return s
}

// racyStale reports whether a file that was recently modified when the
// previous cache was made has other bytes now than it had then.
func (b *builder) racyStale(pc *pageCache) bool {
	now := map[string][32]byte{}
	for _, f := range b.racy {
		now[f.path] = f.sum
	}
	for _, f := range pc.Racy {
		sum, ok := now[f.Abs]
		if !ok {
			if sum, ok = contentSum(f.Abs); !ok {
				return true
			}
		}
		if sum != f.Sum {
			return true
		}
	}
	return false
}

// contentSum is the SHA-256 of a file's bytes as they are now, read again
// (fileSum keeps the first read of a build); ok is false when it cannot
// be read.
func contentSum(abs string) (sum [32]byte, ok bool) {
	data, err := os.ReadFile(abs)
	if err != nil {
		return sum, false
	}
	return sha256.Sum256(data), true
}

// racyChanged reports whether a recently modified file has other bytes
// now than the start-up walk read: it changed during the build, maybe
// after the build read it, maybe before.
func (b *builder) racyChanged() bool {
	for _, f := range b.racy {
		if sum, ok := contentSum(f.path); !ok || sum != f.sum {
			return true
		}
	}
	return false
}

// envKey hashes what the pages' front matter and every page's output may
// depend on besides the pages and includes themselves (see the comment at
// the top): the binary, the options, every other file of the site, git.
// It walks the site again only when the start-up fingerprint's walk
// (b.inputs) cannot be reused.
func (b *builder) envKey() [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "docloom page cache %d\n", cacheVersion)
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "exe %s %d %d\n", exe, st.Size(), st.ModTime().UnixNano())
		}
	}
	site, _ := filepath.Abs(b.opts.Site)
	fmt.Fprintf(h, "opts %q %v %v %v %q\n", site, b.opts.Strict, b.opts.NoWrite, b.opts.NoSearch, b.opts.BaseURL)
	b.racy = nil
	b.pageStats = map[string]fileStat{}
	perPage := map[string]bool{}
	for _, l := range b.locales {
		for _, f := range l.Docset.Files {
			if f.Kind == docset.Page || f.Kind == docset.Landing || f.Kind == docset.Include {
				perPage[f.Abs] = true
			}
		}
	}
	roots := []string{b.site.Root}
	for _, l := range b.site.Locales {
		roots = append(roots, l.Path)
	}
	walk := b.inputs
	if walk == nil || !slices.Equal(walk.roots, roots) {
		out, _ := filepath.Abs(b.opts.Out)
		walk = walkInputs(roots, out, false)
	}
	for i, root := range walk.roots {
		fmt.Fprintf(h, "root %s\n", root)
		for _, f := range walk.files[i] {
			switch {
			case f.err:
				fmt.Fprintf(h, "error %s\n", f.path)
			case perPage[f.path]:
				if st, ok := stableStat(f, walk.recent); ok {
					b.pageStats[f.path] = st
				}
			default:
				fmt.Fprintf(h, "%s %d %d %d\n", f.path, f.size, f.mtime, f.ino)
				if f.mtime > walk.recent {
					// Racy: its size and time may stay the same through
					// an edit within the same tick. The key has them as
					// for any file (the next build, when the file is no
					// longer recent, makes the same key), and the cache
					// records its bytes' sum as the walk read them (Racy):
					// savePageCache checks them again (racyChanged), the
					// next build too (racyStale).
					b.racy = append(b.racy, f)
				}
			}
		}
	}
	fmt.Fprintf(h, "git %v %v\n", b.history != nil, b.history != nil && b.history.Shallow)
	b.envUnsure = walk.unsummed
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// globalKey adds to envKey every page's front matter as the index and the
// navigation see it.
func (b *builder) globalKey() [32]byte {
	h := sha256.New()
	h.Write(b.env[:])
	for _, l := range b.locales {
		fmt.Fprintf(h, "locale %s %s %d\n", l.Locale.Code, l.Locale.Path, len(l.Pages))
		for _, p := range l.Pages {
			platy := p.File != nil && p.File.PlatyPS
			fmt.Fprintf(h, "page %q %q %v %v %v %d %q %v %v ", p.Rel, b.pubOf(p.Rel), p.Fallback, p.Landing, platy,
				uint64(p.Monikers), p.Title, p.mayZone, p.keepAST)
			ms := metaSumOf(p)
			h.Write(ms[:])
			h.Write([]byte{'\n'})
		}
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// hashValue writes a front-matter value in a form that does not depend on
// map order.
func hashValue(w io.Writer, v any) {
	w.Write(appendValue(nil, v))
}

func appendValue(buf []byte, v any) []byte {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		buf = append(buf, '{')
		buf = strconv.AppendInt(buf, int64(len(keys)), 10)
		for _, k := range keys {
			buf = strconv.AppendQuote(buf, k)
			buf = append(buf, ':')
			buf = appendValue(buf, x[k])
		}
		return append(buf, '}')
	case []any:
		buf = append(buf, '[')
		buf = strconv.AppendInt(buf, int64(len(x)), 10)
		for _, e := range x {
			buf = append(buf, ',')
			buf = appendValue(buf, e)
		}
		return append(buf, ']')
	case string:
		return strconv.AppendQuote(append(buf, 's'), x)
	default:
		return fmt.Appendf(buf, "%T:%v", x, x)
	}
}

// srcKey hashes what is the page's own: its bytes, paths and git date.
func (b *builder) srcKey(l *localeSet, p *Page) [32]byte {
	h := sha256.New()
	h.Write(p.srcSum[:])
	f := p.File
	date, ok := b.history.Date(f.Abs)
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d %v\x00%d %v\x00%s", l.Locale.Code, p.Rel, l.Docset.Display(p.Rel),
		f.Abs, f.Pub, f.Base, f.Kind, f.PlatyPS, date.UnixNano(), ok, b.history.Rel(f.Abs))
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// exportSum hashes what other pages' output and diagnostics may read of p
// once it is parsed. Every string is its length and its bytes, every list
// its length and its items, so that no two exports spell the same bytes;
// quoting each string (fmt's %q, then strconv) was most of the time of
// filling every page's exports. The sums are compared only with those of
// the same binary (the page cache's key has the binary).
func exportSum(p *Page) [32]byte {
	buf := make([]byte, 0, 512)
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	flag := func(v bool) {
		if v {
			buf = append(buf, 1)
		} else {
			buf = append(buf, 0)
		}
	}
	str(p.Title)
	buf = binary.AppendUvarint(buf, uint64(p.Monikers))
	flag(p.mayZone)
	flag(p.Doc != nil)
	if p.Doc != nil {
		buf = binary.AppendUvarint(buf, uint64(len(p.Doc.Headings)))
		for _, x := range p.Doc.Headings {
			// Not its offset: no other page reads where a heading is.
			str(x.ID)
			buf = binary.AppendVarint(buf, int64(x.Level))
			str(x.Text)
			buf = binary.AppendUvarint(buf, uint64(x.Zone))
			flag(x.Explicit)
		}
	}
	buf = binary.AppendUvarint(buf, uint64(len(p.anchors)))
	for _, a := range sortedKeys(p.anchors) {
		str(a)
	}
	return sha256.Sum256(buf)
}

// fillExports computes the export sum of every page, once all pages are
// parsed (or restored from the cache), or with only, of the pages it
// selects (the others' have not changed since the last fill).
func (b *builder) fillExports(only func(*Page) bool) {
	var all []*Page
	for _, l := range b.locales {
		for _, p := range l.Pages {
			if !p.Fallback && (only == nil || only(p)) {
				all = append(all, p)
			}
		}
	}
	b.parallel(len(all), func(_, i int) { all[i].exports = exportSum(all[i]) })
	def := b.defaultLocale()
	for _, l := range b.locales {
		for _, p := range l.Pages {
			if p.Fallback && def != nil {
				if o := def.own[p.Rel]; o != nil {
					p.exports = o.exports
				}
			}
		}
	}
}

// depExports is the export sum of the page a depPage key names (zero when
// there is none).
func (b *builder) depExports(key string) [32]byte {
	rest, ok := strings.CutPrefix(key, "page:")
	if !ok {
		return [32]byte{}
	}
	code, rel, _ := strings.Cut(rest, "/")
	for _, l := range b.locales {
		if l.Locale.Code == code {
			if p := l.byRel[rel]; p != nil {
				return p.exports
			}
		}
	}
	return [32]byte{}
}

// cacheable reports whether a page can be kept in the page cache: country
// pages (whose support hours come from other pages) and the default-locale
// originals of fallback copies (rendered after parsing) always render.
func cacheable(p *Page) bool {
	return !p.Fallback && !p.keepAST && p.hoursLines == nil && p.File != nil
}

// cacheLookup returns the page's cache entry when its own inputs (source,
// includes, code files) are those recorded; the pages it links to are
// checked later (depsCurrent), once every page is parsed.
func (b *builder) cacheLookup(l *localeSet, p *Page) *cachedPage {
	pc := b.pcache
	if pc == nil || !cacheable(p) {
		return nil
	}
	c := pc.pages[cacheKey(l.Locale.Code, p.Rel)]
	if c == nil || c.Src != b.srcKey(l, p) {
		return nil
	}
	for _, f := range c.Files {
		if b.fileSum(f.Abs) != f.Sum {
			return nil
		}
	}
	return c
}

// restoreParse stands in for parseBody: the page gets the headings, title,
// anchors and parse diagnostics its unchanged source gave.
func (b *builder) restoreParse(l *localeSet, p *Page, c *cachedPage) {
	if p.pending != nil || p.body != nil || p.unread {
		p.pending, p.body, p.unread = nil, nil, false
		p.Doc = &dialect.Doc{Rel: p.Rel, File: l.Docset.Display(p.Rel), Headings: c.Headings}
		p.ownHeadings = c.Own
		p.Title, p.titleGuessed = c.Title, false
		p.anchors = map[string]bool{}
		for _, a := range c.Anchors {
			p.anchors[a] = true
		}
	}
	owner := ownerParse(l.Locale.Code, p.Rel)
	b.led.reset(owner)
	b.led.add(owner, c.ParseDiags...)
}

// depsCurrent reports whether every page c's output read is as it was.
func (b *builder) depsCurrent(c *cachedPage) bool {
	for _, d := range c.Deps {
		if b.depExports(d.Key) != d.Sum {
			return false
		}
	}
	return true
}

// replay puts a cached page's documents, diagnostics, dependencies and
// search entries in place of rendering it; false (having done nothing)
// when the previous site does not hold its documents any more.
func (b *builder) replay(j renderJob, c *cachedPage) (int, bool) {
	k, ok := b.sink.(keeper)
	if !ok {
		return 0, false
	}
	for _, d := range c.Docs {
		if !k.CanKeep(d.Rel, d.Hash, d.Size) {
			return 0, false
		}
		if _, ok := b.pcache.entries[d.Entry]; d.Indexed && (b.search == nil || !ok) {
			return 0, false
		}
	}
	l, p := j.l, j.p
	owner := ownerRender(l.Locale.Code, p.Rel)
	b.led.reset(owner)
	b.led.add(owner, c.RenderDiags...)
	deps := make(map[string]bool, len(c.DepKeys))
	for _, d := range c.DepKeys {
		deps[d] = true
	}
	b.mu.Lock()
	b.deps[depPage(l.Locale.Code, p.Rel)] = deps
	b.mu.Unlock()
	b.searchForget(l.Locale.Code, p.Rel)
	for _, d := range c.Docs {
		b.emit(d.Rel, func(sink) error {
			if !k.Keep(d.Rel, d.Hash, d.Size) {
				return fmt.Errorf("the previous site's %s changed during the build; build again", d.Rel)
			}
			return nil
		})
		// The shared TOC files are written by the first page that needs them.
		toc := l.nav.TOCFor(p.Rel)
		if toc == nil {
			toc = b.referenceTOC(l, p, d.M)
		}
		b.navFor(l, d.M, toc)
		if d.Indexed && !b.searchReplay(j, d, b.pcache.entries[d.Entry]) {
			b.led.addf(owner, diag.Pos{File: l.Docset.Display(p.Rel)}, diag.Error, "internal-error",
				"the page cache's search entry of %s is damaged; build into a new output folder", d.Rel)
		}
	}
	for _, v := range c.IncVia {
		v1, _ := b.incs.m.LoadOrStore(v.Abs, &incEntry{})
		ent := v1.(*incEntry)
		ent.note(v.Pos)
		if inc, ok := b.pcache.incs[v.Abs]; ok {
			ent.mu.Lock()
			ent.cached, ent.cachedSum, ent.hasCached = inc.Diags, inc.Sum, true
			ent.mu.Unlock()
		}
	}
	p.cached = c
	p.rendered = true
	b.reused.Add(1)
	return len(c.Docs), true
}

// searchReplay puts a cached document's search entry in its index.
func (b *builder) searchReplay(j renderJob, d cachedDoc, st search.Stored) bool {
	s := b.search
	var e *search.Entry
	if v, ok := s.entries.Load(d.Entry); ok {
		e = v.(*search.Entry)
	} else if e = s.pool.Load(j.l.Locale.Code, st); e == nil {
		return false
	} else {
		e.Key = d.Entry
		if v, loaded := s.entries.LoadOrStore(d.Entry, e); loaded {
			e = v.(*search.Entry)
		}
	}
	s.index(variantKey{j.l.Locale.Code, d.M}).Put(search.Key(j.p.Rel), d.Search, e)
	return true
}

// startPageCache starts saving the page cache of a one-shot build into its
// output folder, once every page is rendered; Run waits for it.
func (b *builder) startPageCache() {
	out, ok := b.sink.(*output.Dir)
	if !b.recording || !ok {
		return
	}
	done := make(chan error, 1)
	b.cacheSaved = done
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("docloom failed saving its page cache (%v); please report it", r)
			}
		}()
		done <- b.savePageCache(out)
	}()
}

// pageCacheSaved waits for the save startPageCache started and returns its
// error; without one, it saves the cache into out now (nil out: none).
func (b *builder) pageCacheSaved(out *output.Dir) error {
	if c := b.cacheSaved; c != nil {
		b.cacheSaved = nil
		return <-c
	}
	if out == nil {
		return nil
	}
	return b.savePageCache(out)
}

// savePageCache writes the cache of this build into its output folder.
func (b *builder) savePageCache(out *output.Dir) error {
	defer func() { b.pcache = nil }() // the previous cache's entries are no longer needed
	if !b.recording || b.site == nil {
		return nil
	}
	if b.envUnsure || b.racyChanged() {
		// A layout, data or configuration file changed while it was being
		// read, or could not be hashed: the pages written may not be what
		// the key would say, so the next build renders every page again.
		return nil
	}
	pc := &pageCache{Version: cacheVersion, Global: b.global, Env: b.env, pages: map[string]*cachedPage{},
		entries: map[[32]byte]search.Stored{}}
	for _, f := range b.racy { // in walk order: sorted by path within each root
		pc.Racy = append(pc.Racy, fileSum{f.path, f.sum})
	}
	var mu sync.Mutex
	type job struct {
		l *localeSet
		p *Page
	}
	var jobs []job
	for _, l := range b.locales {
		for _, p := range l.Pages {
			if cacheable(p) && p.rendered && (p.cached != nil || p.rec != nil) {
				jobs = append(jobs, job{l, p})
			}
		}
	}
	b.parallel(len(jobs), func(_, i int) {
		l, p := jobs[i].l, jobs[i].p
		c := p.cached
		if c == nil {
			c = b.cacheEntry(l, p)
		}
		mu.Lock()
		pc.pages[cacheKey(l.Locale.Code, p.Rel)] = c
		mu.Unlock()
	})
	// Entries the previous cache had are kept as they were; this build's
	// are spelled out shard by shard as the shards are encoded (all spelled
	// out at once, every one was held until the last shard was written:
	// on a 20,000-page docset, more than the index itself).
	fresh := map[[32]byte]*search.Entry{}
	for _, c := range pc.pages {
		for _, d := range c.Docs {
			if _, ok := pc.entries[d.Entry]; !d.Indexed || ok || fresh[d.Entry] != nil {
				continue
			}
			if st, ok := b.prevEntry(d.Entry); ok {
				pc.entries[d.Entry] = st
				continue
			}
			if b.search == nil {
				continue
			}
			if v, ok := b.search.entries.Load(d.Entry); ok {
				fresh[d.Entry] = v.(*search.Entry)
			} // else its pages render next time
		}
	}
	if err := b.saveShards(out, pc, fresh); err != nil {
		return err
	}
	if err := b.savePageShards(out, pc); err != nil {
		return err
	}
	b.incs.m.Range(func(k, v any) bool {
		ent := v.(*incEntry)
		ent.mu.Lock()
		defer ent.mu.Unlock()
		switch {
		case ent.parsed:
			pc.Incs = append(pc.Incs, cachedInclude{Abs: k.(string), Sum: ent.sum, Diags: ent.diags})
		case ent.hasCached:
			pc.Incs = append(pc.Incs, cachedInclude{Abs: k.(string), Sum: ent.cachedSum, Diags: ent.cached})
		}
		return true
	})
	sort.Slice(pc.Incs, func(i, j int) bool { return pc.Incs[i].Abs < pc.Incs[j].Abs })
	pc.Front = encodeFront(b.frontEntries())
	data, err := seal(cacheHeader, pc)
	if err != nil {
		return err
	}
	return out.Write(cacheName, data)
}

// cacheEntry makes the cache entry of a page rendered by this build.
func (b *builder) cacheEntry(l *localeSet, p *Page) *cachedPage {
	c := &cachedPage{Src: b.srcKey(l, p), Title: p.Title, Own: p.ownHeadings, Anchors: sortedKeys(p.anchors),
		ParseDiags: b.led.get(ownerParse(l.Locale.Code, p.Rel)), RenderDiags: b.led.get(ownerRender(l.Locale.Code, p.Rel)),
		Docs: p.rec.docs}
	if p.Doc != nil {
		c.Headings = p.Doc.Headings
	}
	b.mu.Lock()
	deps := b.deps[depPage(l.Locale.Code, p.Rel)]
	b.mu.Unlock()
	files := map[string]bool{}
	for d := range p.rec.files {
		files[d] = true
	}
	for _, d := range sortedKeys(deps) {
		c.DepKeys = append(c.DepKeys, d)
		if strings.HasPrefix(d, "page:") {
			c.Deps = append(c.Deps, pageSum{d, b.depExports(d)})
		} else {
			files[d] = true
		}
	}
	for _, f := range sortedKeys(files) {
		c.Files = append(c.Files, fileSum{f, b.fileSum(f)})
	}
	for _, abs := range sortedKeys(p.rec.incVia) {
		c.IncVia = append(c.IncVia, incVia{abs, p.rec.incVia[abs]})
	}
	return c
}

func (b *builder) prevEntry(key [32]byte) (search.Stored, bool) {
	if b.pcache == nil {
		return search.Stored{}, false
	}
	st, ok := b.pcache.entries[key]
	return st, ok
}

// saveShards writes the entry shards of pc, with the entries of this build
// (fresh) spelled out: a shard with the same keys as the previous cache's
// is linked from the previous site.
func (b *builder) saveShards(out *output.Dir, pc *pageCache, fresh map[[32]byte]*search.Entry) error {
	keys := make([][][32]byte, entryShards)
	for k := range pc.entries {
		keys[shardOf(k)] = append(keys[shardOf(k)], k)
	}
	for k := range fresh {
		keys[shardOf(k)] = append(keys[shardOf(k)], k)
	}
	pc.Shards = make([]entryShard, entryShards)
	errs := make([]error, entryShards)
	bufs := make([][]byte, b.workers()) // see sealInto
	b.parallel(entryShards, func(w, i int) {
		ks := keys[i]
		sort.Slice(ks, func(x, y int) bool { return bytes.Compare(ks[x][:], ks[y][:]) < 0 })
		if b.pcache != nil && len(b.pcache.Shards) == entryShards {
			if old := b.pcache.Shards[i]; sameKeys(old.Keys, ks) && out.Keep(shardName(i), old.Hash, old.Size) {
				pc.Shards[i] = old
				return
			}
		}
		// The same bytes as sealed(shardHeader, encodeEntries(...)); each
		// fresh entry is spelled out only while it is encoded.
		data := sealInto(bufs[w], shardHeader, func(e *encoder) {
			e.uint(uint64(len(ks)))
			for _, k := range ks {
				if fe := fresh[k]; fe != nil {
					st := fe.Store()
					e.shardEntry(k, &st)
				} else {
					st := pc.entries[k]
					e.shardEntry(k, &st)
				}
			}
		})
		h := output.Sum(data)
		errs[i] = out.WriteSummed(shardName(i), data, h)
		bufs[w] = data // written: Dir.Write keeps no reference to it
		pc.Shards[i] = entryShard{Keys: ks, Hash: h, Size: int64(len(data))}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func sameKeys(a, b [][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// savePageShards writes the page entries of pc by shard: a shard whose
// entries are all the previous cache's is linked from the previous site.
func (b *builder) savePageShards(out *output.Dir, pc *pageCache) error {
	keys := make([][]string, pageShards)
	for k := range pc.pages {
		keys[pageShardOf(k)] = append(keys[pageShardOf(k)], k)
	}
	pc.PageShards = make([]pageShard, pageShards)
	errs := make([]error, pageShards)
	bufs := make([][]byte, b.workers()) // see sealInto
	b.parallel(pageShards, func(w, i int) {
		ks := keys[i]
		sort.Strings(ks)
		if prev := b.pcache; prev != nil && len(prev.PageShards) == pageShards {
			old := prev.PageShards[i]
			same := len(old.Keys) == len(ks)
			for j := 0; same && j < len(ks); j++ {
				same = old.Keys[j] == ks[j] && prev.pages[ks[j]] == pc.pages[ks[j]]
			}
			if same && out.Keep(pageShardName(i), old.Hash, old.Size) {
				pc.PageShards[i] = old
				return
			}
		}
		// The same bytes as sealed(pageShardHeader, encodePages(...)).
		data := sealInto(bufs[w], pageShardHeader, func(e *encoder) {
			e.uint(uint64(len(ks)))
			for _, k := range ks {
				e.shardPage(k, pc.pages[k])
			}
		})
		h := output.Sum(data)
		errs[i] = out.WriteSummed(pageShardName(i), data, h)
		bufs[w] = data
		pc.PageShards[i] = pageShard{Keys: ks, Hash: h, Size: int64(len(data))}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
