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
