package dialect

import (
	"path"

	"github.com/docloom/docloom/internal/diag"
)

// CodeSource reads code files from the golden archive, relative to the
// file that names them; a file under remote/ stands for one in a
// dependent repository that is not checked out.
func (e *testEnv) CodeSource(doc *Doc, p string, pos diag.Pos) (CodeFile, bool) {
	target := path.Join(path.Dir(doc.Rel), p)
	if data, ok := e.files[target]; ok {
		return CodeFile{Text: string(data)}, true
	}
	if dir, _ := path.Split(target); dir == "remote/" {
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Info, Code: "code-in-missing-repository", Message: "not checked out: " + target})
		return CodeFile{Remote: "https://example.com/" + target}, true
	}
	e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "invalid-code", Message: "no file " + target})
	return CodeFile{}, false
}
