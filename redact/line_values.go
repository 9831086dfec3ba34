package redact

import "strings"

// A line that holds nothing but one assignment, whose key names a
// secret, is a configuration line or a command that sets a variable (a
// properties file, an INI file, YAML, Windows' set, a Dockerfile's ENV):
// these formats run an unquoted value to the end of its line, so the
// whole rest of the line is the value (password = Tulip Garden 77). A
// pair inside prose ("login failed password=xyz for user bob") takes one
// word: a logger quotes a value with spaces, and the words after it are
// the sentence's.

// lineValueRuns reports whether the unquoted value read up to ve, of the
// key s[a:b] whose operator is at s[p], runs to the end of its line: the
// pair opens its line, and the text is a configuration file of several
// lines, or a word that sets a variable stands before the key (set
// MYSQL_PWD=two words), or the key is a properties file's dotted name
// (spring.datasource.password=Tulip Garden 77, a.b.secret: two words), or blanks stand on both
// sides of its '=' as an INI file writes it (password = two words), or
// the words after the value's first are capitalised words or numbers,
// the rest of a phrase rather than a sentence (password: Tulip Garden 77;
// not X-Sid: a1b2 dropped, password=Xy9 rejected by policy). A personal
// value on one line ends where its own shape ends (a name, a date).
func lineValueRuns(s string, a, b, p, vs, ve int, multiline, personal bool) bool {
	k := a - quoteLen(s, a)
	if multiline && lineStartAt(s, k) {
		return true
	}
	if personal || !pairOpensLine(s, k) || strings.ContainsAny(s[vs:ve], "(){}[]<>") {
		return false // a call or a template: code, not a setting
	}
	switch {
	case !lineStartAt(s, k):
		return true // after set, export, ENV, …
	case b > k+1 && strings.IndexByte(s[k:b], '.') > 0 && isLowerDotted(s[a:b]):
		return true
	case s[p] == '=' && p == b+1 && s[b] == ' ' && p+1 < len(s) && s[p+1] == ' ':
		return true
	}
	return phraseRest(s, ve)
}

// isLowerDotted reports whether key is a properties file's name: words of
// lower-case letters, digits, '-' and '_' joined by dots.
func isLowerDotted(key string) bool {
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || isDigit(c) || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// phraseRest reports whether the words from s[e] to the end of its line
// are capitalised words or numbers (Garden 77), the rest of a phrase.
func phraseRest(s string, e int) bool {
	words := 0
	for e < len(s) && s[e] != '\n' {
		if s[e] == ' ' || s[e] == '\t' || s[e] == '\r' {
			e++
			continue
		}
		we := e
		for we < len(s) && s[we] != ' ' && s[we] != '\t' && s[we] != '\r' && s[we] != '\n' {
			we++
		}
		if w := s[e:we]; !isTitleWord(w) && !allDigits(w) {
			return false
		}
		words++
		e = we
	}
	return words > 0
}

// isTitleWord reports whether w is an upper-case ASCII letter followed by
// one or more lower-case letters or digits (Garden, Tulip7).
func isTitleWord(w string) bool {
	if len(w) < 2 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || isDigit(c)) {
			return false
		}
	}
	return true
}

// pairOpensLine reports whether the key at s[k] (its opening quote, when
// quoted) opens its line: only blanks before it, or a word that sets a
// variable (set, export, declare -x, ENV, setenv, a set -x trace's +).
func pairOpensLine(s string, k int) bool {
	for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
		k--
	}
	if k == 0 || s[k-1] == '\n' {
		return true
	}
	if s[k] == ' ' || s[k] == '\t' {
		k++ // the blanks after the command word
	}
	for _, w := range setterWords {
		if k >= len(w) && s[k-len(w):k] == w && lineStartAt(s, k-len(w)) {
			return true
		}
	}
	return false
}

// setterWords are the words, with their blank, that set a variable before
// its name on a line: Windows' cmd, POSIX shells (whose export a=b c sets
// a to b alone: the c of a phrase meant as the value is masked too), csh
// and a Dockerfile.
var setterWords = [...]string{"set ", "SET ", "export ", "declare -x ", "typeset -x ", "setenv ", "ENV ", "ARG ", "+ ", "+ export ", "+ set "}

// envDirectiveEnd returns the end of the value that a Dockerfile's ENV or
// csh's setenv gives, after a space, to the key s[a:b] that opens the
// line's directive (ENV DB_PASSWORD two words): the rest of the line,
// trailing blanks cut; 0 when s[a:b] is no such key or the line sets
// pairs (ENV A=1 B=2).
func envDirectiveEnd(s string, a, b int) (vs, ve int) {
	var n int
	switch {
	case a >= 4 && s[a-4:a] == "ENV ":
		n = 4
	case a >= 7 && s[a-7:a] == "setenv ":
		n = 7
	default:
		return 0, 0
	}
	if !lineStartAt(s, a-n) || b >= len(s) || s[b] != ' ' && s[b] != '\t' {
		return 0, 0
	}
	vs = skipSpaces(s, b)
	ve = len(s)
	if e := strings.IndexByte(s[vs:], '\n'); e >= 0 {
		ve = vs + e
	}
	for ve > vs && (s[ve-1] == ' ' || s[ve-1] == '\t' || s[ve-1] == '\r') {
		ve--
	}
	if ve-vs > 200 || strings.IndexByte(s[vs:ve], '=') >= 0 || ve > vs && s[ve-1] == '\\' {
		return 0, 0 // pairs, or a value continued on the next line (read by the pairs' continuation)
	}
	return vs, ve
}
