package publish

import (
	"net/url"
	"strconv"
	"strings"
)

// Request is what the evaluator knows of a reader's request.
type Request struct {
	Path  string
	Query url.Values
	// Languages are the reader's Accept-Language tags in preference order
	// (e.g. "nl-NL", "en").
	Languages []string
	Country   string
	// Exists reports whether a file is published at the path; a rule
	// without ! does not apply to such a path (Netlify calls this
	// shadowing). Nil means no file exists.
	Exists func(path string) bool
}

// Result is what a matching rule does.
type Result struct {
	To     string // destination with placeholders filled in and query passed on
	Status int
	Rule   int // index of the rule that matched
}

// Evaluate applies rules the way Netlify does, as far as docloom uses
// them: the first rule that matches wins; a trailing slash on the path or
// the rule is not significant; :name matches one segment, a final * the
// rest (possibly nothing); query parameters of the rule must all be
// present; Language conditions compare with the reader's first language,
// as a whole tag or its primary subtag. For a redirect from a rule that did
// not match on the query, the request's query is passed on.
func Evaluate(rules []Rule, req Request) (Result, bool) {
	for i, r := range rules {
		vars, ok := matchPath(r.From, req.Path)
		if !ok {
			continue
		}
		if !r.Force && req.Exists != nil && req.Exists(req.Path) {
			continue
		}
		if !matchQuery(r.Query, req.Query, vars) || !matchConditions(r.Conditions, req) {
			continue
		}
		status := r.Status
		if status == 0 {
			status = 301
		}
		to := fill(r.To, vars)
		if len(r.Query) == 0 && len(req.Query) > 0 && status != 404 && !strings.Contains(to, "?") {
			to += "?" + req.Query.Encode()
		}
		return Result{To: to, Status: status, Rule: i}, true
	}
	return Result{}, false
}

func trimSlash(p string) string {
	if len(p) > 1 {
		return strings.TrimSuffix(p, "/")
	}
	return p
}

// matchPath matches a request path against a rule's from pattern.
func matchPath(pattern, p string) (map[string]string, bool) {
	vars := map[string]string{}
	pat := strings.Split(strings.TrimPrefix(trimSlash(pattern), "/"), "/")
	segs := strings.Split(strings.TrimPrefix(trimSlash(p), "/"), "/")
	if len(segs) == 1 && segs[0] == "" {
		segs = nil
	}
	if len(pat) == 1 && pat[0] == "" {
		pat = nil
	}
	for i, ps := range pat {
		if ps == "*" && i == len(pat)-1 {
			if i > len(segs) {
				return nil, false
			}
			// The splat keeps the request's trailing slash.
			vars["splat"] = strings.Join(segs[i:], "/")
			if vars["splat"] != "" && strings.HasSuffix(p, "/") {
				vars["splat"] += "/"
			}
			return vars, true
		}
		if i >= len(segs) {
			return nil, false
		}
		switch {
		case strings.HasPrefix(ps, ":") && len(ps) > 1:
			vars[ps[1:]] = segs[i]
		case ps != segs[i]:
			return nil, false
		}
	}
	return vars, len(pat) == len(segs)
}

func matchQuery(want []Param, got url.Values, vars map[string]string) bool {
	for _, q := range want {
		vs, ok := got[q.Key]
		if !ok || len(vs) == 0 {
			return false
		}
		if strings.HasPrefix(q.Value, ":") {
			vars[q.Value[1:]] = vs[0]
			continue
		}
		if vs[0] != q.Value {
			return false
		}
	}
	return true
}

func matchConditions(cs []Condition, req Request) bool {
	for _, c := range cs {
		ok := false
		switch strings.ToLower(c.Key) {
		case "language":
			if len(req.Languages) > 0 {
				tag := strings.ToLower(strings.TrimSpace(req.Languages[0]))
				primary, _, _ := strings.Cut(tag, "-")
				for _, v := range c.Values {
					v = strings.ToLower(v)
					ok = ok || v == tag || v == primary
				}
			}
		case "country":
			for _, v := range c.Values {
				ok = ok || strings.EqualFold(v, req.Country)
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// fill replaces :name placeholders (whole or at the start of a segment
// part, as Netlify does) in a destination.
func fill(to string, vars map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(to); i++ {
		if to[i] != ':' || (i > 0 && to[i-1] != '/' && to[i-1] != '=' && to[i-1] != '-') {
			b.WriteByte(to[i])
			continue
		}
		j := i + 1
		for j < len(to) && (isWord(to[j])) {
			j++
		}
		if v, ok := vars[to[i+1:j]]; ok && j > i+1 {
			b.WriteString(v)
			i = j - 1
			continue
		}
		b.WriteByte(to[i])
	}
	return b.String()
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ParseAcceptLanguage returns the tags of an Accept-Language header in
// order of preference (q values honoured, ties in header order).
func ParseAcceptLanguage(h string) []string {
	type tag struct {
		name string
		q    float64
	}
	var tags []tag
	for _, part := range strings.Split(h, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if name == "" {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		tags = append(tags, tag{name, q})
	}
	for i := 1; i < len(tags); i++ { // stable insertion sort by q
		for j := i; j > 0 && tags[j].q > tags[j-1].q; j-- {
			tags[j], tags[j-1] = tags[j-1], tags[j]
		}
	}
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = t.name
	}
	return out
}
