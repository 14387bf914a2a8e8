package hours

import (
	"github.com/docloom/docloom/internal/fixtures"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/diag"
)

func TestCountryTableZonesLoad(t *testing.T) {
	countries := Countries()
	if len(countries) != 246 {
		t.Errorf("countries.tsv has %d rows, want 246", len(countries))
	}
	for slug, c := range countries {
		if len(c.ISO) != 2 {
			t.Errorf("%s: ISO %q", slug, c.ISO)
		}
		for _, z := range append([]string{c.Zone}, c.Zones...) {
			if err := ValidateZone(z); err != nil {
				t.Errorf("%s: %v", slug, err)
			}
		}
		if len(c.Zones) > 0 && !contains(c.Zones, c.Zone) {
			t.Errorf("%s: default zone %s is not among its zones", slug, c.Zone)
		}
		for _, lz := range c.LineZones {
			if err := ValidateZone(lz.Zone); err != nil {
				t.Errorf("%s line_zone: %v", slug, err)
			}
			if lz.Schedule != "" {
				if _, err := ParseSchedule(lz.Schedule); err != nil {
					t.Errorf("%s line_zone: %v", slug, err)
				}
			}
		}
	}
}

// Every support page of every fixture locale needs a row, or its hours
// cannot be evaluated.
func TestCountryTableCoversFixtures(t *testing.T) {
	for _, locale := range []string{"nl-nl", "en-us"} {
		files := fixtures.Glob(t, locale+"/microsoft-365/admin/support/*.md")
		for _, f := range files {
			slug := strings.TrimSuffix(filepath.Base(f), ".md")
			if _, ok := LookupCountry(slug); !ok {
				t.Errorf("%s: no row for %s", locale, slug)
			}
		}
	}
}

func TestCountryTableDecisions(t *testing.T) {
	want := map[string]string{
		"united-states": "America/New_York", "canada": "America/Toronto", "australia": "Australia/Sydney",
		"russia": "Europe/Moscow", "kosovo": "Europe/Belgrade", "bouvet-island": "Europe/Oslo",
		"heard-island-and-mcdonald-islands": "Indian/Kerguelen", "germany": "Europe/Berlin", "nepal": "Asia/Kathmandu",
	}
	for slug, zone := range want {
		if c, _ := LookupCountry(slug); c.Zone != zone {
			t.Errorf("%s: zone %q, want %q", slug, c.Zone, zone)
		}
	}
	if c, _ := LookupCountry("kosovo"); c.ISO != "XK" {
		t.Errorf("kosovo ISO %q, want XK", c.ISO)
	}
	if c, _ := LookupCountry("united-states"); len(c.Zones) < 8 {
		t.Errorf("united-states lists %d zones, want all of them", len(c.Zones))
	}
	if c, _ := LookupCountry("germany"); len(c.Zones) != 0 {
		t.Errorf("germany has one offset but lists zones %v", c.Zones)
	}
}

func TestZoneCountriesLegacyNames(t *testing.T) {
	zc := ZoneCountries()
	legacy := map[string]string{
		"Asia/Calcutta": "IN", "Asia/Katmandu": "NP", "Asia/Saigon": "VN", "Asia/Rangoon": "MM",
		"Europe/Kiev": "UA", "Atlantic/Faeroe": "FO", "America/Godthab": "GL", "Pacific/Enderbury": "KI",
		"Pacific/Ponape": "FM", "Pacific/Truk": "FM", "Africa/Asmera": "ER", "America/Buenos_Aires": "AR",
		"America/Catamarca": "AR", "America/Cordoba": "AR", "America/Jujuy": "AR", "America/Mendoza": "AR",
		"America/Indianapolis": "US", "America/Louisville": "US", "America/Coral_Harbour": "CA",
	}
	for z, iso := range legacy {
		if zc[z] != iso {
			t.Errorf("ZoneCountries()[%s] = %q, want %q", z, zc[z], iso)
		}
	}
	for z := range zc {
		if _, err := time.LoadLocation(z); err != nil {
			t.Errorf("zone %s does not load: %v", z, err)
		}
	}
	if zc["Europe/Berlin"] != "DE" || zc["Asia/Kolkata"] != "IN" || zc["Europe/Amsterdam"] != "NL" {
		t.Errorf("current names missing: %v %v %v", zc["Europe/Berlin"], zc["Asia/Kolkata"], zc["Europe/Amsterdam"])
	}
}

func TestValidateZone(t *testing.T) {
	for _, ok := range []string{"Europe/Berlin", "Asia/Calcutta", "Europe/Kyiv", "UTC"} {
		if err := ValidateZone(ok); err != nil {
			t.Errorf("ValidateZone(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "Local", "Europe/Berlinn", "CEST", "Berlin", "../etc/passwd"} {
		if err := ValidateZone(bad); err == nil {
			t.Errorf("ValidateZone(%q) accepted", bad)
		}
	}
}

func TestValidateBlock(t *testing.T) {
	pos := diag.Pos{File: "page.md", Line: 7}
	s, ds := ValidateBlock(pos, "Asia/Shanghai", "Mo-Su 09:00-00:00", 0)
	if len(ds) != 0 || s.String() != "Mo-Su 09:00-24:00" {
		t.Errorf("good block: %v %v", s, ds)
	}
	_, ds = ValidateBlock(pos, "Mars/Olympus", "Mo-Fr 9-17", 40)
	if len(ds) != 2 {
		t.Fatalf("want 2 diagnostics, got %v", ds)
	}
	if ds[0].Code != CodeUnknownZone || ds[0].Severity != diag.Error {
		t.Errorf("zone diagnostic: %v", ds[0])
	}
	if ds[1].Code != CodeBadSchedule || ds[1].Pos.Col != 46 {
		t.Errorf("schedule diagnostic: %v", ds[1])
	}
	if got := ds[1].String(); !strings.HasPrefix(got, "page.md:7:46: error hours-bad-schedule: bad schedule") {
		t.Errorf("diagnostic text %q", got)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}
