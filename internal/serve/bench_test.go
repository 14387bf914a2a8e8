package serve

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/docgen"
)

// BenchmarkSaveToReload measures what an author waits for: from a file's
// save to the reload event reaching an open tab, on a generated docset of
// 2,000 pages (one locale, three clouds). The watcher's debounce (Quiet) is
// part of the figure, as it is for the author.
//
//	page:        one page edited
//	include-200: an include used by 200 pages edited
func BenchmarkSaveToReload(b *testing.B) {
	site := b.TempDir()
	if _, err := docgen.Write(site, docgen.Options{Pages: 2000, Locales: 1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	locale := filepath.Join(site, "content", "en-us")
	var pages []string
	filepath.WalkDir(locale, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && d.Name() != "index.md" &&
			!strings.Contains(p, string(filepath.Separator)+"includes"+string(filepath.Separator)) {
			pages = append(pages, p)
		}
		return nil
	})
	sort.Strings(pages)
	if len(pages) < 201 {
		b.Fatalf("docgen wrote only %d pages", len(pages))
	}
	// The include: appended to 200 pages spread over the docset.
	inc := filepath.Join(locale, "includes", "bench-shared.md")
	os.MkdirAll(filepath.Dir(inc), 0o755)
	os.WriteFile(inc, []byte("Shared text 0.\n"), 0o644)
	step := len(pages) / 200
	var users []string
	for i := 0; i < 200; i++ {
		p := pages[1+i*step]
		rel, _ := filepath.Rel(filepath.Dir(p), inc)
		data, _ := os.ReadFile(p)
		data = append(data, fmt.Sprintf("\n[!INCLUDE [shared](%s)]\n", filepath.ToSlash(rel))...)
		os.WriteFile(p, data, 0o644)
		users = append(users, p)
	}
	edited := pages[0]
	original, _ := os.ReadFile(edited)

	start := time.Now()
	srv, console := startServer(b, site)
	b.Logf("first build and start: %v\n%s", time.Since(start).Round(time.Millisecond), lastLines(console.String(), 3))
	tab := openEvents(b, srv, "/")

	urlOf := func(p string) string {
		rel, _ := filepath.Rel(locale, p)
		return "/" + strings.ToLower(strings.TrimSuffix(filepath.ToSlash(rel), ".md"))
	}
	// wait returns when a reload naming the page (in any cloud) arrives.
	var rebuild time.Duration
	var docs int64
	wait := func(b *testing.B, suffix string) {
		for {
			ev := tab.expect(b, "reload")
			for _, p := range ev.paths() {
				if strings.HasSuffix(p, suffix) {
					rebuild += time.Duration(srv.lastTook.Load())
					docs += srv.lastRendered.Load()
					return
				}
			}
		}
	}
	// report adds the share of the figure spent rebuilding, and how much
	// was re-rendered, beside the save-to-event time (ns/op).
	report := func(b *testing.B, n int) {
		b.ReportMetric(float64(rebuild.Milliseconds())/float64(n), "rebuild-ms/op")
		b.ReportMetric(float64(docs)/float64(n), "docs/op")
		rebuild, docs = 0, 0
	}

	b.Run("page", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			os.WriteFile(edited, append(append([]byte{}, original...), fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
			wait(b, urlOf(edited))
		}
		report(b, i)
	})
	b.Run("include-200", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			os.WriteFile(inc, fmt.Appendf(nil, "Shared text %d.\n", i), 0o644)
			wait(b, urlOf(users[len(users)/2]))
		}
		report(b, i)
	})
	b.Logf("last rebuilds:\n%s", lastLines(console.String(), 4))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// BenchmarkDocsetReload is the author's wait on a real docset, named by
// DOCLOOM_BENCH_SITE (a copy is edited): from a save to the reload event
// and the edited page's new bytes served (the tab's GET after the event),
// watcher debounce included.
//
//	page: a page listed in the docset's largest TOC edited
//	toc:  that TOC edited (every page of its locale gets new chrome)
//
//	DOCLOOM_BENCH_SITE=../shared/corpora/powershell-docs go test ./internal/serve -run '^$' -bench DocsetReload -benchtime 5x
func BenchmarkDocsetReload(b *testing.B) {
	src := os.Getenv("DOCLOOM_BENCH_SITE")
	if src == "" {
		b.Skip("set DOCLOOM_BENCH_SITE to a docset folder")
	}
	site := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(site, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	// The largest TOC, and the first page it lists that exists.
	var toc string
	var size int64
	filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(d.Name(), "toc.yml") {
			if info, err := d.Info(); err == nil && info.Size() > size {
				toc, size = p, info.Size()
			}
		}
		return nil
	})
	tocData, _ := os.ReadFile(toc)
	var page string
	for _, line := range strings.Split(string(tocData), "\n") {
		if _, href, ok := strings.Cut(line, "href:"); ok {
			href = strings.TrimSpace(href)
			if p := filepath.Join(filepath.Dir(toc), filepath.FromSlash(href)); strings.HasSuffix(href, ".md") {
				if _, err := os.Stat(p); err == nil {
					page = p
					break
				}
			}
		}
	}
	if page == "" {
		b.Fatalf("no page in %s", toc)
	}
	original, _ := os.ReadFile(page)
	name := strings.ToLower(strings.TrimSuffix(filepath.Base(page), ".md"))
	start := time.Now()
	srv, console := startServer(b, site)
	b.Logf("first build and start: %v\n%s", time.Since(start).Round(time.Millisecond), lastLines(console.String(), 2))
	b.Logf("page %s, TOC %s (%d bytes)", page, toc, size)
	tab := openEvents(b, srv, "/")
	var rebuild time.Duration
	var docs int64
	// wait returns once a reload names the page and its new bytes are served.
	wait := func(b *testing.B, marker string) {
		for {
			ev := tab.expect(b, "reload")
			for _, p := range ev.paths() {
				if strings.HasSuffix(p, "/"+name) {
					rebuild += time.Duration(srv.lastTook.Load())
					docs += srv.lastRendered.Load()
					if _, body := get(b, srv.URL()+strings.TrimPrefix(p, "/")); !strings.Contains(body, marker) {
						b.Fatalf("%s does not show %q after the reload", p, marker)
					}
					return
				}
			}
		}
	}
	report := func(b *testing.B, n int) {
		b.ReportMetric(float64(rebuild.Milliseconds())/float64(n), "rebuild-ms/op")
		b.ReportMetric(float64(docs)/float64(n), "docs/op")
		rebuild, docs = 0, 0
	}
	b.Run("page", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			marker := fmt.Sprintf("Edit number %d.", i)
			os.WriteFile(page, append(append([]byte{}, original...), "\n"+marker+"\n"...), 0o644)
			wait(b, marker)
		}
		report(b, i)
	})
	b.Run("toc", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			marker := fmt.Sprintf("Entry%d", i)
			os.WriteFile(toc, []byte(strings.Replace(string(tocData), "name: ", "name: "+marker+" ", 1)), 0o644)
			wait(b, marker)
		}
		report(b, i)
	})
	b.Logf("last rebuilds:\n%s", lastLines(console.String(), 4))
}
