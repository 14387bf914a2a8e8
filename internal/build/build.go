// Package build runs the pipeline: config -> docset discovery -> parse ->
// render per locale and cloud -> write. Pages are parsed once and rendered
// once per cloud they apply to, in parallel across cores.
package build

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/docloom/docloom/internal/assets"
	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/gitlog"
	"github.com/docloom/docloom/internal/moniker"
	"github.com/docloom/docloom/internal/nav"
	"github.com/docloom/docloom/internal/output"
	"github.com/docloom/docloom/internal/render"
)

// Options say what to build.
type Options struct {
	Site    string // site folder (docloom.yaml or a DocFX docset)
	Out     string // output folder; "" with NoWrite
	Strict  bool   // warnings fail the build
	NoWrite bool   // check only: render everything, write nothing
	Workers int    // 0: one per core
	// BaseURL overrides the configuration's baseURL (--base-url).
	BaseURL string
	// NoSearch writes no site search index (benchmarks measure its cost).
	NoSearch bool
}

// Result is what a build did.
type Result struct {
	Site     *config.Site
	Pages    int // source pages over all locales
	Outputs  int // HTML documents written (page x locale x cloud)
	Locales  int
	Monikers int
	Diags    []diag.Diagnostic
	Errors   int
	Warnings int
	Elapsed  time.Duration
	// Files is every output file's relative path (for serve and tests).
	Files []string
	// Written is how many files a build wrote or copied into its output
	// folder; Unchanged how many it kept from the previous site (same bytes,
	// or a resource whose source did not change).
	Written, Unchanged int
	// Reused is how many pages the page cache gave as they were, neither
	// parsed nor rendered (see pagecache.go).
	Reused int
	// frontReused is how many pages' front matter came from the page
	// cache (frontRestore), and pagesRead how many times a page's file
	// was read, for tests.
	frontReused, pagesRead int
	// UpToDate: nothing changed since the build that made the output, which
	// was kept as it is (see fingerprint).
	UpToDate bool
}

// Failed reports whether the build must be treated as failed.
func (r *Result) Failed(strict bool) bool {
	return r.Errors > 0 || (strict && r.Warnings > 0)
}

// Summary is the one-line report printed after the diagnostics.
func (r *Result) Summary() string {
	files := ""
	switch {
	case r.UpToDate:
		files = " (up to date: no input changed since the last build)"
	case r.Written+r.Unchanged > 0:
		files = fmt.Sprintf(" (%d files written, %d unchanged)", r.Written, r.Unchanged)
	}
	if r.Reused > 0 && !r.UpToDate {
		files = strings.TrimSuffix(files, ")") + fmt.Sprintf("; %d pages unchanged, not rendered)", r.Reused)
	}
	return fmt.Sprintf("%d pages, %d locales, %d monikers, %d documents, %d warnings, %d errors, %s%s",
		r.Pages, r.Locales, r.Monikers, r.Outputs, r.Warnings, r.Errors, r.Elapsed.Round(time.Millisecond), files)
}

// Run builds the site. The output folder is replaced only when the build
// succeeds; otherwise the previous site stays as it was.
func Run(opts Options) *Result {
	start := time.Now()
	b := &builder{opts: opts}
	var out *output.Dir
	key := ""
	if !opts.NoWrite {
		key, b.inputs = fingerprint(opts)
		if res, ok := upToDate(opts, key, start); ok {
			output.RemoveLeftovers(opts.Out)
			return res
		}
		var err error
		if out, err = output.Begin(opts.Out); err != nil {
			b.led.addf(ownerStage("output"), diag.Pos{File: opts.Out}, diag.Error, "output-failed", "%v", err)
			return b.result(start)
		}
		b.sink = out
		// The previous page cache is read while the configuration,
		// layouts, git history and docset are loaded (awaitCache).
		loaded := make(chan *pageCache, 1)
		go func() { loaded <- loadPageCache(out.Previous(cacheName), out.Previous) }()
		b.cacheLoad = loaded
		b.recording = true
	}
	b.full()
	b.awaitCache()
	res := b.result(start)
	if out != nil {
		if res.Failed(opts.Strict) || b.site == nil {
			b.pageCacheSaved(nil)
			out.Abort()
		} else if err := b.pageCacheSaved(out); err != nil {
			out.Abort()
			b.led.addf(ownerStage("output"), diag.Pos{File: opts.Out}, diag.Error, "output-failed", "%v", err)
			return b.result(start)
		} else if err := saveState(out, key, res); err != nil {
			out.Abort()
			b.led.addf(ownerStage("output"), diag.Pos{File: opts.Out}, diag.Error, "output-failed", "%v", err)
			return b.result(start)
		} else if err := out.Commit(); err != nil {
			b.led.addf(ownerStage("output"), diag.Pos{File: opts.Out}, diag.Error, "output-failed", "%v", err)
			return b.result(start)
		} else {
			written, linked, copied := out.Stats()
			res.Written, res.Unchanged = written+copied, linked
			res.Elapsed = time.Since(start)
		}
	}
	return res
}

// testHookStage, when set by a test, is called as a build reaches a stage:
// "layouts read", "indexed" (each time reindex is done), "pages rendered".
var testHookStage func(stage string)

// awaitCache sets pcache from the load Run started, once it is done.
func (b *builder) awaitCache() {
	if b.cacheLoad != nil {
		b.pcache = <-b.cacheLoad
		b.cacheLoad = nil
	}
}

// sink receives output files: a folder on disk for build, memory for serve.
type sink interface {
	Write(rel string, data []byte) error
	Copy(rel, src string) error
}

// full runs every stage. It is the whole of a one-shot build and the first
// (and any configuration-changing) build of a serve session.
func (b *builder) full() {
	b.led = ledger{}
	b.baseOnce = sync.Once{}
	b.deps = map[string]map[string]bool{}
	b.incs = includeCache{}
	b.codes = codeCache{}
	b.files = nil
	b.search = nil
	b.sums = &sync.Map{}
	b.fixed = &sync.Map{}
	b.pageStats = nil
	if b.bodies != nil {
		b.bodies = map[string]*keptBody{}
	}
	b.reused.Store(0)
	b.frontReused.Store(0)
	b.pagesRead.Store(0)
	b.staticDone = false
	if !b.opts.NoWrite && !b.opts.NoSearch {
		b.search = newSearchState()
	}
	site, ds := config.Load(b.opts.Site)
	b.led.add(ownerStage("config"), ds...)
	b.site = site
	if site == nil {
		return
	}
	b.siteChrome()
	b.dialect = dialect.New(site.Monikers)
	layouts, ds := render.Load(site.Root)
	b.led.add(ownerStage("layouts"), ds...)
	b.layouts = layouts
	if testHookStage != nil {
		testHookStage("layouts read")
	}
	// The script and style bundle is made while the docset is read (it
	// writes and removes a work folder, which waits on the disk); pages
	// name its files, so rendering waits for it.
	b.bundle = nil
	bundled := make(chan struct{})
	go func() {
		defer close(bundled)
		b.guard(func() {
			bundle, ds := assets.Build(site.Root)
			b.led.add(ownerStage("assets"), ds...)
			b.bundle = bundle
			b.pageAssets = b.assetLinks()
		})
	}()
	defer func() { <-bundled }()
	b.locales = nil
	for _, loc := range site.Locales {
		set, ds := docset.Discover(site, loc)
		b.led.add(ownerStage("docset:"+loc.Code), ds...)
		b.locales = append(b.locales, &localeSet{Locale: loc, Docset: set, own: map[string]*Page{}})
	}
	b.awaitCache()
	streamed := 0
	if b.streaming() && !layouts.Missing() {
		if b.recording || b.pcache != nil {
			b.env = b.envKey() // readAll takes unchanged front matter from the cache
			if b.pcache != nil && b.racyStale(b.pcache) {
				b.pcache = nil
			}
		}
		b.inputs = nil
		b.readAll()
		b.reindex() // lookups and navigation for rendering while parsing
		if b.recording || b.pcache != nil {
			b.global = b.globalKey()
		}
		<-bundled
		b.supportDirectories()
		if b.early != nil {
			// What a page being previewed loads before the pages are
			// rendered: stylesheets, scripts, images, the site's root.
			b.writeStatic()
			b.writeRedirectPages()
			b.staticDone = true
		}
		titles := b.indexedTitles()
		streamed = b.parseAndRender()
		if b.indexChanged(titles) {
			b.reindex()
		} else {
			b.sidebars = nil // as reindex leaves them
		}
	} else {
		b.parseAll()
		b.reindex()
		if layouts.Missing() {
			return
		}
		<-bundled
		b.supportDirectories()
	}
	b.outputs = streamed + b.renderAll()
	if testHookStage != nil {
		testHookStage("pages rendered")
	}
	b.reportIncludes()
	// The page cache is saved while the index and the site files are
	// written: it holds only what rendering recorded, and each of them
	// waits on the disk more than it uses the CPU.
	b.startPageCache()
	// The search index is laid out while the static and site files are
	// written, which wait on the disk more than they use the CPU.
	searchDone := make(chan struct{})
	go func() {
		defer close(searchDone)
		b.guard(b.writeSearch)
	}()
	if !b.staticDone {
		b.writeStatic()
	}
	b.writeSiteFiles()
	<-searchDone
	b.writeSearchPages()
	if q, ok := b.sink.(queuer); ok {
		if err := q.Wait(); err != nil {
			b.led.addf(ownerStage("output"), diag.Pos{File: b.opts.Out}, diag.Error, "output-failed", "%v", err)
		}
	}
}

// reindex rebuilds each locale's page list, lookups, fallbacks and
// navigation from its parsed pages.
func (b *builder) reindex() {
	b.indexPubs()
	for _, l := range b.locales {
		b.led.reset(ownerStage("index:" + l.Locale.Code))
		l.index(b)
		b.loadPivotGroups(l)
	}
	b.addFallbacks()
	for _, l := range b.locales {
		l.indexURLPages(b)
		// What a TOC entry without a name is called (navName): read
		// while other pages are parsed, so not from the pages themselves.
		l.navTitles = make(map[string]string, len(l.byRel))
		for rel, p := range l.byRel {
			l.navTitles[rel] = p.Title
		}
	}
	b.findHome()
	b.indexURLs()
	b.loadNav()
	b.sidebars = nil
	if testHookStage != nil {
		testHookStage("indexed")
	}
}

// indexedTitles are the titles of the pages reindex saw, locale by locale
// in page order: what reindex reads of a page that parsing may change (a
// page without a title in its front matter takes its first heading's).
func (b *builder) indexedTitles() [][]string {
	out := make([][]string, len(b.locales))
	for i, l := range b.locales {
		out[i] = make([]string, len(l.Pages))
		for j, p := range l.Pages {
			out[i][j] = p.Title
		}
	}
	return out
}

// indexChanged reports whether reindex, run again once every page is
// parsed, could give other lookups and navigation than it gave before
// parsing: a page's title changed, or a locale shows copies of
// default-locale pages (fallbacks), which were copied before parsing.
// Otherwise it would read the same pages and TOC files again.
func (b *builder) indexChanged(titles [][]string) bool {
	for i, l := range b.locales {
		if len(l.Pages) != len(titles[i]) {
			return true
		}
		for j, p := range l.Pages {
			if p.Fallback || p.Title != titles[i][j] {
				return true
			}
		}
	}
	return false
}

func (b *builder) result(start time.Time) *Result {
	res := &Result{Site: b.site, Outputs: b.outputs}
	res.Diags = b.led.all()
	res.Errors, res.Warnings = diag.Count(res.Diags)
	if b.site != nil {
		res.Locales = len(b.site.Locales)
		res.Monikers = b.site.Monikers.Len()
	}
	for _, l := range b.locales {
		res.Pages += len(l.own)
	}
	res.Files = b.written()
	res.Reused = int(b.reused.Load())
	res.frontReused = int(b.frontReused.Load())
	res.pagesRead = int(b.pagesRead.Load())
	res.Elapsed = time.Since(start)
	return res
}

type builder struct {
	// early answers docloom serve's requests during its first build
	// (early.go); nil otherwise.
	early *earlyOutputs
	// staticDone: writeStatic ran before the pages (the early preview).
	staticDone bool
	site       *config.Site
	dialect    *dialect.Dialect
	layouts    *render.Layouts
	bundle     *assets.Bundle
	// pageAssets is what pages link to of the bundle (assetLinks).
	pageAssets render.Assets
	led        ledger
	opts       Options
	locales    []*localeSet
	sink       sink
	incs       includeCache
	codes      codeCache // code files of :::code and [!code-…], read once per build
	outputs    int
	// history is the site's git history (nil outside git), for page dates.
	history *gitlog.History
	// imgSizes caches image headers by absolute path (images.go).
	imgSizes sync.Map

	baseOnce sync.Once
	base     string
	// homePath is the docset home's URL path below the moniker folder
	// ("" when it is the folder's own index page; see findHome).
	homePath string
	// pubs maps a page's Rel to its published path (see pubOf).
	pubs map[string]published
	// jobsLeft counts, in one-shot builds, the render jobs still to come
	// for each parsed page, so it can be released after the last.
	jobsLeft map[*dialect.Doc]*atomic.Int32
	// sidebars caches each TOC's view and rendered sidebar per locale and
	// cloud; reset whenever pages or TOCs change.
	sidebars map[sidebarKey]*cloudNav
	// itemRanges holds the clouds of TOC items that have a monikerRange
	// (parsed once per build by loadNav).
	itemRanges map[*nav.Item]moniker.Set
	// homes is each locale and cloud's home page URL (indexHomes).
	homes map[homeKey]string

	mu    sync.Mutex
	files map[string]bool
	// deps maps a page (depPage) to the include files (absolute paths) and
	// pages (depPage) its output depends on.
	deps map[string]map[string]bool
	// bookmarks, while set, collects links to other pages' bookmarks for
	// checking after a streamed parse (see parseAndPrerender).
	bookmarks *deferred
	// search is the site search index (nil in check mode).
	search *searchState

	// pcache is the previous build's page cache (nil when there is none or
	// it cannot be trusted); recording makes this build record its own;
	// global is this build's global key, env its part that front matter
	// depends on, and sums the files' hashes (see pagecache.go); inputs is
	// the start-up fingerprint's walk of the site, for envKey.
	pcache    *pageCache
	recording bool
	global    [32]byte
	env       [32]byte
	inputs    *inputWalk
	// racy are the recently modified files envKey saw, with their bytes'
	// sums from the start-up walk, and envUnsure says some were not
	// summed: savePageCache checks them, and the next build (Racy).
	racy      []inputFile
	envUnsure bool
	// pageStats are the pages' files as envKey's walk saw them, those
	// whose times are old enough to vouch for their bytes (stableStat).
	pageStats map[string]fileStat
	// cacheLoad gives pcache once loaded (awaitCache).
	cacheLoad chan *pageCache
	// cacheSaved gives the error of saving the page cache, once saved
	// (startPageCache).
	cacheSaved chan error
	sums       *sync.Map
	// fixed are the layouts' fixed partials by locale, cloud and landing
	// layout (fixedPartials), made once per full build.
	fixed  *sync.Map
	reused atomic.Int32
	// frontReused counts the pages whose front matter came from pcache.
	frontReused atomic.Int32
	// pagesRead counts the reads of pages' files (readPage, parseBody).
	pagesRead atomic.Int32
	// bodies are the documents' bodies as rendered, by output path, in a
	// serve session (relayout.go); nil in one-shot builds.
	bodies map[string]*keptBody
}

// workers is the size of the worker pool: --workers (default one per core),
// at least 1 and at most one per page, since each worker holds a renderer
// and more workers than pages only cost (a million took 37 s).
func (b *builder) workers() int {
	w := b.opts.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	pages := 0
	for _, l := range b.locales {
		if l.Docset != nil {
			pages += len(l.Docset.Pages)
		}
	}
	return max(1, min(w, pages))
}

// parallel runs fn(i) for i in [0,n) on the worker pool.
func (b *builder) parallel(n int, fn func(worker, i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	w := b.workers()
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			for i := range next {
				b.guard(func() { fn(k, i) })
			}
		}(k)
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// guard turns a panic in one page's work into a diagnostic, so one bad
// page cannot take the whole build (or a serve session) down. A panic is a
// docloom bug; the message asks for a report.
func (b *builder) guard(fn func()) {
	defer func() {
		if r := recover(); r != nil {
			b.led.addf(ownerStage("internal"), diag.Pos{File: "docloom"}, diag.Error, "internal-error",
				"docloom failed on this input (%v); please report it with the file that caused it", r)
		}
	}()
	fn()
}

func (b *builder) write(rel string, data []byte) {
	b.emit(rel, func(s sink) error { return s.Write(rel, data) })
}

func (b *builder) copyFile(rel, src string) {
	b.emit(rel, func(s sink) error { return s.Copy(rel, src) })
}

// emit records rel as written and hands it to the sink.
func (b *builder) emit(rel string, put func(sink) error) {
	b.mu.Lock()
	if b.files == nil {
		b.files = map[string]bool{}
	}
	b.files[rel] = true
	b.mu.Unlock()
	if b.sink == nil {
		return
	}
	if err := put(b.sink); err != nil {
		b.led.addf(ownerStage("output"), diag.Pos{File: rel}, diag.Error, "output-failed", "%v", err)
	}
}

func (b *builder) written() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]string, 0, len(b.files))
	for f := range b.files {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// writeStatic writes the bundled assets and each locale's resources (once
// per locale, never per cloud).
func (b *builder) writeStatic() {
	if b.bundle != nil {
		for _, f := range b.bundle.Files {
			b.write(f.Rel, f.Data)
		}
	}
	for _, l := range b.locales {
		for _, r := range l.Docset.Resources {
			b.copyFile(l.Locale.Code+"/"+lowerPath(r.Pub), r.Abs)
		}
	}
}
