package redact

import "strings"

// Terms written as initialisms with dots: D.O.B., s.s.n., M.R.N. A key
// in text is split into words on '.', so D.O.B is the words D, O and B,
// which join to the term dob as a key's words do; the prefilter and the
// pairs in text read such a spelling as one key.

// maxInitialism is the most letters a dotted initialism is read with
// (n.i.n.o, the longest such spelling of a term the presets name).
const maxInitialism = 8

// isInitialism reports whether k is two to maxInitialism single ASCII
// letters each followed by a dot, the last dot optional: D.O.B, s.s.n.,
// D.o.B.
func isInitialism(k string) bool {
	n := 0
	for i := 0; i < len(k); i += 2 {
		if !isLetter(k[i]) || i+1 < len(k) && k[i+1] != '.' {
			return false
		}
		n++
	}
	return n >= 2 && n <= maxInitialism
}

// initialismEnd returns the end of the dotted initialism that starts at
// s[i] (a letter that no letter or digit precedes), its last dot
// included when there is one, or i when none starts there.
func initialismEnd(s string, i int) int {
	if i > 0 && isAlnum(s[i-1]) {
		return i
	}
	e, n := i, 0
	for n < maxInitialism && e < len(s) && isLetter(s[e]) && (e+1 == len(s) || !isAlnum(s[e+1])) {
		n++
		e++
		if e == len(s) || s[e] != '.' {
			break
		}
		e++ // its dot
	}
	if n < 2 {
		return i
	}
	return e
}

// initialismTerm reports whether the dotted initialism k (isInitialism)
// spells a term, its letters joined.
func (r *Redactor) initialismTerm(k string) bool {
	var buf [maxInitialism]byte
	n := 0
	for i := 0; i < len(k); i += 2 {
		buf[n] = k[i] | 0x20
		n++
	}
	_, ok := r.terms[string(buf[:n])]
	return ok
}

// initialismTermIn reports whether s holds a dotted initialism that
// spells a term (D.O.B.: …, s.s.n. …), for the prefilter: such a key's
// words are single letters, which no term ends with.
func (r *Redactor) initialismTermIn(s string) bool {
	for d := 1; d+1 < len(s); d++ {
		k := strings.IndexByte(s[d:], '.')
		if k < 0 {
			return false
		}
		d += k
		if d+1 >= len(s) || !isLetter(s[d-1]) || !isLetter(s[d+1]) || d >= 2 && isAlnum(s[d-2]) {
			continue
		}
		if e := initialismEnd(s, d-1); e > d-1 && r.initialismTerm(s[d-1:e]) {
			return true
		}
		d++
	}
	return false
}

// abbreviatedKey reports whether the key k in text may be written with a
// dot after it as an abbreviation is (dob., tel., D.O.B.): a dotted
// initialism, or one of termAbbreviations. A term that is a word (born,
// zip, card) ends a sentence with its dot: "born. 1990 was …" keeps the
// number.
func abbreviatedKey(k string) bool {
	if isInitialism(k) {
		return true
	}
	if len(k) < 2 || len(k) > 4 {
		return false
	}
	var fb foldBuf
	return termAbbreviations[fb.lower(k)]
}

// termAbbreviations are the terms of personal data that are abbreviations
// or acronyms, no words: written with a dot after them in prose (dob.
// 1984-03-07, Tel. 030 …) they still name the value after them.
var termAbbreviations = map[string]bool{
	"dob": true, "ssn": true, "mrn": true, "tel": true, "mob": true, "lat": true, "lon": true, "lng": true,
	"bsn": true, "dni": true, "nif": true, "cpf": true, "nie": true, "nir": true, "ahv": true, "mbi": true,
	"itin": true, "nino": true, "ppsn": true, "iban": true, "vin": true, "dl": true, "tfn": true,
}
