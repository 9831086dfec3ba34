package redact

// Query parameters whose names say little (t=, signed=) but which carry a
// token in well-known services' links: a download link's t=, a Google
// Docs link's resourcekey=0-…. Only a value that reads as a token is
// masked: a timestamp (t=1699999999) or a word (t=light) is kept.

// tokenQueryBody returns the shape of a query parameter, whose name and
// '=' are n bytes, whose value looks random: at least min bytes of
// base64url, with a digit and a letter, whose letters and digits change
// class (digit, lower, upper case) at least once every four bytes, as a
// random value's do and a slug's (v2-release-2026) or a date's do not.
func tokenQueryBody(n, min int) func(string, int) int {
	return func(s string, j int) int {
		if !inQuery(s, j-n) {
			return 0
		}
		e := signatureEnd(s, j)
		if e-j < min || !hasDigit(s[j:e]) || !hasLetter(s[j:e]) || classChanges(s[j:e])*4 < e-j {
			return 0
		}
		return e
	}
}

// classChanges counts the places in v where a letter or digit follows one
// of another class: digit, lower-case or upper-case letter.
func classChanges(v string) int {
	class := func(c byte) int {
		switch {
		case isDigit(c):
			return 1
		case c >= 'a' && c <= 'z':
			return 2
		case c >= 'A' && c <= 'Z':
			return 3
		}
		return 0
	}
	n := 0
	for i := 1; i < len(v); i++ {
		if a, b := class(v[i-1]), class(v[i]); a != 0 && b != 0 && a != b {
			n++
		}
	}
	return n
}

// resourceKeyBody is the shape of Google Drive's and Docs' resource key
// (?resourcekey=0-…), which a link shared before 2021 needs beside the
// file's id: a digit, '-' and at least 16 bytes of base64url.
func resourceKeyBody(s string, j int) int {
	if !inQuery(s, j-len("resourcekey=")) || j+2 > len(s) || !isDigit(s[j]) || s[j+1] != '-' {
		return 0
	}
	e := signatureEnd(s, j)
	if e-j < 18 || !hasLetter(s[j+2:e]) {
		return 0
	}
	return e
}
