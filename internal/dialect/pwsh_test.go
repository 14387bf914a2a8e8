package dialect

import (
	"strings"
	"testing"
)

// The lexer never loses or adds a byte, whatever the input.
func FuzzPowerShellLexer(f *testing.F) {
	for _, s := range []string{
		"Get-Process -Name 'pwsh' | Stop-Process # done\n",
		"$x = @\"\nhere $y\n\"@\n<# block\ncomment #>\n[int]$n = 0x1F + 10MB",
		"$env:PATH; ${my var}; $_.Name; @splat; $(Get-Date)",
		"if ($a -eq 1 -and -not $b) { throw \"x`\"y\" } else { 'it''s' }",
		"[System.IO.File]::ReadAllText('C:\\x.txt'); $a[0]; ‘typographic’ “quotes”",
		"\"unterminated", "<# unterminated", "@'\nunterminated", "$", "[", "-", "0x", "1.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		var b strings.Builder
		for _, tk := range lexPowerShell(code) {
			b.WriteString(tk.text)
		}
		if b.String() != code {
			t.Fatalf("tokens of %q join to %q", code, b.String())
		}
	})
}
