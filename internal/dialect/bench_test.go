package dialect

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/docgen"
	"github.com/docloom/docloom/internal/meta"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// benchCorpus is one locale of a generated docset: page bodies (front
// matter removed) by path, and every file for the test Env's includes.
type benchCorpus struct {
	rels   []string
	bodies [][]byte
	files  map[string][]byte
	bytes  int64
}

func loadCorpus(b *testing.B, pages int) *benchCorpus {
	b.Helper()
	dir := b.TempDir()
	if _, err := docgen.Write(dir, docgen.Options{Pages: pages, Locales: 1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	root := filepath.Join(dir, "content", "en-us")
	c := &benchCorpus{files: map[string][]byte{}}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		c.files[rel] = src
		if strings.HasSuffix(rel, ".md") && !strings.HasPrefix(rel, "includes/") {
			split, _ := meta.Split(rel, src)
			c.rels = append(c.rels, rel)
			c.bodies = append(c.bodies, split.Body)
			c.bytes += int64(len(split.Body))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// report turns one-iteration-per-corpus timings into per-page figures.
func (c *benchCorpus) report(b *testing.B) {
	b.SetBytes(c.bytes)
	perPage := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(len(c.bodies))
	b.ReportMetric(perPage/1e3, "µs/page")
	b.ReportMetric(1e9/perPage, "pages/s")
}

// BenchmarkPage measures the cost per page of the dialect against the
// floor: bare goldmark (GFM, raw HTML) parsing and rendering the same
// bytes. Each iteration handles every page of a 300-page generated locale.
//
//	go test ./internal/dialect -run '^$' -bench Page -benchmem
func BenchmarkPage(b *testing.B) {
	c := loadCorpus(b, 300)
	bare := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
	b.Run("goldmark/parse", func(b *testing.B) {
		for b.Loop() {
			for _, body := range c.bodies {
				bare.Parser().Parse(text.NewReader(body))
			}
		}
		c.report(b)
	})
	b.Run("goldmark/parse+render", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			for _, body := range c.bodies {
				buf.Reset()
				if err := bare.Convert(body, &buf); err != nil {
					b.Fatal(err)
				}
			}
		}
		c.report(b)
	})
	cat := testCatalog(b)
	d := New(cat)
	b.Run("dialect/parse", func(b *testing.B) {
		for b.Loop() {
			for i, body := range c.bodies {
				d.Parse(c.rels[i], c.rels[i], body, 1)
			}
		}
		c.report(b)
	})
	for _, clouds := range []int{1, 3} {
		name := "dialect/parse+render"
		if clouds > 1 {
			name += "-3clouds"
		}
		b.Run(name, func(b *testing.B) {
			env := &testEnv{d: d, files: c.files, docs: map[string]*Doc{}}
			st := &State{Locale: "en-us", Env: env}
			r := d.NewRenderer(st)
			for b.Loop() {
				for i, body := range c.bodies {
					doc := d.Parse(c.rels[i], c.rels[i], body, 1)
					for m := 0; m < clouds; m++ {
						st.Moniker = m
						if _, err := r.Render(doc); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			if len(env.diags) > 0 {
				b.Errorf("generated pages gave diagnostics, first: %s", env.diags[0])
			}
			c.report(b)
		})
	}
}
