package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestJWKBoundsSearch pins how the text is searched for a JWK's kty
// member: a kty or Kty that opens the text (not quoted, so not a member),
// a Kty that comes before a kty, a quote that opens the text right
// before kty.
func TestJWKBoundsSearch(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A bare "kty" at the first byte is not a member: the search goes on
		// to the JWK after it.
		{`kty {"kty":"oct","k":"c2VjcmV0MQ"}`, `kty {"kty":"oct","k":"[REDACTED]"}`},
		// The same with "Kty" (a Go struct printed as JSON) and no "kty".
		{`Kty {"Kty":"oct","K":"c2VjcmV0MQ"}`, `Kty {"Kty":"oct","K":"[REDACTED]"}`},
		// A bare "Kty" at the first byte, a Go struct's JWK, then a JSON
		// one: the Kty at the start of the search is read first, and the
		// JWK between it and the "kty" is not skipped.
		{`Kty {"Kty":"oct","K":"c2VjcmV0MQ"} {"kty":"oct","k":"c2VjcmV0Mg"}`,
			`Kty {"Kty":"oct","K":"[REDACTED]"} {"kty":"oct","k":"[REDACTED]"}`},
		// The quote before kty is the text's first byte: nothing before it
		// is read as a backslash.
		{`"kty" {"kty":"oct","k":"c2VjcmV0MQ"}`, `"kty" {"kty":"oct","k":"[REDACTED]"}`},
	})
}

// TestJWKBoundsTextEnd pins JSON cut short at every place inside a JWK:
// the text ends after a name, a colon, a value, a backslash, an opening
// quote or bracket. Nothing is read past the end; a private value cut
// short is masked up to the end.
func TestJWKBoundsTextEnd(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// The text ends right after the quoted "kty", before any colon.
		{`x {"kty"`, `x {"kty"`},
		// A lone backslash ends the text after kty's name (white space
		// escapes are looked for past it).
		{`x {"kty"\`, `x {"kty"\`},
		// A lone backslash ends the text where the next member's name
		// would open.
		{`{"kty":"oct",\`, `{"kty":"oct",\`},
		// The text ends right after a member's value.
		{`{"kty":"oct"`, `{"kty":"oct"`},
		// The text ends right after a private member's name, then right
		// after its colon.
		{`{"kty":"oct","k"`, `{"kty":"oct","k"`},
		{`{"kty":"oct","k":`, `{"kty":"oct","k":`},
		// The text ends right after the opening quote of a private value:
		// nothing to mask.
		{`{"kty":"oct","k":"`, `{"kty":"oct","k":"`},
		// A private value cut short by the end of the text, at its last
		// byte.
		{`{"kty":"oct","k":"c2VjcmV0MQ`, `{"kty":"oct","k":"[REDACTED]`},
		// The text ends inside a number value.
		{`{"kty":"oct","n":1`, `{"kty":"oct","n":1`},
		// The text ends right after the bracket that opens oth's value.
		{`{"kty":"RSA","oth":[`, `{"kty":"RSA","oth":[`},
		// oth's array is not closed: its last value ends at the end of the
		// text and is masked all the same.
		{`{"kty":"RSA","oth":[{"r":"c2VjcmV0NQ"`, `{"kty":"RSA","oth":[{"r":"[REDACTED]"`},
	})
}

// TestJWKBoundsCutShort pins where a private value cut short (no closing
// quote) stops: at the first byte that is not base64 (standard or URL),
// here a space, so the words after it stay.
func TestJWKBoundsCutShort(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// A space after the value's characters ends them.
		{`{"kty":"oct","k":"c2VjcmV0MQ and more`, `{"kty":"oct","k":"[REDACTED] and more`},
		// '+', '/' and '=' are base64's and stay in the value.
		{`{"kty":"oct","k":"c2V+jcm/V0MQ== and more`, `{"kty":"oct","k":"[REDACTED] and more`},
	})
}

// TestJWKBoundsNested pins the members after an object or array value:
// the value ends at its own closing brace, however deep, and the next
// members are read, private ones masked.
func TestJWKBoundsNested(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// An object with a number member before a private member.
		{`{"kty":"oct","x":{"a":1},"k":"c2VjcmV0NA"}`, `{"kty":"oct","x":{"a":1},"k":"[REDACTED]"}`},
		// An empty object before a private member.
		{`{"kty":"oct","x":{},"k":"c2VjcmV0NA"}`, `{"kty":"oct","x":{},"k":"[REDACTED]"}`},
		// Nested objects and arrays before a private member.
		{`{"kty":"oct","x":[{"a":[1]},{}],"k":"c2VjcmV0NA"}`, `{"kty":"oct","x":[{"a":[1]},{}],"k":"[REDACTED]"}`},
		// In oth, a colon right after a value's closing quote: the value
		// after it is masked too.
		{`{"kty":"RSA","oth":[{"r":"ab":"cd"}]}`, `{"kty":"RSA","oth":[{"r":"[REDACTED]":"[REDACTED]"}]}`},
	})
}

// TestJWKBoundsEmptyValues pins private members whose value is empty:
// nothing is masked (the text is unchanged and reported so), and the
// members after an empty one, with escaped quotes, are still read.
func TestJWKBoundsEmptyValues(t *testing.T) {
	requirePairs(t, redact.Must(redact.Credentials), []pairCase{
		// An empty private value.
		{`{"kty":"oct","k":""}`, `{"kty":"oct","k":""}`},
		// An empty value in oth.
		{`{"kty":"RSA","oth":[{"r":""}]}`, `{"kty":"RSA","oth":[{"r":""}]}`},
		// A private value cut short that holds no base64 character.
		{`{"kty":"oct","k":" and more`, `{"kty":"oct","k":" and more`},
		// An empty value between escaped quotes (\"\"), then a private
		// member: the empty string is a string, not one cut short.
		{`{\"kty\":\"oct\",\"k\":\"\",\"d\":\"c2VjcmV0Mw\"}`, `{\"kty\":\"oct\",\"k\":\"\",\"d\":\"[REDACTED]\"}`},
	})
}
