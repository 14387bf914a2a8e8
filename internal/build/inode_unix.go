//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// inode tells a file replaced by another of the same size and time apart.
func inode(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// changeTime is the file's status change time (ns): the system sets it on
// every write, rename into place or change of times, and no program can set
// it back (0 where it is not known).
func changeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return st.Ctim.Nano()
	}
	return 0
}
