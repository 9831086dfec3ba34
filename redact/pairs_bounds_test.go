package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPairsBoundsLiteralPrefix: a string literal's prefix before its
// quote (T-SQL N'…', PostgreSQL E'…', Python b'…', f"…", rb'…' and the
// triple-quoted forms) is skipped, so that the literal's text is masked,
// not the prefix letter.
func TestPairsBoundsLiteralPrefix(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		{"password N'S3cret'", "password N'[REDACTED]'"},
		{`password E"S3cret"`, `password E"[REDACTED]"`},
		// The quote is the last byte: no literal.
		{"password N'", "password N'"},
		// A word that starts with a prefix letter is no prefix.
		{"password Nx9pw8Qq9z", "password [REDACTED]"},
		{"password = b'hunter2'", "password = b'[REDACTED]'"},
		{"password = f'hunter2'", "password = f'[REDACTED]'"},
		{`password = F"hunter2"`, `password = F"[REDACTED]"`},
		{"password = R'hunter2'", "password = R'[REDACTED]'"},
		{`password = U"hunter2"`, `password = U"[REDACTED]"`},
		{"password = rb'hunter2'", "password = rb'[REDACTED]'"},
		{`password = br"hunter2"`, `password = br"[REDACTED]"`},
		{"password = fr'hunter2'", "password = fr'[REDACTED]'"},
		{"password = b'''hunter2'''", "password = b'''[REDACTED]'''"},
		{`password = b"""hunter2"""`, `password = b"""[REDACTED]"""`},
		{"password b'''S3cret'''", "password b'''[REDACTED]'''"},
		{"token f'Zx9pw8Qq9'", "token f'[REDACTED]'"},
		// An empty literal: nothing inside it; the letter is the value.
		{"password = b''", "password = [REDACTED]''"},
		// A prefix letter that ends the text is a bare value.
		{"password = b", "password = [REDACTED]"},
	})
}
