package render

import (
	"html/template"
	"sort"
	"strings"
	"sync"
)

// NavTree writes the sidebar's nested list in Go rather than with a
// recursive template: a docset's TOC has hundreds of entries and is laid out
// on every page in every cloud, and html/template's reflection made it the
// largest cost of a build. The markup is what layouts/partials/sidebar.html
// wraps: nested <ul>, a <details> per entry with children (open on the way
// to the current page), aria-current on the current page's link.
func NavTree(items []*NavItem) template.HTML {
	var b strings.Builder
	writeNav(&b, items)
	return template.HTML(b.String())
}

func writeNav(b *strings.Builder, items []*NavItem) {
	if len(items) == 0 {
		return
	}
	b.WriteString("<ul>")
	for _, it := range items {
		b.WriteString("<li>")
		if len(it.Items) > 0 {
			b.WriteString("<details")
			if it.Open {
				b.WriteString(" open")
			}
			b.WriteString("><summary>")
			writeNavLink(b, it)
			b.WriteString("</summary>")
			writeNav(b, it.Items)
			b.WriteString("</details>")
		} else {
			writeNavLink(b, it)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>")
}

func writeNavLink(b *strings.Builder, it *NavItem) {
	name := template.HTMLEscapeString(it.Name)
	if it.URL == "" {
		b.WriteString("<span>" + name + "</span>")
		return
	}
	b.WriteString(`<a href="` + template.HTMLEscapeString(it.URL) + `"`)
	if it.Current {
		b.WriteString(` aria-current="page"`)
	}
	if it.External {
		b.WriteString(` rel="noopener"`)
	}
	b.WriteString(">" + name + "</a>")
}

// HeadingList writes the entries of "In this article" (an <li> per h2/h3),
// for the same reason as NavTree: it is the longest list on most pages.
func HeadingList(hs []Heading) template.HTML {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(`<li class="level-`)
		b.WriteByte(byte('0' + h.Level%10))
		b.WriteString(`"><a href="#`)
		b.WriteString(template.HTMLEscapeString(h.ID))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(h.Text))
		b.WriteString("</a></li>")
	}
	return template.HTML(b.String())
}

// LinkList writes <li> entries for breadcrumbs and pickers: a link, or
// the current entry marked aria-current, or plain text when there is no URL.
func LinkList(ls []Link) template.HTML {
	var b strings.Builder
	for _, l := range ls {
		name := l.Name
		if name == "" {
			name = l.Display
		}
		name = template.HTMLEscapeString(name)
		b.WriteString("<li>")
		switch {
		case l.Current:
			b.WriteString(`<span aria-current="true">` + name + "</span>")
		case l.URL != "":
			b.WriteString(`<a href="` + template.HTMLEscapeString(l.URL) + `"`)
			if l.Code != "" && l.Display == "" {
				code := template.HTMLEscapeString(l.Code)
				b.WriteString(` hreflang="` + code + `" lang="` + code + `"`)
			}
			b.WriteString(">" + name + "</a>")
		default:
			b.WriteString(name)
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// Sidebar is a TOC rendered once for a locale and cloud; For marks one
// page in it (aria-current on its links, open <details> on the way to it)
// by inserting a few attributes at recorded offsets, so the cost per page
// is one copy of the markup instead of a walk over the whole TOC.
type Sidebar struct {
	html    string
	current map[string][]int // page -> offset just after its first link's href="…"
	open    map[string][]int // page -> offsets just after "<details" of that link's ancestors

	items []*NavItem

	// What Branch needs is made by its first call (branchOnce): a TOC
	// small enough to be repeated whole in its pages is only ever marked
	// by For, and most of a docset's TOCs are (on a generated
	// 20,000-page docset, 1,200 of its 1,203 sidebars, whose branch
	// markup was 30 MB of the heap through the rendering).
	branchOnce sync.Once
	path       map[string][]int // page -> indices of its first entry, from the top

	// off is each entry's markup as Branch writes it off the way to the
	// page ("<li>…</li>\n"), which is the same for every page: made once,
	// so a page's branch costs a walk down its own path and copies, not an
	// escape of every name and URL of the levels it shows.
	off map[*NavItem]string
	// levelLen is the size of a level's entries off the way (the sum of
	// their off markup), keyed by the level's first entry: what Branch
	// reserves for each level it shows, so the page's branch is made in
	// one allocation instead of a string builder's doublings.
	levelLen map[*NavItem]int
}

// NewSidebar renders items (whose Current and Open fields are ignored,
// except Open from an expanded TOC entry) and records where pages sit.
func NewSidebar(items []*NavItem) *Sidebar {
	s := &Sidebar{current: map[string][]int{}, open: map[string][]int{}, items: items}
	var b strings.Builder
	s.write(&b, items, nil)
	s.html = b.String()
	return s
}

// branches makes, once, what Branch copies from.
func (s *Sidebar) branches() {
	s.branchOnce.Do(func() {
		s.path = map[string][]int{}
		s.index(s.items, nil)
		s.off = map[*NavItem]string{}
		s.levelLen = map[*NavItem]int{}
		s.offAll(s.items)
	})
}

func (s *Sidebar) offAll(items []*NavItem) {
	n := 0
	for _, it := range items {
		n += len(s.offWay(it))
		s.offAll(it.Items)
	}
	if len(items) > 0 {
		s.levelLen[items[0]] = n
	}
}

// offWay makes (and keeps in s.off) the markup of it and of its entries
// off the way to any page.
func (s *Sidebar) offWay(it *NavItem) string {
	if h, ok := s.off[it]; ok {
		return h
	}
	var b strings.Builder
	b.WriteString("<li>")
	switch {
	case len(it.Items) > 0 && it.Open:
		b.WriteString("<details open><summary>")
		branchLink(&b, it, it.URL, false)
		b.WriteString("</summary><ul>")
		for _, c := range it.Items {
			b.WriteString(s.offWay(c))
		}
		b.WriteString("</ul></details>")
	case len(it.Items) > 0:
		u := it.URL
		if u == "" {
			u = firstURL(it.Items)
		}
		branchLink(&b, it, u, false)
	default:
		branchLink(&b, it, it.URL, false)
	}
	b.WriteString("</li>\n")
	h := b.String()
	s.off[it] = h
	return h
}

func (s *Sidebar) index(items []*NavItem, at []int) {
	for i, it := range items {
		here := append(at[:len(at):len(at)], i)
		if it.Page != "" && it.URL != "" && s.path[it.Page] == nil {
			s.path[it.Page] = here
		}
		s.index(it.Items, here)
	}
}

// HTML is the whole TOC with no page marked: the shared file a page's
// script loads in place of its Branch.
func (s *Sidebar) HTML() string { return s.html }

// Len is the size of the whole TOC's markup.
func (s *Sidebar) Len() int { return len(s.html) }

// Branch returns the part of the TOC a page carries inline when the whole
// TOC is loaded by the script: every top-level entry, and on the way to the
// page every entry of each level (with the page marked as For marks it).
// Entries with children off that way are links without their children, to
// their own page or else their first page, so a reader without JavaScript
// still reaches every page of the TOC by following links; entries the TOC
// expands keep their children.
func (s *Sidebar) Branch(page string) template.HTML {
	s.branches()
	var b strings.Builder
	path := s.path[page]
	b.Grow(s.branchLen(path))
	s.branch(&b, s.items, path)
	return template.HTML(b.String())
}

// branchLen is a bound, in most TOCs, on the size of the branch along
// path: each level's entries off the way, and room for the markup of the
// entry on the way at each level.
func (s *Sidebar) branchLen(path []int) int {
	items := s.items
	n := 0
	for i := 0; len(items) > 0; i++ {
		n += len("<ul></ul>") + s.levelLen[items[0]]
		if i >= len(path) || path[i] >= len(items) {
			break
		}
		it := items[path[i]]
		n += 2*len(it.Name) + 2*len(it.URL) + 128
		items = it.Items
	}
	return n
}

func (s *Sidebar) branch(b *strings.Builder, items []*NavItem, path []int) {
	if len(items) == 0 {
		return
	}
	b.WriteString("<ul>")
	for i, it := range items {
		if len(path) == 0 || path[0] != i {
			b.WriteString(s.off[it])
			continue
		}
		rest := path[1:]
		b.WriteString("<li>")
		if len(it.Items) > 0 {
			b.WriteString("<details open><summary>")
			branchLink(b, it, it.URL, len(rest) == 0)
			b.WriteString("</summary>")
			s.branch(b, it.Items, rest)
			b.WriteString("</details>")
		} else {
			branchLink(b, it, it.URL, len(rest) == 0)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>")
}

func branchLink(b *strings.Builder, it *NavItem, u string, current bool) {
	name := template.HTMLEscapeString(it.Name)
	if u == "" {
		b.WriteString("<span>" + name + "</span>")
		return
	}
	b.WriteString(`<a href="` + template.HTMLEscapeString(u) + `"`)
	if current {
		b.WriteString(` aria-current="page"`)
	}
	if it.External && u == it.URL {
		b.WriteString(` rel="noopener"`)
	}
	b.WriteString(">" + name + "</a>")
}

// firstURL is the URL of the first entry with one, depth first.
func firstURL(items []*NavItem) string {
	for _, it := range items {
		if it.URL != "" && !it.External {
			return it.URL
		}
		if u := firstURL(it.Items); u != "" {
			return u
		}
	}
	return ""
}

func (s *Sidebar) write(b *strings.Builder, items []*NavItem, ancestors []int) {
	if len(items) == 0 {
		return
	}
	b.WriteString("<ul>")
	for _, it := range items {
		b.WriteString("<li>")
		if len(it.Items) > 0 {
			b.WriteString("<details")
			at := b.Len()
			if it.Open {
				b.WriteString(" open")
			}
			b.WriteString("><summary>")
			s.link(b, it, ancestors)
			b.WriteString("</summary>")
			s.write(b, it.Items, append(ancestors[:len(ancestors):len(ancestors)], at))
			b.WriteString("</details>")
		} else {
			s.link(b, it, ancestors)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>")
}

func (s *Sidebar) link(b *strings.Builder, it *NavItem, ancestors []int) {
	name := template.HTMLEscapeString(it.Name)
	if it.URL == "" {
		b.WriteString("<span>" + name + "</span>")
		return
	}
	b.WriteString(`<a href="` + template.HTMLEscapeString(it.URL) + `"`)
	if it.Page != "" && s.current[it.Page] == nil {
		// A page listed twice is current at its first entry only, the
		// one its breadcrumb trail and previous/next follow.
		s.current[it.Page] = []int{b.Len()}
		s.open[it.Page] = append([]int(nil), ancestors...)
	}
	if it.External {
		b.WriteString(` rel="noopener"`)
	}
	b.WriteString(">" + name + "</a>")
}

// For returns the sidebar with page marked as the current one.
func (s *Sidebar) For(page string) template.HTML {
	type insert struct {
		at   int
		text string
	}
	var ins []insert
	for _, at := range s.current[page] {
		ins = append(ins, insert{at, ` aria-current="page"`})
	}
	seen := map[int]bool{}
	for _, at := range s.open[page] {
		if !seen[at] && !strings.HasPrefix(s.html[at:], " open") {
			seen[at] = true
			ins = append(ins, insert{at, " open"})
		}
	}
	if len(ins) == 0 {
		return template.HTML(s.html)
	}
	sort.Slice(ins, func(i, j int) bool { return ins[i].at < ins[j].at })
	var b strings.Builder
	b.Grow(len(s.html) + 32*len(ins))
	last := 0
	for _, x := range ins {
		b.WriteString(s.html[last:x.at])
		b.WriteString(x.text)
		last = x.at
	}
	b.WriteString(s.html[last:])
	return template.HTML(b.String())
}
