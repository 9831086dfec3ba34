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
		// A '+' right after another '+' starts nothing: the digits after it
		// continue a token that is not a phone number.
		{"++415-555-2671", "++415-555-2671"},
		// After a run of digits glued to a word ("x12"), the next '(' is
		// read again as the start of a number.
		{"x12 (415) 555-2671", "x12 [REDACTED]"},
		// More than eight groups: the number goes on past what the detector
		// holds, so none of it is a phone number, whatever separates the
		// ninth group ('.' or '-', which would continue a number).
		{"+1.2.3.4.5.6.7.8.9", "+1.2.3.4.5.6.7.8.9"},
		{"+1-2-3-4-5-6-7-8-9", "+1-2-3-4-5-6-7-8-9"},
		{"+12 3 4 5 6 7 8 9", "[REDACTED]"}, // eight groups are held
		// Any other byte between the number and a digit ends the number.
		{"415-555-2671/5", "[REDACTED]/5"},
		// A full stop, dash or colon after the number ends it unless a
		// digit follows.
		{"415-555-2671. ok", "[REDACTED]. ok"},
		{"415-555-2671- ok", "[REDACTED]- ok"},
		{"415-555-2671: ok", "[REDACTED]: ok"},
		// International numbers have 8 to 15 digits; the ninth digit the
		// prefilter wants can be elsewhere in the text.
		{"+12345678, ref 9", "[REDACTED], ref 9"},
		{"+1234567, ref 98", "+1234567, ref 98"},
		// With the international prefix 00: 10 to 17 digits, prefix included.
		{"0044 20 7946", "[REDACTED]"},
		{"0044 20 794", "0044 20 794"},
		// The search goes on right after a number: the next byte may start
		// another one.
		{"415-555-2671,+14155552671", "[REDACTED],[REDACTED]"},
	} {
		got, masked := r.String(tc.in)
		require.Equal(t, tc.want, got, "%q", tc.in)
		require.Equal(t, tc.want != tc.in, masked, "%q", tc.in)
	}
}

// TestIBANLetterBounds: the letters of an IBAN (country code and account
// part) include 'A' and 'Z', the ends of the range of capitals.
func TestIBANLetterBounds(t *testing.T) {
	r := only(redact.DetectIBAN)
	for _, tc := range []struct {
		in, want string
	}{
		{"AT61 1904 3002 3457 3201", "[REDACTED]"},     // Austria: starts with 'A'
		{"AZ21NABZ00000000137010001944", "[REDACTED]"}, // Azerbaijan: 'Z' in the code and the account
		{"to AZ21NABZ00000000137010001944.", "to [REDACTED]."},
		// An IBAN has at most 34 characters: a longer run is read up to
		// that length (and no further: the buffer holds 34) and rejected.
		{"DE89370400440532013000123456789012", "DE89370400440532013000123456789012"},
		{"DE893704004405320130001234567890123", "DE893704004405320130001234567890123"},
		{"DE89 3704 0044 0532 0130 0012 3456 7890 1234", "DE89 3704 0044 0532 0130 0012 3456 7890 1234"},
		// A space after a full group of four at the very end of the text.
		{"AT61 1904 3002 3457 3201 ", "[REDACTED] "},
	} {
		got, masked := r.String(tc.in)
		require.Equal(t, tc.want, got, "%q", tc.in)
		require.Equal(t, tc.want != tc.in, masked, "%q", tc.in)
	}
}
