package chain

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Known-answer vectors of audit format v1: the exact bytes that v1 logs
// hash, MAC and sign. A v1 log written today must verify forever, so these
// values never change; a new format gets its own file (vectors_v2_test.go)
// beside this one. Each value was computed with the shell command in its
// comment (OpenSSL 3, xxd, python3), not with this package.

// v1Content is the canonical form of a small record.
const v1Content = `{"level":"INFO","msg":"hello"}`

// v1Key is the HMAC key of the MAC vector.
var v1Key = []byte("0123456789abcdef0123456789abcdef")

// v1Seed is the Ed25519 seed of the checkpoint vectors: bytes 0x00 … 0x1f.
func v1Seed() []byte {
	seed := make([]byte, ed25519.SeedSize)
	for i := range seed {
		seed[i] = byte(i)
	}
	return seed
}

const (
	// printf 'slogaudit/v1 genesis\000\003app' | openssl dgst -sha256 -r
	v1GenesisApp = "ef482073845b765b7de1b2d00218f9009734f0a5af49cd8f60bf3b25dc5b716f"

	// A chain id longer than 255 bytes pins the two-byte length prefix:
	// python3 -c 'import hashlib;print(hashlib.sha256(b"slogaudit/v1 genesis\x01\x2c"+b"x"*300).hexdigest())'
	v1Genesis300 = "f1eff6432e19685f46699c1d4073a3d10610406c81829ccc4d12b1ae27b02bac"

	// h_1 of chain "app" for v1Content:
	// G=ef482073845b765b7de1b2d00218f9009734f0a5af49cd8f60bf3b25dc5b716f
	// { printf 'slogaudit/v1\000\003app\000\000\000\000\000\000\000\001'; printf %s $G | xxd -r -p;
	//   printf %s '{"level":"INFO","msg":"hello"}' | openssl dgst -sha256 -binary; } | openssl dgst -sha256 -r
	v1Link1 = "90ee9ff86c5edb22d5315e20604b34c81327b2b2308d75e808b98cb28e5ae7d7"

	// A seq with every byte different pins u64be; the content is {}:
	// H=90ee9ff86c5edb22d5315e20604b34c81327b2b2308d75e808b98cb28e5ae7d7
	// { printf 'slogaudit/v1\000\003app\001\002\003\004\005\006\007\010'; printf %s $H | xxd -r -p;
	//   printf %s '{}' | openssl dgst -sha256 -binary; } | openssl dgst -sha256 -r
	v1LinkBigSeq = "7098e5bc32f12542ce1621f89dad2b09a5de5f052e9e8c6e211f1f60778b79ef"

	// printf %s $H | xxd -r -p | openssl dgst -sha256 -mac HMAC -macopt key:0123456789abcdef0123456789abcdef -r
	v1MAC = "6afc04cdfa5a4c16cacb7693183e798cb063fa4e8ab3263cc49bd3618838ed54"

	// The bytes a checkpoint of chain "app" at seq 1, hash v1Link1, time
	// 2026-01-02T03:04:05.6Z signs.
	v1CheckpointSigned = `slogaudit/v1 checkpoint{"chain":"app","hash":"90ee9ff86c5edb22d5315e20604b34c81327b2b2308d75e808b98cb28e5ae7d7","seq":1,"time":"2026-01-02T03:04:05.6Z"}`

	// printf 302e020100300506032b657004220420000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f | xxd -r -p > k.der
	// openssl pkey -inform DER -in k.der -pubout -outform DER | tail -c 32 | xxd -p -c 32
	v1PublicKey = "03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"

	// printf %s "$SIGNED" > m   # SIGNED is v1CheckpointSigned
	// openssl pkeyutl -sign -keyform DER -inkey k.der -rawin -in m | xxd -p -c 64
	// (or: python3 -c 'from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey as K;
	//   print(K.from_private_bytes(bytes(range(32))).sign(SIGNED.encode()).hex())')
	v1Signature = "56a7816f236819091799f250b59b18f02a1379f672ba3056ecae6eb6c49421ee03207c7e7d200c411cf55c0b6b6c025d45798171a841f20f0b1013c3d8e1dd0a"

	// The checkpoint file line: the signed object with "sig" in standard
	// base64 (openssl pkeyutl … | base64 -w0), canonical, one line.
	v1CheckpointLine = `{"chain":"app","hash":"90ee9ff86c5edb22d5315e20604b34c81327b2b2308d75e808b98cb28e5ae7d7","seq":1,"sig":"VqeBbyNoGQkXmfJQtZsY8CoTefZyujBW7K5utsSUIe4DIHx+fSAMQRz1XAtrbAJdRXmBcahB8g8LEBPD2OHdCg==","time":"2026-01-02T03:04:05.6Z"}` + "\n"
)

func mustHash(t *testing.T, s string) Hash {
	t.Helper()
	h, err := ParseHash(s)
	require.NoError(t, err)
	return h
}

func v1Checkpoint(t *testing.T) Checkpoint {
	return Checkpoint{Chain: "app", Seq: 1, Hash: mustHash(t, v1Link1), Time: time.Date(2026, 1, 2, 3, 4, 5, 600_000_000, time.UTC)}
}

func TestVectorsV1(t *testing.T) {
	require.Equal(t, "slogaudit/v1", linkPrefix)

	t.Run("genesis", func(t *testing.T) {
		require.Equal(t, v1GenesisApp, Genesis("app").String())
		require.Equal(t, v1Genesis300, Genesis(strings.Repeat("x", 300)).String())
	})
	t.Run("link", func(t *testing.T) {
		h1 := Link("app", 1, mustHash(t, v1GenesisApp), []byte(v1Content))
		require.Equal(t, v1Link1, h1.String())
		require.Equal(t, v1LinkBigSeq, Link("app", 0x0102030405060708, h1, []byte("{}")).String())
	})
	t.Run("mac", func(t *testing.T) {
		h1 := mustHash(t, v1Link1)
		require.Equal(t, v1MAC, V1.MAC(v1Key, "k1", h1).String())
		m := hmac.New(sha256.New, v1Key)
		m.Write([]byte("left over")) // MACWith must reset the state it is given
		require.Equal(t, v1MAC, V1.MACWith(m, "k1", h1).String())
		require.Equal(t, v1MAC, V1.MACWith(m, "k1", h1).String())
		require.True(t, V1.CheckMAC(v1Key, "k1", h1, mustHash(t, v1MAC)))
	})
	t.Run("checkpoint", func(t *testing.T) {
		priv := ed25519.NewKeyFromSeed(v1Seed())
		pub := priv.Public().(ed25519.PublicKey)
		require.Equal(t, v1PublicKey, hex.EncodeToString(pub))

		c := v1Checkpoint(t)
		require.Equal(t, v1CheckpointSigned, string(c.SignedBytes()))
		// The time is signed in UTC whatever its location.
		inZone := c
		inZone.Time = c.Time.In(time.FixedZone("X", -3*3600))
		require.Equal(t, v1CheckpointSigned, string(inZone.SignedBytes()))

		c.Sign(priv)
		require.Equal(t, v1Signature, hex.EncodeToString(c.Sig))
		require.True(t, c.Verify(pub))
		require.Equal(t, v1CheckpointLine, string(c.MarshalLine()))

		v, err := Parse([]byte(v1CheckpointLine))
		require.NoError(t, err)
		back, err := ParseCheckpoint(v)
		require.NoError(t, err)
		require.True(t, back.Verify(pub))
		require.Equal(t, c.Chain, back.Chain)
		require.Equal(t, c.Seq, back.Seq)
		require.Equal(t, c.Hash, back.Hash)
		require.True(t, c.Time.Equal(back.Time))
		require.Equal(t, c.Sig, back.Sig)
	})
}
