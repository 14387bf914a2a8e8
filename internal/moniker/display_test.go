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
