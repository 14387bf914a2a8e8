package hours

import (
	"fmt"
	"sort"
	"strings"
)

// Minutes in a day and in a week; spans are kept as minutes of the day so
// that evaluation never depends on a clock's notion of "24:00".
const (
	dayMinutes  = 24 * 60
	weekMinutes = 7 * dayMinutes
)

// dayNames are the OSM weekday abbreviations, Monday first (index 0), the
// order used for normalization.
var dayNames = [7]string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}

// Span is one opening window of a day. Start is 0..1439; End is 1..1440
// (1440 is "24:00"). End <= Start means the window runs past midnight and
// its tail belongs to the day on which it started.
type Span struct {
	Start, End int
}

// Overnight reports whether the span ends on the following day.
func (s Span) Overnight() bool { return s.End <= s.Start }

// length is the wall-clock length in minutes.
func (s Span) length() int {
	if s.Overnight() {
		return s.End + dayMinutes - s.Start
	}
	return s.End - s.Start
}

func (s Span) String() string { return clock(s.Start) + "-" + clock(s.End) }

// Rule applies its spans on each of its days. Days is a bit set with bit 0
// for Monday and bit 6 for Sunday.
type Rule struct {
	Days  uint8
	Spans []Span
}

// Schedule is a parsed weekly schedule. The zero value is "off" (never
// open). A Schedule carries no time zone: the zone is always given next to
// it, because the pages state hours in a city's civil time.
type Schedule struct {
	always bool
	rules  []Rule
}

// Always reports whether the schedule is "24/7".
func (s Schedule) Always() bool { return s.always }

// Off reports whether the schedule is never open.
func (s Schedule) Off() bool { return !s.always && len(s.rules) == 0 }

// Rules returns a copy of the rules, in normalized order.
func (s Schedule) Rules() []Rule {
	out := make([]Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = Rule{Days: r.Days, Spans: append([]Span(nil), r.Spans...)}
	}
	return out
}

// ScheduleError is a syntax or consistency error in a schedule string.
// Offset is the byte offset in the string where the problem starts, so a
// diagnostic can point at the column inside an attribute value.
type ScheduleError struct {
	Offset  int
	Message string
}

func (e *ScheduleError) Error() string {
	return fmt.Sprintf("schedule: at byte %d: %s", e.Offset, e.Message)
}

func errAt(off int, format string, args ...any) error {
	return &ScheduleError{Offset: off, Message: fmt.Sprintf(format, args...)}
}

// ParseSchedule reads the strict subset of the OpenStreetMap opening_hours
// syntax that docloom accepts:
//
//	schedule = "24/7" | "off" | rule { "; " rule }
//	rule     = days " " span { "," span }
//	days     = day [ "-" day ] { "," day [ "-" day ] }
//	span     = HH:MM "-" HH:MM
//
// It is strict on purpose: every accepted string means the same thing to
// opening_hours.js (which overrides per day) and to docloom (which unions),
// because rules may not share a day, after-midnight tails included.
func ParseSchedule(s string) (Schedule, error) {
	switch s {
	case "24/7":
		return Schedule{always: true}, nil
	case "off":
		return Schedule{}, nil
	case "":
		return Schedule{}, errAt(0, "empty schedule (use \"off\" for never open)")
	}
	var sch Schedule
	var starts []int
	off := 0
	for _, part := range strings.Split(s, ";") {
		start := off
		off += len(part) + 1
		if start > 0 {
			if !strings.HasPrefix(part, " ") || strings.HasPrefix(part, "  ") {
				return Schedule{}, errAt(start, "rules must be separated by \"; \" (one space)")
			}
			part = part[1:]
			start++
		}
		r, err := parseRule(part, start)
		if err != nil {
			return Schedule{}, err
		}
		sch.rules = append(sch.rules, r)
		starts = append(starts, start)
	}
	if err := checkOverlaps(sch.rules, starts); err != nil {
		return Schedule{}, err
	}
	sch.normalize()
	return sch, nil
}

func parseRule(s string, base int) (Rule, error) {
	sp := strings.IndexByte(s, ' ')
	if sp < 0 {
		if strings.TrimSpace(s) == "PH off" || strings.HasPrefix(s, "PH") {
			return Rule{}, errAt(base, "public holidays (PH) are not supported")
		}
		return Rule{}, errAt(base+len(s), "expected a space and time spans after the days")
	}
	if strings.HasPrefix(s, "PH") {
		return Rule{}, errAt(base, "public holidays (PH) are not supported")
	}
	days, err := parseDays(s[:sp], base)
	if err != nil {
		return Rule{}, err
	}
	r := Rule{Days: days}
	off := base + sp + 1
	for _, f := range strings.Split(s[sp+1:], ",") {
		span, err := parseSpan(f, off)
		if err != nil {
			return Rule{}, err
		}
		r.Spans = append(r.Spans, span)
		off += len(f) + 1
	}
	return r, nil
}

func parseDays(s string, base int) (uint8, error) {
	if s == "" {
		return 0, errAt(base, "expected weekdays (Mo Tu We Th Fr Sa Su)")
	}
	var set uint8
	off := base
	for _, item := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(item, "-")
		a, err := parseDay(from, off)
		if err != nil {
			return 0, err
		}
		b := a
		if isRange {
			if b, err = parseDay(to, off+len(from)+1); err != nil {
				return 0, err
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			set |= 1 << d
			if d == b {
				break
			}
		}
		off += len(item) + 1
	}
	return set, nil
}

func parseDay(s string, off int) (int, error) {
	for i, n := range dayNames {
		if s == n {
			return i, nil
		}
	}
	return 0, errAt(off, "unknown weekday %q (use Mo Tu We Th Fr Sa Su)", s)
}

func parseSpan(s string, off int) (Span, error) {
	if len(s) != 11 || s[5] != '-' {
		return Span{}, errAt(off, "time span %q must be HH:MM-HH:MM", s)
	}
	start, err := parseClock(s[:5], off)
	if err != nil {
		return Span{}, err
	}
	end, err := parseClock(s[6:], off+6)
	if err != nil {
		return Span{}, err
	}
	if start == dayMinutes {
		return Span{}, errAt(off, "a span cannot start at 24:00")
	}
	if start == end {
		return Span{}, errAt(off, "span %q starts and ends at the same time", s)
	}
	if end == 0 {
		end = dayMinutes // "00:00" as an end is midnight at the end of the day
	}
	return Span{Start: start, End: end}, nil
}

func parseClock(s string, off int) (int, error) {
	if len(s) != 5 || s[2] != ':' || !digits(s[:2]) || !digits(s[3:]) {
		return 0, errAt(off, "time %q must be HH:MM", s)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	switch {
	case m > 59:
		return 0, errAt(off+3, "minutes %02d out of range", m)
	case h > 24 || (h == 24 && m != 0):
		return 0, errAt(off, "time %s out of range (latest is 24:00)", s)
	}
	return h*60 + m, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// tailDays is the set of days reached by after-midnight tails of r.
func (r Rule) tailDays() uint8 {
	for _, s := range r.Spans {
		if s.Overnight() {
			return r.Days<<1 | r.Days>>6&1
		}
	}
	return 0
}

// checkOverlaps rejects rules that share a day (their own days or their
// after-midnight tails) and spans that overlap on the weekly circle.
func checkOverlaps(rules []Rule, starts []int) error {
	for j := range rules {
		for i := 0; i < j; i++ {
			a, b := rules[i], rules[j]
			if common := a.Days&b.Days | a.tailDays()&b.Days | b.tailDays()&a.Days; common != 0 {
				return errAt(starts[j], "rule %d shares %s with rule %d (after-midnight parts included); put the spans in one rule",
					j+1, formatDays(common), i+1)
			}
		}
	}
	type iv struct{ a, b, rule int }
	var ivs []iv
	for i, r := range rules {
		for d := 0; d < 7; d++ {
			if r.Days&(1<<d) == 0 {
				continue
			}
			for _, s := range r.Spans {
				a := d*dayMinutes + s.Start
				ivs = append(ivs, iv{a, a + s.length(), i})
			}
		}
	}
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].a < ivs[j].a })
	for i := range ivs {
		next := ivs[(i+1)%len(ivs)]
		na := next.a
		if i+1 == len(ivs) {
			na += weekMinutes
		}
		if len(ivs) > 1 && ivs[i].b > na {
			return errAt(starts[next.rule], "time spans overlap in rule %d", next.rule+1)
		}
	}
	return nil
}

// normalize sorts spans and rules so that equal schedules print equally.
func (s *Schedule) normalize() {
	for _, r := range s.rules {
		sort.Slice(r.Spans, func(i, j int) bool { return r.Spans[i].Start < r.Spans[j].Start })
	}
	sort.SliceStable(s.rules, func(i, j int) bool {
		return firstRunStart(s.rules[i].Days) < firstRunStart(s.rules[j].Days)
	})
}

// String returns the normalized schedule: ranges for three or more days in
// a row (wrapping over Sunday when that is shorter), spans in order, rules
// ordered by their first day, "00:00" ends written as "24:00".
func (s Schedule) String() string {
	if s.always {
		return "24/7"
	}
	if len(s.rules) == 0 {
		return "off"
	}
	parts := make([]string, len(s.rules))
	for i, r := range s.rules {
		spans := make([]string, len(r.Spans))
		for j, sp := range r.Spans {
			spans[j] = sp.String()
		}
		parts[i] = formatDays(r.Days) + " " + strings.Join(spans, ",")
	}
	return strings.Join(parts, "; ")
}

// firstRunStart is the index of the first day that starts a run of days,
// so that Su-Th sorts as Sunday and Mo-Fr as Monday.
func firstRunStart(set uint8) int {
	if set == 0x7f {
		return 0
	}
	for d := 0; d < 7; d++ {
		prev := (d + 6) % 7
		if set&(1<<d) != 0 && set&(1<<prev) == 0 {
			return d
		}
	}
	return 7
}

// formatDays prints a day set as runs on the weekly circle.
func formatDays(set uint8) string {
	if set&0x7f == 0x7f {
		return "Mo-Su"
	}
	var items []string
	for d := 0; d < 7; d++ {
		prev := (d + 6) % 7
		if set&(1<<d) == 0 || set&(1<<prev) != 0 {
			continue
		}
		n := 0
		for set&(1<<((d+n)%7)) != 0 {
			n++
		}
		switch {
		case n == 1:
			items = append(items, dayNames[d])
		case n == 2:
			items = append(items, dayNames[d], dayNames[(d+1)%7])
		default:
			items = append(items, dayNames[d]+"-"+dayNames[(d+n-1)%7])
		}
	}
	return strings.Join(items, ",")
}

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
