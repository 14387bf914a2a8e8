package render

import (
	"bytes"
	"html/template"
	"testing"
)

// The loops the pickers replace, as layouts/partials/header.html had them.
const pickerLoops = `{{define "languages"}}<ul>
{{- range .Languages}}
<li>{{if .Current}}<span aria-current="true">{{.Name}}</span>{{else}}<a href="{{.URL}}" hreflang="{{.Code}}" lang="{{.Code}}">{{.Name}}</a>{{end}}</li>
{{- end}}
</ul>{{end}}{{define "clouds"}}<ul>
{{- range .Clouds}}
<li>{{if .Current}}<span aria-current="true">{{.Display}}</span>{{else if .URL}}<a href="{{.URL}}" data-moniker="{{.Code}}">{{.Display}}</a>{{else}}<span class="unavailable">{{.Display}} ({{$.T.unavailable}})</span>{{end}}</li>
{{- end}}
</ul>{{end}}`

// TestPickersMatchTheTemplates holds CloudPicker and LanguagePicker to the
// bytes html/template writes for the same entries, on names and URLs that
// need each kind of escaping: markup characters, +, quotes, NUL, spaces
// and non-ASCII in paths, invalid UTF-8, and schemes html/template refuses.
func TestPickersMatchTheTemplates(t *testing.T) {
	loops := template.Must(template.New("").Parse(pickerLoops))
	helpers := template.Must(template.New("").Funcs(funcs).Parse(
		`{{define "languages"}}<ul>{{languagepicker .Languages}}` + "\n" + `</ul>{{end}}{{define "clouds"}}<ul>{{cloudpicker .Clouds .T}}` + "\n" + `</ul>{{end}}`))
	odd := []string{
		"", "plain", "C++ & <b>\"q\"</b> 'a'", "nul\x00byte", "\xff\xfeinvalid", "Ünïcødé 中文", "a\tb\nc",
	}
	urls := []string{
		"/en-us/powershell-7.4/module/x/get-childitem", "", "/a b/ü/c?x=1&y=2#frag", "/p+q/%41/[x]", "javascript:alert(1)",
		"HTTPS://example.com/x'y\"z", "mailto:a@b.c", "data:text/html,x", "/rel/path:with:colons", "x/y:z", "/\x00/\xff",
		"/(paren)/{brace}|pipe\\back^caret`tick", "ftp://h/x",
	}
	var pages []*Page
	for i, name := range odd {
		p := &Page{T: map[string]string{"unavailable": "not for <this> & page " + name}}
		for j, u := range urls {
			p.Clouds = append(p.Clouds, Link{Code: odd[(i+j)%len(odd)], Display: odd[(i+2*j)%len(odd)], URL: u, Current: j == i})
			p.Languages = append(p.Languages, Link{Code: odd[(i+j+1)%len(odd)], Name: odd[(i+3*j)%len(odd)], URL: u, Current: j == i+1})
		}
		pages = append(pages, p)
	}
	pages = append(pages, &Page{T: map[string]string{}}, &Page{Clouds: []Link{{Display: "no phrase"}}, T: map[string]string{"unavailable": ""}})
	for i, p := range pages {
		for _, name := range []string{"languages", "clouds"} {
			var want, got bytes.Buffer
			if err := loops.ExecuteTemplate(&want, name, p); err != nil {
				t.Fatal(err)
			}
			if err := helpers.ExecuteTemplate(&got, name, p); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("page %d, %s picker:\n got %q\nwant %q", i, name, got.String(), want.String())
			}
		}
	}
}
