package build

import (
	"sync"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
)

// streamBodies lets one-shot builds render, lay out and write each page
// right after parsing it and drop its syntax tree at once, instead of
// holding every tree until all pages are parsed. The trees were most of a
// build's memory (about 60 KB a page) and the garbage collector marked
// them again and again: on a 20,000-page docset the peak heap was 2.5 GB,
// now about 0.3 GB. Tests turn it off to check that streaming never
// changes the output or the diagnostics.
var streamBodies = true

// bookmarkCheck is a link to a #bookmark of another page, found while that
// page may not be parsed yet: it is checked once every page is.
type bookmarkCheck struct {
	l     *localeSet
	m     int
	owner string
	page  *Page
	frag  string
	pos   diag.Pos
}

// deferred collects bookmark checks during a streamed parse.
type deferred struct {
	mu     sync.Mutex
	checks []bookmarkCheck
}

func (d *deferred) add(c bookmarkCheck) {
	d.mu.Lock()
	d.checks = append(d.checks, c)
	d.mu.Unlock()
}

// streaming reports whether this build writes pages as it parses them. A
// serve session streams its first build too; its incremental rebuilds
// parse again the pages they render whose trees were released (reparse).
func (b *builder) streaming() bool {
	return streamBodies
}

// reparse parses again the pages of jobs whose syntax trees a streamed build
// released, so that they can be rendered again; a fallback copy gets its
// original's new tree. Pages are updated in place: lookups keep pointing
// at them.
func (b *builder) reparse(jobs []renderJob) {
	released := func(p *Page) bool { return p != nil && p.Doc != nil && p.Doc.AST == nil }
	def := b.defaultLocale()
	type job struct {
		l *localeSet
		p *Page
	}
	var todo []job
	seen := map[*Page]bool{}
	for _, j := range jobs {
		l, p := j.l, j.p
		if p.Fallback {
			if def == nil {
				continue
			}
			l, p = def, def.own[p.Rel]
		}
		if released(p) && !seen[p] {
			seen[p] = true
			todo = append(todo, job{l, p})
		}
	}
	b.parallel(len(todo), func(_, i int) {
		if np := b.parsePage(todo[i].l, todo[i].p.File); np != nil {
			*todo[i].p = *np
		}
	})
	for _, j := range jobs {
		if j.p.Fallback && def != nil && released(j.p) {
			if orig := def.own[j.p.Rel]; orig != nil && !released(orig) {
				fp := *orig
				fp.Fallback = true
				*j.p = fp
			}
		}
	}
}

// readAll reads every page's front matter (readPage), in parallel.
func (b *builder) readAll() {
	type job struct {
		l *localeSet
		f *docset.File
	}
	var jobs []job
	for _, l := range b.locales {
		for _, f := range l.Docset.Pages {
			jobs = append(jobs, job{l, f})
		}
	}
	pages := make([]*Page, len(jobs))
	b.parallel(len(jobs), func(_, i int) {
		pages[i] = b.readPage(jobs[i].l, jobs[i].f)
	})
	for i, p := range pages {
		if p != nil {
			jobs[i].l.own[p.Rel] = p
		}
	}
}

// parseAndRender parses every page read by readAll and, unless its syntax
// tree is needed later, renders and writes it in every cloud at once and
// releases the tree, so that only the pages in progress are in memory.
// Links are resolved against the other pages' front matter, which readAll
// has read, and navigation comes from the TOC files; bookmarks into other
// pages are checked afterwards, when all headings are known. It returns
// the number of documents written.
func (b *builder) parseAndRender() int {
	type job struct {
		l *localeSet
		p *Page
	}
	var jobs []job
	for _, l := range b.locales {
		for _, p := range l.Pages {
			if !p.Fallback {
				jobs = append(jobs, job{l, p})
			}
		}
	}
	// A default-locale page shown in place of a missing translation is
	// rendered again in that locale (its links resolve there): it keeps its
	// tree and is rendered with its copies, after parsing.
	if def := b.defaultLocale(); def != nil {
		for _, l := range b.locales {
			for _, p := range l.Pages {
				if src := def.own[p.Rel]; p.Fallback && src != nil {
					src.keepAST = true
				}
			}
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
	// Pages whose own inputs are those of the previous build's page cache
	// get their parse results from it; the others are parsed and rendered
	// at once. Then, every page's headings being known, a cached page
	// whose linked pages are unchanged is put in place as it was, and the
	// rest are parsed and rendered.
	hits := make([]*cachedPage, len(jobs))
	if b.pcache != nil && b.pcache.Global == b.global {
		b.parallel(len(jobs), func(_, i int) {
			if c := b.cacheLookup(jobs[i].l, jobs[i].p); c != nil {
				hits[i] = c
				b.restoreParse(jobs[i].l, jobs[i].p, c)
			}
		})
	}
	render := func(worker int, j job) {
		if b.recording && cacheable(j.p) {
			j.p.rec = &pageRecord{}
		}
		b.parseBody(j.l, j.p)
		if j.p.Doc == nil || j.p.keepAST {
			j.p.rec = nil
			return
		}
		counts[worker] += b.renderPage(states[worker], renderers[worker], renderJob{j.l, j.p})
		j.p.rendered = true
		j.p.Doc.Release()
	}
	var misses, cached []int
	for i := range jobs {
		if hits[i] == nil {
			misses = append(misses, i)
		} else {
			cached = append(cached, i)
		}
	}
	if e := b.early; e != nil {
		queue := make([]renderJob, len(misses))
		for i, k := range misses {
			queue[i] = renderJob{jobs[k].l, jobs[k].p}
		}
		e.plan(b, queue)
		b.parallelAsked(len(misses), e, func(worker, i int) { render(worker, jobs[misses[i]]) })
	} else {
		b.parallel(len(misses), func(worker, i int) { render(worker, jobs[misses[i]]) })
	}
	if len(cached) > 0 {
		b.fillExports(nil)
		b.parallel(len(cached), func(worker, i int) {
			j, c := jobs[cached[i]], hits[cached[i]]
			if b.depsCurrent(c) {
				if n, ok := b.replay(renderJob{j.l, j.p}, c); ok {
					counts[worker] += n
					return
				}
			}
			// Parsed again after all: readPage gives back the front
			// matter's diagnostics that restoreParse had replaced.
			if np := b.readPage(j.l, j.p.File); np != nil {
				j.p.pending, j.p.body, j.p.unread, j.p.front = np.pending, np.body, np.unread, np.front
				render(worker, j)
			}
		})
	}
	b.checkDeferred()
	if b.recording {
		if len(cached) > 0 {
			// Only a page rendered since may have other exports: a
			// replayed one has those of its cache entry.
			b.fillExports(func(p *Page) bool { return p.cached == nil })
		} else {
			b.fillExports(nil)
		}
	}
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// checkDeferred checks the links to other pages' bookmarks that a streamed
// render set aside (b.bookmarks), now that every page's headings are known.
func (b *builder) checkDeferred() {
	checks := b.bookmarks.checks
	b.bookmarks = nil
	for _, c := range checks {
		if c.page.Fallback {
			// Copies made before parsing have no tree; the original has.
			if def := b.defaultLocale(); def != nil && def.own[c.page.Rel] != nil {
				c.page = def.own[c.page.Rel]
			}
		}
		if c.page.Doc != nil {
			e := &env{b: b, l: c.l, m: c.m, owner: c.owner}
			e.checkBookmark(c.page, c.frag, c.pos)
		}
	}
}
