//go:build unix

package output

import (
	"os"
	"syscall"
)

// writeFile creates a new output file with the system calls it takes
// (open, write, fstat for the manifest, close). os.WriteFile also registers
// every file with the runtime's poller and checks its flags, which on a
// site of thousands of pages per cloud was a measurable share of the
// build's kernel time. The file is created with O_EXCL: a path that exists
// already may be a hard link to the previous site's file, which must never
// be written through, so it is unlinked and created anew.
func writeFile(path string, data []byte) (mtime int64, ino uint64, err error) {
	fd, err := create(path)
	if err != nil {
		return 0, 0, err
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return 0, 0, &os.PathError{Op: "write", Path: path, Err: err}
		}
		data = data[n:]
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return 0, 0, &os.PathError{Op: "fstat", Path: path, Err: err}
	}
	if err := syscall.Close(fd); err != nil {
		return 0, 0, &os.PathError{Op: "close", Path: path, Err: err}
	}
	return st.Mtim.Nano(), uint64(st.Ino), nil
}

func create(path string) (int, error) {
	const flags = syscall.O_WRONLY | syscall.O_CREAT | syscall.O_EXCL | syscall.O_CLOEXEC
	for tries := 0; ; tries++ {
		fd, err := syscall.Open(path, flags, 0o644)
		switch {
		case err == nil:
			return fd, nil
		case err == syscall.EINTR:
			continue
		case err == syscall.EEXIST && tries < 2:
			if err := unlink(path); err != nil {
				return -1, err
			}
			continue
		}
		return -1, &os.PathError{Op: "open", Path: path, Err: err}
	}
}

// recycles: inodes tell whether two names are one file, so a build can
// start from the tree the previous one kept (recycle.go).
const recycles = true

// fileInfo is what the manifest compares: a regular file's size,
// modification time (ns) and inode (with its device).
type fileInfo struct {
	size, mtime int64
	ino, dev    uint64
}

func statFile(path string) (fileInfo, bool) { return stat(path, syscall.Stat) }

// inodeOf is the inode of a file os.File.Stat described.
func inodeOf(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// lstatFile is statFile for a name that must itself be a regular file,
// not a symbolic link to one.
func lstatFile(path string) (fileInfo, bool) { return stat(path, syscall.Lstat) }

func stat(path string, call func(string, *syscall.Stat_t) error) (fileInfo, bool) {
	var st syscall.Stat_t
	for {
		err := call(path, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			return fileInfo{}, false
		}
		return fileInfo{size: st.Size, mtime: st.Mtim.Nano(), ino: uint64(st.Ino), dev: uint64(st.Dev)}, true
	}
}

// unlink removes the name path from the new tree, to create it anew. In a
// recycled tree it may be a folder the new site has a file in place of.
func unlink(path string) error {
	err := syscall.Unlink(path)
	if err == syscall.EISDIR || err == syscall.EPERM {
		return os.RemoveAll(path)
	}
	if err != nil && err != syscall.ENOENT {
		return &os.PathError{Op: "unlink", Path: path, Err: err}
	}
	return nil
}

// link makes dst a new name of the previous site's file src.
func link(src, dst string) error {
	err := os.Link(src, dst)
	if os.IsExist(err) {
		if err := unlink(dst); err != nil {
			return err
		}
		err = os.Link(src, dst)
	}
	return err
}

// lockExisting is lockDir for a folder that must exist: ok is false when
// it does not, or another live process holds it.
func lockExisting(dir string) (unlock func(), ok bool) {
	if st, err := os.Lstat(dir); err != nil || !st.IsDir() {
		return func() {}, false
	}
	return lockDir(dir)
}

// lockDir takes an exclusive, non-blocking lock on a folder and returns
// the open descriptor that holds it (released when closed, or when the
// process dies, however it dies). ok is false when another live process
// holds it.
func lockDir(dir string) (unlock func(), ok bool) {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return func() {}, true // nothing to lock: gone already, or unreadable
	}
	for {
		err = syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		syscall.Close(fd)
		return func() {}, false
	}
	return func() { syscall.Close(fd) }, true
}

func createFile(path string) (*os.File, error) {
	fd, err := create(path)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), path), nil
}
