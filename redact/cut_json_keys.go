package redact

// cutJSONKeyEnd returns where the closing quote of a JSON key ends when
// the key s[a:p] was cut off before its opening quote: the text went on
// from the middle of an object (a body truncated at its start, a query
// parameter holding a piece of one, pass%22%3A%22… decoded), so that the
// key's closing quote follows it, then a colon: password":"…",
// password\":\"…\". Else p. A key that opens with a quote is read as
// quoted keys are.
func cutJSONKeyEnd(s string, a, p int) int {
	if a > 0 && (isQuote(s[a-1]) || s[a-1] == '\\') {
		return p
	}
	q := p
	switch {
	case q < len(s) && s[q] == '"':
		q++
	case escapedQuoteRun(s, q) > 0:
		q += escapedQuoteRun(s, q) + 1
	default:
		return p
	}
	c := skipSpaces(s, q)
	if c >= len(s) || s[c] != ':' || c+1 < len(s) && s[c+1] == ':' {
		return p // not a JSON member: a quote that closes prose, a C++ scope
	}
	return q
}
