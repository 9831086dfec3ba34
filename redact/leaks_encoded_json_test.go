package redact_test

import "testing"

// TestBase64JSONWithSecretsMasked: a JSON object in base64 (either
// alphabet, padded or not) that holds a secret is masked whole; one that
// holds none is kept.
func TestBase64JSONWithSecretsMasked(t *testing.T) {
	requireTextCases(t, nil, []textCase{
		{"std padded", "body=eyJ1c2VybmFtZSI6Im9wcyIsInBhc3N3b3JkIjoiTGs1UmQ4WHMyUG03In0=",
			[]string{"eyJ1c2VybmFtZSI6Im9wcyIsInBhc3N3b3JkIjoiTGs1UmQ4WHMyUG03In0"}, []string{"body="}},
		{"url unpadded", "state eyJjbGllbnRfc2VjcmV0IjoiTGs1UmQ4WHMyUG03Iiwibm9uY2UiOiJuLTEifQ received",
			[]string{"eyJjbGllbnRfc2VjcmV0IjoiTGs1UmQ4WHMyUG03Iiwibm9uY2UiOiJuLTEifQ"}, []string{"state ", " received"}},
		{"spaced object", "cookie session=eyAiYXBpX2tleSI6ICJMazVSZDhYczJQbTciIH0=",
			[]string{"eyAiYXBpX2tleSI6ICJMazVSZDhYczJQbTciIH0"}, []string{"cookie session="}},
		{"in quotes", `payload "eyJ0b2tlbiI6IkxrNVJkOFhzMlBtNyJ9"`,
			[]string{"eyJ0b2tlbiI6IkxrNVJkOFhzMlBtNyJ9"}, []string{"payload "}},
	})
	requireTextKept(t, nil, []string{
		"claims eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6ImJ1aWxkIn0= parsed",
		"page=eyJvZmZzZXQiOjQwLCJsaW1pdCI6MjB9",
		"eyJ-not-base64-at-all-but-long",
	})
}
