package serve

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func do(t *testing.T, method, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	n, _ := res.Body.Read(buf) // the event stream never ends: its first bytes are enough
	b.Write(buf[:n])
	return res, b.String()
}

// A page on another site that rebinds its domain name to 127.0.0.1 must not
// read the preview or its error stream; only GET and HEAD are answered.
func TestPreviewRefusesForeignHostsOriginsAndMethods(t *testing.T) {
	base := fakeServer(t, handlerFiles)
	for _, tc := range []struct {
		method, path string
		header       map[string]string
		status       int
		body         string
	}{
		{"GET", "/en-us/a/page", map[string]string{"Host": "rebind.attacker.example"}, 403, `Host "rebind.attacker.example" does not name this preview server`},
		{"GET", EventsPath, map[string]string{"Host": "rebind.attacker.example:1313"}, 403, "does not name this preview server"},
		{"GET", "/en-us/a/page", map[string]string{"Host": "localhost:1313"}, 200, "<p>page</p>"},
		{"GET", "/en-us/a/page", map[string]string{"Host": "docs.localhost"}, 200, "<p>page</p>"},
		{"GET", "/en-us/a/page", map[string]string{"Host": "[::1]:1313"}, 200, "<p>page</p>"},
		{"GET", "/en-us/a/page", nil, 200, "<p>page</p>"},
		{"GET", EventsPath, map[string]string{"Origin": "http://attacker.example"}, 403, "the event stream is for the preview's own pages"},
		{"GET", EventsPath, map[string]string{"Origin": "null"}, 403, "the event stream is for the preview's own pages"},
		{"GET", EventsPath, map[string]string{"Origin": base}, 200, "event: hello"},
		{"POST", EventsPath, nil, 405, "GET and HEAD only, not POST"},
		{"PUT", LiveReloadPath, nil, 405, "GET and HEAD only, not PUT"},
		{"DELETE", "/en-us/a/page", nil, 405, "GET and HEAD only"},
		{"OPTIONS", "/", nil, 405, "GET and HEAD only"},
	} {
		res, body := do(t, tc.method, base+tc.path, tc.header)
		if res.StatusCode != tc.status || !strings.Contains(body, tc.body) {
			t.Errorf("%s %s %v: %d %q, want %d with %q", tc.method, tc.path, tc.header, res.StatusCode, body, tc.status, tc.body)
		}
		if res.StatusCode == 405 && res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s: Allow %q", tc.method, tc.path, res.Header.Get("Allow"))
		}
	}
}

// The preview sends the production headers of netlify.toml (so a page
// that breaks the Content-Security-Policy shows it while previewing),
// except caching and the https upgrade.
func TestPreviewSendsProductionHeaders(t *testing.T) {
	repo, err := loadHeaders("../..")
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]string
	for _, r := range repo {
		if r.For == "/*" {
			all = r.Values
		}
	}
	if !reflect.DeepEqual(all, defaultHeaders[0].Values) {
		t.Errorf("defaultHeaders differ from netlify.toml's /* headers:\n%v\n%v", defaultHeaders[0].Values, all)
	}
	s := &Server{hub: newHub(), engine: &fakeEngine{files: handlerFiles}, client: []byte("/**/"), headers: repo}
	ts := httptest.NewServer(s)
	defer func() { s.hub.close(); ts.Close() }()
	for _, p := range []string{"/en-us/a/page", "/_docloom/main-ABC.css", "/nowhere"} {
		res, _ := do(t, "GET", ts.URL+p, nil)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "upgrade-insecure-requests") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if h.Get("X-Frame-Options") != "DENY" || h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: headers %v", p, h)
		}
	}
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/x/y", true}, {"/_docloom/main-*", "/_docloom/main-1.css", true}, {"/_docloom/main-*", "/_docloom/x", false},
		{"/:locale/404", "/en-us/404", true}, {"/:locale/404", "/en-us/x/404", false}, {"/a", "/a", true}, {"/a", "/ab", false},
	} {
		if got := netlifyMatch(tc.pattern, tc.path); got != tc.want {
			t.Errorf("netlifyMatch(%q, %q) = %v", tc.pattern, tc.path, got)
		}
	}
}

func TestNonLoopbackBindIsWarned(t *testing.T) {
	site := testSite(t)
	console := &syncBuffer{}
	srv, err := Start(Options{Site: site, Bind: "0.0.0.0", Port: 0, Log: console})
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()
	if !strings.Contains(console.String(), "warning: listening on 0.0.0.0, not on loopback") {
		t.Errorf("no warning:\n%s", console)
	}
	for bind, want := range map[string]bool{"127.0.0.1": true, "::1": true, "localhost": true, "0.0.0.0": false, "192.168.1.4": false, "::": false} {
		if isLoopback(bind) != want {
			t.Errorf("isLoopback(%q) != %v", bind, want)
		}
	}
}
