package urlpath

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"/en-us/o365/admin/get-help":  "/en-us/o365/admin/get-help",
		"/en-us/o365/c#":              "/en-us/o365/c%23",
		"/en-us/o365/what?":           "/en-us/o365/what%3F",
		"/en-us/o365/a b":             "/en-us/o365/a%20b",
		"/en-us/o365/100%20":          "/en-us/o365/100%2520",
		"/nl-nl/media/ü.png":          "/nl-nl/media/%C3%BC.png",
		"/en-us/o365/a;b,c":           "/en-us/o365/a%3Bb%2Cc",
		"/en-us/o365/admin/":          "/en-us/o365/admin/",
		"/en-us/o365/x+y=z&w@v:$!'()": "/en-us/o365/x+y=z&w@v%3A$%21%27%28%29",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzEscape: whatever the file names, the URL parses as a path alone (no
// query, no fragment, no scheme or host) and decodes back to the path.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"/en-us/a/b", "/c#", "/what?x=1", "/a b/%20", "/ü/日本", "/a:b", "//x", "/.."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if !utf8.ValidString(p) || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
			return // site paths are UTF-8 and root-relative
		}
		e := Escape(p)
		u, err := url.Parse(e)
		if err != nil {
			t.Fatalf("Escape(%q) = %q does not parse: %v", p, e, err)
		}
		if u.Scheme != "" || u.Host != "" || u.RawQuery != "" || u.Fragment != "" || u.Path != p {
			t.Fatalf("Escape(%q) = %q parses as %#v", p, e, u)
		}
		if strings.ContainsAny(e, " #?:\"<>\\^`{|}") {
			t.Fatalf("Escape(%q) = %q keeps a character URLs cannot carry", p, e)
		}
	})
}
