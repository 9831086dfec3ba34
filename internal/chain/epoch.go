package chain

import (
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// epochPrefix starts the HKDF info of every epoch key.
const epochPrefix = "slogaudit/epoch"

// sealedMACPrefix starts the MAC input of a record written under
// forward-secure sealing. The byte after macPrefix is 0x00 in an unsealed
// V2 MAC input (the high byte of the version) and ' ' here, so no byte
// string is the input of both.
const sealedMACPrefix = "slogaudit/mac epoch"

// MaxEpoch bounds the epoch numbers a verifier derives keys for: deriving
// epoch e costs e HKDF steps, so an epoch number in a forged record must
// not make verification run for hours. At one epoch a second it lasts 194
// days; at the default of 15 minutes, centuries.
const MaxEpoch = 1 << 24

// ErrEpoch is returned for epoch numbers beyond [MaxEpoch].
var ErrEpoch = fmt.Errorf("epoch number beyond %d", MaxEpoch)

// epochInfo is the HKDF info of epoch e of chain:
//
//	"slogaudit/epoch" ‖ u16be(len(chain)) ‖ chain ‖ u64be(e)
func epochInfo(chain string, e uint64) string {
	var buf [256]byte
	b := append(buf[:0], epochPrefix...)
	b = appendChain(b, chain)
	b = binary.BigEndian.AppendUint64(b, e)
	return string(b)
}

// hkdfStep returns HKDF-SHA256(ikm=secret, salt=empty, info, L=32).
func hkdfStep(secret []byte, info string) []byte {
	k, err := hkdf.Key(sha256.New, secret, nil, info, 32)
	if err != nil { // only for lengths beyond 255*32
		panic("chain: hkdf: " + err.Error())
	}
	return k
}

// Ratchet holds the MAC key of one epoch of one chain and evolves it:
//
//	k_0     = HKDF-SHA256(ikm=initial, salt="", info=I(0), L=32)
//	k_{e+1} = HKDF-SHA256(ikm=k_e,     salt="", info=I(e+1), L=32)
//	I(e)    = "slogaudit/epoch" ‖ u16be(len(chain)) ‖ chain ‖ u64be(e)
//
// HKDF is one-way, so k_e gives every later key and no earlier one. The
// chain id in the info makes the epochs of two chains under one initial
// key independent: a process at epoch 3 of one chain learns nothing of the
// epochs of another.
//
// Next overwrites the bytes of the key it replaces. That is as far as Go
// lets a program forget: the HKDF and HMAC states built from a key
// (hmac.New keeps the padded key in its inner and outer hash states) are
// garbage that the runtime frees without clearing, the stack may hold
// copies, and the initial key lives on wherever the caller keeps it. An
// intruder who reads the process memory soon after an epoch ends may find
// an old key there; one who reads the key file, or the memory much later,
// does not.
type Ratchet struct {
	chain string
	epoch uint64
	key   [32]byte
}

// NewRatchet returns the ratchet at epoch 0 of chain, from the initial key.
func NewRatchet(initial []byte, chain string) *Ratchet {
	r := &Ratchet{chain: chain}
	k := hkdfStep(initial, epochInfo(chain, 0))
	copy(r.key[:], k)
	clear(k)
	return r
}

// Epoch returns the current epoch number.
func (r *Ratchet) Epoch() uint64 { return r.epoch }

// Key returns a copy of the current epoch's key; the caller should clear
// it when done.
func (r *Ratchet) Key() []byte { return append([]byte(nil), r.key[:]...) }

// Next moves to epoch e+1 and overwrites the key of epoch e.
func (r *Ratchet) Next() {
	k := hkdfStep(r.key[:], epochInfo(r.chain, r.epoch+1))
	copy(r.key[:], k)
	clear(k)
	r.epoch++
}

// Forward moves to epoch e, which must not be before the current one.
func (r *Ratchet) Forward(e uint64) error {
	if e < r.epoch {
		return fmt.Errorf("chain: ratchet of chain %q is at epoch %d: epoch %d is gone", r.chain, r.epoch, e)
	}
	if e > MaxEpoch {
		return ErrEpoch
	}
	for r.epoch < e {
		r.Next()
	}
	return nil
}

// EpochKey returns k_e of chain derived from the initial key, as the
// verifier does. It returns [ErrEpoch] for e beyond [MaxEpoch].
func EpochKey(initial []byte, chain string, e uint64) ([]byte, error) {
	if e > MaxEpoch {
		return nil, ErrEpoch
	}
	r := NewRatchet(initial, chain)
	for r.epoch < e {
		r.Next()
	}
	return r.key[:], nil
}
