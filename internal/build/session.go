package build

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/meta"
)

// Session is a build kept in memory for docloom serve: after the first
// full build, Update redoes only what a change touches. A page edit
// re-parses that page and re-renders it (in each of its clouds) and the
// pages whose output depends on it; an include edit re-renders the pages
// that include it; a TOC edit re-renders its locale; configuration,
// layouts and static assets rebuild everything.
type Session struct {
	mu  sync.Mutex
	b   *builder
	mem *memSink
	// dirty are pages rendered by a failed update, whose output was thrown
	// away: the next update renders them again.
	dirty []renderJob
	// revived are the outputs of pages re-rendered because a file they
	// linked to appeared: they reload even when their bytes are the same
	// (the image now loads, the warning is gone).
	revived []string
	// relaid are the documents an update left to lay out again from their
	// kept bodies (relayout.go), and relaidJobs their pages, which a failed
	// update leaves to render.
	relaid     []string
	relaidJobs []renderJob
	// lazy guards stale (documents to lay out before they are served),
	// draining and settled (the background goroutine laying them out).
	lazy     sync.Mutex
	stale    map[string]bool
	draining bool
	settled  chan struct{}
	// first is closed when the first build of OpenAsync has ended; until
	// then Lookup answers from what it has written (early).
	first chan struct{}
	early *earlyOutputs
}

// Changes says what an update changed in the output.
type Changes struct {
	Full   bool     // everything was rebuilt
	Pages  []string // output paths of HTML documents added, changed or removed
	Assets []string // other output paths added, changed or removed
	// NewAssets are the Assets that did not exist before (a new image):
	// only the pages that link to them need a reload, and they are in Pages.
	NewAssets []string
	CSSOnly   bool // only stylesheets changed
	Rendered  int  // documents rendered by the update
}

// Open runs a full build into memory; opts.Out is ignored.
func Open(opts Options) (*Session, *Result) {
	start := time.Now()
	mem := newMemSink()
	b := &builder{opts: opts, sink: mem, bodies: map[string]*keptBody{}}
	b.full()
	res := b.result(start)
	mem.commit(b.written())
	return &Session{b: b, mem: mem}, res
}

// OpenAsync starts the first full build into memory and returns at once;
// wait blocks until the build has ended and returns its result. Lookup
// answers during the build (early.go): a page asked for is rendered next,
// and other files are served as soon as they are written.
func OpenAsync(opts Options) (s *Session, wait func() *Result) {
	start := time.Now()
	mem := newMemSink()
	early := newEarlyOutputs()
	b := &builder{opts: opts, sink: mem, bodies: map[string]*keptBody{}, early: early}
	s = &Session{b: b, mem: mem, first: make(chan struct{}), early: early}
	var res *Result
	s.mu.Lock() // Update and the other accessors wait for the first build
	go func() {
		defer close(s.first)
		defer s.mu.Unlock()
		b.full()
		res = b.result(start)
		mem.commit(b.written())
		b.early = nil
	}()
	return s, func() *Result {
		<-s.first
		return res
	}
}

// lookupEarly answers a lookup during OpenAsync's first build. answered is
// false when the build ended before it could answer: the caller looks the
// path up as usual.
func (s *Session) lookupEarly(rel string) (data []byte, ok, answered bool) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	asked := false
	for {
		if d, ok := s.mem.staged(rel); ok {
			return d, true, true
		}
		if !asked {
			switch s.early.ask(rel) {
			case earlyNotAFile:
				return nil, false, true
			case earlyQueued:
				asked = true
			}
		}
		select {
		case <-s.first:
			return nil, false, false
		case <-tick.C:
		}
	}
}

// Lookup returns an output file's bytes by its output path.
// A document a TOC edit left to lay out again is laid out first.
func (s *Session) Lookup(rel string) ([]byte, bool) {
	clean := path.Clean("/" + rel)[1:]
	if s.first != nil {
		select {
		case <-s.first:
		default:
			if d, ok, answered := s.lookupEarly(clean); answered {
				return d, ok
			}
		}
	}
	s.lazy.Lock()
	stale := s.stale[clean]
	s.lazy.Unlock()
	if stale {
		s.mu.Lock()
		s.layOut(clean)
		s.mu.Unlock()
	}
	return s.mem.get(clean)
}

// Site is the site's configuration (nil when it could not be read).
func (s *Session) Site() *config.Site {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.site
}

// Roots are the folders to watch recursively: the site folder (for
// docloom.yaml), layouts/, static/ and every locale's folder.
func (s *Session) Roots() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	root, _ := filepath.Abs(s.b.opts.Site)
	set := map[string]bool{root: true}
	if s.b.site != nil {
		for _, l := range s.b.site.Locales {
			set[l.Path] = true
		}
	}
	var out []string
	for r := range set {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Update rebuilds after the given files changed (absolute paths of files
// created, written, removed or renamed). When the rebuild fails, the last
// good output stays in place and the Result holds the diagnostics.
func (s *Session) Update(paths []string) (*Result, *Changes) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	b := s.b
	b.files = nil
	ch := &Changes{}
	plan := s.plan(paths)
	s.relaid, s.relaidJobs = nil, nil
	switch {
	case plan.none:
		return b.result(start), ch
	case plan.full:
		ch.Full = true
		s.lazy.Lock()
		s.stale = nil // everything is rendered again
		s.lazy.Unlock()
		b.full()
		ch.Rendered = b.outputs
	default:
		ch.Rendered = s.incremental(plan)
	}
	res := b.result(start)
	if res.Failed(b.opts.Strict) {
		s.mem.discard()
		s.dirty = append(s.dirty, s.relaidJobs...)
		return res, ch
	}
	s.dirty = nil
	written := b.written()
	if ch.Full {
		// Whatever the full build did not write is gone from the site.
		s.mem.removeExcept(written)
	}
	for _, rel := range plan.removedOutputs {
		s.mem.remove(rel)
	}
	if b.search != nil {
		for _, rel := range b.search.obsolete {
			s.mem.remove(rel)
		}
		b.search.obsolete = nil
	}
	changed, added := s.mem.commit(written)
	inPages := map[string]bool{}
	for _, rel := range changed {
		if strings.HasSuffix(rel, ".html") {
			ch.Pages = append(ch.Pages, rel)
			inPages[rel] = true
		} else {
			ch.Assets = append(ch.Assets, rel)
			if added[rel] {
				ch.NewAssets = append(ch.NewAssets, rel)
			}
		}
	}
	for _, rel := range append(s.revived, s.relaid...) {
		if !inPages[rel] {
			ch.Pages = append(ch.Pages, rel)
			inPages[rel] = true
		}
	}
	s.markStale(s.relaid)
	sort.Strings(ch.Pages)
	ch.CSSOnly = plan.cssOnly && len(ch.Assets) > 0
	return res, ch
}

// updatePlan is what a set of changed files asks for.
type updatePlan struct {
	none, full, cssOnly bool
	locales             map[*localeSet][]string // changed paths, relative to each locale folder
	removedOutputs      []string
}

func (s *Session) plan(paths []string) *updatePlan {
	b := s.b
	p := &updatePlan{locales: map[*localeSet][]string{}, cssOnly: true}
	if b.site == nil {
		p.full = true
		return p
	}
	root := b.site.Root
	relevant := false
	for _, abs := range paths {
		abs, _ = filepath.Abs(abs)
		base := filepath.Base(abs)
		rel, err := filepath.Rel(root, abs)
		inRoot := err == nil && !strings.HasPrefix(rel, "..")
		rel = filepath.ToSlash(rel)
		switch {
		case inRoot && (rel == config.FileName || strings.HasPrefix(rel, "layouts/")):
			p.full, p.cssOnly, relevant = true, false, true
			continue
		case inRoot && strings.HasPrefix(rel, "static/"):
			p.full, relevant = true, true
			if !strings.HasSuffix(rel, ".css") {
				p.cssOnly = false
			}
			continue
		case base == "docfx.json" || strings.HasPrefix(base, ".openpublishing."):
			p.full, p.cssOnly, relevant = true, false, true
			continue
		}
		for _, l := range b.locales {
			lr, err := filepath.Rel(l.Locale.Path, abs)
			if err != nil || strings.HasPrefix(lr, "..") {
				continue
			}
			lr = filepath.ToSlash(lr)
			if strings.HasPrefix(lr, "public/") || strings.Contains("/"+lr, "/.") {
				continue // output and hidden files are not content
			}
			p.locales[l] = append(p.locales[l], lr)
			p.cssOnly = false
			relevant = true
		}
	}
	p.none = !relevant
	return p
}

// incremental redoes the parts of the build the plan names and returns how
// many documents it rendered.
func (s *Session) incremental(p *updatePlan) int {
	b := s.b
	jobs := map[string]renderJob{}
	add := func(l *localeSet, pg *Page) { jobs[depPage(l.Locale.Code, pg.Rel)] = renderJob{l, pg} }
	created := false // a file appeared: pages with a broken link may now resolve it
	s.revived = nil
	changedDeps := map[string]bool{}
	edited := map[string]bool{} // pages whose file changed
	pageSetChanged, navChanged, supportChanged, dataChanged := false, false, false, false
	for l, rels := range p.locales {
		old := l.Docset
		set := old
		if !old.Unchanged(rels) {
			var ds []diag.Diagnostic
			set, ds = docset.Discover(b.site, l.Locale)
			b.led.reset(ownerStage("docset:" + l.Locale.Code))
			b.led.add(ownerStage("docset:"+l.Locale.Code), ds...)
			l.Docset = set
		}
		for _, rel := range rels {
			abs := filepath.Join(l.Locale.Path, filepath.FromSlash(rel))
			if strings.Contains("/"+rel, "/support/") || strings.Contains("/"+rel, "/includes/") {
				supportChanged = true
			}
			nf, _ := set.Files[rel]
			of, _ := old.Files[rel]
			// Any file may be a code sample of :::code (pages depend on it by path).
			b.codes.forget(abs)
			changedDeps[abs] = true
			created = created || (nf != nil && of == nil)
			switch {
			case (nf != nil && (nf.Kind == docset.TOC || nf.Kind == docset.Data)) || (of != nil && (of.Kind == docset.TOC || of.Kind == docset.Data)):
				navChanged = true
				// Data files (zone pivot groups) shape bodies; TOCs only
				// the page chrome.
				dataChanged = dataChanged || (nf != nil && nf.Kind == docset.Data) || (of != nil && of.Kind == docset.Data)
			case nf != nil && (nf.Kind == docset.Page || nf.Kind == docset.Landing):
				before := l.own[rel]
				pg := b.parsePage(l, nf)
				if pg != nil {
					l.own[rel] = pg
				}
				if of == nil {
					pageSetChanged = true
				}
				edited[depPage(l.Locale.Code, rel)] = true
				// The pages that link to it are rendered again only when
				// what they read of it changed (title, headings, clouds,
				// front matter), not for an edit of its text.
				if pg == nil || before == nil || visibleSum(before) != visibleSum(pg) {
					changedDeps[depPage(l.Locale.Code, rel)] = true
				}
			case of != nil && (of.Kind == docset.Page || of.Kind == docset.Landing):
				delete(l.own, rel)
				b.searchForget(l.Locale.Code, rel)
				b.led.reset(ownerParse(l.Locale.Code, rel))
				b.led.reset(ownerRender(l.Locale.Code, rel))
				pageSetChanged = true
				changedDeps[depPage(l.Locale.Code, rel)] = true
				for _, m := range b.site.Monikers.All().Indices() {
					p.removedOutputs = append(p.removedOutputs, b.pageOutput(l.Locale.Code, b.site.Monikers.Moniker(m).Name, rel))
				}
			case nf != nil && nf.Kind == docset.Include, of != nil && of.Kind == docset.Include:
				b.incs.m.Delete(abs)
				b.led.reset(ownerInclude(abs))
				changedDeps[abs] = true
			case nf != nil && nf.Kind == docset.Resource:
				b.copyFile(l.Locale.Code+"/"+lowerPath(nf.Pub), nf.Abs)
			case of != nil && of.Kind == docset.Resource:
				p.removedOutputs = append(p.removedOutputs, l.Locale.Code+"/"+lowerPath(of.Pub))
			}
		}
	}
	for _, l := range b.locales {
		b.led.reset(ownerStage("index:" + l.Locale.Code))
		l.index(b)
		b.loadPivotGroups(l)
	}
	b.addFallbacks()
	b.indexURLs()
	if navChanged || pageSetChanged {
		b.loadNav()
	}
	b.sidebars = nil // page titles, clouds or TOCs may have changed
	if supportChanged {
		b.supportDirectories()
	}
	// What to render: every page of a locale whose navigation or page set
	// changed; otherwise the changed pages (and their fallback copies) and
	// the pages whose output depended on a changed file.
	// A TOC edit alone leaves the pages' bodies as they were: their
	// documents are laid out again from the kept bodies, lazily (relayout.go).
	chromeOnly := navChanged && !dataChanged && !pageSetChanged && !created && !supportChanged
	depChanged := func(key string) bool {
		for d := range b.deps[key] {
			if changedDeps[d] {
				return true
			}
		}
		return false
	}
	type navKey struct {
		l   *localeSet
		m   int
		toc any
	}
	navs := map[navKey]bool{}
	for _, l := range b.locales {
		_, touched := p.locales[l]
		for _, pg := range l.Pages {
			key := depPage(l.Locale.Code, pg.Rel)
			switch {
			case created && b.led.has(ownerRender(l.Locale.Code, pg.Rel), "file-not-found"):
				add(l, pg)
				for _, m := range pg.Monikers.Indices() {
					s.revived = append(s.revived, b.pageOutput(l.Locale.Code, b.site.Monikers.Moniker(m).Name, pg.Rel))
				}
			case changedDeps[key] || edited[key] || depChanged(key) ||
				(pg.Fallback && (changedDeps[depPage(b.site.DefaultLocale, pg.Rel)] || edited[depPage(b.site.DefaultLocale, pg.Rel)])):
				add(l, pg)
			case (navChanged || pageSetChanged) && (touched || pg.Fallback):
				if !chromeOnly || !b.canRelayout(l, pg) {
					add(l, pg)
					break
				}
				s.relaidJobs = append(s.relaidJobs, renderJob{l, pg})
				for _, m := range pg.Monikers.Indices() {
					s.relaid = append(s.relaid, b.pageOutput(l.Locale.Code, b.site.Monikers.Moniker(m).Name, pg.Rel))
					// The shared TOC files are written now, not when the
					// first page that links them is laid out.
					toc := l.nav.TOCFor(pg.Rel)
					if toc == nil {
						toc = b.referenceTOC(l, pg, m)
					}
					if k := (navKey{l, m, toc}); !navs[k] {
						navs[k] = true
						b.navFor(l, m, toc)
					}
				}
			}
		}
	}
	for _, j := range s.dirty {
		if cur, ok := j.l.byRel[j.p.Rel]; ok {
			add(j.l, cur)
		}
	}
	// Documents left to lay out are part of the site as written (sitemaps
	// list what was written).
	b.mu.Lock()
	if b.files == nil {
		b.files = map[string]bool{}
	}
	for _, rel := range s.relaid {
		b.files[rel] = true
	}
	b.mu.Unlock()
	list := make([]renderJob, 0, len(jobs))
	for _, j := range jobs {
		list = append(list, j)
	}
	s.dirty = list
	n := b.renderIncremental(list)
	b.reportIncludes()
	b.writeSearch()
	if pageSetChanged || (navChanged && !chromeOnly) {
		// Sitemaps, 404 pages and redirects list pages: rewrite them (the
		// memory sink keeps only what changed). A TOC does not change them.
		b.writeSiteFiles()
	}
	return n
}

// memSink keeps the output in memory. Writes are staged until commit, so a
// failed update can be thrown away and the last good site keeps serving.
type memSink struct {
	mu      sync.RWMutex
	files   map[string][]byte
	pending map[string][]byte // nil value: removal
}

func newMemSink() *memSink {
	return &memSink{files: map[string][]byte{}, pending: map[string][]byte{}}
}

func (m *memSink) Write(rel string, data []byte) error {
	packed := pack(data) // outside the lock: workers compress in parallel
	m.mu.Lock()
	m.pending[rel] = packed
	m.mu.Unlock()
	return nil
}

// The memory sink keeps files deflated: a served site is mostly HTML,
// which shrinks about sixfold, and keeping a 1,700-page docset's 190 MB of
// output raw made a serve session use more than twice a build's memory.
// The first byte says how the rest is stored; equal files pack to equal
// bytes, so commit still compares them.
const (
	packRaw     = 0
	packDeflate = 1
	packMin     = 1024 // smaller files are kept as they are
)

var deflaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

func pack(data []byte) []byte {
	if len(data) < packMin {
		return append([]byte{packRaw}, data...)
	}
	var buf bytes.Buffer
	buf.Grow(len(data)/4 + 16)
	buf.WriteByte(packDeflate)
	w := deflaters.Get().(*flate.Writer)
	w.Reset(&buf)
	w.Write(data)
	w.Close()
	deflaters.Put(w)
	return bytes.Clone(buf.Bytes())
}

func unpack(packed []byte) []byte {
	if len(packed) == 0 || packed[0] == packRaw {
		if len(packed) == 0 {
			return nil
		}
		return packed[1:]
	}
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(packed[1:])))
	if err != nil {
		return nil
	}
	return data
}

func (m *memSink) Copy(rel, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return m.Write(rel, data)
}

func (m *memSink) get(rel string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	d, ok := m.files[path.Clean("/" + rel)[1:]]
	if !ok {
		return nil, false
	}
	return unpack(d), true
}

// staged returns a file as the next commit leaves it.
func (m *memSink) staged(rel string) ([]byte, bool) {
	m.mu.RLock()
	d, ok := m.pending[rel]
	if !ok {
		d, ok = m.files[rel]
	}
	m.mu.RUnlock()
	if !ok || d == nil {
		return nil, false
	}
	return unpack(d), true
}

// has reports whether rel is in the site as the next commit leaves it.
func (m *memSink) has(rel string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if d, ok := m.pending[rel]; ok {
		return d != nil
	}
	_, ok := m.files[rel]
	return ok
}

func (m *memSink) remove(rel string) {
	m.mu.Lock()
	if _, ok := m.files[rel]; ok {
		m.pending[rel] = nil
	}
	m.mu.Unlock()
}

func (m *memSink) removeExcept(keep []string) {
	k := map[string]bool{}
	for _, r := range keep {
		k[r] = true
	}
	m.mu.Lock()
	for rel := range m.files {
		if !k[rel] {
			m.pending[rel] = nil
		}
	}
	m.mu.Unlock()
}

func (m *memSink) discard() {
	m.mu.Lock()
	m.pending = map[string][]byte{}
	m.mu.Unlock()
}

// commit applies staged writes and returns the paths whose bytes changed,
// and which of them are new.
func (m *memSink) commit(_ []string) ([]string, map[string]bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var changed []string
	added := map[string]bool{}
	for rel, data := range m.pending {
		old, had := m.files[rel]
		switch {
		case data == nil:
			if had {
				delete(m.files, rel)
				changed = append(changed, rel)
			}
		case !had || !bytes.Equal(old, data):
			m.files[rel] = data
			changed = append(changed, rel)
			added[rel] = !had
		}
	}
	m.pending = map[string][]byte{}
	sort.Strings(changed)
	return changed, added
}

// renderIncremental renders an update's pages. In a streamed session it
// works as the first build does: each worker parses again a page whose
// tree was released, renders it and releases the tree, so that a TOC edit
// (its whole locale re-rendered) never holds every tree at once, and a long
// session does not grow to them. Landing pages and fallback copies (whose
// originals are shared) are parsed first and rendered after.
func (b *builder) renderIncremental(list []renderJob) int {
	if !b.streaming() {
		b.reparse(list)
		for _, j := range list {
			if !j.p.Fallback {
				b.includeHeadings(j.l, j.p) // an edited include may have new headings
			}
		}
		return b.renderJobs(list)
	}
	var direct, rest []renderJob
	for _, j := range list {
		if j.p.Fallback || j.p.Landing {
			rest = append(rest, j)
		} else {
			direct = append(direct, j)
		}
	}
	release := func(p *Page) {
		if d := p.Doc; d != nil && !p.keepAST {
			d.Release()
		}
	}
	w := b.workers()
	states := make([]*dialect.State, w)
	renderers := make([]*dialect.Renderer, w)
	counts := make([]int, w)
	for i := range states {
		states[i] = &dialect.State{}
		renderers[i] = b.dialect.NewRenderer(states[i])
	}
	b.bookmarks = &deferred{}
	b.parallel(len(direct), func(worker, i int) {
		j := direct[i]
		if j.p.Doc != nil && j.p.Doc.AST == nil {
			b.reloadBody(j.l, j.p) // parseBody also collects include headings
		} else {
			b.includeHeadings(j.l, j.p) // an edited include may have new headings
		}
		if j.p.Doc == nil {
			return
		}
		counts[worker] += b.renderPage(states[worker], renderers[worker], j)
		release(j.p)
	})
	b.checkDeferred()
	b.reparse(rest)
	for _, j := range rest {
		if !j.p.Fallback {
			b.includeHeadings(j.l, j.p)
		}
	}
	n := b.renderJobs(rest)
	for _, j := range rest {
		release(j.p)
	}
	for _, c := range counts {
		n += c
	}
	return n
}

// reloadBody parses again the body of a page whose tree was released; its
// front matter (clouds, title, uid), which other pages read meanwhile, is
// left as it is: the file has not changed since.
func (b *builder) reloadBody(l *localeSet, p *Page) {
	src, err := docset.ReadFile(p.File.Abs)
	if err != nil {
		return
	}
	split, _ := meta.Split(l.Docset.Display(p.Rel), src)
	p.pending = &split
	b.parseBody(l, p)
}

// visibleSum hashes what other pages' output reads of a page: its exports
// (exportSum), front matter, kind and redirect.
func visibleSum(p *Page) [32]byte {
	h := sha256.New()
	e := exportSum(p)
	h.Write(e[:])
	fmt.Fprintf(h, "%v %q %q\n", p.Landing, redirectURL(p), p.Rel)
	hashValue(h, p.Meta)
	var k [32]byte
	h.Sum(k[:0])
	return k
}
