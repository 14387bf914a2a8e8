package hours

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

// fixtureCase is one line of testdata/cases.json, shared with the
// TypeScript evaluator's browser test.
type fixtureCase struct {
	ID       string  `json:"id"`
	Zone     string  `json:"zone"`
	Schedule string  `json:"schedule"`
	Instant  string  `json:"instant"`
	Open     bool    `json:"open"`
	Next     *string `json:"next"`
	Note     string  `json:"note"`
}

func loadCases(t *testing.T) []fixtureCase {
	t.Helper()
	data, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []fixtureCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func TestStateFixtureCases(t *testing.T) {
	cases := loadCases(t)
	if len(cases) < 25 {
		t.Fatalf("only %d cases in cases.json", len(cases))
	}
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			loc, err := time.LoadLocation(c.Zone)
			if err != nil {
				t.Fatal(err)
			}
			sch, err := ParseSchedule(c.Schedule)
			if err != nil {
				t.Fatal(err)
			}
			at, err := time.Parse(time.RFC3339, c.Instant)
			if err != nil {
				t.Fatal(err)
			}
			open, next, ok := sch.State(loc, at)
			got := "null"
			if ok {
				got = next.Format(time.RFC3339)
			}
			want := "null"
			if c.Next != nil {
				want = *c.Next
			}
			if open != c.Open || got != want {
				t.Errorf("%s %q at %s: got open=%v next=%s, want open=%v next=%s (%s)",
					c.Zone, c.Schedule, c.Instant, open, got, c.Open, want, c.Note)
			}
		})
	}
}

// The interval semantics differ from wall-clock membership only where a
// boundary falls into a gap or a repeated hour; these pin the choice.
func TestResolveCompatible(t *testing.T) {
	tests := []struct {
		zone    string
		date    string
		minutes int
		want    string
	}{
		{"Europe/Berlin", "2026-03-29", 150, "2026-03-29T01:30:00Z"},    // gap: offset before the jump
		{"Europe/Berlin", "2026-10-25", 150, "2026-10-25T00:30:00Z"},    // repeated: first occurrence
		{"America/New_York", "2026-03-08", 150, "2026-03-08T07:30:00Z"}, // gap; time.Date says 06:30Z
		{"America/New_York", "2026-11-01", 90, "2026-11-01T05:30:00Z"},  // repeated: EDT
		{"Africa/Cairo", "2026-04-24", 0, "2026-04-23T22:00:00Z"},       // midnight skipped
		{"Africa/Cairo", "2026-10-29", 1440, "2026-10-29T22:00:00Z"},    // 24:00 at fall-back
		{"Asia/Kathmandu", "2026-03-29", 600, "2026-03-29T04:15:00Z"},   // +05:45, no DST
		{"Australia/Lord_Howe", "2026-04-05", 105, "2026-04-04T14:45:00Z"},
	}
	for _, tt := range tests {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		day, _ := time.Parse("2006-01-02", tt.date)
		if got := Resolve(loc, day, tt.minutes).UTC().Format(time.RFC3339); got != tt.want {
			t.Errorf("Resolve(%s, %s, %d) = %s, want %s", tt.zone, tt.date, tt.minutes, got, tt.want)
		}
	}
}

// A window lying entirely inside a spring-forward gap moves with both ends:
// 02:15-02:45 becomes 03:15-03:45 CEST, as new Date() would read it.
func TestStateSpanInsideGap(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Berlin")
	sch, err := ParseSchedule("Su 02:15-02:45")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 29, 0, 0, 0, 0, time.UTC)
	open, next, ok := sch.State(loc, at)
	if open || !ok || !next.Equal(time.Date(2026, 3, 29, 1, 15, 0, 0, time.UTC)) {
		t.Errorf("got open=%v next=%v ok=%v, want closed until 03:15 CEST", open, next, ok)
	}
	if open, next, _ = sch.State(loc, next); !open || !next.Equal(time.Date(2026, 3, 29, 1, 45, 0, 0, time.UTC)) {
		t.Errorf("at 03:15 CEST got open=%v next=%v, want open until 03:45 CEST", open, next)
	}
}

// A closure longer than the horizon reports no change.
func TestStateBeyondHorizon(t *testing.T) {
	loc, _ := time.LoadLocation("UTC")
	sch, _ := ParseSchedule("Mo 09:00-10:00")
	open, _, ok := sch.State(loc, time.Date(2026, 3, 30, 9, 30, 0, 0, time.UTC))
	if !open || !ok {
		t.Errorf("open=%v ok=%v, want open with a change at 10:00", open, ok)
	}
}
