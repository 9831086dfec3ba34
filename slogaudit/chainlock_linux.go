//go:build linux

package slogaudit

import (
	"errors"
	"os"
	"sync/atomic"
	"syscall"
	"unsafe"
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
	err := setLock(f, off, syscall.F_WRLCK, fOFDSetLK)
	if errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) {
		return false, nil
	}
	return err == nil, err
}

// waitLock takes a write lock on the byte at off of f, waiting while
// another open file holds it, and returns the function that releases it.
// It returns an error when the system offers no such locks.
func waitLock(f *os.File, off int64) (unlock func(), err error) {
	if err := setLock(f, off, syscall.F_WRLCK, fOFDSetLKW); err != nil {
		return nil, err
	}
	return func() { _ = setLock(f, off, syscall.F_UNLCK, fOFDSetLK) }, nil
}

// presenceByte is the byte of the lock file on which each open File holds
// a read lock (see openPresence).
const presenceByte = rotationLock + 1

// presencePage is how much of the lock file is mapped: its first page
// holds the count of the Files open on the log.
const presencePage = 4096

// presence is this File's part in the count of the Files open on a log,
// kept at the start of the log's lock file, mapped shared by every
// process that has it open, so that a File reads it without a system
// call. A File adds itself at open, while it holds a read lock on
// presenceByte, and removes itself at Close, before it lets the lock go:
// a File that takes presenceByte's lock exclusively knows that no other
// File is open, and resets the count, which a crashed process leaves one
// too high.
type presence struct {
	mem   []byte
	count *atomic.Int32
}

// openPresence adds a File to the count of its log's lock file f, and
// returns nil when the system cannot keep it (no shared mapping, no
// locks): the File then always looks for other writers.
func openPresence(f *os.File) *presence {
	st, err := f.Stat()
	if err != nil {
		return nil
	}
	if st.Size() < presencePage {
		if err := f.Truncate(presencePage); err != nil {
			return nil
		}
	}
	mem, err := syscall.Mmap(int(f.Fd()), 0, presencePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	p := &presence{mem: mem, count: (*atomic.Int32)(unsafe.Pointer(&mem[0]))}
	if alone, err := tryLock(f, presenceByte); err == nil && alone {
		p.count.Store(0) // no other File is open: what a crash left goes
		err = setLock(f, presenceByte, syscall.F_RDLCK, fOFDSetLK)
		if err != nil {
			_ = setLock(f, presenceByte, syscall.F_UNLCK, fOFDSetLK)
			syscall.Munmap(mem)
			return nil
		}
	} else if err := setLock(f, presenceByte, syscall.F_RDLCK, fOFDSetLKW); err != nil {
		syscall.Munmap(mem)
		return nil
	}
	p.count.Add(1)
	return p
}

// setLock sets a lock of type typ (F_RDLCK, F_WRLCK, F_UNLCK) on the byte
// at off of f, with cmd fOFDSetLK or fOFDSetLKW (waiting).
func setLock(f *os.File, off int64, typ int16, cmd int) error {
	lk := syscall.Flock_t{Type: typ, Whence: 0, Start: off, Len: 1}
	for {
		err := syscall.FcntlFlock(f.Fd(), cmd, &lk)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// others reports whether another File may be open on the log.
func (p *presence) others() bool { return p == nil || p.count.Load() > 1 }

// leave removes the File from the count; its lock goes with the lock
// file's Close, after.
func (p *presence) leave() {
	if p == nil {
		return
	}
	p.count.Add(-1)
	syscall.Munmap(p.mem)
	p.mem, p.count = nil, nil
}
