package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/slogguard/slogguard/slogaudit"
)

// Load the files that `slogaudit keygen -dir DIR` writes: the HMAC key for
// WithKey, the signing key for WithSigner, and the public key for
// verification.
func ExampleLoadKeyFile() {
	dir, err := os.MkdirTemp("", "keys")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	writeKeygenFiles(dir) // stands for: slogaudit keygen -dir DIR

	key, err := slogaudit.LoadKeyFile(filepath.Join(dir, "audit.hmac"))
	if err != nil {
		panic(err)
	}
	signer, err := slogaudit.LoadSignerFile(filepath.Join(dir, "audit.ed25519"))
	if err != nil {
		panic(err)
	}
	pub, err := slogaudit.LoadPublicKeyFile(filepath.Join(dir, "audit.ed25519.pub"))
	if err != nil {
		panic(err)
	}

	var log, checkpoints bytes.Buffer
	h, err := slogaudit.New(slog.NewJSONHandler(&log, nil), slogaudit.WithKey("k1", key),
		slogaudit.WithSigner(signer), slogaudit.WithCheckpoints(&checkpoints, 100, 0))
	if err != nil {
		panic(err)
	}
	slog.New(h).Info("user signed in", "user", "u-7")
	if err := h.Close(context.Background()); err != nil {
		panic(err)
	}

	rep, err := slogaudit.Verify(context.Background(), &log, slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": key}, PublicKey: pub, Checkpoints: &checkpoints})
	fmt.Println("intact:", rep.Intact(), "error:", err)

	_, err = slogaudit.LoadPublicKeyFile(filepath.Join(dir, "audit.ed25519"))
	fmt.Println(err != nil)
	// Output:
	// intact: true error: <nil>
	// true
}

func writeKeygenFiles(dir string) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		panic(err)
	}
	hmacKey := make([]byte, 32)
	copy(hmacKey, priv.Seed()) // any 32 random bytes
	for name, b := range map[string][]byte{"audit.hmac": hmacKey, "audit.ed25519": priv, "audit.ed25519.pub": pub} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(hex.EncodeToString(b)+"\n"), 0o600); err != nil {
			panic(err)
		}
	}
}
