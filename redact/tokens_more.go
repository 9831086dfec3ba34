package redact

import "strings"

// moreFormats are prefixed credentials of vendors that document a token
// format of their own, and the values that a vendor's name as their key
// identifies (keyedVendors).
var moreFormats = append([]tokenFormat{
	// Telnyx API v2 keys: "KEY", a time-ordered UUID in 32 upper-case hex
	// digits (0 first until the 2040s), and the secret after '_' (the key
	// is sometimes quoted without it).
	{family: "telnyx", prefix: "KEY0", shape: telnyxBody},
	// Polar personal, organisation, OAuth access and refresh tokens, OAuth
	// client secrets and authorization codes (the client id, polar_ci_, is
	// public).
	{family: "polar", prefix: "polar_pat_", body: cURL, min: 32, mixed: true},
	{family: "polar", prefix: "polar_oat_", body: cURL, min: 32, mixed: true},
	{family: "polar", prefix: "polar_at_", body: cURL, min: 32, mixed: true},
	{family: "polar", prefix: "polar_rt_", body: cURL, min: 32, mixed: true},
	{family: "polar", prefix: "polar_cs_", body: cURL, min: 32, mixed: true},
	{family: "polar", prefix: "polar_ac_", body: cURL, min: 32, mixed: true},
	// Scaleway access keys: "SCW" and 17 upper-case letters and digits
	// (the secret key that goes with one is a UUID, masked by its key).
	{family: "scaleway", prefix: "SCW", body: cUAln, min: 17, max: 17, mixed: true},
	// Modal token secrets: "as-" and letters and digits (the token id
	// that goes with one, ak-…, is no secret).
	{family: "modal", prefix: "as-", body: cAlnum, min: 20, max: 40, mixed: true},
}, keyedFormats()...)

// telnyxBody matches the 31 upper-case hex digits of a UUID after its
// first, with a letter, then, optionally, '_' and 16 bytes or more of
// base64url.
func telnyxBody(s string, j int) int {
	e := run(s, j, cUHex)
	if e-j != 31 || !hasLetter(s[j:e]) {
		return 0
	}
	if e < len(s) && s[e] == '_' {
		if e2 := run(s, e+1, cURL); e2-e-1 >= 16 && wordEnd(s, e2) {
			return e2
		}
		return 0
	}
	if !wordEnd(s, e) {
		return 0
	}
	return e
}

// A keyedShape is the documented shape of a vendor's secret: n bytes of
// class (n to max when max > 0), after lead when lead is set.
type keyedShape struct {
	lead   string
	class  uint8
	n, max int
	// base64 adds '+' and '/' to class (not as the first byte: a path is
	// no key), and pad lets '=' padding end the value, counted in n.
	base64, pad bool
	// id marks an access id that goes with a secret (Sumo Logic's): it is
	// masked under a key that ends with "id", which others are not.
	id bool
}

// keyedVendors are vendors whose secrets have no prefix of their own but
// a length and an alphabet that, after the vendor's name as a key
// (cloudflare: "…", ("artifactory", "…"), SUMO_ACCESS_ID=…), identify
// them. The shapes are the ones the vendors issue (and that the public
// rule sets of secret scanners look for after these names). The
// prefilter admits a text by a whole name of more than four letters
// (longPrefixAt), so names that start common words (datadog, sentry,
// travis) cost a clean text nothing more.
var keyedVendors = []struct {
	family string
	words  []string
	shapes []keyedShape
}{
	{"cloudflare", []string{"cloudflare"}, []keyedShape{{class: cURL, n: 40}, {class: cHex, n: 37}}},
	{"jfrog", []string{"artifactory", "jfrog"}, []keyedShape{{class: cAlnum, n: 64}, {class: cAlnum, n: 73}}},
	{"sourcegraph", []string{"sourcegraph"}, []keyedShape{{class: cHex, n: 40}}},
	{"sumologic", []string{"sumologic", "sumo"}, []keyedShape{{lead: "su", class: cAlnum, n: 12, id: true}, {class: cAlnum, n: 64}}},
	{"adafruit", []string{"adafruit"}, []keyedShape{{class: cURL, n: 32}}},
	{"alibaba", []string{"alibaba"}, []keyedShape{{class: cAlnum, n: 30}}},
	{"algolia", []string{"algolia"}, []keyedShape{{class: cAlnum, n: 32}}},
	{"asana", []string{"asana"}, []keyedShape{{class: cAlnum, n: 32}}},
	{"atlassian", []string{"atlassian", "jira"}, []keyedShape{{class: cAlnum, n: 24}}},
	{"bitbucket", []string{"bitbucket"}, []keyedShape{{class: cURL, n: 64, pad: true}}},
	{"bittrex", []string{"bittrex"}, []keyedShape{{class: cAlnum, n: 32}}},
	{"cohere", []string{"cohere"}, []keyedShape{{class: cAlnum, n: 40}}},
	{"coinbase", []string{"coinbase"}, []keyedShape{{class: cURL, n: 64}}},
	{"discord", []string{"discord"}, []keyedShape{{class: cHex, n: 64}, {class: cURL, n: 32, pad: true}}},
	{"droneci", []string{"droneci"}, []keyedShape{{class: cAlnum, n: 32}}},
	{"etsy", []string{"etsy"}, []keyedShape{{class: cAlnum, n: 24}}},
	{"finnhub", []string{"finnhub"}, []keyedShape{{class: cAlnum, n: 20}}},
	{"flickr", []string{"flickr"}, []keyedShape{{class: cAlnum, n: 32}}},
	{"gitter", []string{"gitter"}, []keyedShape{{class: cURL, n: 40}}},
	{"kraken", []string{"kraken"}, []keyedShape{{class: cAlnum, base64: true, n: 80, max: 90, pad: true}}},
	{"kucoin", []string{"kucoin"}, []keyedShape{{class: cHex, n: 24}}},
	{"mattermost", []string{"mattermost"}, []keyedShape{{class: cAlnum, n: 26}}},
	{"meraki", []string{"meraki"}, []keyedShape{{class: cHex, n: 40}}},
	{"netlify", []string{"netlify"}, []keyedShape{{class: cURL, n: 40, max: 46, pad: true}}},
	{"nytimes", []string{"nytimes"}, []keyedShape{{class: cURL, n: 32, pad: true}}},
	{"rapidapi", []string{"rapidapi"}, []keyedShape{{class: cURL, n: 50}}},
	{"trello", []string{"trello"}, []keyedShape{{class: cAlnum, n: 32}}},
	{"twitch", []string{"twitch"}, []keyedShape{{class: cAlnum, n: 30}}},
	{"twitter", []string{"twitter"}, []keyedShape{{class: cAlnum, n: 25}, {class: cAlnum, n: 45}, {class: cAlnum, n: 50}}},
	{"zendesk", []string{"zendesk"}, []keyedShape{{class: cAlnum, n: 40}}},
	{"datadog", []string{"datadog"}, []keyedShape{{class: cHex, n: 32}, {class: cAlnum, n: 40}}},
	{"sentry", []string{"sentry"}, []keyedShape{{class: cHex, n: 64}}},
	{"sendbird", []string{"sendbird"}, []keyedShape{{class: cHex, n: 40}}},
	{"confluent", []string{"confluent"}, []keyedShape{{class: cAlnum, n: 64}, {class: cUAln, n: 16}}},
	{"contentful", []string{"contentful"}, []keyedShape{{class: cURL, n: 43}}},
	{"codecov", []string{"codecov"}, []keyedShape{{class: cAlnum, n: 32}, {class: cHex | cDash, n: 36}}},
	{"intercom", []string{"intercom"}, []keyedShape{{class: cURL, n: 60, pad: true}}},
	{"linear", []string{"linear"}, []keyedShape{{class: cHex, n: 32}}},
	{"linkedin", []string{"linkedin"}, []keyedShape{{class: cAlnum, n: 14}, {class: cAlnum, n: 16}}},
	{"looker", []string{"looker"}, []keyedShape{{class: cAlnum, n: 24}, {class: cAlnum, n: 20}}},
	{"fastly", []string{"fastly"}, []keyedShape{{class: cURL, n: 32}}},
	{"plaid", []string{"plaid"}, []keyedShape{{class: cAlnum, n: 30}, {class: cAlnum, n: 24}}},
	{"launchdarkly", []string{"launchdarkly"}, []keyedShape{{class: cURL, n: 40}}},
	{"messagebird", []string{"messagebird"}, []keyedShape{{class: cAlnum, n: 25}}},
	{"freshbooks", []string{"freshbooks"}, []keyedShape{{class: cAlnum, n: 64}}},
	{"finicity", []string{"finicity"}, []keyedShape{{class: cHex, n: 32}, {class: cAlnum, n: 20}}},
	{"travis", []string{"travis"}, []keyedShape{{class: cAlnum, n: 22}}},
}

// keyedFormats returns a catalog entry for each name of keyedVendors: the
// name, in any case, at the start of a key, and the value after it.
func keyedFormats() []tokenFormat {
	var out []tokenFormat
	for _, v := range keyedVendors {
		shapes := v.shapes
		for _, w := range v.words {
			out = append(out, tokenFormat{
				family: v.family,
				prefix: w,
				fold:   true,
				keyed:  true,
				shape: func(s string, j int) int {
					_, e := keyedValue(s, j, shapes)
					return e
				},
				part: func(s string, j, _ int) (int, int) { return keyedValue(s, j, shapes) },
			})
		}
	}
	return out
}

// maxKeyTail is how many bytes of a key may follow the vendor's name
// (cloudflare_global_api_key, sumologic.accessId).
const maxKeyTail = 40

// keyedValue returns the value of one of shapes that follows the rest of
// a key at s[j:] (the vendor's name ends at j), an operator (=, :, :=,
// =>, ->, ?=, the ',' of a tuple or an argument list, or the '>' that
// ends an XML start tag) and an optional quote, or 0, 0. The name must end a word of the key (cloudflared is no
// cloudflare), and a key that names an id, a digest or a version
// (cloudflare_zone_id, sourcegraph_commit_sha) holds no secret.
func keyedValue(s string, j int, shapes []keyedShape) (int, int) {
	if j < len(s) && charClass[s[j]]&(cLower|cLowerHex|cDigit) != 0 {
		return 0, 0
	}
	k := j
	for k < len(s) && k-j <= maxKeyTail && (charClass[s[k]]&cWord != 0 || s[k] == '-' || s[k] == '.') {
		k++
	}
	if k-j > maxKeyTail {
		return 0, 0
	}
	tail := s[j:k]
	k = skipQuote(s, k)
	k = skipBlanks(s, k)
	switch {
	case strings.HasPrefix(s[k:], ":="), strings.HasPrefix(s[k:], "=>"), strings.HasPrefix(s[k:], "->"),
		strings.HasPrefix(s[k:], "?="): // make's conditional assignment
		k += 2
	case k < len(s) && (s[k] == '=' || s[k] == ':' || s[k] == ',' || s[k] == '>'): // '>': an XML element's content
		k++
	default:
		return 0, 0
	}
	k = skipBlanks(s, k)
	k = skipQuote(s, k)
	if keyTailEndsWith(tail, keyNoSecretWords...) {
		return 0, 0
	}
	idKey := keyTailEndsWith(tail, "id", "ids", "uuid")
	for _, sh := range shapes {
		if idKey && !sh.id {
			continue
		}
		if e := sh.match(s, k); e > 0 {
			return k, e
		}
	}
	return 0, 0
}

// match returns the end of a value of shape sh at s[k:], or 0: exactly n
// bytes (n to max) of its class after its lead, with a digit and a
// letter, ending where a value ends (a quote, a space, a separator, the
// end of s); a value of a class wider than hex must hold a letter that is
// no hex digit (a digest is not such a token).
func (sh keyedShape) match(s string, k int) int {
	if !strings.HasPrefix(s[k:], sh.lead) {
		return 0
	}
	b := k + len(sh.lead)
	e := run(s, b, sh.class)
	for sh.base64 && e < len(s) && (s[e] == '+' || s[e] == '/') && e > b {
		e = run(s, e+1, sh.class)
	}
	for pad := 0; sh.pad && pad < 2 && e < len(s) && s[e] == '='; pad++ {
		e++
	}
	n := e - b
	if n < sh.n || sh.max == 0 && n != sh.n || sh.max > 0 && n > sh.max {
		return 0
	}
	v := s[b:e]
	if !hasDigit(v) || !hasLetter(v) || sh.class&^cHex != 0 && isHex(v) {
		return 0
	}
	if e < len(s) && !strings.ContainsRune(" \t\r\n\"'`;,)]}\\&<", rune(s[e])) {
		return 0 // a longer word, a host name, a path: not this value
	}
	return e
}

// keyTailEndsWith reports whether tail's last word, split on '_', '-',
// '.' and camelCase, is one of words in any case.
func keyTailEndsWith(tail string, words ...string) bool {
	i := len(tail)
	isUpper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	if i > 0 && isUpper(tail[i-1]) {
		for i > 0 && (isUpper(tail[i-1]) || isDigit(tail[i-1])) {
			i-- // ZONE_ID
		}
	} else {
		for i > 0 && (isDigit(tail[i-1]) || tail[i-1] >= 'a' && tail[i-1] <= 'z') {
			i--
		}
		if i > 0 && isUpper(tail[i-1]) {
			i-- // accessId
		}
	}
	last := tail[i:]
	for _, w := range words {
		if strings.EqualFold(last, w) {
			return true
		}
	}
	return false
}

// skipQuote steps over a quote at s[k] (or an escaped one, \").
func skipQuote(s string, k int) int {
	if k+1 < len(s) && s[k] == '\\' && isQuote(s[k+1]) {
		return k + 2
	}
	if k < len(s) && isQuote(s[k]) {
		return k + 1
	}
	return k
}

// A vendorKey is a vendor that an attr's or a map's key names, and
// whether the key names an id (only the shapes of an id are masked under
// it then).
type vendorKey struct {
	shapes []keyedShape
	idKey  bool
}

// masks reports whether v, whole, is one of k's shapes.
func (k *vendorKey) masks(v string) bool {
	for _, sh := range k.shapes {
		if k.idKey && !sh.id {
			continue
		}
		if e := sh.match(v, 0); e == len(v) && e > 0 {
			return true
		}
	}
	return false
}

// keyedNames lists keyedVendors' names by their first four bytes, folded
// with |0x20 (foldQuad), for vendorOfKey.
var keyedNames = func() map[uint32][]keyedName {
	m := map[uint32][]keyedName{}
	for i, v := range keyedVendors {
		for _, w := range v.words {
			m[foldQuad(w)] = append(m[foldQuad(w)], keyedName{w, i})
		}
	}
	return m
}()

// A keyedName is one name of keyedVendors[vendor].
type keyedName struct {
	word   string
	vendor int
}

// vendorOfKey returns the vendor that key names, or nil: a vendor's name
// in any case at the start of the key or of a word after '_', '-' or '.'
// (TF_VAR_cloudflare), ending a word (cloudflared names no vendor),
// with at most maxKeyTail bytes after it, the last of which name no id
// of the vendor's, no digest and no version (keyedValue's rule). It is
// called once per key (verdicts are cached): one map lookup per word
// start.
func vendorOfKey(key string) *vendorKey {
	for p := 0; p+4 <= len(key); p++ {
		if p > 0 && key[p-1] != '_' && key[p-1] != '-' && key[p-1] != '.' {
			continue
		}
		for _, n := range keyedNames[foldQuad(key[p:])] {
			j := p + len(n.word)
			if j > len(key) || !strings.EqualFold(key[p:j], n.word) {
				continue
			}
			if j < len(key) && charClass[key[j]]&(cLower|cLowerHex|cDigit) != 0 {
				continue
			}
			tail := key[j:]
			if len(tail) > maxKeyTail || keyTailEndsWith(tail, keyNoSecretWords...) {
				return nil
			}
			return &vendorKey{shapes: keyedVendors[n.vendor].shapes, idKey: keyTailEndsWith(tail, "id", "ids", "uuid")}
		}
	}
	return nil
}

// keyNoSecretWords are the last words of a key that names a digest or a
// version of a vendor's (sourcegraph_commit_sha): no secret is under it.
var keyNoSecretWords = []string{"sha", "commit", "hash", "digest", "checksum", "version", "rev", "revision", "etag"}
