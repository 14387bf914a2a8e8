package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// BenchmarkIndex measures the indexer alone (extract, analyse, write) on
// the pages of a built site: each top-level folder of a locale (a cloud or
// version) is one index, and each page's <article> stands for the body
// the build hands over. Identical bodies in several folders are analysed
// once, as the build does.
//
//	DOCLOOM_SEARCH_BENCH=/tmp/site/en-us go test ./internal/search -run '^$' -bench Index -benchtime 3x
func BenchmarkIndex(b *testing.B) {
	root := os.Getenv("DOCLOOM_SEARCH_BENCH")
	if root == "" {
		b.Skip("set DOCLOOM_SEARCH_BENCH to a built site's locale folder")
	}
	type page struct{ variant, rel, title, body string }
	var pages []page
	size := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		s := string(data)
		i, j := strings.Index(s, "<article"), strings.LastIndex(s, "</article>")
		if i < 0 || j < i {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		variant, rest, _ := strings.Cut(rel, string(filepath.Separator))
		title := ""
		if t := strings.Index(s, "<title>"); t >= 0 {
			if e := strings.Index(s[t:], "</title>"); e >= 0 {
				title = s[t+7 : t+e]
			}
		}
		pages = append(pages, page{variant, rest, title, s[i : j+10]})
		size += j + 10 - i
		return nil
	})
	sort.Slice(pages, func(i, j int) bool { return pages[i].variant+pages[i].rel < pages[j].variant+pages[j].rel })
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		var pool Pool
		indexes := map[string]*Index{}
		seen := map[string]*Entry{}
		for _, p := range pages {
			x := indexes[p.variant]
			if x == nil {
				x = NewIndex("en-us")
				indexes[p.variant] = x
			}
			text := Extract(p.body)
			e := seen[p.title+"\x00"+text.Text]
			if e == nil {
				a := pool.Get("en-us")
				e = a.AnalyzeText(p.title, "", text)
				pool.Put("en-us", a)
				seen[p.title+"\x00"+text.Text] = e
			}
			x.Put(Key(p.rel), Doc{URL: p.rel, Title: p.title}, e)
		}
		for _, x := range indexes {
			x.Write()
		}
		if lex := pool.lex["en-us"]; lex != nil {
			b.ReportMetric(float64(len(seen)), "analysed")
			b.ReportMetric(float64(len(lex.words)), "words")
			b.ReportMetric(float64(len(lex.stemStr)), "stems")
		}
	}
}
