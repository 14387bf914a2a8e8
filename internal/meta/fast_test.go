package meta

import (
	"github.com/docloom/docloom/internal/fixtures"
	"os"
	"reflect"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// agree checks the fast reader against yaml v3 on one header: when the fast
// path accepts it, both must give the same map.
func agree(t *testing.T, header string) bool {
	t.Helper()
	fast, ok := fastFrontMatter([]byte(header))
	if !ok {
		return false
	}
	var want map[string]any
	if err := yaml.Unmarshal([]byte(header), &want); err != nil {
		t.Fatalf("fast path accepted what YAML rejects (%v):\n%s", err, header)
	}
	if want == nil {
		want = map[string]any{}
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("fast path disagrees with YAML on\n%s\nfast: %#v\nyaml: %#v", header, fast, want)
	}
	return true
}

func TestFastFrontMatterTable(t *testing.T) {
	accepted := []string{
		"title: A page\nms.date: 7/28/2020\nms.locfileid: \"50907036\"\nf1.keywords:\n- NOCSH\nms.collection:\n  - A\n  - B\n",
		"ms.sourcegitcommit: 27b2b2e5c41934b918cac2c171556c45e36661bf\nempty:\nquoted: ''\n",
		"# a comment\ntitle: 'Single: quoted'\n",
	}
	for _, h := range accepted {
		if !agree(t, h) {
			t.Errorf("fast path gave up on\n%s", h)
		}
	}
	refused := []string{
		"n: 1\n", "b: true\n", "d: 2020-01-02\n", "f: 1.5\n", "x: 0x1F\n", "y: yes\n", "t: a: b\n",
		"c: value # comment\n", "nested:\n  k: v\n", "flow: [a, b]\n", "anchor: &a x\n", "esc: \"a\\tb\"\n",
		"dup: a\ndup: b\n", "block: |\n  text\n", "- top level list\n",
	}
	for _, h := range refused {
		if _, ok := fastFrontMatter([]byte(h)); ok {
			t.Errorf("fast path accepted\n%s", h)
		}
	}
}

// TestFastFrontMatterFixtures: the real pages' front matter is read by the
// fast path, and identically to yaml v3.
func TestFastFrontMatterFixtures(t *testing.T) {
	files := fixtures.Glob(t, "*/microsoft-365/admin/support/*.md")
	fast := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		body := string(Normalize(src))
		if !strings.HasPrefix(body, "---") {
			continue
		}
		rest := body[strings.Index(body, "\n")+1:]
		end := strings.Index(rest, "\n---")
		if end < 0 {
			continue
		}
		if agree(t, rest[:end+1]) {
			fast++
		}
	}
	if fast*10 < len(files)*9 {
		t.Errorf("the fast path read only %d of %d fixture headers", fast, len(files))
	}
}

func FuzzFastFrontMatter(f *testing.F) {
	f.Add("title: A\nlist:\n- a\n- b\n")
	f.Add("k: 'v'\nn: \"x\"\ne:\n")
	f.Add("a: 7/28/2020\nb: 1e5x\n")
	f.Fuzz(func(t *testing.T, h string) { agree(t, h) })
}
