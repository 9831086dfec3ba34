package redact

import "strings"

// More national identifiers that DetectNationalID masks without a key,
// each written in the form its country prints it and checked by its
// check digit: Korea's resident registration number, Belgium's national
// number, Argentina's CUIT and CUIL, South Africa's identity number and
// Mexico's CURP. wordStartsID tries them by the size of their first word.

// formAt reads at s[p] the identifier written as form: 'd' for a digit,
// any other byte for itself. It stores the digits in d and returns the
// length of form, or 0 when s[p:] is not so written or the identifier
// goes on (more of a word, a number or a dotted or dashed run).
func formAt(s string, p int, form string, d []byte) int {
	if p+len(form) > len(s) || !idEndsAt(s, p+len(form)) {
		return 0
	}
	n := 0
	for k := range len(form) {
		c := s[p+k]
		if form[k] != 'd' {
			if c != form[k] {
				return 0
			}
			continue
		}
		if !isDigit(c) {
			return 0
		}
		d[n] = c - '0'
		n++
	}
	return len(form)
}

// twoDigits returns the number the two digits d[0] and d[1] make.
func twoDigits(d []byte) int {
	return int(d[0])*10 + int(d[1])
}

// validMonthDay reports whether month and day may be a date's.
func validMonthDay(month, day int) bool {
	return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

// rrnAt returns the length of a Korean resident registration number at
// s[p], written YYMMDD-SNNNNNC (850723-1234565): the date of birth, a
// digit of the century and sex (1 to 8), and a check digit over the
// twelve before it with the weights 2 to 9 and 2 to 5, or 0.
func rrnAt(s string, p int) int {
	var d [13]byte
	n := formAt(s, p, "dddddd-ddddddd", d[:])
	if n == 0 || !validMonthDay(twoDigits(d[2:]), twoDigits(d[4:])) || d[6] < 1 || d[6] > 8 {
		return 0
	}
	sum := 0
	for k := range 12 {
		sum += int(d[k]) * (2 + k%8)
	}
	if (11-sum%11)%10 != int(d[12]) {
		return 0
	}
	return n
}

// belgianNumberAt returns the length of a Belgian national number at s[p]
// as printed on the identity card, YY.MM.DD-SSS.CC (85.07.23-123.51):
// the date of birth (the month plus 20 or 40 for a number of the
// foreigners' register, 00 when the date is unknown), a serial, and a
// check of 97 minus the nine digits before it modulo 97 (with a 2 before
// them for those born in 2000 or later), or 0.
func belgianNumberAt(s string, p int) int {
	var d [11]byte
	n := formAt(s, p, "dd.dd.dd-ddd.dd", d[:])
	if n == 0 {
		return 0
	}
	if month, day := twoDigits(d[2:])%20, twoDigits(d[4:]); month > 12 || day > 31 || twoDigits(d[2:]) >= 60 {
		return 0
	}
	v := 0
	for _, x := range d[:9] {
		v = v*10 + int(x)
	}
	check := twoDigits(d[9:])
	if check != 97-v%97 && check != 97-(2_000_000_000+v)%97 {
		return 0
	}
	return n
}

// cuitAt returns the length of an Argentine CUIT or CUIL at s[p], written
// PP-NNNNNNNN-C (20-31847265-4): a prefix of a person (20, 23, 24, 27) or
// a company (30, 33, 34), the document number and a check digit modulo 11
// with the weights 5 4 3 2 7 6 5 4 3 2, or 0.
func cuitAt(s string, p int) int {
	var d [11]byte
	n := formAt(s, p, "dd-dddddddd-d", d[:])
	if n == 0 {
		return 0
	}
	switch twoDigits(d[:]) {
	case 20, 23, 24, 27, 30, 33, 34:
	default:
		return 0
	}
	sum := 0
	for k, w := range [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2} {
		sum += int(d[k]) * w
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	if check != int(d[10]) {
		return 0
	}
	return n
}

// southAfricanIDAt returns the length of a South African identity number
// at s[p], thirteen digits: the date of birth YYMMDD, a serial of four,
// the citizenship (0, 1 or 2), an 8 or a 9, and a Luhn check digit
// (8807125016089), or 0. The date, the fixed digits and the check leave
// one thirteen-digit number in about a thousand: a millisecond Unix time
// has no month in its third and fourth digits.
func southAfricanIDAt(s string, p int) int {
	var d [13]byte
	n := formAt(s, p, "ddddddddddddd", d[:])
	if n == 0 || !validMonthDay(twoDigits(d[2:]), twoDigits(d[4:])) || d[10] > 2 || d[11] < 8 || !luhn(d[:]) {
		return 0
	}
	return n
}

// curpStates are the two letters of the states of Mexico in a CURP, and
// NE for one born abroad.
const curpStates = "AS BC BS CC CL CM CS CH CX DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE"

// curpAlphabet gives each character of a CURP its value for the check
// digit; the Ñ, between N and O, is written X in a CURP and keeps its
// place here as a byte no CURP holds.
const curpAlphabet = "0123456789ABCDEFGHIJKLMN\x00OPQRSTUVWXYZ"

// curpAt returns the length of a Mexican CURP at s[p], eighteen
// characters in upper case (GOMR850723HDFNRL07): four letters of the
// name, the date of birth, H, M or X for the sex, the state, three
// consonants of the name, a digit or a letter for the century, and a
// check digit, or 0.
func curpAt(s string, p int) int {
	const n = 18
	if p+n > len(s) || !idEndsAt(s, p+n) {
		return 0
	}
	c := s[p : p+n]
	for k := range n {
		switch {
		case k < 4 || k >= 11 && k < 16:
			if !isUpper(c[k]) {
				return 0
			}
		case k < 10 || k == 17:
			if !isDigit(c[k]) {
				return 0
			}
		case k == 10:
			if c[k] != 'H' && c[k] != 'M' && c[k] != 'X' {
				return 0
			}
		case k == 16:
			if !isDigit(c[k]) && !isUpper(c[k]) {
				return 0
			}
		}
	}
	if !validMonthDay(int(c[6]-'0')*10+int(c[7]-'0'), int(c[8]-'0')*10+int(c[9]-'0')) || !strings.Contains(curpStates, c[11:13]) {
		return 0
	}
	sum := 0
	for k := range n - 1 {
		sum += strings.IndexByte(curpAlphabet, c[k]) * (n - k)
	}
	if (10-sum%10)%10 != int(c[17]-'0') {
		return 0
	}
	return n
}
