package dialect

import (
	"fmt"
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/moniker"
)

// TestDocFXUnitCases measures the dialect against DocFX's own Markdig unit
// tests: each a Markdown input and the HTML DocFX's pipeline makes of it.
// The tests are DocFX's code, so they are not in this repository: point
// DOCLOOM_DOCFX_TESTS at a folder holding their C# files (for instance
// test/Docfx.MarkdigEngine.Extensions.Tests/*.cs and
// test/Docfx.MarkdigEngine.Tests/InclusionTest.cs of dotnet/docfx) and run
//
//	DOCLOOM_DOCFX_TESTS=/path/to/tests go test ./internal/dialect -run DocFXUnit -v
//
// Each test method (each InlineData row of a theory, each check of a
// method that makes several) is one case. The C# is read, not run: a small
// reader (docfxunit_cs_test.go) evaluates the literals, variables and
// helper calls the tests are made of. A case is not runnable when DocFX
// itself skips it, when it turns on pipeline options a Learn build does
// not use (optional Markdig extensions, custom alert classes, replaced
// localisation tokens), when it checks no rendered Markdown (custom
// Markdig pipelines), or when the reader cannot compute its input.
//
// A runnable case is rendered as a one-page docset, as
// TestDocFXConformance renders its cases, with the files the case sets up
// (files: dictionaries, WriteToFile) beside the page, and classed
//
//	same       equal after collapsing white space (DocFX's line-number
//	           attributes, which a case may ask for, removed, and xrefs
//	           shown as DocFX's build shows an unresolved one: as written)
//	cosmetic   equal after the normalisation of TestDocFXConformance, and
//	           ~/ paths (which DocFX writes for links in includes) and
//	           page-relative paths to the same file taken as equal
//	different  anything else, or other diagnostic codes than the case
//	           expects (when it checks them)
//	failed     the render returned an error or panicked
func TestDocFXUnitCases(t *testing.T) {
	dir := os.Getenv("DOCLOOM_DOCFX_TESTS")
	if dir == "" {
		t.Skip("DOCLOOM_DOCFX_TESTS is not set: point it at a folder with DocFX's Markdig unit-test .cs files to measure conformance")
	}
	var files []string
	filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
		if err == nil && !de.IsDir() && strings.HasSuffix(p, ".cs") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatalf("no .cs files under %s", dir)
	}
	only := os.Getenv("DOCLOOM_DOCFX_CASE")
	d := New(testCatalog(t))
	type row struct{ same, cosmetic, deliberate, different, failed, skipped int }
	perClass := map[string]*row{}
	var classes []string
	skips := map[string]int{}
	var total row
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		class, cases, err := runClass(string(src))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if len(cases) == 0 {
			continue
		}
		rw := &row{}
		perClass[class] = rw
		classes = append(classes, class)
		for _, c := range cases {
			if only != "" && !strings.Contains(c.id, only) {
				continue
			}
			if c.skip == "" && c.html != nil && strings.Contains(*c.html, "<br") && !hardBreakRE.MatchString(c.markdown) {
				c.skip = "expects hard line breaks its stored Markdown cannot make (the stored copy has lost trailing spaces)"
			}
			if c.skip != "" {
				rw.skipped++
				skips[c.skip]++
				continue
			}
			dd := d
			if cat := unitCatalog(t, c.markdown); cat != nil {
				dd = New(cat)
			}
			got, codes, err := renderUnitCase(dd, c)
			class, why := classifyUnit(c, got, codes, err)
			if reason, ok := deliberate[c.id]; ok && class == "different" {
				class, why = "deliberate", reason
			}
			switch class {
			case "same":
				rw.same++
			case "cosmetic":
				rw.cosmetic++
			case "deliberate":
				rw.deliberate++
			case "different":
				rw.different++
			case "failed":
				rw.failed++
			}
			if class != "same" && class != "cosmetic" || only != "" {
				want := "(none: the case checks diagnostics only)"
				if c.html != nil {
					want = *c.html
				}
				if os.Getenv("DOCLOOM_DOCFX_NORM") != "" { // the cosmetic forms compared
					got, want = unitCosmetic(lineAttrRE.ReplaceAllString(got, ""), c.filePath), unitCosmetic(docfxFinal(want), c.filePath)
				}
				t.Logf("%s: %s %s\n--- markdown ---\n%s\n--- docloom (codes %v) ---\n%s\n--- DocFX (codes %v) ---\n%s",
					c.id, class, why, c.markdown, codes, got, c.errors, want)
			}
		}
	}
	var b strings.Builder
	line := func(name string, r *row) {
		fmt.Fprintf(&b, "%-28s %5d %8d %10d %9d %6d %12d\n", name, r.same, r.cosmetic, r.deliberate, r.different, r.failed, r.skipped)
	}
	fmt.Fprintf(&b, "%-28s %5s %8s %10s %9s %6s %12s\n", "class", "same", "cosmetic", "deliberate", "different", "failed", "not runnable")
	for _, class := range classes {
		r := perClass[class]
		line(class, r)
		total.same += r.same
		total.cosmetic += r.cosmetic
		total.deliberate += r.deliberate
		total.different += r.different
		total.failed += r.failed
		total.skipped += r.skipped
	}
	runnable := total.same + total.cosmetic + total.deliberate + total.different + total.failed
	line("total", &total)
	fmt.Fprintf(&b, "runnable %d: same or cosmetic %d (%.1f%%), deliberate differences %d, different %d, failed %d\nnot runnable %d:\n",
		runnable, total.same+total.cosmetic, 100*float64(total.same+total.cosmetic)/float64(max(runnable, 1)),
		total.deliberate, total.different, total.failed, total.skipped)
	var reasons []string
	for why := range skips {
		reasons = append(reasons, why)
	}
	sort.Strings(reasons)
	for _, why := range reasons {
		fmt.Fprintf(&b, "  %3d %s\n", skips[why], why)
	}
	t.Log("DocFX unit cases\n" + b.String())
	if floor := 0.95; float64(total.same+total.cosmetic) < floor*float64(runnable) {
		t.Errorf("same or cosmetic below %.0f%% of the runnable cases", floor*100)
	}
	if total.failed > 0 {
		t.Errorf("%d cases failed to build", total.failed)
	}
}

// deliberate are the cases where docloom differs from DocFX on purpose
// (docs/dialect.md, "Deliberate differences from DocFX"); a case listed
// here still counts as different if its difference changes.
var deliberate = map[string]string{
	"GeneralTest.TestDfm_EncodeInStrongEM":         "tags that are not HTML (<abc>, <AC>) are shown as text with html-unknown-tag",
	"ImageTest.ComplexImageTestBlockGeneral":       "a complex image's long description is kept out of its lightbox link",
	"QuoteSectionNoteTest.TestSectionCornerCase#2": "an unbalanced backtick in [!div] attributes is reported (div-attribute-dropped)",
	"VideoTest.VideoTestBlockGeneral#1":            "nocookie=true is not added a second time to a Channel 9 address that has it",
	"VideoTest.VideoTestBlockGeneral#3":            "nocookie=true is not added a second time to a Channel 9 address that has it",
}

// unitEnv is the one-page docset of a case: links written in the page stay
// as written and links written in an include are rebased to the docset
// root (~/), as DocFX writes them; xrefs resolve quietly (DocFX resolves
// them after the Markdown, in the build); includes and code files follow
// the rules of docloom's build (relative to the file, ~/ for the root).
type unitEnv struct {
	*testEnv
	page string
}

func (e *unitEnv) target(doc *Doc, dest string) string {
	p := strings.ReplaceAll(strings.TrimSpace(dest), `\`, "/")
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		return path.Clean(rest)
	}
	return path.Join(path.Dir(doc.Rel), p)
}

func (e *unitEnv) Link(doc *Doc, dest string, image bool, pos diag.Pos) string {
	if uid, ok := strings.CutPrefix(dest, "xref:"); ok {
		if href, _, _ := e.Xref(doc, uid, true, pos); href != "" {
			return href
		}
		return dest
	}
	if doc.Rel == e.page || dest == "" || strings.Contains(dest, ":") || strings.HasPrefix(dest, "#") ||
		strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "~/") {
		return dest
	}
	p, frag, hasFrag := strings.Cut(dest, "#")
	out := "~/" + path.Join(path.Dir(doc.Rel), p)
	if hasFrag {
		out += "#" + frag
	}
	return out
}

func (e *unitEnv) Xref(doc *Doc, uid string, quiet bool, pos diag.Pos) (string, string, bool) {
	return e.testEnv.Xref(doc, uid, true, pos)
}

func (e *unitEnv) Include(doc *Doc, dest string, pos diag.Pos) (*Doc, bool) {
	target := e.target(doc, dest)
	if target == ".." || strings.HasPrefix(target, "../") || path.IsAbs(strings.TrimSpace(dest)) {
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: "include-outside-docset", Message: dest})
		return nil, false
	}
	if !strings.EqualFold(path.Ext(target), ".md") {
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "include-invalid", Message: dest})
		return nil, false
	}
	inc := e.parse(target)
	if inc == nil {
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "include-not-found", Message: "no file " + target})
		return nil, false
	}
	return inc, true
}

func (e *unitEnv) CodeSource(doc *Doc, p string, pos diag.Pos) (CodeFile, bool) {
	target := e.target(doc, p)
	if data, ok := e.files[target]; ok {
		return CodeFile{Text: string(data)}, true
	}
	e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "invalid-code", Message: "no file " + target})
	return CodeFile{}, false
}

// renderUnitCase renders a case's Markdown as the page at its path with
// its files beside it, returning the HTML and the codes of the warnings
// and errors.
func renderUnitCase(d *Dialect, c unitCase) (out string, codes []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	files := map[string][]byte{}
	for k, v := range c.files {
		files[path.Clean(strings.TrimPrefix(k, "~/"))] = []byte(v)
	}
	page := path.Clean(c.filePath)
	files[page] = []byte(c.markdown)
	env := &unitEnv{testEnv: &testEnv{d: d, files: files, docs: map[string]*Doc{}}, page: page}
	doc := env.parse(page)
	if doc == nil {
		return "", nil, fmt.Errorf("page did not parse")
	}
	html, err := d.NewRenderer(&State{Locale: "en-us", Env: env}).Render(doc)
	if err != nil {
		return "", nil, err
	}
	seen := map[string]bool{}
	for _, x := range diag.SortUnique(env.diags) {
		if x.Severity >= diag.Warning && !seen[x.Code] {
			seen[x.Code] = true
			codes = append(codes, x.Code)
		}
	}
	sort.Strings(codes)
	return string(html), codes, nil
}

var (
	hardBreakRE = regexp.MustCompile(`(?m)(  |\\)$|<br`)
	lineAttrRE  = regexp.MustCompile(`\s+source(File|StartLineNumber)="[^"]*"`)
	xrefTagRE   = regexp.MustCompile(`<xref href="[^"]*"([^>]*)></xref>`)
	rawSrcRE    = regexp.MustCompile(`data-raw-source="([^"]*)"`)
	urlAttrRE   = regexp.MustCompile(`(href|src)="([^"]*)"`)
)

// docfxFinal turns the HTML of DocFX's Markdown stage into what its build
// shows a reader: an xref that does not resolve (none does in a one-page
// docset) is shown as its author wrote it.
func docfxFinal(s string) string {
	s = lineAttrRE.ReplaceAllString(s, "")
	return xrefTagRE.ReplaceAllStringFunc(s, func(tag string) string {
		if m := rawSrcRE.FindStringSubmatch(tag); m != nil {
			return html.EscapeString(html.UnescapeString(m[1]))
		}
		return tag
	})
}

// samePaths writes every relative href and src as the path from the
// docset root that it names, so ~/r/b/a.md and b/a.md written in r/x.md
// compare equal.
func samePaths(s, page string) string {
	return urlAttrRE.ReplaceAllStringFunc(s, func(a string) string {
		m := urlAttrRE.FindStringSubmatch(a)
		u := html.UnescapeString(m[2])
		u = strings.Replace(u, "%7E/", "~/", 1)
		switch {
		case strings.HasPrefix(u, "~/"):
			u = path.Clean(u[2:])
		case u == "" || strings.Contains(u, ":") || strings.HasPrefix(u, "#") || strings.HasPrefix(u, "/"):
		default:
			p, frag, has := strings.Cut(u, "#")
			u = path.Join(path.Dir(page), p)
			if has {
				u += "#" + frag
			}
		}
		return m[1] + `="` + html.EscapeString(u) + `"`
	})
}

func classifyUnit(c unitCase, got string, codes []string, err error) (class, why string) {
	if err != nil {
		return "failed", err.Error()
	}
	var expect []string
	for _, e := range c.errors {
		if d, ok := docfxSame[e]; ok {
			e = d
		}
		expect = append(expect, e)
	}
	sort.Strings(expect)
	if c.errors != nil && strings.Join(uniq(expect), " ") != strings.Join(docfxCodes(codes), " ") {
		return "different", "(diagnostic codes)"
	}
	if c.html == nil {
		return "same", ""
	}
	want := docfxFinal(*c.html)
	got = lineAttrRE.ReplaceAllString(got, "")
	switch {
	case collapse(got) == collapse(want):
		return "same", ""
	case unitCosmetic(got, c.filePath) == unitCosmetic(want, c.filePath):
		return "cosmetic", ""
	}
	return "different", ""
}

// unitCosmetic is the cosmetic form of a case's HTML: TestDocFXConformance's
// normalisation after samePaths, code blocks reduced to their language,
// marked lines and text (docloom's label and copy chrome, highlighting
// spans and marks dropped, and DocFX's name and title attributes; the
// language too, which only picks colours and the label: docloom names it
// from the file extension where DocFX leaves a [!code] block unnamed), and the
// <div range> wrappers DocFX keeps for every moniker zone unwrapped
// (docloom builds each moniker separately and writes only its content).
func unitCosmetic(s, page string) string {
	s = tabPanelRE.ReplaceAllStringFunc(s, func(tag string) string { return hiddenRE.ReplaceAllString(tag, "") })
	// hidden="hidden" is hidden; aria-hidden on a hidden element says again
	// what hidden says.
	s = hiddenTagRE.ReplaceAllStringFunc(s, func(tag string) string {
		tag = strings.ReplaceAll(tag, ` hidden="hidden"`, " hidden")
		return strings.ReplaceAll(tag, ` aria-hidden="true"`, "")
	})
	return cosmetic(unwrapRanges(normCode(samePaths(s, page))))
}

// Inactive tab panels: DocFX hides them in the HTML, docloom from its
// script (without JavaScript every panel is readable).
var (
	tabPanelRE  = regexp.MustCompile(`<section [^>]*role="tabpanel"[^>]*>`)
	hiddenRE    = regexp.MustCompile(`\s(aria-hidden="true"|hidden="hidden")`)
	hiddenTagRE = regexp.MustCompile(`<[a-z]+\s[^>]*\bhidden(="hidden")?[\s>][^>]*>?`)
)

var (
	codeWrapRE = regexp.MustCompile(`<div class="code-block[^"]*"[^>]*><div class="code-header"><span class="code-lang">[^<]*</span></div>`)
	codeTagRE  = regexp.MustCompile(`<code(\s[^>]*)?>`)
	codeSpanRE = regexp.MustCompile(`</?(span|mark)\b[^>]*>`)
	marksRE    = regexp.MustCompile(`\b(?:data-)?highlight-lines="([^"]*)"`)
)

func normCode(s string) string {
	// docloom's wrapper and header, with the </div> after its </pre>.
	for {
		loc := codeWrapRE.FindStringIndex(s)
		if loc == nil {
			break
		}
		rest := s[loc[1]:]
		if end := strings.Index(rest, "</code></pre></div>"); end >= 0 {
			rest = rest[:end] + "</code></pre>" + rest[end+len("</code></pre></div>"):]
		}
		s = s[:loc[0]] + rest
	}
	var b strings.Builder
	for {
		loc := codeTagRE.FindStringIndex(s)
		if loc == nil {
			b.WriteString(s)
			break
		}
		end := strings.Index(s[loc[1]:], "</code>")
		if end < 0 {
			b.WriteString(s)
			break
		}
		tag := s[loc[0]:loc[1]]
		body := codeSpanRE.ReplaceAllString(s[loc[1]:loc[1]+end], "")
		b.WriteString(s[:loc[0]])
		b.WriteString("<code")
		if m := marksRE.FindStringSubmatch(tag); m != nil {
			b.WriteString(` marks="` + m[1] + `"`)
		}
		b.WriteString(">")
		b.WriteString(strings.TrimRight(body, "\n"))
		b.WriteString("</code>")
		s = s[loc[1]+end+len("</code>"):]
	}
	return b.String()
}

// unwrapRE matches the open tags of wrappers that only style or mark
// their content: DocFX's <div range> moniker wrappers (docloom builds each
// moniker separately and writes only its content), image borders
// (mx-imgBorder, docloom's image figure wrapper) and docloom's no-loc
// spans (they mark text as untranslated; the text is the same).
var unwrapRE = regexp.MustCompile(`^<div range="[^"]*">$|^<(p|span|div) class="(mx-imgBorder|image( [^"]*)?|no-loc)"[^>]*>$`)

// unwrapRanges drops those wrappers, keeping what they hold.
func unwrapRanges(s string) string {
	var out strings.Builder
	stacks := map[string][]bool{}
	for _, tok := range tokenRE.FindAllString(s, -1) {
		if strings.HasPrefix(tok, "<") && !strings.HasPrefix(tok, "</") && !strings.HasPrefix(tok, "<!") {
			name := tagName(tok)
			if name == "div" || name == "p" || name == "span" {
				drop := unwrapRE.MatchString(tok)
				stacks[name] = append(stacks[name], drop)
				if drop {
					continue
				}
			}
		} else if strings.HasPrefix(tok, "</") {
			name := tagName(tok)
			if st := stacks[name]; len(st) > 0 {
				drop := st[len(st)-1]
				stacks[name] = st[:len(st)-1]
				if drop {
					continue
				}
			}
		}
		out.WriteString(tok)
	}
	return out.String()
}

// sameCodes are docloom's names for problems DocFX reports under another
// code (the same construct found invalid for the same reason).
var sameCodes = map[string]string{
	"moniker-zone-unclosed": "invalid-moniker-range",
	"moniker-range-invalid": "invalid-moniker-range",
	"include-not-found":     "include-not-found",
}

// docfxSame are DocFX's codes for code-include problems docloom reports
// as invalid-code.
var docfxSame = map[string]string{
	"tag-not-found":                "invalid-code",
	"multiple-tags-with-same-name": "invalid-code",
	"codesnippet-not-found":        "invalid-code",
}

func docfxCodes(codes []string) []string {
	var out []string
	for _, c := range codes {
		if d, ok := sameCodes[c]; ok {
			c = d
		}
		out = append(out, c)
	}
	sort.Strings(out)
	return uniq(out)
}

// unitCatalog is the moniker catalog of a case's docset: the monikers its
// ranges name (a DocFX docset declares them in its configuration), the
// page rendered for the first.
func unitCatalog(t testing.TB, md string) *moniker.Catalog {
	seen := map[string]bool{}
	var ms []moniker.Moniker
	for _, m := range rangeAttrRE.FindAllStringSubmatch(md, -1) {
		for _, name := range monikerNameRE.FindAllString(m[1], -1) {
			if !seen[name] {
				seen[name] = true
				ms = append(ms, moniker.Moniker{Name: name})
			}
		}
	}
	if len(ms) == 0 {
		return nil
	}
	cat, err := moniker.NewCatalog(ms)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

var (
	rangeAttrRE   = regexp.MustCompile(`range\s*=\s*"([^"\n]*)`)
	monikerNameRE = regexp.MustCompile(`[A-Za-z][\w.-]*`)
)

func uniq(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
