// Command docgen writes a synthetic Learn-shaped docset for benchmarks:
//
//	go run ./scripts/docgen -pages 2000 -locales 2 -out /tmp/docset
//	go run ./scripts/docgen -pages 2000 -plain -out /tmp/hugo-site
//
// See internal/docgen for what the docset holds.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/docloom/docloom/internal/docgen"
)

func main() {
	pages := flag.Int("pages", 500, "pages per locale")
	locales := flag.Int("locales", 2, "number of locales (1 to 5)")
	seed := flag.Int("seed", 1, "seed: another value gives another docset of the same shape")
	plain := flag.Bool("plain", false, "write plain Markdown for a general site generator (one locale, no dialect)")
	out := flag.String("out", "", "folder to write into (required)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "docgen: -out is required")
		flag.Usage()
		os.Exit(2)
	}
	st, err := docgen.Write(*out, docgen.Options{Pages: *pages, Locales: *locales, Seed: *seed, PlainMarkdown: *plain})
	if err != nil {
		fmt.Fprintln(os.Stderr, "docgen:", err)
		os.Exit(1)
	}
	fmt.Printf("%d pages x %d locales, %d includes, %d images, %d TOC files, %d pages with moniker blocks, %d with monikerRange, %d files, %.1f MB of Markdown\n",
		st.Pages, st.Locales, st.Includes, st.Images, st.TOCs, st.ZonePages, st.RangePages, st.Files, float64(st.MarkdownSize)/1e6)
}
