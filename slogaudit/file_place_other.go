//go:build !unix

package slogaudit

import "os"

// unlinked: only Unix systems say how many names an open file has.
func unlinked(os.FileInfo) bool { return false }
