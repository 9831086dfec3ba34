package redact

import "strings"

// quotedValueEnd returns the end of a flag's value that starts at s[vs]
// and was read up to ve, a blank: when the value opens with a quote that
// it does not close (--proxy-user 'relay:Correct Horse 42'), the end
// after its closing quote, so that the mask takes the value whole with
// both its quotes; else ve. A quote left open to the end of the text, or
// to userValueReach bytes, leaves ve as it is. In an element of Go's %q
// of a []string (quoted) the quotes are the element's own.
func quotedValueEnd(s string, vs, ve int, quoted bool) int {
	if vs+1 < ve && s[vs] == '$' {
		vs++ // $'bob:…': bash's ANSI-C quoting, as set -x writes a value with a tab
	}
	if quoted || vs >= ve || s[vs] != '\'' && s[vs] != '"' {
		return ve
	}
	if ve-vs > 1 && s[ve-1] == s[vs] {
		return ve // 'bob:pw', closed within its word
	}
	c := strings.IndexByte(s[ve:min(len(s), vs+userValueReach)], s[vs])
	if c < 0 {
		return ve
	}
	return ve + c + 1
}

// quotedFlagArgumentReach is the longest quoted argument of a secret's
// flag that quotedFlagArgument takes whole: a passphrase, not a sentence.
const quotedFlagArgumentReach = 128

// quotedFlagArgument reports whether s[vs:ve], quoted, is the argument of
// the flag s[a:b] that names a secret, written after blanks as a shell
// passes a value with spaces (--password 'Correct Horse', -password "x
// y"): a flag's argument is its quoted string whole, on one line and of
// up to quotedFlagArgumentReach bytes, unless it opens with a word of the
// prose about flags (--token "is deprecated, …").
func quotedFlagArgument(s string, a, b, vs, ve int) bool {
	if s[a] != '-' || ve-vs > quotedFlagArgumentReach || strings.ContainsAny(s[vs:ve], "\n\r") {
		return false
	}
	for p := b; p < vs-1; p++ {
		if s[p] != ' ' && s[p] != '\t' {
			return false // --token=x "…", or a literal's prefix
		}
	}
	w, _, _ := strings.Cut(strings.TrimLeft(s[vs:ve], " "), " ")
	return !flagProse(strings.ToLower(w)) && !isErrorWord(strings.ToLower(w))
}

// quotedPhraseAt reports whether the text at s[p], after blanks, is a
// quoted string of more than one word on its line ('Tulip Garden 77'):
// after mysql's -p, a password with spaces, where a lone word is the
// database. So is bash's $'…' that holds a blank or an escape.
func quotedPhraseAt(s string, p int) bool {
	p = skipSpaces(s, p)
	if p+1 < len(s) && ansiCQuoteAt(s, p+1) {
		e := ansiCEnd(s, p+1, p+2) // $'Tulip\tGarden': a tab or a newline escaped, or a space
		return e > p+2 && e-p <= quotedFlagArgumentReach && strings.ContainsAny(s[p+2:e], " \\")
	}
	if p >= len(s) || s[p] != '\'' && s[p] != '"' {
		return false
	}
	e := strings.IndexByte(s[p+1:min(len(s), p+1+quotedFlagArgumentReach)], s[p])
	if e <= 0 {
		return false
	}
	v := s[p+1 : p+1+e]
	return strings.IndexByte(v, ' ') > 0 && strings.TrimSpace(v) == v && !strings.ContainsAny(v, "\n\r")
}

// quotedArgEnd returns the end of a flag's value that was read up to ve,
// a blank, inside the argument that the quote at s[q] opens ('-pTulip
// Garden 77', "--password=two words"): the argument's closing quote on
// its line within userValueReach bytes; else ve.
func quotedArgEnd(s string, q, ve int) int {
	lim := min(len(s), q+userValueReach)
	if n := strings.IndexByte(s[ve:lim], '\n'); n >= 0 {
		lim = ve + n
	}
	if c := strings.IndexByte(s[ve:lim], s[q]); c >= 0 && !pairAfter(s[ve:ve+c]) {
		return ve + c
	}
	return ve
}

// pairAfter reports whether rest, the words after a value inside its
// quotes, holds a pair of its own (' ansible_user=ops'), as Ansible's -e
// and Helm's --set write several assignments in one argument: the value
// then ends at its blank.
func pairAfter(rest string) bool {
	for i := 1; i < len(rest); i++ {
		if rest[i] == '=' && (rest[i-1] == '_' || isAlnum(rest[i-1])) {
			k := i - 1
			for k > 0 && (isAlnum(rest[k-1]) || rest[k-1] == '_' || rest[k-1] == '.' || rest[k-1] == '-') {
				k--
			}
			if k > 0 && (rest[k-1] == ' ' || rest[k-1] == '\t') && isLetter(rest[k]) {
				return true
			}
		}
	}
	return false
}

// quotedArgAt reports whether the flag or key at s[a] opens a quoted
// argument of a command line, an element of a list or a quoted segment
// of text: after a quote that follows a blank, a '[', a ',', a '(' or a
// logfmt key's '=' or ':' (msg="password: two words"), or starts s; bash's
// $'…' too.
func quotedArgAt(s string, a int) bool {
	if a > 1 && ansiCQuoteAt(s, a-1) {
		return a == 2 || strings.IndexByte(" \t[,(=:", s[a-3]) >= 0 // $'--password=…'
	}
	return a > 0 && (s[a-1] == '\'' || s[a-1] == '"') && (a == 1 || strings.IndexByte(" \t[,(=:", s[a-2]) >= 0)
}

// blanksOnly reports whether s[i:j] holds only spaces and tabs.
func blanksOnly(s string, i, j int) bool {
	for ; i < j; i++ {
		if s[i] != ' ' && s[i] != '\t' {
			return false
		}
	}
	return true
}

// ansiCQuoteAt reports whether the quote at s[q] opens bash's ANSI-C
// quoting ($'…'), which set -x writes for an argument that holds a tab,
// a newline or a quote: $'-pTulip\tGarden', $'--password=a\nb'.
func ansiCQuoteAt(s string, q int) bool {
	return q > 0 && s[q] == '\'' && s[q-1] == '$'
}

// ansiCEnd returns the closing quote of the ANSI-C quoted string whose
// opening quote is at s[q], read from s[from] on: its backslash escapes
// (\t, \n, \', \\) are the string's own. It returns from when no closing
// quote stands on the line within userValueReach bytes.
func ansiCEnd(s string, q, from int) int {
	lim := min(len(s), q+userValueReach)
	for i := from; i < lim; i++ {
		switch s[i] {
		case '\\':
			i++
		case '\'':
			return i
		case '\n':
			return from
		}
	}
	return from
}
