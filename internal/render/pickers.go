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
	writeCloudPicker(&b, ls, t)
	return template.HTML(b.String())
}

func writeCloudPicker(b escWriter, ls []Link, t map[string]string) {
	for _, l := range ls {
		b.WriteString("\n<li>")
		switch {
		case l.Current:
			b.WriteString(`<span aria-current="true">`)
			escapeText(b, l.Display)
			b.WriteString("</span>")
		case l.URL != "":
			b.WriteString(`<a href="`)
			escapeURLAttr(b, l.URL)
			b.WriteString(`" data-moniker="`)
			escapeText(b, l.Code)
			b.WriteString(`">`)
			escapeText(b, l.Display)
			b.WriteString("</a>")
		default:
			b.WriteString(`<span class="unavailable">`)
			escapeText(b, l.Display)
			b.WriteString(" (")
			escapeText(b, t["unavailable"])
			b.WriteString(")</span>")
		}
		b.WriteString("</li>")
	}
}

// LanguagePicker writes the entries of the header's language picker.
func LanguagePicker(ls []Link) template.HTML {
	var b strings.Builder
	writeLanguagePicker(&b, ls)
	return template.HTML(b.String())
}

func writeLanguagePicker(b escWriter, ls []Link) {
	for _, l := range ls {
		b.WriteString("\n<li>")
		if l.Current {
			b.WriteString(`<span aria-current="true">`)
			escapeText(b, l.Name)
			b.WriteString("</span>")
		} else {
			b.WriteString(`<a href="`)
			escapeURLAttr(b, l.URL)
			b.WriteString(`" hreflang="`)
			escapeText(b, l.Code)
			b.WriteString(`" lang="`)
			escapeText(b, l.Code)
			b.WriteString(`">`)
			escapeText(b, l.Name)
			b.WriteString("</a>")
		}
		b.WriteString("</li>")
	}
}
