package docgen

import (
	"fmt"
	"math/rand/v2"
	"path"
	"strings"
)

// gen writes one Markdown file. All choices come from r in the same order
// whatever the locale and mode, so every locale (and the plain variant)
// gets the same structure; est counts the size as the English text would
// have it, so the page ends after the same blocks in every locale.
type gen struct {
	d     *docset
	loc   locale
	r     *rand.Rand
	out   *strings.Builder
	est   int
	plain bool
	from  string // the file's path in the locale folder, for relative links
	incs  []string
	// anchors are the page's heading ids outside moniker blocks, which
	// bookmarks may target in every cloud.
	anchors     []string
	links       int
	includeUses int
}

func (g *gen) String() string { return g.out.String() }

// raw writes markup.
func (g *gen) raw(s string) {
	g.out.WriteString(s)
	g.est += len(s)
}

func (g *gen) rawf(format string, args ...any) { g.raw(fmt.Sprintf(format, args...)) }

// words writes the locale's words for idx.
func (g *gen) words(idx []int) {
	g.out.WriteString(g.loc.text(idx))
	for _, k := range idx {
		g.est += len(english[k]) + 1
	}
}

// capture runs fn and returns what it wrote instead of writing it.
func (g *gen) capture(fn func()) string {
	saved := g.out
	g.out = &strings.Builder{}
	fn()
	s := g.out.String()
	g.out = saved
	return s
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// page writes page i of the plan in locale loc.
func (d *docset) page(loc locale, i int, incs []string) *gen {
	p := d.pages[i]
	g := &gen{d: d, loc: loc, out: &strings.Builder{}, plain: d.opts.PlainMarkdown, from: p.rel, incs: incs,
		r: rand.New(rand.NewPCG(uint64(d.opts.Seed), uint64(i)+1))}
	g.frontMatter(p)
	g.raw("# ")
	g.words(p.title)
	g.raw("\n\n")
	g.paragraph()
	g.heading(2, []int{70, 59}, "before-you-begin") // "check step"
	g.paragraph()
	if g.chance(0.25) {
		g.include()
		if g.chance(0.05) {
			g.include()
		}
	}
	zoneGroups := 0
	if p.zones {
		zoneGroups = 1 + g.r.IntN(3)
	}
	for n := 1; g.est < p.size || zoneGroups > 0; n++ {
		title := words(g.r, 2+g.r.IntN(3), 88)
		g.heading(2, title, fmt.Sprintf("%s-%d", slug(english, title), n))
		g.paragraph()
		g.blocks()
		if zoneGroups > 0 && (g.est >= p.size || g.chance(0.4)) {
			g.zoneGroup()
			zoneGroups--
		}
	}
	return g
}

func (g *gen) frontMatter(p pagePlan) {
	g.raw("---\ntitle: \"")
	g.words(p.title)
	g.raw("\"\ndescription: \"")
	g.words(words(g.r, 8+g.r.IntN(10), 96))
	g.raw("\"\n")
	date := fmt.Sprintf("%d/%d/%d", 1+g.r.IntN(12), 1+g.r.IntN(28), 2019+g.r.IntN(6))
	topic := pick(g.r, []string{"article", "article", "reference", "conceptual", "how-to"})
	if g.plain {
		g.raw("---\n")
		return
	}
	g.rawf("ms.date: %s\nms.topic: %s\nauthor: writer%d\nms.author: writer%d\nms.service: o365-administration\n",
		date, topic, g.r.IntN(40), g.r.IntN(40))
	region := strings.ToUpper(g.loc.Code[3:])
	g.rawf("ms.contentlocale: %s-%s\n", g.loc.Code[:2], region)
	if g.loc.Code != locales[0].Code {
		g.raw("ms.translationtype: MT\n")
	}
	g.raw("localization_priority: Normal\n")
	if p.rangeTo != "" {
		g.rawf("monikerRange: %s\n", p.rangeTo)
	}
	g.raw("---\n")
}

// heading writes a heading with an explicit Learn-style anchor (the id is
// English in every locale).
func (g *gen) heading(level int, title []int, id string) {
	g.raw(strings.Repeat("#", level) + " ")
	if id != "" {
		g.rawf(`<a name="%s"></a>`, id)
		g.anchors = append(g.anchors, id)
	}
	g.words(title)
	g.raw("\n\n")
}

// sentence writes a sentence with the inline markup of real pages: bold
// UI names, code, links to other pages, to headings and to the web.
func (g *gen) sentence() {
	n := 6 + g.r.IntN(12)
	w := words(g.r, n, 96)
	cut := 1 + g.r.IntN(n-1)
	g.words(w[:cut])
	g.raw(" ")
	switch x := g.r.Float64(); {
	case x < 0.14:
		g.link()
	case x < 0.24:
		g.raw("[")
		g.words(words(g.r, 2, 64))
		g.rawf("](https://www.contoso.com/%s/%d)", g.loc.Code, g.r.IntN(1000))
	case x < 0.27:
		g.raw("[")
		g.words(words(g.r, 2, 64))
		id := "before-you-begin" // every page has it, even before it is written
		if len(g.anchors) > 0 {
			id = pick(g.r, g.anchors)
		}
		g.rawf("](#%s)", id)
	case x < 0.40:
		g.raw("**")
		g.words(words(g.r, 2, 64))
		g.raw("**")
	case x < 0.46:
		g.rawf("`Set-%s -Identity %d`", english[g.r.IntN(64)], g.r.IntN(100))
	default:
		g.words(words(g.r, 1, 96))
	}
	g.raw(" ")
	g.words(w[cut:])
	g.raw(". ")
}

// link writes a link to another page (never to one limited by
// monikerRange, so every link is valid in every cloud).
func (g *gen) link() {
	t := g.d.linkable[g.r.IntN(len(g.d.linkable))]
	dest := relPath(g.from, g.d.pages[t].rel)
	if g.chance(0.15) {
		dest += "#before-you-begin"
	}
	g.raw("[")
	g.words(g.d.pages[t].title)
	g.rawf("](%s)", dest)
	g.links++
}

func (g *gen) paragraph() {
	n := 2 + g.r.IntN(4)
	for i := 0; i < n; i++ {
		g.sentence()
	}
	g.raw("\n\n")
}

// blocks writes what follows a section's first paragraph.
func (g *gen) blocks() {
	if g.chance(0.5) {
		g.paragraph()
	}
	if g.chance(0.3) {
		g.steps()
	}
	if g.chance(0.22) {
		g.alert()
	}
	if g.chance(0.12) {
		g.table()
	}
	if g.chance(0.2) {
		g.image()
	}
	if g.chance(0.06) {
		g.code()
	}
	if g.chance(0.08) {
		g.heading(3, words(g.r, 3, 88), "")
		g.paragraph()
	}
}

func (g *gen) steps() {
	n := 3 + g.r.IntN(5)
	for i := 1; i <= n; i++ {
		g.rawf("%d. ", i)
		g.words(words(g.r, 1, 64))
		g.raw(" **")
		g.words(words(g.r, 2, 64))
		g.raw("**. ")
		g.sentence()
		g.raw("\n")
	}
	g.raw("\n")
}

func (g *gen) alert() {
	total := 0
	for _, a := range alertKinds {
		total += a.weight
	}
	x := g.r.IntN(total)
	kind := alertKinds[0].kind
	for _, a := range alertKinds {
		if x < a.weight {
			kind = a.kind
			break
		}
		x -= a.weight
	}
	body := g.capture(func() {
		n := 1 + g.r.IntN(3)
		for i := 0; i < n; i++ {
			g.sentence()
		}
	})
	if g.plain {
		label := strings.ToUpper(kind[:1]) + strings.ToLower(kind[1:])
		g.out.WriteString("> **" + label + "**\n>\n> " + body + "\n\n")
		return
	}
	g.out.WriteString("> [!" + kind + "]\n> " + body + "\n\n")
}

// table writes a pipe table whose cells hold HTML as Learn tables do:
// <br/> line breaks and <ul> lists.
func (g *gen) table() {
	cols := 2 + g.r.IntN(3)
	rows := 3 + g.r.IntN(8)
	g.raw("|")
	for c := 0; c < cols; c++ {
		g.raw(" ")
		g.words(words(g.r, 1+g.r.IntN(2), 64))
		g.raw(" |")
	}
	g.raw("\n|" + strings.Repeat("---|", cols) + "\n")
	for i := 0; i < rows; i++ {
		g.raw("|")
		for c := 0; c < cols; c++ {
			g.raw(" ")
			switch x := g.r.Float64(); {
			case x < 0.25:
				g.words(words(g.r, 3, 96))
				g.raw("<br/>")
				g.words(words(g.r, 3, 96))
			case x < 0.35:
				g.raw("<ul><li>")
				g.words(words(g.r, 2, 64))
				g.raw("</li><li>")
				g.words(words(g.r, 2, 64))
				g.raw("</li></ul>")
			case x < 0.45:
				g.link()
			default:
				g.words(words(g.r, 1+g.r.IntN(5), 96))
			}
			g.raw(" |")
		}
		g.raw("\n")
	}
	g.raw("\n")
}

func (g *gen) image() {
	k := g.r.IntN(g.d.images)
	g.raw("![")
	g.words(words(g.r, 4, 96))
	g.rawf("](%s)\n\n", g.imagePath(k))
}

func (g *gen) imagePath(k int) string {
	if g.plain {
		return "/media/" + imgName(k)
	}
	return relPath(g.from, "media/"+imgName(k))
}

func (g *gen) code() {
	g.raw("```powershell\n")
	n := 1 + g.r.IntN(6)
	for i := 0; i < n; i++ {
		g.rawf("Get-%s -Identity \"%s\" | Set-%s -%s $true\n", english[g.r.IntN(64)],
			english[g.r.IntN(64)], english[g.r.IntN(64)], english[64+g.r.IntN(16)])
	}
	g.raw("```\n\n")
}

// include references one of the include files; a few of them serve most
// pages, as in real docsets.
func (g *gen) include() {
	x := g.r.Float64()
	k := int(float64(len(g.incs)) * x * x)
	title := words(g.r, 2, 64)
	g.includeUses++
	if g.plain {
		g.out.WriteString(g.incs[k] + "\n")
		g.est += len(g.incs[k])
		return
	}
	g.raw("[!INCLUDE [")
	g.words(title)
	g.rawf("](%s)]\n\n", relPath(g.from, "includes/"+incName(k)))
}

// zoneGroup writes the same passage for several clouds, the common Learn
// pattern: one block for worldwide and one or two for the sovereign clouds.
// The plain variant keeps only the worldwide text, without markers.
func (g *gen) zoneGroup() {
	for ci, c := range clouds {
		if ci > 0 && !g.chance(0.7) {
			continue
		}
		body := g.capture(func() {
			g.paragraph()
			if g.chance(0.4) {
				g.steps()
			}
			if g.chance(0.2) {
				g.table()
			}
		})
		switch {
		case g.plain && ci == 0:
			g.out.WriteString(body)
		case !g.plain:
			g.out.WriteString("::: moniker range=\"" + c.Name + "\"\n\n" + body + "::: moniker-end\n\n")
		}
	}
}

// include writes include file k of locale loc.
func (d *docset) include(loc locale, k int) string {
	g := &gen{d: d, loc: loc, out: &strings.Builder{}, plain: d.opts.PlainMarkdown, from: "includes/" + incName(k),
		r: rand.New(rand.NewPCG(uint64(d.opts.Seed), 1<<40+uint64(k))), anchors: []string{"before-you-begin"}}
	g.paragraph()
	if g.chance(0.5) {
		g.alert()
	}
	if g.chance(0.3) {
		g.steps()
	}
	if g.chance(0.3) {
		g.image()
	}
	return g.String()
}

// relPath is the relative link from the file at from to the file at to,
// both relative to the locale folder.
func relPath(from, to string) string {
	dir := path.Dir(from)
	if dir == "." {
		return to
	}
	if path.Dir(to) == dir {
		return path.Base(to)
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + to
}
