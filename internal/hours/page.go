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
	Notice string   `json:"notice,omitempty"`
	Phones []Phone  `json:"phones"`
	Dial   []string `json:"dial"`
	Lines  []Line   `json:"lines"`
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
	Local   bool   `json:"local,omitempty"`
	Plan    string `json:"plan,omitempty"`
	Note    string `json:"note,omitempty"`
	Section string `json:"section,omitempty"`
	Text    string `json:"text"`
	Source  string `json:"source"`
}

var (
	anchorHeading = regexp.MustCompile(`^(#{1,6})\s+(?:<a name="([^"]*)"></a>)?\s*(.*?)\s*#*\s*$`)
	phoneRe       = regexp.MustCompile(`^(\+?\d[\d \-]*\d)\s*((?:\([^)]*\)\s*)*)$`)
	altRe         = regexp.MustCompile(`(?i)^(alternatief telefoonnummer|alternative phone number)\s*:\s*(.*)$`)
	dialRe        = regexp.MustCompile(`(?i)^(optie \d+ selecteren|code \d+ invoeren|select option \d+|enter code \d+|na het bellen voert u\b.*|after dialing,? enter\b.*)$`)
	afterDialRe   = regexp.MustCompile(`(?i)^(na het bellen voert u|after dialing,? enter)\s*$`)
	chargeRe      = regexp.MustCompile(`(?i)^\(?(internationale gesprekskosten zijn van toepassing|lokale gesprekskosten zijn van toepassing|lokaal gratis|gratis mobiel|international call charges apply|local call charges apply|local toll-free|toll-free|free from mobile)\)?\.?$`)
	noPhoneRe     = regexp.MustCompile(`(?i)^(telefonische ondersteuning niet beschikbaar|telephone support not available)`)
	plainGroupRe  = regexp.MustCompile(`(?i)^(ondersteuning bij facturering|factureringsondersteuning|billing support|technische ondersteuning|technical support)\s*:?\s*$`)
	planRe        = regexp.MustCompile(`^\*\*([^*]+?):?\*\*`)
	noteLineRe    = regexp.MustCompile(`^\(([^()]*)\)$`)
)

// pageState tracks where in the page the scanner is.
type pageState struct {
	c         *Country
	info      CountryInfo
	file      string
	section   string // heading of a second contact block, "" for the first
	inPhone   bool
	inHours   bool
	group     string
	plan      string
	altList   bool   // after "Alternatief telefoonnummer:" with no number
	afterDial bool   // after "Na het bellen voert u"
	pending   string // charge note waiting for the numbers it precedes
	diags     []diag.Diagnostic
}

// ParseCountryPage reads one country support page (English or Dutch; the
// locale is only recorded for callers, both vocabularies are accepted). It
// never fails: lines it does not understand keep their text and produce a
// warning with file:line.
func ParseCountryPage(file string, src []byte, locale string) (Country, []diag.Diagnostic) {
	_ = locale
	slug := strings.TrimSuffix(path.Base(strings.ReplaceAll(file, "\\", "/")), ".md")
	st := &pageState{c: &Country{Slug: slug, Zones: []string{}, Phones: []Phone{}, Dial: []string{}, Lines: []Line{}}, file: file}
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

func (st *pageState) line(n int, s string) {
	if s == "" || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "![") {
		return
	}
	if m := anchorHeading.FindStringSubmatch(s); m != nil {
		st.heading(len(m[1]), m[2], m[3])
		return
	}
	switch {
	case noPhoneRe.MatchString(s):
		st.c.Notice = s
	case altRe.MatchString(s):
		m := altRe.FindStringSubmatch(s)
		st.altList = strings.TrimSpace(m[2]) == ""
		if !st.altList && !st.addPhone(strings.TrimSpace(m[2]), "alternative") {
			st.warn(n, CodePhoneUnparsed, "alternative number %q not understood", m[2])
		}
	case chargeRe.MatchString(s):
		st.chargeNote(s)
	case dialRe.MatchString(s):
		st.c.Dial = append(st.c.Dial, s)
		st.afterDial = afterDialRe.MatchString(s)
	case phoneRe.MatchString(s) && (st.inPhone || st.altList || st.afterDial):
		st.phoneLine(n, s)
	case st.inHours:
		st.hoursLine(n, s)
	case st.inPhone:
		st.warn(n, CodePhoneUnparsed, "line under the phone heading not understood: %q", s)
	}
}

func (st *pageState) heading(level int, anchor, text string) {
	kind := anchor
	switch t := strings.ToLower(strings.TrimRight(text, ": ")); {
	case kind != "":
	case t == "phone number" || t == "telefoonnummer":
		kind = "phone-number"
	case t == "hours" || t == "uren":
		kind = "hours"
	case plainGroupRe.MatchString(t):
		kind = groupOf(t) + "-support"
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

func groupOf(t string) string {
	t = strings.ToLower(t)
	if strings.Contains(t, "factur") || strings.Contains(t, "billing") {
		return "billing"
	}
	return "technical"
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
	p := Phone{Number: m[1], Tel: telDigits(m[1]), Kind: kind, Section: st.section}
	for _, part := range strings.Split(m[2], "(") {
		part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), ")"))
		switch {
		case part == "":
		case chargeRe.MatchString(part):
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
	note := strings.TrimSuffix(strings.TrimPrefix(s, "("), ")")
	ps := st.c.Phones
	if st.altList && (len(ps) == 0 || ps[len(ps)-1].Kind != "alternative") {
		st.pending = note
		return
	}
	if len(ps) > 0 && ps[len(ps)-1].Note == "" {
		ps[len(ps)-1].Note = note
	}
}

func (st *pageState) hoursLine(n int, s string) {
	if m := plainGroupRe.FindStringSubmatch(s); m != nil {
		st.group, st.plan = groupOf(m[1]), ""
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
	hl := parseHoursLine(s)
	ln := Line{Group: st.group, Label: hl.label, Zone: st.c.Zone, Plan: st.plan, Section: st.section,
		Text: s, Source: fmt.Sprintf("%s:%d", path.Base(st.file), n)}
	if hl.ok {
		if z := wordZone(hl.zoneWord, st.c.ISO); z != "" {
			ln.Zone = z
		}
		ln.Local = hl.zoneWord == "local"
		if why := implausible(hl.schedule); why != "" {
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

// applyLineZone applies a countries.tsv override to a line that names no
// zone of its own.
func (st *pageState) applyLineZone(n int, ln *Line, hl *hoursLine) {
	if hl.zoneWord != "" && hl.zoneWord != "local" {
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
