package build

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/output"
	"github.com/docloom/docloom/internal/search"
)

// cacheSite has what a page's output depends on beyond its own file: an
// include (with a problem of its own, reported "included from" a page), a
// link into another page's bookmark, an xref by uid (its text is the
// target's title), moniker zones, a TOC, and a second locale in which a
// page not translated is shown from the default locale.
func cacheSite(t *testing.T) string {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml": "title: C\nlocales:\n  - code: en-us\n  - code: nl-nl\nmonikers:\n  - name: a\n  - name: b\n",
		"content/en-us/TOC.yml": "- name: First\n  href: first.md\n- name: Second\n  href: second.md\n" +
			"- name: Third\n  href: third.md\n- name: Fourth\n  href: fourth.md\n",
		"content/en-us/first.md": "---\ntitle: First\n---\n# First\n\n[to kept](second.md#kept) [to gone](second.md#gone)\n\n" +
			"[!INCLUDE [x](includes/shared.md)]\n\nSee <xref:second-uid>.\n",
		"content/en-us/second.md": "---\ntitle: Second\nuid: second-uid\n---\n# Second\n\n## Kept\n\n" +
			"::: moniker range=\"a\"\n\n## Only A\n\n::: moniker-end\n",
		"content/en-us/third.md":           "---\ntitle: Third\n---\n# Third\n\n[!INCLUDE [x](includes/shared.md)]\n\n[first](first.md)\n",
		"content/en-us/fourth.md":          "---\ntitle: Fourth\n---\n# Fourth\n\nNothing links here. [broken](nowhere.md)\n",
		"content/en-us/includes/shared.md": "Shared text with [a broken link](missing.md).\n\n## From include\n",
		"content/en-us/only-english.md":    "---\ntitle: Only English\n---\n# Only English\n\n[second](second.md#kept)\n",
		"content/nl-nl/first.md":           "---\ntitle: Eerste\n---\n# Eerste\n\n[twee](second.md#kept) [en](only-english.md)\n",
		"content/nl-nl/second.md":          "---\ntitle: Tweede\nuid: second-uid\n---\n# Tweede\n\n## Kept\n",
		"content/nl-nl/third.md":           "---\ntitle: Derde\n---\n# Derde\n\n[!INCLUDE [x](includes/shared.md)]\n",
		"content/nl-nl/fourth.md":          "---\ntitle: Vierde\n---\n# Vierde\n",
	})
	return site
}

// TestPageCacheMatchesCleanBuild edits a page, an include, a TOC, a link
// target's headings and its title, and a file the site did not have, one
// after the other; after each edit a rebuild into the existing output
// (which takes unchanged pages from its page cache) must give the same
// files, byte for byte, and the same diagnostics as a build into a new
// folder, and must not have rendered every page again.
func TestPageCacheMatchesCleanBuild(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = 0 // every edit moves a file time
	site := cacheSite(t)
	out := filepath.Join(t.TempDir(), "public")
	first := mustBuild(t, Options{Site: site, Out: out})
	if first.Reused != 0 {
		t.Fatalf("a first build reused %d pages", first.Reused)
	}
	edit := func(rel, from, to string) {
		t.Helper()
		p := filepath.Join(site, rel)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if from == "" {
			s += to
		} else if !strings.Contains(s, from) {
			t.Fatalf("%s has no %q", rel, from)
		} else {
			s = strings.Replace(s, from, to, 1)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name   string
		change func()
		reuse  bool // some pages must come from the cache
	}{
		{"nothing but a page body", func() { edit("content/en-us/fourth.md", "", "\nMore text.\n") }, true},
		{"a page's clouds (front matter)", func() { edit("content/en-us/second.md", "uid: second-uid\n", "uid: second-uid\nmonikerRange: a\n") }, false},
		{"front matter that is not YAML", func() { edit("content/en-us/fourth.md", "title: Fourth\n", "title: [Fourth\n") }, false},
		{"the front matter mended", func() { edit("content/en-us/fourth.md", "title: [Fourth\n", "title: Fourth\n") }, false},
		{"the configuration", func() { edit("docloom.yaml", "title: C\n", "title: Changed\n") }, false},
		{"an include", func() { edit("content/en-us/includes/shared.md", "Shared text", "Changed shared text") }, true},
		{"a heading that another page links to", func() { edit("content/en-us/second.md", "## Kept", "## Renamed") }, true},
		{"the heading back", func() { edit("content/en-us/second.md", "## Renamed", "## Kept") }, true},
		{"a TOC", func() { edit("content/en-us/TOC.yml", "name: Fourth", "name: The fourth") }, false},
		{"a page's title (xref text)", func() { edit("content/en-us/second.md", "title: Second", "title: Second page") }, false},
		{"a page that a link was missing", func() {
			os.WriteFile(filepath.Join(site, "content/en-us/nowhere.md"), []byte("# Now here\n"), 0o644)
		}, false},
		{"a translation's body", func() { edit("content/nl-nl/first.md", "", "\nMeer.\n") }, true},
	}
	for _, st := range steps {
		st.change()
		inc := mustBuild(t, Options{Site: site, Out: out})
		clean := filepath.Join(t.TempDir(), "clean")
		want := mustBuild(t, Options{Site: site, Out: clean})
		if st.reuse && inc.Reused == 0 {
			t.Errorf("after %s: no page came from the cache (%s)", st.name, inc.Summary())
		}
		// Every page's front matter is read from the cache unless its
		// bytes or the configuration changed.
		if st.name == "nothing but a page body" && inc.frontReused != inc.Pages-1 {
			t.Errorf("after %s: %d of %d pages' front matter came from the cache, want all but the edited one", st.name, inc.frontReused, inc.Pages)
		}
		if st.name == "the configuration" && inc.frontReused != 0 {
			t.Errorf("after %s: %d pages' front matter came from the cache", st.name, inc.frontReused)
		}
		if !slices.Equal(diagStrings(inc), diagStrings(want)) {
			t.Errorf("after %s: diagnostics differ\nrebuild:\n%s\nclean:\n%s", st.name,
				strings.Join(diagStrings(inc), "\n"), strings.Join(diagStrings(want), "\n"))
		}
		if !slices.Equal(inc.Files, want.Files) {
			t.Errorf("after %s: files differ\nrebuild: %v\nclean: %v", st.name, inc.Files, want.Files)
		}
		compareTrees(t, st.name, out, clean)
	}
}

// TestPageCacheIgnoresDamage: a damaged cache (cut short, bytes flipped) is
// not trusted: the build renders everything and is still correct.
func TestPageCacheIgnoresDamage(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = 0
	site := cacheSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: site, Out: out})
	data, err := os.ReadFile(filepath.Join(out, cacheName))
	if err != nil {
		t.Fatal(err)
	}
	if loadPageCache(data, func(name string) []byte { d, _ := os.ReadFile(filepath.Join(out, name)); return d }) == nil {
		t.Fatal("the cache just written does not load")
	}
	for name, bad := range map[string][]byte{
		"cut short":    data[:len(data)/2],
		"byte flipped": append(append([]byte(nil), data[:len(data)-10]...), append([]byte{data[len(data)-10] ^ 0xff}, data[len(data)-9:]...)...),
		"empty":        nil,
		"other format": []byte("docloom-cache 0\n" + string(data[len(cacheHeader):])),
	} {
		if loadPageCache(bad, nil) != nil {
			t.Errorf("%s: a damaged cache was loaded", name)
		}
	}
	// A damaged cache in the output folder: the next build renders all.
	os.WriteFile(filepath.Join(out, cacheName), data[:len(data)/2], 0o644)
	writeSite(t, site, map[string]string{"content/en-us/fourth.md": "---\ntitle: Fourth\n---\n# Fourth\n\nEdited.\n"})
	res := mustBuild(t, Options{Site: site, Out: out})
	if res.Reused != 0 {
		t.Errorf("pages came from a damaged cache: %s", res.Summary())
	}
	clean := filepath.Join(t.TempDir(), "clean")
	mustBuild(t, Options{Site: site, Out: clean})
	compareTrees(t, "damaged cache", out, clean)

	// Damaged search entry files and page files: the pages whose entries
	// they held are rendered again; the rest come from the cache.
	shards, _ := filepath.Glob(filepath.Join(out, cacheName+"-[0-9a-f][0-9a-f]"))
	if len(shards) != entryShards {
		t.Fatalf("%d entry files, want %d", len(shards), entryShards)
	}
	pageFiles, _ := filepath.Glob(filepath.Join(out, cacheName+"-p*"))
	if len(pageFiles) != pageShards {
		t.Fatalf("%d page entry files, want %d", len(pageFiles), pageShards)
	}
	for _, sh := range append(shards, pageFiles[:pageShards/2]...) {
		if data, _ := os.ReadFile(sh); len(data) > len(shardHeader)+40 {
			data[len(data)-1] ^= 0xff
			os.Remove(sh) // a link to the previous site's file: replace, do not write through
			os.WriteFile(sh, data, 0o644)
		}
	}
	writeSite(t, site, map[string]string{"content/en-us/fourth.md": "---\ntitle: Fourth\n---\n# Fourth\n\nEdited again.\n"})
	mustBuild(t, Options{Site: site, Out: out})
	clean = filepath.Join(t.TempDir(), "clean")
	mustBuild(t, Options{Site: site, Out: clean})
	compareTrees(t, "damaged entry files", out, clean)
}

// compareTrees fails unless the sites a and b hold the same files with the
// same bytes (docloom's own records aside).
func compareTrees(t *testing.T, what, a, b string) {
	t.Helper()
	list := func(root string) map[string][]byte {
		m := map[string][]byte{}
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || output.Own(info.Name()) {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			m[rel], _ = os.ReadFile(p)
			return nil
		})
		return m
	}
	x, y := list(a), list(b)
	for rel, data := range x {
		if other, ok := y[rel]; !ok {
			t.Errorf("after %s: %s is only in the rebuilt site", what, rel)
		} else if !bytes.Equal(data, other) {
			t.Errorf("after %s: %s differs from a clean build", what, rel)
		}
	}
	for rel := range y {
		if _, ok := x[rel]; !ok {
			t.Errorf("after %s: %s is missing from the rebuilt site", what, rel)
		}
	}
}

// TestPageCacheFilesReproducible: two builds of the same site write the same
// page cache files, byte for byte, and so does a rebuild that took pages
// from the cache and a clean build of the same state.
func TestPageCacheFilesReproducible(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = 0
	site := cacheSite(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	mustBuild(t, Options{Site: site, Out: a})
	mustBuild(t, Options{Site: site, Out: b})
	compareCaches(t, "two clean builds", a, b)

	writeSite(t, site, map[string]string{"content/en-us/fourth.md": "---\ntitle: Fourth\n---\n# Fourth\n\nEdited.\n"})
	if res := mustBuild(t, Options{Site: site, Out: a}); res.Reused == 0 {
		t.Fatalf("the rebuild took no page from the cache: %s", res.Summary())
	}
	c := filepath.Join(dir, "c")
	mustBuild(t, Options{Site: site, Out: c})
	compareCaches(t, "a rebuild and a clean build", a, c)
}

// compareCaches fails unless the output folders a and b hold the same page
// cache files with the same bytes.
func compareCaches(t *testing.T, what, a, b string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(a, cacheName+"*"))
	others, _ := filepath.Glob(filepath.Join(b, cacheName+"*"))
	if len(names) != 1+pageShards+entryShards || len(others) != len(names) {
		t.Fatalf("%s: %d and %d cache files, want %d", what, len(names), len(others), 1+pageShards+entryShards)
	}
	for _, n := range names {
		x, _ := os.ReadFile(n)
		y, err := os.ReadFile(filepath.Join(b, filepath.Base(n)))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s: %s differs (%d and %d bytes)", what, filepath.Base(n), len(x), len(y))
		}
	}
}

// TestExportSumTellsApart: every part of what other pages read of a page
// moves its export sum, the same parts spread differently over titles,
// headings and anchors never give the same sum, and the anchors' map
// order does not count.
func TestExportSumTellsApart(t *testing.T) {
	base := func() *Page {
		return &Page{Title: "A \"q\" é\x01", Monikers: 5, mayZone: true, anchors: map[string]bool{"a": true, "bc": true},
			Doc: &dialect.Doc{Headings: []dialect.Heading{{ID: "x", Level: 2, Text: "X y", Zone: 3, Explicit: true, Offset: 9}, {ID: "", Level: 1}}}}
	}
	edits := map[string]func(p *Page){
		"title":            func(p *Page) { p.Title = "A" },
		"monikers":         func(p *Page) { p.Monikers = 4 },
		"mayZone":          func(p *Page) { p.mayZone = false },
		"no doc":           func(p *Page) { p.Doc = nil },
		"no headings":      func(p *Page) { p.Doc.Headings = nil },
		"heading id":       func(p *Page) { p.Doc.Headings[0].ID = "y" },
		"heading level":    func(p *Page) { p.Doc.Headings[0].Level = 3 },
		"heading text":     func(p *Page) { p.Doc.Headings[0].Text = "X" },
		"heading zone":     func(p *Page) { p.Doc.Headings[0].Zone = 1 },
		"heading explicit": func(p *Page) { p.Doc.Headings[0].Explicit = false },
		"anchor":           func(p *Page) { p.anchors["c"] = true },
		"text into id":     func(p *Page) { p.Doc.Headings[0].ID, p.Doc.Headings[0].Text = "xX y", "" },
		"anchors split":    func(p *Page) { p.anchors = map[string]bool{"ab": true, "c": true} },
		"anchor to title":  func(p *Page) { p.Title += "a"; delete(p.anchors, "a") },
	}
	seen := map[[32]byte]string{exportSum(base()): "the page"}
	for what, edit := range edits {
		p := base()
		edit(p)
		s := exportSum(p)
		if other, ok := seen[s]; ok {
			t.Errorf("%s: the same export sum as %s", what, other)
		}
		seen[s] = what
	}
	p := base()
	p.Doc.Headings[0].Offset = 100
	p.anchors = map[string]bool{"bc": true, "a": true}
	if exportSum(p) != exportSum(base()) {
		t.Error("a heading's offset or the anchors' order moved the export sum")
	}
}

// TestFileEditedDuringBuild: a layout, an include or a code file saved
// while a build reads the site (within the file system's timestamp
// granularity, so its time cannot tell) must not leave a page cache that
// vouches for pages made from its old bytes: the next build shows the new
// ones.
func TestFileEditedDuringBuild(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = time.Hour // every file counts as just modified
	defer func() { testHookStage = nil }()
	for _, tc := range []struct {
		name, file, stage, old, new string
	}{
		{"layout after the layouts are read", "layouts/partials/footer.html", "layouts read",
			`{{define "footer"}}<footer class="site-footer">old footer</footer>{{end}}`,
			`{{define "footer"}}<footer class="site-footer">new footer</footer>{{end}}`},
		{"include after the pages are rendered", "content/en-us/includes/shared.md", "pages rendered",
			"Shared text, old include.\n", "Shared text, new include.\n"},
		{"code file after the pages are rendered", "content/en-us/snippet.ps1", "pages rendered",
			"Write-Output 'old code'\n", "Write-Output 'new code'\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			testHookStage = nil
			site := cacheSite(t)
			writeSite(t, site, map[string]string{
				tc.file: tc.old,
				"content/en-us/third.md": "---\ntitle: Third\n---\n# Third\n\n[!INCLUDE [x](includes/shared.md)]\n\n" +
					":::code language=\"powershell\" source=\"snippet.ps1\":::\n",
			})
			if !strings.HasPrefix(tc.file, "content/en-us/snippet") {
				writeSite(t, site, map[string]string{"content/en-us/snippet.ps1": "Write-Output 'code'\n"})
			}
			out := filepath.Join(t.TempDir(), "public")
			page := filepath.Join(out, "en-us", "a", "third.html")
			oldMark, newMark := marker(tc.old), marker(tc.new)

			mustBuild(t, Options{Site: site, Out: out})
			if again := mustBuild(t, Options{Site: site, Out: out}); again.Reused == 0 {
				t.Fatal("with every file recent but unchanged, the rebuild reused no page: the cache was not trusted")
			}
			testHookStage = func(stage string) {
				if stage != tc.stage {
					return
				}
				testHookStage = nil
				if err := os.WriteFile(filepath.Join(site, tc.file), []byte(tc.new), 0o644); err != nil {
					t.Error(err)
				}
			}
			// Into a new folder, so that every page is read and rendered
			// (none comes from a cache) before the edit.
			out = filepath.Join(t.TempDir(), "public")
			page = filepath.Join(out, "en-us", "a", "third.html")
			mustBuild(t, Options{Site: site, Out: out})
			if got := readFile(t, page); !strings.Contains(got, oldMark) {
				t.Fatalf("the build during the edit did not show %q, what it read: %s", oldMark, got)
			}
			next := mustBuild(t, Options{Site: site, Out: out})
			if got := readFile(t, page); !strings.Contains(got, newMark) {
				t.Errorf("the build after the edit still lacks %q (reused %d pages)", newMark, next.Reused)
			}
		})
	}
}

// marker is the words of a test file's text that its edit changes.
func marker(s string) string {
	for _, m := range []string{"old footer", "new footer", "old include", "new include", "old code", "new code"} {
		if strings.Contains(s, m) {
			return m
		}
	}
	return s
}

// TestRecentFilesKeepTheCache: a build made while the site's files were
// freshly written (a checkout just before it) leaves a cache the next
// build trusts once they are no longer recent; but a file edited again
// within the same tick of the clock, its size and time as they were, is
// told by its bytes.
func TestRecentFilesKeepTheCache(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	site := cacheSite(t)
	footer := filepath.Join(site, "layouts", "partials", "footer.html")
	writeSite(t, site, map[string]string{"layouts/partials/footer.html": `{{define "footer"}}<footer class="site-footer">old footer</footer>{{end}}`})
	out := filepath.Join(t.TempDir(), "public")
	page := filepath.Join(out, "en-us", "a", "first.html")

	racyWindow = time.Hour // the checkout: every file just written
	mustBuild(t, Options{Site: site, Out: out})
	racyWindow = 0 // later: none is recent any more
	if again := mustBuild(t, Options{Site: site, Out: out}); again.Reused == 0 {
		t.Fatal("the build after the checkout's build rendered every page again")
	}

	racyWindow = time.Hour
	mustBuild(t, Options{Site: site, Out: out})
	st, err := os.Stat(footer)
	if err != nil {
		t.Fatal(err)
	}
	// Same size, same time, same inode: only the bytes differ.
	if err := os.WriteFile(footer, []byte(`{{define "footer"}}<footer class="site-footer">new footer</footer>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(footer, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	racyWindow = 0
	next := mustBuild(t, Options{Site: site, Out: out})
	if got := readFile(t, page); !strings.Contains(got, "new footer") {
		t.Errorf("a layout edited within the same tick was not seen (reused %d pages)", next.Reused)
	}
}

// TestCheckoutWithinBudgetKeepsTheCache: a build right after a checkout
// hashes the recent files within a budget; a file walked twice (a
// locale's folder is inside the site's root) counts once. Counted twice,
// PowerShell-Docs (47 MiB, its docset folder inside the repository)
// passed the 64 MiB budget, so a build right after a clone saved no page
// cache and the next one rendered every page.
func TestCheckoutWithinBudgetKeepsTheCache(t *testing.T) {
	defer func(d time.Duration, n int64) { racyWindow, racySumBudget = d, n }(racyWindow, racySumBudget)
	site := cacheSite(t)
	var total int64
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	racySumBudget = total + total/4 // the site once, not twice
	out := filepath.Join(t.TempDir(), "public")
	racyWindow = time.Hour // the checkout: every file just written
	mustBuild(t, Options{Site: site, Out: out})
	racyWindow = 0
	if again := mustBuild(t, Options{Site: site, Out: out}); again.Reused == 0 {
		t.Fatalf("the build after the checkout's build rendered every page again (site %d bytes, budget %d)", total, racySumBudget)
	}
}

// TestCacheShardsReuseTheirBuffer: saving a page cache's shards allocates
// less than the bytes it writes (each shard is laid out in a buffer the
// shards before it used; see sealInto), and the files are the sealed
// payloads the decoders read. Growing and copying a buffer per shard
// allocated six times the cache's size at the end of a fresh build, when
// its memory peaks (0.8 GB on 20,000 pages).
func TestCacheShardsReuseTheirBuffer(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	out, err := output.Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	b := &builder{opts: Options{Workers: 1}}
	pc := &pageCache{pages: map[string]*cachedPage{}, entries: map[[32]byte]search.Stored{}}
	for i := 0; i < 4000; i++ {
		key := fmt.Sprintf("en-us/area-%02d/page-%05d.md", i%40, i)
		pc.pages[key] = &cachedPage{Src: sha256.Sum256([]byte(key)), Title: strings.Repeat("Title ", 8),
			Anchors: []string{"one", "two", "three"}, DepKeys: []string{"page:" + key},
			Docs: []cachedDoc{{Rel: strings.TrimSuffix(key, ".md") + ".html", Size: 20000, Indexed: true,
				Search: search.Doc{URL: "/" + key, Title: "T", Breadcrumb: []string{"Docs", "Area"}}}}}
		words := make([]uint32, 600)
		for j := range words {
			words[j] = uint32(j % 50)
		}
		pc.entries[sha256.Sum256([]byte(key))] = search.Stored{Strings: strings.Fields(strings.Repeat("word stem ", 25)),
			Stems: words[:50], Weights: make([]byte, 50), Words: words, Fragment: bytes.Repeat([]byte("f"), 2000), FragmentName: key}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := b.saveShards(out, pc, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.savePageShards(out, pc); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	var written int64
	for _, s := range pc.Shards {
		written += s.Size
	}
	for _, s := range pc.PageShards {
		written += s.Size
	}
	if alloc := int64(after.TotalAlloc - before.TotalAlloc); alloc > written {
		t.Errorf("saving %d bytes of cache shards allocated %d bytes", written, alloc)
	}
	var got int
	for i := 0; i < entryShards; i++ {
		data, err := os.ReadFile(filepath.Join(out.Path(), shardName(i)))
		if err != nil {
			t.Fatal(err)
		}
		payload, ok := opened(data, shardHeader)
		es, ok2 := decodeEntries(payload)
		if !ok || !ok2 {
			t.Fatalf("shard %d does not open", i)
		}
		got += len(es)
	}
	for i := 0; i < pageShards; i++ {
		data, err := os.ReadFile(filepath.Join(out.Path(), pageShardName(i)))
		if err != nil {
			t.Fatal(err)
		}
		payload, ok := opened(data, pageShardHeader)
		ps, ok2 := decodePages(payload)
		if !ok || !ok2 {
			t.Fatalf("page shard %d does not open", i)
		}
		got += len(ps)
	}
	if got != len(pc.pages)+len(pc.entries) {
		t.Errorf("shards hold %d entries, want %d", got, len(pc.pages)+len(pc.entries))
	}
}

// TestUnchangedPagesAreNotRead: a rebuild reads only the pages whose files
// are not as the previous build's walk saw them (size, times, inode); an
// edit that keeps the size and sets the modification time back is still
// seen (the change time moves), and a page modified within racyWindow of a
// walk is read by every build until a walk sees it older.
func TestUnchangedPagesAreNotRead(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = 0
	site := cacheSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: site, Out: out})
	fourth := filepath.Join(site, "content/en-us/fourth.md")
	// reads is how many page reads a rebuild makes (-1: every page once):
	// the edited page, and only-english.md, the source of a fallback copy,
	// which is always rendered.
	rebuild := func(what string, reads int) {
		t.Helper()
		inc := mustBuild(t, Options{Site: site, Out: out})
		if reads >= 0 && inc.pagesRead != reads {
			t.Errorf("after %s: %d pages read, want %d", what, inc.pagesRead, reads)
		}
		if reads < 0 && inc.pagesRead != inc.Pages {
			t.Errorf("after %s: %d pages read, want all %d", what, inc.pagesRead, inc.Pages)
		}
		clean := filepath.Join(t.TempDir(), "clean")
		want := mustBuild(t, Options{Site: site, Out: clean})
		if !slices.Equal(diagStrings(inc), diagStrings(want)) {
			t.Errorf("after %s: diagnostics differ from a clean build's", what)
		}
		compareTrees(t, what, out, clean)
	}
	appendTo := func(p, s string) {
		t.Helper()
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(data, s...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	appendTo(fourth, "\nMore text.\n")
	rebuild("one page's body", 2)

	// The same size and modification time, other bytes.
	info, err := os.Stat(fourth)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(fourth)
	os.WriteFile(fourth, bytes.Replace(data, []byte("More text."), []byte("Less text."), 1), 0o644)
	os.Chtimes(fourth, info.ModTime(), info.ModTime())
	rebuild("an edit that kept the size and time", 2)

	// Every file just modified: nothing is vouched for, by this build's
	// walk nor, for the next build, by this build's record.
	racyWindow = time.Hour
	appendTo(fourth, "\nRecent.\n")
	rebuild("an edit with every file recent", -1)
	racyWindow = 0
	appendTo(fourth, "\nLater.\n")
	rebuild("the build after", -1)
	appendTo(fourth, "\nLater still.\n")
	rebuild("the build after that", 2)
}
