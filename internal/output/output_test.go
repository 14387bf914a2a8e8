package output

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func build(t *testing.T, out string, files map[string]string, copies map[string]string) *Dir {
	t.Helper()
	d, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		if err := d.Write(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	for rel, src := range copies {
		if err := d.Copy(rel, src); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d
}

func ino(t *testing.T, p string) uint64 {
	t.Helper()
	fi, ok := statFile(p)
	if !ok {
		t.Fatalf("%s: not a file", p)
	}
	return fi.ino
}

func read(t *testing.T, p string) string {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// assertNoLeftovers: nothing beside the output folder but the previous
// site kept for the next build.
func assertNoLeftovers(t *testing.T, out string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		if e.Name() != filepath.Base(out) && strings.HasPrefix(e.Name(), "."+filepath.Base(out)) && e.Name() != filepath.Base(sparePath(out)) {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

func TestAbortKeepsPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, map[string]string{"a/index.html": "v1"}, nil)
	d2, _ := Begin(out)
	d2.Write("a/index.html", []byte("v2"))
	d2.Abort()
	if got := read(t, filepath.Join(out, "a/index.html")); got != "v1" {
		t.Fatalf("after an aborted build the output holds %q, want the previous v1", got)
	}
	assertNoLeftovers(t, out)
	if err := d2.Write("../escape", nil); err == nil {
		t.Fatal("writing outside the output folder must fail")
	}
}

// TestRebuildWritesOnlyWhatChanged: unchanged files and resources are the
// previous site's files (hard links, no bytes written), a changed file is
// a new file (the previous one is never written through), and a file the
// new build does not write is gone.
func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	img := filepath.Join(dir, "logo.png")
	os.WriteFile(img, []byte("PNG1"), 0o644)
	build(t, out, map[string]string{"same.html": "same", "edited.html": "old", "stale.html": "gone"},
		map[string]string{"media/logo.png": img})
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode %v, want 0755 (readable by a web server)", fi.Mode())
	}
	sameIno, editedIno, imgIno := ino(t, out+"/same.html"), ino(t, out+"/edited.html"), ino(t, out+"/media/logo.png")
	oldEdited, _ := os.Open(out + "/edited.html") // a reader of the previous site

	d := build(t, out, map[string]string{"same.html": "same", "edited.html": "new"}, map[string]string{"media/logo.png": img})
	if w, l, c := d.Stats(); w != 1 || l != 2 || c != 0 {
		t.Errorf("written %d, linked %d, copied %d; want 1, 2, 0", w, l, c)
	}
	if ino(t, out+"/same.html") != sameIno || ino(t, out+"/media/logo.png") != imgIno {
		t.Error("an unchanged file was written again instead of kept")
	}
	if ino(t, out+"/edited.html") == editedIno || read(t, out+"/edited.html") != "new" {
		t.Error("the edited file was not replaced by a new one")
	}
	buf := make([]byte, 8)
	n, _ := oldEdited.Read(buf)
	oldEdited.Close()
	if string(buf[:n]) != "old" {
		t.Errorf("the previous site's file was written through: it reads %q", buf[:n])
	}
	if _, err := os.Stat(out + "/stale.html"); !os.IsNotExist(err) {
		t.Error("a file the new build did not write is still there")
	}
	assertNoLeftovers(t, out)

	// A changed resource is copied anew; one edited by hand in the output is
	// not trusted.
	os.WriteFile(img, []byte("PNG2, longer"), 0o644)
	os.WriteFile(out+"/same.html", []byte("hand"), 0o644)
	// The edit comes later than the build (file times are coarse: within a
	// few milliseconds they may not move).
	later := time.Now().Add(time.Second)
	os.Chtimes(out+"/same.html", later, later)
	d = build(t, out, map[string]string{"same.html": "same", "edited.html": "new"}, map[string]string{"media/logo.png": img})
	if w, l, c := d.Stats(); w != 1 || l != 1 || c != 1 {
		t.Errorf("written %d, linked %d, copied %d; want 1, 1, 1", w, l, c)
	}
	if got := read(t, out+"/media/logo.png"); got != "PNG2, longer" {
		t.Errorf("changed resource reads %q", got)
	}
	if got := read(t, out+"/same.html"); got != "same" {
		t.Errorf("a file edited by hand in the output was kept: %q", got)
	}
}

// TestBrokenManifest: a manifest that cannot be read makes the build write
// everything, never fail.
func TestBrokenManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, map[string]string{"a.html": "a"}, nil)
	os.WriteFile(filepath.Join(out, ManifestName), []byte("docloom-manifest 1\nw x y\tz\n"), 0o644)
	d := build(t, out, map[string]string{"a.html": "a"}, nil)
	if w, l, _ := d.Stats(); w != 1 || l != 0 {
		t.Errorf("written %d, linked %d; want 1, 0", w, l)
	}
	if err := d.Write(ManifestName, nil); err == nil {
		t.Error("a page may not overwrite the manifest")
	}
}

// TestLeftoversRemoved: temporary folders of killed builds go at the next
// build; the folder of a build still running (it holds its lock) stays.
func TestLeftoversRemoved(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	dead := filepath.Join(dir, ".public.building-123")
	os.MkdirAll(filepath.Join(dead, "en-us"), 0o755)
	os.WriteFile(filepath.Join(dead, "en-us", "x.html"), []byte("half"), 0o644)
	old := filepath.Join(dir, ".public.building-456.old")
	os.MkdirAll(old, 0o755)
	other := filepath.Join(dir, ".other.building-1") // another output's
	os.MkdirAll(other, 0o755)

	running, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	// A second process would see running's folder locked: flock locks are
	// per open file, so a second descriptor in this process sees it too.
	if _, ok := lockDir(running.tmp); ok {
		t.Skip("flock not enforced on this file system")
	}
	build(t, out, map[string]string{"a.html": "a"}, nil)
	for _, p := range []string{dead, old} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s not removed", p)
		}
	}
	if _, err := os.Stat(running.tmp); err != nil {
		t.Errorf("the running build's folder was removed: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another output's folder was removed")
	}
	running.Abort()
	assertNoLeftovers(t, out)
}

// TestCancel: after Cancel nothing more is written and the temporary
// folder is gone; the previous site stays.
func TestCancel(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, map[string]string{"a.html": "v1"}, nil)
	d, _ := Begin(out)
	d.Write("a.html", []byte("v2"))
	Cancel()
	if err := d.Write("b/c.html", []byte("x")); err == nil {
		t.Error("a write after Cancel succeeded")
	}
	if err := d.Commit(); err == nil {
		t.Error("a cancelled build was committed")
	}
	if got := read(t, out+"/a.html"); got != "v1" {
		t.Errorf("output holds %q after a cancelled build", got)
	}
	assertNoLeftovers(t, out)
}

func TestExchangeIsAtomic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Mkdir(a, 0o755)
	os.Mkdir(b, 0o755)
	os.WriteFile(a+"/x", []byte("a"), 0o644)
	ok, err := exchange(a, b)
	if !ok {
		t.Skip("no atomic exchange on this system")
	}
	if err != nil {
		t.Fatal(err)
	}
	if read(t, b+"/x") != "a" {
		t.Error("not exchanged")
	}
	if _, err := os.Stat(a + "/x"); err == nil {
		t.Error("not exchanged")
	}
}

// tree maps every file below dir (docloom's own records aside) to its
// bytes, and every folder to "/".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || p == dir || Own(e.Name()) {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case e.IsDir():
			files[filepath.ToSlash(rel)] = "/"
		case e.Type().IsRegular():
			files[filepath.ToSlash(rel)] = read(t, p)
		default:
			files[filepath.ToSlash(rel)] = "not a regular file"
		}
		return nil
	})
	return files
}

// TestRebuildRecyclesPreviousTree: the tree a swap takes out is kept beside
// the output folder and is the next build's start. That build holds
// exactly what it wrote, as a build into an empty folder would: no stale
// file or folder of the recycled tree (nor a file added to it by hand), a
// file where a folder was and a folder where a file was, a kept file that
// is still the live site's (no link made again), and a changed file that
// is new (the live site's file not written through).
func TestRebuildRecyclesPreviousTree(t *testing.T) {
	if !recycles {
		t.Skip("no inodes on this system: the previous tree is removed")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	spare := sparePath(out)
	v1 := map[string]string{"same.html": "same", "edited.html": "v1", "gone/a.html": "a", "x.html/b.html": "b", "c/old.html": "o"}
	build(t, out, v1, nil)
	if _, err := os.Stat(spare); !os.IsNotExist(err) {
		t.Fatalf("a first build left %s: %v", spare, err)
	}
	v2 := map[string]string{"same.html": "same", "edited.html": "v2", "x.html/b.html": "b", "c/new.html": "n"}
	build(t, out, v2, nil)
	if got := tree(t, spare); got["edited.html"] != "v1" || got["gone/a.html"] != "a" {
		t.Fatalf("the previous site is not kept beside the output: %v", got)
	}
	// What a build into the recycled tree must not keep: a file added by
	// hand to the kept tree, a symbolic link in place of a live file.
	os.WriteFile(filepath.Join(spare, "hand.html"), []byte("hand"), 0o644)
	os.Remove(filepath.Join(spare, "c/new.html"))
	os.Symlink(filepath.Join(out, "c/new.html"), filepath.Join(spare, "c/new.html"))
	sameIno, editedIno := ino(t, out+"/same.html"), ino(t, out+"/edited.html")
	oldEdited, _ := os.Open(out + "/edited.html") // a reader of the live site

	v3 := map[string]string{"same.html": "same", "edited.html": "v3", "x.html": "now a file", "gone": "a file too", "c/new.html": "n"}
	d := build(t, out, v3, nil)
	if !d.recycled {
		t.Fatal("the kept tree was not recycled")
	}
	want := map[string]string{"c": "/"}
	for rel, data := range v3 {
		want[rel] = data
	}
	if got := tree(t, out); !reflect.DeepEqual(got, want) {
		t.Errorf("the recycled build holds\n%v\nwant\n%v", got, want)
	}
	if w, l, _ := d.Stats(); w != 3 || l != 2 {
		t.Errorf("written %d, kept %d; want 3, 2", w, l)
	}
	if ino(t, out+"/same.html") != sameIno {
		t.Error("an unchanged file was written again instead of kept")
	}
	if ino(t, out+"/edited.html") == editedIno {
		t.Error("the edited file was not replaced by a new one")
	}
	buf := make([]byte, 8)
	n, _ := oldEdited.Read(buf)
	oldEdited.Close()
	if string(buf[:n]) != "v2" {
		t.Errorf("the previous site's file was written through: it reads %q", buf[:n])
	}
	if got := tree(t, spare); got["edited.html"] != "v2" {
		t.Errorf("the v2 site is not kept for the next build: %v", got)
	}
	assertNoLeftovers(t, out)

	// A build into an output folder that is gone starts empty; the kept
	// tree, of no use, goes.
	os.RemoveAll(out)
	build(t, out, map[string]string{"a.html": "a"}, nil)
	if got := tree(t, out); !reflect.DeepEqual(got, map[string]string{"a.html": "a"}) {
		t.Errorf("a build after the output folder was removed holds %v", got)
	}
	if _, err := os.Stat(spare); !os.IsNotExist(err) {
		t.Errorf("the stale kept tree is still there: %v", err)
	}
}

// TestAbortedRecycledBuild: a build that fails after taking the kept tree
// leaves the live site as it was, and the next build (from an empty
// folder) writes the whole site.
func TestAbortedRecycledBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, out, map[string]string{"a.html": "v1", "b.html": "b"}, nil)
	build(t, out, map[string]string{"a.html": "v2", "b.html": "b"}, nil)
	d, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Write("a.html", []byte("v3"))
	d.Abort()
	if got := tree(t, out); !reflect.DeepEqual(got, map[string]string{"a.html": "v2", "b.html": "b"}) {
		t.Errorf("after an aborted build the output holds %v", got)
	}
	assertNoLeftovers(t, out)
	build(t, out, map[string]string{"a.html": "v4", "b.html": "b"}, nil)
	if got := tree(t, out); !reflect.DeepEqual(got, map[string]string{"a.html": "v4", "b.html": "b"}) {
		t.Errorf("the build after the aborted one holds %v", got)
	}
}

// TestRecycledTreeVouchesForKeptFiles: a kept file that the recycled tree
// holds as the manifest recorded it (inode, size, time) is kept from there,
// without looking at the live site's file: it is kept even when its live
// name was removed by hand. A version-1 manifest (no inodes) makes the
// build check the live site's files as before.
func TestRecycledTreeVouchesForKeptFiles(t *testing.T) {
	if !recycles {
		t.Skip("no inodes on this system: the previous tree is removed")
	}
	out := filepath.Join(t.TempDir(), "public")
	site := map[string]string{"a.html": "a", "b.html": "b"}
	build(t, out, site, nil)
	build(t, out, site, nil) // the first tree is kept beside the output
	os.Remove(filepath.Join(out, "a.html"))
	d, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if !d.recycled {
		t.Fatal("the kept tree was not recycled")
	}
	h := Sum([]byte("a"))
	if !d.CanKeep("a.html", h, 1) || !d.Keep("a.html", h, 1) {
		t.Fatal("the recycled tree's a.html, as the manifest has it, was not kept")
	}
	d.Write("b.html", []byte("b"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out); !reflect.DeepEqual(got, site) {
		t.Errorf("the build holds %v, want %v", got, site)
	}
	if w, l, _ := d.Stats(); w != 0 || l != 2 {
		t.Errorf("written %d, kept %d; want 0, 2", w, l)
	}

	// The manifest as version 1 wrote it: no inodes.
	build(t, out, site, nil)
	m := filepath.Join(out, ManifestName)
	data := read(t, m)
	var v1 []string
	for i, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		if i == 0 {
			v1 = append(v1, manifestHeaderV1)
			continue
		}
		head, rel, _ := strings.Cut(line, "\t")
		f := strings.Fields(head)
		v1 = append(v1, strings.Join(f[:4], " ")+"\t"+rel)
	}
	os.WriteFile(m, []byte(strings.Join(v1, "\n")+"\n"), 0o644)
	os.Remove(filepath.Join(out, "a.html"))
	d, _ = Begin(out)
	if d.CanKeep("a.html", h, 1) {
		t.Error("without inodes in the manifest, a file whose live name is gone was vouched for")
	}
	if d.CanKeep("b.html", Sum([]byte("b")), 1) {
		t.Error("a version-1 manifest's written file (a SHA-256 there) was vouched for by a hash of today")
	}
	d.Abort()
}

// TestOlderManifestKeepsCopies: after an upgrade from a docloom whose
// manifest hashed with SHA-256 (version 2), the resources are still linked
// (a copy is vouched for by its source), while the written files, whose
// old hashes no sum of today matches, are written once more.
func TestOlderManifestKeepsCopies(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	img := filepath.Join(dir, "logo.png")
	os.WriteFile(img, []byte("PNG1"), 0o644)
	files := map[string]string{"a.html": "a"}
	copies := map[string]string{"media/logo.png": img}
	build(t, out, files, copies)
	m := filepath.Join(out, ManifestName)
	data := read(t, m)
	if !strings.HasPrefix(data, manifestHeader+"\n") {
		t.Fatalf("manifest starts %q, want %q", data[:min(len(data), 30)], manifestHeader)
	}
	os.WriteFile(m, []byte(manifestHeaderV2+strings.TrimPrefix(data, manifestHeader)), 0o644)
	d := build(t, out, files, copies)
	if w, l, c := d.Stats(); w != 1 || l != 1 || c != 0 {
		t.Errorf("after a version-2 manifest: written %d, linked %d, copied %d; want 1, 1, 0", w, l, c)
	}
	if got := read(t, out+"/a.html"); got != "a" {
		t.Errorf("a.html holds %q", got)
	}
	// The manifest written then is of today's version, and the next build
	// links both.
	d = build(t, out, files, copies)
	if w, l, c := d.Stats(); w != 0 || l != 2 || c != 0 {
		t.Errorf("the build after: written %d, linked %d, copied %d; want 0, 2, 0", w, l, c)
	}
}
