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
