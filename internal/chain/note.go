package chain

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/sumdb/note"
)

// TreeHead is the body of a C2SP tlog-checkpoint: the log's origin, the
// number of leaves and the RFC 6962 root hash.
type TreeHead struct {
	Origin string
	Size   uint64
	Root   Hash
}

// Origin returns the checkpoint origin of a chain in the log named log:
// log + "/" + chain.
func Origin(log, chain string) string { return log + "/" + chain }

// ValidName reports whether s can be a signed-note key name (and so a
// checkpoint origin): non-empty, valid UTF-8, without spaces or '+'.
func ValidName(s string) bool {
	return s != "" && utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsSpace) < 0 && !strings.Contains(s, "+")
}

// Text returns the checkpoint body of c2sp.org/tlog-checkpoint:
//
//	<origin>\n<size in decimal>\n<root in standard base64>\n
func (t TreeHead) Text() []byte {
	return fmt.Appendf(nil, "%s\n%d\n%s\n", t.Origin, t.Size, base64.StdEncoding.EncodeToString(t.Root[:]))
}

// ParseTreeHead parses a checkpoint body. Extension lines after the root
// are allowed and ignored, as the specification asks.
func ParseTreeHead(text []byte) (TreeHead, error) {
	var t TreeHead
	lines := strings.SplitAfter(string(text), "\n")
	if len(lines) < 4 || lines[len(lines)-1] != "" {
		return t, errors.New("checkpoint: want origin, size and root lines, each ending in a newline")
	}
	t.Origin = strings.TrimSuffix(lines[0], "\n")
	if !ValidName(t.Origin) {
		return t, fmt.Errorf("checkpoint: invalid origin %q", t.Origin)
	}
	size := strings.TrimSuffix(lines[1], "\n")
	n, err := strconv.ParseUint(size, 10, 64)
	if err != nil || (size != "0" && size[0] == '0') {
		return t, fmt.Errorf("checkpoint: invalid size %q", size)
	}
	t.Size = n
	root, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(lines[2], "\n"))
	if err != nil || len(root) != len(t.Root) {
		return t, fmt.Errorf("checkpoint: invalid root hash %q", strings.TrimSuffix(lines[2], "\n"))
	}
	copy(t.Root[:], root)
	for _, l := range lines[3 : len(lines)-1] {
		if l == "\n" {
			return t, errors.New("checkpoint: empty extension line")
		}
	}
	return t, nil
}

// SplitNote splits a signed note into its text (ending in a newline) and
// its signature lines, without verifying anything.
func SplitNote(msg []byte) (text, sigs []byte, err error) {
	i := bytes.LastIndex(msg, []byte("\n\n"))
	if i < 0 {
		return nil, nil, errors.New("signed note: no blank line before the signatures")
	}
	return msg[:i+1], msg[i+2:], nil
}

// CanonicalSignatures checks the signature lines of a signed note (what
// [SplitNote] returns after the blank line): each "— name base64\n" must
// hold its signature in the one standard base64 form, its padding bits
// zero. golang.org/x/mod/sumdb/note reads base64 leniently, so a line
// with other padding bits would verify although it is not the line
// signed and written. No key may sign twice (the same name and key hash):
// a writer appends each signature once, and note.Open would count the
// copy as nothing, so a copied line is a change nobody else would see.
func CanonicalSignatures(sigs []byte) error {
	seen := map[string]bool{}
	for len(sigs) > 0 {
		i := bytes.IndexByte(sigs, '\n')
		if i < 0 {
			return errors.New("signed note: signature line without a newline")
		}
		line := sigs[:i]
		sigs = sigs[i+1:]
		sp := bytes.LastIndexByte(line, ' ')
		if sp < 0 {
			continue // note.Open reports it malformed
		}
		sig, err := base64.StdEncoding.Strict().DecodeString(string(line[sp+1:]))
		if err != nil {
			return fmt.Errorf("signed note: signature %q is not in canonical base64", line[sp+1:])
		}
		if len(sig) >= 4 {
			signer := string(line[:sp]) + " " + string(sig[:4])
			if seen[signer] {
				return fmt.Errorf("signed note: two signatures by the key of %q: a key signs a note once", bytes.TrimPrefix(line[:sp], []byte("— ")))
			}
			seen[signer] = true
		}
	}
	return nil
}

// NoteSigner returns a signed-note Ed25519 signer named name (a checkpoint
// signer uses the checkpoint's origin).
func NoteSigner(name string, key ed25519.PrivateKey) (note.Signer, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("note signer %q: got a %d-byte key, want an ed25519.PrivateKey", name, len(key))
	}
	v, err := NoteVerifier(name, key.Public().(ed25519.PublicKey))
	if err != nil {
		return nil, err
	}
	return &noteSigner{v.Name(), v.KeyHash(), key}, nil
}

type noteSigner struct {
	name string
	hash uint32
	key  ed25519.PrivateKey
}

func (s *noteSigner) Name() string    { return s.name }
func (s *noteSigner) KeyHash() uint32 { return s.hash }
func (s *noteSigner) Sign(msg []byte) ([]byte, error) {
	return ed25519.Sign(s.key, msg), nil
}

// NoteVerifier returns the signed-note Ed25519 verifier for pub named name.
// It remembers the signatures it verified, process-wide (see verified).
func NoteVerifier(name string, pub ed25519.PublicKey) (note.Verifier, error) {
	vkey, err := note.NewEd25519VerifierKey(name, pub)
	if err != nil {
		return nil, fmt.Errorf("note verifier %q: %w", name, err)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, err
	}
	return memoVerifier{Verifier: v, pub: slices.Clone(pub)}, nil
}

// SignTreeHead returns t as a signed note: its text, a blank line and one
// signature line by signer.
func SignTreeHead(t TreeHead, signer note.Signer) ([]byte, error) {
	return note.Sign(&note.Note{Text: string(t.Text())}, signer)
}

// algCosignatureV1 is the signed-note signature type of c2sp.org/tlog-cosignature.
const algCosignatureV1 = 0x04

// CosignatureVerifier verifies timestamped witness cosignatures
// (c2sp.org/tlog-cosignature, cosignature/v1) on checkpoints. The signed
// message is
//
//	"cosignature/v1\ntime " ‖ decimal(t) ‖ "\n" ‖ checkpoint text
//
// and the signature is u64be(t) ‖ Ed25519 signature.
type CosignatureVerifier struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

// NewCosignatureVerifier parses a witness's verifier key,
// "name+hash+base64(0x04 ‖ public key)".
func NewCosignatureVerifier(vkey string) (*CosignatureVerifier, error) {
	name, rest, ok1 := strings.Cut(vkey, "+")
	hashHex, keyB64, ok2 := strings.Cut(rest, "+")
	h, err1 := strconv.ParseUint(hashHex, 16, 32)
	key, err2 := base64.StdEncoding.DecodeString(keyB64)
	if !ok1 || !ok2 || err1 != nil || err2 != nil || len(hashHex) != 8 || !ValidName(name) {
		return nil, fmt.Errorf("witness key %q: want name+hash+base64 key", vkey)
	}
	if len(key) != 1+ed25519.PublicKeySize || key[0] != algCosignatureV1 {
		return nil, fmt.Errorf("witness key %q: not a cosignature/v1 Ed25519 key", vkey)
	}
	if keyHash(name, key) != uint32(h) {
		return nil, fmt.Errorf("witness key %q: key hash does not match", vkey)
	}
	return &CosignatureVerifier{name: name, hash: uint32(h), key: ed25519.PublicKey(key[1:])}, nil
}

// Name returns the witness's name.
func (v *CosignatureVerifier) Name() string { return v.name }

// KeyHash returns the key hash of the signed-note format.
func (v *CosignatureVerifier) KeyHash() uint32 { return v.hash }

// Verify reports whether sig is a cosignature/v1 of the checkpoint text msg.
func (v *CosignatureVerifier) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig)
	m := fmt.Appendf(nil, "cosignature/v1\ntime %d\n%s", t, msg)
	return ed25519.Verify(v.key, m, sig[8:])
}

var _ note.Verifier = (*CosignatureVerifier)(nil)

// keyHash is the signed-note key hash: the first four bytes of
// SHA-256(name ‖ "\n" ‖ key) as a big-endian integer.
func keyHash(name string, key []byte) uint32 {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte("\n"))
	h.Write(key)
	return binary.BigEndian.Uint32(h.Sum(nil))
}
