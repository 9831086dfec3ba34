package chain

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
)

// Domain-separation prefixes: every hash and signature starts with one, so
// that no byte string means two things.
const (
	linkPrefix       = "slogaudit/v1"
	genesisPrefix    = "slogaudit/v1 genesis"
	checkpointPrefix = "slogaudit/v1 checkpoint"
)

// Hash is a SHA-256 digest.
type Hash [32]byte

// String returns h in lower-case hex.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// ParseHash parses 64 hex digits.
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) != 64 {
		return h, fmt.Errorf("hash %q: got %d hex digits, want 64", s, len(s))
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("hash %q: %w", s, err)
	}
	return h, nil
}

// ErrChainID is returned for chain ids that cannot be length-prefixed.
var ErrChainID = errors.New("chain id longer than 65535 bytes")

func appendChain(b []byte, chain string) []byte {
	b = binary.BigEndian.AppendUint16(b, uint16(len(chain)))
	return append(b, chain...)
}

// Genesis returns h_0 of chain.
func Genesis(chain string) Hash {
	var buf [256]byte
	b := append(buf[:0], genesisPrefix...)
	b = appendChain(b, chain)
	return sha256.Sum256(b)
}

// Link returns h_seq = SHA-256(linkPrefix ‖ u16be(len(chain)) ‖ chain ‖
// u64be(seq) ‖ prev ‖ SHA-256(canonical)).
func Link(chain string, seq uint64, prev Hash, canonical []byte) Hash {
	return LinkContent(chain, seq, prev, sha256.Sum256(canonical))
}

// LinkContent is [Link] given content = SHA-256(canonical), so that the
// content hash can be computed apart from the link (outside a lock).
func LinkContent(chain string, seq uint64, prev Hash, content Hash) Hash {
	var buf [512]byte
	b := append(buf[:0], linkPrefix...)
	b = appendChain(b, chain)
	b = binary.BigEndian.AppendUint64(b, seq)
	b = append(b, prev[:]...)
	b = append(b, content[:]...)
	return sha256.Sum256(b)
}

// ValidChainID reports an error for chain ids that cannot be used.
func ValidChainID(chain string) error {
	if chain == "" {
		return errors.New("chain id is empty")
	}
	if len(chain) > 0xFFFF {
		return ErrChainID
	}
	return nil
}
