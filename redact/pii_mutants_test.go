package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestPhoneSeparatorEdges pins what the phone detector does with
// separators at the edges of a number: at the end of the text, before the
// first digit, and a parenthesis after the digits.
func TestPhoneSeparatorEdges(t *testing.T) {
	r := only(redact.DetectPhone)
	for _, tc := range []struct {
		in, want string
	}{
		// A closing parenthesis as the last byte of the text: there is no
		// byte after it to look at (reading one would be out of range).
		{"(415)", "(415)"},
		{"tel (415) 555-2671, (415)", "tel [REDACTED], (415)"},
		// A '+' followed by two separators is no phone number: only a '('
		// may stand before the first digit, and only one separator at a time.
		{"+--4155552671", "+--4155552671"},
		{"+ -4155552671", "+ -4155552671"},
		// After the digits have started, '(' is a separator like the others:
		// it joins a group only when a digit follows it at once, so "((" ends
		// the number.
		{"+44 20 7946 0958((1)", "[REDACTED]((1)"},
		{"+44 20 7946 0958(1", "[REDACTED]"},
	} {
		got, masked := r.String(tc.in)
		require.Equal(t, tc.want, got, "%q", tc.in)
		require.Equal(t, tc.want != tc.in, masked, "%q", tc.in)
	}
}
