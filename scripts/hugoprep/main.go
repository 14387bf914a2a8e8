// Command hugoprep makes a Hugo site of the same pages and media as a
// docloom build of a real docset, for scripts/bench-vs-hugo:
//
//	hugoprep -docset DIR -built OUT -hugo HUGODIR
//
// The pages are the Markdown files docloom published (read from its output
// folder OUT: every <locale>/<cloud>/<path>.html, once, whatever the cloud),
// with their bodies as they are and their front matter cut down to the title
// and description (Hugo's YAML reader rejects what DocFX accepts, such as
// "- %", and treats keys like aliases specially). index.md becomes Hugo's
// _index.md so its folder's other pages stay pages. Every other file that
// is not Markdown, YAML or JSON (images and other media) goes to static/ at
// the same relative path, so Hugo copies the same media docloom does.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	docset := flag.String("docset", "", "the docset folder docloom built")
	built := flag.String("built", "", "docloom's output folder of that build")
	hugo := flag.String("hugo", "", "the Hugo site to write (content/ and static/)")
	flag.Parse()
	if *docset == "" || *built == "" || *hugo == "" {
		flag.Usage()
		os.Exit(2)
	}
	published, resources, err := publishedFiles(*built)
	if err != nil {
		fail(err)
	}
	pages, media := 0, 0
	err = filepath.WalkDir(*docset, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != *docset && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(*docset, p)
		rel = filepath.ToSlash(rel)
		switch ext := strings.ToLower(filepath.Ext(rel)); ext {
		case ".md":
			if !published[strings.ToLower(strings.TrimSuffix(rel, filepath.Ext(rel)))] {
				return nil
			}
			pages++
			target := rel
			if filepath.Base(rel) == "index.md" {
				target = filepath.Join(filepath.Dir(rel), "_index.md")
			}
			return writePage(p, filepath.Join(*hugo, "content", target))
		case ".yml", ".yaml", ".json":
			return nil
		default:
			if !resources[strings.ToLower(rel)] {
				return nil
			}
			media++
			return copyFile(p, filepath.Join(*hugo, "static", rel))
		}
	})
	if err != nil {
		fail(err)
	}
	fmt.Printf("%d pages, %d media files\n", pages, media)
}

// publishedFiles lists the docset paths (lower case) of what docloom's
// output holds: pages at <locale>/<cloud>/<path>.html (listed without the
// extension) and resources copied to <locale>/<path>.
func publishedFiles(out string) (pages, resources map[string]bool, err error) {
	pages, resources = map[string]bool{}, map[string]bool{}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "_docloom/") {
			return nil
		}
		if strings.HasSuffix(rel, ".html") {
			if parts := strings.SplitN(rel, "/", 3); len(parts) == 3 {
				pages[strings.TrimSuffix(parts[2], ".html")] = true
			}
		} else if _, inLocale, ok := strings.Cut(rel, "/"); ok {
			resources[inLocale] = true
		}
		return nil
	})
	return pages, resources, err
}

// writePage writes the page with only its title and description as front
// matter.
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
