package redact_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// cycleH repeats s up to exactly n bytes.
func cycleH(s string, n int) string {
	for len(s) < n {
		s += s
	}
	return s[:n]
}

// lowerHexH returns n lower-case hex digits.
func lowerHexH(n int) string { return cycleH("0a1b2c3d4e5f6789", n) }

// TestTokensBoundsAdyen pins the Adyen API key shape after "AQE": the
// lower-case letter that opens it, the 60-byte minimum, and the tail
// after "=-" (16 printable bytes, not a space, DEL or quote).
func TestTokensBoundsAdyen(t *testing.T) {
	body := func(first string) string { return first + "hmf" + cycleH("Xy3kQ9pLm2Nv", 56) }
	a60 := body("a")
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// The prefix with fewer than 4 bytes after it, at the end of the text.
		{"see AQEah", "see AQEah"},
		// The lowest and the highest letter that may open the body.
		{"AQE" + a60, "[REDACTED]"},
		{"AQE" + body("z"), "[REDACTED]"},
		// A body of exactly 60 bytes is a key, one of 59 is not.
		{"AQE" + a60[:59], "AQE" + a60[:59]},
		// A short body far into the text (the length is counted from the
		// body's start, not from the text's).
		{strings.Repeat("words ", 11) + "AQEahmfabc", strings.Repeat("words ", 11) + "AQEahmfabc"},
		// A tail that ends the text.
		{"adyen AQE" + a60 + "=-abcd", "adyen [REDACTED]"},
		// A tail of more than 16 printable bytes: 16 are taken.
		{"AQE" + a60 + "=-0123456789!#$%^&*()", "[REDACTED]*()"},
		// A space, a DEL and a double quote end the tail.
		{"AQE" + a60 + "=-abcd efgh", "[REDACTED] efgh"},
		{"AQE" + a60 + "=-abcd\x7fefgh", "[REDACTED]\x7fefgh"},
		{"AQE" + a60 + "=-abcd\"efgh", "[REDACTED]\"efgh"},
	})
}

// TestTokensBoundsBase32Digits pins that a Checkout.com key body of
// digits only (base32's 2 to 7) is not a key: it needs a letter too.
func TestTokensBoundsBase32Digits(t *testing.T) {
	in := "sk_" + cycleH("234567", 26)
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// 26 digits and no letter.
		{in, in},
	})
}

// TestTokensBoundsDottedURL pins the Microsoft "0.A" token body: the
// 150-byte minimum counted from the body's start, a trailing full stop
// left out, and a body without a digit.
func TestTokensBoundsDottedURL(t *testing.T) {
	b150 := cycleH("aB3dE5fG7hJ9kLmN", 150)
	prose := strings.Repeat("words ", 33)
	letters := cycleH("aBcDeFgHiJkLmN", 150)
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A sentence's full stop after the token stays.
		{"0.A" + b150 + ".", "[REDACTED]."},
		// Exactly 150 bytes is a token, 149 is not.
		{"0.A" + b150, "[REDACTED]"},
		{"0.A" + b150[:149], "0.A" + b150[:149]},
		// A short body far into the text.
		{prose + "0.AaB3.dE5", prose + "0.AaB3.dE5"},
		// 150 letters without a digit: not a token.
		{"0.A" + letters, "0.A" + letters},
	})
}

// TestTokensBoundsStripeClientSecret pins the Stripe client secret: an
// id of at least 14 bytes after "pi_", and at least 10 after "_secret_".
func TestTokensBoundsStripeClientSecret(t *testing.T) {
	id := func(n int) string { return cycleH("3MtwBwLkdIwHu7ix", n) }
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// An id of exactly 14 bytes, and one of 13.
		{"pi_" + id(14) + "_secret_YrKJUKribcBjcG8HVhfZluoGH", "[REDACTED]"},
		{"pi_" + id(13) + "_secret_YrKJUKribcBjcG8HVhfZluoGH", "pi_" + id(13) + "_secret_YrKJUKribcBjcG8HVhfZluoGH"},
		// A secret of exactly 10 bytes, and one of 9 after a long id.
		{"pi_" + id(24) + "_secret_YrKJUKribc", "[REDACTED]"},
		{"pi_" + id(24) + "_secret_YrKJUKrib", "pi_" + id(24) + "_secret_YrKJUKrib"},
	})
}

// TestTokensBoundsSalesforceSession pins the Salesforce session id: an
// 18-byte org id as well as a 15-byte one, a trailing full stop left
// out, and the 80-byte minimum after '!'.
func TestTokensBoundsSalesforceSession(t *testing.T) {
	org15 := cycleH("5e0000013YkQzAb", 15)
	org12 := org15[:12]
	sess := func(n int) string { return cycleH("AR8AQJXg5AhcW4kE9yPbsD_w.Ynq", n) }
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// An 18-byte org id ("00D" and 15).
		{"00D" + org15 + "!" + sess(90), "[REDACTED]"},
		// A full stop after the session id stays.
		{"00D" + org12 + "!" + sess(90) + ".", "[REDACTED]."},
		// Exactly 80 bytes after '!' is a session id, 79 is not.
		{"00D" + org12 + "!" + sess(80), "[REDACTED]"},
		{"00D" + org12 + "!" + sess(79), "00D" + org12 + "!" + sess(79)},
	})
}

// TestTokensBoundsInfisical pins an Infisical token cut short at the end
// of the text: after its first or its second part.
func TestTokensBoundsInfisical(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// 24 hex digits that end the text.
		{"see st." + lowerHexH(24), "see st." + lowerHexH(24)},
		// 24, '.', 32 that end the text.
		{"see st." + lowerHexH(24) + "." + lowerHexH(32), "see st." + lowerHexH(24) + "." + lowerHexH(32)},
	})
}

// TestTokensBoundsKeyLog pins the TLS key log secret's 32-digit minimum.
func TestTokensBoundsKeyLog(t *testing.T) {
	cr := "CLIENT_RANDOM " + lowerHexH(64) + " "
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A secret of exactly 32 hex digits, and one of 31.
		{cr + lowerHexH(32), cr + "[REDACTED]"},
		{cr + lowerHexH(31), cr + lowerHexH(31)},
	})
}

// TestTokensBoundsKeyed pins findKeyedTokens and keyedToken: padding of
// at most two '=', the AzFu signature's place, the 40-byte minimum of an
// Azure key, a Mailgun key that ends the text, and the layout of a
// common annotated security key (its month, A to L; base62 only).
func TestTokensBoundsKeyed(t *testing.T) {
	az := func(n int) string { return cycleH("Zx9Qw3Er5Ty7Ui1Op", n-16) + "Kd0Lm4Nb+AStXc8V" }
	fu := cycleH("Gh2Jk4Lm6Np8Qr0St", 36)
	tail := "abcdefghi1AA"
	cask := func(month string) string {
		return cycleH("Ab3De5Fg7Hj9Km1Np", 52) + "JQQJ999" + month + cycleH("Pq4Rs6Tu8Vw0Xy2Z", 16) + "AZDObc12"
	}
	withPlus := "Ab3De5+A" + cask("C")[8:]
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// Three '=' after an Azure key: not padding.
		{az(43) + "===", az(43) + "==="},
		{"x " + fu + "AzFu" + tail + "===", "x " + fu + "AzFu" + tail + "==="},
		// An Azure key of exactly 40 bytes.
		{"x " + az(40) + "=", "x [REDACTED]"},
		// AzFu right after an AzFu too far from the end.
		{fu + "AzFuAzFu" + tail + "==", "[REDACTED]"},
		// An Azure Functions key that starts the text.
		{fu + "AzFu" + tail + "==", "[REDACTED]"},
		// An unpadded run that ends the text.
		{fu + "AzFu" + tail, fu + "AzFu" + tail},
		// A key of exactly 40 bytes; AzFu exactly 16 bytes from the end,
		// and 17.
		{"x " + fu[:24] + "AzFu" + tail + "==", "x [REDACTED]"},
		{"x " + fu + "AzFu" + tail + "==", "x [REDACTED]"},
		{"x " + fu + "AzFu" + tail + "a==", "x " + fu + "AzFu" + tail + "a=="},
		// A Mailgun key that ends the text.
		{"key " + lowerHexH(32) + "-" + lowerHexH(8) + "-" + lowerHexH(8), "key [REDACTED]"},
		// A longer dashed hex id (32, 8, 8, 8): not a Mailgun key.
		{"id " + lowerHexH(32) + "-" + lowerHexH(8) + "-" + lowerHexH(8) + "-" + lowerHexH(8), "id " + lowerHexH(32) + "-" + lowerHexH(8) + "-" + lowerHexH(8) + "-" + lowerHexH(8)},
		// The first and the last month.
		{"x " + cask("A"), "x [REDACTED]"},
		{"x " + cask("L"), "x [REDACTED]"},
		// The layout with "+A" in it: not base62.
		{"x " + withPlus, "x " + withPlus},
	})
}

// TestTokensBoundsJWKStructPartlyRedacted pins that a JWK struct's
// private member whose value was only partly redacted is masked whole.
func TestTokensBoundsJWKStructPartlyRedacted(t *testing.T) {
	type jwk struct {
		Kty string `json:"kty"`
		Crv string `json:"crv"`
		D   string `json:"d"`
	}
	r := redact.Must(redact.Credentials)
	a, changed := r.Attr(nil, slog.Any("jwk", jwk{Kty: "OKP", Crv: "Ed25519", D: "password=hunter2 and more"}))
	require.True(t, changed)
	require.Equal(t, "{kty:OKP crv:Ed25519 d:[REDACTED]}", a.Value.String())
}
