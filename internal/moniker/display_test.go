package moniker

import "testing"

func TestDisplayName(t *testing.T) {
	for name, want := range map[string]string{
		"powershell-7.4":  "PowerShell 7.4",
		"powershell-5.1":  "PowerShell 5.1",
		"o365-worldwide":  "Office 365 Worldwide",
		"o365-21vianet":   "Office 365 21Vianet",
		"azureadps-2.0":   "Azure AD PowerShell 2.0",
		"sql-server-2019": "SQL Server 2019",
		"v2":              "v2",
		"default":         "Default",
		"vs-2022_preview": "Visual Studio 2022 Preview",
		"-":               "-",
	} {
		if got := DisplayName(name); got != want {
			t.Errorf("DisplayName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestVersioned(t *testing.T) {
	for _, c := range []struct {
		names []string
		want  bool
	}{
		{[]string{"powershell-5.1", "powershell-7.4", "powershell-7.6"}, true},
		{[]string{"sql-server-2019", "sql-server-ver16"}, false},
		{[]string{"o365-worldwide", "o365-21vianet"}, false},
		{[]string{"powershell-7.4", "o365-worldwide"}, false},
		{[]string{"azps-12.0.0", "azps-11.6.0"}, true},
		{nil, false},
	} {
		var ms []Moniker
		for _, n := range c.names {
			ms = append(ms, Moniker{Name: n})
		}
		if got := Versioned(ms); got != c.want {
			t.Errorf("Versioned(%v) = %v, want %v", c.names, got, c.want)
		}
	}
}
