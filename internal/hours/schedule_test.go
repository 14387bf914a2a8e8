package hours

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseScheduleNormalizes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"24/7", "24/7"},
		{"off", "off"},
		{"Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00"},
		{"Su-Th 10:00-18:00", "Su-Th 10:00-18:00"},
		{"Mo,Tu,We,Th,Fr 09:00-17:00", "Mo-Fr 09:00-17:00"},
		{"Sa,Su 10:00-12:00", "Sa,Su 10:00-12:00"},
		{"Fr-Mo 10:00-12:00", "Fr-Mo 10:00-12:00"},
		{"Mo-Su 09:00-00:00", "Mo-Su 09:00-24:00"},
		{"Mo-Fr 13:00-17:00,09:00-12:00", "Mo-Fr 09:00-12:00,13:00-17:00"},
		{"Sa 10:00-14:00; Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00; Sa 10:00-14:00"},
		{"Mo-Fr 22:00-06:00", "Mo-Fr 22:00-06:00"},
		{"Mo,We,Fr 08:00-12:00", "Mo,We,Fr 08:00-12:00"},
		{"Tu-Mo 00:00-24:00", "Mo-Su 00:00-24:00"},
		{"Mo-Fr 22:00-02:00; Su 10:00-12:00", "Mo-Fr 22:00-02:00; Su 10:00-12:00"},
	}
	for _, tt := range tests {
		s, err := ParseSchedule(tt.in)
		if err != nil {
			t.Errorf("ParseSchedule(%q): %v", tt.in, err)
			continue
		}
		if got := s.String(); got != tt.want {
			t.Errorf("ParseSchedule(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseScheduleErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{"", 0, "empty"},
		{"Mo-Fr", 5, "expected a space"},
		{"Mon-Fri 09:00-17:00", 0, "unknown weekday"},
		{"Mo-Fx 09:00-17:00", 3, "unknown weekday"},
		{"Mo-Fr 9:00-17:00", 6, "HH:MM-HH:MM"},
		{"Mo-Fr 09:00-25:00", 12, "out of range"},
		{"Mo-Fr 09:60-17:00", 9, "minutes"},
		{"Mo-Fr 24:00-02:00", 6, "cannot start at 24:00"},
		{"Mo-Fr 09:00-09:00", 6, "same time"},
		{"Mo-Fr 00:00-00:00", 6, "same time"},
		{"Mo-Fr 09:00-17:00;Sa 10:00-12:00", 18, "separated"},
		{"Mo-Fr 09:00-12:00; Mo 14:00-17:00", 19, "shares Mo"},
		{"Mo-Fr 22:00-02:00; Sa 10:00-12:00", 19, "shares Sa"},
		{"Sa 10:00-12:00; Mo-Fr 22:00-02:00", 16, "shares Sa"},
		{"Mo 09:00-17:00,12:00-13:00", 0, "overlap"},
		{"Mo-Su 20:00-02:00,01:00-03:00", 0, "overlap"},
		{"Mo-Fr 09:00-17:00; PH off", 19, "public holidays"},
		{"Mo-Fr  09:00-17:00", 6, "HH:MM-HH:MM"},
	}
	for _, tt := range tests {
		_, err := ParseSchedule(tt.in)
		var se *ScheduleError
		if !errors.As(err, &se) {
			t.Errorf("ParseSchedule(%q) = %v, want a *ScheduleError", tt.in, err)
			continue
		}
		if se.Offset != tt.offset || !strings.Contains(se.Message, tt.msg) {
			t.Errorf("ParseSchedule(%q): offset %d %q, want offset %d containing %q", tt.in, se.Offset, se.Message, tt.offset, tt.msg)
		}
	}
}

func FuzzParseSchedule(f *testing.F) {
	for _, s := range []string{"24/7", "off", "Mo-Fr 09:00-17:00", "Su-Th 10:00-18:00",
		"Mo-Fr 22:00-06:00; Su 10:00-12:00", "Fr-Mo 09:00-12:00,13:00-17:30", "Mo-Su 09:00-00:00",
		"Mo,We 08:00-09:00", "Mo-Fr 09:00-17:00; PH off", "Mo 24:00-01:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sch, err := ParseSchedule(s)
		if err != nil {
			var se *ScheduleError
			if !errors.As(err, &se) || se.Offset < 0 || se.Offset > len(s) {
				t.Fatalf("ParseSchedule(%q): bad error %v", s, err)
			}
			return
		}
		// The normalized form must parse to itself.
		norm := sch.String()
		again, err := ParseSchedule(norm)
		if err != nil {
			t.Fatalf("normalized %q of %q does not parse: %v", norm, s, err)
		}
		if again.String() != norm {
			t.Fatalf("normalization not stable: %q -> %q -> %q", s, norm, again.String())
		}
		// The reported change must really flip the state.
		loc, _ := time.LoadLocation("Europe/Berlin")
		at := time.Date(2026, 3, 28, 23, 17, 0, 0, time.UTC)
		open, next, ok := sch.State(loc, at)
		if ok {
			if !next.After(at) {
				t.Fatalf("%q: next %v not after %v", s, next, at)
			}
			if o, _, _ := sch.State(loc, next); o == open {
				t.Fatalf("%q: state at next change %v is still %v", s, next, open)
			}
		}
	})
}
