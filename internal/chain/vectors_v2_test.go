package chain

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"
)

// Known-answer vectors for what format v2 changes or adds: the link hash,
// the Merkle leaf and interior hashes, a tree root, the C2SP checkpoint
// body and its signed note. The v2 MAC's vectors are in version_test.go.
// A change to any of these bytes breaks every v2 checkpoint and proof
// written before it. Each value carries the command that reproduces it.
const (
	// The link hash of record 2 of chain "app" with canonical bytes
	// {"msg":"hi"} after the hash 00 01 … 1f: one SHA-256 over the
	// record, its seq and prev after it.
	// python3 -c "import hashlib; print(hashlib.sha256(b'slogaudit/v2 link'+(3).to_bytes(2,'big')+b'app'+b'{\"msg\":\"hi\"}'+(2).to_bytes(8,'big')+bytes(range(32))).hexdigest())"
	v2Link = "fc598a5a8f63dcb542c56b3f6d501e2af47a78006d44d2424ea627e0aed26841"
	// The same record under v1: SHA-256 of the canonical bytes inside.
	// python3 -c "import hashlib; print(hashlib.sha256(b'slogaudit/v1'+(3).to_bytes(2,'big')+b'app'+(2).to_bytes(8,'big')+bytes(range(32))+hashlib.sha256(b'{\"msg\":\"hi\"}').digest()).hexdigest())"
	v1Link = "64ca09baf3bf30285d6b306aa3c756aab83482f722d7206a67d7f6f09e5a6fbb"

	// python3 -c "import hashlib; print(hashlib.sha256(b'\x00'+bytes(range(32))+bytes(0xff-i for i in range(32))).hexdigest())"
	v2LeafMAC = "995464918dec7474beb7ac7bd993fe57930a304be82a2d781c816b43ceac2833"
	// python3 -c "import hashlib; print(hashlib.sha256(b'\x00'+bytes(range(32))).hexdigest())"
	v2LeafNoMAC = "699cacdb4c39d8e0bb1223352765a7f7acdc51dec6694f7b54c3d0a47f0cc409"
	// Leaves: the leaf hashes (no MAC) of link hashes 01 00…, 02 00…, 03 00…;
	// the root of three leaves is node(node(l0, l1), l2):
	// python3 -c "import hashlib; L=[hashlib.sha256(b'\x00'+bytes([i+1])+bytes(31)).digest() for i in range(3)]; n=lambda a,b: hashlib.sha256(b'\x01'+a+b).digest(); print(n(n(L[0],L[1]),L[2]).hex())"
	v2Root3 = "d300790a304c441999aa258bb23cd0ad8f2b6ce25f9546894788201bb9bd6ff7"
	// The C2SP tlog-checkpoint body: origin, size, root in standard base64.
	v2Text = "slogaudit/app\n3\n0wB5CjBMRBmZqiWLsjzQrY8rbOJflUaJR4ggG7m9b/c=\n"
	// The signed note: the body, a blank line, then "— <name> " and
	// base64(u32be(key hash) ‖ Ed25519 signature of the body), with the key
	// from seed sha256("slogaudit v2 vectors"). The key hash is
	// sha256(name ‖ "\n" ‖ 0x01 ‖ public key)[:4]:
	// python3 -c "import hashlib; print(hashlib.sha256(b'slogaudit/app\n\x01'+bytes.fromhex('08d37eaa3f0bb167f68bd615562c71e8850a12989034844dbd1d2a7753a11712')).digest()[:4].hex())"
	// and the signature (an Ed25519 private key in DER is a fixed prefix and the seed):
	// printf '302e020100300506032b657004220420%s' $(printf 'slogaudit v2 vectors' | openssl dgst -sha256 -r | cut -c1-64) | xxd -r -p > k.der
	// printf 'slogaudit/app\n3\n0wB5CjBMRBmZqiWLsjzQrY8rbOJflUaJR4ggG7m9b/c=\n' > body
	// openssl pkeyutl -sign -rawin -inkey k.der -keyform DER -in body | xxd -p -c 64
	v2PublicKey = "08d37eaa3f0bb167f68bd615562c71e8850a12989034844dbd1d2a7753a11712"
	v2KeyHash   = 0x8f01d905
	v2Note      = v2Text + "\n— slogaudit/app jwHZBSDMYrRkM9wyQEOdH0xWfTFknXE1riu8nGaLvdDj7zFSHjMKGVWgOoLH+8TfgsIFuTNgJJBfsGXV1/xf8Is6oQE=\n"

	// Hashes in the audit member of a canonical v2 line: unpadded base64url.
	// python3 -c "import base64; print(base64.urlsafe_b64encode(bytes(range(32))).rstrip(b'=').decode())"
	v2HashB64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"
	// python3 -c "import base64; print(base64.urlsafe_b64encode(bytes(0xff-i for i in range(32))).rstrip(b'=').decode())"
	v2MACB64 = "__79_Pv6-fj39vX08_Lx8O_u7ezr6uno5-bl5OPi4eA"
)

// TestVectorsV2Link: the v2 link hash, whole and in the two steps a
// writer takes; v1 keeps its own.
func TestVectorsV2Link(t *testing.T) {
	var prev Hash
	for i := range prev {
		prev[i] = byte(i)
	}
	c := []byte(`{"msg":"hi"}`)
	require.Equal(t, v2Link, V2.Link("app", 2, prev, c).String())
	require.Equal(t, v1Link, V1.Link("app", 2, prev, c).String())
	var l Linker
	for range 2 { // reused
		l.Start("app")
		l.Write(c[:5])
		l.Write(c[5:])
		require.Equal(t, v2Link, l.Finish(2, prev).String())
	}
	long := string(make([]byte, 300)) // a chain id longer than any buffer
	require.Equal(t, V2.Link(long, 2, prev, c), func() Hash { l.Start(long); l.Write(c); return l.Finish(2, prev) }())
	require.NotEqual(t, V2.Link("app", 3, prev, c), V2.Link("app", 2, prev, c))
	require.NotEqual(t, V2.Link("ap", 2, prev, append([]byte("p"), c...)), V2.Link("app", 2, prev, c), "the chain id is length-prefixed")
}

// TestVectorsV2Hashes: a canonical v2 line writes hashes in unpadded
// base64url, in their one strict form; v2 lines written through another
// handler carry hex, which v2 reads too; v1 reads hex only.
func TestVectorsV2Hashes(t *testing.T) {
	var h, mac Hash
	for i := range h {
		h[i], mac[i] = byte(i), byte(0xff-i)
	}
	require.Equal(t, v2HashB64, string(V2.AppendHash(nil, h)))
	require.Equal(t, v2MACB64, string(V2.AppendHash(nil, mac)))
	require.Equal(t, h.String(), string(V1.AppendHash(nil, h)))
	for _, s := range []string{v2HashB64, h.String()} {
		got, err := V2.ParseHash(s)
		require.NoError(t, err, s)
		require.Equal(t, h, got)
	}
	_, err := V1.ParseHash(v2HashB64)
	require.Error(t, err, "v1 reads hex only")
	for _, bad := range []string{
		v2HashB64[:42] + "9", // unused low bits set: not the strict form
		v2HashB64 + "=",      // padded
		"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+", // standard alphabet
		v2HashB64[:42],
	} {
		_, err := V2.ParseHash(bad)
		require.Error(t, err, bad)
	}
}

// TestAppendHashBase64: the v2 hash text is encoding/base64's unpadded
// base64url of the hash.
func TestAppendHashBase64(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range 1000 {
		var h Hash
		for j := range h {
			switch i % 3 {
			case 0:
				h[j] = byte(rng.Uint32())
			case 1:
				h[j] = 0xff
			}
		}
		require.Equal(t, base64.RawURLEncoding.EncodeToString(h[:]), string(V2.AppendHash([]byte("x"), h))[1:])
	}
}

func TestVectorsV2(t *testing.T) {
	var h Hash
	mac := make([]byte, 32)
	for i := range h {
		h[i], mac[i] = byte(i), byte(0xff-i)
	}
	require.Equal(t, v2LeafMAC, Leaf(h, mac).String())
	require.Equal(t, v2LeafNoMAC, Leaf(h, nil).String())

	var tree Tree
	for i := range 3 {
		var x Hash
		x[0] = byte(i + 1)
		tree.Append(Leaf(x, nil))
	}
	require.Equal(t, v2Root3, tree.Root().String())

	head := TreeHead{Origin: "slogaudit/app", Size: 3, Root: tree.Root()}
	require.Equal(t, v2Text, string(head.Text()))
	parsed, err := ParseTreeHead([]byte(v2Text))
	require.NoError(t, err)
	require.Equal(t, head, parsed)

	seed := sha256.Sum256([]byte("slogaudit v2 vectors"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	require.Equal(t, v2PublicKey, hex.EncodeToString(priv.Public().(ed25519.PublicKey)))
	signer, err := NoteSigner("slogaudit/app", priv)
	require.NoError(t, err)
	require.EqualValues(t, v2KeyHash, signer.KeyHash())
	msg, err := note.Sign(&note.Note{Text: v2Text}, signer)
	require.NoError(t, err)
	require.Equal(t, v2Note, string(msg), "Ed25519 is deterministic: the same key and body give the same note")

	v, err := NoteVerifier("slogaudit/app", priv.Public().(ed25519.PublicKey))
	require.NoError(t, err)
	_, err = note.Open([]byte(v2Note), note.VerifierList(v))
	require.NoError(t, err)
}
