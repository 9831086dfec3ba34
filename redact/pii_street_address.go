package redact

import "strings"

// Street addresses in prose: after a word that names an address (shipping
// address 1600 Pennsylvania Ave NW, Street 42 Elm Road, Adresse
// Hauptstraße 5), the address is masked when it has the shape of one: a
// house number and the words of a street, or the words of a street that
// a street's word ends and a house number. Its end is the last word that
// belongs to an address (capitalised words, numbers, postcodes, commas
// between them, short particles such as de or van), so the prose after it
// is kept. Without that shape (address already in use, address 10.0.0.5,
// address book sync took 120ms) nothing is masked.

// addressWords are the last words of a key in text that name a postal
// address, in English and in the languages of the GDPR preset's terms.
var addressWords = [...]string{"address", "addr", "street", "anschrift", "adresse", "direccion", "dirección",
	"indirizzo", "endereco", "endereço", "adres"}

// isAddressWord reports whether the key word w names a postal address.
func isAddressWord(w string) bool {
	for _, a := range addressWords {
		if strings.EqualFold(w, a) {
			return true
		}
	}
	return false
}

// streetTypes are the words that name a kind of street, after its name
// (Baker Street, Elm Rd, Hauptstraße's suffix) or before it (Calle Mayor,
// Rue de Rivoli, Via Roma).
var streetTypes = [...]string{"street", "st", "road", "rd", "avenue", "ave", "av", "lane", "ln", "drive", "dr",
	"boulevard", "blvd", "way", "court", "ct", "place", "pl", "parkway", "pkwy", "highway", "hwy", "terrace",
	"square", "sq", "close", "crescent", "row", "circle", "cir", "trail", "alley",
	"straße", "strasse", "str", "weg", "gasse", "platz", "allee", "ring", "damm", "laan", "straat", "plein", "gracht",
	"calle", "avenida", "via", "vía", "viale", "corso", "piazza", "rua", "rue", "plaza", "paseo", "camino", "carrer"}

// streetTypeWord reports whether w, a word with no trailing punctuation,
// names a kind of street, or ends with a suffix that does (Hauptstraße,
// Lindenweg, Kalverstraat).
func streetTypeWord(w string) bool {
	w = strings.TrimSuffix(w, ".")
	for _, t := range streetTypes {
		if strings.EqualFold(w, t) {
			return true
		}
	}
	l := strings.ToLower(w)
	for _, t := range [...]string{"straße", "strasse", "str", "weg", "gasse", "platz", "allee", "straat", "laan", "gracht"} {
		if len(l) > len(t)+2 && strings.HasSuffix(l, t) {
			return true
		}
	}
	return false
}

// addressParticles are the lower-case words that may stand inside a
// street's or a town's name (Rue de la Paix, Via del Corso, Laan van
// Meerdervoort, Stratford upon Avon).
var addressParticles = [...]string{"de", "du", "des", "la", "le", "les", "del", "della", "di", "da", "do", "dos",
	"das", "van", "von", "der", "den", "het", "y", "e", "upon", "on", "of", "the", "and"}

// houseNumber reports whether w is a house number: one to five digits,
// maybe a letter after them (221B, 12a), a range or a flat (12-14, 5/2).
func houseNumber(w string) bool {
	n := 0
	for n < len(w) && isDigit(w[n]) {
		n++
	}
	if n == 0 || n > 5 {
		return false
	}
	rest := w[n:]
	switch {
	case rest == "":
		return true
	case len(rest) == 1 && isLetter(rest[0]):
		return true
	case len(rest) >= 2 && (rest[0] == '-' || rest[0] == '/') && len(rest) <= 4:
		for i := 1; i < len(rest); i++ {
			if !isAlnum(rest[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// addressWordAt returns the end of the word at s[q] (up to a space, a
// comma or the end of the line) and whether it may be a word of an
// address after its first: capitalised, all digits or capitals (NW,
// 10118, LS1), a house number or a particle.
func addressWordAt(s string, q int) (int, bool) {
	e := q
	for e < len(s) && s[e] != ' ' && s[e] != ',' && s[e] != '\t' && s[e] != '\n' && s[e] != '\r' && s[e] != ';' &&
		s[e] != '"' && s[e] != '\'' && s[e] != ')' && s[e] != ']' && s[e] != '}' {
		e++
	}
	w := s[q:e]
	if w == "" {
		return e, false
	}
	w = strings.TrimSuffix(w, ".")
	if w == "" {
		return e, false
	}
	if isUpper(w[0]) || w[0] >= 0x80 || isDigit(w[0]) && alnumWord(w) || houseNumber(w) || streetTypeWord(w) {
		return e, true
	}
	for _, p := range addressParticles {
		if w == p {
			return e, true
		}
	}
	return e, false
}

// alnumWord reports whether w holds only ASCII letters and digits.
func alnumWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isAlnum(w[i]) {
			return false
		}
	}
	return true
}

// nonPostalAddressWords are the words before "address" that name an
// address of no street: ip address 10 Gbps, email address 2 Users.
var nonPostalAddressWords = map[string]bool{
	"ip": true, "mac": true, "email": true, "mail": true, "e-mail": true, "web": true, "memory": true, "network": true,
	"wallet": true, "bitcoin": true, "contract": true, "base": true, "return": true, "listen": true, "bind": true,
	"server": true, "remote": true, "local": true, "source": true, "destination": true, "peer": true,
	"broadcast": true, "hardware": true, "physical": true, "virtual": true, "link": true, "node": true, "host": true,
}

// postalAddressWord reports whether the address word at s[a:b] names a
// postal address by where it stands: not a path's segment (GET
// /api/address 404 Not Found) nor after a word that names an address of
// a machine or a mailbox (ip address, email address).
func postalAddressWord(s string, a, b int) bool {
	if a > 0 && (s[a-1] == '/' || s[a-1] == '.' || s[a-1] == '_' || s[a-1] == '-') {
		return false
	}
	e := a
	for e > 0 && s[e-1] == ' ' {
		e--
	}
	w := e
	for w > 0 && (isAlnum(s[w-1]) || s[w-1] == '-') {
		w--
	}
	return e == a || w == e || !nonPostalAddressWords[strings.ToLower(s[w:e])]
}

// streetAddressAt returns the span of the street address that starts at
// s[q], after a word that names an address and maybe a linking word
// (is, to, at: home address is 10 Downing Street): a house number and a
// word of a street's name (capitalised, or followed within three words by
// a word that names a kind of street), or up to three capitalised words
// whose last names a kind of street (or starting with one: Calle Mayor)
// and a house number. The span goes on over the words of an address
// (addressWordAt) and the commas between them, and ends before the first
// word that is none, a line's end or a closing quote. It returns an empty
// span when no address starts there.
func streetAddressAt(s string, q int) (int, int) {
	for range 2 { // address is 12 …, shipped to address: 12 …
		_, we := wordAt(s, q)
		if w := s[q:we]; we > q && (strings.EqualFold(w, "is") || strings.EqualFold(w, "to") || strings.EqualFold(w, "at") ||
			strings.EqualFold(w, "was") || strings.EqualFold(w, "now")) {
			q = skipSpaces(s, we)
			continue
		}
		break
	}
	if q >= len(s) {
		return 0, 0
	}
	first, ok := addressWordAt(s, q)
	if !ok || first == q || first+1 < len(s) && httpStatusAt(s, q, first) {
		return 0, 0 // address 404 Not Found: a request's status
	}
	if houseNumber(strings.TrimSuffix(s[q:first], ",")) {
		if first >= len(s) || s[first] != ' ' {
			return 0, 0
		}
		n := first + 1
		ne, _ := addressWordAt(s, n)
		if ne == n {
			return 0, 0
		}
		named := isUpper(s[n]) || s[n] >= 0x80
		from := q   // where the words of an address (addressEnd) are read from
		if !named { // 12 elm street: a lower-case name needs its kind of street
			p := n
			for k := 0; k < 3 && p < len(s); k++ {
				pe, _ := addressWordAt(s, p)
				if pe == p {
					break
				}
				if streetTypeWord(s[p:pe]) {
					named, from = true, p
					break
				}
				if pe >= len(s) || s[pe] != ' ' {
					break
				}
				p = pe + 1
			}
		}
		if !named || isDigit(s[n]) {
			return 0, 0
		}
		return q, addressEnd(s, from)
	}
	// Hauptstraße 5, Calle Mayor 12, Baker Street 221B: a street's name, then the number.
	if !isUpper(s[q]) && s[q] < 0x80 {
		return 0, 0
	}
	typed := false
	p := q
	for k := 0; k < 4 && p < len(s); k++ {
		pe, ok := addressWordAt(s, p)
		if !ok || pe == p {
			return 0, 0
		}
		w := s[p:pe]
		if houseNumber(w) {
			if typed && k > 0 {
				return q, addressEnd(s, q)
			}
			return 0, 0
		}
		typed = typed || streetTypeWord(w)
		if pe >= len(s) || s[pe] != ' ' {
			return 0, 0
		}
		p = pe + 1
	}
	return 0, 0
}

// addressEnd returns the end of the address that starts at s[q]: the
// last of the words that addressWordAt accepts, with single commas and
// spaces between them.
func addressEnd(s string, q int) int {
	end := q
	p := q
	for p < len(s) {
		pe, ok := addressWordAt(s, p)
		if !ok || pe == p {
			break
		}
		end = pe
		if end > q && s[end-1] == '.' && !streetTypeWord(s[p:end]) && !houseNumber(s[p:end-1]) {
			end-- // a sentence's full stop
		}
		p = pe
		if p < len(s) && s[p] == ',' {
			p++
		}
		if p >= len(s) || s[p] != ' ' {
			break
		}
		p++
	}
	return end
}

// addressLineBase returns the lower-case key k without the line of an
// address that ends it (address_line_1, address.line2, addressline1:
// address), or k.
func addressLineBase(k string) string {
	b := strings.TrimRight(k, "0123456789")
	b = strings.TrimRight(b, "_-. ")
	if b == k && !strings.HasSuffix(k, "line") {
		return k
	}
	if c, ok := strings.CutSuffix(b, "line"); ok && c != "" {
		return strings.TrimRight(c, "_-. ")
	}
	return k
}

// addressLineStart returns where the word of an address before the word
// s[a:b] starts when that word is "line" (address line 1: …, Street Line
// 2: …), so that the key read is the address's; else a.
func addressLineStart(s string, a, b int) int {
	if !strings.EqualFold(s[a:b], "line") || a < 2 || s[a-1] != ' ' {
		return a
	}
	k := a - 1
	for k > 0 && isLetter(s[k-1]) {
		k--
	}
	if k < a-1 && isAddressWord(s[k:a-1]) {
		return k
	}
	return a
}
