package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// tomlTable is a table of a TOML document: string values and sub-tables.
type tomlTable map[string]any

// parseTOML reads the subset of TOML netlify.toml uses: [table] and
// [table.sub] headers, [[array]] tables, key = "basic string" pairs and
// # comments on their own lines. Anything else is an error, so the test
// notices when the file outgrows this reader.
func parseTOML(src string) (tomlTable, error) {
	root := tomlTable{}
	cur := root
	var lastArray tomlTable // the newest element of the last [[array]]
	var lastArrayName string
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[[") && strings.HasSuffix(line, "]]"):
			name := strings.TrimSpace(line[2 : len(line)-2])
			arr, _ := root[name].([]tomlTable)
			lastArray, lastArrayName = tomlTable{}, name
			root[name] = append(arr, lastArray)
			cur = lastArray
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			parts := strings.Split(strings.TrimSpace(line[1:len(line)-1]), ".")
			t := root
			if lastArray != nil && parts[0] == lastArrayName {
				t, parts = lastArray, parts[1:]
			}
			for _, p := range parts {
				sub, ok := t[p].(tomlTable)
				if !ok {
					sub = tomlTable{}
					t[p] = sub
				}
				t = sub
			}
			cur = t
		default:
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				return nil, fmt.Errorf("line %d: %q is not key = value", n+1, line)
			}
			s, err := strconv.Unquote(strings.TrimSpace(v))
			if err != nil || !strings.HasPrefix(strings.TrimSpace(v), `"`) {
				return nil, fmt.Errorf("line %d: value %s is not a basic string", n+1, strings.TrimSpace(v))
			}
			cur[strings.TrimSpace(k)] = s
		}
	}
	return root, nil
}

// str looks up a dotted path of tables ending in a string value.
func (t tomlTable) str(path string) string {
	parts := strings.Split(path, ".")
	cur := t
	for _, p := range parts[:len(parts)-1] {
		next, ok := cur[p].(tomlTable)
		if !ok {
			return ""
		}
		cur = next
	}
	s, _ := cur[parts[len(parts)-1]].(string)
	return s
}

func TestParseTOML(t *testing.T) {
	doc, err := parseTOML(`
# comment
[build]
  command = "go run ./cmd/docloom build"
[build.environment]
  GO_VERSION = "1.26.8"
[[headers]]
  for = "/a/*"
  [headers.values]
    X-A = "1 \"q\""
[[headers]]
  for = "/*"
`)
	if err != nil {
		t.Fatal(err)
	}
	hs := doc["headers"].([]tomlTable)
	if doc.str("build.environment.GO_VERSION") != "1.26.8" || len(hs) != 2 || hs[0].str("values.X-A") != `1 "q"` || hs[1].str("for") != "/*" {
		t.Errorf("parsed %#v", doc)
	}
	if _, err := parseTOML("x = 1"); err == nil {
		t.Error("a number value was accepted")
	}
}
