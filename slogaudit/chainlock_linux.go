//go:build linux

package slogaudit

import (
	"errors"
	"os"
	"syscall"
)

// fOFDSetLK is F_OFD_SETLK: a record lock owned by the open file
// description, so that two Files of one process conflict as two
// processes do, and closing either releases only its own. fOFDSetLKW
// waits for the lock.
const (
	fOFDSetLK  = 37
	fOFDSetLKW = 38
)

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

// waitLock takes a write lock on the byte at off of f, waiting while
// another open file holds it, and returns the function that releases it.
// It returns an error when the system offers no such locks.
func waitLock(f *os.File, off int64) (unlock func(), err error) {
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: off, Len: 1}
	for {
		err = syscall.FcntlFlock(f.Fd(), fOFDSetLKW, &lk)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	return func() {
		un := syscall.Flock_t{Type: syscall.F_UNLCK, Whence: 0, Start: off, Len: 1}
		_ = syscall.FcntlFlock(f.Fd(), fOFDSetLK, &un)
	}, nil
}
