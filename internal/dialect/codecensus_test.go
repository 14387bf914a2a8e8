package dialect

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/meta"
	"github.com/yuin/goldmark/ast"
)

// TestCodeCensus counts the fenced code blocks of a docset by language and
// says which are highlighted, plain on purpose (output, text, syntax) or
// plain because the language is unknown. It runs only when
// DOCLOOM_CODE_CENSUS names a folder:
//
//	DOCLOOM_CODE_CENSUS=../shared/corpora/powershell-docs go test ./internal/dialect -run CodeCensus -v
func TestCodeCensus(t *testing.T) {
	root := os.Getenv("DOCLOOM_CODE_CENSUS")
	if root == "" {
		t.Skip("set DOCLOOM_CODE_CENSUS to a docset folder")
	}
	d := New(testCatalog(t))
	type count struct {
		n     int
		state string
	}
	counts := map[string]*count{}
	pages, withCode := 0, 0
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		split, _ := meta.Split(p, src)
		doc := d.Parse(p, p, split.Body, split.BodyLine)
		pages++
		found := false
		_ = ast.Walk(doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			fc, ok := n.(*ast.FencedCodeBlock)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			found = true
			word := strings.ToLower(string(fc.Language(doc.Source)))
			l := lookupLanguage(word)
			state := "highlighted"
			switch {
			case word == "":
				state = "plain: no language"
			case !l.Highlighted() && l.Known:
				state = "plain on purpose"
			case !l.Highlighted():
				state = "plain: unknown language"
			}
			c := counts[word]
			if c == nil {
				c = &count{state: state}
				counts[word] = c
			}
			c.n++
			return ast.WalkSkipChildren, nil
		})
		if found {
			withCode++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	words := make([]string, 0, len(counts))
	total := 0
	for w, c := range counts {
		words = append(words, w)
		total += c.n
	}
	sort.Slice(words, func(i, j int) bool { return counts[words[i]].n > counts[words[j]].n })
	var b strings.Builder
	fmt.Fprintf(&b, "%d Markdown files, %d with fenced code, %d fenced blocks\n", pages, withCode, total)
	for _, w := range words {
		name := w
		if name == "" {
			name = "(none)"
		}
		fmt.Fprintf(&b, "%8d  %-14s %s\n", counts[w].n, name, counts[w].state)
	}
	t.Log("\n" + b.String())
}
