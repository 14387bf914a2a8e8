package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// allowed answers the requests the preview serves and refuses the rest,
// saying why: only GET and HEAD (405), only Host values that name this
// server (403: a page on another site that rebinds its own domain name to
// 127.0.0.1 would otherwise read the preview and its live error stream),
// and on the event stream only the preview's own Origin.
func (s *Server) allowed(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "docloom serve answers GET and HEAD only, not "+r.Method, http.StatusMethodNotAllowed)
		return false
	}
	if !s.hostAllowed(r.Host) {
		http.Error(w, fmt.Sprintf("docloom serve: Host %q does not name this preview server; open it as %s", r.Host, s.url), http.StatusForbidden)
		return false
	}
	if r.URL.Path == EventsPath {
		if o := r.Header.Get("Origin"); o != "" {
			u, err := url.Parse(o)
			if err != nil || u.Host != r.Host || (u.Scheme != "http" && u.Scheme != "https") {
				http.Error(w, fmt.Sprintf("docloom serve: the event stream is for the preview's own pages, not for %q", o), http.StatusForbidden)
				return false
			}
		}
	}
	return true
}

// hostAllowed reports whether a Host header names this server: an IP
// address (a DNS rebinding attack needs a domain name, and an address is
// what the browser was pointed at), localhost and its subdomains, the name
// given to --bind, or this machine's name.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	switch {
	case host == "":
		return false
	case net.ParseIP(host) != nil:
		return true
	case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		return true
	case host == strings.ToLower(s.opts.Bind):
		return true
	}
	if name, err := os.Hostname(); err == nil && strings.EqualFold(host, name) {
		return true
	}
	return false
}

// isLoopback reports whether bind listens on this machine only.
func isLoopback(bind string) bool {
	if strings.EqualFold(bind, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(bind, "[]"))
	return ip != nil && ip.IsLoopback()
}

// headerRule is one [[headers]] table of netlify.toml: values sent for the
// paths that match for.
type headerRule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// defaultHeaders are the response headers of docloom's own deployment
// (netlify.toml at the repository root; a test keeps them equal), sent
// when the site has no netlify.toml: its pages are made to work under
// this policy, and the preview shows where they do not.
var defaultHeaders = []headerRule{{For: "/*", Values: map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; connect-src 'self'; media-src 'self' https:; frame-src https:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
	"X-Content-Type-Options":  "nosniff",
	"Referrer-Policy":         "strict-origin-when-cross-origin",
	"X-Frame-Options":         "DENY",
	"Permissions-Policy":      "camera=(), microphone=(), geolocation=()",
}}}

// loadHeaders reads the [[headers]] of the site's netlify.toml, so that
// the preview answers with the headers production will (a page that
// breaks its Content-Security-Policy shows it while previewing), else
// docloom's defaults.
func loadHeaders(root string) ([]headerRule, error) {
	data, err := os.ReadFile(filepath.Join(root, "netlify.toml"))
	if os.IsNotExist(err) {
		return defaultHeaders, nil
	}
	if err != nil {
		return defaultHeaders, err
	}
	var f struct {
		Headers []headerRule `toml:"headers"`
	}
	if _, err := toml.Decode(string(data), &f); err != nil {
		return defaultHeaders, fmt.Errorf("netlify.toml: %v (the preview sends docloom's default headers)", err)
	}
	return f.Headers, nil
}

// setHeaders sets the production headers that apply to urlPath, except
// those the preview must not copy: caching (a preview is never cached) and
// upgrade-insecure-requests (the preview is plain http, and on a network
// address the browser would upgrade every stylesheet and script to https).
func setHeaders(h http.Header, rules []headerRule, urlPath string) {
	for _, rule := range rules {
		if !netlifyMatch(rule.For, urlPath) {
			continue
		}
		for k, v := range rule.Values {
			switch http.CanonicalHeaderKey(k) {
			case "Cache-Control":
				continue
			case "Content-Security-Policy":
				v = dropDirective(v, "upgrade-insecure-requests")
			}
			h.Set(k, v)
		}
	}
}

// netlifyMatch matches a Netlify header path: `*` stands for any rest of
// the path, a `:name` segment for any one segment.
func netlifyMatch(pattern, p string) bool {
	for {
		if pattern == "" {
			return p == ""
		}
		switch pattern[0] {
		case '*':
			return true
		case ':':
			end := strings.IndexByte(pattern, '/')
			seg := strings.IndexByte(p, '/')
			if end < 0 {
				return seg < 0
			}
			if seg < 0 {
				return false
			}
			pattern, p = pattern[end:], p[seg:]
			continue
		}
		if p == "" || pattern[0] != p[0] {
			return false
		}
		pattern, p = pattern[1:], p[1:]
	}
}

func dropDirective(csp, name string) string {
	var keep []string
	for _, d := range strings.Split(csp, ";") {
		if d = strings.TrimSpace(d); d != "" && !strings.EqualFold(d, name) {
			keep = append(keep, d)
		}
	}
	return strings.Join(keep, "; ")
}
