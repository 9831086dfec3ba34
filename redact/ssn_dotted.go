package redact

// dottedSSNAt reports whether the ddd.dd.dddd at s[i:] stands alone as an
// SSN written with dots (123.45.6789) rather than as part of a longer
// dotted run (an OID, 1.123.45.6789.2), a path or a product's version
// (Chrome/123.45.6789, version 123.45.6789).
func dottedSSNAt(s string, i int) bool {
	if i > 0 && (s[i-1] == '.' || s[i-1] == '/' || s[i-1] == '_') {
		return false
	}
	if e := i + 11; e+1 < len(s) && s[e] == '.' && isDigit(s[e+1]) {
		return false
	}
	return !afterVersionWord(s, i)
}
