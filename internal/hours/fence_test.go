package hours

import (
	"strings"
	"testing"
)

// A country page may hold a cloud's numbers and lines in ::: moniker
// blocks: they are read with the block's range, and the fences are neither
// numbers nor hours.
func TestMonikerBlocks(t *testing.T) {
	src := "# Contact support for China\n\n## Phone number\n800 988 0365\n\n" +
		"::: moniker range=\"o365-21vianet\"\n\n+86 4000 890 365\n\n::: moniker-end\n\n" +
		"## Hours\n### Billing Support:\n\nEnglish: Mon-Fri 9 AM-6 PM\n\n" +
		":::moniker range=\"o365-21vianet || o365-germany\"\n\nChinese: Mon-Fri 9 AM-9 PM\n\n:::moniker-end\n\n" +
		"::: zone pivot=\"x\"\n\nEnglish: 24 hours a day, 7 days a week\n\n::: zone-end\n"
	c, ds := ParseCountryPage("china-prc.md", []byte(src), "en-us")
	if len(ds) != 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	var phones, lines []string
	for _, p := range c.Phones {
		phones = append(phones, p.Number+"="+p.Monikers)
	}
	for _, l := range c.Lines {
		lines = append(lines, l.Label+"="+l.Monikers)
	}
	if got, want := strings.Join(phones, "|"), "800 988 0365=|+86 4000 890 365=o365-21vianet"; got != want {
		t.Errorf("phones %s, want %s", got, want)
	}
	if got, want := strings.Join(lines, "|"), "English=|Chinese=o365-21vianet || o365-germany|English="; got != want {
		t.Errorf("lines %s, want %s", got, want)
	}
}
