package redact

// birthDateAfterLinking returns the end of the date of birth that starts
// at s[q] after the key k and a linking word (date of birth is 4 May
// 1990, DOB was 1990-05-04), or q when k names no date of birth or no
// date starts there.
func birthDateAfterLinking(s, k string, q int) int {
	if q >= len(s) || !isBirthKey(k) || !isDigit(s[q]) && !monthWord(s[q:nameWordEnd(s, q)]) {
		return q
	}
	return dateEnd(s, q)
}
