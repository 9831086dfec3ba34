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
	phone, last := false, ""
	for w := j; w < e; {
		k := w + 1
		for k < e && isAlnum(s[k]) && !(isUpper(s[k]) && s[k-1] >= 'a' && s[k-1] <= 'z') {
			k++
		}
		last = s[w:k]
		if phoneKeyWord(last) {
			phone = true
		} else if !phone || !numberWord(last) {
			phone = false
		}
		for k < e && (s[k] == '_' || s[k] == '-') {
			k++
		}
		w = k
	}
	return phone
}

// numberWord reports whether w, the last word of a key, says the key is
// the number of what the word before it names: number, no, nr, num.
func numberWord(w string) bool {
	for _, n := range [...]string{"number", "no", "nr", "num"} {
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
