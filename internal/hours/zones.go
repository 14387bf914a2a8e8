package hours

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/docloom/docloom/internal/diag"
)

// Diagnostic codes of this package. They are stable: authors search for them.
const (
	CodeBadSchedule    = "hours-bad-schedule"    // a schedule string does not parse
	CodeUnknownZone    = "hours-unknown-zone"    // a zone does not load from tzdata
	CodeUnparsed       = "hours-unparsed"        // a line under an hours heading has no schedule
	CodeImplausible    = "hours-implausible"     // a schedule parses but looks like a typo
	CodeUnknownCountry = "hours-unknown-country" // a country page has no row in countries.tsv
	CodePhoneUnparsed  = "hours-phone-unparsed"  // a line under the phone heading is not understood
	CodePlainHeading   = "hours-plain-heading"   // a sub-heading written as a plain line
	CodeLineZone       = "hours-line-zone"       // a countries.tsv override was applied or failed
	CodeFallback       = "hours-fallback"        // a translated line was read from its original instead
)

// countriesTSV is the hand-maintained country table: one row per support
// page slug. See SYNTAX.md for the columns.
//
//go:embed countries.tsv
var countriesTSV string

// zonesTSV maps every zone of tzdata's zone.tab, plus the legacy IDs that
// Chromium reports (Asia/Calcutta, Europe/Kiev, ...), to an ISO country.
//
//go:embed zones.tsv
var zonesTSV string

// CountryInfo is one row of countries.tsv.
type CountryInfo struct {
	Slug string
	ISO  string
	Zone string
	// Zones lists every zone of a country whose zones differ in offset
	// (US, CA, AU, RU, ...); empty otherwise.
	Zones     []string
	LineZones []LineZone
}

// LineZone re-keys page lines whose hours are a frozen conversion of a
// support centre's schedule (French overseas territories shown in Paris
// hours converted once at winter time, and the like). Label "*" matches
// every line; Group "" matches both groups. Without a Schedule the page's
// times are converted back to Zone using both zones' January offsets; with
// one, it replaces the page's schedule.
type LineZone struct {
	Label, Group, Zone, Schedule string
}

var tables = sync.OnceValues(func() (map[string]CountryInfo, map[string]string) {
	countries := map[string]CountryInfo{}
	for _, row := range tsvRows(countriesTSV) {
		for len(row) < 5 {
			row = append(row, "")
		}
		c := CountryInfo{Slug: row[0], ISO: row[1], Zone: row[2], Zones: strings.Fields(row[3])}
		c.LineZones = parseLineZones(row[4])
		countries[c.Slug] = c
	}
	zones := map[string]string{}
	for _, row := range tsvRows(zonesTSV) {
		if len(row) >= 2 {
			zones[row[0]] = row[1]
		}
	}
	return countries, zones
})

func tsvRows(s string) [][]string {
	var rows [][]string
	for _, line := range strings.Split(s, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rows = append(rows, strings.Split(line, "\t"))
	}
	return rows
}

// parseLineZones reads "label[/group]=Zone [schedule]; ..." entries.
func parseLineZones(s string) []LineZone {
	var out []LineZone
	for _, item := range strings.Split(s, "; ") {
		key, val, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			continue
		}
		lz := LineZone{}
		lz.Label, lz.Group, _ = strings.Cut(key, "/")
		lz.Zone, lz.Schedule, _ = strings.Cut(val, " ")
		out = append(out, lz)
	}
	return out
}

// Countries returns the country table keyed by page slug.
func Countries() map[string]CountryInfo {
	c, _ := tables()
	out := make(map[string]CountryInfo, len(c))
	for k, v := range c {
		out[k] = v
	}
	return out
}

// LookupCountry returns the row for a page slug.
func LookupCountry(slug string) (CountryInfo, bool) {
	c, _ := tables()
	info, ok := c[slug]
	return info, ok
}

// ZoneCountries maps zone IDs to ISO country codes for the browser, which
// pre-selects the reader's country from Intl's zone. It includes the legacy
// IDs that browsers report in place of current names.
func ZoneCountries() map[string]string {
	_, z := tables()
	out := make(map[string]string, len(z))
	for k, v := range z {
		out[k] = v
	}
	return out
}

// ValidateZone reports whether name is an IANA zone known to the embedded
// tzdata. "Local" and "" are refused: a page must not depend on the
// machine that builds it.
func ValidateZone(name string) error {
	if name == "" || name == "Local" {
		return fmt.Errorf("time zone %q is not an IANA zone name such as Europe/Berlin", name)
	}
	if _, err := time.LoadLocation(name); err != nil {
		return fmt.Errorf("unknown time zone %q (use an IANA name such as Europe/Berlin)", name)
	}
	return nil
}

// ValidateBlock checks the attributes of an authoring block
// :::hours zone="..." schedule="...":::. It returns the parsed schedule and
// diagnostics with codes hours-unknown-zone and hours-bad-schedule. col,
// when known, is the column of the schedule value's first byte, so that a
// syntax error points inside it.
func ValidateBlock(pos diag.Pos, zone, schedule string, col int) (Schedule, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	if err := ValidateZone(zone); err != nil {
		ds = append(ds, diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: CodeUnknownZone, Message: err.Error()})
	}
	s, err := ParseSchedule(schedule)
	if err != nil {
		p := pos
		msg := err.Error()
		if se, ok := err.(*ScheduleError); ok {
			msg = fmt.Sprintf("bad schedule %q: %s", schedule, se.Message)
			if col > 0 {
				p.Col = col + se.Offset
			}
		}
		ds = append(ds, diag.Diagnostic{Pos: p, Severity: diag.Error, Code: CodeBadSchedule, Message: msg})
	}
	return s, ds
}
