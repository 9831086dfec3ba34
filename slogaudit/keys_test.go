package slogaudit

import (
	"crypto/ed25519"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestLoadKeys(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		return p
	}
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	hmac32 := strings.Repeat("ab", 32)

	key, err := LoadKeyFile(write("ok.hmac", hmac32+"\n"))
	require.NoError(t, err)
	require.Len(t, key, 32)
	key, err = LoadKeyFile(write("long.hmac", hmac32+hmac32+"\n"))
	require.NoError(t, err, "a 64-byte key that is no Ed25519 key is an HMAC key")
	require.Len(t, key, 64)
	gotPriv, err := LoadSignerFile(write("ok.ed25519", hex.EncodeToString(priv)+"\n"))
	require.NoError(t, err)
	require.Equal(t, priv, gotPriv)
	gotPub, err := LoadPublicKeyFile(write("ok.ed25519.pub", " "+hex.EncodeToString(pub)+"\r\n"))
	require.NoError(t, err)
	require.Equal(t, pub, gotPub)

	for _, tc := range []struct {
		name    string
		load    func(string) error
		content string
		want    string // in the error
	}{
		{"hmac empty", loadKey, "", "is empty"},
		{"hmac two bytes", loadKey, "abcd\n", "holds 2 bytes, want at least 16"},
		{"hmac not hex", loadKey, "zz" + hmac32, "is not hex"},
		{"hmac odd digits", loadKey, hmac32 + "a", "is not hex"},
		{"hmac is a signing key", loadKey, hex.EncodeToString(priv) + "\n", "holds an Ed25519 private key (NAME.ed25519), not an HMAC key"},
		{"signer short", loadSigner, hmac32, "holds 32 bytes, want 64: this looks like a public key"},
		{"signer long", loadSigner, hmac32 + hmac32 + "00", "holds 65 bytes, want 64"},
		{"public key is private", loadPub, hex.EncodeToString(priv), "holds 64 bytes, want 32: this looks like a private key"},
		{"public key short", loadPub, "0011", "holds 2 bytes, want 32"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := write(strings.ReplaceAll(tc.name, " ", "-"), tc.content)
			err := tc.load(p)
			require.ErrorContains(t, err, tc.want)
			require.ErrorContains(t, err, p, "the error names the file")
			require.True(t, strings.HasPrefix(err.Error(), "slogaudit: "), err.Error())
			if len(tc.content) >= 16 {
				require.NotContains(t, err.Error(), tc.content[:16], "no key material in errors")
			}
		})
	}
	t.Run("private key never echoed", func(t *testing.T) {
		err := loadPub(write("priv-as-pub", hex.EncodeToString(priv)))
		require.Error(t, err)
		require.NotContains(t, err.Error(), hex.EncodeToString(priv)[:16])
	})
	t.Run("missing file", func(t *testing.T) {
		_, err := LoadKeyFile(filepath.Join(dir, "nope"))
		require.ErrorIs(t, err, os.ErrNotExist)
	})
	t.Run("ParseKey", func(t *testing.T) {
		k, err := ParseKey(" " + hmac32 + "\n")
		require.NoError(t, err)
		require.Len(t, k, 32)
		_, err = ParseKey("00ff")
		require.ErrorContains(t, err, "slogaudit: HMAC key: holds 2 bytes")
	})
}

func loadKey(p string) error    { _, err := LoadKeyFile(p); return err }
func loadSigner(p string) error { _, err := LoadSignerFile(p); return err }
func loadPub(p string) error    { _, err := LoadPublicKeyFile(p); return err }
