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
// view is a new TOC (File and MonikerRange are the original's).
func (t *TOC) View(inRange func(*Item) bool, published func(page string) bool) *TOC {
	if t == nil {
		return nil
	}
	return &TOC{File: t.File, MonikerRange: t.MonikerRange, Items: viewItems(t.Items, inRange, published, 0)}
}

func viewItems(items []*Item, inRange func(*Item) bool, published func(string) bool, depth int) []*Item {
	if depth > maxDepth*2 {
		return nil // deeper than any parser produces
	}
	var out []*Item
	for _, it := range items {
		if inRange != nil && !inRange(it) {
			continue
		}
		c := *it
		c.Items = viewItems(it.Items, inRange, published, depth+1)
		if c.Page != "" && published != nil && !published(c.Page) {
			if len(c.Items) == 0 {
				continue
			}
			c.Href, c.Page, c.Query, c.Fragment, c.External = "", "", "", "", false
		}
		if c.Page == "" && c.Href == "" && len(c.Items) == 0 && (len(it.Items) > 0 || c.UID == "") {
			continue // a heading with nothing under it
		}
		out = append(out, &c)
	}
	return out
}
