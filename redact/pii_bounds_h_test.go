package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// phoneRedactor masks telephone numbers and nothing else: no key rule
// masks the value after "tel:" on its own.
func phoneRedactor() *redact.Redactor {
	return redact.Must(redact.Rule{Name: "phone", Detectors: []redact.Detector{redact.DetectPhone}})
}

// TestPIIBoundsPhoneSchemes pins the phone numbers written in a URI whose
// path is a telephone number (tel:, sms:, facetime-audio:), percent-encoded
// after '+', or after a calling word: the digit counts a scheme admits, the
// scheme names' lengths, where %2B can start, the first digits of a bare
// national number.
func TestPIIBoundsPhoneSchemes(t *testing.T) {
	requirePairs(t, phoneRedactor(), []pairCase{
		// After tel:, a number of exactly 7 digits (the least a scheme
		// admits; the text holds 9 digits, as the detector needs).
		{"go tel:4155552 ref 12", "go tel:[REDACTED] ref 12"},
		// After tel:, a number of exactly 15 digits (the most).
		{"go tel:123456789012345", "go tel:[REDACTED]"},
		// %2B at the very start of the text: the digits follow it at index 3.
		{"%2B14155552671", "[REDACTED]"},
		// The longest scheme, facetime-audio: 14 bytes with a '-' inside.
		{" facetime-audio:4155552671", " facetime-audio:[REDACTED]"},
		// A '-' before facetime-audio makes a 15-byte word, no scheme: the
		// digits after the ':' are not read as a number it dials.
		{"--facetime-audio:123456789", "--facetime-audio:123456789"},
		// A bare national number whose area code starts with 2, the least
		// digit it can start with.
		{"call from 2125552671", "call from [REDACTED]"},
		// ... and whose exchange starts with 2.
		{"call from 4152552671", "call from [REDACTED]"},
	})
}

// TestPIIBoundsJWKCount pins the count of the private-key detector's JWK
// search: it counts the spans it found itself, not those found before it
// in the same string.
func TestPIIBoundsJWKCount(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "pii", Detectors: []redact.Detector{redact.DetectEmail, redact.DetectPrivateKey}})
	// An email and a quote before 'k' (the JWK search runs), no JWK.
	requirePairs(t, r, []pairCase{{`bob@example.org "kind":1`, `[REDACTED] "kind":1`}})
	counts, _ := r.Counters()
	require.Equal(t, map[string]uint64{"email": 1}, counts)
	require.Equal(t, uint64(1), r.Total())
}

// TestPIIBoundsPrefilterMarks pins the prefilter's marks for the keys
// known by a signature inside them: the least length of text in which an
// Azure AI Search key split by '/' is looked for, the bytes before the
// padding that mark a padded one.
func TestPIIBoundsPrefilterMarks(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "tokens", Detectors: []redact.Detector{redact.DetectTokens}})
	requirePairs(t, r, []pairCase{
		// An unpadded Azure AI Search key split by '/', of exactly 40
		// bytes, the whole text.
		{"abcdefghijklmnopqrs/uvwxyzabcdeAzSeAbcde", "[REDACTED]"},
		// A padded key with a signature whose base64 ends with '+' right
		// before the '=' (no "+A" anywhere else to mark it).
		{"key abcdefghijklmnopqrstuvwxyzabcdAzCabcdefg+= ok", "key [REDACTED] ok"},
		// ... and with '/' right before the '='.
		{"key abcdefghijklmnopqrstuvwxyzabcdAzCabcdefg/= ok", "key [REDACTED] ok"},
	})
}

// TestPIIBoundsNumberedTerms pins the keys that end with a number after
// a term (password12, a12): the prefilter reads a word of a term and a
// number of up to two digits as the term, keeping its first two bytes.
func TestPIIBoundsNumberedTerms(t *testing.T) {
	requirePairs(t, personalRedactor(), []pairCase{
		// A term and a number of exactly two digits, the most that is
		// trimmed.
		{"password12=hunter2", "password12=[REDACTED]"},
		{"token12: hunter2", "token12: [REDACTED]"},
		{"<key>password12</key><value>hunter2</value>", "<key>password12</key><value>[REDACTED]</value>"},
	})
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"a12"}}), []pairCase{
		// A term of three bytes, one letter and two digits: the number is
		// not trimmed into the first two bytes.
		{"a12=hunter2", "a12=[REDACTED]"},
		{"<key>myA12</key><value>hunter2</value>", "<key>myA12</key><value>[REDACTED]</value>"},
	})
	requirePairs(t, redact.Must(redact.Rule{Name: "t", Terms: []string{"zork"}}), []pairCase{
		// The only term, and a number of two digits after it: no other
		// term's shape lets a word of that length through.
		{"zork12=hunter2", "zork12=[REDACTED]"},
		{"zork1=hunter2", "zork1=[REDACTED]"},
	})
}
