package slogaudit

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Key files are what `slogaudit keygen -name NAME` writes: NAME.hmac (the
// HMAC key), NAME.ed25519 (the checkpoint signing key) and NAME.ed25519.pub
// (its public key), each one line of lower-case hex, mode 0600.

// LoadKeyFile reads an HMAC key file (NAME.hmac) for [WithKey] and
// [VerifyOptions].Keys. It refuses keys shorter than [MinKeySize] bytes,
// naming the length it found.
func LoadKeyFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("slogaudit: reading HMAC key: %w", err)
	}
	key, err := hmacKey(string(data))
	if err != nil {
		return nil, fmt.Errorf("slogaudit: HMAC key file %s: %w", path, err)
	}
	return key, nil
}

// ParseKey decodes an HMAC key written as hex (surrounding white space is
// ignored), as kept in an environment variable. It refuses keys shorter than
// [MinKeySize] bytes, naming the length it found.
func ParseKey(text string) ([]byte, error) {
	key, err := hmacKey(text)
	if err != nil {
		return nil, fmt.Errorf("slogaudit: HMAC key: %w", err)
	}
	return key, nil
}

func hmacKey(text string) ([]byte, error) {
	key, err := decodeHexKey(text)
	if err != nil {
		return nil, err
	}
	if len(key) < MinKeySize {
		return nil, fmt.Errorf("holds %d bytes, want at least %d (slogaudit keygen writes 32)", len(key), MinKeySize)
	}
	if len(key) == ed25519.PrivateKeySize && bytes.Equal(ed25519.NewKeyFromSeed(key[:ed25519.SeedSize])[ed25519.SeedSize:], key[ed25519.SeedSize:]) {
		// Its MACs would all fail, which reads as tampering.
		return nil, errors.New("holds an Ed25519 private key (NAME.ed25519), not an HMAC key: pass the NAME.hmac file")
	}
	return key, nil
}

// LoadSignerFile reads an Ed25519 private key file (NAME.ed25519) for
// [WithSigner]. It refuses anything but a key of
// [ed25519.PrivateKeySize] bytes, naming the length it found.
func LoadSignerFile(path string) (ed25519.PrivateKey, error) {
	key, err := loadExact(path, "Ed25519 private key", ed25519.PrivateKeySize)
	if err != nil {
		if len(key) == ed25519.PublicKeySize {
			err = fmt.Errorf("%w: this looks like a public key; pass the NAME.ed25519 file, not NAME.ed25519.pub", err)
		}
		return nil, err
	}
	return ed25519.PrivateKey(key), nil
}

// LoadPublicKeyFile reads an Ed25519 public key file (NAME.ed25519.pub) for
// [VerifyOptions].PublicKey. It refuses anything but a key of
// [ed25519.PublicKeySize] bytes, naming the length it found.
func LoadPublicKeyFile(path string) (ed25519.PublicKey, error) {
	key, err := loadExact(path, "Ed25519 public key", ed25519.PublicKeySize)
	if err != nil {
		if len(key) == ed25519.PrivateKeySize {
			// Never say more about a private key than its kind.
			err = fmt.Errorf("%w: this looks like a private key; pass the NAME.ed25519.pub file", err)
		}
		return nil, err
	}
	return ed25519.PublicKey(key), nil
}

// loadExact reads a hex key file that must hold exactly size bytes. On a
// size mismatch it returns the decoded bytes with the error, so that the
// caller can say what the file looks like.
func loadExact(path, what string, size int) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("slogaudit: reading %s: %w", what, err)
	}
	key, err := decodeHexKey(string(data))
	if err != nil {
		return nil, fmt.Errorf("slogaudit: %s file %s: %w", what, path, err)
	}
	if len(key) != size {
		return key, fmt.Errorf("slogaudit: %s file %s: holds %d bytes, want %d", what, path, len(key), size)
	}
	return key, nil
}

func decodeHexKey(text string) ([]byte, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, fmt.Errorf("is empty, want hex as written by slogaudit keygen")
	}
	key, err := hex.DecodeString(text)
	if err != nil {
		// The error of hex.DecodeString quotes the offending byte, which
		// belongs to a secret: say where, not what.
		return nil, fmt.Errorf("is not hex (%d characters; slogaudit keygen writes lower-case hex)", len(text))
	}
	return key, nil
}
