package nav

// View returns the TOC as a reader of one cloud sees it, the model the
// sidebar, the TOC breadcrumb trail and previous/next are drawn from:
//
//   - an item for which inRange is false (its own monikerRange leaves the
//     cloud out) is dropped with its children, as on Learn;
//   - an item whose page is not published in the cloud (published is false)
//     keeps its name and its children but links nowhere: it becomes a group
//     heading, so a root item linking an unbuilt page does not take its
//     whole tree with it; without children it is dropped;
//   - a group heading left without children is dropped.
//
// Every item of the view that has a Page is therefore a published page of
// the cloud, and the view's Trail and PrevNext only ever name such pages.
// nil inRange or published accept everything. The TOC is not changed; the
// view is a new TOC (File and MonikerRange are the original's) that shares
// with it every item the view leaves as it was, children included: a
// docset's TOCs are viewed once per cloud, and in most clouds most items
// are unchanged (on a generated 20,000-page docset, copies of unchanged
// items were 26 MB of the heap through the rendering).
func (t *TOC) View(inRange func(*Item) bool, published func(page string) bool) *TOC {
	if t == nil {
		return nil
	}
	return &TOC{File: t.File, MonikerRange: t.MonikerRange, Items: viewItems(t.Items, inRange, published, 0)}
}

// viewItems returns items itself when the view keeps every one of them as
// it is; otherwise a new list (nil when it is empty).
func viewItems(items []*Item, inRange func(*Item) bool, published func(string) bool, depth int) []*Item {
	if depth > maxDepth*2 {
		return nil // deeper than any parser produces
	}
	var out []*Item
	changed := false
	for i, it := range items {
		v := viewItem(it, inRange, published, depth)
		if v != it && !changed {
			changed = true
			out = append(make([]*Item, 0, len(items)), items[:i]...)
		}
		if changed && v != nil {
			out = append(out, v)
		}
	}
	if !changed && len(items) > 0 {
		return items
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// viewItem returns it as the view has it: nil when dropped, it itself when
// unchanged, else a changed copy.
func viewItem(it *Item, inRange func(*Item) bool, published func(string) bool, depth int) *Item {
	if inRange != nil && !inRange(it) {
		return nil
	}
	kids := viewItems(it.Items, inRange, published, depth+1)
	hide := it.Page != "" && published != nil && !published(it.Page)
	page, href := it.Page, it.Href
	if hide {
		if len(kids) == 0 {
			return nil
		}
		page, href = "", ""
	}
	if page == "" && href == "" && len(kids) == 0 && (len(it.Items) > 0 || it.UID == "") {
		return nil // a heading with nothing under it
	}
	if !hide && sameItems(kids, it.Items) {
		return it
	}
	c := *it
	c.Items = kids
	if hide {
		c.Href, c.Page, c.Query, c.Fragment, c.External = "", "", "", "", false
	}
	return &c
}

// sameItems reports whether a and b are the same list (viewItems returned
// its input).
func sameItems(a, b []*Item) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
