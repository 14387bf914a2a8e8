package hours

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/docloom/docloom/internal/diag"
)

// Country is what one country support page says, joined with its row of
// countries.tsv. It is the unit of the directory JSON.
type Country struct {
	Slug  string   `json:"slug"`
	Name  string   `json:"name"`
	ISO   string   `json:"iso"`
	Zone  string   `json:"zone"`
	Zones []string `json:"zones"`
	Page  string   `json:"page"`
	// Notice is a page-level statement such as "no phone support".
	Notice string `json:"notice,omitempty"`
	// Notes are lines of the hours sections that state no hours ("Local
	// call charges apply.", "Closed on public holidays").
	Notes  []string `json:"notes,omitempty"`
	Phones []Phone  `json:"phones"`
	Dial   []string `json:"dial"`
	Lines  []Line   `json:"lines"`
	// Search holds other names the widget finds the country by
	// (SearchNames).
	Search []string `json:"search,omitempty"`
	// CC is the country calling code (CallingCode), found by "+49", "0049".
	CC int `json:"cc,omitempty"`
}

// Phone is one number as written, with tel holding its digits (and a
// leading "+") for a tel: link.
type Phone struct {
	Number  string `json:"number"`
	Tel     string `json:"tel"`
	Kind    string `json:"kind"` // "main" or "alternative"
	Label   string `json:"label"`
	Note    string `json:"note"`
	Section string `json:"section,omitempty"`
	// Cloud is the display name of the cloud (moniker) the section is
	// for, such as "21Vianet"; the build fills it.
	Cloud string `json:"cloud,omitempty"`
	// Monikers is the range of the ::: moniker block the number is in
	// ("o365-21vianet"), from which the build names its cloud.
	Monikers string `json:"-"`
}

// Line is one support line: a group, a language or line label and its
// schedule in a zone. Schedule is nil when the text did not parse; Text
// always keeps the original for display.
type Line struct {
	Group    string  `json:"group"` // "billing", "technical" or ""
	Label    string  `json:"label"`
	Schedule *string `json:"schedule"`
	Zone     string  `json:"zone"`
	// Local is set for lines marked "local": the reader's own zone applies
	// when it is one of the country's zones.
	Local    bool   `json:"local,omitempty"`
	Plan     string `json:"plan,omitempty"`
	Note     string `json:"note,omitempty"`
	Section  string `json:"section,omitempty"`
	Cloud    string `json:"cloud,omitempty"` // as Phone.Cloud
	Monikers string `json:"-"`               // as Phone.Monikers
	Text     string `json:"text"`
	// Original is set when the line's own text could not be read and its
	// schedule was taken from the same line in the default locale (or
	// from the original English the page carries next to it): the reader
	// is shown this text with the schedule.
	Original string `json:"original,omitempty"`
	Source   string `json:"source"`
}

var (
	anchorHeading = regexp.MustCompile(`^(#{1,6})\s+(?:<a name="([^"]*)"></a>)?\s*(.*?)\s*#*\s*$`)
	// A number as the pages write it: "0800 589 2332", "+1 312 …", "+ 1 312 …", "0800-762-1146".
	phoneRe    = regexp.MustCompile(`^(\+?\s?\d[\d \-.]*\d)\s*((?:[(（][^)）]*[)）]\s*)*)$`)
	planRe     = regexp.MustCompile(`^\*\*([^*]+?)[:：]?\*\*`)
	noteLineRe = regexp.MustCompile(`^[(（]([^()（）]*)[)）][.。]?$`)
	sxsLookup  = regexp.MustCompile(`<span class="sxs-lookup"><span data-stu-id="[^"]*">(.*?)</span></span>`)
	ttuSpan    = regexp.MustCompile(`<span data-ttu-id="[^"]*">(.*?)</span>`)
	digitRe    = regexp.MustCompile(`\d`)
	dialNumber = regexp.MustCompile(`^\D*\d{1,6}\D*$`)
)

// stripSxS removes the bilingual markup of machine-translated pages:
// '<span data-ttu-id="…">Text</span><span class="sxs-lookup"><span
// data-stu-id="…">Original</span></span>' becomes "Text", and the English
// original is returned beside it.
func stripSxS(s string) (text, orig string) {
	if !strings.Contains(s, "<span") {
		return s, ""
	}
	var origs []string
	for _, m := range sxsLookup.FindAllStringSubmatch(s, -1) {
		origs = append(origs, strings.TrimSpace(m[1]))
	}
	s = sxsLookup.ReplaceAllString(s, "")
	s = ttuSpan.ReplaceAllString(s, "$1")
	return strings.TrimSpace(s), strings.Join(origs, " ")
}

// pageState tracks where in the page the scanner is.
type pageState struct {
	c         *Country
	info      CountryInfo
	file      string
	section   string // heading of a second contact block, "" for the first
	monikers  string // range of the ::: moniker block the scanner is in
	inPhone   bool
	inHours   bool
	group     string
	plan      string
	altList   bool   // after "Alternatief telefoonnummer:" with no number
	afterDial bool   // after "Na het bellen voert u"
	pending   string // charge note waiting for the numbers it precedes
	lx        *lexicon
	def       *Country       // the default locale's page, for fallbacks
	seen      map[string]int // lines so far per section and group
	diags     []diag.Diagnostic
}

// PageOptions are the optional inputs of ParseCountryPageWith.
type PageOptions struct {
	// Default is the same country's page in the docset's default locale.
	// A line whose text cannot be read takes its schedule from the same
	// line there (translations keep the order of the lines).
	Default *Country
}

// ParseCountryPage reads one country support page with the words of its
// locale's language (and English, which translated pages keep). It never
// fails: lines it does not understand keep their text and produce a
// warning with file:line.
func ParseCountryPage(file string, src []byte, locale string) (Country, []diag.Diagnostic) {
	return ParseCountryPageWith(file, src, locale, PageOptions{})
}

// ParseCountryPageWith is ParseCountryPage with a default-locale page to
// fall back on.
func ParseCountryPageWith(file string, src []byte, locale string, opt PageOptions) (Country, []diag.Diagnostic) {
	slug := strings.TrimSuffix(path.Base(strings.ReplaceAll(file, "\\", "/")), ".md")
	st := &pageState{c: &Country{Slug: slug, Zones: []string{}, Phones: []Phone{}, Dial: []string{}, Lines: []Line{}}, file: file,
		lx: lexiconFor(locale), def: opt.Default, seen: map[string]int{}}
	if info, ok := LookupCountry(slug); ok {
		st.info = info
		st.c.ISO, st.c.Zone = info.ISO, info.Zone
		st.c.Zones = append(st.c.Zones, info.Zones...)
	} else {
		st.warn(1, CodeUnknownCountry, "no row for %q in the country table; its hours cannot be evaluated", slug)
	}
	text := strings.TrimPrefix(string(src), "\uFEFF")
	lines := strings.Split(text, "\n")
	body := frontMatterEnd(lines)
	for i, raw := range lines[body:] {
		st.line(body+i+1, strings.TrimSpace(strings.TrimRight(raw, "\r")))
	}
	return *st.c, st.diags
}

// frontMatterEnd returns the index of the first body line.
func frontMatterEnd(lines []string) int {
	if len(lines) == 0 || strings.TrimSpace(strings.TrimPrefix(lines[0], "\uFEFF")) != "---" {
		return 0
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			return i + 1
		}
	}
	return 0
}

func (st *pageState) warn(line int, code, format string, args ...any) {
	st.diags = append(st.diags, diag.Diagnostic{Pos: diag.Pos{File: st.file, Line: line},
		Severity: diag.Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (st *pageState) line(n int, raw string) {
	s, orig := stripSxS(raw)
	if s == "" || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "![") {
		return
	}
	if strings.HasPrefix(s, ":::") {
		st.fence(s)
		return
	}
	if m := anchorHeading.FindStringSubmatch(s); m != nil {
		st.heading(len(m[1]), m[2], m[3])
		return
	}
	f := fold(s)
	// A line the page's words do not cover may carry its English original
	// (sxs-lookup), which the English words do: "Telephone support not
	// available", "International call charges apply", "Select option 3".
	fo := fold(orig)
	switch {
	case hasPhrase(f, st.lx.nophone) || (fo != "" && hasPhrase(fo, st.lx.nophone)):
		st.c.Notice = s
	case st.altLine(n, s, f):
	case isPhrase(strings.Trim(f, "()。. "), st.lx.charge) || (fo != "" && isPhrase(strings.Trim(fo, "()。. "), st.lx.charge)):
		st.chargeNote(s)
	case st.isDial(f) || (fo != "" && st.isDial(fo)):
		st.c.Dial = append(st.c.Dial, s)
		st.afterDial = hasPhrase(f, st.lx.after)
	case phoneRe.MatchString(s) && (st.inPhone || st.altList || st.afterDial):
		st.phoneLine(n, s)
	case st.inPhone && dialNumber.MatchString(s) && len(strings.Fields(s)) <= 6 && !strings.ContainsAny(s, ":(（"):
		// A dialling step in words the data does not know ("Option 4
		// wählen"): one short number among a few words.
		st.c.Dial = append(st.c.Dial, s)
	case st.inHours:
		st.hoursLine(n, s, orig)
	case st.inPhone:
		st.warn(n, CodePhoneUnparsed, "line under the phone heading not understood: %q", s)
	}
}

// hasPhrase reports whether folded f starts with one of the phrases.
func hasPhrase(f string, ps [][]rune) bool {
	_, ok := hasPrefixPhrase(f, ps)
	return ok
}

// isPhrase reports whether folded f is one of the phrases.
func isPhrase(f string, ps [][]rune) bool {
	t := []rune(f)
	for _, p := range ps {
		if matchAt(t, 0, p) == len(t) {
			return true
		}
	}
	return false
}

func (st *pageState) isDial(f string) bool {
	if hasPhrase(f, st.lx.after) {
		return true
	}
	for _, re := range st.lx.dial {
		if re.MatchString(f) {
			return true
		}
	}
	return false
}

// altLine handles "Alternative phone number: 069 380 789 508" and the
// same with the numbers on the lines that follow.
func (st *pageState) altLine(n int, s, f string) bool {
	e, ok := hasPrefixPhrase(f, st.lx.alt)
	rest := ""
	if ok {
		rest = strings.TrimSpace(string([]rune(s)[e:]))
		rest = strings.TrimSpace(strings.TrimLeft(rest, ":：︰ "))
	} else {
		// Any "Words: number" line outside the phone block is an
		// alternative number, whatever the words.
		label, num, found := strings.Cut(strings.NewReplacer("：", ":", "︰", ":").Replace(s), ":")
		if !found || st.inPhone || digitRe.MatchString(label) || !phoneRe.MatchString(strings.TrimSpace(num)) || len(digitsOf(num)) < 6 {
			return false
		}
		rest = strings.TrimSpace(num)
	}
	st.altList = rest == ""
	if !st.altList && !st.addPhone(rest, "alternative") {
		st.warn(n, CodePhoneUnparsed, "alternative number %q not understood", rest)
	}
	return true
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var monikerFence = regexp.MustCompile(`^:::\s*moniker\s+range\s*=\s*"([^"]*)"`)

// fence reads a ::: line: a moniker block's start and end set the range
// of the numbers and lines inside; other blocks' fences (zone pivots,
// rows, images) hold no support data.
func (st *pageState) fence(s string) {
	if m := monikerFence.FindStringSubmatch(s); m != nil {
		st.monikers = strings.TrimSpace(m[1])
	} else if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(s, ":::")), "moniker-end") {
		st.monikers = ""
	}
}

func (st *pageState) heading(level int, anchor, text string) {
	kind := anchor
	if kind == "" {
		kind = st.lx.headings[squash(text)]
	}
	st.altList, st.afterDial = false, false
	switch kind {
	case "phone-number":
		st.inPhone, st.inHours = true, false
	case "hours":
		st.inPhone, st.inHours, st.group, st.plan = false, true, "", ""
	case "billing-support", "technical-support":
		st.inPhone, st.inHours, st.plan = false, true, ""
		st.group = strings.TrimSuffix(kind, "-support")
	default:
		if level == 1 {
			return
		}
		st.inPhone, st.inHours, st.group = false, false, ""
		if level == 2 {
			st.section = text
		}
	}
}

func (st *pageState) phoneLine(n int, s string) {
	if st.afterDial {
		st.c.Dial = append(st.c.Dial, s)
		st.afterDial = false
		return
	}
	kind := "main"
	if st.altList {
		kind = "alternative"
	}
	if !st.addPhone(s, kind) {
		st.warn(n, CodePhoneUnparsed, "phone number %q not understood", s)
	}
}

// addPhone records "number (label) (note)".
func (st *pageState) addPhone(s, kind string) bool {
	m := phoneRe.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	p := Phone{Number: m[1], Tel: telDigits(m[1]), Kind: kind, Section: st.section, Monikers: st.monikers}
	for _, part := range strings.Split(m[2], "(") {
		part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), ")"))
		switch {
		case part == "":
		case isPhrase(strings.Trim(fold(part), "。. "), st.lx.charge):
			p.Note = part
		case p.Label == "":
			p.Label = part
		default:
			p.Note = strings.TrimSpace(p.Note + " " + part)
		}
	}
	if p.Note == "" && kind == "alternative" && st.pending != "" {
		p.Note = st.pending
	}
	st.c.Phones = append(st.c.Phones, p)
	return true
}

func telDigits(s string) string {
	var b strings.Builder
	for i, r := range s {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// chargeNote attaches a charge line to the last number, or keeps it for
// the numbers of an alternative list that follows it (Japan).
func (st *pageState) chargeNote(s string) {
	note := strings.TrimRight(strings.TrimSuffix(strings.TrimPrefix(s, "("), ")"), ".。")
	ps := st.c.Phones
	if st.altList && (len(ps) == 0 || ps[len(ps)-1].Kind != "alternative") {
		st.pending = note
		return
	}
	if len(ps) > 0 && ps[len(ps)-1].Note == "" {
		ps[len(ps)-1].Note = note
	}
}

func (st *pageState) hoursLine(n int, s, orig string) {
	if kind := st.lx.headings[squash(s)]; kind == "billing-support" || kind == "technical-support" {
		st.group, st.plan = strings.TrimSuffix(kind, "-support"), ""
		st.diags = append(st.diags, diag.Diagnostic{Pos: diag.Pos{File: st.file, Line: n}, Severity: diag.Info,
			Code: CodePlainHeading, Message: fmt.Sprintf("%q is a plain line; a heading was expected", s)})
		return
	}
	if m := planRe.FindStringSubmatch(s); m != nil {
		st.plan = strings.TrimSpace(m[1])
		return
	}
	if m := noteLineRe.FindStringSubmatch(s); m != nil && len(st.c.Lines) > 0 {
		st.c.Lines[len(st.c.Lines)-1].Note = m[1]
		return
	}
	key := st.section + "\x00" + st.group
	idx := st.seen[key]
	hl := parseHoursLine(s, st.lx)
	if !hl.ok && !strings.ContainsAny(s, ":：︰") && !digitRe.MatchString(s) && (orig == "" || !parseHoursLine(orig, lexiconFor("en")).ok) {
		// No label, no number, no hours: a note, not a failed schedule
		// (unless its English original is hours: "Inte tillgängligt via
		// telefon" is "Not available by phone").
		st.c.Notes = append(st.c.Notes, s)
		return
	}
	st.seen[key] = idx + 1
	ln := Line{Group: st.group, Label: hl.label, Zone: st.c.Zone, Plan: st.plan, Section: st.section, Monikers: st.monikers,
		Text: s, Source: fmt.Sprintf("%s:%d", path.Base(st.file), n)}
	why := ""
	if hl.ok {
		why = implausible(hl.schedule)
	}
	if hl.ok && why == "" && orig != "" {
		// The page carries its English original: a translation that reads
		// differently (a dropped weekday, a lost zone) is damaged.
		en := parseHoursLine(orig, lexiconFor("en"))
		if en.ok && implausible(en.schedule) == "" && (en.schedule.String() != hl.schedule.String() ||
			st.lineZone(en.zoneWord) != st.lineZone(hl.zoneWord) || (en.zoneWord == "local") != (hl.zoneWord == "local")) {
			why = "differ from the original"
		}
	}
	if !hl.ok || why != "" {
		if st.fallback(n, &ln, hl, orig, idx, why) {
			st.c.Lines = append(st.c.Lines, ln)
			return
		}
	}
	if hl.ok {
		if z := zoneFor(hl.zoneWord, st.c.ISO); z != "" {
			ln.Zone = z
		}
		ln.Local = hl.zoneWord == "local"
		if why != "" {
			st.warn(n, CodeImplausible, "%s: %q", why, s)
		}
	}
	st.applyLineZone(n, &ln, &hl)
	if hl.ok {
		str := hl.schedule.String()
		ln.Schedule = &str
	} else {
		if len(ln.Label) > 60 || strings.ContainsAny(ln.Label, "0123456789") {
			ln.Label = "" // prose, not "Label: schedule"
		}
		st.warn(n, CodeUnparsed, "support hours not understood (%s): %q", hl.problem, s)
	}
	st.c.Lines = append(st.c.Lines, ln)
}

// lineZone is the zone a zone word gives a line of this page.
func (st *pageState) lineZone(word string) string {
	if z := zoneFor(word, st.c.ISO); z != "" {
		return z
	}
	return st.c.Zone
}

// fallback reads a line that did not parse (or parsed to something
// implausible) from its original: the English the page carries in its
// sxs-lookup markup, else the same line of the default locale's page. It
// reports whether it found a schedule there.
func (st *pageState) fallback(n int, ln *Line, hl hoursLine, orig string, idx int, why string) bool {
	reason := "not understood (" + hl.problem + ")"
	if hl.ok {
		reason = why
	}
	if orig != "" {
		en := parseHoursLine(orig, lexiconFor("en"))
		if en.ok && implausible(en.schedule) == "" {
			if z := zoneFor(en.zoneWord, st.c.ISO); z != "" {
				ln.Zone = z
			}
			ln.Local = en.zoneWord == "local"
			st.applyLineZone(n, ln, &en)
			str := en.schedule.String()
			ln.Schedule, ln.Original = &str, orig
			st.warn(n, CodeFallback, "support hours %s: %q; read from the original %q", reason, ln.Text, orig)
			return true
		}
	}
	if st.def == nil {
		return false
	}
	k := 0
	for _, d := range st.def.Lines {
		if d.Group != ln.Group || d.Section != ln.Section {
			continue
		}
		if k == idx {
			if d.Schedule == nil {
				return false
			}
			str := *d.Schedule
			ln.Schedule, ln.Zone, ln.Local, ln.Original = &str, d.Zone, d.Local, d.Text
			st.warn(n, CodeFallback, "support hours %s: %q; using the default locale's line %s %q", reason, ln.Text, d.Source, d.Text)
			return true
		}
		k++
	}
	return false
}

// applyLineZone applies a countries.tsv override to a line that names no
// zone of its own.
func (st *pageState) applyLineZone(n int, ln *Line, hl *hoursLine) {
	if hl.zoneWord != "" && hl.zoneWord != "local" {
		return
	}
	if st.info.Slug == "" {
		return
	}
	for _, lz := range st.info.LineZones {
		if (lz.Label != "*" && !strings.EqualFold(lz.Label, ln.Label)) || (lz.Group != "" && lz.Group != ln.Group) {
			continue
		}
		if lz.Schedule != "" {
			s, err := ParseSchedule(lz.Schedule)
			if err != nil {
				st.warn(n, CodeLineZone, "country table schedule %q: %v", lz.Schedule, err)
				return
			}
			hl.schedule, hl.ok, ln.Zone = s, true, lz.Zone
			return
		}
		if !hl.ok || hl.schedule.always || hl.schedule.Off() {
			return
		}
		local, err1 := time.LoadLocation(st.c.Zone)
		centre, err2 := time.LoadLocation(lz.Zone)
		if err1 != nil || err2 != nil {
			st.warn(n, CodeLineZone, "country table zone %q or %q does not load", st.c.Zone, lz.Zone)
			return
		}
		s, err := hl.schedule.Shift(conversionShift(local, centre))
		if err != nil {
			st.warn(n, CodeLineZone, "cannot convert %q to %s: %v", hl.schedule, lz.Zone, err)
			return
		}
		hl.schedule, ln.Zone = s, lz.Zone
		return
	}
}
