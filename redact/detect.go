package redact

import (
	"log/slog"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A span is a byte range [start, end) of a string that must be masked.
type span struct{ start, end int }

// A Detector finds secrets inside a string value: each match is masked, and
// the rest of the string is kept. The built-in detectors have a cheap
// prefilter, so a clean string costs about one pass over its bytes.
type Detector struct {
	// Name identifies the detector in [Redactor.Counters].
	Name string

	find func(s string, spans []span) []span
	need scanFlags // the prefilter: every flag here must be present
	mark uint32    // and every marker pair here (prescan)
	min  int       // the shortest string that can match

	catalog bool // DetectTokens, set by New: its prefix search is prefiltered
}

// DetectorFunc returns a detector named name that masks each [start, end)
// byte range that find returns for a string. Ranges outside the string are
// ignored; if find panics, the whole string is masked (fail closed). find
// must depend on the string alone: [New] remembers which strings came out
// clean and does not scan them again.
func DetectorFunc(name string, find func(s string) [][2]int) Detector {
	return Detector{Name: name, find: func(s string, spans []span) (out []span) {
		defer func() {
			if recover() != nil {
				out = append(spans, span{0, len(s)})
			}
		}()
		for _, r := range find(s) {
			if r[0] >= 0 && r[0] < r[1] && r[1] <= len(s) {
				spans = append(spans, span{r[0], r[1]})
			}
		}
		return spans
	}}
}

// DetectRegexp returns a detector named name that masks every match of re.
// A nil re gives a detector that New refuses.
func DetectRegexp(name string, re *regexp.Regexp) Detector {
	if re == nil {
		return Detector{Name: name}
	}
	return DetectorFunc(name, func(s string) [][2]int {
		var out [][2]int
		for _, m := range re.FindAllStringIndex(s, -1) {
			out = append(out, [2]int{m[0], m[1]})
		}
		return out
	})
}

// scanFlags summarises which interesting bytes a string contains.
type scanFlags uint16

const (
	hasAt scanFlags = 1 << iota
	hasColon
	hasEq
	hasDash
	hasDot
	hasSpace
	hasUpperA
	hasLetterB
	hasE
	hasDigits13 // at least 13 digits
	hasDigits9  // at least 9 digits
	hasTab
	// hasAuthHint: a scheme word (isAuthScheme) right before a space, or
	// a ':', '=' or tab, any of which an Authorization value needs.
	hasAuthHint
	hasZ       // a 'z' or 'Z': "authorization" has one
	hasPercent // a '%': text that may be percent-encoded (password%3D…)

	// digitMark marks digits in byteFlags, for counting; scan clears it.
	digitMark scanFlags = 1 << digitShift
)

const digitShift = 15

var byteFlags = func() (t [256]scanFlags) {
	t['@'] = hasAt
	t[':'] = hasColon
	t['='] = hasEq
	t['-'] = hasDash
	t['.'] = hasDot
	t[' '] = hasSpace
	t['\t'] = hasSpace | hasTab
	t['A'] = hasUpperA
	t['b'] = hasLetterB
	t['B'] = hasLetterB
	t['e'] = hasE
	t['z'] = hasZ
	t['Z'] = hasZ
	t['%'] = hasPercent
	for c := '0'; c <= '9'; c++ {
		t[c] = digitMark
	}
	return t
}()

// scan returns the flags of s in one pass.
func scan(s string) scanFlags {
	var f scanFlags
	digits := 0
	for i := 0; i < len(s); i++ {
		fl := byteFlags[s[i]]
		f |= fl
		digits += int(fl >> digitShift)
		if fl&hasSpace != 0 && f&hasAuthHint == 0 && s[i] == ' ' && schemeBefore(s, i) {
			f |= hasAuthHint
		}
	}
	f &^= digitMark
	if f&(hasColon|hasEq) != 0 && f&hasZ != 0 || f&hasTab != 0 {
		f |= hasAuthHint // an "authorization" pair, or a scheme word before a tab
	}
	if digits >= 9 {
		f |= hasDigits9
		if digits >= 13 {
			f |= hasDigits13
		}
	}
	if f&hasAt == 0 && strings.Contains(s, escapedAt) {
		f |= hasAt // jane\u0040example.com
	}
	return f
}

// schemeBefore reports whether the word right before s[i] is an auth
// scheme word (isAuthScheme) standing alone.
func schemeBefore(s string, i int) bool {
	return schemeEndsAt(s, i, 5) || schemeEndsAt(s, i, 6) || schemeEndsAt(s, i, 9)
}

// schemeEndsAt reports whether s[i-n:i] is an auth scheme word that does
// not continue a longer word.
func schemeEndsAt(s string, i, n int) bool {
	start := i - n
	if start < 0 || (start > 0 && isAlnum(s[start-1])) {
		return false
	}
	switch s[start] | 0x20 { // the first letters of the scheme words
	case 'a', 'b', 'd', 'n', 't':
		return isAuthScheme(s[start:i])
	}
	return false
}

// Built-in detectors.
var (
	// DetectURLUserinfo masks the user:password part of any URL inside a
	// string ("postgres://app:pw@db/x" keeps scheme, host and path), also
	// when the password holds a '/' ("s3://id:wJal/K7x@bucket") or an
	// '@', '#' or '?' that was not percent-encoded ("mysql://u:p@s#s@db/x",
	// up to the authority's last '@'). A login
	// name alone in a URL of a scheme that logs in by key is kept
	// (ssh://git@github.com/…), and the DSN detector keeps an image
	// reference's digest (nginx:1.25@sha256:…).
	DetectURLUserinfo = Detector{Name: "url-userinfo", find: findURLUserinfo, need: hasAt | hasColon, min: 6}
	// DetectBearer masks the credentials after "Bearer", "Basic" and other
	// schemes of an Authorization header, and after "authorization:" or
	// "authorization=".
	DetectBearer = Detector{Name: "authorization", find: findAuthorization, need: hasAuthHint, min: 8}
	// DetectJWT masks JSON Web Tokens (three base64url parts, "eyJ..."),
	// and JWEs in compact form (five parts) whole, also when a line break,
	// an escaped one or a backslash splits a token that is unfinished there.
	DetectJWT = Detector{Name: "jwt", find: findJWT, need: hasE | hasDot, min: 20}
	// DetectAWSAccessKey masks AWS access key ids (AKIA..., ASIA..., A3T..., 20
	// characters), and the secret access key (40 characters of base64)
	// written right after one.
	DetectAWSAccessKey = Detector{Name: "aws-access-key-id", find: findAWSKeyID, need: hasUpperA, min: 20}
	// DetectPrivateKey masks PEM private-key blocks (and OpenVPN's static
	// and tls-crypt-v2 key blocks), to the END line or the end of the
	// string, and the private lines of PuTTY key files.
	DetectPrivateKey = Detector{Name: "private-key", find: findPEM, need: hasDash, mark: markPEM, min: 20}
	// DetectCardNumber masks payment card numbers: 13 to 19 digits, single
	// spaces or dashes allowed between them (dots, slashes, underscores and
	// no-break spaces between groups of four, tabs after groups of four or
	// more), Luhn-valid only; with the
	// rest of a magnetic stripe's track (%B…^NAME^…?, ;…=…?) or a card
	// dump's fields (|MM|YYYY|CVV) after them. A number that is the value
	// of a key naming a number (duration_ns=…, "bytes": …) is no card.
	DetectCardNumber = Detector{Name: "card-number", find: findCards, need: hasDigits13, min: 13}
	// DetectSSN masks US Social Security numbers written ddd-dd-dddd,
	// ddd dd dddd or ddd.dd.dddd (a dotted one alone, not inside a longer
	// dotted run or after a version word: an OID or a build), with the
	// invalid ranges (000, 666, 9xx, 00, 0000) left alone, and the
	// taxpayer numbers (ITINs) written as SSNs are: 9xx with a group of
	// 50-65, 70-88, 90-92 or 94-99.
	DetectSSN = Detector{Name: "ssn", find: findSSN, need: hasDigits9, min: 11}
	// DetectEmail masks e-mail addresses, with letters outside ASCII in
	// either part too (jörg@bücher.de) and with the '@' escaped in JSON
	// (\u0040), and the display name of two or three capitalised words or
	// in quotes before one in angle brackets ("Jane Roe" <jane@example.com>),
	// a quoted local part ("jane roe"@example.com) and a domain literal
	// (jane@[203.0.113.7]). The user@host that a remote shell or copy
	// command is given (ssh deploy@build-4.internal, scp f ops@host:/srv) is
	// a login on a host and is kept.
	DetectEmail = Detector{Name: "email", find: findEmail, need: hasAt | hasDot, min: 5}
)

func isDigit(c byte) bool    { return c-'0' < 10 }
func isAlnum(c byte) bool    { return isDigit(c) || (c|0x20)-'a' < 26 }
func isB64URL(c byte) bool   { return isAlnum(c) || c == '-' || c == '_' }
func isTokenChr(c byte) bool { return isAlnum(c) || strings.IndexByte("-._~+/=%:", c) >= 0 }

// findURLUserinfo finds "scheme://userinfo@" and masks userinfo.
func findURLUserinfo(s string, spans []span) []span {
	for i := 0; ; {
		j := strings.Index(s[i:], "://")
		if j < 0 {
			return spans
		}
		start := i + j + 3
		end := start
		for end < len(s) {
			c := s[end]
			if c == '\'' && end > start && end+1 < len(s) && isAlnum(s[end-1]) && isAlnum(s[end+1]) && strings.IndexByte(s[start:end], ':') >= 0 {
				end++ // a password's "'" (a sub-delim RFC 3986 allows): postgres://app:Rf2'gH5@db
				continue
			}
			if c == '@' || c == '/' || c == '?' || c == '#' || c == ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c < 0x20 {
				break
			}
			end++
		}
		if end < len(s) && s[end] == '/' {
			end = slashedPassword(s, start, end)
		}
		if end < len(s) && end > start {
			end = unescapedPassword(s, start, end)
		}
		if end < len(s) && s[end] == '@' && end > start && !sshLogin(s, i+j, start, end) {
			spans = append(spans, span{start, end})
		}
		i = end
		if i >= len(s) {
			return spans
		}
	}
}

// sshLogin reports whether the userinfo s[start:end] of the URL whose
// "://" is at s[sep] is a login name alone (no password) of a scheme that
// logs in by key: ssh://git@github.com/…, sftp://deploy@host. A token
// without a password (https://ghp_…@github.com, a Sentry DSN's key) is
// still a secret.
func sshLogin(s string, sep, start, end int) bool {
	k := sep
	for k > 0 && (isAlnum(s[k-1]) || s[k-1] == '+') {
		k--
	}
	var fb foldBuf
	switch fb.lower(s[k:sep]) {
	case "ssh", "git+ssh", "ssh+git", "sftp", "scp":
	default:
		return false
	}
	if end-start > 32 {
		return false
	}
	for x := start; x < end; x++ {
		if c := s[x]; !(c >= 'a' && c <= 'z' || isDigit(c) && x > start || c == '_' || c == '-' || c == '.') {
			return false // a password (':'), a capital, a token
		}
	}
	return true
}

// slashedPassword returns the position of the '@' that ends userinfo
// whose password holds a '/' (an AWS secret key: s3://AKIA…:wJal/K7…@bucket),
// when s[start:end] is "user:" and some of the password before the
// '/' at s[end] and no port; else end.
func slashedPassword(s string, start, end int) int {
	c := strings.IndexByte(s[start:end], ':')
	if c < 0 || start+c+1 == end || strings.Trim(s[start+c+1:end], "0123456789") == "" {
		return end // no password, or a port: host:8080/path
	}
	for k := end; k < len(s); k++ {
		switch s[k] {
		case '@':
			return k
		case '?', '#', ' ', '"', '\'', '<', '>':
			return end
		}
		if s[k] < 0x20 || strings.HasPrefix(s[k:], "://") {
			return end
		}
	}
	return end
}

// unescapedPassword returns the position of the '@' that ends userinfo
// whose password holds an '@', '#' or '?' that was not percent-encoded
// (postgres://app:p@ss@db/x, mysql://root:pa#ss@db/x; drivers split at
// the last '@' of the authority), when s[start:end] is "user:" and some of
// the password, the scan stopped at s[end], and an '@' follows before the
// authority ends; else end. A port (host:8080?q=a@b) has no password.
func unescapedPassword(s string, start, end int) int {
	switch s[end] {
	case '@', '#', '?':
	default:
		return end
	}
	c := strings.IndexByte(s[start:end], ':')
	if c < 0 || start+c+1 == end || strings.Trim(s[start+c+1:end], "0123456789") == "" {
		return end
	}
	at := -1
	if s[end] == '@' {
		at = end
	}
	for k := end + 1; k < len(s) && authorityByte(s[k], at >= 0); k++ {
		if s[k] == '@' {
			at = k
		}
	}
	if at < 0 {
		return end
	}
	return at
}

// authorityByte reports whether c may stand in a URL's authority when its
// password was not percent-encoded; after an '@', a '?' or '#' starts the
// query or fragment.
func authorityByte(c byte, afterAt bool) bool {
	switch c {
	case '/', ' ', '"', '\'', '<', '>', '\\':
		return false
	case '?', '#':
		return !afterAt
	}
	return c >= 0x20
}

func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }

// isAuthScheme reports whether w is an HTTP authorization scheme whose
// credentials follow it.
func isAuthScheme(w string) bool {
	switch len(w) {
	case 5:
		return foldedEqual(w, "basic") || foldedEqual(w, "token")
	case 6:
		return foldedEqual(w, "bearer") || foldedEqual(w, "digest") || foldedEqual(w, "apikey")
	case 9:
		return foldedEqual(w, "negotiate")
	}
	return false
}

// foldedEqual reports whether w spells the lower-case ASCII word t in any
// case: ASCII letters only (strings.EqualFold also folds "K", the Kelvin
// sign, to k).
func foldedEqual(w, t string) bool {
	if len(w) != len(t) {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := w[i]; c != t[i] && (c|0x20 != t[i] || c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// findAuthorization masks the credentials after an auth scheme word
// ("Bearer abc"), and the value of an "authorization" pair, in one pass over
// the words of s.
func findAuthorization(s string, spans []span) []span {
	for i := 0; i < len(s); {
		if !isLetter(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		word := s[i:j]
		switch {
		case isAuthScheme(word) && (i == 0 || !isAlnum(s[i-1])) && j < len(s) && (s[j] == ' ' || s[j] == '\t' || foldEnd(s, j) > j) && !(xmlOpen(s, i) && attributeAt(s, j)): // not <apiKey encrypted="false">
			k := foldEnd(s, skipSpaces(s, j)) // Bearer⏎  …: a header folded onto the next line
			end := k
			for end < len(s) && isTokenChr(s[end]) {
				end++
			}
			if strings.EqualFold(word, "digest") && end < len(s) && s[end] == '"' {
				end = lineEnd(s, end) // Digest username="…", response="…", …: the whole list
			}
			if strings.EqualFold(word, "digest") && contentDigest(s[k:end]) {
				break // an image's or a file's digest (digest: sha256:2c26b4…)
			}
			if looksLikeCredential(s[k:end]) && !flagWithoutValue(s[k:end]) { // "missing Bearer prefix" leaves "prefix" alone
				spans = append(spans, span{k, end})
				j = end
			}
		case len(word) == 13 && strings.EqualFold(word, "authorization"):
			k := j
			for k < len(s) && (s[k] == '"' || s[k] == '\'' || s[k] == ' ') {
				k++
			}
			if k >= len(s) || (s[k] != ':' && s[k] != '=') {
				break
			}
			k = foldEnd(s, skipSpaces(s, k+1)) // Authorization:⏎ Basic …: folded
			for k < len(s) && (s[k] == ' ' || s[k] == '"' || s[k] == '\'') {
				k++
			}
			end := k
			for end < len(s) && strings.IndexByte("\"'\n,&;", s[end]) < 0 {
				end++
			}
			if w := strings.TrimRight(s[k:end], " \t\r\\"); isAuthScheme(w) {
				if f := foldEnd(s, skipSpaces(s, k+len(w))); f > k+len(w) { // Bearer⏎  …: the credentials folded onto the next line
					end = f
					for end < len(s) && strings.IndexByte("\"'\n,&;", s[end]) < 0 {
						end++
					}
				}
			}
			if len(s)-k > 7 && strings.EqualFold(s[k:k+7], "digest ") {
				end = lineEnd(s, k) // its parameters are quoted and comma-separated
			} else if e := authParamsEnd(s, k); e > end {
				end = e // Hawk id="…", mac="…"; OAuth oauth_token="…", …: every parameter
			} else if e := schemeCredentialsEnd(s, k, end); e > 0 {
				end = e // HTTP_AUTHORIZATION=Bearer … path=/v1: the next field is not the header's
			}
			if end > k && !noCredentials(s[k:end]) {
				spans = append(spans, span{k, end})
				j = end
			}
		}
		i = j
	}
	return spans
}

// foldEnd returns the index after the line fold at s[k] (a line break
// and the next line's indentation, as HTTP/1.1 folded a header, or a
// shell's line continuation), or k when none is there.
func foldEnd(s string, k int) int {
	if n := continuationLen(s, k); n > 0 {
		return k + n
	}
	n := 0
	if strings.HasPrefix(s[k:], "\r\n") {
		n = 2
	} else if k < len(s) && s[k] == '\n' {
		n = 1
	}
	if n == 0 || k+n >= len(s) || s[k+n] != ' ' && s[k+n] != '\t' {
		return k
	}
	return skipSpaces(s, k+n)
}

// authParamsEnd returns the end of the credentials at s[k:] when they are
// a scheme and a list of parameters (RFC 9110's auth-param: Hawk id="…",
// ts="…", mac="…"; OAuth oauth_token="…", …; AWS4-HMAC-SHA256
// Credential=…, Signature=…), values quoted, escaped as JSON text quotes
// them (\"…\"), or bare; else 0.
func authParamsEnd(s string, k int) int {
	i := k
	for i < len(s) && (isAlnum(s[i]) || s[i] == '-' || s[i] == '_') {
		i++
	}
	if i-k < 2 || i >= len(s) || s[i] != ' ' {
		return 0
	}
	end := 0
	for {
		if end > 0 { // the parameters after the first follow a comma
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
			if i >= len(s) || s[i] != ',' {
				return end
			}
			i++
		}
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		n := i
		for i < len(s) && (isAlnum(s[i]) || s[i] == '-' || s[i] == '_') {
			i++
		}
		if i == n || i+1 >= len(s) || s[i] != '=' || s[i+1] == '=' || s[i+1] == ' ' {
			return end
		}
		i++
		if q := quoteLenAt(s, i); q > 0 && (i+q == len(s) || strings.IndexByte(" \t\r\n,)", s[i+q]) >= 0) {
			return end // base64's padding before the quote that closes the header: -H "Authorization: Basic dXNlcjpw=" …
		}
		switch {
		case strings.HasPrefix(s[i:], `\"`):
			if c := strings.Index(s[i+2:], `\"`); c >= 0 {
				i += 2 + c + 2
			} else {
				i = lineEnd(s, i)
			}
		case s[i] == '"':
			if c := strings.IndexByte(s[i+1:], '"'); c >= 0 {
				i += 1 + c + 1
			} else {
				i = lineEnd(s, i)
			}
		default:
			for i < len(s) && strings.IndexByte(" \t\r\n,\"\\&;", s[i]) < 0 {
				i++
			}
		}
		end = i
	}
}

// quoteLenAt returns the length of the quote at s[i], '"' or an escaped
// \", or 0.
func quoteLenAt(s string, i int) int {
	switch {
	case i < len(s) && s[i] == '"':
		return 1
	case strings.HasPrefix(s[i:], `\"`):
		return 2
	}
	return 0
}

// flagWithoutValue reports whether w is a long command-line flag and its
// '=' with nothing after it (--value=): what follows, a value already
// masked or a quoted one, is not part of w, and w is no credential. (A
// token of base64url that starts with "--" and ends with padding would
// read so too; such tokens are rare, and the token after a flag's '=' is
// searched on its own.)
func flagWithoutValue(w string) bool {
	if len(w) < 4 || w[0] != '-' || w[1] != '-' || w[len(w)-1] != '=' || !isLetter(w[2]) {
		return false
	}
	for i := 3; i < len(w)-1; i++ {
		if c := w[i]; !isAlnum(c) && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// noCredentials reports whether v, after "Authorization:", says there are
// none: none, null, nil, empty, unset, absent, missing or a dash, bare or
// in parentheses or angle brackets ((none), <nil>, (empty)), alone or as
// the first word of what follows ("Authorization: absent path=/v1": the
// header's placeholder, then another field).
func noCredentials(v string) bool {
	v = strings.TrimSpace(v)
	if w, _, ok := strings.Cut(v, " "); ok {
		v = w
	}
	if len(v) > 2 && (v[0] == '(' && v[len(v)-1] == ')' || v[0] == '<' && v[len(v)-1] == '>') {
		v = v[1 : len(v)-1]
	}
	if len(v) > len("missing") {
		return false
	}
	var fb foldBuf
	switch fb.lower(v) {
	case "none", "null", "nil", "empty", "unset", "-", "n/a", "absent", "missing", "not":
		return true
	}
	return false
}

// contentDigest reports whether w is a content digest: a hash
// algorithm's name, a colon, hex digits (sha256:2c26b4…, as Docker and OCI
// registries write image digests).
func contentDigest(w string) bool {
	c := strings.IndexByte(w, ':')
	if c < 0 || !isHex(w[c+1:]) || len(w)-c-1 < 32 {
		return false
	}
	var fb foldBuf
	switch fb.lower(w[:c]) {
	case "sha256", "sha512", "sha384", "sha1", "md5", "blake3":
		return true
	}
	return false
}

// lineEnd returns the end of the line s[i] is on.
func lineEnd(s string, i int) int {
	if n := strings.IndexByte(s[i:], '\n'); n >= 0 {
		return i + n
	}
	return len(s)
}

// findJWT masks eyJ<b64url>.<b64url>.<b64url>.
func findJWT(s string, spans []span) []span {
	for i := 0; ; {
		j := strings.Index(s[i:], "eyJ")
		if j < 0 {
			return spans
		}
		start := i + j
		end, parts, seg := start, 1, 0
		for end < len(s) {
			c := s[end]
			if c == '.' && parts < 3 {
				parts, seg = parts+1, -1
			} else if !isB64URL(c) {
				// A token wrapped over lines, or split by a backslash: go on
				// while it is unfinished (jwtGoesOn).
				if n := jwtBreak(s, end); n > 0 && jwtGoesOn(s, end+n, parts, seg) {
					end += n
					continue
				}
				break
			}
			end++
			seg++
		}
		if e := jweEnd(s, end); parts == 3 && e > end {
			end = e // a JWE: header.key.iv.ciphertext.tag
		}
		if parts == 3 && end-start >= 20 && (start == 0 || !isB64URL(s[start-1]) || escapedStart(s, start)) {
			spans = append(spans, span{start, end})
		}
		i = max(end, start+3)
	}
}

// jwtGoesOn reports whether a token of parts parts, the last seg bytes
// long so far, goes on after a break, at s[k]: while it has fewer than
// three parts or a signature shorter than HS256's 43 bytes; past that,
// when the signature is not as long as a whole one of any algorithm
// (jwtSignatureLength) and what follows the break reads as more of it
// rather than as the next word (jwtTail).
func jwtGoesOn(s string, k, parts, seg int) bool {
	if parts < 3 || seg < 43 {
		return true
	}
	return !jwtSignatureLength(seg) && jwtTail(s, k)
}

// jwtSignatureLength reports whether n is the length in base64url of a
// whole signature: HMAC-SHA-256, -384, -512 (43, 64, 86), ECDSA P-256,
// P-384, P-521 (86, 128, 176), Ed25519 (86), Ed448 (152), RSA of 2048,
// 3072 and 4096 bits (342, 512, 683).
func jwtSignatureLength(n int) bool {
	switch n {
	case 43, 64, 86, 128, 152, 176, 342, 512, 683:
		return true
	}
	return false
}

// jwtTail reports whether the base64url run at s[k] reads as the rest of
// a signature: 4 bytes or more with two of upper-case letters,
// lower-case letters and digits (or a '-' or '_'), not a key (a '=' or
// ':' after it) and not a word of prose (lower-case letters alone, or
// after one capital). The run is read 64 bytes far at most.
func jwtTail(s string, k int) bool {
	var upper, lower, digit, mark bool
	e := k
	for e < len(s) && e-k < 64 && isB64URL(s[e]) {
		c := s[e]
		switch {
		case c >= 'A' && c <= 'Z':
			upper = upper || e > k
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9':
			digit = true
		default:
			mark = true
		}
		e++
	}
	if e-k < 4 || e < len(s) && (s[e] == '=' || s[e] == ':') {
		return false
	}
	kinds := 0
	for _, b := range []bool{upper, lower, digit, mark} {
		if b {
			kinds++
		}
	}
	return kinds >= 2
}

// jwtBreak returns the length of the break at s[e] that splits a token
// (a line break, a backslash before one with spaces or tabs before it
// and the next line's indentation after it, an escaped line break \n, or
// a backslash alone) when a byte of base64url or a '.' follows it, else 0.
func jwtBreak(s string, e int) int {
	n := 0
	switch k := skipSpaces(s, e); {
	case continuationLen(s, k) > 0: // a shell's continuation, with spaces before it and indentation after
		n = k - e + continuationLen(s, k)
	case k > e: // spaces alone end the token
	case strings.HasPrefix(s[e:], "\r\n"), strings.HasPrefix(s[e:], "\\n"):
		n = 2
	case s[e] == '\n' || s[e] == '\\':
		n = 1
	}
	if n == 0 || e+n >= len(s) || !isB64URL(s[e+n]) && s[e+n] != '.' {
		return 0
	}
	return n
}

// jweEnd returns the end of the last two parts of a JWE in compact form
// (five base64url parts) whose first three end at s[e], or e when two
// more parts do not follow there.
func jweEnd(s string, e int) int {
	k := e
	for part := 0; part < 2; part++ {
		if k >= len(s) || s[k] != '.' {
			return e
		}
		k++
		n := k
		for k < len(s) && isB64URL(s[k]) {
			k++
		}
		if k == n {
			return e
		}
	}
	if k < len(s) && s[k] == '.' && k+1 < len(s) && isB64URL(s[k+1]) {
		return e // six parts or more: no JWE
	}
	return k
}

var awsPrefixes = []string{"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA", "ABIA", "ACCA"}

// findAWSKeyID masks 20-character AWS access key ids.
func findAWSKeyID(s string, spans []span) []span {
	for i := 0; i+20 <= len(s); i++ {
		if k := strings.IndexByte(s[i:len(s)-19], 'A'); k < 0 {
			break
		} else {
			i += k
		}
		if i > 0 && isAlnum(s[i-1]) && !escapedStart(s, i) {
			continue
		}
		// A3T and an upper-case letter or digit: the older ids that the
		// public rule sets still look for.
		ok := s[i:i+3] == "A3T" && (isDigit(s[i+3]) || s[i+3] >= 'A' && s[i+3] <= 'Z')
		for _, p := range awsPrefixes {
			if s[i:i+4] == p {
				ok = true
				break
			}
		}
		if !ok {
			continue
		}
		end := i + 4
		for end < len(s) && (isDigit(s[end]) || (s[end] >= 'A' && s[end] <= 'Z')) {
			end++
		}
		if end-i == 20 {
			spans = append(spans, span{i, end})
			if ss, se := awsSecretAfter(s, end); se > ss {
				spans = append(spans, span{ss, se}) // {AKIA… wJalr… …}, AKIA…,wJalr… (a credentials CSV)
				end = se
			}
			i = end
		}
	}
	return spans
}

// awsSecretAfter returns the bounds of the secret access key that follows
// an access key id ending at s[e], as fmt prints a credentials struct, a
// CSV row or a call's arguments give them: after a few bytes of spaces,
// commas, colons, semicolons, '|' or quotes, 40 bytes of base64 with
// upper- and lower-case letters and a digit or '/' or '+', ending there.
func awsSecretAfter(s string, e int) (int, int) {
	j := e
	for j < len(s) && j-e < 4 && strings.IndexByte(" \t,:;|\"'", s[j]) >= 0 {
		j++
	}
	if j == e || j+40 > len(s) {
		return 0, 0
	}
	var upper, lower, other bool
	for _, c := range []byte(s[j : j+40]) {
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case isDigit(c) || c == '/' || c == '+':
			other = true
		default:
			return 0, 0
		}
	}
	if !upper || !lower || !other || j+40 < len(s) && (isAlnum(s[j+40]) || s[j+40] == '/' || s[j+40] == '+') {
		return 0, 0
	}
	return j, j + 40
}

// pemSecretLabels are the words of a PEM label that make its block a
// secret: private keys of every kind, and OpenVPN's static (tls-auth,
// tls-crypt) and tls-crypt-v2 keys, which are shared secrets.
var pemSecretLabels = [...]string{"PRIVATE KEY", "OpenVPN Static key", "tls-crypt-v2 server key", "tls-crypt-v2 client key"}

// findPEM masks -----BEGIN ... PRIVATE KEY----- blocks, and the other
// blocks pemSecretLabels names.
func findPEM(s string, spans []span) []span {
	spans = findPuTTY(s, spans)
	for i := 0; ; {
		j := strings.Index(s[i:], "-----BEGIN ")
		if j < 0 {
			return spans
		}
		start := i + j
		header := s[start:]
		nl := strings.Index(header[11:], "-----")
		secret := false
		for _, label := range pemSecretLabels {
			secret = secret || nl >= 0 && strings.Contains(header[11:11+nl], label)
		}
		if !secret {
			i = start + 11
			continue
		}
		end := len(s)
		if k := strings.Index(s[start+11:], "-----END "); k >= 0 {
			e := start + 11 + k + len("-----END ")
			if m := strings.Index(s[e:], "-----"); m >= 0 {
				end = e + m + 5
			}
		}
		spans = append(spans, span{start, end})
		i = end
	}
}

// findPuTTY masks the private part of PuTTY key files (.ppk): the lines
// after "Private-Lines: N", up to "Private-MAC:" or the end of the string.
func findPuTTY(s string, spans []span) []span {
	for i := 0; ; {
		j := strings.Index(s[i:], "PuTTY-User-Key-File-")
		if j < 0 {
			return spans
		}
		i += j + len("PuTTY-User-Key-File-")
		k := strings.Index(s[i:], "Private-Lines:")
		if k < 0 {
			return spans
		}
		start := i + k + len("Private-Lines:")
		for start < len(s) && (s[start] == ' ' || isDigit(s[start])) { // the line count
			start++
		}
		end := len(s)
		if m := strings.Index(s[start:], "Private-MAC:"); m >= 0 {
			end = start + m
		}
		// Line breaks, also as a quoted string writes them (\n).
		for end > start && (s[end-1] == '\n' || s[end-1] == '\r' || end-start >= 2 && s[end-2] == '\\' && (s[end-1] == 'n' || s[end-1] == 'r')) {
			if s[end-1] == '\n' || s[end-1] == '\r' {
				end--
			} else {
				end -= 2
			}
		}
		for start < end && (s[start] == '\n' || s[start] == '\r' || s[start] == '\\' && start+1 < end && (s[start+1] == 'n' || s[start+1] == 'r')) {
			if s[start] == '\\' {
				start += 2
			} else {
				start++
			}
		}
		if end > start {
			spans = append(spans, span{start, end})
		}
		i = max(i, end)
	}
}

// findCards masks Luhn-valid runs of 13 to 19 digits, with single spaces or
// dashes allowed between digits. In a longer run of digit groups ("4111 1111
// 1111 1111 5500..."), every window that starts and ends at a group
// boundary is considered, so a card next to other numbers is still found.
func findCards(s string, spans []span) []span {
	const maxRun = 128
	var (
		digits [maxRun]byte
		pos    [maxRun]int  // byte offset of each digit
		starts [maxRun]bool // digit i begins a group
	)
	for i := 0; i < len(s); {
		if !isDigit(s[i]) || (i > 0 && (isAlnum(s[i-1]) && !escapedStart(s, i) || s[i-1] == '.' || s[i-1] == '+') && !trackStart(s, i)) {
			i++
			continue
		}
		if i > 0 && s[i-1] == '%' && escapeEnd(s, i-1) == i+2 {
			i += 2 // the digits of a %HH escape ("%204111…"): the number starts after them
			continue
		}
		n, j, group := 0, i, 0
		for j < len(s) && n < maxRun {
			if isDigit(s[j]) {
				digits[n], pos[n], starts[n] = s[j]-'0', j, n == 0 || !isDigit(s[j-1])
				if starts[n] {
					group = 0
				}
				n++
				group++
				j++
				continue
			}
			if (s[j] == ' ' || s[j] == '-') && j+1 < len(s) && isDigit(s[j+1]) {
				j++
				continue
			}
			// A space written as a URL or a form writes it: %20 anywhere a
			// space may stand, '+' between groups of four or more
			// (4111+1111+…, 3782+822463+…).
			if sep := encodedSpaceAt(s, j); sep > 0 && (s[j] == '%' || group >= 4) && j+sep < len(s) && isDigit(s[j+sep]) {
				j += sep
				continue
			}
			// Other separators between groups of four: 4111.1111.1111.1111,
			// 4111/1111/…, 4111_1111_…, and no-break spaces.
			if (s[j] == '.' || s[j] == '/' || s[j] == '_') && group == 4 && j+4 < len(s) && isDigit(s[j+1]) && isDigit(s[j+4]) {
				j++
				continue
			}
			if s[j] == 0xc2 && j+2 < len(s) && s[j+1] == 0xa0 && isDigit(s[j+2]) {
				j += 2
				continue
			}
			// A tab between groups of four or more, as a TSV export splits
			// a number into cells (4111⇥1111⇥…, 3782⇥822463⇥10005), also
			// escaped (\t) in JSON text.
			if t := tabAt(s, j); t > 0 && group >= 4 && j+t+4 <= len(s) && allDigits(s[j+t:j+t+4]) {
				j += t
				continue
			}
			break
		}
		end := pos[n-1] + 1
		// A last group glued to letters or a decimal ("00A0", "12.5") cannot
		// end a card number; the groups before it still can.
		endOK := end == len(s) || !(isAlnum(s[end]) || s[end] == '.' && end+1 < len(s) && isDigit(s[end+1]))
		// A run longer than maxRun digits is cut: no window may end at the
		// cut, and the next pass starts at the first group of the last 19
		// digits (past any card found), so a card across the cut is found.
		cut := n == maxRun && j < len(s) && (isDigit(s[j]) || (s[j] == ' ' || s[j] == '-') && j+1 < len(s) && isDigit(s[j+1]))
		if cut {
			endOK = false
		}
		next := -1 // the digit the next pass starts at
		for a := 0; a+13 <= n; {
			if !starts[a] {
				a++
				continue
			}
			found := false
			for l := min(19, n-a); l >= 13; l-- {
				b := a + l // one past the window's last digit
				if (b == n && endOK || b < n && starts[b]) && cardPrefix(digits[a:b]) && luhn(digits[a:b]) {
					if numericKeyBefore(s, pos[a]) {
						break // the group at a is a key's number (order_id=42): a card may start at a later group
					}
					spans = append(spans, span{pos[a], cardTail(s, pos[b-1]+1)})
					a, found, next = b, true, b
					break
				}
			}
			if !found {
				a++
			}
		}
		i = end
		if cut {
			for a := max(n-19, next); a < n; a++ {
				if starts[a] {
					i = pos[a]
					break
				}
			}
		}
	}
	return spans
}

// encodedSpaceAt returns the length of the space at s[j] written as a
// URL's escape (%20) or a form's '+', or 0.
func encodedSpaceAt(s string, j int) int {
	switch {
	case s[j] == '+':
		return 1
	case s[j] == '%' && j+2 < len(s) && s[j+1] == '2' && s[j+2] == '0':
		return 3
	}
	return 0
}

// tabAt returns the length of the tab at s[j], written as it is or as
// the escape \t, or 0.
func tabAt(s string, j int) int {
	switch {
	case s[j] == '\t':
		return 1
	case s[j] == '\\' && j+1 < len(s) && s[j+1] == 't':
		return 2
	}
	return 0
}

// allDigits reports whether s is digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// trackStart reports whether the digit at s[i] opens the card number of
// a magnetic stripe's track 1 (%B4111…^ROE/JANE^2912…?).
func trackStart(s string, i int) bool {
	return i >= 2 && s[i-1] == 'B' && s[i-2] == '%'
}

// cardTail returns the end of the data that follows a card number ending
// at e and belongs to it: the rest of a magnetic stripe's track (track 1:
// ^NAME^expiry and discretionary data up to '?'; track 2: =expiry and
// discretionary data), or the fields of a card dump (|12|2029|123).
func cardTail(s string, e int) int {
	switch {
	case e < len(s) && s[e] == '^': // track 1
		k := e + 1
		for k < len(s) && s[k] != '?' && s[k] != '\n' && s[k] != '"' && k-e < 80 {
			k++
		}
		if k < len(s) && s[k] == '?' {
			k++
		}
		return k
	case e+4 < len(s) && s[e] == '=' && isDigit(s[e+1]) && isDigit(s[e+4]): // track 2
		k := e + 1
		for k < len(s) && isDigit(s[k]) {
			k++
		}
		if k < len(s) && s[k] == '?' {
			k++
		}
		return k
	case e+1 < len(s) && s[e] == '|' && isDigit(s[e+1]): // PAN|MM|YYYY|CVV
		k := e
		for f := 0; f < 3 && k+1 < len(s) && s[k] == '|' && isDigit(s[k+1]); f++ {
			m := k + 1
			for m < len(s) && (isDigit(s[m]) || s[m] == '/') && m-k <= 7 {
				m++
			}
			if m < len(s) && s[m] != '|' && isAlnum(s[m]) {
				break
			}
			k = m
		}
		return k
	}
	return e
}

// numericKeyBefore reports whether the number at s[i] is the value of a
// key whose last word names a number that is no card (duration_ns=…,
// bytes: …, "offset": …, order_id=…).
func numericKeyBefore(s string, i int) bool { return isNumericWord(numericKeyWord(s, i)) }

// isNumericWord reports whether w, in any case, is one of numericWords.
func isNumericWord(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	for x := range len(w) {
		buf[x] = w[x] | 0x20
	}
	return numericWords[string(buf[:len(w)])]
}

// numericKeyWord returns the last word of the key whose value starts at
// s[i] (key=…, key: …, "key": …), or "" when s[i] is no key's value.
func numericKeyWord(s string, i int) string {
	j := i
	if j > 0 && s[j-1] == '"' {
		j--
	}
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	if j == 0 || s[j-1] != '=' && s[j-1] != ':' {
		return ""
	}
	j--
	if j > 0 && s[j-1] == '"' {
		j--
	}
	e := j
	for j > 0 && (isAlnum(s[j-1]) || s[j-1] == '_' || s[j-1] == '-' || s[j-1] == '.') {
		j--
	}
	if e == j || e-j > 40 {
		return ""
	}
	k := e
	for k > j && isAlnum(s[k-1]) && !(isUpper(s[k-1]) && k-1 > j && s[k-2] >= 'a' && s[k-2] <= 'z') {
		k--
	}
	if k > j && isUpper(s[k-1]) { // camelCase: durationNs
		k--
	}
	return s[k:e]
}

// cardPrefix reports whether digits (13 to 19 of them) start as a payment
// card number of that length can (ISO/IEC 7812 issuer ranges of the card
// networks in use): 2 (Mastercard 2221-2720, Mir 2200-2204, 16 digits or
// more), 3 (Amex 34 and 37, 15 digits; Diners 300-305, 3095, 36, 38 and 39;
// JCB 3528-3589, 16 digits or more: so a 15-digit IMEI from 35 is no card),
// 4 (Visa), 5 (Mastercard, Maestro), 6 (Discover, UnionPay,
// Maestro, RuPay), 8 (RuPay 81-82, UzCard 8600), 9 (Troy 9792), and 1 only
// for 15-digit UATP. Snowflake ids and nanosecond timestamps start with 1
// and have 18 or 19 digits, so they are not cards.
func cardPrefix(d []byte) bool {
	switch d[0] {
	case 1:
		return len(d) == 15
	case 2: // Mir 2200-2204, Mastercard 2221-2720: never 20…, so a compact timestamp (20261202110833) is no card
		n := int(d[1])*100 + int(d[2])*10 + int(d[3])
		return len(d) >= 16 && (n >= 200 && n <= 204 || n >= 221 && n <= 720)
	case 3:
		p := int(d[1])*100 + int(d[2])*10 + int(d[3]) // the three digits after the 3
		switch {
		case d[1] == 4 || d[1] == 7: // Amex
			return len(d) == 15
		case d[1] == 0 && d[2] <= 5 || p == 95 || d[1] == 6 || d[1] == 8 || d[1] == 9: // Diners 300-305, 3095, 36, 38, 39
			return len(d) >= 14
		case p >= 528 && p <= 589: // JCB 3528-3589
			return len(d) >= 16
		}
		return false
	case 4, 5, 6:
		return true
	case 8:
		return d[1] == 1 || d[1] == 2 || (d[1] == 6 && d[2] == 0 && d[3] == 0)
	case 9:
		return d[1] == 7 && d[2] == 9 && d[3] == 2
	}
	return false
}

// intIsCard reports whether an integer value is a card number: 13 to 19
// digits, a card prefix, Luhn-valid. A duration counts: slog.JSONHandler
// writes it as its integer of nanoseconds.
func intIsCard(v slog.Value) bool {
	var u uint64
	switch v.Kind() {
	case slog.KindInt64:
		u = uint64(max(v.Int64(), 0))
	case slog.KindDuration:
		u = uint64(max(v.Duration(), 0))
	case slog.KindUint64:
		u = v.Uint64()
	case slog.KindFloat64:
		return floatIsCard(v.Float64())
	default:
		return false
	}
	return uintIsCard(u)
}

// floatIsCard reports whether f is a whole number that is a card number,
// as a JSON number decoded into an any becomes (4111111111111111.0).
func floatIsCard(f float64) bool {
	return f >= 1e12 && f < 1e19 && f == math.Trunc(f) && uintIsCard(uint64(f))
}

func uintIsCard(u uint64) bool {
	if u < 1e12 {
		return false
	}
	var buf [20]byte
	n := len(buf)
	for u > 0 {
		n--
		buf[n] = byte(u % 10)
		u /= 10
	}
	d := buf[n:]
	return len(d) >= 13 && len(d) <= 19 && cardPrefix(d) && luhn(d)
}

// luhn reports whether the digits pass the Luhn checksum.
func luhn(d []byte) bool {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i])
		if (len(d)-1-i)%2 == 1 {
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}

// itinGroup reports whether group, the middle of a number whose area
// starts with 9, is that of a US Individual Taxpayer Identification Number
// (50-65, 70-88, 90-92, 94-99), written as SSNs are.
func itinGroup(group string) bool {
	g := int(group[0]-'0')*10 + int(group[1]-'0')
	return g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94
}

// findSSN masks ddd-dd-dddd, ddd dd dddd and ddd.dd.dddd with valid
// area, group and serial numbers.
func findSSN(s string, spans []span) []span {
	for i := 0; i+11 <= len(s); i++ {
		sep := s[i+3]
		if (sep != '-' && sep != ' ' && sep != '.') || s[i+6] != sep || (i > 0 && (isAlnum(s[i-1]) && !escapedStart(s, i) || s[i-1] == '-' || s[i-1] == '+' || (sep == ' ' && isDigit(s[i-1])))) {
			continue
		}
		if i+11 < len(s) && (isAlnum(s[i+11]) || s[i+11] == '-' || (sep == ' ' && i+12 < len(s) && s[i+11] == ' ' && isDigit(s[i+12]))) {
			continue
		}
		if sep == '.' && !dottedSSNAt(s, i) {
			continue
		}
		ok := true
		for _, k := range []int{0, 1, 2, 4, 5, 7, 8, 9, 10} {
			if !isDigit(s[i+k]) {
				ok = false
				break
			}
		}
		area, group, serial := s[i:i+3], s[i+4:i+6], s[i+7:i+11]
		if !ok || area == "000" || area == "666" || area[0] == '9' && !itinGroup(group) || group == "00" || serial == "0000" {
			continue
		}
		spans = append(spans, span{i, i + 11})
		i += 10
	}
	return spans
}

func isEmailLocal(c byte) bool {
	return isAlnum(c) || strings.IndexByte("!#$%&'*+/=?^_`{|}~.-", c) >= 0
}

// findEmail masks local@domain.tld, with letters and digits outside
// ASCII in either part too (jörg@bücher.de, 用户@例子.广告), and with the
// '@' written as JSON's escape of it (jane\u0040example.com).
func findEmail(s string, spans []span) []span {
	raw, esc := strings.IndexByte(s, '@'), -1 // the next '@' and escaped '@' at or after i, or -1
	if strings.IndexByte(s, '\\') >= 0 {
		esc = strings.Index(s, escapedAt)
	}
	for i := 0; ; {
		at, width := nextAt(s, i, &raw, &esc)
		if at < 0 {
			return spans
		}
		if width == 1 && at > 0 && at+1 < len(s) && closingBracket(s[at-1]) == s[at+1] && s[at+1] != 0 {
			at, width = at-1, 3 // jane[@]example.org, jane(@)example.org: the '@' in brackets
		}
		start := at
		for start > i {
			if c := s[start-1]; c < utf8.RuneSelf {
				if !isEmailLocal(c) || c == '/' || c == '=' {
					break // a '/' or '=' before the address ends a path or a key: …/x509/x@y.com, email=a@b.c
				}
				start--
				continue
			}
			r, n := utf8.DecodeLastRuneInString(s[i:start])
			if !isWordRune(r) {
				break
			}
			start -= n
		}
		for start < at && strings.IndexByte("'`{}|.", s[start]) >= 0 {
			start++ // quotes and brackets around the address: 'a@b.c', {a@b.c}, | a@b.c |
		}
		local := s[start:at]
		if start == at && at > 0 && s[at-1] == '"' {
			start, local = quotedLocalPart(s, at) // "jane roe"@example.com
		}
		d := at + width - 1 // the last byte of the '@' or its escape: the domain follows
		if start < at {
			if e := domainLiteralEnd(s, d+1); e > 0 { // jane@[203.0.113.7]
				spans = append(spans, span{start, e})
				i = e
				continue
			}
		}
		end := d + 1
		for end < len(s) {
			if c := s[end]; c < utf8.RuneSelf {
				if !isAlnum(c) && c != '-' && c != '.' {
					break
				}
				end++
				continue
			}
			r, n := utf8.DecodeRuneInString(s[end:])
			if !isWordRune(r) {
				break
			}
			end += n
		}
		for end > d+1 && s[end-1] == '.' { // a sentence's full stop
			end--
		}
		// The domain needs a dot of its own: a sentence's full stop after
		// "admin@prod." makes no address of it.
		dot := strings.Contains(s[d:end], ".")
		if start < at && dot && end > d+3 && s[end-1] != '-' && strings.LastIndexByte(s[d:end], '.') < end-d-2 && emailDomainOK(s, d+1, end) &&
			!machineMailbox(local) && // noreply@…, postmaster@…: no person's mailbox
			!sshDestination(s, start) && // ssh deploy@build-4.internal: a login on a host
			!(inURLUserinfo(s, start) && end < len(s) && (s[end] == '/' || s[end] == ':')) { // ssh://git@host/…, https://oauth2:glpat-…@host/…: a URL's userinfo
			if start > 0 && s[start-1] == '<' && !roleAddress(s[start:at]) {
				if ns, ne := displayName(s, start-1); ne > ns {
					spans = append(spans, span{ns, ne}) // "Jane Roe" <jane@example.com>
				}
			}
			spans = append(spans, span{start, end})
		}
		i = d + 1
	}
}

// escapedAt is the '@' as JSON escapes it.
const escapedAt = `\u0040`

// nextAt returns the index of the next '@' in s from i, or of its escape,
// and its width; -1 when there is none. *esc is the index of the next
// escape at or after i, or -1: it is searched for again only once i has
// passed it, and so is the next '@' (*raw), so that s is read once
// however many of either it holds.
func nextAt(s string, i int, raw, esc *int) (int, int) {
	if *esc >= 0 && *esc < i {
		if *esc = strings.Index(s[i:], escapedAt); *esc >= 0 {
			*esc += i
		}
	}
	if *raw >= 0 && *raw < i {
		if *raw = strings.IndexByte(s[i:], '@'); *raw >= 0 {
			*raw += i
		}
	}
	if *esc >= 0 && (*raw < 0 || *esc < *raw) {
		return *esc, len(escapedAt)
	}
	return *raw, 1
}

// isWordRune reports whether r, outside ASCII, is a letter, a digit or a
// combining mark: what an internationalised address is written with.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// displayName returns the span of the display name before an address in
// angle brackets whose '<' is at s[lt] (From: "Jane Roe" <…>, To: Jane
// Roe <…>): the inside of a quoted name, or two or three capitalised
// words; a single word (GitHub <noreply@…>) is a sender's brand as often
// as a name, and is kept.
func displayName(s string, lt int) (int, int) {
	e := lt
	for e > 0 && s[e-1] == ' ' {
		e--
	}
	if e == lt || e == 0 {
		return 0, 0
	}
	if s[e-1] == '"' {
		if q := strings.LastIndexByte(s[:e-1], '"'); q >= 0 && e-1-q > 1 && !strings.ContainsAny(s[q+1:e-1], "\n<>") {
			return q + 1, e - 1
		}
		return 0, 0
	}
	start, words := e, 0
	for {
		w := lastWordStart(s, start)
		if w == start || !(isUpper(s[w]) || s[w] >= 0x80) {
			break
		}
		start, words = w, words+1
		if words == 3 || start < 2 || s[start-1] != ' ' {
			break // the third word, or no word before this one
		}
		if p := lastWordStart(s, start-1); p == start-1 || !(isUpper(s[p]) || s[p] >= 0x80) {
			break
		}
		start-- // the space before the word; the next word ends here
	}
	if words < 2 {
		return 0, 0
	}
	return start, e
}

// roleAddress reports whether the local part of an address names a role
// or a robot rather than a person (noreply, notifications, support), whose
// display name is a sender's brand (GitHub Actions <noreply@…>).
func roleAddress(local string) bool {
	var fb foldBuf
	switch fb.lower(local) {
	case "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "notifications", "notification",
		"notify", "support", "info", "hello", "alerts", "alert", "team", "bot", "mailer-daemon", "postmaster",
		"billing", "security", "admin", "news", "newsletter", "updates":
		return true
	}
	return false
}

// lastWordStart returns the start of the word of letters that ends at
// s[e].
func lastWordStart(s string, e int) int {
	for e > 0 && (isLetter(s[e-1]) || s[e-1] == '-' || s[e-1] == '\'' || s[e-1] >= 0x80) {
		e--
	}
	return e
}

// emailDomainOK reports whether s[from:end], after an '@', is the domain
// of an e-mail address: its last label is letters only and not a file
// extension ("icon@2x.png" is an image), and no ":path" follows it
// ("git@github.com:org/repo.git" is an SSH remote).
func emailDomainOK(s string, from, end int) bool {
	tld := s[from+strings.LastIndexByte(s[from:end], '.')+1 : end]
	for i := 0; i < len(tld); {
		if tld[i] < utf8.RuneSelf {
			if !isLetter(tld[i]) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(tld[i:])
		if !unicode.IsLetter(r) && !unicode.IsMark(r) { // рф, 广告, இந்தியா
			return false
		}
		i += n
	}
	var fb foldBuf
	if fileExtensions[fb.lower(tld)] {
		return false
	}
	return !(end+1 < len(s) && s[end] == ':' && s[end+1] != ' ' && !isDigit(s[end+1]))
}

// fileExtensions are the last labels of file names, which no e-mail
// domain ends with; a systemd unit's type ends its file's name too
// (getty@tty1.service, backup@daily.timer: a template's instance).
var fileExtensions = map[string]bool{
	"png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "webp": true, "ico": true,
	"bmp": true, "tif": true, "tiff": true, "avif": true, "heic": true, "js": true, "mjs": true, "css": true,
	"map": true, "json": true, "yaml": true, "yml": true, "toml": true, "txt": true, "md": true,
	"pdf": true, "zip": true, "gz": true, "tgz": true, "tar": true, "jar": true, "war": true,
	"html": true, "htm": true, "xml": true, "csv": true, "log": true, "go": true, "py": true,
	"rb": true, "java": true, "ts": true, "tsx": true, "jsx": true, "woff": true, "woff2": true,
	"ttf": true, "eot": true, "mp4": true, "mp3": true, "wav": true, "mov": true, "lock": true, "git": true,
	"service": true, "socket": true, "timer": true, "mount": true, "automount": true, "slice": true,
	"scope": true, "swap": true,
}

// Matches reports whether d finds anything in s.
func (d Detector) Matches(s string) bool {
	if d.find == nil || len(s) < d.min || scan(s)&d.need != d.need {
		return false
	}
	return len(d.find(s, nil)) > 0
}

// DetectDSN masks the credentials of data source names written without a
// URL scheme, as the Go MySQL driver takes them: "user:pass@tcp(host:3306)/db",
// "user:pass@unix(/tmp/mysql.sock)/db", "user:pass@/db", and
// "user:pass@host:5432/db" (also after a path's '/'; after "://" they are
// a URL's, DetectURLUserinfo's); and Oracle's connect strings,
// "user/pass@//host:1521/service" and "user/pass@host:1521/service", the
// password also in double quotes (user/"p@ss"@host:1521/service).
var DetectDSN = Detector{Name: "dsn", find: findDSN, need: hasAt, min: 6}

// oracleConnect reports whether the '@' at s[at] ends the credentials of
// an Oracle connect string, user/password@//host… or
// user/password@host:port/service (sqlplus, EZConnect), and where the user
// starts. A user/x@host without a port or "//" is left alone: that is also
// how package versions and paths are written (org/repo@v4). A password in
// double quotes, as sqlplus takes one that holds other bytes than letters,
// digits, '_', '$' and '#' (scott/"p@ss:w0rd"@db:1521/orcl), is one whole.
func oracleConnect(s string, at int) (int, bool) {
	c := at
	if at > 0 && s[at-1] == '"' {
		if q := strings.LastIndexByte(s[:at-1], '"'); q > 0 && s[q-1] == '/' && strings.IndexByte(s[q+1:at-1], '\n') < 0 {
			c = q // the opening quote, right after the '/'
		}
	}
	for c > 0 && s[c-1] != '/' && s[c-1] != ':' && s[c-1] != '@' && s[c-1] != '"' && s[c-1] != '\'' && s[c-1] > 0x20 {
		c--
	}
	if c < 2 || c == at || s[c-1] != '/' {
		return 0, false
	}
	u := c - 1
	for u > 0 && (isAlnum(s[u-1]) || s[u-1] == '_' || s[u-1] == '.' || s[u-1] == '-' || s[u-1] == '$') {
		u--
	}
	if u == c-1 || u > 0 && s[u-1] > ' ' && strings.IndexByte("=\"'(,;[", s[u-1]) < 0 {
		return 0, false // no user, or a path: a/b/c@…
	}
	rest := s[at+1:]
	if strings.HasPrefix(rest, "//") {
		return u, len(rest) > 2 && isAlnum(rest[2])
	}
	h := 0
	for h < len(rest) && (isAlnum(rest[h]) || rest[h] == '.' || rest[h] == '-') {
		h++
	}
	return u, h > 0 && h+1 < len(rest) && rest[h] == ':' && isDigit(rest[h+1])
}

// isDigestAlgorithm reports whether w names a content digest's algorithm,
// as an image reference writes it after '@' (nginx:1.25@sha256:…).
func isDigestAlgorithm(w string) bool {
	var fb foldBuf
	switch fb.lower(w) {
	case "sha256", "sha512", "sha384", "sha1", "blake3", "md5":
		return true
	}
	return false
}

func findDSN(s string, spans []span) []span {
	// Each '@' looks back over the token before it. Text that repeats '@'
	// inside one token ("a@b.a@b.…") would have every '@' walk back over
	// the same bytes, so each walk remembers where it started and what it
	// found: a later walk that reaches that start takes the earlier answer,
	// and every byte is walked over a bounded number of times.
	lastAt, lastC := -1, 0 // the previous '@' and the colon its walk found
	lastK, lastFirst := -1, 0
	lastUserC, lastU := -1, 0
	for i := 0; ; {
		k := strings.IndexByte(s[i:], '@')
		if k < 0 {
			return spans
		}
		at := i + k
		i = at + 1
		c := at // the colon between user and password
		for c > 0 && s[c-1] != ':' && s[c-1] != ' ' && s[c-1] != '/' && s[c-1] != '"' && s[c-1] != '\'' && s[c-1] > 0x20 {
			c--
			if c == lastAt {
				c = lastC // the walk from the previous '@' went on from here
				break
			}
		}
		lastAt, lastC = at, c
		if c == 0 || s[c-1] != ':' || c == at {
			if u, ok := oracleConnect(s, at); ok {
				spans = append(spans, span{u, at})
			}
			continue
		}
		// The password runs from the first colon of the token to the last
		// '@', as the driver reads it ("u:p:q@" is user u, password "p:q";
		// "u:p@q@tcp(h)/" is password "p@q"): masking from a later colon or
		// '@' would leave part of the password, and "u:p:" for the next
		// pass to read as another user and password (redacting redacted
		// text must change nothing).
		k0 := c - 1
		for k := k0; k > 0 && s[k-1] != ' ' && s[k-1] != '/' && s[k-1] != '"' && s[k-1] != '\'' && s[k-1] > 0x20; k-- {
			if k == lastK {
				// s[lastK] is a colon, so the first colon of the token
				// is the one the walk from lastK found.
				c = lastFirst
				break
			}
			if s[k-1] == ':' {
				c = k
			}
		}
		lastK, lastFirst = k0, c
		u := c - 1 // the user
		if c == lastUserC {
			u = lastU
		} else {
			for u > 0 && (isAlnum(s[u-1]) || s[u-1] == '_' || s[u-1] == '.' || s[u-1] == '-') {
				u--
			}
			lastUserC, lastU = c, u
		}
		if u == c-1 || u >= 3 && s[u-3:u] == "://" {
			continue // no user, or a URL's userinfo: DetectURLUserinfo's
		}
		rest := s[at+1:]
		ok := strings.HasPrefix(rest, "tcp(") || strings.HasPrefix(rest, "unix(") || strings.HasPrefix(rest, "udp(") ||
			strings.HasPrefix(rest, "/")
		if !ok { // host:port/ or host/
			h := 0
			for h < len(rest) && (isAlnum(rest[h]) || rest[h] == '.' || rest[h] == '-') {
				h++
			}
			ok = h > 0 && h < len(rest) && (rest[h] == '/' || rest[h] == ':' && h+1 < len(rest) && isDigit(rest[h+1])) &&
				!isDigestAlgorithm(rest[:h]) // nginx:1.25@sha256:0d17…: an image's digest
		}
		if ok {
			spans = append(spans, span{u, at})
		}
	}
}
