package redact

import "strings"

// Detectors of personal data beyond e-mail and SSN.
var (
	// DetectPhone masks telephone numbers in text: international
	// (+44 20 7946 0958, +14155552671, 0044 …), North American
	// ((415) 555-2671, 415-555-2671, 415.555.2671) and national numbers
	// with a trunk 0 written in groups (020 7946 0958, 06 12 34 56 78,
	// 0151 23456789; nine digits in three groups, 02-312-3456), the trunk
	// and area code in parentheses too ((020) 7946 0958), an area code of
	// two digits in parentheses without a trunk ((11) 98765-4321), the
	// trunk 8 of Russia and its neighbours (8 (812) 555-12-34), a slash
	// after the trunk and area code (030/12345678, 0171/1234567, 06-30/123-4567),
	// Budapest's one-digit area after the Hungarian trunk (06 1 234 5678),
	// the shapes of countries without a trunk prefix (Spain and Poland:
	// 91 123 45 67, 612 34 56 78; Brazil: 11 98765-4321, 11 3456-7890;
	// Mexico: 55 1234 5678; mobiles of Italy, India, China and Spain:
	// 347 1234567, 98204 71365, 139 0172 4486, 634 218 905) after a word
	// that names a telephone (tel, phone, móvil, celular, numer, …), and the
	// extension after any of them (ext. 204, x204, ;ext=204, #204);
	// the '+' also percent-encoded (From=%2B14155552671),
	// any number of 7 to 15 digits in a URI whose scheme dials or texts one
	// (tel:, sms:, sms://, smsto:, callto:, facetime:), and a national
	// number of ten or eleven bare digits (4155552671, 07700900123) right
	// after a word of calling or texting ("call from", "sms to", "dialed"),
	// and the numbers of eight digits of the plans without a trunk (Hong
	// Kong, Singapore, Denmark, Norway: 9123 4567, 20 12 34 56, 412 34
	// 567, 91234567), a local number of seven (555-1234) and an
	// international number whose country code stands in parentheses
	// without a '+' ((852) 9123 4567, (44) 20 7946 0958) right after a
	// word that names a telephone ("cel 9123 4567", "sms sent to 91234567"),
	// also as the value of a key in text that names one (mobile=91234567,
	// fax_no:02071838750), and a national number of seven to thirteen
	// bare digits as such a value, or of nine or more right after a word
	// that names a telephone in one of the languages of phoneWords
	// (handy=015123456789, móvil 612345678).
	// Runs of digits without the separators of a phone number (ids,
	// amounts, dates, versions, Unix times) and parcels' tracking numbers
	// (1Z 999 AA1 01 2345 6784, "FedEx tracking 0277 5613 0948") are left
	// alone.
	DetectPhone = Detector{Name: "phone", find: findPhones, mark: markIDDigits, min: len("555-1234")}
	// DetectIBAN masks International Bank Account Numbers, grouped or not,
	// whose country is an IBAN country and whose mod-97 check is valid;
	// in lower case, grouped by dashes or in groups of other sizes than
	// four, at the country's length.
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
	first, slashed := j, false
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
		case c == '/' && ng <= 2 && !slashed && end == j && j+1 < len(s) && isDigit(s[j+1]) && s[first] == '0':
			// A slash after the trunk and area code, as German, Austrian
			// and Hungarian numbers are written: 030/2197 4410, 06-30/123-4567.
			slashed = true
			j++
			continue
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
			!((c == '+' || c == '(') && (s[start-1] == ':' || s[start-1] == '=') && !countKeyBefore(s, start)) && // ref:+14155552671, but offset=+12345678
			!((s[start-1] == ':' || s[start-1] == '=') && isDigit(c) && phoneKeyBefore(s, start)) { // mobile=91234567
			for i+1 < len(s) && isDigit(s[i+1]) {
				i++
			}
			continue
		}
		end, digits, pg := phoneRun(s, j)
		groups := pg.g[:pg.n]
		if end < len(s) && (isAlnum(s[end]) && phoneExtensionEnd(s, end) == end || (s[end] == '.' || s[end] == '-' || s[end] == ':') && end+1 < len(s) && isDigit(s[end+1])) {
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
		case c == '(' && start+2 < len(s) && s[start+1] == '0' && len(groups) >= 2:
			// A trunk 0 and area code in parentheses, as Europe writes a
			// national number: (020) 7946 0958, (06) 12 34 56 78.
			ok = trunkNationalNumber(s[start:end], groups, digits, s[start+2])
		case c == '(' || (len(groups) >= 3 && groups[0] == 1 && s[start] == '1'):
			g := groups
			if len(g) == 4 {
				g = g[1:]
			}
			ok = len(g) == 3 && g[0] == 3 && g[1] == 3 && g[2] == 4 || c == '(' && areaInParentheses(s[start:end], groups, digits) ||
				c == '(' && countryCodeInParentheses(s, start, end, groups, digits) // phone (852) 9123 4567
		case s[start] == '8' && len(groups) >= 3 && groups[0] == 1:
			ok = cisTrunkNumber(s[start:end], groups, digits)
		case strings.HasPrefix(s[start:], "00") && len(groups) >= 2:
			ok = digits >= 10 && digits <= 17 && s[start+2] != '0'
		case s[start] == '0' && len(groups) >= 2:
			ok = trunkNationalNumber(s[start:end], groups, digits, s[start+1]) || budapestNumber(s[start:end], groups, digits)
		case len(groups) == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4:
			sep1, sep2 := s[start+groups[0]], s[start+groups[0]+1+groups[1]]
			ok = sep1 == sep2 && s[start] != '0' && s[start] != '1'
		case len(groups) >= 2 && len(groups) <= 4:
			// Without a trunk or a country code these group sizes are as
			// often sizes, ranges and counts: only a phone word says.
			ok = nationalWithoutTrunk(s[start:end], groups, digits) && phoneWordBefore(s, start) ||
				shortNationalNumber(s, start, end, groups, digits)
		case len(groups) == 1 && (digits == 10 || digits == 11) && bareNationalNumber(s[start:end]):
			ok = callVerbBefore(s, start) || phoneWordBefore(s, start) // call from 4155552671, sms sent to 9876543210
		case len(groups) == 1 && bareNumberAfterPhoneWord(s, start, end, digits):
			ok = true // handy=015123456789, móvil 612345678
		case len(groups) == 1 && digits == 8:
			ok = shortNationalNumber(s, start, end, groups, digits) // tlf 20123456
		}
		if ok && c != '+' && !scheme && trackingNumberAt(s, start) {
			ok = false // 1Z 999 AA1 01 2345 6784, "waybill 012 3456 7890": a parcel's, not a phone's
		}
		if ok {
			end = phoneExtensionEnd(s, end)
			spans = append(spans, span{start, end})
		}
		i = max(i, end-1)
	}
	return spans
}

// trunkNationalNumber reports whether digits in groups, the first of them
// a trunk 0 followed by second, have the shape of a national number: ten or
// eleven digits in groups of two or more (020 7946 0958), twelve in two
// groups, the first of three to five digits (a German mobile, 0151
// 23456789) or twelve or thirteen in three, the first of four digits (an
// Indonesian mobile, 0812-3456-7890), or nine in three groups or more,
// the first of two or three digits and the last of four, not dotted
// (Seoul's 02-312-3456, Tel Aviv's 03-123-4567, Auckland's 09 123 4567).
// n is the number as written.
func trunkNationalNumber(n string, groups []int, digits int, second byte) bool {
	return (digits >= 10 && digits <= 11 || digits == 12 && len(groups) == 2 && groups[0] >= 3 && groups[0] <= 5 ||
		digits >= 12 && digits <= 13 && len(groups) == 3 && groups[0] == 4 && groups[1] >= 3 && groups[2] >= 4 && strings.IndexByte(n, '.') < 0 ||
		digits == 9 && len(groups) >= 3 && groups[0] <= 3 && groups[len(groups)-1] >= 4 && strings.IndexByte(n, '.') < 0) &&
		second != '0' && minInts(groups) >= 2
}

// areaInParentheses reports whether n, which opens with a parenthesis,
// is a national number whose area code of two digits (no trunk 0) stands
// in parentheses, as Brazil and Mexico write one: (11) 98765-4321,
// (55) 1234 5678: ten or eleven digits, the groups after the area code
// of four digits or five, a Brazilian mobile's from 9 and a landline's
// from 2 to 5 with a dash between its halves, or after one of Mexico's
// areas of two digits.
func areaInParentheses(n string, groups []int, digits int) bool {
	if len(n) < 4 || n[1] == '0' || n[3] != ')' || len(groups) < 3 || len(groups) > 3 || digits < 10 || digits > 11 {
		return false
	}
	// A Brazilian mobile's nine digits open with 9, a landline's eight
	// with 2 to 5; Mexico's areas of two digits have eight: (65) 8123 4097
	// is neither, an order's or a list's number.
	first := subscriberFirst(n)
	landline := first >= '2' && first <= '5' && n[len(n)-5] == '-' // Brazil writes a landline's halves with a dash: (11) 3456-7890
	return groups[0] == 2 && groups[2] == 4 &&
		(groups[1] == 5 && first == '9' || groups[1] == 4 && (landline || mexicoArea(n[1:3])))
}

// cisTrunkNumber reports whether n is a national number after the trunk
// 8 of Russia and its neighbours: eleven digits, the area or operator
// code of three to five digits (in parentheses or not) and groups of two
// or more, 8 (812) 555-12-34, 8-800-555-35-35, 8(495)1234567. Dotted runs
// are versions and are kept.
func cisTrunkNumber(n string, groups []int, digits int) bool {
	return digits == 11 && groups[1] >= 3 && groups[1] <= 5 && minInts(groups[1:]) >= 2 && strings.IndexByte(n, '.') < 0
}

// phoneExtensions are the words that introduce an extension after a
// telephone number, longest first among those sharing a start.
var phoneExtensions = [...]string{";ext=", "extension", "extn.", "extn", "ext.", "ext", "x.", "x", "#"}

// phoneExtensionEnd returns the end of the extension after the telephone
// number that ends at s[end] (ext. 204, x204, x 204, ;ext=204, #12): a
// word of phoneExtensions, after a space or not, and one to six digits,
// or end when none follows.
func phoneExtensionEnd(s string, end int) int {
	p := end
	if p < len(s) && s[p] == ' ' {
		p++
	}
	for _, w := range phoneExtensions {
		if p+len(w) > len(s) || !strings.EqualFold(s[p:p+len(w)], w) {
			continue
		}
		q := p + len(w)
		if q < len(s) && s[q] == ' ' && w != ";ext=" {
			q++
		}
		d := q
		for d < len(s) && d-q < 7 && isDigit(s[d]) {
			d++
		}
		if d > q && d-q <= 6 && (d == len(s) || !isAlnum(s[d])) {
			return d
		}
		return end
	}
	return end
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

// ibanLengths are the country codes that use IBANs and the length of
// their IBANs (ISO 13616 registry).
const ibanLengths = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30"

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// ibanLength returns the length of the IBANs of the country whose code
// is cc in upper case, or 0 for a country without IBANs.
func ibanLength(cc [2]byte) int {
	for i := 0; i+4 <= len(ibanLengths); i += 5 {
		if ibanLengths[i] == cc[0] && ibanLengths[i+1] == cc[1] {
			return int(ibanLengths[i+2]-'0')*10 + int(ibanLengths[i+3]-'0')
		}
	}
	return 0
}

// findIBANs finds IBANs: in upper case, whole or in groups of four
// separated by spaces (the paper format), and, at their country's exact
// length, also in lower case, in groups separated by dashes or, after
// the four of the country and check digits, in groups of other sizes, as
// people type them (fr76 3000 …, DE89-3704-…, DE89 37040044 0532013000).
func findIBANs(s string, spans []span) []span {
	for i := 0; i+15 <= len(s); i++ {
		if !isLetter(s[i]) || !isLetter(s[i+1]) || !isDigit(s[i+2]) || !isDigit(s[i+3]) || (i > 0 && isAlnum(s[i-1]) && !escapedStart(s, i)) {
			continue
		}
		length := ibanLength([2]byte{s[i] &^ 0x20, s[i+1] &^ 0x20})
		if length == 0 {
			continue
		}
		var buf [34]byte
		var sep byte
		lower, notHex, odd := false, false, false
		n, j, end, group := 0, i, i, 0
		for j < len(s) && n < len(buf) {
			c := s[j]
			if isDigit(c) || isLetter(c) {
				if c >= 'a' {
					lower = true
					c &^= 0x20
				}
				notHex = notHex || c > 'F'
				buf[n] = c
				n++
				group++
				j++
				end = j
				continue
			}
			if n == length && (c == '-' || s[i] >= 'a' || odd || n%4 != 0) {
				break // a word after it, as typed: "fr76 … 189 done"
			}
			if (c == ' ' || c == '-') && (sep == 0 || c == sep) && (n%4 == 0 || c == ' ' && sep != 0) && (c == ' ' || group == 4) &&
				j+1 < len(s) && (isDigit(s[j+1]) || isLetter(s[j+1]) && s[j+1]&0x20 == s[i]&0x20) { // a group in the case it began with

				odd = odd || n%4 != 0 // grouped as typed after its first four, DE89 37040044 …: then only at its length
				sep, group = c, 0
				j++
				continue
			}
			break
		}
		if end < len(s) && isAlnum(s[end]) || n < 15 || (lower || sep == '-' || odd) && n != length ||
			lower && sep == 0 && !notHex || // a hex id in lower case (a span id, a digest), whatever its check digits
			!ibanValid(buf[:n]) {
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

// Detectors of e-mail addresses written so that harvesters miss them. The
// presets that mask e-mail addresses include both.
var (
	// DetectSpelledEmail masks addresses whose '@' or a dot is spelled
	// in brackets: jane [at] example [dot] org, jane(at)example.org,
	// j.roe{AT}example{dot}co{dot}uk, jane@example[dot]org.
	DetectSpelledEmail = Detector{Name: "email-spelled", find: findBracketedEmail, mark: markSpelledAt, min: 11}
	// DetectWordedEmail masks addresses whose '@' and dots are words
	// between spaces: jane at example dot org, jane dot roe AT example DOT
	// co DOT uk. An "at" counts only before a domain with a dot spelled
	// so: prose ("failed at db.example.com") is kept.
	DetectWordedEmail = Detector{Name: "email-worded", find: findWordedEmail, mark: markSpaceD, min: 15}
)

// findBracketedEmail finds the addresses DetectSpelledEmail masks.
func findBracketedEmail(s string, spans []span) []span { return findSpelledEmail(s, spans, true) }

// findWordedEmail finds the addresses DetectWordedEmail masks: it reads
// only text that spells a dot as a word.
func findWordedEmail(s string, spans []span) []span {
	if !strings.Contains(s, " dot ") && !strings.Contains(s, " DOT ") && !strings.Contains(s, " Dot ") {
		return spans
	}
	return findSpelledEmail(s, spans, false)
}

// maxSpelledLocal and maxSpelledDomain bound how far an address is read
// from its "at": the longest local part and domain an address may have.
const (
	maxSpelledLocal  = 64
	maxSpelledDomain = 255
)

// findSpelledEmail finds the addresses with a spelled '@' or dot, those
// with a bracket in what is spelled when bracketed is true and the others
// when it is false, so that no address is found by both detectors. The
// local part is read backwards from each "at" no further than the end of
// the last one, so each byte is read a bounded number of times.
func findSpelledEmail(s string, spans []span, bracketed bool) []span {
	floor := 0
	for i := 1; i+2 < len(s); i++ {
		c := s[i]
		if c != '@' && c != 'a' && c != 'A' {
			continue
		}
		as, ae, inBrackets := atWordAt(s, i)
		if ae == 0 {
			continue
		}
		ls, localBrackets := spelledLocalStart(s, as, max(floor, as-maxSpelledLocal-16))
		floor = ae
		if ls == as {
			i = ae - 1
			continue
		}
		de, dots, spelled, domainBrackets := spelledDomainEnd(s, ae)
		if !inBrackets && s[as] == ' ' && (articleWordAt(s, ae) || !knownTLD(s[lastLabelStart(s, de):de])) {
			i = ae - 1
			continue // look at the dot com boom, cursor at row dot col
		}
		if dots == 0 || !spelled && !inBrackets || (inBrackets || localBrackets || domainBrackets) != bracketed {
			i = ae - 1
			continue // jane at example.org reads as prose; jane@example.org is DetectEmail's
		}
		spans = append(spans, span{ls, de})
		i, floor = de-1, de
	}
	return spans
}

// atWordAt returns the bounds of the '@' spelled at s[i], 0 < i ("[at]",
// "(at)", "{at}", " at "; the brackets and spaces around it included), or
// of a raw '@' that no bracket wraps, and whether brackets wrap it; ae is
// 0 when there is none.
func atWordAt(s string, i int) (as, ae int, bracketed bool) {
	if s[i] == '@' {
		if closingBracket(s[i-1]) != 0 {
			return 0, 0, false // jane[@]example.org: DetectEmail's
		}
		return i, i + 1, false // jane@example[dot]org
	}
	if !(s[i] == 'a' && s[i+1] == 't' || s[i] == 'A' && s[i+1] == 'T') {
		return 0, 0, false
	}
	e := i + 2
	if e < len(s) && isAlnum(s[e]) || isAlnum(s[i-1]) {
		return 0, 0, false // a word with "at" in it: data, format
	}
	if close := closingBracket(s[i-1]); close != 0 {
		if e < len(s) && s[e] == close {
			as, ae = i-1, e+1
			if as > 0 && s[as-1] == ' ' {
				as--
			}
			if ae < len(s) && s[ae] == ' ' {
				ae++
			}
			return as, ae, true
		}
		return 0, 0, false
	}
	if s[i-1] == ' ' && e < len(s) && s[e] == ' ' {
		return i - 1, e + 1, false
	}
	return 0, 0, false
}

// closingBracket returns the bracket that closes c, or 0.
func closingBracket(c byte) byte {
	switch c {
	case '[':
		return ']'
	case '(':
		return ')'
	case '{':
		return '}'
	}
	return 0
}

// spelledDots are the dots of an address spelled as words.
var spelledDots = [...]string{" dot ", "[dot]", "(dot)", "{dot}", "[.]", "(.)", " [dot] ", " (dot) ", " {dot} ", " [.] ", " (.) "}

// spelledLocalStart returns where the local part of an address that
// ends at as starts (as when there is none), reading back no further than
// floor: letters, digits and ._%+-, and dots spelled as words (jane dot
// roe); and whether one of those was spelled in brackets.
func spelledLocalStart(s string, as, floor int) (start int, brackets bool) {
	start = as
	for p := as; ; {
		q := p
		for q > floor && (isAlnum(s[q-1]) || strings.IndexByte("._%+-", s[q-1]) >= 0) {
			q--
		}
		if q == p {
			return start, brackets
		}
		start = q
		d, b := -1, false
		for _, w := range spelledDots {
			if k := q - len(w); k > floor && strings.EqualFold(s[k:q], w) && isAlnum(s[k-1]) {
				d, b = k, strings.ContainsAny(w, "[({")
				break
			}
		}
		if d < 0 {
			return start, brackets
		}
		p, brackets = d, brackets || b
	}
}

// spelledDomainEnd reads the domain of an address from s[p] (labels
// joined by dots, written or spelled) and returns its end, how many dots
// it has, whether one was spelled and whether one was spelled in
// brackets; the last label must be a top-level domain of two letters or
// more.
func spelledDomainEnd(s string, p int) (end, dots int, spelled, brackets bool) {
	lim := min(len(s), p+maxSpelledDomain)
	end = p
	lastLabel := p
	for q := p; q < lim; {
		ls := q
		for q < lim && (isAlnum(s[q]) || s[q] == '-') {
			q++
		}
		if q == ls {
			break
		}
		end, lastLabel = q, ls
		if q+1 < lim && s[q] == '.' && isAlnum(s[q+1]) {
			dots++
			q++
			continue
		}
		e := -1
		for _, w := range spelledDots {
			if k := q + len(w); k < lim && strings.EqualFold(s[q:k], w) && isAlnum(s[k]) {
				e, brackets = k, brackets || strings.ContainsAny(w, "[({")
				break
			}
		}
		if e < 0 {
			break
		}
		dots++
		spelled = true
		q = e
	}
	if dots == 0 || end-lastLabel < 2 {
		return p, 0, false, false
	}
	for k := lastLabel; k < end; k++ {
		if !isLetter(s[k]) {
			return p, 0, false, false
		}
	}
	return end, dots, spelled, brackets
}

// articleWordAt reports whether a word of prose that no domain is named
// after starts at s[p] (the, a, this, …).
func articleWordAt(s string, p int) bool {
	e := p
	for e < len(s) && isLetter(s[e]) && e-p < 6 {
		e++
	}
	switch strings.ToLower(s[p:e]) {
	case "the", "a", "an", "this", "that", "these", "those", "my", "our", "your", "his", "her", "their", "its", "any", "some", "each", "every", "least", "most", "all":
		return true
	}
	return false
}

// lastLabelStart returns where the label of a domain that ends at e
// starts.
func lastLabelStart(s string, e int) int {
	for e > 0 && isAlnum(s[e-1]) {
		e--
	}
	return e
}

// knownTLD reports whether label is a top-level domain that an address
// spelled in words ends with: a country's two letters or a common generic
// domain, so that prose with "at" and "dot" in it (cursor at row dot col)
// is no address.
func knownTLD(label string) bool {
	if len(label) == 2 {
		return true
	}
	switch strings.ToLower(label) {
	case "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "dev", "app", "xyz", "online", "site",
		"email", "mail", "name", "pro", "tech", "cloud", "digital", "eu", "asia", "mobi", "museum", "coop", "aero":
		return true
	}
	return false
}

// DetectNationalID masks national identification numbers written in the
// form their country prints them and whose check digits hold, so that the
// shape alone is telling: Brazil's CPF (NNN.NNN.NNN-NN, two mod-11
// check digits) and France's NIR, the social security number, in its
// groups of 1, 2, 2, 2, 3 and 3 digits and its key of two (1 85 05 78 006
// 084 36; 2A or 2B for a Corsican department), Spain's DNI and NIE
// (12345678Z, X1234567L, their check letter valid), Italy's codice fiscale
// (RSSMRA85T10A562S, its check letter valid, with the letters that replace
// digits too), India's Aadhaar in groups of four (7361 9284 0510,
// Verhoeff check digit), the Dutch BSN with its dots (1234.56.782, the
// eleven test), Germany's Steuer-ID in its groups (86 390 241 851,
// ISO 7064 check digit), the UK's National Insurance number (AB 12 34 56 C,
// AB123456C: a prefix HMRC allocates, a suffix A to D) and Canada's SIN
// (046-454-286, Luhn; with spaces only after SIN, NAS or insurance),
// Korea's resident registration number (910214-1538261), Belgium's
// national number (91.02.14-153.91, modulo 97), Argentina's CUIT and CUIL
// (23-29184736-6, modulo 11), South Africa's identity number (13 digits:
// a date of birth, the citizenship, Luhn) and Mexico's CURP
// (TOSJ020930HJCRNN09); after a word that names them on their line,
// Australia's Tax File Number (TFN 459 123 702) and Medicare card number
// (medicare 3517 29487 1), Japan's My Number (マイナンバー 204839172650),
// Portugal's NIF (contribuinte 271938463) and Poland's PESEL, their check
// digits valid. Written without their separators, the CPF, NIR,
// Aadhaar, BSN and Steuer-ID are masked only under a key that names them
// (cpf, nir, aadhaar, bsn, steuer id).
var DetectNationalID = Detector{Name: "national-id", find: findNationalIDs, mark: markIDDigits, min: len("X1234567L")}

// The prefilter of DetectNationalID (prescan): each identifier it finds
// holds nationalIDDigits digits or more (a National Insurance number has
// the fewest), but for a codice fiscale whose digits the omocodia letters
// replace, a word of codiceFiscaleLen letters and digits.
const (
	nationalIDDigits = len("123456")
	codiceFiscaleLen = len("RSSMRA85T10A562S")
	// markIDDigits is a marker bit of its own, after the marker pairs of
	// the catalog (tokens.go): prescan sets it when the string holds
	// enough digits for an identifier.
	markIDDigits = allMarks + 1
)

// findNationalIDs finds the identifiers DetectNationalID masks. It looks
// only at each '-' (a CPF's check digits follow one) and at each space
// between a digit and two more (the groups of a NIR).
func findNationalIDs(s string, spans []span) []span {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '-':
			if i >= 11 && i+3 <= len(s) && cpfAt(s, i-11) {
				spans = append(spans, span{i - 11, i + 3})
				i += 2
			}
		case ' ':
			if i >= 1 && i+2 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) && nirAt(s, i-1) {
				spans = append(spans, span{i - 1, i - 1 + nirLen})
				i += nirLen - 2
			}
		}
	}
	return findLetteredIDs(s, spans)
}

// idStartsAt reports whether an identifier may start at s[p]: not inside a
// word, a number or a dotted or dashed run.
func idStartsAt(s string, p int) bool {
	return p == 0 || !isAlnum(s[p-1]) && s[p-1] != '.' && s[p-1] != '-' && s[p-1] != '/' && s[p-1] != '_' || escapedStart(s, p)
}

// idEndsAt reports whether an identifier may end at s[e]: not before more
// of a word, a number or a dotted or dashed run.
func idEndsAt(s string, e int) bool {
	return e == len(s) || !isAlnum(s[e]) && !((s[e] == '.' || s[e] == '-' || s[e] == '/') && e+1 < len(s) && isDigit(s[e+1]))
}

// cpfAt reports whether a CPF written as NNN.NNN.NNN-NN starts at s[p],
// its two check digits valid and its digits not all the same (which the
// Receita Federal does not issue).
func cpfAt(s string, p int) bool {
	const form = "ddd.ddd.ddd-dd"
	if p+len(form) > len(s) || !idStartsAt(s, p) || !idEndsAt(s, p+len(form)) {
		return false
	}
	var d [11]int
	n := 0
	same := true
	for k := range len(form) {
		c := s[p+k]
		if form[k] != 'd' {
			if c != form[k] {
				return false
			}
			continue
		}
		if !isDigit(c) {
			return false
		}
		d[n] = int(c - '0')
		same = same && d[n] == d[0]
		n++
	}
	if same {
		return false
	}
	check := func(m int) int {
		sum := 0
		for k := range m {
			sum += d[k] * (m + 1 - k)
		}
		return sum * 10 % 11 % 10
	}
	return check(9) == d[9] && check(10) == d[10]
}

// nirLen is the length of a NIR written in its groups: "1 85 05 78 006 084 36".
const nirLen = len("1 85 05 78 006 084 36")

// nirAt reports whether a NIR written in its groups, separated by single
// spaces, starts at s[p]: a sex digit (1 or 2, or 3, 4, 7 or 8 for a
// provisional number), the year, a month (01 to 12, or 20 and over for an
// unknown one), the department (2A and 2B for Corsica), the commune, the
// order number and a key equal to 97 minus the number modulo 97.
func nirAt(s string, p int) bool {
	const form = "d dd dd dd ddd ddd dd"
	e := p + nirLen
	if e > len(s) || !idStartsAt(s, p) || !idEndsAt(s, e) ||
		p >= 2 && s[p-1] == ' ' && isDigit(s[p-2]) || e+1 < len(s) && s[e] == ' ' && isDigit(s[e+1]) {
		return false // a longer run of groups of digits
	}
	switch s[p] {
	case '1', '2', '3', '4', '7', '8':
	default:
		return false
	}
	var num, key int64
	n := 0
	for k := range len(form) {
		c := s[p+k]
		if form[k] == ' ' {
			if c != ' ' {
				return false
			}
			continue
		}
		v := int64(c - '0')
		if n == 6 && (c == 'A' || c == 'B') && s[p+k-1] == '2' {
			// Corsica: the number is reckoned with 2A as 19 and 2B as 18.
			num--
			v = 9 - int64(c-'A')
		} else if !isDigit(c) {
			return false
		}
		if n < 13 {
			num = num*10 + v
		} else {
			key = key*10 + v
		}
		n++
	}
	month := (num / 1e8) % 100
	return (month >= 1 && month <= 12 || month >= 20) && key >= 1 && key <= 97 && key == 97-num%97
}
