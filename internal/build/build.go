// Package build runs the pipeline: config -> docset discovery -> parse ->
// render per locale and cloud -> write. Pages are parsed once and rendered
// once per cloud they apply to, in parallel across cores.
package build

import (
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/docloom/docloom/internal/assets"
	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
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
}

// Failed reports whether the build must be treated as failed.
func (r *Result) Failed(strict bool) bool {
	return r.Errors > 0 || (strict && r.Warnings > 0)
}

// Summary is the one-line report printed after the diagnostics.
func (r *Result) Summary() string {
	return fmt.Sprintf("%d pages, %d locales, %d monikers, %d documents, %d warnings, %d errors, %s",
		r.Pages, r.Locales, r.Monikers, r.Outputs, r.Warnings, r.Errors, r.Elapsed.Round(time.Millisecond))
}

// Run builds the site. The output folder is replaced only when the build
// succeeds; otherwise the previous site stays as it was.
func Run(opts Options) *Result {
	start := time.Now()
	res := &Result{}
	var diags diag.List
	finish := func() *Result {
		res.Diags = diags.Sorted()
		res.Errors, res.Warnings = diag.Count(res.Diags)
		res.Elapsed = time.Since(start)
		return res
	}
	site, ds := config.Load(opts.Site)
	diags.Merge(ds)
	if site == nil {
		return finish()
	}
	res.Site = site
	res.Locales = len(site.Locales)
	res.Monikers = site.Monikers.Len()

	b := &builder{site: site, dialect: dialect.New(site.Monikers), diags: &diags, opts: opts}
	layouts, ds := render.Load(site.Root)
	diags.Merge(ds)
	b.layouts = layouts
	bundle, ds := assets.Build(site.Root)
	diags.Merge(ds)
	b.bundle = bundle

	for _, loc := range site.Locales {
		set, ds := docset.Discover(site, loc)
		diags.Merge(ds)
		b.locales = append(b.locales, &localeSet{Locale: loc, Docset: set})
	}
	b.parseAll()
	for _, l := range b.locales {
		res.Pages += len(l.Pages)
	}
	b.addFallbacks()
	b.indexURLs()
	b.loadNav()

	var out *output.Dir
	if !opts.NoWrite {
		var err error
		out, err = output.Begin(opts.Out)
		if err != nil {
			diags.Add(diag.Diagnostic{Pos: diag.Pos{File: opts.Out}, Severity: diag.Error, Code: "output-failed", Message: err.Error()})
			return finish()
		}
		b.out = out
	}
	if layouts == nil || layouts.Missing() {
		if out != nil {
			out.Abort()
		}
		return finish()
	}
	b.supportDirectories()
	res.Outputs = b.renderAll()
	b.writeStatic()
	res.Files = b.written()
	fin := finish()
	if out != nil {
		if fin.Failed(opts.Strict) {
			out.Abort()
		} else if err := out.Commit(); err != nil {
			diags.Add(diag.Diagnostic{Pos: diag.Pos{File: opts.Out}, Severity: diag.Error, Code: "output-failed", Message: err.Error()})
			return finish()
		}
	}
	return fin
}

type builder struct {
	site    *config.Site
	dialect *dialect.Dialect
	layouts *render.Layouts
	bundle  *assets.Bundle
	diags   *diag.List
	opts    Options
	locales []*localeSet
	out     *output.Dir
	incs    includeCache

	mu    sync.Mutex
	files []string
}

func (b *builder) workers() int {
	if b.opts.Workers > 0 {
		return b.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
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
			b.diags.Addf(diag.Pos{}, diag.Error, "internal-error",
				"docloom failed on this input (%v); please report it with the file that caused it", r)
		}
	}()
	fn()
}

func (b *builder) write(rel string, data []byte) {
	b.mu.Lock()
	b.files = append(b.files, rel)
	b.mu.Unlock()
	if b.out == nil {
		return
	}
	if err := b.out.Write(rel, data); err != nil {
		b.diags.Add(diag.Diagnostic{Pos: diag.Pos{File: rel}, Severity: diag.Error, Code: "output-failed", Message: err.Error()})
	}
}

func (b *builder) copyFile(rel, src string) {
	b.mu.Lock()
	b.files = append(b.files, rel)
	b.mu.Unlock()
	if b.out == nil {
		return
	}
	if err := b.out.Copy(rel, src); err != nil {
		b.diags.Add(diag.Diagnostic{Pos: diag.Pos{File: rel}, Severity: diag.Error, Code: "output-failed", Message: err.Error()})
	}
}

func (b *builder) written() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := append([]string(nil), b.files...)
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
			b.copyFile(l.Locale.Code+"/"+lowerPath(r.Rel), r.Abs)
		}
	}
}
