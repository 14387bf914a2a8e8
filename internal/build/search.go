package build

import (
	"crypto/sha256"
	"encoding/json"
	"hash/maphash"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/output"
	"github.com/docloom/docloom/internal/render"
	"github.com/docloom/docloom/internal/search"
)

// The site search index (internal/search) is filled while pages are
// rendered: each page's body for a cloud is analysed by the worker that
// rendered it, right before it is written, and written out once all pages
// are. A serve update re-analyses only the pages it renders again.

// searchPage is the URL path (below /<locale>/<moniker>/) of the results page.
const searchPage = "search"

// searchFilesDir and searchManifestDir are where the index goes: content-
// hashed files (cached for good) and the manifests (revalidated).
const (
	searchFilesDir    = "_docloom/search/"
	searchManifestDir = "_docloom/searchmeta/"
)

type variantKey struct {
	locale  string
	moniker int
}

// searchState is the build's search indexes, one per locale and cloud.
type searchState struct {
	pool    search.Pool
	mu      sync.Mutex
	indexes map[variantKey]*search.Index
	dirty   map[variantKey]bool
	// packs is the names of each locale's fragment packs as last written:
	// a write that leaves one as it was (names are content hashes) does
	// not write it again.
	packs map[string]map[string]bool
	// written is every search file of the last write per locale, and
	// obsolete what a serve update should remove from the site.
	files    map[variantKey][]string
	written  map[string]map[string]bool
	obsolete []string
	// boxes are the header's search form by locale and cloud:
	// executing the partial for every page cost as much as a tenth of
	// the index.
	boxes sync.Map // [2]string{locale, moniker} -> template.HTML
	// entries are the analyses by locale and content (title, description,
	// text and headings): a docset's versions repeat most pages word for
	// word in different files, which are analysed once.
	entries sync.Map // [sha256.Size]byte -> *search.Entry
	// bodies are the analyses by locale, title, description and body
	// HTML: a docset's versions also repeat many bodies byte for byte
	// (1,388 of the PowerShell docset's 3,105, 30 of its 61 MB), whose
	// text need not be extracted again. Hashing a body (bodyKey) costs
	// far less than extracting it.
	bodies sync.Map // bodyKey -> bodyAnalysis
}

type bodyAnalysis struct {
	entry *search.Entry
	key   [sha256.Size]byte
}

func newSearchState() *searchState {
	return &searchState{indexes: map[variantKey]*search.Index{}, dirty: map[variantKey]bool{},
		packs: map[string]map[string]bool{}, written: map[string]map[string]bool{}, files: map[variantKey][]string{}}
}

func (s *searchState) index(k variantKey) *search.Index {
	s.mu.Lock()
	defer s.mu.Unlock()
	x, ok := s.indexes[k]
	if !ok {
		x = search.NewIndex(k.locale)
		s.indexes[k] = x
	}
	s.dirty[k] = true
	return x
}

// searchForget removes a page from its locale's indexes in every cloud
// (before it is indexed again, or when it was deleted).
func (b *builder) searchForget(locale, rel string) {
	s := b.search
	if s == nil {
		return
	}
	for _, m := range b.site.Monikers.All().Indices() {
		k := variantKey{locale, m}
		s.mu.Lock()
		x, ok := s.indexes[k]
		if ok {
			s.dirty[k] = true
		}
		s.mu.Unlock()
		if ok {
			x.Remove(search.Key(rel))
		}
	}
}

// searchAnalysis remembers the last body analysed for a page, so a body
// shared by all its clouds, or whose text is the same in them (bodies
// often differ in their links' URLs alone), is analysed once.
type searchAnalysis struct {
	body  string
	text  search.Extracted // when hasText: an entry found by body has none
	entry *search.Entry
	key   [sha256.Size]byte // of entry in searchState.entries

	hasText bool
}

func sameText(a, b search.Extracted) bool {
	if a.Text != b.Text || len(a.Headings) != len(b.Headings) {
		return false
	}
	for i := range a.Headings {
		if a.Headings[i] != b.Headings[i] {
			return false
		}
	}
	return true
}

// searchIndex adds the page as rendered for cloud m (data is what its
// layout showed) to the locale and cloud's index.
func (b *builder) searchIndex(j renderJob, m int, body string, data *render.Page, last *searchAnalysis) *search.Entry {
	s := b.search
	robots := strings.ToLower(meta.String(j.p.Meta, "ROBOTS") + meta.String(j.p.Meta, "robots"))
	if s == nil || URLPath(b.pubOf(j.p.Rel)) == searchPage || strings.Contains(robots, "noindex") {
		return nil
	}
	loc := j.l.Locale.Code
	if last.entry == nil || last.body != body {
		title, desc := j.p.Title, meta.String(j.p.Meta, "description")
		bk := textKey(loc, title, desc, body)
		if a, ok := s.bodies.Load(bk); ok {
			hit := a.(bodyAnalysis)
			last.entry, last.key, last.hasText = hit.entry, hit.key, false
		} else {
			x := search.Extract(body)
			if last.entry == nil || !last.hasText || !sameText(x, last.text) {
				b.searchAnalyze(j, x, last)
			}
			s.bodies.Store(bk, bodyAnalysis{last.entry, last.key})
		}
		last.body = body
	}
	doc := b.searchDoc(j, data)
	s.index(variantKey{loc, m}).Put(search.Key(j.p.Rel), doc, last.entry)
	if r := j.p.rec; r != nil && len(r.docs) > 0 {
		d := &r.docs[len(r.docs)-1] // the document writePage just wrote
		d.Indexed, d.Search, d.Entry = true, doc, last.key
	}
	return last.entry
}

// searchDoc is what a result shows of the page as laid out (data).
func (b *builder) searchDoc(j renderJob, data *render.Page) search.Doc {
	var crumbs []string
	for i, c := range data.Breadcrumbs {
		if i == 0 && c.URL == data.Home && len(data.Breadcrumbs) > 1 {
			continue // the site's home, the same for every result
		}
		crumbs = append(crumbs, c.Name)
	}
	return search.Doc{URL: URLPath(b.pubOf(j.p.Rel)), Title: j.p.Title, Breadcrumb: crumbs}
}

// bodyKey names a locale, title, description and body HTML within one
// process: two seeded maphash sums, 128 bits. It is never stored (the page
// cache's keys are SHA-256s of the text); SHA-256 here cost as much as a
// half of extracting the text (61 MB of bodies on the PowerShell docset).
type bodyKey [2]uint64

var bodySeeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

func textKey(loc string, parts ...string) bodyKey {
	var key bodyKey
	for i, seed := range bodySeeds {
		var h maphash.Hash
		h.SetSeed(seed)
		h.WriteString(loc)
		h.WriteByte(0)
		for _, part := range parts {
			h.WriteString(part)
			h.WriteByte(0)
		}
		key[i] = h.Sum64()
	}
	return key
}

// searchAnalyze analyses a page's text into last.
func (b *builder) searchAnalyze(j renderJob, x search.Extracted, last *searchAnalysis) {
	s, loc := b.search, j.l.Locale.Code
	title, desc := j.p.Title, meta.String(j.p.Meta, "description")
	last.text, last.hasText = x, true
	key := entryKey(loc, title, desc, x)
	last.key = key
	if e, ok := s.entries.Load(key); ok {
		last.entry = e.(*search.Entry)
	} else {
		a := s.pool.Get(loc)
		last.entry = a.AnalyzeText(title, desc, x)
		s.pool.Put(loc, a)
		last.entry.Key = key
		s.entries.Store(key, last.entry)
	}
}

// entryKey names an analysis in searchState.entries and in the page
// cache: the SHA-256 of the locale, title, description, text and
// headings. The text (14 MB on the PowerShell docset) goes through a
// small buffer: converting it to a []byte for the hash copied it whole,
// as much allocation as the text itself.
func entryKey(loc, title, desc string, x search.Extracted) [sha256.Size]byte {
	h := sha256.New()
	var buf [512]byte
	put := func(s string) {
		for len(s) > 0 {
			n := copy(buf[:], s)
			h.Write(buf[:n])
			s = s[n:]
		}
	}
	for _, part := range []string{loc, title, desc, x.Text} {
		put(part)
		h.Write([]byte{0})
	}
	for _, hd := range x.Headings {
		b := strconv.AppendInt(buf[:0], int64(hd.Offset), 10)
		b = append(b, ' ')
		h.Write(b)
		put(hd.ID)
		h.Write([]byte{0})
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	return key
}

// searchWrite writes an index file, in the background when the sink can
// (as pages are): the render worker goes on with the next page.
func (b *builder) searchWrite(rel string, data []byte) {
	if q, ok := b.sink.(queuer); ok {
		b.emit(rel, func(sink) error {
			q.Queue(rel, data, nil)
			return nil
		})
		return
	}
	b.write(rel, data)
}

// namedKeeper is a sink that can keep a previous build's file by its name
// alone (output.Dir).
type namedKeeper interface {
	KeepNamed(rel string) bool
}

// writeSearch writes the indexes of the locales changed since the last
// write: their content-hashed files, the packs of the locale's fragments
// (shared by its clouds) and their manifests. A locale's indexes are
// written together because a pack changed renames itself in the blocks
// of every cloud; what did not change is not compressed again.
func (b *builder) writeSearch() {
	s := b.search
	if s == nil {
		return
	}
	dirty := map[string]bool{}
	for k := range s.dirty {
		dirty[k.locale] = true
	}
	var keys []variantKey
	for k := range s.indexes {
		if dirty[k.locale] {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].locale != keys[j].locale {
			return keys[i].locale < keys[j].locale
		}
		return keys[i].moniker < keys[j].moniker
	})
	s.dirty = map[variantKey]bool{}
	var locales []string
	for loc := range dirty {
		locales = append(locales, loc)
	}
	sort.Strings(locales)
	// Each locale's fragments, packed once for all its clouds.
	locs := map[string]map[string]search.FragmentLoc{}
	packs := map[string][]search.Pack{}
	for _, loc := range locales {
		var frags []search.Fragment
		for _, k := range keys {
			if k.locale == loc {
				for _, e := range s.indexes[k].Entries() {
					frags = append(frags, search.Fragment{Name: e.FragmentName, Data: e.Fragment})
				}
			}
		}
		packs[loc], locs[loc] = search.PackFragments(frags)
	}
	mem, _ := b.sink.(*memSink)
	// A rebuild's output folder keeps the previous site's files whose
	// content-hashed names the index still uses, which are then not
	// compressed again.
	nk, _ := b.sink.(namedKeeper)
	// The packs go to the writers first, to be written while the clouds'
	// chunks and blocks are laid out.
	for _, loc := range locales {
		last := s.packs[loc]
		s.packs[loc] = map[string]bool{}
		for _, p := range packs[loc] {
			rel := searchFilesDir + loc + "/" + p.Name
			s.packs[loc][p.Name] = true
			same := last[p.Name]
			if same && mem != nil && mem.has(rel) || nk != nil && nk.KeepNamed(rel) {
				b.emit(rel, func(sink) error { return nil })
			} else {
				b.searchWrite(rel, p.Data)
			}
		}
	}
	layouts := b.searchLayouts()
	for _, k := range keys {
		if l, ok := layouts[b.layoutName(k)]; ok {
			s.indexes[k].Reuse(l)
		}
	}
	// The largest clouds first, so that the workers finish together; each
	// cloud's files are handed to the writers as soon as they are made.
	order := make([]int, len(keys))
	size := make([]int, len(keys))
	for i, k := range keys {
		order[i], size[i] = i, s.indexes[k].Len()
	}
	sort.SliceStable(order, func(x, y int) bool { return size[order[x]] > size[order[y]] })
	rels := make([][]string, len(keys))
	b.parallel(len(keys), func(_, n int) {
		i := order[n]
		k := keys[i]
		var keep func(string) bool
		if nk != nil {
			keep = func(name string) bool { return nk.KeepNamed(searchFilesDir + k.locale + "/" + name) }
		}
		manifest, files := s.indexes[k].WriteKeeping(keep, locs[k.locale])
		if testHookSearchLayout != nil {
			testHookSearchLayout(b.layoutName(k), s.indexes[k].Reused())
		}
		if mem == nil {
			// A one-shot build writes the index once: the files' bytes
			// need not outlive their writing.
			s.indexes[k].ForgetFiles()
		}
		for _, f := range files {
			rel := searchFilesDir + k.locale + "/" + f.Name
			if f.Data == nil || f.Same && mem != nil && mem.has(rel) {
				// Kept from the previous site, or a serve session's
				// file its index wrote last time: in the site already.
				b.emit(rel, func(sink) error { return nil })
			} else {
				b.searchWrite(rel, f.Data)
			}
			rels[i] = append(rels[i], rel)
		}
		b.write(searchManifestDir+k.locale+"/"+b.site.Monikers.Moniker(k.moniker).Name+".json", manifest)
	})
	for i, k := range keys {
		s.files[k] = rels[i]
	}
	b.saveSearchLayouts(keys)
	if mem != nil {
		for _, loc := range locales {
			b.searchObsolete(loc)
		}
	}
}

// testHookSearchLayout, when set by a test, is called as each locale and
// cloud's index is written, with whether its word chunks were those of
// the previous build (not laid out again).
var testHookSearchLayout func(variant string, reused bool)

// searchLayoutName is the record, beside a built site, of its indexes'
// word chunks (search.Layout) by locale and cloud: the next build of the
// site names the chunks of a cloud whose pages' text did not change
// without laying them out again.
const searchLayoutName = ".docloom-search-layout"

const searchLayoutHeader = "docloom search layout 1\n"

// searchLayoutRecord is what searchLayoutName holds: the layouts, valid
// for the binary, options and site files that Env hashes (envKey).
type searchLayoutRecord struct {
	Env     [32]byte                 `json:"env"`
	Layouts map[string]search.Layout `json:"layouts"` // by layoutName
}

func (b *builder) layoutName(k variantKey) string {
	return k.locale + "/" + b.site.Monikers.Moniker(k.moniker).Name
}

// searchLayouts are the previous build's layouts, when it was built by the
// same binary, options and site files into the output folder.
func (b *builder) searchLayouts() map[string]search.Layout {
	out, ok := b.sink.(*output.Dir)
	if !ok || !b.recording || b.env == ([32]byte{}) {
		return nil
	}
	payload, ok := opened(out.Previous(searchLayoutName), searchLayoutHeader)
	var rec searchLayoutRecord
	if !ok || json.Unmarshal(payload, &rec) != nil || rec.Env != b.env {
		return nil
	}
	return rec.Layouts
}

// saveSearchLayouts records the layouts of this build's indexes (keys)
// beside the site. Without the record the next build lays every cloud's
// chunks out, so a failure to write it is not the build's.
func (b *builder) saveSearchLayouts(keys []variantKey) {
	out, ok := b.sink.(*output.Dir)
	if !ok || !b.recording || b.env == ([32]byte{}) {
		return
	}
	rec := searchLayoutRecord{Env: b.env, Layouts: map[string]search.Layout{}}
	for _, k := range keys {
		if l := b.search.indexes[k].Layout(); l.Sum != ([32]byte{}) {
			rec.Layouts[b.layoutName(k)] = l
		}
	}
	payload, err := json.Marshal(rec)
	if err == nil {
		out.Write(searchLayoutName, sealed(searchLayoutHeader, payload))
	}
}

// searchObsolete lists the search files of a locale that no index uses
// any more, for a serve session to drop.
func (b *builder) searchObsolete(loc string) {
	s := b.search
	used := map[string]bool{}
	for k := range s.indexes {
		if k.locale != loc {
			continue
		}
		for _, rel := range s.files[k] {
			used[rel] = true
		}
	}
	for name := range s.packs[loc] {
		used[searchFilesDir+loc+"/"+name] = true
	}
	for rel := range s.written[loc] {
		if !used[rel] {
			s.obsolete = append(s.obsolete, rel)
		}
	}
	s.written[loc] = used
}

// ownPageAt is the locale's own page published at a URL path, if any.
func (b *builder) ownPageAt(l *localeSet, urlPath string) *Page {
	for _, p := range l.Pages {
		if !p.Fallback && URLPath(b.pubOf(p.Rel)) == urlPath {
			return p
		}
	}
	return nil
}

// searchBox fills the layout fields the header's search box needs.
func (b *builder) searchBox(d *render.Page, locale, moniker string) {
	base := b.basePath()
	d.SearchRoot = base + locale + "/" + moniker + "/"
	if b.search == nil {
		return
	}
	d.SearchIndex = base + searchManifestDir + locale + "/" + moniker + ".json"
	d.SearchFiles = base + searchFilesDir + locale + "/"
	key := [2]string{locale, moniker}
	if box, ok := b.search.boxes.Load(key); ok {
		d.SearchBox = box.(template.HTML)
		return
	}
	if b.layouts.Missing() {
		return
	}
	// The form depends on the locale's phrases and these URLs alone; a
	// layout's own "search" partial sees only those fields of the page.
	box, err := b.layouts.ExecutePartial("search", &render.Page{Site: b.site, Locale: d.Locale, Moniker: d.Moniker, T: d.T,
		SearchRoot: d.SearchRoot, SearchIndex: d.SearchIndex, SearchFiles: d.SearchFiles})
	if err != nil {
		return // the page's own execution of the partial reports it
	}
	b.search.boxes.Store(key, box)
	d.SearchBox = box
}

// writeSearchPages writes the results page of every locale and cloud, at
// /<locale>/<moniker>/search, unless the docset has a page there.
func (b *builder) writeSearchPages() {
	if b.search == nil || b.layouts.Missing() {
		return
	}
	cat := b.site.Monikers
	for _, l := range b.locales {
		if p := b.ownPageAt(l, searchPage); p != nil {
			b.led.addf(ownerStage("search"), diag.Pos{File: l.Docset.Display(p.Rel)}, diag.Warning, "search-page-taken",
				"this page has the URL of the search results page, which is not written for %s; the search box's form then leads here", l.Locale.Code)
			continue
		}
		t := phrasesFor(l.Locale.Code)
		for _, m := range cat.All().Indices() {
			if x := b.search.indexes[variantKey{l.Locale.Code, m}]; x == nil || x.Len() == 0 {
				continue // no page of the locale is in this cloud
			}
			name := cat.Moniker(m).Name
			home := b.homeURL(l.Locale.Code, m)
			d := &render.Page{
				Site: b.site, Locale: l.Locale, Moniker: cat.Moniker(m), Title: t["searchTitle"], Robots: "noindex",
				T: t, Home: home, SearchPage: true,
			}
			d.Body = template.HTML(`<h1 id="search-title">` + template.HTMLEscapeString(t["searchTitle"]) + `</h1>
<div class="search-page" data-search-page>
<noscript><p class="search-nojs">` + template.HTMLEscapeString(t["searchNoJS"]) + `</p></noscript>
</div>`)
			for _, i := range cat.All().Indices() {
				link := render.Link{Code: cat.Moniker(i).Name, Display: cat.Moniker(i).Display, Current: i == m}
				if x := b.search.indexes[variantKey{l.Locale.Code, i}]; x != nil && x.Len() > 0 {
					link.URL = b.basePath() + l.Locale.Code + "/" + cat.Moniker(i).Name + "/" + searchPage
				}
				d.Clouds = append(d.Clouds, link)
			}
			for _, other := range b.locales {
				if x := b.search.indexes[variantKey{other.Locale.Code, m}]; x == nil || x.Len() == 0 {
					continue
				}
				u := b.basePath() + other.Locale.Code + "/" + name + "/" + searchPage
				d.Languages = append(d.Languages, render.Link{Code: other.Locale.Code, Name: other.Locale.Name, URL: u, Current: other == l})
			}
			if b.bundle != nil {
				for _, u := range b.bundle.CSS {
					d.Assets.CSS = append(d.Assets.CSS, strings.TrimSuffix(b.basePath(), "/")+u)
				}
				for _, u := range b.bundle.JS {
					d.Assets.JS = append(d.Assets.JS, strings.TrimSuffix(b.basePath(), "/")+u)
				}
			}
			b.searchBox(d, l.Locale.Code, name)
			html, err := b.layouts.Execute(d, false)
			if err != nil {
				b.led.addf(ownerStage("search"), diag.Pos{File: "layouts"}, diag.Error, "layout-error", "search page for %s: %v", l.Locale.Code, err)
				return
			}
			b.write(l.Locale.Code+"/"+name+"/"+OutputFile(searchPage), html)
		}
	}
}
