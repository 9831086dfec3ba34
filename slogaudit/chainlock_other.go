//go:build !linux

package slogaudit

import (
	"errors"
	"os"
)

// tryLock: only Linux's open file description locks are used; elsewhere
// nothing is known.
func tryLock(*os.File, int64) (bool, error) {
	return false, errors.ErrUnsupported
}

// waitLock: see tryLock.
func waitLock(*os.File, int64) (func(), error) {
	return nil, errors.ErrUnsupported
}

// presence: only on Linux is the count of a log's open Files kept; a File
// elsewhere always looks for other writers.
type presence struct{}

func openPresence(*os.File) *presence { return nil }

func (p *presence) others() bool { return true }

func (p *presence) leave() {}
