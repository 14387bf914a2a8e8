// Package docgen writes synthetic docsets shaped like a real Microsoft Learn
// docset, for benchmarks: docloom's own (internal/build, internal/dialect)
// and the comparison with Hugo (scripts/bench-vs-hugo). It is not part of
// the build pipeline.
//
// The shape follows the frequencies measured on a real 1,680-page docset
// (shared/docs/dfm-spec.md §1): front matter on every page, <a name>
// heading anchors, many relative links (all valid here), alerts, pipe
// tables with HTML in cells, images, about 6% of pages with moniker
// blocks, a few include files used by many pages, a TOC.yml per folder and
// the same pages in every locale. Everything is derived from the seed, so a
// docset of a given size is the same bytes on every machine.
package docgen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options say what to generate.
type Options struct {
	// Pages is the number of pages per locale (100 to 20,000 is the
	// intended range; any positive number works).
	Pages int
	// Locales is the number of languages (1 to 5); 0 means 2.
	Locales int
	// Seed makes a different docset of the same shape.
	Seed int
	// PlainMarkdown writes the same pages without the Learn dialect, as a
	// general site generator (Hugo) reads them: one locale, front matter
	// with a title, includes expanded in place, only the default cloud's
	// moniker blocks (without their markers), alerts as plain quotes,
	// index pages as _index.md, images under static/media. No docloom.yaml
	// and no TOC files.
	PlainMarkdown bool
}

// Stats describe what was written.
type Stats struct {
	Pages        int   // pages per locale
	Locales      int   // locales written
	Includes     int   // include files per locale
	Images       int   // image files per locale
	TOCs         int   // TOC.yml files per locale
	ZonePages    int   // pages per locale with ::: moniker range blocks
	RangePages   int   // pages per locale limited by monikerRange front matter
	IncludeUses  int   // [!INCLUDE] references per locale
	Links        int   // relative links between pages, per locale
	Files        int   // files written in all
	MarkdownSize int64 // bytes of Markdown written (pages and includes, all locales)
}

// pagePlan is what other pages need to know about a page before it is
// written: where it is, what it is called, whether links may point to it.
type pagePlan struct {
	rel     string // path in the locale folder
	section int    // -1 for the root page
	title   []int  // word indices
	size    int    // target Markdown size in bytes
	zones   bool   // has ::: moniker range blocks
	rangeTo string // monikerRange front matter ("" for every cloud)
}

// docset is the plan of a whole docset, shared by every locale.
type docset struct {
	opts     Options
	pages    []pagePlan
	sections int
	includes int
	images   int
	linkable []int // pages any cloud can link to (no monikerRange)
}

const pagesPerSection = 50

func plan(opts Options) *docset {
	d := &docset{opts: opts}
	n := opts.Pages
	d.sections = (n - 1 + pagesPerSection - 1) / pagesPerSection
	d.includes = clamp(n/60, 4, 200)
	d.images = clamp(n/25, 8, 600)
	r := rand.New(rand.NewPCG(uint64(opts.Seed), 0x9e3779b97f4a7c15))
	for i := 0; i < n; i++ {
		p := pagePlan{section: -1, rel: "index.md"}
		p.title = words(r, 2+r.IntN(4), 64)
		if i > 0 {
			p.section = (i - 1) / pagesPerSection
			if (i-1)%pagesPerSection == 0 {
				p.rel = fmt.Sprintf("%s/index.md", sectionDir(p.section))
			} else {
				p.rel = fmt.Sprintf("%s/%s-%05d.md", sectionDir(p.section), slug(english, p.title), i)
			}
		}
		// Sizes from 2 to 30 KB, most of them small: the mean is near the
		// 7 KB of the measured docset.
		x := r.Float64()
		p.size = 2000 + int(28000*x*x*x*x*x)
		switch f := r.Float64(); {
		case f < 0.06:
			p.zones = true
		case f < 0.09 && i > 0:
			p.rangeTo = pick(r, []string{clouds[0].Name, clouds[0].Name, clouds[0].Name, clouds[1].Name, clouds[2].Name})
		}
		if p.rangeTo == "" {
			d.linkable = append(d.linkable, i)
		}
		d.pages = append(d.pages, p)
	}
	return d
}

func sectionDir(s int) string { return fmt.Sprintf("area-%02d", s+1) }

// Write generates a docset of opts.Pages pages per locale into dir (created
// if needed; files already there are overwritten, others are left alone).
func Write(dir string, opts Options) (Stats, error) {
	if opts.Pages < 1 {
		return Stats{}, fmt.Errorf("docgen: Pages must be at least 1, not %d", opts.Pages)
	}
	if opts.Locales == 0 {
		opts.Locales = 2
	}
	if opts.Locales < 1 || opts.Locales > len(locales) {
		return Stats{}, fmt.Errorf("docgen: Locales must be 1 to %d, not %d", len(locales), opts.Locales)
	}
	if opts.PlainMarkdown {
		opts.Locales = 1
	}
	d := plan(opts)
	w := &writer{root: dir}
	st := Stats{Pages: opts.Pages, Locales: opts.Locales, Includes: d.includes, Images: d.images}
	for li := 0; li < opts.Locales; li++ {
		loc := locales[li]
		base := filepath.Join("content", loc.Code)
		media := filepath.Join(base, "media")
		if opts.PlainMarkdown {
			base, media = "content", filepath.Join("static", "media")
		}
		incs := make([]string, d.includes)
		for k := range incs {
			incs[k] = d.include(loc, k)
			if !opts.PlainMarkdown {
				w.file(filepath.Join(base, "includes", incName(k)), incs[k], true)
			}
		}
		for k := 0; k < d.images; k++ {
			w.bytes(filepath.Join(media, imgName(k)), screenshot(opts.Seed, k))
		}
		for i := range d.pages {
			g := d.page(loc, i, incs)
			if li == 0 {
				st.Links += g.links
				st.IncludeUses += g.includeUses
				if d.pages[i].zones {
					st.ZonePages++
				}
				if d.pages[i].rangeTo != "" {
					st.RangePages++
				}
			}
			rel := d.pages[i].rel
			if opts.PlainMarkdown && filepath.Base(rel) == "index.md" {
				rel = strings.TrimSuffix(rel, "index.md") + "_index.md"
			}
			w.file(filepath.Join(base, filepath.FromSlash(rel)), g.String(), true)
		}
		if !opts.PlainMarkdown {
			tocs := d.tocs(loc)
			st.TOCs = len(tocs)
			for rel, text := range tocs {
				w.file(filepath.Join(base, filepath.FromSlash(rel)), text, false)
			}
		}
	}
	if !opts.PlainMarkdown {
		w.file("docloom.yaml", siteConfig(opts.Locales), false)
	}
	st.Files, st.MarkdownSize = w.files, w.markdown
	return st, w.err
}

// writer writes files and remembers the first error.
type writer struct {
	root     string
	files    int
	markdown int64
	err      error
	dirs     map[string]bool
}

func (w *writer) bytes(rel string, data []byte) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.root, rel)
	if dir := filepath.Dir(p); !w.dirs[dir] {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			w.err = err
			return
		}
		if w.dirs == nil {
			w.dirs = map[string]bool{}
		}
		w.dirs[dir] = true
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		w.err = err
		return
	}
	w.files++
}

func (w *writer) file(rel, text string, markdown bool) {
	w.bytes(rel, []byte(text))
	if markdown && w.err == nil {
		w.markdown += int64(len(text))
	}
}

// siteConfig is the docloom.yaml of a generated site.
func siteConfig(n int) string {
	var b strings.Builder
	b.WriteString("title: Generated docset\nbaseURL: https://docs.example.com/\n")
	fmt.Fprintf(&b, "defaultLocale: %s\ndefaultMoniker: %s\nlocales:\n", locales[0].Code, clouds[0].Name)
	for _, l := range locales[:n] {
		fmt.Fprintf(&b, "  - code: %s\n    name: %s\n    dir: ltr\n", l.Code, l.Name)
	}
	b.WriteString("monikers:\n")
	for _, c := range clouds {
		fmt.Fprintf(&b, "  - name: %s\n    display: %s\n", c.Name, c.Display)
	}
	return b.String()
}

func incName(k int) string { return fmt.Sprintf("inc-%03d.md", k+1) }
func imgName(k int) string { return fmt.Sprintf("screen-%03d.png", k+1) }

func clamp(x, lo, hi int) int { return max(lo, min(hi, x)) }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// words picks n word indices below limit (limit 64: nouns and verbs only).
func words(r *rand.Rand, n, limit int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = r.IntN(limit)
	}
	return out
}

// slug is an id made of the words at idx in vocabulary v.
func slug(v []string, idx []int) string {
	parts := make([]string, len(idx))
	for i, k := range idx {
		parts[i] = strings.ToLower(strings.ReplaceAll(v[k], " ", "-"))
	}
	return strings.Join(parts, "-")
}

// text writes the words at idx in locale l's vocabulary.
func (l locale) text(idx []int) string {
	parts := make([]string, len(idx))
	for i, k := range idx {
		parts[i] = l.words[k]
	}
	return strings.Join(parts, l.sep)
}

// title is text with a capital first letter.
func (l locale) title(idx []int) string {
	s := l.text(idx)
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
