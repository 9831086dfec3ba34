package chain

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
)

// Domain-separation prefixes: every hash and signature starts with one, so
// that no byte string means two things.
const (
	linkPrefix       = "slogaudit/v1"
	linkPrefixV2     = "slogaudit/v2 link"
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

// Link returns the format v1 link hash h_seq = SHA-256(linkPrefix ‖
// u16be(len(chain)) ‖ chain ‖ u64be(seq) ‖ prev ‖ SHA-256(canonical));
// [Version.Link] has every version's.
func Link(chain string, seq uint64, prev Hash, canonical []byte) Hash {
	content := sha256.Sum256(canonical)
	var buf [512]byte
	b := append(buf[:0], linkPrefix...)
	b = appendChain(b, chain)
	b = binary.BigEndian.AppendUint64(b, seq)
	b = append(b, prev[:]...)
	b = append(b, content[:]...)
	return sha256.Sum256(b)
}

// Link returns the link hash h_seq of the record whose canonical bytes
// are canonical, written under format version v after the record whose
// hash is prev:
//
//	V1:  SHA-256("slogaudit/v1" ‖ u16be(len(chain)) ‖ chain ‖ u64be(seq) ‖ prev ‖ SHA-256(canonical))
//	V2:  SHA-256("slogaudit/v2 link" ‖ u16be(len(chain)) ‖ chain ‖ canonical ‖ u64be(seq) ‖ prev)
//
// V2 hashes the record once: a writer hashes the prefix, chain id and
// canonical bytes before it knows the chain's head, and only the last 40
// bytes once it does ([Linker]). The input stays unambiguous: the chain
// id is length-prefixed, and what follows the canonical bytes has a fixed
// length.
func (v Version) Link(chain string, seq uint64, prev Hash, canonical []byte) Hash {
	if v == V1 {
		return Link(chain, seq, prev, canonical)
	}
	var l Linker
	l.Start(chain)
	l.Write(canonical)
	return l.Finish(seq, prev)
}

// Linker computes V2 link hashes ([Version.Link]) in two steps: Start and
// Write take the record's chain id and canonical bytes, Finish the head
// it follows. Its zero value is ready; reused, it allocates nothing.
type Linker struct {
	d   hash.Hash
	buf []byte
}

// Start begins the link hash of a record of chain.
func (l *Linker) Start(chain string) {
	if l.d == nil {
		l.d = sha256.New()
	}
	l.d.Reset()
	l.buf = appendChain(append(l.buf[:0], linkPrefixV2...), chain)
	l.d.Write(l.buf)
}

// Write adds canonical bytes of the record.
func (l *Linker) Write(canonical []byte) { l.d.Write(canonical) }

// Finish returns the link hash of the record as seq of its chain after
// the record whose hash is prev. It may be called once after Start.
func (l *Linker) Finish(seq uint64, prev Hash) Hash {
	b := binary.BigEndian.AppendUint64(l.buf[:0], seq)
	b = append(b, prev[:]...)
	l.d.Write(b)
	b = l.d.Sum(b[:0])
	l.buf = b[:0]
	return Hash(b)
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
