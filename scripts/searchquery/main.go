// searchquery answers queries from a built site's search index the way the
// browser does (internal/search's Searcher), for scripts/bench-search:
//
//	go run ./scripts/searchquery -site public -locale en-us -moniker powershell-7.4 -n 5 "remove a module" ...
//
// It prints, per query, a line "query<TAB>url<TAB>url..." and, with
// -bytes, the gzipped bytes the query fetched (manifest, chunks, metadata
// blocks and the fragments of the top results).
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/docloom/docloom/internal/search"
)

func main() {
	site := flag.String("site", "public", "built site folder")
	locale := flag.String("locale", "en-us", "locale")
	mon := flag.String("moniker", "", "moniker (cloud)")
	n := flag.Int("n", 5, "results per query")
	showBytes := flag.Bool("bytes", false, "print bytes fetched per query")
	stats := flag.Bool("stats", false, "print the index's size against the variant's HTML")
	flag.Parse()
	if *stats {
		printStats(*site, *locale, *mon)
		return
	}
	for _, q := range flag.Args() {
		fetched := map[string]int{}
		read := func(name string) ([]byte, error) {
			p := filepath.Join(*site, "_docloom", "search", *locale, name)
			if name == "" {
				p = filepath.Join(*site, "_docloom", "searchmeta", *locale, *mon+".json")
			}
			data, err := os.ReadFile(p)
			if err == nil {
				fetched[p] = gzSize(name, data)
			}
			return data, err
		}
		s, err := search.NewSearcher(read)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		hits, err := s.Search(search.ParseQuery(q))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var urls []string
		for i, h := range hits {
			if i >= *n {
				break
			}
			u, _, err := s.Meta(h.ID)
			if err != nil {
				continue
			}
			urls = append(urls, "/"+*locale+"/"+*mon+"/"+u)
			if at, err := s.Fragment(h.ID); err == nil {
				// A Range request: the fragment's bytes of its pack.
				p := filepath.Join(*site, "_docloom", "search", *locale, at.Pack)
				fetched[fmt.Sprintf("%s@%d", p, at.Off)] = at.Len
			}
		}
		line := q + "\t" + strings.Join(urls, "\t")
		if *showBytes {
			total := 0
			for _, v := range fetched {
				total += v
			}
			line = fmt.Sprintf("%s\t%d bytes in %d files", line, total, len(fetched))
		}
		fmt.Println(line)
	}
}

// gzSize is the size on the wire: hashed files are stored gzipped; the
// manifest is compressed by the server.
func gzSize(name string, data []byte) int {
	if name != "" {
		return len(data)
	}
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Len()
}

// printStats prints the bytes of the variant's index (manifest, chunks,
// metadata blocks and the fragments its pages use) and of its HTML.
func printStats(site, locale, mon string) {
	dir := filepath.Join(site, "_docloom", "search", locale)
	man, err := os.ReadFile(filepath.Join(site, "_docloom", "searchmeta", locale, mon+".json"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var m search.Manifest
	json.Unmarshal(man, &m)
	size := func(name string) int64 {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			return 0
		}
		return st.Size()
	}
	var chunks, blocks, frags int64
	for _, c := range m.Chunks {
		chunks += size(c[1])
	}
	s, _ := search.NewSearcher(func(name string) ([]byte, error) {
		if name == "" {
			return man, nil
		}
		return os.ReadFile(filepath.Join(dir, name))
	})
	seen := map[search.FragmentLoc]bool{}
	for _, b := range m.Blocks {
		blocks += size(b)
	}
	for id := 0; id < len(m.Blocks)*m.BlockDocs; id++ {
		if f, err := s.Fragment(id); err == nil && !seen[f] {
			seen[f] = true
			frags += int64(f.Len)
		}
	}
	var html int64
	filepath.WalkDir(filepath.Join(site, locale, mon), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			if st, err := d.Info(); err == nil {
				html += st.Size()
			}
		}
		return nil
	})
	total := int64(len(man)) + chunks + blocks + frags
	fmt.Printf("%s/%s: %d pages; index %.2f MB (manifest %d B, %d word chunks %.2f MB, %d blocks %.2f MB, %d fragments %.2f MB); HTML %.1f MB; index/HTML %.1f%%\n",
		locale, mon, m.Docs, mb(total), len(man), len(m.Chunks), mb(chunks), len(m.Blocks), mb(blocks), len(seen), mb(frags), mb(html), 100*float64(total)/float64(html))
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }
