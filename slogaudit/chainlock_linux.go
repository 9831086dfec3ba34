//go:build linux

package slogaudit

import (
	"errors"
	"os"
	"syscall"
)

// fOFDSetLK is F_OFD_SETLK: a record lock owned by the open file
// description, so that two Files of one process conflict as two
// processes do, and closing either releases only its own.
const fOFDSetLK = 37

// tryLock takes a write lock on the byte at off of f without waiting. It
// reports false when another open file holds it, and an error when the
// system offers no such locks (then nothing is known).
func tryLock(f *os.File, off int64) (bool, error) {
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: off, Len: 1}
	err := syscall.FcntlFlock(f.Fd(), fOFDSetLK, &lk)
	if errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) {
		return false, nil
	}
	return err == nil, err
}
