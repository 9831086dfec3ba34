package redact

import (
	"strings"
	"unsafe"
)

// foldBuf holds the lower-case spelling of a short word, so that reading
// a word in any case (a switch over its spellings, a map lookup, a suffix
// test) costs no allocation on the paths that run for every secret found.
type foldBuf [64]byte

// lower returns s in lower case, as strings.ToLower does: s itself when it
// holds no upper-case ASCII letter and no byte outside ASCII; a string
// held by b when s is ASCII and fits in b; else strings.ToLower(s). A
// string held by b is valid until b is used again: compare it, look it up,
// never keep it.
func (b *foldBuf) lower(s string) string {
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return strings.ToLower(s)
		}
		upper = upper || c >= 'A' && c <= 'Z'
	}
	if !upper {
		return s
	}
	if len(s) > len(b) {
		return strings.ToLower(s)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return unsafe.String(&b[0], len(s))
}

// indexFold returns the index of the first instance of t, written in
// lower-case ASCII, in s in any case of its ASCII letters, or -1.
func indexFold(s, t string) int {
	if len(t) == 0 {
		return 0
	}
	c0 := t[0]
	for i := 0; i+len(t) <= len(s); i++ {
		if lowerASCII(s[i]) == c0 && equalFoldASCII(s[i:i+len(t)], t) {
			return i
		}
	}
	return -1
}

// lowerASCII returns c in lower case when it is an upper-case ASCII letter.
func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFoldASCII reports whether s, in any case of its ASCII letters, is
// t, written in lower-case ASCII.
func equalFoldASCII(s, t string) bool {
	if len(s) != len(t) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerASCII(s[i]) != t[i] {
			return false
		}
	}
	return true
}
