package redact

import "strings"

// phoneKeyBefore reports whether the digits at s[start] are the value of a
// key in text whose last word names a telephone, or whose last word is
// "number" or "no" after such a word (mobile=91234567,
// cell_phone:0412345678, faxNo=…), written right after its '=' or ':'.
// Words that name calling, a number or a contact in general (callId,
// contact, numero) and pH do not: their values are ids and measures.
func phoneKeyBefore(s string, start int) bool {
	j := start
	if j > 0 && s[j-1] == '"' {
		j--
		if j > 0 && s[j-1] == '\\' {
			j-- // JSON inside a string: {\"movil\":\"612938475\"}
		}
	}
	if j == 0 || s[j-1] != '=' && s[j-1] != ':' {
		return false
	}
	j--
	if j > 0 && s[j-1] == '"' {
		j--
		if j > 0 && s[j-1] == '\\' {
			j--
		}
	}
	e := j
	for j > 0 && e-j <= 40 && (isAlnum(s[j-1]) || s[j-1] == '_' || s[j-1] == '-') {
		j--
	}
	if e == j || e-j > 40 || j > 0 && (isAlnum(s[j-1]) || s[j-1] >= 0x80) {
		return false
	}
	return phoneKeyName(s[j:e])
}

// phoneKeyName reports whether k, a key of letters, digits, '_' and '-',
// names a telephone: its last word does (phoneKeyWord), or its last word
// is "number" or "no" after such a word (gsm, numero_portable, faxNo).
func phoneKeyName(k string) bool {
	phone := false
	for w := 0; w < len(k); {
		e := w + 1
		for e < len(k) && isAlnum(k[e]) && !(isUpper(k[e]) && k[e-1] >= 'a' && k[e-1] <= 'z') {
			e++
		}
		word := k[w:e]
		if phoneKeyWord(word) {
			phone = true
		} else if !phone || !numberWord(word) {
			phone = false
		}
		for e < len(k) && (k[e] == '_' || k[e] == '-' || k[e] == '.') {
			e++
		}
		w = e
	}
	return phone
}

// phoneKeyVendor marks the verdict of an attr or map key that names a
// telephone but is no term of the rules (gsm, portable, festnetz; see
// keyVerdict.vendor): vendorMasks masks a national number written
// without separators under it, which the phone detector alone cannot
// tell from any other run of digits.
var phoneKeyVendor = &vendorKey{}

// phoneKeyValue reports whether v, whole, is a telephone number written
// without separators as a key that names a telephone holds one: seven to
// thirteen digits, after a '+' or with a trunk 0 followed by another digit
// or no trunk, not a date of eight digits.
func phoneKeyValue(v string) bool {
	d := strings.TrimPrefix(v, "+")
	if len(d) < 7 || len(d) > 13 || d[0] == '0' && d[1] == '0' || len(d) == 8 && len(d) == len(v) && eightDigitDate(d) {
		return false
	}
	for i := 0; i < len(d); i++ {
		if !isDigit(d[i]) {
			return false
		}
	}
	return true
}

// numberWord reports whether w, the last word of a key, says the key is
// the number of what the word before it names: number, no, nr, num, and
// the word in German, Dutch, Italian, Spanish and Portuguese (nummer,
// numero).
func numberWord(w string) bool {
	for _, n := range [...]string{"number", "no", "nr", "num", "nummer", "numero"} {
		if strings.EqualFold(w, n) {
			return true
		}
	}
	return false
}

// phoneKeyWord reports whether w, a word of a key, names a telephone
// itself: one of phoneWords that is not a verb of calling, a word for a
// number or a contact in general, or "ph".
func phoneKeyWord(w string) bool {
	if len(w) < 2 || strings.EqualFold(w, "ph") || genericNumberWord(w) || !isPhoneWord(w) {
		return false
	}
	for _, v := range [...]string{"call", "dial", "llam", "chiam", "ligar", "ligue", "zadzwo", "dzwo"} {
		if len(w) >= len(v) && strings.EqualFold(w[:len(v)], v) {
			return false
		}
	}
	return true
}
