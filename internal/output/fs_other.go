//go:build !unix

package output

import "os"

func writeFile(path string, data []byte) (int64, uint64, error) {
	os.Remove(path) // never write through a link to the previous site's file
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, 0, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return 0, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return 0, 0, err
	}
	return st.ModTime().UnixNano(), 0, f.Close()
}

// inodeOf is 0: no inodes here.
func inodeOf(os.FileInfo) uint64 { return 0 }

// recycles is false: without inodes a build cannot tell a kept tree's
// file from the live site's, so the previous tree is removed (recycle.go).
const recycles = false

type fileInfo struct {
	size, mtime int64
	ino, dev    uint64
}

func lstatFile(path string) (fileInfo, bool) { return statFile(path) }

func lockExisting(dir string) (func(), bool) { return func() {}, false }

func statFile(path string) (fileInfo, bool) {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return fileInfo{}, false
	}
	return fileInfo{size: st.Size(), mtime: st.ModTime().UnixNano()}, true
}

func link(src, dst string) error {
	os.Remove(dst)
	return os.Link(src, dst)
}

func lockDir(dir string) (func(), bool) { return func() {}, true }

func createFile(path string) (*os.File, error) {
	os.Remove(path)
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}
