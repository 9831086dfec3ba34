package chain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestMACVectors are known answers, reproduced with:
//
//	K=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
//	H=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
//	# v1
//	printf $H | xxd -r -p | openssl dgst -sha256 -mac HMAC -macopt hexkey:$K
//	# v2, key id "k1"
//	( printf 'slogaudit/mac\000\002\000\002k1'; printf $H | xxd -r -p ) |
//	    openssl dgst -sha256 -mac HMAC -macopt hexkey:$K
func TestMACVectors(t *testing.T) {
	key, err := hex.DecodeString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	require.NoError(t, err)
	h, err := ParseHash("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
	require.NoError(t, err)
	for _, tc := range []struct {
		v    Version
		want string
	}{
		{V1, "d43ab268ace84897c7c38db898ceba8460c30c061f52a2ea4c514367ed85f6fa"},
		{V2, "e0c8d28f0c6161818d4c8371c0f6557c351655ab6c9c65f1c09189e0e0a2a3d2"},
	} {
		t.Run(tc.v.String(), func(t *testing.T) {
			require.Equal(t, tc.want, tc.v.MAC(key, "k1", h).String())
			require.Equal(t, tc.want, tc.v.MACWith(hmac.New(sha256.New, key), "k1", h).String())
			require.True(t, tc.v.CheckMAC(key, "k1", h, tc.v.MAC(key, "k1", h)))
		})
	}
}

// TestMACCoversVersionAndKeyID: from v2 on, a MAC made under one version or
// key id does not verify under another.
func TestMACCoversVersionAndKeyID(t *testing.T) {
	key := []byte("0123456789abcdef")
	h := Genesis("c")
	mac := V2.MAC(key, "k1", h)
	require.False(t, V1.CheckMAC(key, "k1", h, mac), "v2 MAC must not verify as v1")
	require.False(t, V2.CheckMAC(key, "k2", h, mac), "key id must be covered")
	require.False(t, V2.CheckMAC(key, "", h, mac), "key id must be covered")
	require.False(t, V2.CheckMAC(key, "k1", Genesis("d"), mac), "hash must be covered")
	require.False(t, V1.CheckMAC(key, "k1", h, V2.MAC(key, "", h)))
	// v1 does not cover the key id: that is what v2 fixes.
	require.True(t, V1.CheckMAC(key, "k2", h, V1.MAC(key, "k1", h)))
}

func TestParseVersion(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Version
		ok   bool
	}{
		{`{"v":1}`, V1, true},
		{`{"v":2}`, V2, true},
		{`{"v":3}`, 0, false},
		{`{"v":0}`, 0, false},
		{`{"v":1.5}`, 0, false},
		{`{"v":"2"}`, 0, false},
		{`{"v":-1}`, 0, false},
		{`{"v":1e300}`, 0, false},
		{`{}`, 0, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			val, err := Parse([]byte(tc.in))
			require.NoError(t, err)
			v, err := ParseVersion(val)
			if !tc.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, v)
		})
	}
	require.Equal(t, V2, Current, "writers emit the newest version")
}

func TestValidKeyID(t *testing.T) {
	require.NoError(t, ValidKeyID(""))
	require.NoError(t, ValidKeyID(string(make([]byte, 0xFFFF))))
	require.ErrorIs(t, ValidKeyID(string(make([]byte, 0x10000))), ErrKeyID)
}

// TestMACScratch: the scratch forms give the MACs of the plain ones.
func TestMACScratch(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	m := hmac.New(sha256.New, key)
	var scratch []byte
	for i := range 3 {
		var h Hash
		h[0] = byte(i)
		for _, v := range []Version{V1, V2} {
			if got, want := v.MACScratch(m, &scratch, "k1", h), v.MAC(key, "k1", h); got != want {
				t.Fatalf("%s: MACScratch %x, MAC %x", v, got, want)
			}
		}
		got, err := V2.SealedMACScratch(m, &scratch, "k1", uint64(i), h)
		want, err2 := V2.SealedMAC(key, "k1", uint64(i), h)
		if err != nil || err2 != nil || got != want {
			t.Fatalf("SealedMACScratch %x %v, SealedMAC %x %v", got, err, want, err2)
		}
	}
	if _, err := V1.SealedMACScratch(m, &scratch, "k1", 0, Hash{}); err == nil {
		t.Fatal("v1 has no epochs")
	}
}
