package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

var testKey2 = []byte("fedcba9876543210fedcba9876543210")

func keyRanges(rep Report, id string) []KeyRange { return rep.Chains[id].Keys }

func TestRotateKey(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey))
	l := slog.New(h)
	l.Info("a")
	l.Info("b")
	require.NoError(t, h.RotateKey(context.Background(), "k2", testKey2, nil))
	l.Info("c")
	require.NoError(t, h.Close(context.Background()))
	require.Equal(t, uint64(1), h.Stats().Rotations)
	ls := lines(buf.Bytes())
	require.Contains(t, ls[3], `"msg":"audit.rotate"`)
	require.Contains(t, ls[3], `"from":"k1","to":"k2"`)
	require.Equal(t, "k1", auditOf(t, ls[3])["key"], "the rotation is MACed with the old key")
	require.Equal(t, "k2", auditOf(t, ls[4])["key"])

	keys := map[string][]byte{"k1": testKey, "k2": testKey2}
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: keys})
	require.NoError(t, err, "%v", rep.Findings)
	last := rep.Chains["c"].Last
	require.Equal(t, []KeyRange{{"k1", 1, 4}, {"k2", 5, last}}, keyRanges(rep, "c"))

	rep, err = Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	require.Error(t, err, "records by k2 are not checked without its key")
	require.NotEmpty(t, findingsOf(rep, UnknownKey))
}

// relinkMAC rewrites lines from index from on, linked after the line
// before and MACed (unsealed) with key under keyID, as a holder of that key
// would.
func relinkMAC(t *testing.T, ls []string, from int, keyID string, key []byte) []string {
	out := append([]string(nil), ls[:from]...)
	a := auditOf(t, ls[from-1])
	seq := uint64(a["seq"].(float64))
	prev, err := chain.ParseHash(a["hash"].(string))
	require.NoError(t, err)
	id := a["chain"].(string)
	for _, l := range ls[from:] {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &m))
		delete(m, "audit")
		raw, _ := json.Marshal(m)
		v, err := chain.Parse(raw)
		require.NoError(t, err)
		seq++
		h := chain.V2.Link(id, seq, prev, chain.AppendCanonical(nil, v))
		m["audit"] = map[string]any{"v": 2, "chain": id, "seq": seq, "prev": prev.String(), "hash": h.String(),
			"mac": chain.V2.MAC(key, keyID, h).String(), "key": keyID}
		raw, _ = json.Marshal(m)
		out = append(out, string(raw)+"\n")
		prev = h
	}
	return out
}

// TestRotateKeyUnannounced: records by another key id with no rotation
// record and no restart before them are a key-change finding, even when
// the verifier holds that key (the holder of k2 cannot take over k1's
// chain), and the same records after a real rotation are not.
func TestRotateKeyUnannounced(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey))
	for _, m := range []string{"a", "b", "c", "d"} {
		slog.New(h).Info(m)
	}
	ls := lines(buf.Bytes())
	keys := map[string][]byte{"k1": testKey, "k2": testKey2}
	forged := relinkMAC(t, ls, 3, "k2", testKey2)
	rep, err := Verify(context.Background(), bytes.NewReader(join(forged)), VerifyOptions{Keys: keys})
	require.Error(t, err)
	kc := findingsOf(rep, KeyChange)
	require.Len(t, kc, 1, "%v", rep.Findings)
	require.Equal(t, uint64(4), kc[0].Seq)

	// The rotation record removed and the rest re-MACed by the new key.
	var rb bytes.Buffer
	rh := Wrap(slog.NewJSONHandler(&rb, nil), WithChainID("c"), WithKey("k1", testKey))
	slog.New(rh).Info("a")
	require.NoError(t, rh.RotateKey(context.Background(), "k2", testKey2, nil))
	slog.New(rh).Info("b")
	rl := lines(rb.Bytes())
	require.Contains(t, rl[2], MsgRotate)
	stripped := relinkMAC(t, append(append([]string(nil), rl[:2]...), rl[3:]...), 2, "k2", testKey2)
	rep, err = Verify(context.Background(), bytes.NewReader(join(stripped)), VerifyOptions{Keys: keys})
	require.Error(t, err)
	require.Len(t, findingsOf(rep, KeyChange), 1, "%v", rep.Findings)

	rep, err = Verify(context.Background(), bytes.NewReader(rb.Bytes()), VerifyOptions{Keys: keys})
	require.NoError(t, err, "%v", rep.Findings)
}

func TestRotateKeyAtRestart(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey))
	slog.New(h).Info("a")
	require.NoError(t, h.Close(context.Background()))
	h2 := Wrap(slog.NewJSONHandler(&buf, nil), WithResume(h.Head()), WithKey("k2", testKey2))
	slog.New(h2).Info("b")
	require.NoError(t, h2.Close(context.Background()))
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: map[string][]byte{"k1": testKey, "k2": testKey2}})
	require.NoError(t, err, "a restart may change the key: %v", rep.Findings)
	require.Len(t, keyRanges(rep, "c"), 2)
}

// TestRotateSigner: checkpoints before the rotation are signed by the old
// signer, after it by the new; both verify when both public keys are given.
func TestRotateSigner(t *testing.T) {
	pub1, priv1, _ := ed25519.GenerateKey(nil)
	pub2, priv2, _ := ed25519.GenerateKey(nil)
	var buf, cps bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey), WithSigner(priv1), WithCheckpoints(&cps, 2, 0))
	l := slog.New(h)
	for range 3 {
		l.Info("before")
	}
	require.NoError(t, h.RotateKey(context.Background(), "k2", testKey2, priv2))
	for range 3 {
		l.Info("after")
	}
	require.NoError(t, h.Close(context.Background()))
	require.Contains(t, buf.String(), `"signer":"`)
	keys := map[string][]byte{"k1": testKey, "k2": testKey2}
	opts := func(pubs ...ed25519.PublicKey) VerifyOptions {
		return VerifyOptions{Keys: keys, PublicKey: pubs[0], PublicKeys: pubs[1:], Checkpoints: bytes.NewReader(cps.Bytes())}
	}
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), opts(pub1, pub2))
	require.NoError(t, err, "%v", rep.Findings)
	require.Zero(t, rep.Checks.Signatures.Failed)
	require.Greater(t, rep.Checks.Signatures.Checked, int64(2))
	require.Equal(t, rep.Chains["c"].Last, rep.Chains["c"].Covered)

	for _, only := range []ed25519.PublicKey{pub1, pub2} {
		rep, err = Verify(context.Background(), bytes.NewReader(buf.Bytes()), opts(only))
		require.Error(t, err, "one signer's key alone does not verify the other's checkpoints: %v %+v", only.Equal(pub1), rep)
		require.NotEmpty(t, findingsOf(rep, BadCheckpoint))
	}
}

// TestRotateKeySealed: rotation under sealing seals the old key's epoch and
// continues the epoch numbers under the new key's ratchet.
func TestRotateKeySealed(t *testing.T) {
	h, buf := sealedLog(t, 4, 3)
	require.NoError(t, h.RotateKey(context.Background(), "k2", testKey2, nil))
	slog.New(h).Info("after")
	require.NoError(t, h.Close(context.Background()))
	keys := map[string][]byte{"k1": testKey, "k2": testKey2}
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: keys, Sealed: true})
	require.NoError(t, err, "%v", rep.Findings)
	rs := keyRanges(rep, "c")
	require.Len(t, rs, 2)
	require.Equal(t, "k2", rs[1].Key)
	ls := lines(buf.Bytes())
	for i, l := range ls {
		if auditOf(t, l)["key"] == "k2" {
			require.Contains(t, ls[i-1], MsgSeal, "the old key's epoch is sealed before the new key writes")
			require.Equal(t, epochOf(t, ls[i-1])+1, epochOf(t, l))
			break
		}
	}
}

func TestRotateKeyErrors(t *testing.T) {
	h := Wrap(slog.NewJSONHandler(&bytes.Buffer{}, nil), WithChainID("c"), WithKey("k1", testKey))
	ctx := context.Background()
	require.ErrorContains(t, h.RotateKey(ctx, "k1", testKey2, nil), `key id "k1" is the current one`)
	require.ErrorContains(t, h.RotateKey(ctx, "k2", []byte("short"), nil), "want at least 16")
	require.ErrorContains(t, h.RotateKey(ctx, "k2", testKey2, ed25519.PrivateKey{1}), "signer has 1 bytes")
	_, priv, _ := ed25519.GenerateKey(nil)
	require.ErrorContains(t, h.RotateKey(ctx, "k2", testKey2, priv), "a new signer without checkpoints")
	nokey := Wrap(slog.NewJSONHandler(&bytes.Buffer{}, nil))
	require.ErrorContains(t, nokey.RotateKey(ctx, "k2", testKey2, nil), "no key to rotate from")
	require.NoError(t, h.Close(ctx))
	require.ErrorIs(t, h.RotateKey(ctx, "k2", testKey2, nil), ErrClosed)
}

// TestRotateKeyHammer: goroutines log while others rotate the key; every
// record verifies and the ranges cover the chain without overlap.
func TestRotateKeyHammer(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k0", testKey))
	keys := map[string][]byte{"k0": testKey}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				slog.New(h).Info("hammer", "g", g, "i", i)
			}
		}()
	}
	for r := 1; r <= 5; r++ {
		id := "k" + strings.Repeat("x", r)
		key := bytes.Repeat([]byte{byte(r)}, 32)
		keys[id] = key
		wg.Add(1)
		go func() { defer wg.Done(); require.NoError(t, h.RotateKey(context.Background(), id, key, nil)) }()
	}
	wg.Wait()
	require.NoError(t, h.Close(context.Background()))
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: keys})
	require.NoError(t, err, "%v", rep.Findings)
	rs := keyRanges(rep, "c")
	require.Len(t, rs, 6)
	next := uint64(1)
	for _, r := range rs {
		require.Equal(t, next, r.From)
		next = r.To + 1
	}
	require.Equal(t, rep.Chains["c"].Last+1, next)
}
