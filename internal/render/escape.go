package render

import "strings"

// The escapers below write a string exactly as html/template's own
// escapers write a plain string (not a typed template.HTML or
// template.URL value) in the contexts docloom's Go-written markup uses;
// TestEscapersMatchTheTemplates and FuzzEscapers hold them to it.

// escWriter is a *strings.Builder or a *bytes.Buffer.
type escWriter interface {
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// escapeText writes s as html/template does a string in HTML text, in
// RCDATA (<title>) or in a quoted attribute value: htmlEscaper,
// rcdataEscaper and attrEscaper share one table, which also turns + into
// &#43; and NUL into U+FFFD. Multi-byte and invalid UTF-8 pass unchanged.
func escapeText(w escWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(r)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// escapeURLAttr writes s as html/template does a string at the start of a
// quoted URL attribute (href, src, action): urlFilter replaces the whole
// value by "#ZgotmplZ" when its scheme is other than http, https or
// mailto; urlNormalizer percent-encodes every byte that is not a URL
// character (a % that does not start a valid escape included); attrEscaper
// then escapes the & and + left.
func escapeURLAttr(w escWriter, s string) {
	if !isSafeURL(s) {
		w.WriteString("#ZgotmplZ")
		return
	}
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var r string
		switch {
		case c == '&':
			r = "&amp;"
		case c == '+':
			r = "&#43;"
		case c == '%':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		case urlNormKeeps(c):
			continue
		}
		w.WriteString(s[last:i])
		if r != "" {
			w.WriteString(r)
		} else {
			writePercent(w, c)
		}
		last = i + 1
	}
	w.WriteString(s[last:])
}

// escapeURLQuery writes s as html/template does a string in the query or
// fragment of a quoted URL attribute (href="?x={{.}}"): urlEscaper
// percent-encodes all but letters, digits and -._~, which leaves
// attrEscaper nothing to do.
func escapeURLQuery(w escWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' {
			continue
		}
		w.WriteString(s[last:i])
		writePercent(w, c)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// isSafeURL is html/template's: a relative URL, or one whose scheme is
// http, https or mailto (in any case).
func isSafeURL(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			return true
		case ':':
			// strings.EqualFold, as html/template: "httpſ" is "https".
			p := s[:i]
			return strings.EqualFold(p, "http") || strings.EqualFold(p, "https") || strings.EqualFold(p, "mailto")
		}
	}
	return true
}

// urlNormKeeps reports whether urlNormalizer leaves c as it is (% aside).
func urlNormKeeps(c byte) bool {
	if isAlnum(c) {
		return true
	}
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
		return true
	}
	return false
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func writePercent(w escWriter, c byte) {
	w.WriteByte('%')
	w.WriteByte("0123456789abcdef"[c>>4])
	w.WriteByte("0123456789abcdef"[c&15])
}
