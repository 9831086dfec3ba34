package redact

import "strings"

// National identifiers whose check digit leaves too many numbers of their
// length valid to mask them alone: DetectNationalID masks them when a word
// that names them stands before them on their line, and their check digit
// holds. Australia's Tax File Number and Medicare card number, Japan's My
// Number, Portugal's NIF and Poland's PESEL.

// idLabelWindow is how far before an identifier, in bytes on the same
// line, labelBefore looks for a word that names it.
const idLabelWindow = 40

// The words that name each identifier; a space in one also matches a '_'
// or a '-' (tax_file_number).
var (
	tfnLabels      = [...]string{"tfn", "tax file number", "tax file no"}
	medicareLabels = [...]string{"medicare"}
	myNumberLabels = [...]string{"my number", "mynumber", "individual number", "マイナンバー", "個人番号"}
	nifLabels      = [...]string{"nif", "nipc", "contribuinte"}
	peselLabels    = [...]string{"pesel"}
)

// labelBefore reports whether one of labels stands, whole and in any
// case, within idLabelWindow bytes before s[start] on the same line. It
// runs only once an identifier's shape and check digit matched.
func labelBefore(s string, start int, labels []string) bool {
	b := max(0, start-idLabelWindow)
	if i := strings.LastIndexByte(s[b:start], '\n'); i >= 0 {
		b += i + 1
	}
	for i := b; i < start; i++ {
		if i > 0 && isWordByte(s[i-1]) && s[i] < 0x80 {
			continue // inside a word, or a word cut by the window; a label outside ASCII may follow one without a space
		}
		for _, l := range labels {
			if e := labelAt(s, i, start, l); e > 0 && (e == len(s) || !isWordByte(s[e]) || l[len(l)-1] >= 0x80) {
				return true
			}
		}
	}
	return false
}

// labelAt returns the end of label l read at s[i], before end, or 0.
func labelAt(s string, i, end int, l string) int {
	if i+len(l) > end {
		return 0
	}
	for k := range len(l) {
		c, want := s[i+k], l[k]
		switch {
		case want == ' ':
			if c != ' ' && c != '_' && c != '-' {
				return 0
			}
		case c != want && !(isLetter(c) && c|0x20 == want):
			return 0
		}
	}
	return i + len(l)
}

// tfnAt returns the length of an Australian Tax File Number at s[p], nine
// digits, bare or in three groups of three (123 456 782), whose weighted
// sum with the weights 1 4 3 7 5 8 6 9 10 is a multiple of 11, after a
// word that names it; or 0.
func tfnAt(s string, p int) int {
	var d [9]byte
	n := formAt(s, p, "ddddddddd", d[:])
	if n == 0 {
		n = groupedDigits(s, p, []int{3, 3, 3}, " -", d[:])
	}
	if n == 0 || d == [9]byte{} {
		return 0
	}
	sum := 0
	for k, w := range [9]int{1, 4, 3, 7, 5, 8, 6, 9, 10} {
		sum += int(d[k]) * w
	}
	if sum%11 != 0 || !labelBefore(s, p, tfnLabels[:]) {
		return 0
	}
	return n
}

// medicareAt returns the length of an Australian Medicare card number at
// s[p]: ten digits, bare or as the card prints them (2951 83745 1), the
// first from 2 to 6 and the ninth a check digit over the eight before it
// (the weights 1 3 7 9 1 3 7 9, modulo 10), the tenth the card's issue
// number, and bare also the individual's number after it; after a word
// that names it; or 0.
func medicareAt(s string, p int) int {
	var d [11]byte
	n := formAt(s, p, "dddddddddd", d[:])
	if n == 0 {
		n = formAt(s, p, "ddddddddddd", d[:])
	}
	if n == 0 {
		n = formAt(s, p, "dddd ddddd d", d[:])
	}
	if n == 0 || d[0] < 2 || d[0] > 6 {
		return 0
	}
	sum := 0
	for k, w := range [8]int{1, 3, 7, 9, 1, 3, 7, 9} {
		sum += int(d[k]) * w
	}
	if sum%10 != int(d[8]) || !labelBefore(s, p, medicareLabels[:]) {
		return 0
	}
	return n
}

// myNumberAt returns the length of a Japanese My Number (individual
// number) at s[p], twelve digits, bare or in groups of four, the last a
// check digit modulo 11 over the eleven before it, after a word that
// names it; or 0.
func myNumberAt(s string, p int) int {
	var d [12]byte
	n := formAt(s, p, "dddddddddddd", d[:])
	if n == 0 {
		n = groupedDigits(s, p, []int{4, 4, 4}, " -", d[:])
	}
	if n == 0 {
		return 0
	}
	sum := 0
	for k := 1; k <= 11; k++ { // the k-th digit before the check
		w := k + 1
		if k > 6 {
			w = k - 5
		}
		sum += int(d[11-k]) * w
	}
	check := 0
	if r := sum % 11; r > 1 {
		check = 11 - r
	}
	if check != int(d[11]) || !labelBefore(s, p, myNumberLabels[:]) {
		return 0
	}
	return n
}

// nifAt returns the length of a Portuguese NIF or NIPC at s[p], nine
// digits whose last is a check digit modulo 11 (the weights 9 to 2),
// after a word that names it; or 0.
func nifAt(s string, p int) int {
	var d [9]byte
	n := formAt(s, p, "ddddddddd", d[:])
	if n == 0 || d[0] == 0 {
		return 0
	}
	sum := 0
	for k := range 8 {
		sum += int(d[k]) * (9 - k)
	}
	check := 0
	if r := sum % 11; r > 1 {
		check = 11 - r
	}
	if check != int(d[8]) || !labelBefore(s, p, nifLabels[:]) {
		return 0
	}
	return n
}

// peselAt returns the length of a Polish PESEL at s[p], eleven digits:
// the date of birth (the month plus 20 for those born from 2000 on) and a
// check digit over the ten before it (the weights 1 3 7 9, modulo 10),
// after a word that names it; or 0.
func peselAt(s string, p int) int {
	var d [11]byte
	n := formAt(s, p, "ddddddddddd", d[:])
	if n == 0 || !validMonthDay(twoDigits(d[2:])%20, twoDigits(d[4:])) || twoDigits(d[2:]) >= 40 {
		return 0
	}
	sum := 0
	for k := range 10 {
		sum += int(d[k]) * [4]int{1, 3, 7, 9}[k%4]
	}
	if (10-sum%10)%10 != int(d[10]) || !labelBefore(s, p, peselLabels[:]) {
		return 0
	}
	return n
}
