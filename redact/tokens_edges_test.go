package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestTokenFormatEdges: the token detector by itself, at the edges of each
// kind of rule: the shortest and longest bodies, a token glued to the word
// before or after it, a prefix matched in any case only where the format
// says so, bodies that must mix digits and letters, and the formats found
// by a marker inside them (Azure, Telegram, Facebook, Mailchimp, OpenAI,
// Terraform Cloud). Each output is exact: the token and nothing else is
// masked.
func TestTokenFormatEdges(t *testing.T) {
	rep := strings.Repeat
	a36 := rep("aB3", 12)   // 36 letters and digits
	hex32 := rep("a1", 16)  // 32 lower-case hex digits, mixed
	url33 := rep("aB3", 11) // 33 URL-safe characters
	digits := func(n int) string { return rep("7", n) }
	masked := func(s string) string { return "[REDACTED]" + s }
	// "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAz9Lq" in base64: 64 characters.
	pem64 := "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBejlMcT"[:64]
	cases := map[string]string{
		// A prefix and a body of a minimum length.
		"ghp_" + a36:              "[REDACTED]",
		"ghp_" + a36[:35]:         "ghp_" + a36[:35],
		"use ghp_" + a36 + " now": "use [REDACTED] now",
		"xghp_" + a36:             "xghp_" + a36,
		"_ghp_" + a36:             "_ghp_" + a36,
		"-ghp_" + a36:             "-[REDACTED]",
		"ghp_" + a36 + "-x":       masked("-x"),
		"NPM_" + a36:              "[REDACTED]", // npm's prefix in any case
		"GHP_" + a36:              "GHP_" + a36, // GitHub's not
		// A body of an exact length that must mix digits and letters.
		"SK" + hex32:         "[REDACTED]",
		"SK" + hex32 + "-x":  masked("-x"),
		"SK" + hex32 + "a":   "SK" + hex32 + "a",
		"SK" + hex32 + "g":   "SK" + hex32 + "g",
		"SK" + hex32[:31]:    "SK" + hex32[:31],
		"SK" + digits(32):    "SK" + digits(32),
		"SK" + rep("ab", 16): "SK" + rep("ab", 16),
		// A hex prefix followed by hex digits only is a digest.
		"4b1d" + rep("ab12", 9) + "ab": "4b1d" + rep("ab12", 9) + "ab",
		"4b1d" + rep("xy12", 9) + "xy": "[REDACTED]",
		// Azure AD client secrets: 3 characters, a digit, "Q~", 31 or more.
		"abc8Q~" + url33[:31]:          "[REDACTED]",
		"abc8Q~" + url33[:30]:          "abc8Q~" + url33[:30],
		"x abc8Q~" + url33[:31] + " y": "x [REDACTED] y",
		"xabc8Q~" + url33[:31]:         "xabc8Q~" + url33[:31],
		"abcQ~" + url33[:31] + "a":     "abcQ~" + url33[:31] + "a",
		"c8Q~" + url33:                 "c8Q~" + url33,
		// Telegram bot tokens: 5 to 16 digits, ':', "AA" and 33 more.
		digits(5) + ":AA" + url33:          "[REDACTED]",
		digits(16) + ":AA" + url33:         "[REDACTED]",
		"bot " + digits(5) + ":AA" + url33: "bot [REDACTED]",
		digits(4) + ":AA" + url33:          digits(4) + ":AA" + url33,
		digits(17) + ":AA" + url33:         digits(17) + ":AA" + url33,
		digits(5) + ":AA" + url33[:32]:     "[REDACTED]",
		digits(5) + ":AA" + url33[:31]:     digits(5) + ":AA" + url33[:31],
		"x" + digits(5) + ":AA" + url33:    "x" + digits(5) + ":AA" + url33,
		"/bot" + digits(5) + ":AA" + url33: "/bot[REDACTED]", // the Bot API's path, from the text's start
		// Facebook app tokens: a 15 or 16 digit app id, '|', 27 or more.
		digits(15) + "|" + url33[:27]:        "[REDACTED]",
		digits(16) + "|" + url33[:27]:        "[REDACTED]",
		"t " + digits(15) + "|" + url33[:27]: "t [REDACTED]",
		digits(14) + "|" + url33[:27]:        digits(14) + "|" + url33[:27],
		digits(17) + "|" + url33[:27]:        digits(17) + "|" + url33[:27],
		digits(15) + "|" + url33[:26]:        digits(15) + "|" + url33[:26],
		"x" + digits(15) + "|" + url33[:27]:  "x" + digits(15) + "|" + url33[:27],
		// Mailchimp: 32 hex digits, "-us" and one or two digits.
		"k " + hex32 + "-us1":      "k [REDACTED]",
		"k " + hex32 + "-us12 x":   "k [REDACTED] x",
		"k " + hex32 + "-us123":    "k " + hex32 + "-us123",
		"k " + hex32 + "-us":       "k " + hex32 + "-us",
		"k " + hex32[:31] + "-us1": "k " + hex32[:31] + "-us1",
		"k a" + hex32 + "-us1":     "k a" + hex32 + "-us1",
		// CircleCI: an id of 20 to 24 letters and digits, '_', 40 lower-case hex digits or more.
		"CCIPAT_" + a36[:20] + "_" + rep("a1", 20):      "[REDACTED]",
		"CCIPAT_" + a36[:24] + "_" + rep("a1", 20):      "[REDACTED]",
		"CCIPAT_" + a36[:19] + "_" + rep("a1", 20):      "CCIPAT_" + a36[:19] + "_" + rep("a1", 20),
		"CCIPAT_" + a36[:25] + "_" + rep("a1", 20):      "CCIPAT_" + a36[:25] + "_" + rep("a1", 20),
		"CCIPAT_" + a36[:22] + "_" + rep("a1", 20)[:39]: "CCIPAT_" + a36[:22] + "_" + rep("a1", 20)[:39],
		"CCIPAT_" + a36[:22]:                            "CCIPAT_" + a36[:22],
		// Asana: "1/" and a user id of 6 digits or more, or "2/", a user id, '/' and an app
		// id of 6 or more; ':' and 32 lower-case hex digits.
		"t 1/" + digits(6) + ":" + hex32:                   "t [REDACTED]",
		"t 1/" + digits(5) + ":" + hex32:                   "t 1/" + digits(5) + ":" + hex32,
		"t 2/" + digits(6) + "/" + digits(6) + ":" + hex32: "t [REDACTED]",
		"t 2/" + digits(6) + "/" + digits(5) + ":" + hex32: "t 2/" + digits(6) + "/" + digits(5) + ":" + hex32,
		"t 1/" + digits(6) + ":" + hex32[:31]:              "t 1/" + digits(6) + ":" + hex32[:31],
		"t 1/" + digits(12):                                "t 1/" + digits(12),                  // ends after the user id
		"t 2/" + digits(6) + "/" + digits(8):               "t 2/" + digits(6) + "/" + digits(8), // ends after the app id
		// Firebase Cloud Messaging server keys: "AAAA", 7 more, ":APA91b" and 134 or more.
		"AAAA" + url33[:7] + ":APA91b" + rep(url33, 5)[:134]:   "[REDACTED]",
		"AAAA" + url33[:7] + ":APA91b" + rep(url33, 5)[:133]:   "AAAA" + url33[:7] + ":APA91b" + rep(url33, 5)[:133],
		"x AAAA" + url33[:7] + ":APA91b" + rep(url33, 5)[:133]: "x AAAA" + url33[:7] + ":APA91b" + rep(url33, 5)[:133],
		// A private key in base64: 64 characters at least, from its prefix on.
		pem64:             "[REDACTED]",
		"k " + pem64:      "k [REDACTED]",
		pem64[:63]:        pem64[:63],
		"k " + pem64[:63]: "k " + pem64[:63],
		// Marked in the middle: at least so many characters before and after.
		rep("aB3d", 5) + "T3BlbkFJ" + rep("aB3d", 5):                "[REDACTED]",
		"x " + rep("aB3d", 5)[1:] + "T3BlbkFJ" + rep("aB3d", 5):     "x " + rep("aB3d", 5)[1:] + "T3BlbkFJ" + rep("aB3d", 5),
		"x " + rep("aB3d", 5) + "T3BlbkFJ" + rep("aB3d", 5)[1:]:     "x " + rep("aB3d", 5) + "T3BlbkFJ" + rep("aB3d", 5)[1:],
		rep("aB3d", 9) + "_mmk":                                     "[REDACTED]",
		"x " + rep("aB3d", 9)[1:] + "_mmk":                          "x " + rep("aB3d", 9)[1:] + "_mmk",
		rep("ab3d", 3) + "xy.atlasv1." + rep("aB3d", 15):            "[REDACTED]",
		"x " + rep("ab3d", 3) + "x.atlasv1." + rep("aB3d", 15):      "x " + rep("ab3d", 3) + "x.atlasv1." + rep("aB3d", 15),
		"x " + rep("ab3d", 3) + "xy.atlasv1." + rep("aB3d", 15)[1:]: "x " + rep("ab3d", 3) + "xy.atlasv1." + rep("aB3d", 15)[1:],
	}
	r := only(redact.DetectTokens)
	for in, want := range cases {
		got, ok := r.String(in)
		require.Equal(t, want, got, "%q", in)
		require.Equal(t, want != in, ok, "%q", in)
	}
}
