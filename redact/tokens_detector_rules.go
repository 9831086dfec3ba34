package redact

import "strings"

// detectorRuleFormats are prefixed credentials that the detectors of
// TruffleHog recognise by a prefix and a layout and the catalog had not:
// vendors' keys (Alchemy, pganalyze, Spectral, Azure API Management), the
// user tokens of a family whose server tokens were listed (42's u-s4t2…),
// Figma's OAuth tokens beside its personal ones, Alibaba's 16-byte
// AccessKey IDs and New Relic's EU-region keys. A prefix that may start a
// word (LTAI, figo_) comes with an exact layout: a length, a closing mark,
// or an alphabet mixing cases and digits.
var detectorRuleFormats = []tokenFormat{
	// Alchemy access keys: "alcht_" and 30 base62 bytes.
	{family: "alchemy", prefix: "alcht_", shape: randomBody(cAlnum, 30, 30)},
	// pganalyze API keys that read only: "pgar_" and 27 base62 bytes.
	{family: "pganalyze", prefix: "pgar_", shape: randomBody(cAlnum, 27, 27)},
	// SpectralOps personal tokens: "spu-" and 32 lower-case letters and
	// digits.
	{family: "spectral", prefix: "spu-", shape: lowerKeyBody(32)},
	// 42 (intra.42.fr) user access tokens, beside the server ones.
	{family: "intra42", prefix: "u-s4t2ud-", body: cHex, min: 64},
	{family: "intra42", prefix: "u-s4t2af-", body: cHex, min: 64},
	// Figma OAuth tokens (figo_, figr_, figor_, figoh_), beside the
	// personal figd_. (figu_ and figur_ would make prose's figure… a
	// candidate of every clean string that holds it.)
	{family: "figma", prefix: "figo_", body: cURL, min: 40, mixed: true},
	{family: "figma", prefix: "figr_", body: cURL, min: 40, mixed: true},
	{family: "figma", prefix: "figor_", body: cURL, min: 40, mixed: true},
	{family: "figma", prefix: "figoh_", body: cURL, min: 40, mixed: true},
	// Alibaba Cloud AccessKey IDs of the older, shorter kind: "LTAI" and
	// 12 to 19 base62 bytes mixing cases or letters and digits (the
	// catalog's entry reads 20 and more).
	{family: "alibaba", prefix: "LTAI", shape: alibabaKeyIDBody},
	// New Relic mobile application tokens in the EU region: "eu01xx", 36
	// hex digits, "-NRMA"; the EU license key "eu01xx", 26 hex digits,
	// "FFFFNRAL" is read by the same shape. (The US form, "AA", 40 hex
	// digits, "-NRMA", is found by its mark: findKeyedTokens.)
	{family: "newrelic", prefix: "eu01xx", shape: newRelicEUBody},
	// Azure API Management's Git access passwords: "git&", an expiry of
	// 12 digits, '&', and 86 base64 bytes with "==".
	{family: "azure", prefix: "git&", shape: apimGitBody},
}

// newRelicMobileBody matches n hex digits followed by "-NRMA" at the end
// of a word.
func newRelicMobileBody(n int) func(string, int) int {
	return func(s string, j int) int {
		e := run(s, j, cHex)
		if e-j != n || !strings.HasPrefix(s[e:], "-NRMA") || !wordEnd(s, e+5) || !hasDigit(s[j:e]) {
			return 0
		}
		return e + 5
	}
}

// newRelicEUBody matches the body of a New Relic EU-region key after
// "eu01xx": 36 hex digits and "-NRMA" (a mobile application token), or
// 26 hex digits and "FFFFNRAL" (a license key).
func newRelicEUBody(s string, j int) int {
	if e := newRelicMobileBody(36)(s, j); e > 0 {
		return e
	}
	e := run(s, j, cLHex)
	if e-j != 26 || !strings.HasPrefix(s[e:], "FFFFNRAL") || !wordEnd(s, e+8) {
		return 0
	}
	return e + 8
}

// apimGitBody matches the rest of an Azure API Management Git password
// after "git&": 12 digits, '&', 86 bytes of standard base64 and "==".
// The token ends at its padding: a '/' after it starts the next segment
// of a path.
func apimGitBody(s string, j int) int {
	e := run(s, j, cDigit)
	if e-j != 12 || e >= len(s) || s[e] != '&' {
		return 0
	}
	k := e + 1
	for k < len(s) && isB64Std(s[k]) {
		k++
	}
	if k-e-1 != 86 || !strings.HasPrefix(s[k:], "==") || !wordEnd(s, k+2) || k+2 < len(s) && s[k+2] == '=' {
		return 0
	}
	return k + 2
}

// alibabaKeyIDBody matches 12 to 19 letters and digits that mix upper
// and lower case, or letters and digits, ending a word: a generated id,
// not a word in capitals (LTAINTERNATIONAL).
func alibabaKeyIDBody(s string, j int) int {
	e := run(s, j, cAlnum)
	if n := e - j; n < 12 || n > 19 || !wordEnd(s, e) {
		return 0
	}
	if b := s[j:e]; !mixedCase(b) && !(hasDigit(b) && hasLetter(b)) {
		return 0
	}
	return e
}
