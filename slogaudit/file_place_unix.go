//go:build unix

package slogaudit

import (
	"os"
	"syscall"
)

// unlinked reports whether the open file st describes has no name left:
// it was removed while open.
func unlinked(st os.FileInfo) bool {
	s, ok := st.Sys().(*syscall.Stat_t)
	return ok && s.Nlink == 0
}
