package nav

// index builds, once, the reading order and the trail of every page; the
// renderers ask for them once per page and cloud, so a TOC of 1,760 items
// is walked once rather than 5,000 times.
func (t *TOC) index() {
	t.once.Do(func() {
		t.first = map[string]int{}
		t.trail = map[string][]*Item{}
		Walk(t.Items, func(it *Item, parents []*Item) bool {
			if it.Page == "" {
				return true
			}
			if _, seen := t.first[it.Page]; !seen {
				t.first[it.Page] = len(t.order)
				t.trail[it.Page] = append(append([]*Item(nil), parents...), it)
			}
			t.order = append(t.order, it)
			return true
		})
	})
}

// Trail returns the chain of items from a root item down to the first
// item (in reading order) that opens page, or nil when the TOC does not
// list it. Layouts use it to mark and expand the current entry and, when
// the docset has no breadcrumb file, as the breadcrumb.
func (t *TOC) Trail(page string) []*Item {
	if t == nil {
		return nil
	}
	t.index()
	return t.trail[page]
}

// PrevNext returns the items before and after page's first occurrence in
// reading order (depth-first, counting only items that open a page of the
// docset, and skipping items that open page itself). Either is nil at an
// end or when the TOC does not list page. It scans positions of the one
// reading order outwards and never restarts from another page's first
// occurrence, so a page listed twice cannot send it round in a circle; on
// a View every item it returns is a published page other than page.
func (t *TOC) PrevNext(page string) (prev, next *Item) {
	if t == nil {
		return nil, nil
	}
	t.index()
	i, ok := t.first[page]
	if !ok {
		return nil, nil
	}
	for j := i - 1; j >= 0; j-- {
		if t.order[j].Page != page {
			prev = t.order[j]
			break
		}
	}
	for j := i + 1; j < len(t.order); j++ {
		if t.order[j].Page != page {
			next = t.order[j]
			break
		}
	}
	return prev, next
}

// Filter returns a copy of the TOC keeping the items for which keep is
// true, typically "its monikerRange includes this cloud and its page is
// published in this cloud". Dropping an item drops its children; a group
// heading without a link whose children were all dropped is dropped too,
// so a cloud's TOC has no empty sections. The original is not changed.
func (t *TOC) Filter(keep func(*Item) bool) *TOC {
	if t == nil {
		return nil
	}
	return &TOC{File: t.File, MonikerRange: t.MonikerRange, Items: filterItems(t.Items, keep, 0)}
}

func filterItems(items []*Item, keep func(*Item) bool, depth int) []*Item {
	if depth > maxDepth*2 {
		return nil
	}
	var out []*Item
	for _, it := range items {
		if !keep(it) {
			continue
		}
		c := *it
		c.Items = filterItems(it.Items, keep, depth+1)
		if c.Href == "" && len(it.Items) > 0 && len(c.Items) == 0 {
			continue
		}
		out = append(out, &c)
	}
	return out
}
