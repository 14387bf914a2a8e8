package render

import (
	"html/template"
	"strings"
)

// CloudPicker writes the entries of the header's cloud picker: the page's
// cloud as the current one, a link to the page in each other cloud that
// has it, and the clouds without it marked unavailable (the phrase
// T.unavailable). LanguagePicker does the same for the language picker.
//
// They write what html/template writes for the loops they replace
// (TestPickersMatchTheTemplates holds them to it, escaping included), in
// one call: a picker is a few entries of several fields each, and each
// field a template prints costs a reflective call to its escaper. On the
// PowerShell docset (5 clouds) the cloud picker was 18% of the
// allocations of laying out a page.
func CloudPicker(ls []Link, t map[string]string) template.HTML {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString("\n<li>")
		switch {
		case l.Current:
			b.WriteString(`<span aria-current="true">`)
			escapeText(&b, l.Display)
			b.WriteString("</span>")
		case l.URL != "":
			b.WriteString(`<a href="`)
			escapeURLAttr(&b, l.URL)
			b.WriteString(`" data-moniker="`)
			escapeText(&b, l.Code)
			b.WriteString(`">`)
			escapeText(&b, l.Display)
			b.WriteString("</a>")
		default:
			b.WriteString(`<span class="unavailable">`)
			escapeText(&b, l.Display)
			b.WriteString(" (")
			escapeText(&b, t["unavailable"])
			b.WriteString(")</span>")
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// LanguagePicker writes the entries of the header's language picker.
func LanguagePicker(ls []Link) template.HTML {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString("\n<li>")
		if l.Current {
			b.WriteString(`<span aria-current="true">`)
			escapeText(&b, l.Name)
			b.WriteString("</span>")
		} else {
			b.WriteString(`<a href="`)
			escapeURLAttr(&b, l.URL)
			b.WriteString(`" hreflang="`)
			escapeText(&b, l.Code)
			b.WriteString(`" lang="`)
			escapeText(&b, l.Code)
			b.WriteString(`">`)
			escapeText(&b, l.Name)
			b.WriteString("</a>")
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}

// escapeText escapes s as html/template does a string in text or in a
// quoted attribute (which escapes + too, and turns NUL into U+FFFD).
func escapeText(b *strings.Builder, s string) {
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
		b.WriteString(s[last:i])
		b.WriteString(r)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escapeURLAttr writes s as html/template does a URL in a quoted href: a
// scheme other than http, https or mailto is replaced by "#ZgotmplZ",
// bytes outside the URL characters are percent-encoded, and the result is
// escaped for the attribute.
func escapeURLAttr(b *strings.Builder, s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		b.WriteString("#ZgotmplZ")
		return
	}
	var n strings.Builder
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~%", c) >= 0:
			continue
		}
		if n.Len() == 0 && last == 0 {
			n.Grow(len(s) + 16)
		}
		n.WriteString(s[last:i])
		n.WriteByte('%')
		n.WriteByte("0123456789abcdef"[c>>4])
		n.WriteByte("0123456789abcdef"[c&15])
		last = i + 1
	}
	if last == 0 {
		escapeText(b, s)
		return
	}
	n.WriteString(s[last:])
	escapeText(b, n.String())
}
