package redact

import "strings"

// DetectStreetAddress masks a street address written in prose without a
// word that names it (shipped to 221B Baker Street, London; delivered to
// 742 Evergreen Terrace; moved to 12 Rue de Rivoli): a house number, one
// to three capitalised words of a street's name and a word that names a
// kind of street which is seldom anything else (Street, St, Road, Rd,
// Avenue, Ave, Lane, Drive, Boulevard, Terrace, Parkway, Highway,
// Crescent), or a house number and a French street's word before its name
// (Rue, Avenue, Boulevard, Chemin, Impasse, Quai). The address goes on
// over the words that belong to one (a town, a postcode, the commas
// between them). A number that a colon, a slash or a dot joins to what is
// before it (a port, a path, a version), a count before words that name
// no street (3 Insufficient memory, 200 Connection Close) and a street's
// word alone (2 Road Runner) are kept.
var DetectStreetAddress = Detector{Name: "street-address", find: findStreetAddresses, need: hasSpace, min: len("1 A St")}

// findStreetAddresses appends the spans of the street addresses of s.
func findStreetAddresses(s string, spans []span) []span {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && !streetNumberCanFollow(s[i-1]) {
			continue
		}
		e := i
		for e < len(s) && s[e] != ' ' && s[e] != ',' && s[e] != '\t' && s[e] != '\n' {
			e++
		}
		if e >= len(s) || s[e] != ' ' || !houseNumber(s[i:e]) {
			i = e
			continue
		}
		if end := streetAfterNumber(s, e+1); end > 0 {
			spans = append(spans, span{i, end})
			i = end
			continue
		}
		i = e
	}
	return spans
}

// streetNumberCanFollow reports whether a house number may start right
// after c: at a word's start, not inside a path, a version, a port or a
// pair's value that a key names otherwise.
func streetNumberCanFollow(c byte) bool {
	return !isAlnum(c) && c >= 0x20 && c < 0x80 && strings.IndexByte("./:-_=#$%+\\", c) < 0
}

// streetAfterNumber returns the end of the address whose street's name
// starts at s[p], after a house number, or 0 when no street's name of
// the shape DetectStreetAddress knows starts there.
func streetAfterNumber(s string, p int) int {
	names := 0
	for k := 0; k < 4 && p < len(s); k++ {
		pe := p
		for pe < len(s) && (isLetter(s[pe]) || s[pe] == '\'' || s[pe] == '.') {
			pe++
		}
		w := strings.TrimSuffix(s[p:pe], ".")
		if w == "" || !isUpper(w[0]) || pe < len(s) && (isAlnum(s[pe]) || strings.IndexByte("-_/@", s[pe]) >= 0) {
			return 0
		}
		if k == 0 && frenchStreetWord(w) { // 12 Rue de Rivoli
			if q := pe + 1; pe < len(s) && s[pe] == ' ' && q < len(s) {
				if qe, ok := addressWordAt(s, q); ok && (capitalisedWord(strings.TrimSuffix(s[q:qe], ".")) || isAddressParticle(s, q)) {
					return addressEnd(s, p)
				}
			}
			return 0
		}
		if names > 0 && strongStreetType(w) {
			return addressEnd(s, p)
		}
		if !capitalisedWord(w) {
			return 0
		}
		names++
		if pe >= len(s) || s[pe] != ' ' {
			return 0
		}
		p = pe + 1
	}
	return 0
}

// strongStreetType reports whether w names a kind of street and is seldom
// another word after a capitalised one.
func strongStreetType(w string) bool {
	switch strings.ToLower(w) {
	case "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "boulevard", "blvd",
		"terrace", "parkway", "pkwy", "highway", "hwy", "crescent":
		return true
	}
	return false
}

// frenchStreetWord reports whether w is a French street's word, which
// stands before the street's name.
func frenchStreetWord(w string) bool {
	switch strings.ToLower(w) {
	case "rue", "avenue", "boulevard", "chemin", "impasse", "quai":
		return true
	}
	return false
}

// capitalisedWord reports whether w is a capitalised word of letters (an
// apostrophe inside: O'Connell): the shape of a street's name.
func capitalisedWord(w string) bool {
	if len(w) < 2 || !isUpper(w[0]) {
		return false
	}
	lower := false
	for i := 1; i < len(w); i++ {
		switch {
		case w[i] >= 'a' && w[i] <= 'z':
			lower = true
		case w[i] == '\'' || isUpper(w[i]):
		default:
			return false
		}
	}
	return lower
}

// isAddressParticle reports whether the word at s[q] is one of
// addressParticles (Rue de Rivoli).
func isAddressParticle(s string, q int) bool {
	e := q
	for e < len(s) && isLetter(s[e]) {
		e++
	}
	for _, p := range addressParticles {
		if s[q:e] == p {
			return true
		}
	}
	return false
}
