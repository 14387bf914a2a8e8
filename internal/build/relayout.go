package build

import (
	"runtime"
	"sort"

	"github.com/docloom/docloom/internal/search"
)

// A TOC edit changes every page's sidebar, breadcrumbs and previous/next
// links, but no page's body, diagnostics or headings. A serve session
// therefore keeps each document's body as rendered (with its search
// entry), and a TOC edit only marks its locale's documents as needing a
// new layout: the update itself lays out none of them, the reload event
// names them all, and each is laid out from its kept body when it is asked
// for (Lookup) or, for the rest, by a background goroutine soon after.
// Diagnostics stay complete, as a layout adds none that a body's render
// had not.

// keptBody is a document's body as rendered, for laying it out again.
type keptBody struct {
	locale, rel string // the page
	m           int
	body        string
	entry       *search.Entry // its search entry; nil when not indexed
}

// keepBody records a document's body in a serve session.
func (b *builder) keepBody(j renderJob, m int, body string, entry *search.Entry) {
	if b.bodies == nil {
		return
	}
	rel := b.pageOutput(j.l.Locale.Code, b.site.Monikers.Moniker(m).Name, j.p.Rel)
	b.mu.Lock()
	b.bodies[rel] = &keptBody{j.l.Locale.Code, j.p.Rel, m, body, entry}
	b.mu.Unlock()
}

// canRelayout reports whether every document of page p in locale l has a
// kept body (then a TOC edit need not render it).
func (b *builder) canRelayout(l *localeSet, p *Page) bool {
	if b.bodies == nil || redirectURL(p) != "" || p.Doc == nil || p.Monikers.Empty() {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range p.Monikers.Indices() {
		k := b.bodies[b.pageOutput(l.Locale.Code, b.site.Monikers.Moniker(m).Name, p.Rel)]
		if k == nil || k.rel != p.Rel || k.locale != l.Locale.Code {
			return false
		}
	}
	return true
}

// relayout lays one document out again from its kept body, with the
// current navigation, and updates its search result; false when it cannot
// (its page is gone: the caller renders or removes it).
func (b *builder) relayout(rel string) bool {
	b.mu.Lock()
	k := b.bodies[rel]
	b.mu.Unlock()
	if k == nil {
		return false
	}
	var l *localeSet
	for _, x := range b.locales {
		if x.Locale.Code == k.locale {
			l = x
		}
	}
	if l == nil {
		return false
	}
	p := l.byRel[k.rel]
	if p == nil || !p.Monikers.Has(k.m) || p.Doc == nil {
		return false
	}
	j := renderJob{l, p}
	e := &env{b: b, l: l, m: k.m, page: p, owner: ownerRender(l.Locale.Code, p.Rel)}
	data := b.writePage(j, k.m, k.body, e)
	if data == nil {
		return false
	}
	if k.entry != nil && b.search != nil {
		b.search.index(variantKey{l.Locale.Code, k.m}).Put(search.Key(p.Rel), b.searchDoc(j, data), k.entry)
	}
	return true
}

// markStale records documents to lay out again (see the comment at the
// top), after a successful update.
func (s *Session) markStale(rels []string) {
	s.lazy.Lock()
	if s.stale == nil {
		s.stale = map[string]bool{}
	}
	for _, r := range rels {
		s.stale[r] = true
	}
	start := len(s.stale) > 0 && !s.draining
	if start {
		s.draining = true
		s.settled = make(chan struct{})
	}
	s.lazy.Unlock()
	if start {
		go s.drain()
	}
}

// layOut lays out rel now if it is stale; the caller holds s.mu.
func (s *Session) layOut(rel string) {
	s.lazy.Lock()
	stale := s.stale[rel]
	delete(s.stale, rel)
	s.lazy.Unlock()
	if stale {
		if !s.b.relayout(rel) {
			s.mem.remove(rel) // its page is gone (an update would have said)
		}
		s.mem.commit(nil)
	}
}

// drainBatch is how many documents the background goroutine lays out per
// hold of the session's lock, so an update waits at most a few
// milliseconds for it.
const drainBatch = 8

// drain lays out the stale documents in the background, then writes the
// search index with their new results.
func (s *Session) drain() {
	for {
		s.mu.Lock()
		s.lazy.Lock()
		batch := make([]string, 0, drainBatch)
		for r := range s.stale {
			batch = append(batch, r)
			if len(batch) == drainBatch {
				break
			}
		}
		s.lazy.Unlock()
		if len(batch) == 0 {
			b := s.b
			b.files = nil
			b.writeSearch()
			if b.search != nil {
				for _, rel := range b.search.obsolete {
					s.mem.remove(rel)
				}
				b.search.obsolete = nil
			}
			s.mem.commit(nil)
			s.lazy.Lock()
			s.draining = false
			close(s.settled)
			s.lazy.Unlock()
			s.mu.Unlock()
			return
		}
		sort.Strings(batch)
		for _, r := range batch {
			s.layOut(r)
		}
		s.mu.Unlock()
		runtime.Gosched()
	}
}

// Settle waits until every document a TOC edit left to lay out is laid
// out (tests and benchmarks compare whole sites).
func (s *Session) Settle() {
	s.lazy.Lock()
	ch := s.settled
	draining := s.draining
	s.lazy.Unlock()
	if draining {
		<-ch
	}
}
