package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// tokenExact runs the token detector alone on each input and checks the
// exact output.
func tokenExact(t *testing.T, cases map[string]string) {
	t.Helper()
	r := only(redact.DetectTokens)
	for in, want := range cases {
		got, masked := r.String(in)
		require.Equal(t, want, got, "%q", in)
		require.Equal(t, want != in, masked, "%q", in)
	}
}

// TestTokensOneByteApart: two tokens with one byte between them are both
// masked. Catches the search resuming two bytes after a token instead of
// one, which skipped the first byte of the next.
func TestTokensOneByteApart(t *testing.T) {
	tok := "ghp_" + strings.Repeat("a1B2", 9)
	tokenExact(t, map[string]string{
		tok + " " + tok: "[REDACTED] [REDACTED]",
		tok + "," + tok: "[REDACTED],[REDACTED]",
	})
}

// TestTokenBodyCounts: a body that must mix digits and letters is judged
// by its letters and digits, not by its other bytes, and a format with no
// length limit ends where its body's bytes end. Catches digits counted as
// letters (a body of digits and dashes taken for a Databricks token) and
// the end-of-word check of fixed-length formats applied to the others.
func TestTokenBodyCounts(t *testing.T) {
	tokenExact(t, map[string]string{
		"dapi12345678-12345678-12345678-12345678":  "dapi12345678-12345678-12345678-12345678",
		"dapi1234abcd-12345678-12345678-12345678":  "[REDACTED]",
		"dapi0123456789abcdef0123456789abcdefXYZ":  "[REDACTED]XYZ",
		"dapi0123456789abcdef0123456789abcdef XYZ": "[REDACTED] XYZ",
	})
}

// TestMapboxSegments: Mapbox tokens are "pk." or "sk.", 60 or more
// alphanumerics, a dot, 22 or more. Catches the segments' lengths counted
// from the wrong end (a short first segment far into the text, a second
// of 20 or 21) and a first segment that ends the text read past its end.
func TestMapboxSegments(t *testing.T) {
	a60, a22 := strings.Repeat("aB3", 20), strings.Repeat("x7", 11)
	pad := strings.Repeat("w", 60) + " "
	tokenExact(t, map[string]string{
		"pk." + a60 + "." + a22:             "[REDACTED]",
		"pk." + a60 + "." + a22[:21]:        "pk." + a60 + "." + a22[:21],
		"pk." + a60 + "." + a22[:20]:        "pk." + a60 + "." + a22[:20],
		pad + "pk." + a60[:10] + "." + a22:  pad + "pk." + a60[:10] + "." + a22,
		pad + "pk." + a60[:59] + "." + a22:  pad + "pk." + a60[:59] + "." + a22,
		"pk." + a60:                         "pk." + a60,
		"pk." + a60 + "x":                   "pk." + a60 + "x",
		"pk." + a60 + ".":                   "pk." + a60 + ".",
		"sk." + a60 + "." + a22 + " and on": "[REDACTED] and on",
	})
}

// TestYandexIAMShape: "t1.", a base64url segment, up to two '=', a dot,
// 86 or more base64url bytes, up to two '='. Catches the '=' runs taking
// three or none or stepping back, the second segment's length counted from
// the wrong end, text ending inside the token read past its end, and a
// token glued to a letter after its '=' taken.
func TestYandexIAMShape(t *testing.T) {
	seg, long := strings.Repeat("aB3-", 5), strings.Repeat("xY7_", 22)
	tokenExact(t, map[string]string{
		"t1." + seg + "=." + long:          "[REDACTED]",
		"t1." + seg + "==." + long:         "[REDACTED]",
		"t1." + seg + "===." + long:        "t1." + seg + "===." + long,
		"t1." + seg:                        "t1." + seg,
		"t1." + seg + "=":                  "t1." + seg + "=",
		"t1." + seg + "." + long[:85]:      "t1." + seg + "." + long[:85],
		"t1." + seg + "." + long[:86]:      "[REDACTED]",
		"t1." + seg + "." + long + "=":     "[REDACTED]",
		"t1." + seg + "." + long + "==":    "[REDACTED]",
		"t1." + seg + "." + long + "===":   "[REDACTED]=",
		"t1." + seg + "." + long + "==x":   "t1." + seg + "." + long + "==x",
		"t1." + seg + "." + long + "==.":   "[REDACTED].",
		"t1." + seg + "." + long + "== ok": "[REDACTED] ok",
	})
}

// TestSquareBodyShape: after "EAAA", 22 or more base64url bytes with a
// letter and a digit (or both cases); a body under 56 bytes must not open
// with 'A'. Catches the body's length counted from the start of the text
// (a short body far into it taken), the 56-byte bound moved by one, and
// the digit check inverted.
func TestSquareBodyShape(t *testing.T) {
	mixed := strings.Repeat("b7Xq", 14) // 56 bytes
	tokenExact(t, map[string]string{
		"EAAA" + mixed[:22]:              "[REDACTED]",
		"EAAA" + mixed[:21]:              "EAAA" + mixed[:21],
		"cursor id EAAA" + mixed[:16]:    "cursor id EAAA" + mixed[:16],
		"EAAAA" + mixed[:55]:             "[REDACTED]",
		"EAAAA" + mixed[:54]:             "EAAAA" + mixed[:54],
		"EAAA" + strings.Repeat("7", 30): "EAAA" + strings.Repeat("7", 30),
		// Digits and one case of letters, or both cases and no digit,
		// make a body; letters of one case alone do not.
		"EAAA" + strings.Repeat("b7xq", 6): "[REDACTED]",
		"EAAA" + strings.Repeat("bXqZ", 6): "[REDACTED]",
		"EAAA" + strings.Repeat("bxqz", 6): "EAAA" + strings.Repeat("bxqz", 6),
	})
}

// TestAirtableShape: "pat", 14 alphanumerics, a dot, 64 lower-case hex
// digits. Catches text that ends after the 14 read past its end.
func TestAirtableShape(t *testing.T) {
	a14, h64 := strings.Repeat("aB3c5D7", 2), strings.Repeat("0a1b2c3d", 8)
	tokenExact(t, map[string]string{
		"pat" + a14 + "." + h64:       "[REDACTED]",
		"pat" + a14:                   "pat" + a14,
		"pat" + a14[:13] + "x." + h64: "[REDACTED]",
		"pat" + a14 + "x." + h64:      "pat" + a14 + "x." + h64,
		"pat" + a14 + "." + h64[:63]:  "pat" + a14 + "." + h64[:63],
		"pat" + a14 + "." + h64 + "0": "pat" + a14 + "." + h64 + "0",
	})
}

// TestSlackCookieLength: "xoxd-" and 40 or more base64 bytes, which may be
// %-escaped. Catches the length bound moved by one and the length counted
// from the start of the text (a short body far into it taken).
func TestSlackCookieLength(t *testing.T) {
	b40 := strings.Repeat("aB3%2F", 6) + "xY7z" // 40 bytes
	tokenExact(t, map[string]string{
		"xoxd-" + b40:               "[REDACTED]",
		"xoxd-" + b40[:39]:          "xoxd-" + b40[:39],
		"cookie d=xoxd-" + b40[:30]: "cookie d=xoxd-" + b40[:30],
	})
}

// TestDiscordBotShape: two bytes of the user id ("MT", "Nj", …), 22 to 26
// more alphanumerics, a dot, 6 or 7 base64url bytes, a dot, 27 or more.
// Catches each bound moved by one, the last segment's length counted from
// the wrong end, and text that ends after a segment read past its end.
func TestDiscordBotShape(t *testing.T) {
	a26, b7, c27 := strings.Repeat("aB3cD", 5)+"e", "Gx-7_aQ", strings.Repeat("zY9-_", 5)+"Qw"
	tokenExact(t, map[string]string{
		"MT" + a26[:22] + "." + b7[:6] + "." + c27:        "[REDACTED]",
		"MT" + a26 + "." + b7 + "." + c27:                 "[REDACTED]",
		"MT" + a26[:21] + "." + b7 + "." + c27:            "MT" + a26[:21] + "." + b7 + "." + c27,
		"MT" + a26 + "x." + b7 + "." + c27:                "MT" + a26 + "x." + b7 + "." + c27,
		"MT" + a26 + "." + b7[:5] + "." + c27:             "MT" + a26 + "." + b7[:5] + "." + c27,
		"MT" + a26 + "." + b7 + "x." + c27:                "MT" + a26 + "." + b7 + "x." + c27,
		"MT" + a26 + "." + b7 + "." + c27[:26]:            "MT" + a26 + "." + b7 + "." + c27[:26],
		"MT" + a26 + "." + b7 + "." + c27[:25]:            "MT" + a26 + "." + b7 + "." + c27[:25],
		"MT" + a26:                                        "MT" + a26,
		"MT" + a26 + "." + b7:                             "MT" + a26 + "." + b7,
		"bot MT" + a26[:22] + "." + b7 + "." + c27 + " x": "bot [REDACTED] x",
	})
}

// TestTwitterBearerLength: 22 A's, then 80 to 100 alphanumerics or
// %-escapes. Catches either bound moved by one.
func TestTwitterBearerLength(t *testing.T) {
	a22, body := strings.Repeat("A", 22), strings.Repeat("b7%3DxQ9z2K", 10)[:101]
	tokenExact(t, map[string]string{
		a22 + body[:80]:  "[REDACTED]",
		a22 + body[:100]: "[REDACTED]",
		a22 + body[:79]:  a22 + body[:79],
		a22 + body:       a22 + body,
	})
}

// TestFreemiusShape: "sk_" and exactly 29 printable bytes other than
// quotes, ',' and ';', holding a digit and both cases; a sentence's
// punctuation after them is not part of the key. Catches a quote taken
// into the body, the punctuation stripped from a body of 29 (or not from
// one of 30), the byte after the end read instead of the last, and the
// stripping walking forward.
func TestFreemiusShape(t *testing.T) {
	k29 := strings.Repeat("aB3$-", 6)[:29]
	tokenExact(t, map[string]string{
		"sk_" + k29:                  "[REDACTED]",
		`key="sk_` + k29 + `"`:       `key="[REDACTED]"`,
		"sk_" + k29[:28] + "!":       "[REDACTED]",
		"sk_" + k29[:28] + ".":       "[REDACTED]",
		"sk_" + k29 + ".":            "[REDACTED].",
		"sk_" + k29 + "?)":           "[REDACTED]?)",
		"use sk_" + k29 + ". Then":   "use [REDACTED]. Then",
		"sk_" + k29 + "x":            "sk_" + k29 + "x",
		"sk_" + strings.ToLower(k29): "sk_" + strings.ToLower(k29),
	})
}

// TestTokenJWTShape: the catalog's JWT shape, "ey", 17 or more
// alphanumerics, ".ey", 17 or more base64url bytes (dots, '/' and '\'
// allowed), no trailing full stop. Catches the first segment's bound moved
// by one or counted from the start of the text, text ending inside ".ey"
// read past its end, the body running on over spaces, and a sentence's
// full stop kept in the token.
func TestTokenJWTShape(t *testing.T) {
	a17, b17 := strings.Repeat("aB3cD", 4)[:17], strings.Repeat("x_9-Z", 4)[:17]
	tokenExact(t, map[string]string{
		"ey" + a17 + ".ey" + b17:                "[REDACTED]",
		"ey" + a17[:16] + ".ey" + b17:           "ey" + a17[:16] + ".ey" + b17,
		"jwt ey" + a17[:16] + ".ey" + b17:       "jwt ey" + a17[:16] + ".ey" + b17,
		"ey" + a17 + ".ey" + b17[:16]:           "ey" + a17 + ".ey" + b17[:16],
		"ey" + a17 + ".e":                       "ey" + a17 + ".e",
		"ey" + a17 + ".ey":                      "ey" + a17 + ".ey",
		"ey" + a17 + ".ey" + b17 + " next":      "[REDACTED] next",
		"ey" + a17 + ".ey" + b17 + ".":          "[REDACTED].",
		"ey" + a17 + ".ey" + b17 + ".sig":       "[REDACTED]",
		`"ey` + a17 + ".ey" + b17 + `\/x", "k"`: `"[REDACTED]", "k"`,
	})
}

// TestMarkedTokensAtTheirShortest: formats found by a marker inside them,
// in a string no longer than the token. Catches the length gates before
// each search moved by one: a Mailchimp key is 36 bytes, a Teams webhook
// of the "outlook.office.com/webhook/" form 67; and a "-us" at the start
// of the text ending the search for Mailchimp keys.
func TestMarkedTokensAtTheirShortest(t *testing.T) {
	mailchimp := strings.Repeat("0a1b2c3d", 4) + "-us1"
	teams := "outlook.office.com/webhook/" + strings.Repeat("a1b2-c3d4/", 4)
	require.Len(t, mailchimp, 36)
	require.Len(t, teams, 67)
	tokenExact(t, map[string]string{
		mailchimp:        "[REDACTED]",
		mailchimp[1:]:    mailchimp[1:],
		teams:            "outlook.office.com/webhook/[REDACTED]/[REDACTED]/[REDACTED]/[REDACTED]/",
		teams[:66]:       teams[:66],
		"x " + mailchimp: "x [REDACTED]",
		// A "-us" where the search resumes does not end it.
		"-us " + mailchimp: "-us [REDACTED]",
	})
}

// TestAzureSecretHead: an Azure AD client secret is 3 bytes of letters,
// digits, '_', '~' or '.', a digit, "Q~" and 31 or more. Catches each
// allowed byte of the head refused, and others allowed.
func TestAzureSecretHead(t *testing.T) {
	body := strings.Repeat("xY7-_.~z", 5)[:34]
	tokenExact(t, map[string]string{
		"abc8Q~" + body:         "[REDACTED]",
		"a_b8Q~" + body:         "[REDACTED]",
		"a~b8Q~" + body:         "[REDACTED]",
		"a.b8Q~" + body:         "[REDACTED]",
		"a-b8Q~" + body:         "a-b8Q~" + body,
		"a b8Q~" + body:         "a b8Q~" + body,
		"abcxQ~" + body:         "abcxQ~" + body,
		"abc8Q~" + body[:30]:    "abc8Q~" + body[:30],
		"id=abc8Q~" + body[:31]: "id=[REDACTED]",
	})
}

// TestTelegramBotShape: 5 to 16 digits, ':', 'A' and 33 or 34 more
// base64url bytes, a digit among them. Catches the digit count taken from the start
// of the text (four digits far into it taken) and the digit looked for in
// the bot id instead of the secret.
func TestTelegramBotShape(t *testing.T) {
	s34, letters := strings.Repeat("bC7_x-", 6)[:34], strings.Repeat("bCx_y-", 6)[:34]
	tokenExact(t, map[string]string{
		"12345:A" + s34:                "[REDACTED]",
		"bot 12345:A" + s34 + " ok":    "bot [REDACTED] ok",
		"bot 1234:A" + s34:             "bot 1234:A" + s34,
		"id 1234567890123456:A" + s34:  "id [REDACTED]",
		"id 12345678901234567:A" + s34: "id 12345678901234567:A" + s34,
		"12345:A" + letters:            "12345:A" + letters,
		"12345:A" + s34[:33]:           "[REDACTED]",
		"12345:A" + s34[:32]:           "12345:A" + s34[:32],
		"12345:A" + s34 + "z":          "12345:A" + s34 + "z",
		"x12345:A" + s34:               "x12345:A" + s34,
	})
}

// TestAuthressKeyShape: an Authress service client key, "sc_" (or "ext_",
// "scauth_", "authress_") and an id, a dot, 4 to 6 bytes, ".acc", '_' or
// '-', and 40 or more bytes. Catches the 60-byte gate and the 40-byte
// bound moved by one or counted from the wrong end, the '-' form refused,
// a ".acc" at the start of the text ending the search, and text ending
// after ".acc" read past its end.
func TestAuthressKeyShape(t *testing.T) {
	sec := strings.Repeat("aB3.x-Y7/z", 5) // 50 bytes
	key := "sc_abcdef.12345.acc_" + sec[:40]
	require.Len(t, key, 60)
	tokenExact(t, map[string]string{
		key:                                        "[REDACTED]",
		"scauth_abcdef.12345.acc-" + sec[:40]:      "[REDACTED]",
		"scauth_abcdef.12345.acc_" + sec[:39]:      "scauth_abcdef.12345.acc_" + sec[:39],
		"scauth_abcdef.12345.acc." + sec[:40]:      "scauth_abcdef.12345.acc." + sec[:40],
		".acc then sc_abcdef.12345.acc_" + sec:     ".acc then [REDACTED]",
		"authress_abcdef.12345.acc_" + sec + " ok": "[REDACTED] ok",
		"user_abcdef.12345.acc_" + sec:             "user_abcdef.12345.acc_" + sec,
		sec + " sc_abcdef.12345.acc":               sec + " sc_abcdef.12345.acc",
	})
}

// TestFacebookAppTokenShape: a 15 or 16 digit app id, '|', 27 or more
// base64url bytes. Catches a '|' right where the search resumes ending it.
func TestFacebookAppTokenShape(t *testing.T) {
	sec := strings.Repeat("aB3-x_Y7z", 4)[:27]
	tokenExact(t, map[string]string{
		"123456789012345|" + sec:      "[REDACTED]",
		"1234567890123456|" + sec:     "[REDACTED]",
		"12345678901234|" + sec:       "12345678901234|" + sec,
		"12345678901234567|" + sec:    "12345678901234567|" + sec,
		"123456789012345|" + sec[:26]: "123456789012345|" + sec[:26],
		"a || 123456789012345|" + sec: "a || [REDACTED]",
		"| 123456789012345|" + sec:    "| [REDACTED]",
		"x123456789012345|" + sec:     "x123456789012345|" + sec,
	})
}

// TestUUIDAndBraintreeShapes: LaunchDarkly keys need a canonical UUID
// after "sdk-"/"mob-", and Braintree tokens a known environment, a
// 16-byte merchant id and exactly 32 hex digits. Catches the UUID's dash
// positions going unchecked and any of Braintree's lengths loosened.
func TestUUIDAndBraintreeShapes(t *testing.T) {
	const merchant, hex32 = "k7x2m9q4w1z8c5v3", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	tokenExact(t, map[string]string{
		"k=sdk-3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c":             "k=[REDACTED]",
		"k=mob-3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c.":            "k=[REDACTED].",
		"k=sdk-3f2a1c9e7-b4d-4e8a-9c6f-0d1e2f3a4b5c":             "k=sdk-3f2a1c9e7-b4d-4e8a-9c6f-0d1e2f3a4b5c",  // a dash one byte late
		"k=sdk-3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c7":            "k=sdk-3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c7", // 13 in the last group
		"t=access_token$production$" + merchant + "$" + hex32:    "t=[REDACTED]",
		"t=access_token$qa$" + merchant + "$" + hex32 + " ok":    "t=[REDACTED] ok",
		"t=access_token$production":                              "t=access_token$production",             // ends after the environment
		"t=access_token$production$" + merchant:                  "t=access_token$production$" + merchant, // ends after the merchant id
		"t=access_token$staging$" + merchant + "$" + hex32:       "t=access_token$staging$" + merchant + "$" + hex32,
		"t=access_token$sandbox$" + merchant[1:] + "$" + hex32:   "t=access_token$sandbox$" + merchant[1:] + "$" + hex32,
		"t=access_token$sandbox$" + merchant + "x$" + hex32:      "t=access_token$sandbox$" + merchant + "x$" + hex32,
		"t=access_token$sandbox$" + merchant + "$" + hex32[1:]:   "t=access_token$sandbox$" + merchant + "$" + hex32[1:],
		"t=access_token$sandbox$" + merchant + "$" + hex32 + "a": "t=access_token$sandbox$" + merchant + "$" + hex32 + "a",
		"t=access_token$sandbox$" + merchant + "-" + hex32:       "t=access_token$sandbox$" + merchant + "-" + hex32,
		"t=access_token$sandbox" + merchant:                      "t=access_token$sandbox" + merchant,
		"t=access_token$sandbox-" + merchant + "$" + hex32:       "t=access_token$sandbox-" + merchant + "$" + hex32,
	})
}
