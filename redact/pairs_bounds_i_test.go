package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsBoundsIEscapeBeforeKey pins how an escape written right before
// a key is stepped over: a percent escape as well as a backslash one, and
// an escape that takes up the whole word before the key's space.
func TestPairsBoundsIEscapeBeforeKey(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A percent escape before a key that must match exactly (Redis
		// AUTH): "0Aauth" is not "auth".
		{`%0Aauth "S3cret"`, `%0Aauth "[REDACTED]"`},
		// An escape that ends exactly where the word ends ("\n" then a
		// space): the word is kept whole, not emptied.
		{`echo \n password=Hj5kLq9Wz2`, `echo \n password=[REDACTED]`},
		{`\n\npassword=Hj5kLq9Wz2`, `\n\npassword=[REDACTED]`},
	})
}

// TestPairsBoundsIFallback pins the quoted literal a key's expression falls
// back to (|| and ??): after a bare key and a space, after a quoted value,
// and an operator or a quote that ends the text.
func TestPairsBoundsIFallback(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// "||" after a bare key and a space, both bytes checked.
		{`password || "Hj5kLq9Wz2"`, `password || "[REDACTED]"`},
		{`PASSWORD || 'Hj5kLq9Wz2'`, `PASSWORD || '[REDACTED]'`},
		// A fallback after a quoted value: its closing quote is stepped over.
		{`token = "Xk9vLm2Qp7" || "Yk9vLm2Qp7"`, `token = "[REDACTED]" || "[REDACTED]"`},
		{`password = 'abc' ?? 'Hj5kLq9Wz2'`, `password = '[REDACTED]' ?? '[REDACTED]'`},
		// "||" as the last bytes of the text, with or without a space after it.
		{`process.env.PASSWORD ||`, `process.env.PASSWORD ||`},
		{`password = "abc" || `, `password = "[REDACTED]" || `},
		// A fallback's quote left open up to the end of the text (a value
		// kept as no secret: "none").
		{`password || "none`, `password || "none`},
	})
}

// TestPairsBoundsIRedisAuth pins Redis MONITOR's AUTH whose password's
// closing quote is the text's last byte.
func TestPairsBoundsIRedisAuth(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// The value's closing quote at the very end: no second word after it.
		{`"AUTH" "S3cret"`, `"AUTH" "[REDACTED]"`},
	})
}
