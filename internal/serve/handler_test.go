package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/config"
)

// fakeEngine is an Engine over a fixed map of outputs.
type fakeEngine struct {
	files map[string]string
	site  *config.Site
}

func (f *fakeEngine) Update([]string) (*build.Result, Changes) { return &build.Result{}, Changes{} }
func (f *fakeEngine) Roots() []string                          { return nil }
func (f *fakeEngine) Site() *config.Site                       { return f.site }
func (f *fakeEngine) Lookup(rel string) ([]byte, bool) {
	s, ok := f.files[rel]
	return []byte(s), ok
}

func fakeServer(t *testing.T, files map[string]string) string {
	t.Helper()
	site := &config.Site{DefaultLocale: "en-us", Locales: []config.Locale{{Code: "en-us"}, {Code: "nl-nl"}}}
	s := &Server{hub: newHub(), engine: &fakeEngine{files: files, site: site}, client: []byte("/*client*/")}
	ts := httptest.NewServer(s)
	t.Cleanup(func() { s.hub.close(); ts.Close() })
	return ts.URL
}

// rawGet sends the request line exactly as given, so that neither the
// client nor URL parsing cleans the path first.
func rawGet(t *testing.T, base, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", target)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

var handlerFiles = map[string]string{
	"index.html":                  "<html><body>home</body></html>",
	"en-us/a/page.html":           "<html><body><p>page</p></BODY></html>",
	"en-us/a/index.html":          "<html><body><p>folder a</p></body></html>",
	"en-us/404.html":              "<html><body>english not found</body></html>",
	"nl-nl/404.html":              "<html><body>niet gevonden</body></html>",
	"_docloom/main-ABC.css":       "body{}",
	"_docloom/main-ABC.js":        "1",
	"en-us/media/logo.svg":        "<svg/>",
	"en-us/snippets/get-open.ps1": "Get-Thing",
}

func TestServesOutputsWithLiveReload(t *testing.T) {
	base := fakeServer(t, handlerFiles)
	tests := []struct {
		path, ctype, body string
	}{
		{"/", "text/html; charset=utf-8", "home" + ScriptTag + "</body>"},
		{"/en-us/a/page", "text/html; charset=utf-8", "<p>page</p>" + ScriptTag + "</BODY>"},
		{"/en-us/a/page.html", "text/html; charset=utf-8", ScriptTag},
		{"/en-us/a/", "text/html; charset=utf-8", "folder a"},
		{"/_docloom/main-ABC.css", "text/css; charset=utf-8", "body{}"},
		{"/_docloom/main-ABC.js", "text/javascript; charset=utf-8", "1"},
		{"/en-us/media/logo.svg", "image/svg+xml", "<svg/>"},
		{"/en-us/snippets/get-open.ps1", "text/plain; charset=utf-8", "Get-Thing"},
		{LiveReloadPath, "text/javascript; charset=utf-8", "/*client*/"},
	}
	for _, tc := range tests {
		res, err := http.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != tc.ctype || !strings.Contains(string(body), tc.body) {
			t.Errorf("GET %s: %d %q %q", tc.path, res.StatusCode, res.Header.Get("Content-Type"), body)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control %q", tc.path, cc)
		}
		if res.Header.Get("ETag") != "" || res.Header.Get("Last-Modified") != "" {
			t.Errorf("GET %s sends validators", tc.path)
		}
	}
}

// A folder page is served at "/x/" and a page file at "/x", as Netlify
// does; the other form redirects, keeping the query, so that relative links
// in the page resolve as they will when deployed.
func TestSlashFormsRedirect(t *testing.T) {
	base := fakeServer(t, handlerFiles)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct{ path, want string }{
		{"/en-us/a?x=1", "/en-us/a/?x=1"},
		{"/en-us/a/page/?x=1", "/en-us/a/page?x=1"},
		{"/en-us/a/page/", "/en-us/a/page"},
	} {
		res, err := client.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != tc.want {
			t.Errorf("GET %s: got %d to %q, want 302 to %q", tc.path, res.StatusCode, res.Header.Get("Location"), tc.want)
		}
	}
}

func TestNotFoundUsesTheLocalesPage(t *testing.T) {
	tests := []struct {
		files map[string]string
		path  string
		want  string
	}{
		{handlerFiles, "/nl-nl/a/nope/", "niet gevonden"},
		{handlerFiles, "/NL-NL/a/nope/", "niet gevonden"},
		{handlerFiles, "/en-us/nope", "english not found"},
		{handlerFiles, "/fr-fr/nope", "english not found"}, // not a site locale: the default's
		{handlerFiles, "/nope", "english not found"},
		{map[string]string{}, "/nl-nl/<b>nope", "Page not found"}, // built-in page
	}
	for _, tc := range tests {
		base := fakeServer(t, tc.files)
		code, body := rawGet(t, base, tc.path)
		if code != 404 || !strings.Contains(body, tc.want) || !strings.Contains(body, ScriptTag) {
			t.Errorf("GET %s: %d %q", tc.path, code, body)
		}
		if strings.Contains(body, "<b>") {
			t.Errorf("GET %s: the path is echoed unescaped: %q", tc.path, body)
		}
	}
}

func TestNeverServesOutsideTheOutput(t *testing.T) {
	files := map[string]string{"en-us/a/page/index.html": "<body>page</body>"}
	base := fakeServer(t, files)
	for _, target := range []string{
		"/../../../../etc/passwd",
		"/en-us/../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/en-us/%2E%2E/%2e%2e/etc/passwd",
		"/en-us%2fa%2fpage%2findex.html",
		"/en-us%2Fa/page/",
		"/..%5c..%5cetc%5cpasswd",
		"/en-us\\a\\page\\index.html",
		"/en-us/./a/page/",
		"//etc/passwd",
		"/C:/Windows/win.ini",
		"/en-us/a/page/%00",
		"/etc/passwd",
	} {
		code, body := rawGet(t, base, target)
		if code == 200 || strings.Contains(body, "root:") || (code != 404 && code != 400) {
			t.Errorf("GET %s: %d %q", target, code, body)
		}
	}
}

func TestOutputPath(t *testing.T) {
	tests := []struct{ escaped, decoded, want string }{
		{"/", "/", "index.html"},
		{"/x/", "/x/", "x/index.html"},
		{"/x", "/x", "x"},
		{"/a%20b/", "/a b/", "a b/index.html"},
		{"/%2e%2e/x", "/../x", ""},
		{"/a%2fb", "/a/b", ""},
		{"/a/../b", "/a/../b", ""},
		{"/a//b", "/a//b", ""},
		{"/a\\b", "/a\\b", ""},
		{"x", "x", ""},
	}
	for _, tc := range tests {
		if got := OutputPath(tc.escaped, tc.decoded); got != tc.want {
			t.Errorf("OutputPath(%q) = %q, want %q", tc.escaped, got, tc.want)
		}
	}
}

// FuzzOutputPath checks that no request path maps outside the output.
func FuzzOutputPath(f *testing.F) {
	for _, s := range []string{"/", "/x/", "/%2e%2e/", "/a/../b", "/a\\b", "/C:/x", "/a//b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		rel := OutputPath(p, p)
		if rel == "" {
			return
		}
		if strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || strings.Contains(rel, ":") {
			t.Fatalf("%q -> %q", p, rel)
		}
		for _, seg := range strings.Split(rel, "/") {
			if seg == ".." || seg == "." {
				t.Fatalf("%q -> %q", p, rel)
			}
		}
	})
}

func TestInject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<body>a</body></html>", "<body>a" + ScriptTag + "</body></html>"},
		{"<p>no body", "<p>no body" + ScriptTag},
		{"<body><pre>&lt;/body&gt;</pre></body>", "<body><pre>&lt;/body&gt;</pre>" + ScriptTag + "</body>"},
	}
	for _, tc := range tests {
		if got := string(inject([]byte(tc.in))); got != tc.want {
			t.Errorf("inject(%q) = %q", tc.in, got)
		}
	}
}

func TestURLPath(t *testing.T) {
	for rel, want := range map[string]string{
		"index.html":             "/",
		"en-us/a/x/index.html":   "/en-us/a/x/",
		"en-us/a/x.html":         "/en-us/a/x",
		"en-us/404.html":         "/en-us/404",
		"en-us/media/a.svg":      "/en-us/media/a.svg",
		"_docloom/main-ABCD.css": "/_docloom/main-ABCD.css",
	} {
		if got := URLPath(rel); got != want {
			t.Errorf("URLPath(%q) = %q, want %q", rel, got, want)
		}
	}
}

// TestServesRanges: a file other than a page answers a Range request with
// 206 and those bytes alone (the search box reads a text fragment so from
// its pack); without Range, the whole file.
func TestServesRanges(t *testing.T) {
	pack := "0123456789abcdefghij"
	base := fakeServer(t, map[string]string{"_docloom/search/en-us/p.bin": pack, "en-us/a.html": "<p>page</p>"})
	get := func(path, rng string) (int, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if rng != "" {
			req.Header.Set("Range", rng)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if cc := res.Header.Get("Cache-Control"); res.StatusCode < 300 && cc != "no-store" {
			t.Errorf("GET %s: Cache-Control %q", path, cc)
		}
		return res.StatusCode, string(body)
	}
	if code, body := get("/_docloom/search/en-us/p.bin", "bytes=5-9"); code != http.StatusPartialContent || body != "56789" {
		t.Errorf("Range bytes=5-9: %d %q, want 206 %q", code, body, "56789")
	}
	if code, body := get("/_docloom/search/en-us/p.bin", ""); code != 200 || body != pack {
		t.Errorf("no Range: %d %q", code, body)
	}
	if code, _ := get("/_docloom/search/en-us/p.bin", "bytes=50-60"); code != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("a range past the end: %d, want 416", code)
	}
	if code, body := get("/en-us/a", "bytes=0-2"); code != 200 || !strings.Contains(body, ScriptTag) {
		t.Errorf("a page asked for a range: %d %q, want the whole page with the live reload script", code, body)
	}
}
