package redact

import "strings"

// Signed URLs and capability URLs: a URL that grants access by what it
// holds, not by a header. Their secrets sit in query parameters whose
// names no key rule knows (a CDN's sign=, verify=, md5=, CloudFront's
// Policy=) or in the path (a Cloudinary signature, an Oracle Object
// Storage pre-authenticated request, the token of a reset, verification
// or invitation link). These entries join the token catalog
// (tokenFormats), so they cost what any prefix costs: a string with none
// of their prefixes is not read further.

// signedURLFormats are the catalog's entries for signed and capability
// URLs. Each masks only the secret (its part), and keeps the name or the
// route before it.
var signedURLFormats = append([]tokenFormat{
	// Query parameters that carry a signature or a token only in a URL's
	// query (after '?', '&', '#' or ';'), not in logfmt or prose.
	{family: "signed url", prefix: "sign=", fold: true, shape: queryBody(5, 16, false), part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "verify=", fold: true, shape: queryBody(7, 16, false), part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "md5=", fold: true, shape: queryBody(4, 16, true), part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "st=", fold: true, shape: queryBody(3, 16, true), part: valueAfterPrefix, inURL: true},
	// One letter's parameters signed with a digest: Imgix's s=, a CDN's
	// h= beside its expiry (Limelight's e=…&h=…).
	{family: "signed url", prefix: "s=", shape: hexQueryBody(2, false), part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "h=", shape: hexQueryBody(2, true), part: valueAfterPrefix, inURL: true},
	// Symfony's signed URIs (_hash=, its _expiration= optional) and the
	// hash= of a signed link beside its expiry (Symfony's login links:
	// user=…&expires=…&hash=…; a commit's ?hash= alone is kept).
	{family: "signed url", prefix: "_hash=", fold: true, shape: queryBody(6, 16, false), part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "hash=", fold: true, shape: queryBody(5, 16, true), part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "Policy=", shape: cloudFrontPolicyBody, part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "Key-Pair-Id=", fold: true, shape: keyPairIDBody, part: valueAfterPrefix, inURL: true},
	// Names that say little, under which a value that reads as a token is
	// one (signed_urls_generic.go): a download link's t=, a signed link's
	// signed=, Google Drive's resourcekey=0-….
	{family: "signed url", prefix: "t=", shape: tokenQueryBody(2, 16), part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "signed=", fold: true, shape: tokenQueryBody(7, 16), part: valueAfterPrefix, inURL: true},
	{family: "signed url", prefix: "resourcekey=", fold: true, shape: resourceKeyBody, part: valueAfterPrefix, inURL: true},
	// Names that say what they hold wherever they are written.
	{family: "signed url", prefix: "wowzatokenhash=", fold: true, shape: valueBody(16), part: valueAfterPrefix},
	// Cloudinary's signature component: /image/upload/s--<8>--/….
	{family: "cloudinary", prefix: "s--", shape: cloudinaryBody, part: cloudinarySignature},
	// Oracle Object Storage pre-authenticated requests: /p/<token>/n/<namespace>/b/….
	{family: "oracle", prefix: "p/", shape: oraclePARBody, part: valueAfterPrefix},
	// A calendar's secret address in iCal format (Google Calendar's
	// /calendar/ical/<id>/private-<hex>/basic.ics): the hex after
	// "private-" in a path, before the feed's file.
	{family: "capability url", prefix: "private-", shape: icalPrivateBody, part: valueAfterPrefix, inURL: true},
	// Rails' signed messages (ActiveStorage's signed blob ids, signed
	// cookies): base64 of {"_rails": …} or of a Marshal dump, "--" and
	// the HMAC's hex digits.
	{family: "rails", prefix: "eyJfcmFpbHMi", shape: railsSignedBody},
	{family: "rails", prefix: "BAh", shape: railsSignedBody},
}, capabilityRouteFormats()...)

// capabilityRoutes are segments of a URL's path after which a random
// segment is the token of a link mailed to a user: /reset/<token>,
// /verify-email/<token>, /invite/<token>, /unsubscribe/<token>.
var capabilityRoutes = []string{
	"reset", "verify", "verification", "confirm", "confirmation", "activate", "activation",
	"invite", "invitation", "unsubscribe", "magic", "passwordless", "login", "signin", "join",
	"share", "snapshot",
}

func capabilityRouteFormats() []tokenFormat {
	out := make([]tokenFormat, 0, len(capabilityRoutes))
	for _, route := range capabilityRoutes {
		out = append(out, tokenFormat{family: "capability url", prefix: route, fold: true, shape: routeTokenBody(len(route)), part: lastSegment, inURL: true})
	}
	return out
}

// urlWordFirst holds the bytes before a word that a format matching only
// in a URL may start (tokenFormat.inURL): a separator of a path or a
// query, or the '-' or '_' of a slug (/account-activation/<token>,
// /password_reset/<token>). prescan tests only such words with
// urlTokenMayStart.
var urlWordFirst = func() (first [256]uint8) {
	for _, c := range []byte("/?&#;-_") {
		first[c] = 1
	}
	return first
}()

// urlPairs and urlTris hold the first two bytes of the prefixes of two
// bytes, and the first three of the longer ones, of the formats that match
// only in a URL, each byte folded with |0x20: a word that starts with
// neither is not compared with every prefix (most words after a '/' are
// not: api, v1, orders).
var urlPairs, urlTris = func() (pairs [1 << 16 / 64]uint64, tris gramSet) {
	for _, f := range signedURLFormats {
		if !f.inURL {
			continue
		}
		n := uint16(f.prefix[0]|0x20)<<8 | uint16(f.prefix[1]|0x20)
		if len(f.prefix) == 2 {
			pairs[n>>6] |= 1 << (n & 63)
		} else {
			tris.add(uint32(n)<<8 | uint32(f.prefix[2]|0x20))
		}
	}
	return pairs, tris
}()

// urlTokenMayStart reports whether a format that matches only in a URL
// starts at s[i], a word after '/' or a query's separator: whether s[i:]
// starts with its prefix.
func urlTokenMayStart(s string, i int) bool {
	if len(s)-i < 2 {
		return false
	}
	// Equal bytes fold alike, and so do letters equal in any case: the
	// sets pass every start that a prefix below matches.
	n := uint16(s[i]|0x20)<<8 | uint16(s[i+1]|0x20)
	if urlPairs[n>>6]&(1<<(n&63)) == 0 && (len(s)-i < 3 || !urlTris.has(uint32(n)<<8|uint32(s[i+2]|0x20))) {
		return false
	}
	for k := range signedURLFormats {
		f := &signedURLFormats[k]
		if f.inURL && len(s)-i >= len(f.prefix) && (s[i]|0x20) == (f.prefix[0]|0x20) && strings.EqualFold(s[i:i+len(f.prefix)], f.prefix) {
			return true
		}
	}
	return false
}

// inQuery reports whether the parameter that starts at s[i] is one of a
// URL's query or fragment: after '?', '&', '#' or ';'.
func inQuery(s string, i int) bool {
	return i > 0 && strings.IndexByte("?&#;", s[i-1]) >= 0
}

// queryBody returns the shape of a parameter of a URL's query, whose name
// and '=' are n bytes, whose value is a signature: at least min bytes of base64url or hex, with a digit and
// a letter. With expiring, the parameter is one of a pair (nginx's
// secure_link: md5=…&expires=…, st=…&e=…): a parameter that names an
// expiry must sit in the same query, so that a file's checksum in a
// download URL is kept.
func queryBody(n, min int, expiring bool) func(string, int) int {
	return func(s string, j int) int {
		i := j - n
		if !inQuery(s, i) {
			return 0
		}
		e := signatureEnd(s, j)
		if e-j < min || !hasDigit(s[j:e]) || !hasLetter(s[j:e]) {
			return 0
		}
		if expiring && !expiryNear(s, i, e) {
			return 0
		}
		return e
	}
}

// hexQueryBody is queryBody for a value that is a digest: 32, 40 or 64
// hex digits (MD5, SHA-1, SHA-256), with a digit and a letter.
func hexQueryBody(n int, expiring bool) func(string, int) int {
	return func(s string, j int) int {
		if !inQuery(s, j-n) {
			return 0
		}
		e := run(s, j, cHex)
		if d := e - j; d != 32 && d != 40 && d != 64 || !wordEnd(s, e) || !hasDigit(s[j:e]) || !hasLetter(s[j:e]) {
			return 0
		}
		if expiring && !expiryNear(s, j-n, e) {
			return 0
		}
		return e
	}
}

// valueBody returns the shape of a value of at least min bytes of
// base64url or hex, with a digit and a letter.
func valueBody(min int) func(string, int) int {
	return func(s string, j int) int {
		e := signatureEnd(s, j)
		if e-j < min || !hasDigit(s[j:e]) || !hasLetter(s[j:e]) {
			return 0
		}
		return e
	}
}

// signatureEnd returns the end of a signature that starts at s[j]: a run
// of base64url bytes, '~' and '.' (CloudFront's alphabet, a timestamp
// before an HMAC: 1767225600-…), with percent-encoded padding (%3D) and
// base64's + and / (%2B, %2F).
func signatureEnd(s string, j int) int {
	e := j
	for e < len(s) {
		switch c := s[e]; {
		case charClass[c]&cURL != 0 || c == '~' || c == '.':
			e++
		case c == '%' && e+2 < len(s) && (s[e+1] == '3' && s[e+2]|0x20 == 'd' || s[e+1] == '2' && (s[e+2]|0x20 == 'b' || s[e+2]|0x20 == 'f')):
			e += 3 // padding, and '+' and '/' of standard base64 (Symfony's _hash=…%2B…%3D)
		default:
			return trimDots(s, j, e)
		}
	}
	return trimDots(s, j, e)
}

// trimDots returns e without the dots that end s[j:e]: a sentence's end.
func trimDots(s string, j, e int) int {
	for e > j && s[e-1] == '.' {
		e--
	}
	return e
}

// expiryNear reports whether the query around the parameter s[i:e] names
// an expiry or a signing time ([expiryParams]: e=, expires=,
// _expiration=, valid_until=, timestamp=, …), before or after it within
// the URL (up to a space or a quote, 512 bytes either way).
func expiryNear(s string, i, e int) bool {
	a := i
	for a > 0 && i-a < 512 && urlByte(s[a-1]) {
		a--
	}
	b := e
	for b < len(s) && b-e < 512 && urlByte(s[b]) {
		b++
	}
	for _, q := range [...]string{s[a:i], s[e:b]} {
		for k := 0; k < len(q); k++ {
			if q[k] != '?' && q[k] != '&' && q[k] != '#' && q[k] != ';' {
				continue
			}
			n := k + 1
			for n < len(q) && n-k <= 16 && (q[n]|0x20 >= 'a' && q[n]|0x20 <= 'z' || q[n] == '_' || q[n] == '-') {
				n++
			}
			if n < len(q) && q[n] == '=' && expiryParams[strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(q[k+1:n], "_")), "-", "_")] {
				return true
			}
		}
	}
	return false
}

// expiryParams name the expiry or the time of a signed URL's signature,
// lower-cased, '-' written as '_', without a leading '_' (Symfony's
// _expiration=; Telegram's login payload signs its auth_date=).
var expiryParams = map[string]bool{
	"e": true, "exp": true, "expires": true, "expire": true, "expiry": true, "expiration": true,
	"expires_at": true, "expiresat": true, "expire_at": true, "expiry_time": true, "valid_until": true,
	"validuntil": true, "deadline": true, "timestamp": true, "ts": true, "auth_date": true,
}

// urlByte reports whether c may be a byte of a URL as logs write one: no
// space, quote, bracket or control byte.
func urlByte(c byte) bool {
	return c > ' ' && c < 0x7f && strings.IndexByte("\"'<>`\\", c) < 0
}

// cloudFrontPolicyBody matches a CloudFront custom policy in a signed
// URL's query: base64 of a JSON object ("eyJ…") in CloudFront's alphabet
// ('-', '_' and '~' for '+', '=' and '/'), 40 bytes or more.
func cloudFrontPolicyBody(s string, j int) int {
	if !inQuery(s, j-len("Policy=")) || !strings.HasPrefix(s[j:], "eyJ") {
		return 0
	}
	e := signatureEnd(s, j)
	if e-j < 40 {
		return 0
	}
	return e
}

// keyPairIDBody matches the id of the key that signed a CloudFront URL,
// in its query: 12 to 32 upper-case letters and digits, with a digit.
func keyPairIDBody(s string, j int) int {
	if !inQuery(s, j-len("Key-Pair-Id=")) {
		return 0
	}
	e := run(s, j, cUAln)
	if e-j < 12 || e-j > 32 || !hasDigit(s[j:e]) || !wordEnd(s, e) {
		return 0
	}
	return e
}

// cloudinaryBody matches the rest of a Cloudinary signature after "s--",
// in a path: 8 bytes of base64url, "--" and a '/'.
func cloudinaryBody(s string, j int) int {
	if j < 4 || s[j-4] != '/' || j+11 > len(s) {
		return 0
	}
	for k := j; k < j+8; k++ {
		if charClass[s[k]]&cURL == 0 {
			return 0
		}
	}
	if s[j+8:j+11] != "--/" || !hasDigit(s[j:j+8]) && !mixedCase(s[j:j+8]) {
		return 0 // s--placeholder--/: a name
	}
	return j + 10
}

// cloudinarySignature is the part of a Cloudinary signature that is
// secret: the 8 bytes between "s--" and "--".
func cloudinarySignature(s string, j, end int) (int, int) {
	return j, end - 2
}

// oraclePARBody matches the token of an Oracle Object Storage
// pre-authenticated request after "/p/": a segment of 20 bytes or more
// (base64url, '~' and ':') before "/n/".
func oraclePARBody(s string, j int) int {
	if j < 3 || s[j-3] != '/' {
		return 0
	}
	e := j
	for e < len(s) && (charClass[s[e]]&cURL != 0 || s[e] == '~' || s[e] == ':' || s[e] == '+' || s[e] == '=') {
		e++
	}
	if e-j < 20 || !strings.HasPrefix(s[e:], "/n/") || !hasDigit(s[j:e]) && !mixedCase(s[j:e]) {
		return 0
	}
	return e
}

// routeTokenBody returns the shape of the rest of a capability route
// whose word (of n bytes) starts a segment of a path: the word, perhaps
// with a word joined by '-' or '_' (verify-email, confirm_account), '/',
// and a token (pathToken, 16 bytes or more; or a Django reset token,
// <timestamp>-<hash>), perhaps after one short segment (a user's id:
// /reset/MTIz/<token>, /email/verify/42/<hash>).
func routeTokenBody(n int) func(string, int) int {
	return func(s string, j int) int {
		if i := j - n; i < 1 || s[i-1] != '/' && (s[i-1] != '-' && s[i-1] != '_' || !slugBefore(s, i-1)) {
			return 0
		}
		plural := j < len(s) && s[j] == 's' // /invitations/accept/<token>: a verb must follow
		if plural {
			j++
		}
		if j < len(s) && (s[j] == '-' || s[j] == '_') {
			k := j + 1
			for k < len(s) && k-j <= 24 && (s[k] >= 'a' && s[k] <= 'z' || s[k] == '-' || s[k] == '_') {
				k++
			}
			j = k
		}
		if j >= len(s) || s[j] != '/' {
			return 0
		}
		for k := range 2 {
			q := j + 1
			e := q
			for e < len(s) && (pathSegmentByte(s[e]) || s[e] == ':') {
				e++
			}
			if k > 0 || !plural {
				if e-q >= 16 && (pathToken(s[q:e]) || resetToken(s[q:e]) || signedSegment(s[q:e])) {
					return e
				}
			} else if !isLetters(s[q:e]) {
				return 0 // /invites/<id>: a collection's member, no link's token
			}
			if e == q || e-q > 24 || e >= len(s) || s[e] != '/' {
				return 0
			}
			j = e
		}
		return 0
	}
}

// slugBefore reports whether the segment of a path that ends at the '-'
// or '_' at s[d] is a slug of lower-case words up to it
// (email-verification, account-activation, password_reset): letters, '-'
// and '_' after a '/', 24 bytes at most.
func slugBefore(s string, d int) bool {
	for k := d - 1; k >= 0 && d-k <= 24; k-- {
		switch c := s[k]; {
		case c == '/':
			return k < d-1
		case c >= 'a' && c <= 'z' || c == '-' || c == '_':
		default:
			return false
		}
	}
	return false
}

// isLetters reports whether w is a word of lower-case ASCII letters.
func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// signedSegment reports whether seg is a signed value as web frameworks
// write one in a link: parts joined by '.' or ':' (itsdangerous'
// payload.timestamp.signature, Django's value:timestamp:signature) whose
// last part is a token (pathToken) of 16 bytes or more; a file's name
// ends with its short extension.
func signedSegment(seg string) bool {
	k := strings.LastIndexAny(seg, ".:")
	return k > 0 && len(seg)-k-1 >= 16 && pathToken(seg[k+1:])
}

// resetToken reports whether seg is a token as Django's password reset
// and its kin write one: a timestamp in base 36, '-', and 20 to 40 hex
// digits.
func resetToken(seg string) bool {
	d := strings.IndexByte(seg, '-')
	if d < 1 || d > 13 || len(seg)-d-1 < 20 || len(seg)-d-1 > 40 {
		return false
	}
	for k := 0; k < d; k++ {
		if !isDigit(seg[k]) && (seg[k] < 'a' || seg[k] > 'z') {
			return false
		}
	}
	return isHex(seg[d+1:]) && hasDigit(seg[d+1:])
}

// valueAfterPrefix is the part of a match after its prefix: the value of
// a parameter, the segment after /p/.
func valueAfterPrefix(s string, j, end int) (int, int) {
	return j, end
}

// lastSegment is the last segment of a matched path: the token after a
// route.
func lastSegment(s string, j, end int) (int, int) {
	return j + strings.LastIndexByte(s[j:end], '/') + 1, end
}

// railsSignedBody matches the rest of a Rails signed message after its
// prefix: base64 (its padding perhaps percent-encoded), "--", and 40 or
// 64 lower-case hex digits (SHA-1 or SHA-256).
func railsSignedBody(s string, j int) int {
	e := j
	for e < len(s) {
		if c := s[e]; charClass[c]&cAlnum != 0 || c == '+' || c == '/' || c == '=' {
			e++
		} else if c == '%' && e+2 < len(s) && s[e+1] == '3' && s[e+2]|0x20 == 'd' {
			e += 3
		} else {
			break
		}
	}
	if e-j < 4 || !strings.HasPrefix(s[e:], "--") {
		return 0
	}
	h := run(s, e+2, cLHex)
	if n := h - e - 2; n != 40 && n != 64 || !wordEnd(s, h) {
		return 0
	}
	return h
}

// icalPrivateBody matches the key of a calendar's secret address after
// "private-" (8 bytes), a segment of a URL's path: 16 hex digits or more,
// up to the '/' before the feed's .ics file (basic.ics, full.ics).
func icalPrivateBody(s string, j int) int {
	if j < 9 || s[j-9] != '/' {
		return 0
	}
	e := run(s, j, cHex)
	if e-j < 16 || e >= len(s) || s[e] != '/' {
		return 0
	}
	f := e + 1
	for f < len(s) && (isAlnum(s[f]) || s[f] == '-' || s[f] == '_') {
		f++
	}
	if !strings.HasPrefix(s[f:], ".ics") {
		return 0
	}
	return e
}
