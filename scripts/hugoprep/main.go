// Command hugoprep makes a Hugo site of the same pages and media as a
// docloom build of a real docset, for scripts/bench-vs-hugo:
//
//	hugoprep -site DIR -hugo HUGODIR
//
// It discovers the site as docloom does (its config, or a bare DocFX
// docset, and docfx.json's content and resource globs). The pages are the
// docset's Markdown pages (not YAML landing pages or includes) at their
// published paths, with their bodies as they are and their front matter cut
// down to the title and description (Hugo's YAML reader rejects what DocFX
// accepts, such as "- %", and treats keys like aliases specially); index.md
// becomes Hugo's _index.md so its folder's other pages stay pages. The
// resources (images and other media) go to static/ at their published
// paths, so Hugo copies the same media docloom does. pages.tsv in the
// Hugo folder lists each page's source and Hugo file.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/docset"
)

func main() {
	site := flag.String("site", "", "the site or docset folder docloom builds")
	hugo := flag.String("hugo", "", "the Hugo site to write (content/ and static/)")
	flag.Parse()
	if *site == "" || *hugo == "" {
		flag.Usage()
		os.Exit(2)
	}
	s, ds := config.Load(*site)
	if s == nil {
		for _, d := range ds {
			if d.Severity == diag.Error {
				fmt.Fprintln(os.Stderr, d.String())
			}
		}
		fail(fmt.Errorf("%s is not a site", *site))
	}
	pages, media := 0, 0
	var list bytes.Buffer // pages.tsv: source and Hugo file of each page
	for _, loc := range s.Locales {
		set, _ := docset.Discover(s, loc)
		for _, f := range set.Pages {
			if f.Kind != docset.Page {
				continue
			}
			target := f.Pub
			if path.Base(target) == "index.md" {
				target = path.Join(path.Dir(target), "_index.md")
			}
			dst := filepath.Join(*hugo, "content", loc.Code, filepath.FromSlash(target))
			if err := writePage(f.Abs, dst); err != nil {
				fail(err)
			}
			fmt.Fprintf(&list, "%s\t%s\n", f.Abs, dst)
			pages++
		}
		for _, f := range set.Resources {
			if err := copyFile(f.Abs, filepath.Join(*hugo, "static", loc.Code, filepath.FromSlash(f.Pub))); err != nil {
				fail(err)
			}
			media++
		}
	}
	if err := os.WriteFile(filepath.Join(*hugo, "pages.tsv"), list.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("%d pages, %d media files\n", pages, media)
}

// writePage writes the page with only its title and description as front
// matter.
// inSet reports whether rel, or rel without some of its leading folders, is
// in set: a repository whose docfx.json lives in a subfolder publishes its
// files relative to that folder.
func inSet(set map[string]bool, rel string) bool {
	for {
		if set[rel] {
			return true
		}
		_, rest, ok := strings.Cut(rel, "/")
		if !ok {
			return false
		}
		rel = rest
	}
}

func writePage(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	body := data
	var title, desc string
	if rest, ok := bytes.CutPrefix(data, []byte("---")); ok {
		if i := bytes.Index(rest, []byte("\n---")); i >= 0 {
			for _, line := range strings.Split(string(rest[:i]), "\n") {
				k, v, _ := strings.Cut(strings.TrimRight(line, "\r"), ":")
				v = strings.Trim(strings.TrimSpace(v), `"'`)
				switch strings.TrimSpace(k) {
				case "title":
					title = v
				case "description":
					desc = v
				}
			}
			body = rest[i+4:]
			if j := bytes.IndexByte(body, '\n'); j >= 0 {
				body = body[j+1:]
			}
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\ntitle: %s\ndescription: %s\n---\n", strconv.Quote(title), strconv.Quote(desc))
	b.Write(body)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b.Bytes(), 0o644)
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "hugoprep:", err)
	os.Exit(1)
}
