package build

import (
	"crypto/sha256"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docfx"
	"github.com/docloom/docloom/internal/docset"
)

// Code files named by :::code and [!code-…] are read once per build, like
// includes. A path is relative to the file that wrote it (`~/` is the
// folder of its docfx.json) and stays inside the locale's docset, or, as
// on Learn, inside the repository that holds it: Learn repositories name
// sample repositories in .openpublishing.publish.config.json
// (dependent_repositories), which the Learn build clones beside the docset
// at their path_to_root, so `~/../powershell-sdk-samples/x.cs` reaches a
// file of that clone. When such a clone is not there, the block becomes a
// link to the file in its repository and one info diagnostic per block
// says so (code-in-missing-repository): the page is not broken, the build
// only cannot show the code.

// codeCache holds the code files read in this build.
type codeCache struct {
	m        sync.Map // absolute path -> *codeEntry
	repoOnce sync.Once
	repo     *learnRepo
}

type codeEntry struct {
	once sync.Once
	text string
	err  error
}

// learnRepo is the repository around the docset, when it has a publish
// configuration.
type learnRepo struct {
	root string // absolute folder of .openpublishing.publish.config.json
	deps []docfx.DependentRepo
}

// forget drops a code file that changed (docloom serve).
func (c *codeCache) forget(abs string) { c.m.Delete(abs) }

// read gives a code file's text, read once per build. The SHA-256 of the
// bytes read (zero when there are none) goes into sums, so the page cache
// records the bytes the pages were made from, not those the file has by
// the time the cache is saved.
func (c *codeCache) read(abs string, sums *sync.Map) (string, error) {
	v, _ := c.m.LoadOrStore(abs, &codeEntry{})
	ent := v.(*codeEntry)
	ent.once.Do(func() {
		var sum [32]byte
		fi, err := os.Lstat(abs)
		switch {
		case err != nil:
			ent.err = err
		case !fi.Mode().IsRegular():
			ent.err = os.ErrNotExist // links and devices never leave the docset
		default:
			var data []byte
			data, ent.err = docset.ReadFile(abs)
			ent.text = string(data)
			if ent.err == nil {
				sum = sha256.Sum256(data)
			}
		}
		if sums != nil {
			sums.LoadOrStore(abs, sum)
		}
	})
	return ent.text, ent.err
}

// learnRepo finds the publish configuration in the site folder, a locale
// folder or up to three folders above them (a docset published from a
// sub-folder of its repository), once per build.
func (b *builder) learnRepo() *learnRepo {
	c := &b.codes
	c.repoOnce.Do(func() {
		if b.site.Repo != nil && len(b.site.Repo.Dependent) > 0 {
			// Built from the repository root: the site's own publish config.
			c.repo = &learnRepo{root: b.site.Root, deps: b.site.Repo.Dependent}
			return
		}
		starts := []string{b.site.Root}
		for _, l := range b.site.Locales {
			starts = append(starts, l.Path)
		}
		for _, s := range starts {
			dir := s
			for i := 0; i < 4 && c.repo == nil; i++ {
				data, err := os.ReadFile(filepath.Join(dir, config.PublishConfigName))
				if err == nil {
					pc, _ := docfx.LoadPublishConfig(config.PublishConfigName, data) // its problems are the config stage's
					c.repo = &learnRepo{root: dir}
					if pc != nil {
						c.repo.deps = pc.DependentRepos
					}
				}
				parent := filepath.Dir(dir)
				if parent == dir {
					break
				}
				dir = parent
			}
		}
	})
	return c.repo
}

// CodeSource implements dialect.CodeSourcer.
func (e *env) CodeSource(doc *dialect.Doc, dest string, pos diag.Pos) (dialect.CodeFile, bool) {
	p := strings.ReplaceAll(strings.TrimSpace(dest), `\`, "/")
	var target string
	if strings.HasPrefix(p, "~/") {
		target = path.Join(e.fileBase(doc), p[2:])
	} else {
		target = path.Join(path.Dir(doc.Rel), p)
	}
	bad := func(sev diag.Severity, msg string) (dialect.CodeFile, bool) {
		e.Report(diag.Diagnostic{Pos: pos, Severity: sev, Code: "invalid-code", Message: msg})
		return dialect.CodeFile{}, false
	}
	if path.IsAbs(p) || strings.Contains(p, "://") {
		return bad(diag.Error, "code source "+dest+" must be a path relative to the file (or ~/ for the docset root), not "+p)
	}
	inDocset := target != ".." && !strings.HasPrefix(target, "../")
	abs := filepath.Join(e.l.Locale.Path, filepath.FromSlash(target))
	repo := e.b.learnRepo()
	rel := ""
	if repo != nil {
		r, err := filepath.Rel(repo.root, abs)
		if err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			rel = filepath.ToSlash(r)
		}
	}
	if rel != "" {
		// A dependent repository may sit inside the docset folder (a
		// docset built from the repository root) or beside it.
		if f, ok := e.dependentCode(repo, rel, dest, pos); ok {
			return f, true
		}
	}
	if inDocset {
		return e.codeInDocset(target, dest, pos)
	}
	switch {
	case repo == nil:
		return bad(diag.Error, "code source "+dest+" points outside the docset folder; code files must live inside it")
	case rel == "":
		return bad(diag.Error, "code source "+dest+" points outside the repository ("+repo.root+")")
	}
	if e.deps != nil {
		e.deps[abs] = true
	}
	text, err := e.b.codes.read(abs, e.b.sums)
	if err != nil {
		return bad(diag.Warning, "code file "+dest+" does not exist ("+rel+" in the repository)")
	}
	return dialect.CodeFile{Text: text}, true
}

// dependentCode handles a path (rel, relative to the repository root) into
// a dependent repository that is not checked out: ok is false for any
// other path, which is read as a file of the repository.
func (e *env) dependentCode(repo *learnRepo, rel, dest string, pos diag.Pos) (dialect.CodeFile, bool) {
	for _, d := range repo.deps {
		prefix := strings.Trim(path.Clean(d.PathToRoot), "/")
		rest, ok := strings.CutPrefix(rel, prefix+"/")
		if !ok {
			continue
		}
		if fi, err := os.Stat(filepath.Join(repo.root, filepath.FromSlash(prefix))); err == nil && fi.IsDir() {
			return dialect.CodeFile{}, false // checked out: read it like any file of the repository
		}
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Info, Code: "code-in-missing-repository",
			Message: "code source " + dest + " is in the dependent repository " + prefix + " (" + d.URL +
				"), which is not checked out beside the docset; the page links to the file instead. Clone it into " +
				filepath.Join(repo.root, filepath.FromSlash(prefix)) + " to show the code"})
		return dialect.CodeFile{Remote: remoteURL(d, rest)}, true
	}
	return dialect.CodeFile{}, false
}

// codeInDocset reads a code file inside the locale folder, or the default
// locale's copy for an untranslated one.
func (e *env) codeInDocset(target, dest string, pos diag.Pos) (dialect.CodeFile, bool) {
	for _, l := range []*localeSet{e.l, e.b.defaultLocale()} {
		if l == nil {
			continue
		}
		abs := filepath.Join(l.Locale.Path, filepath.FromSlash(target))
		if f, exact := l.Docset.Lookup(target); f != nil && !exact {
			e.warn(pos, "path-case-mismatch", "code source "+dest+" differs in letter case from the file "+f.Rel)
			abs = f.Abs
		}
		if e.deps != nil {
			e.deps[abs] = true
		}
		if text, err := e.b.codes.read(abs, e.b.sums); err == nil {
			return dialect.CodeFile{Text: text}, true
		}
	}
	e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "invalid-code",
		Message: "code file " + dest + " does not exist (" + e.l.Docset.Display(target) + ")"})
	return dialect.CodeFile{}, false
}

// remoteURL is where a file of a dependent repository can be read on its
// host (GitHub and Azure DevOps style URLs).
func remoteURL(d docfx.DependentRepo, rest string) string {
	u := strings.TrimSuffix(strings.TrimSuffix(d.URL, "/"), ".git")
	branch := d.Branch
	if branch == "" {
		branch = "main"
	}
	if strings.Contains(u, "dev.azure.com") || strings.Contains(u, "visualstudio.com") {
		return u + "?path=/" + rest + "&version=GB" + branch
	}
	return u + "/blob/" + branch + "/" + rest
}
