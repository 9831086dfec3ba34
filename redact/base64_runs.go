package redact

import "strings"

// inBase64Run reports whether the '/' at s[i] lies inside standard
// base64 rather than between the segments of a URL's path: the run of
// base64 bytes that ends there holds a '+', or a piece between slashes
// of 12 bytes or more in both cases (a ciphertext's), where a path holds
// words (/api/v2/users/, /v2/).
func inBase64Run(s string, i int) bool {
	seg := i
	for k := i - 1; k >= 0; k-- {
		c := s[k]
		if c == '+' {
			return true
		}
		if c == '/' || !isAlnum(c) {
			if seg-k-1 >= 12 && mixedCase(s[k+1:seg]) {
				return true
			}
			if c != '/' {
				return false
			}
			seg = k
		}
	}
	return seg >= 12 && mixedCase(s[:seg])
}

// base64Follows reports whether the text from s[i] goes on as base64
// rather than as a URL's path: a '+' before its first blank or
// punctuation, or a piece between '/', '=', '-' or '_' of 12 bytes or
// more in both cases (a path's words are shorter or in one case).
func base64Follows(s string, i int) bool {
	seg := i
	for k := i; k <= len(s); k++ {
		if k < len(s) && s[k] == '+' {
			return true
		}
		if k == len(s) || !isAlnum(s[k]) {
			if k-seg >= 12 && mixedCase(s[seg:k]) {
				return true
			}
			if k == len(s) || strings.IndexByte("/=-_", s[k]) < 0 {
				return false
			}
			seg = k + 1
		}
	}
	return false
}
