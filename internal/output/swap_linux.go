package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps two folders in one atomic step (renameat2 with
// RENAME_EXCHANGE): there is no moment at which the output folder is
// missing or half old, half new. ok is false where the file system does
// not support it.
func exchange(a, b string) (ok bool, err error) {
	err = unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err == unix.ENOSYS || err == unix.EINVAL || err == unix.EOPNOTSUPP {
		return false, nil
	}
	if err != nil {
		return true, &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
	}
	return true, nil
}

// clone makes dst share src's blocks (a reflink, on btrfs, XFS and other
// copy-on-write file systems).
func clone(dst, src *os.File) error {
	return unix.IoctlFileClone(int(dst.Fd()), int(src.Fd()))
}
