package serve

import (
	"bytes"
	"html"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Internal URLs of the preview server. They live under the bundled assets'
// folder, which pages never link to by these names.
const (
	EventsPath     = "/_docloom/events"
	LiveReloadPath = "/_docloom/livereload.js"
	// OverlayCSSPath is the error overlay's stylesheet, a file rather than
	// an inline <style> so that the site's CSP, which the preview sends,
	// allows it.
	OverlayCSSPath = "/_docloom/livereload.css"
)

// ScriptTag is what every served HTML page gets before </body>.
const ScriptTag = `<script src="` + LiveReloadPath + `" defer></script>`

// OutputPath maps a request's URL path to an output path ("" when the path
// is unsafe: a dot segment, a backslash, a NUL, an encoded slash or
// backslash, or a drive letter). The returned path has no leading slash and
// names a file or, for "/x", a page whose file may be "x.html": "/x/" gives
// "x/index.html", "/" gives "index.html".
func OutputPath(escaped, decoded string) string {
	low := strings.ToLower(escaped)
	if strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.Contains(low, "%00") {
		return ""
	}
	if !strings.HasPrefix(decoded, "/") || strings.ContainsAny(decoded, "\\\x00") {
		return ""
	}
	rel := decoded[1:]
	for i, seg := range strings.Split(rel, "/") {
		switch {
		case seg == "." || seg == "..":
			return ""
		case seg == "" && i < strings.Count(rel, "/"): // "//" inside the path
			return ""
		case strings.Contains(seg, ":"): // "C:" and other drive or stream names
			return ""
		}
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return rel
}

// contentType picks a type by extension; the server sends nosniff, so it
// must be right for what browsers execute or style with.
func contentType(rel string) string {
	switch ext := strings.ToLower(path.Ext(rel)); ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	case ".txt", ".md", ".ps1", ".yml", ".yaml":
		return "text/plain; charset=utf-8"
	case ".woff2":
		return "font/woff2"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

// inject puts the live reload script before the last </body>, or at the end
// of a document without one.
func inject(page []byte) []byte {
	out := make([]byte, 0, len(page)+len(ScriptTag)+1)
	i := bytes.LastIndex(bytes.ToLower(page), []byte("</body>"))
	if i < 0 {
		out = append(out, page...)
		return append(out, ScriptTag...)
	}
	out = append(out, page[:i]...)
	out = append(out, ScriptTag...)
	return append(out, page[i:]...)
}

// ServeHTTP answers one request from the in-memory output.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r) {
		return
	}
	setHeaders(w.Header(), s.headers, r.URL.Path)
	switch r.URL.Path {
	case EventsPath:
		s.hub.ServeHTTP(w, r)
		return
	case LiveReloadPath:
		s.write(w, r, http.StatusOK, "livereload.js", s.client)
		return
	case OverlayCSSPath:
		s.write(w, r, http.StatusOK, "livereload.css", overlayCSS)
		return
	}
	rel := OutputPath(r.URL.EscapedPath(), r.URL.Path)
	if rel == "" {
		s.notFound(w, r)
		return
	}
	if data, ok := s.lookup(rel); ok {
		s.write(w, r, http.StatusOK, rel, data)
		return
	}
	// Pages are published as "x.html" and served at "/x", as Netlify does
	// (its pretty URLs); "/x" where "/x/" is a folder page, and "/x/" where
	// only "x.html" exists, send the browser to the right form so that
	// relative links in the page resolve as they will when deployed.
	if !strings.HasSuffix(r.URL.Path, "/") {
		if data, ok := s.lookup(rel + ".html"); ok {
			s.write(w, r, http.StatusOK, rel+".html", data)
			return
		}
		if _, ok := s.lookup(rel + "/index.html"); ok {
			s.redirect(w, r, r.URL.Path+"/")
			return
		}
	} else if r.URL.Path != "/" {
		page := strings.TrimSuffix(rel, "/index.html")
		if _, ok := s.lookup(page + ".html"); ok {
			s.redirect(w, r, strings.TrimSuffix(r.URL.Path, "/"))
			return
		}
	}
	s.notFound(w, r)
}

// redirect sends the browser to target, keeping the query.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func (s *Server) lookup(rel string) ([]byte, bool) {
	s.mu.RLock()
	e := s.engine
	s.mu.RUnlock()
	if e == nil {
		return nil, false
	}
	return e.Lookup(rel)
}

// notFound answers with the 404 page of the locale the path names (its
// first segment), else of the default locale, else a built-in page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	locale := ""
	s.mu.RLock()
	e := s.engine
	s.mu.RUnlock()
	if e != nil {
		if site := e.Site(); site != nil {
			locale = site.DefaultLocale
			first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
			if _, ok := site.Locale(strings.ToLower(first)); ok {
				locale = strings.ToLower(first)
			}
		}
	}
	if locale != "" {
		if data, ok := s.lookup(locale + "/404.html"); ok {
			s.write(w, r, http.StatusNotFound, "404.html", data)
			return
		}
	}
	page := `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Not found | docloom serve</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>Page not found</h1>
<p>The site has no page at <code>` + html.EscapeString(r.URL.Path) + `</code>.</p>
<p><a href="/">Go to the home page</a></p>
</body></html>
`
	s.write(w, r, http.StatusNotFound, "404.html", []byte(page))
}

// write sends a response. HTML gets the live reload script. Nothing is
// cacheable: the preview must show the files as they are now. Other files
// answer Range requests (206) as static hosts do: the search box reads a
// text fragment as a range of its pack.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, rel string, data []byte) {
	ct := contentType(rel)
	html := strings.HasPrefix(ct, "text/html")
	if html {
		data = inject(data)
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK && !html {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}
