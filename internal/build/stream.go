package build

import (
	"path"
	"strings"
	"sync"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/hours"
)

// streamBodies lets one-shot builds render each page's body right after
// parsing it and drop its syntax tree at once, instead of holding every
// tree until the layouts run. The trees were most of a build's memory
// (about 60 KB a page) and the garbage collector marked them again and
// again: on a 20,000-page docset the peak heap was 2.5 GB. Tests turn it
// off to check that streaming never changes the output.
var streamBodies = true

// preBody is a body rendered ahead of its layout.
type preBody struct {
	html string
	ok   bool
}

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

// streaming reports whether this build renders bodies as it parses: one-shot
// builds only; serve keeps the trees for incremental rebuilds.
func (b *builder) streaming() bool {
	_, serving := b.sink.(*memSink)
	return streamBodies && !serving
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

// parseAndPrerender parses every page read by readAll and, where nothing
// else needs its syntax tree later, renders its body for each cloud and
// releases the tree. Links are resolved against the other pages' front
// matter, which readAll has read; bookmarks into other pages are checked
// afterwards (checkDeferred), when all headings are known.
func (b *builder) parseAndPrerender() {
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
	// rendered again in that locale (its links resolve there): keep it.
	for _, l := range b.locales {
		for _, p := range l.Pages {
			if p.Fallback {
				if def := b.defaultLocale(); def != nil {
					if src := def.own[p.Rel]; src != nil {
						src.keepAST = true
					}
				}
			}
		}
	}
	w := b.workers()
	states := make([]*dialect.State, w)
	renderers := make([]*dialect.Renderer, w)
	for i := range states {
		states[i] = &dialect.State{}
		renderers[i] = b.dialect.NewRenderer(states[i])
	}
	b.bookmarks = &deferred{}
	b.parallel(len(jobs), func(worker, i int) {
		j := jobs[i]
		b.parseBody(j.l, j.p)
		if j.p.Doc == nil || j.p.keepAST || redirectURL(j.p) != "" || isCountryPage(j.p) {
			return
		}
		owner := ownerRender(j.l.Locale.Code, j.p.Rel)
		b.led.reset(owner)
		j.p.pivots = b.pagePivots(j.l, j.p)
		j.p.pre = b.renderBodies(states[worker], renderers[worker], renderJob{j.l, j.p}, owner, map[string]bool{})
		j.p.Doc.AST, j.p.Doc.Source = nil, nil
	})
	checks := b.bookmarks.checks
	b.bookmarks = nil
	for _, c := range checks {
		if c.page.Doc != nil {
			e := &env{b: b, l: c.l, m: c.m, owner: c.owner}
			e.checkBookmark(c.page, c.frag, c.pos)
		}
	}
}

// isCountryPage reports whether p is a support country page, whose hours
// lines get live-status attributes from the support directory: it is
// rendered after supportDirectories has read it.
func isCountryPage(p *Page) bool {
	if p.Fallback || p.Landing || path.Base(path.Dir(p.Rel)) != "support" {
		return false
	}
	_, ok := hours.LookupCountry(strings.TrimSuffix(path.Base(p.Rel), ".md"))
	return ok
}
