package redact

import "strings"

// headerPrefixWords returns how many of words (word(i) returns the i-th
// in lower case) open a custom header's name: 1 for X-…, 2 for the
// HTTP_X_… that CGI, PHP's $_SERVER and WSGI's environ make of it; else 0.
func headerPrefixWords(words [][2]int, word func(int) []byte) int {
	switch {
	case len(words) >= 1 && string(word(0)) == "x":
		return 1
	case len(words) >= 2 && string(word(0)) == "http" && string(word(1)) == "x":
		return 2
	}
	return 0
}

// cgiHeaderReach is how far before a word cgiHeaderAt looks for the
// start of its name.
const cgiHeaderReach = 64

// cgiHeaderAt reports whether the word at s[start], after a '_', ends a
// custom header's name as CGI writes it (HTTP_X_SESSION,
// HTTP_X_UPSTREAM_REFRESH): a name of letters, digits and '_' that starts
// with HTTP_X_ in any case, found within cgiHeaderReach bytes.
func cgiHeaderAt(s string, start int) bool {
	a := start
	for a > 0 && start-a < cgiHeaderReach && (isAlnum(s[a-1]) || s[a-1] == '_') {
		a--
	}
	return start-a > len("HTTP_X_")-1 && (a == 0 || !isAlnum(s[a-1]) && s[a-1] != '_') && strings.EqualFold(s[a:a+len("HTTP_X_")], "HTTP_X_")
}
