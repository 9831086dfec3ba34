package chain

import (
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEpochKeyVectors are known answers for the ratchet of chain "c" from
// the initial key 00..1f, and the sealed MAC of the empty string's SHA-256
// in epoch 2 under key id "k1", reproduced with:
//
//	python3 -c 'import hmac,hashlib;H=lambda k,m:hmac.new(k,m,hashlib.sha256).digest();S=lambda k,i:H(H(bytes(32),k),i+b"\1");I=lambda e:b"slogaudit/epoch\0\1c"+e.to_bytes(8,"big");k=S(bytes(range(32)),I(0));print(k.hex());k=S(k,I(1));print(k.hex());k=S(k,I(2));print(k.hex());h=bytes.fromhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");print(H(k,b"slogaudit/mac epoch\0\2\0\2k1"+(2).to_bytes(8,"big")+h).hex())'
func TestEpochKeyVectors(t *testing.T) {
	initial, err := hex.DecodeString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	require.NoError(t, err)
	want := []string{
		"a7cc2304d3cb927846c630ecc3457a69c00a778a151df663bbd8d2e688fce6ac",
		"ddbf41fe08bef29cf2c1f8eb478bfae75928913dc72688e9a562ccd8a729609a",
		"79e9835db8ac026cf649d0f1df0536d79f7be17b70dfa65ca37f67785d386a67",
	}
	r := NewRatchet(initial, "c")
	for e, w := range want {
		require.Equal(t, uint64(e), r.Epoch())
		require.Equal(t, w, hex.EncodeToString(r.Key()), "ratchet at epoch %d", e)
		k, err := EpochKey(initial, "c", uint64(e))
		require.NoError(t, err)
		require.Equal(t, w, hex.EncodeToString(k), "EpochKey(%d)", e)
		if e < len(want)-1 {
			r.Next()
		}
	}
	h, err := ParseHash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
	require.NoError(t, err)
	mac, err := V2.SealedMAC(r.Key(), "k1", 2, h)
	require.NoError(t, err)
	require.Equal(t, "7e20a5851627187cd75f8f3ef0c14c3e9f63fa15b57e4f32dddb50ad1987b7bb", mac.String())
	require.True(t, V2.CheckSealedMAC(r.Key(), "k1", 2, h, mac))
}

// TestSealedMACCoversEpoch: a sealed MAC does not verify under another
// epoch number, key id, an unsealed MAC or v1.
func TestSealedMACCoversEpoch(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	h := Genesis("c")
	mac, err := V2.SealedMAC(key, "k1", 5, h)
	require.NoError(t, err)
	require.True(t, V2.CheckSealedMAC(key, "k1", 5, h, mac))
	require.False(t, V2.CheckSealedMAC(key, "k1", 4, h, mac), "epoch must be covered")
	require.False(t, V2.CheckSealedMAC(key, "k2", 5, h, mac), "key id must be covered")
	require.False(t, V2.CheckMAC(key, "k1", h, mac), "a sealed MAC is not an unsealed one")
	_, err = V1.SealedMAC(key, "k1", 5, h)
	require.Error(t, err)
}

// TestRatchetChainsIndependent: two chains under one initial key have
// different epoch keys, and the ratchet cannot go back.
func TestRatchetChainsIndependent(t *testing.T) {
	initial := []byte("0123456789abcdef")
	a, b := NewRatchet(initial, "a"), NewRatchet(initial, "b")
	require.NotEqual(t, a.Key(), b.Key())
	old := a.Key()
	require.NoError(t, a.Forward(3))
	require.NotEqual(t, old, a.Key())
	require.Error(t, a.Forward(2))
	_, err := EpochKey(initial, "a", MaxEpoch+1)
	require.ErrorIs(t, err, ErrEpoch)
}
