package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestBoundsPhone pins bounds of the phone search: a space that ends the
// text after a number, a national number written with dots after a space
// (and the same after '=' or ':', read as an amount), and the first group
// of a 12-digit national number in two groups (three to five digits).
func TestBoundsPhone(t *testing.T) {
	checkBounds(t, redact.DetectPhone, []boundCase{
		{"tel +1 415 555 2671 ", "tel [REDACTED] ", "a space ends the text"},
		{"call 020.7946.0958", "call [REDACTED]", "dots after a space"},
		{"tel=020.7946.0958", "tel=020.7946.0958", "dots after '=': an amount"},
		{"x 015 123456789", "x [REDACTED]", "12 digits, a first group of three"},
		{"x 01512 3456789", "x [REDACTED]", "12 digits, a first group of five"},
		{"x 015123 345678", "x 015123 345678", "12 digits, a first group of six"},
		{"x 01 1234567890", "x 01 1234567890", "12 digits, a first group of two"},
	})
}
