package moniker

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// brands spell product and cloud words of moniker names the way the
// products spell them. A word not listed is capitalised.
var brands = map[string]string{
	"powershell": "PowerShell", "o365": "Office 365", "m365": "Microsoft 365",
	"msgraph": "Microsoft Graph", "graph": "Graph", "azure": "Azure", "azureadps": "Azure AD PowerShell",
	"sql": "SQL", "sqlserver": "SQL Server", "dotnet": ".NET", "net": ".NET", "netcore": ".NET Core",
	"netframework": ".NET Framework", "aspnet": "ASP.NET", "aspnetcore": "ASP.NET Core", "vs": "Visual Studio",
	"vscode": "Visual Studio Code", "windows": "Windows", "winserver": "Windows Server", "exchange": "Exchange",
	"sharepoint": "SharePoint", "teams": "Teams", "21vianet": "21Vianet", "gcc": "GCC", "gcch": "GCC High",
	"dod": "DoD", "usgov": "US Government", "iis": "IIS", "api": "API", "sdk": "SDK", "cli": "CLI",
	"ps": "PowerShell", "lts": "LTS", "preview": "Preview", "ga": "GA",
}

// DisplayName derives a reader's name from a moniker name for docsets that
// name monikers without describing them: "powershell-7.4" -> "PowerShell
// 7.4", "o365-worldwide" -> "Office 365 Worldwide". Words are split at '-'
// and '_'; known product words keep their spelling, version numbers stay as
// they are, other words are capitalised.
func DisplayName(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case brands[lw] != "":
			words[i] = brands[lw]
		case isVersion(lw):
			words[i] = lw
		default:
			r, n := utf8.DecodeRuneInString(w)
			words[i] = string(unicode.ToUpper(r)) + w[n:]
		}
	}
	if len(words) == 0 {
		return name
	}
	return strings.Join(words, " ")
}

// isVersion reports whether w reads as a version: digits and dots, with an
// optional leading v ("7.4", "v2", "2019").
func isVersion(w string) bool {
	w = strings.TrimPrefix(w, "v")
	if w == "" {
		return false
	}
	for _, c := range w {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}

// Versioned reports whether the monikers are versions of one product rather
// than clouds: every name ends in a version number ("powershell-7.4",
// "sql-server-2019"), as Learn's version pickers do. The pickers then say
// "Version" where they would otherwise say "Cloud".
func Versioned(ms []Moniker) bool {
	if len(ms) == 0 {
		return false
	}
	for _, m := range ms {
		words := strings.FieldsFunc(m.Name, func(r rune) bool { return r == '-' || r == '_' })
		if len(words) == 0 || !isVersion(strings.ToLower(words[len(words)-1])) {
			return false
		}
	}
	return true
}
