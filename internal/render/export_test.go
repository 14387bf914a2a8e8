package render

import "html/template"

// SetChromeCheck sets the function ExecuteTo gives every page it wrote
// with writeChrome (nil: none), for the build-level tests of render_test.
func SetChromeCheck(f func(t *template.Template, p *Page, native []byte)) { chromeCheck = f }
