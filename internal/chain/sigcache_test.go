package chain

import (
	"crypto/ed25519"
	"strings"
	"testing"
)

// A signature remembered as verified answers only for its own key,
// message and signature: every other signature, message or key is
// verified, and a signature that failed is never remembered.
func TestVerifiedSignaturesRemembered(t *testing.T) {
	verified.mu.Lock()
	verified.sigs = nil // what other tests (or counts) verified
	verified.mu.Unlock()
	key := ed25519.NewKeyFromSeed([]byte(strings.Repeat("r", 32)))
	other := ed25519.NewKeyFromSeed([]byte(strings.Repeat("s", 32)))
	const origin = "example.net/audit/payments"
	v, err := NoteVerifier(origin, key.Public().(ed25519.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	vOther, err := NoteVerifier(origin, other.Public().(ed25519.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("example.net/audit/payments\n77\nq2W1mX9sJ0bPzX8tKc3yQ4lV6nH2rT5uE7oA1iD0fG8=\n")
	sig := ed25519.Sign(key, msg)
	flipped := func(b []byte, i int) []byte {
		c := append([]byte(nil), b...)
		c[i] ^= 0x20
		return c
	}
	// The same bytes split otherwise: a signature one byte short, the
	// message one byte longer.
	shortSig, longMsg := sig[:len(sig)-1], append([]byte{sig[len(sig)-1]}, msg...)

	hits := func() uint64 {
		verified.mu.Lock()
		defer verified.mu.Unlock()
		return verified.hits
	}
	for round := range 2 { // the second round meets what the first remembered
		for _, tc := range []struct {
			name string
			v    interface{ Verify(msg, sig []byte) bool }
			msg  []byte
			sig  []byte
			want bool
		}{
			{"its signature", v, msg, sig, true},
			{"a signature byte changed", v, msg, flipped(sig, 9), false},
			{"a message byte changed", v, flipped(msg, 30), sig, false},
			{"another key", vOther, msg, sig, false},
			{"the same bytes split otherwise", v, longMsg, shortSig, false},
			{"no signature", v, msg, nil, false},
		} {
			before := hits()
			if got := tc.v.Verify(tc.msg, tc.sig); got != tc.want {
				t.Errorf("round %d: %s: got %v, want %v", round+1, tc.name, got, tc.want)
			}
			remembered := hits() > before
			if wantHit := round == 1 && tc.want; remembered != wantHit {
				t.Errorf("round %d: %s: answered from memory %v, want %v", round+1, tc.name, remembered, wantHit)
			}
		}
	}
}
