package redact

import "testing"

// TestKeyWithInvalidUTF8: a key holding a byte that is no valid UTF-8 is
// still folded to lower case for its ASCII letters, so that its words name
// the secret they spell ("PASSWORD_\x80" was not masked: strings.ToLower
// replaced the byte and changed the key's length, and the key was left in
// upper case).
func TestKeyWithInvalidUTF8(t *testing.T) {
	r := Must(Credentials)
	for _, k := range []string{"PASSWORD_\x80", "Password_\xff", "\xfeAPI_TOKEN", "x\xc3(SECRET"} {
		if r.keyRule(k) == "" {
			t.Errorf("key %q: not judged sensitive", k)
		}
	}
	if r.keyRule("NOTE_\x80") != "" {
		t.Errorf(`key "NOTE_\x80": judged sensitive`)
	}
}
