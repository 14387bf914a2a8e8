package e2e

import (
	"testing"
)

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
	if doc.Str("build.environment.GO_VERSION") != "1.26.8" || len(hs) != 2 || hs[0].Str("values.X-A") != `1 "q"` || hs[1].Str("for") != "/*" {
		t.Errorf("parsed %#v", doc)
	}
	if _, err := parseTOML("x = 1"); err == nil {
		t.Error("a number value was accepted")
	}
}
