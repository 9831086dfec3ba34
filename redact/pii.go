package redact

import "strings"

// Detectors of personal data beyond e-mail and SSN.
var (
	// DetectPhone masks telephone numbers in text: international
	// (+44 20 7946 0958, +14155552671, 0044 …), North American
	// ((415) 555-2671, 415-555-2671, 415.555.2671) and national numbers
	// with a trunk 0 written in groups (020 7946 0958, 06 12 34 56 78,
	// 0151 23456789); the '+' also percent-encoded (From=%2B14155552671),
	// any number of 7 to 15 digits in a URI whose scheme dials or texts one
	// (tel:, sms:, sms://, smsto:, callto:, facetime:), and a national
	// number of ten or eleven bare digits (4155552671, 07700900123) right
	// after a word of calling or texting ("call from", "sms to", "dialed").
	// Runs of digits without the separators of a phone number (ids,
	// amounts, dates, versions, Unix times) are left alone.
	DetectPhone = Detector{Name: "phone", find: findPhones, need: hasDigits9, min: 9}
	// DetectIBAN masks International Bank Account Numbers, grouped or not,
	// whose country is an IBAN country and whose mod-97 check is valid.
	DetectIBAN = Detector{Name: "iban", find: findIBANs, need: hasDigits9, min: 15}
)

// phoneGroups are the sizes of the digit groups of a phone number.
type phoneGroups struct {
	g [8]int
	n int
}

// phoneRun reads digits from s[j:], allowing one separator (space, '-',
// '.') or parentheses between groups. It returns the end of the last
// digit, the number of digits and the group sizes (up to 8 groups).
func phoneRun(s string, j int) (end, digits int, groups phoneGroups) {
	g := &groups.g
	ng := 0
	defer func() { groups.n = ng }()
	end = j
	for j < len(s) {
		c := s[j]
		switch {
		case isDigit(c):
			if ng == 0 || (end != j) {
				if ng == len(g) {
					return end, digits, groups
				}
				ng++
			}
			g[ng-1]++
			digits++
			j++
			end = j
			continue
		case c == '(' || c == ')' || c == ' ' || c == '-' || c == '.':
			// one separator, or a closing parenthesis and a space
			k := j + 1
			if c == ')' && k < len(s) && (s[k] == ' ' || s[k] == '-') {
				k++
			}
			if c == ' ' && k < len(s) && s[k] == '(' {
				k++
			}
			if k < len(s) && isDigit(s[k]) && end == j || (c == '(' && ng == 0) {
				j = k
				continue
			}
		}
		break
	}
	return end, digits, groups
}

func findPhones(s string, spans []span) []span {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '+' && c != '(' && !isDigit(c) {
			continue
		}
		start, j := i, i
		if c == '+' {
			j++
		} else if isDigit(c) && encodedPlusBefore(s, i) { // From=%2B14155552671: a query string's '+'
			start, c = i-3, '+'
		}
		scheme := phoneSchemeBefore(s, start) // tel:…, sms://+…
		if start > 0 && !scheme && (isAlnum(s[start-1]) && !escapedStart(s, start) || strings.IndexByte("+-./:_#=$€£@", s[start-1]) >= 0) &&
			!((c == '+' || c == '(') && (s[start-1] == ':' || s[start-1] == '=') && !countKeyBefore(s, start)) { // ref:+14155552671, but offset=+12345678
			for i+1 < len(s) && isDigit(s[i+1]) {
				i++
			}
			continue
		}
		end, digits, pg := phoneRun(s, j)
		groups := pg.g[:pg.n]
		if end < len(s) && (isAlnum(s[end]) || (s[end] == '.' || s[end] == '-' || s[end] == ':') && end+1 < len(s) && isDigit(s[end+1])) {
			i = end
			continue
		}
		if start > 0 && (s[start-1] == ':' || s[start-1] == '=') && strings.IndexByte(s[start:end], '.') >= 0 {
			i = end // a signed amount after a key (balance=+12345678.90), not a phone written after one
			continue
		}
		ok := false
		switch {
		case scheme && c != '+':
			ok = digits >= 7 && digits <= 15
		case c == '+':
			ok = digits >= 8 && digits <= 15 && s[j] != '0' && len(groups) >= 1
		case c == '(' || (len(groups) >= 3 && groups[0] == 1 && s[start] == '1'):
			g := groups
			if len(g) == 4 {
				g = g[1:]
			}
			ok = len(g) == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4
		case strings.HasPrefix(s[start:], "00") && len(groups) >= 2:
			ok = digits >= 10 && digits <= 17 && s[start+2] != '0'
		case s[start] == '0' && len(groups) >= 2:
			ok = (digits >= 10 && digits <= 11 || digits == 12 && len(groups) == 2 && groups[0] >= 3 && groups[0] <= 5) &&
				s[start+1] != '0' && minInts(groups) >= 2 // 020 7946 0958; a German mobile, 0151 23456789
		case len(groups) == 3:
			sep1, sep2 := s[start+groups[0]], s[start+groups[0]+1+groups[1]]
			ok = groups[0] == 3 && groups[1] == 3 && groups[2] == 4 && sep1 == sep2 && s[start] != '0' && s[start] != '1'
		case len(groups) == 1 && (digits == 10 || digits == 11) && bareNationalNumber(s[start:end]):
			ok = callVerbBefore(s, start) // call from 4155552671
		}
		if ok {
			spans = append(spans, span{start, end})
		}
		i = max(i, end-1)
	}
	return spans
}

// encodedPlusBefore reports whether the digit at s[i] follows a '+'
// percent-encoded (%2B), as a query string or a form writes a phone number.
func encodedPlusBefore(s string, i int) bool {
	return i >= 3 && s[i-3] == '%' && s[i-2] == '2' && s[i-1]|0x20 == 'b'
}

// phoneSchemes are the URI schemes whose path is a telephone number
// (RFC 3966's tel, RFC 5724's sms, and those of messengers and dialers).
var phoneSchemes = [...]string{"tel", "sms", "smsto", "mms", "mmsto", "callto", "facetime", "facetime-audio", "whatsapp", "viber", "skype"}

// phoneSchemeBefore reports whether s[start] follows a URI scheme whose
// path is a telephone number: tel:…, sms:…, sms://…, callto://….
func phoneSchemeBefore(s string, start int) bool {
	e := start
	if e >= 2 && s[e-1] == '/' && s[e-2] == '/' {
		e -= 2
	}
	if e == 0 || s[e-1] != ':' {
		return false
	}
	e--
	b := e
	for b > 0 && e-b <= len("facetime-audio") && (isLetter(s[b-1]) || s[b-1] == '-') {
		b--
	}
	if b > 0 && isAlnum(s[b-1]) || e-b < 3 || e-b > len("facetime-audio") {
		return false
	}
	for _, sch := range phoneSchemes {
		if strings.EqualFold(s[b:e], sch) {
			return true
		}
	}
	return false
}

// bareNationalNumber reports whether n, ten or eleven digits written
// without separators, has the shape of a national number: a North
// American one (NXX NXX XXXX, after a 1 or not) or one with a trunk 0
// (07700 900123). Unix times (1…) and counts with leading zeros do not.
func bareNationalNumber(n string) bool {
	if n[0] == '0' {
		return n[1] != '0'
	}
	if len(n) == 11 {
		if n[0] != '1' {
			return false
		}
		n = n[1:]
	}
	return len(n) == 10 && n[0] >= '2' && n[3] >= '2'
}

// callVerbs are the words of prose right before a telephone number they
// call or text: "missed call from 4155552671", "sms to 4155552671".
var callVerbs = [...]string{"call from", "call to", "calls from", "calls to", "called", "calling", "sms from", "sms to",
	"text from", "text to", "texted", "texting", "dial", "dialed", "dialled", "dialing", "dialling", "fax from", "fax to",
	"voicemail from", "ring from", "rang"}

// callVerbBefore reports whether one of callVerbs ends, whole, right
// before the space before s[start].
func callVerbBefore(s string, start int) bool {
	if start < 2 || s[start-1] != ' ' {
		return false
	}
	e := start - 1
	for _, v := range callVerbs {
		b := e - len(v)
		if b >= 0 && strings.EqualFold(s[b:e], v) && (b == 0 || !isAlnum(s[b-1])) {
			return true
		}
	}
	return false
}

// countKeyBefore reports whether the number at s[i] is the value of a key
// that names a number other than a phone's (bytes=, offset:, "seq":).
func countKeyBefore(s string, i int) bool {
	w := numericKeyWord(s, i)
	return isNumericWord(w) && !strings.EqualFold(w, "phone") && !strings.EqualFold(w, "tel") &&
		!strings.EqualFold(w, "mobile") && !strings.EqualFold(w, "msisdn")
}

func minInts(v []int) int {
	if len(v) == 0 {
		return 0
	}
	m := v[0]
	for _, x := range v[1:] {
		m = min(m, x)
	}
	return m
}

// ibanCountries are the country codes that use IBANs (ISO 13616 registry).
const ibanCountries = "AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI GL GR GT HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI NL NO OM PK PL PS PT QA RO RS RU SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE"

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func findIBANs(s string, spans []span) []span {
	for i := 0; i+15 <= len(s); i++ {
		if !isUpper(s[i]) || !isUpper(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) || (i > 0 && isAlnum(s[i-1]) && !escapedStart(s, i)) {
			continue
		}
		if !strings.Contains(ibanCountries, s[i:i+2]) {
			continue
		}
		var buf [34]byte
		n, j, end := 0, i, i
		for j < len(s) && n < len(buf) {
			c := s[j]
			if isDigit(c) || isUpper(c) {
				buf[n] = c
				n++
				j++
				end = j
				continue
			}
			if c == ' ' && n%4 == 0 && j+1 < len(s) && (isDigit(s[j+1]) || isUpper(s[j+1])) {
				j++
				continue
			}
			break
		}
		if end < len(s) && isAlnum(s[end]) || n < 15 || !ibanValid(buf[:n]) {
			continue
		}
		spans = append(spans, span{i, end})
		i = end - 1
	}
	return spans
}

// ibanValid reports whether the mod-97 check of an IBAN (ISO 7064) holds.
func ibanValid(b []byte) bool {
	rem := 0
	add := func(c byte) {
		if isDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
			return
		}
		v := int(c-'A') + 10
		rem = (rem*100 + v) % 97
	}
	for _, c := range b[4:] {
		add(c)
	}
	for _, c := range b[:4] {
		add(c)
	}
	return rem == 1
}
