package chain

import (
	"crypto/ed25519"
	"strings"
	"testing"
)

// A signature line whose base64 has non-zero padding bits decodes to the
// signed bytes, so golang.org/x/mod/sumdb/note accepts it: it is refused
// here, as every other edit of a checkpoint line is.
func TestCanonicalSignatures(t *testing.T) {
	key := ed25519.NewKeyFromSeed([]byte(strings.Repeat("w", 32)))
	signer, err := NoteSigner("example.org/log/chain-4", key)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := SignTreeHead(TreeHead{Origin: "example.org/log/chain-4", Size: 12}, signer)
	if err != nil {
		t.Fatal(err)
	}
	_, sigs, err := SplitNote(msg)
	if err != nil {
		t.Fatal(err)
	}
	if err := CanonicalSignatures(sigs); err != nil {
		t.Fatalf("the signer's own line: %v", err)
	}
	s := string(sigs)
	pad := strings.LastIndex(s, "=") - 1 // the last character before the padding carries unused bits
	for _, c := range "BCD" {
		edited := s[:pad] + string(c) + s[pad+1:]
		if s[pad] == byte(c) {
			continue
		}
		if err := CanonicalSignatures([]byte(edited)); err == nil {
			t.Errorf("signature ending %q accepted", edited[pad-3:])
		}
	}
	if err := CanonicalSignatures([]byte("— example.org/log/chain-4 AAAA")); err == nil {
		t.Error("a line without its newline accepted")
	}
}

// A key that signs a note twice (its line copied, or a second line with
// the same key hash) is refused; two keys of one name are not.
func TestCanonicalSignaturesOncePerKey(t *testing.T) {
	sign := func(seed string, size uint64) string {
		key := ed25519.NewKeyFromSeed([]byte(strings.Repeat(seed, 32)))
		signer, err := NoteSigner("example.net/audit/ledger", key)
		if err != nil {
			t.Fatal(err)
		}
		msg, err := SignTreeHead(TreeHead{Origin: "example.net/audit/ledger", Size: size}, signer)
		if err != nil {
			t.Fatal(err)
		}
		_, sigs, err := SplitNote(msg)
		if err != nil {
			t.Fatal(err)
		}
		return string(sigs)
	}
	a7, a8, b7 := sign("a", 7), sign("a", 8), sign("b", 7)
	for _, tc := range []struct {
		name string
		sigs string
		ok   bool
	}{
		{"one line", a7, true},
		{"two keys of one name", a7 + b7, true},
		{"the same line twice", a7 + a7, false},
		{"the key's signature of another size too", a7 + a8, false},
		{"another key between the copies", b7 + a7 + b7, false},
	} {
		if err := CanonicalSignatures([]byte(tc.sigs)); (err == nil) != tc.ok {
			t.Errorf("%s: got %v, want ok %v", tc.name, err, tc.ok)
		}
	}
}
