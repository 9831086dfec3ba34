package redact

import "strings"

// More national identifiers for DetectNationalID, each written in the form
// its country prints it and checked by its check digit or letter, so that
// a run of digits of the same shape is masked only about once in ten or
// more: Spain's DNI and NIE, Italy's codice fiscale, India's Aadhaar, the
// Netherlands' BSN and Germany's Steuer-ID. findLetteredIDs reads only
// the starts of words.

// findLetteredIDs finds the identifiers above. Each holds a digit in its
// first word (a codice fiscale whose seven digits are all replaced by
// letters is left alone), so it reads only the words with a digit in
// them: a text of words without digits costs one pass over its bytes.
func findLetteredIDs(s string, spans []span) []span {
	for i := 0; i < len(s); {
		for i < len(s) && !isDigit(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		// The start of the word with the digit; after an escape (\n48291037F)
		// the word starts where the escape ends.
		w := i
		for w > 0 && isAlnum(s[w-1]) && i-w < 16 && !escapedStart(s, w) {
			w--
		}
		e := i + 1
		for e < len(s) && isAlnum(s[e]) {
			e++
		}
		if w >= 2 && s[w-1] == '-' && s[w-2] >= 'X' && s[w-2] <= 'Z' && (w == 2 || !isAlnum(s[w-3])) {
			w -= 2 // an NIE with dashes, Y-5061273-E: the letter is a word of its own
		}
		if w >= 3 && s[w-1] == ' ' && isUpper(s[w-2]) && isUpper(s[w-3]) && i-w == 0 {
			if n := ninoAt(s, w-3); n > 0 { // a NINO in its groups, AB 12 34 56 C: the letters are a word of their own
				spans = append(spans, span{w - 3, w - 3 + n})
				i = w - 3 + n
				continue
			}
		}
		if idStartsAt(s, w) {
			if n := wordStartsID(s, w, e-w); n > 0 {
				spans = append(spans, span{w, w + n})
				e = max(e, w+n)
			}
		}
		i = e
	}
	return spans
}

// wordStartsID returns the length of the identifier that starts at s[p],
// whose first word has n letters and digits, or 0.
func wordStartsID(s string, p, n int) int {
	c := s[p]
	switch {
	case isDigit(c) && n == 8:
		return dniAt(s, p)
	case isDigit(c) && n == 9:
		return max(dniAt(s, p), tfnAt(s, p), nifAt(s, p))
	case isDigit(c) && n == 4:
		return max(aadhaarAt(s, p), bsnAt(s, p), myNumberAt(s, p), medicareAt(s, p))
	case isDigit(c) && n == 10:
		return medicareAt(s, p)
	case isDigit(c) && n == 11:
		return max(medicareAt(s, p), peselAt(s, p))
	case isDigit(c) && n == 12:
		return myNumberAt(s, p)
	case isDigit(c) && n == 2:
		return max(steuerIDAt(s, p), belgianNumberAt(s, p), cuitAt(s, p))
	case isDigit(c) && n == 6:
		return rrnAt(s, p)
	case isDigit(c) && n == 13:
		return southAfricanIDAt(s, p)
	case n == 18 && isUpper(c):
		return curpAt(s, p)
	case isDigit(c) && n == 3:
		return max(sinAt(s, p), tfnAt(s, p))
	case n == 9 && isUpper(c) && isUpper(s[p+1]):
		return ninoAt(s, p)
	case (c == 'X' || c == 'Y' || c == 'Z') && (n == 1 || n == 8 || n == 9):
		return nieAt(s, p)
	case n == 16 && isLetter(c):
		return codiceFiscaleAt(s, p)
	}
	return 0
}

// dniLetters are the check letters of a Spanish DNI and NIE, by the
// number modulo 23.
const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// digitsAt returns the value of the n digits at s[p], or -1.
func digitsAt(s string, p, n int) int {
	if p+n > len(s) {
		return -1
	}
	v := 0
	for k := p; k < p+n; k++ {
		if !isDigit(s[k]) {
			return -1
		}
		v = v*10 + int(s[k]-'0')
	}
	return v
}

// dniAt returns the length of a Spanish DNI at s[p], eight digits and
// their check letter, after a dash or not (12345678Z, 12345678-Z), or 0.
func dniAt(s string, p int) int {
	v := digitsAt(s, p, 8)
	if v < 0 {
		return 0
	}
	e := p + 8
	if e < len(s) && s[e] == '-' {
		e++
	}
	if e >= len(s) || s[e] != dniLetters[v%23] || !idEndsAt(s, e+1) {
		return 0
	}
	return e + 1 - p
}

// nieAt returns the length of a Spanish NIE at s[p], a foreigner's number:
// X, Y or Z (0, 1, 2 before the digits for the check), seven digits and
// the check letter, dashes between them or not (X1234567L, Y-1234567-X),
// or 0.
func nieAt(s string, p int) int {
	lead := int(s[p]) - 'X'
	if lead < 0 || lead > 2 {
		return 0
	}
	q := p + 1
	if q < len(s) && s[q] == '-' {
		q++
	}
	v := digitsAt(s, q, 7)
	if v < 0 {
		return 0
	}
	e := q + 7
	if e < len(s) && s[e] == '-' {
		e++
	}
	if e >= len(s) || s[e] != dniLetters[(lead*10_000_000+v)%23] || !idEndsAt(s, e+1) {
		return 0
	}
	return e + 1 - p
}

// codiceFiscaleAt returns the length of an Italian codice fiscale at s[p]
// (16 characters, all upper or all lower case: six letters of the name,
// the year, the month as a letter, the day, plus 40 for a woman, the
// place as a letter and three digits, and the check letter; a digit may
// be replaced by a letter of LMNPQRSTUV when two people would share a
// code), or 0.
func codiceFiscaleAt(s string, p int) int {
	const n = 16
	if p+n > len(s) || !idEndsAt(s, p+n) || p+n < len(s) && isAlnum(s[p+n]) {
		return 0
	}
	lower := s[p] >= 'a'
	var up [n]byte
	for k := range n {
		c := s[p+k]
		if lower != (c >= 'a' && c <= 'z') && !isDigit(c) {
			return 0
		}
		up[k] = c &^ 0x20
		if isDigit(c) {
			up[k] = c
		}
	}
	const shape = "LLLLLLDDLDDLDDDL" // L a letter; D a digit or its omocodia letter
	var day int
	for k := range n {
		c := up[k]
		switch {
		case shape[k] == 'L' && !isUpper(c):
			return 0
		case shape[k] == 'D':
			d := omocodiaDigit(c)
			if d < 0 {
				return 0
			}
			if k == 9 || k == 10 {
				day = day*10 + d
			}
		}
	}
	if strings.IndexByte("ABCDEHLMPRST", up[8]) < 0 || !(day >= 1 && day <= 31 || day >= 41 && day <= 71) {
		return 0
	}
	sum := 0
	for k := range n - 1 {
		v := int(up[k] - '0')
		if isUpper(up[k]) {
			v = int(up[k] - 'A')
		}
		if k%2 == 0 { // the odd positions, counting from one
			v = int(cfOdd[v])
		}
		sum += v
	}
	if up[n-1] != byte('A'+sum%26) {
		return 0
	}
	return n
}

// cfOdd are the values of the characters in the odd positions of a
// codice fiscale, by the value of the digit (0-9) or letter (A=0 … Z=25).
var cfOdd = [26]byte{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

// omocodiaDigit returns the digit that c stands for in a codice fiscale,
// a digit or a letter of LMNPQRSTUV, or -1.
func omocodiaDigit(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	for d := range len("LMNPQRSTUV") {
		if "LMNPQRSTUV"[d] == c {
			return d
		}
	}
	return -1
}

// groupedDigits reads the digits of an identifier written in groups of
// the sizes in form (digits and one separator byte between groups, the
// same throughout, one of seps) at s[p], into d. It returns the length of
// what it read, or 0 when s[p:] is not written so or the groups go on
// (another group of digits, or a dotted run).
func groupedDigits(s string, p int, form []int, seps string, d []byte) int {
	q, n := p, 0
	var sep byte
	for g, size := range form {
		if g > 0 {
			if q >= len(s) || strings.IndexByte(seps, s[q]) < 0 || sep != 0 && s[q] != sep {
				return 0
			}
			sep = s[q]
			q++
		}
		for k := 0; k < size; k++ {
			if q >= len(s) || !isDigit(s[q]) {
				return 0
			}
			d[n] = s[q] - '0'
			n++
			q++
		}
	}
	if !idEndsAt(s, q) || q+1 < len(s) && s[q] == sep && isDigit(s[q+1]) || q < len(s) && isAlnum(s[q]) {
		return 0
	}
	return q - p
}

// aadhaarAt returns the length of an Indian Aadhaar number at s[p]:
// twelve digits in groups of four separated by spaces or dashes, not
// starting with 0 or 1, the last a Verhoeff check digit (2345 6789 0124),
// or 0.
func aadhaarAt(s string, p int) int {
	var d [12]byte
	n := groupedDigits(s, p, []int{4, 4, 4}, " -", d[:])
	if n == 0 || d[0] < 2 || !verhoeff(d[:]) {
		return 0
	}
	return n
}

// verhoeff reports whether the last of d is the Verhoeff check digit of
// the others.
func verhoeff(d []byte) bool {
	c := byte(0)
	for i := range d {
		c = verhoeffD[c][verhoeffP[i%8][d[len(d)-1-i]]]
	}
	return c == 0
}

var verhoeffD = [10][10]byte{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
	{3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
	{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
	{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}

var verhoeffP = [8][10]byte{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
	{8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 8, 7, 0, 6}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
	{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}

// bsnAt returns the length of a Dutch BSN at s[p] written as it is
// printed, 1234.56.782, whose nine digits pass the eleven test (the
// weights 9 down to 2, and -1 for the last), or 0.
func bsnAt(s string, p int) int {
	var d [9]byte
	n := groupedDigits(s, p, []int{4, 2, 3}, ".", d[:])
	if n == 0 {
		return 0
	}
	sum := -int(d[8])
	for k := range 8 {
		sum += int(d[k]) * (9 - k)
	}
	if sum <= 0 || sum%11 != 0 {
		return 0
	}
	return n
}

// steuerIDAt returns the length of a German tax identification number
// (Steuer-ID) at s[p] written as the tax office prints it, 12 345 678 903:
// eleven digits, not starting with 0, one digit of the first ten used two
// or three times and no other twice, and the ISO 7064 MOD 11,10 check
// digit last; or 0.
func steuerIDAt(s string, p int) int {
	var d [11]byte
	n := groupedDigits(s, p, []int{2, 3, 3, 3}, " ", d[:])
	if n == 0 || d[0] == 0 {
		return 0
	}
	var seen [10]int
	for _, x := range d[:10] {
		seen[x]++
	}
	repeated := 0
	for _, c := range seen {
		if c > 3 {
			return 0
		}
		if c > 1 {
			repeated++
		}
	}
	if repeated != 1 {
		return 0
	}
	product := 10
	for _, x := range d[:10] {
		sum := (int(x) + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = sum * 2 % 11
	}
	check := 11 - product
	if check == 10 {
		check = 0
	}
	if int(d[10]) != check {
		return 0
	}
	return n
}
