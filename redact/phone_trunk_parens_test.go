package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneTrunkInParentheses: a national number whose trunk 0 and area
// code stand in parentheses, as much of Europe writes one, is a phone
// number like the same number without them; parentheses around other
// digits (counts, sizes, codes with a leading 00) stay.
func TestPhoneTrunkInParentheses(t *testing.T) {
	r := only(redact.DetectPhone)
	for _, tc := range []struct {
		in, want string
	}{
		{"ring (029) 2018 0743 now", "ring [REDACTED] now"},
		{"Tel. (0161) 496 0321", "Tel. [REDACTED]"},
		{"mobil (0172) 4839201", "mobil [REDACTED]"},
		{"appelez le (05) 61 22 48 90", "appelez le [REDACTED]"},
		{"bel (010) 414 6872", "bel [REDACTED]"},
		{"Fax (089) 32168-402", "Fax [REDACTED]"},
		{"rufen Sie (0341) 97-32150 an", "rufen Sie [REDACTED] an"},
		// Not national numbers: a leading 00, too few or too many digits,
		// a group of one digit, or a count in parentheses.
		{"codes (00) 12 34 56 78", "codes (00) 12 34 56 78"},
		{"short (021) 555 01", "short (021) 555 01"},
		{"long (0201) 2345 6789 0123", "long (0201) 2345 6789 0123"},
		{"grid (03) 4 56 78 90 12", "grid (03) 4 56 78 90 12"},
		{"retries (0) 12 34", "retries (0) 12 34"},
		{"sizes (064) 128 256", "sizes (064) 128 256"},
	} {
		if got := r.Message(tc.in); got != tc.want {
			t.Errorf("Message(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
