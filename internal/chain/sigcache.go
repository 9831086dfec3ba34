package chain

import (
	"crypto/ed25519"
	"sync"

	"golang.org/x/mod/sumdb/note"
)

// maxVerified is how many verified signatures a process remembers: a
// checkpoint note of each chain per interval of a log being verified, its
// in-band record and its checkpoint file line meeting the same one. Past
// it the memory starts again empty.
const maxVerified = 1024

// verified remembers the Ed25519 signatures of signed notes that verified,
// each by its public key, signature and message together: a verifier
// meets each checkpoint note twice (in its in-band record and in the
// checkpoint file), a log verified again meets every note again, and a
// verification costs about 50 µs where a look-up costs the copy of the
// message. Only a signature that verified is kept, and only the same key,
// signature and message, byte for byte, find it.
var verified struct {
	mu   sync.Mutex
	sigs map[string]struct{}
	hits uint64 // for tests
}

// memoVerifier is a note.Verifier of an Ed25519 key that remembers the
// signatures it verified (see verified).
type memoVerifier struct {
	note.Verifier
	pub ed25519.PublicKey
}

// Verify reports whether sig is pub's signature of msg.
func (v memoVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != ed25519.SignatureSize || len(v.pub) != ed25519.PublicKeySize {
		// The key's parts have fixed lengths, so that no other split of
		// its bytes names another signature.
		return v.Verifier.Verify(msg, sig)
	}
	key := make([]byte, 0, len(v.pub)+len(sig)+len(msg))
	key = append(append(append(key, v.pub...), sig...), msg...)
	verified.mu.Lock()
	_, ok := verified.sigs[string(key)]
	if ok {
		verified.hits++
	}
	verified.mu.Unlock()
	if ok {
		return true
	}
	if !v.Verifier.Verify(msg, sig) {
		return false
	}
	verified.mu.Lock()
	if verified.sigs == nil || len(verified.sigs) >= maxVerified {
		verified.sigs = make(map[string]struct{})
	}
	verified.sigs[string(key)] = struct{}{}
	verified.mu.Unlock()
	return true
}
