package sitetest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/browsertest"
)

// TOMLTable is a table of a TOML document: string values and sub-tables.
type TOMLTable map[string]any

// ParseTOML reads the subset of TOML netlify.toml uses: [table] and
// [table.sub] headers, [[array]] tables, key = "basic string" pairs and
// # comments on their own lines. Anything else is an error, so the test
// notices when the file outgrows this reader.
func ParseTOML(src string) (TOMLTable, error) {
	root := TOMLTable{}
	cur := root
	var lastArray TOMLTable // the newest element of the last [[array]]
	var lastArrayName string
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[[") && strings.HasSuffix(line, "]]"):
			name := strings.TrimSpace(line[2 : len(line)-2])
			arr, _ := root[name].([]TOMLTable)
			lastArray, lastArrayName = TOMLTable{}, name
			root[name] = append(arr, lastArray)
			cur = lastArray
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			parts := strings.Split(strings.TrimSpace(line[1:len(line)-1]), ".")
			t := root
			if lastArray != nil && parts[0] == lastArrayName {
				t, parts = lastArray, parts[1:]
			}
			for _, p := range parts {
				sub, ok := t[p].(TOMLTable)
				if !ok {
					sub = TOMLTable{}
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

// Str looks up a dotted path of tables ending in a string value.
func (t TOMLTable) Str(path string) string {
	parts := strings.Split(path, ".")
	cur := t
	for _, p := range parts[:len(parts)-1] {
		next, ok := cur[p].(TOMLTable)
		if !ok {
			return ""
		}
		cur = next
	}
	s, _ := cur[parts[len(parts)-1]].(string)
	return s
}

// NetlifyConfig is the repository's netlify.toml.
type NetlifyConfig struct {
	Doc     TOMLTable
	Headers map[string]TOMLTable // "for" path -> values
}

// LoadNetlify reads netlify.toml at the repository's root.
func LoadNetlify(t *testing.T) NetlifyConfig {
	t.Helper()
	doc, err := ParseTOML(Read(t, filepath.Join(RepoRoot(), "netlify.toml")))
	if err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	c := NetlifyConfig{Doc: doc, Headers: map[string]TOMLTable{}}
	hs, _ := doc["headers"].([]TOMLTable)
	for _, h := range hs {
		v, _ := h["values"].(TOMLTable)
		c.Headers[h.Str("for")] = v
	}
	return c
}

// ServeWithHeaders serves a built site with netlify.toml's headers for
// "/*", so the browser enforces the real policy.
func ServeWithHeaders(t *testing.T, out string, headers TOMLTable) string {
	t.Helper()
	files := browsertest.Files(out)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			if s, ok := v.(string); ok {
				w.Header().Set(k, s)
			}
		}
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
