package chain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// Version is an audit format version: the "v" member of a record's audit
// member. Everything that differs between versions is decided here, so that
// the writer and the verifier agree on one table.
type Version int

// The audit format versions. V2 is the version under development: changes to
// the format go into it until it is released, and the verifier keeps
// reading V1.
const (
	V1 Version = 1 // mac = HMAC(key, h); hashes in hex
	// V2: the MAC covers the version and the key id; hashes ("prev",
	// "hash", "mac") in unpadded base64url; lines are valid UTF-8 as
	// written.
	V2 Version = 2

	// Current is the version that writers emit.
	Current = V2
)

// macPrefix starts the MAC input of every version from V2 on. A V1 MAC input
// is exactly 32 bytes (a hash); a V2 input is longer and starts with this
// prefix, so no byte string is the input of both.
const macPrefix = "slogaudit/mac"

// ErrVersion is returned for audit format versions this package cannot read.
var ErrVersion = errors.New("unsupported audit format version")

// ErrKeyID is returned for key ids that cannot be length-prefixed.
var ErrKeyID = errors.New("key id longer than 65535 bytes")

// ParseVersion reads the "v" member of an audit member: an integer that is
// a known version.
func ParseVersion(audit Value) (Version, error) {
	m, ok := audit.Get("v")
	if !ok || m.Kind != Number {
		return 0, errors.New("missing format version \"v\"")
	}
	v := Version(m.Num)
	if float64(v) != m.Num || !v.Known() {
		return 0, fmt.Errorf("%w %v: this verifier reads versions %d to %d (upgrade slogaudit)", ErrVersion, m.Num, V1, Current)
	}
	return v, nil
}

// AuditMember reports whether name may appear in the audit member of a
// record of version v. The audit member is not hashed (only the fields it
// names are checked), so a verifier must refuse any member it does not
// know: a reader would take it for part of the record.
func (v Version) AuditMember(name string) bool {
	switch name {
	case "v", "chain", "seq", "prev", "hash", "mac", "key":
		return true
	case "epoch": // forward-secure sealing
		return v >= V2
	}
	return false
}

// Known reports whether v is a version this package reads.
func (v Version) Known() bool { return v >= V1 && v <= Current }

// ValidKeyID returns [ErrKeyID] for key ids that do not fit the MAC input.
func ValidKeyID(id string) error {
	if len(id) > 0xFFFF {
		return ErrKeyID
	}
	return nil
}

// appendMACInput appends the bytes that v's MAC covers:
//
//	V1:  h
//	V2:  "slogaudit/mac" ‖ u16be(v) ‖ u16be(len(keyID)) ‖ keyID ‖ h
//
// keyID must pass [ValidKeyID].
func (v Version) appendMACInput(b []byte, keyID string, h Hash) []byte {
	if v == V1 {
		return append(b, h[:]...)
	}
	b = append(b, macPrefix...)
	b = binary.BigEndian.AppendUint16(b, uint16(v))
	b = binary.BigEndian.AppendUint16(b, uint16(len(keyID)))
	b = append(b, keyID...)
	return append(b, h[:]...)
}

// MAC returns the MAC of the record whose link hash is h, written under
// format version v with the key that keyID names:
//
//	V1:  HMAC-SHA256(key, h)
//	V2:  HMAC-SHA256(key, "slogaudit/mac" ‖ u16be(2) ‖ u16be(len(keyID)) ‖ keyID ‖ h)
//
// From V2 on, changing a record's "v" or "key" member breaks its MAC.
func (v Version) MAC(key []byte, keyID string, h Hash) Hash {
	return v.MACWith(hmac.New(sha256.New, key), keyID, h)
}

// MACWith is [Version.MAC] with a reusable HMAC-SHA256 state m (from
// hmac.New with the key), which it resets.
func (v Version) MACWith(m hash.Hash, keyID string, h Hash) Hash {
	var buf [128]byte
	m.Reset()
	m.Write(v.appendMACInput(buf[:0], keyID, h))
	var out Hash
	m.Sum(out[:0])
	return out
}

// MACScratch is [Version.MACWith] that builds the MAC input and reads the
// sum in *scratch, which it keeps for the next call, so that it allocates
// nothing once *scratch has grown.
func (v Version) MACScratch(m hash.Hash, scratch *[]byte, keyID string, h Hash) Hash {
	b := v.appendMACInput((*scratch)[:0], keyID, h)
	return sumInto(m, scratch, b)
}

// SealedMACScratch is [Version.SealedMACWith] with the scratch of
// [Version.MACScratch].
func (v Version) SealedMACScratch(m hash.Hash, scratch *[]byte, keyID string, e uint64, h Hash) (Hash, error) {
	if v < V2 {
		return Hash{}, errNoEpochV1
	}
	b := v.appendSealedMACInput((*scratch)[:0], keyID, e, h)
	return sumInto(m, scratch, b), nil
}

func sumInto(m hash.Hash, scratch *[]byte, in []byte) Hash {
	m.Reset()
	m.Write(in)
	b := m.Sum(in[:0])
	var out Hash
	copy(out[:], b)
	*scratch = b[:0]
	return out
}

// CheckMAC reports whether mac is v's MAC of h under key and keyID, in
// constant time.
func (v Version) CheckMAC(key []byte, keyID string, h, mac Hash) bool {
	want := v.MAC(key, keyID, h)
	return hmac.Equal(want[:], mac[:])
}

// AppendHash appends h as a V2 line written by its own encoder carries
// it: 43 characters of unpadded base64url (RFC 4648 section 5). V1, and
// V2 lines written through another handler, carry 64 lower-case hex
// digits ([Hash.String]), which no redaction takes for a secret.
func (v Version) AppendHash(dst []byte, h Hash) []byte {
	if v == V1 {
		return hex.AppendEncode(dst, h[:])
	}
	return base64.RawURLEncoding.AppendEncode(dst, h[:])
}

// ParseHash parses a hash of v's audit member: 64 hex digits in V1; from
// V2 on, 64 lowercase hex digits or 43 characters of unpadded base64url,
// in their one canonical form. The MAC and the links cover the hash, not its text.
func (v Version) ParseHash(s string) (Hash, error) {
	if v == V1 {
		return ParseHash(s)
	}
	if len(s) == 64 {
		// The writer's hex is lowercase: an uppercase digit decodes to
		// the same bytes, but the line is not the one written.
		if i := strings.IndexFunc(s, func(r rune) bool { return 'A' <= r && r <= 'F' }); i >= 0 {
			return Hash{}, fmt.Errorf("hash %q: uppercase hex digit at %d: %s writes lowercase hex", s, i, v)
		}
		return ParseHash(s)
	}
	var h Hash
	if len(s) != 43 {
		return h, fmt.Errorf("hash %q: got %d characters, want 43 of base64url or 64 hex digits", s, len(s))
	}
	n, err := base64.RawURLEncoding.Strict().Decode(h[:], []byte(s))
	if err != nil || n != len(h) {
		return h, fmt.Errorf("hash %q: not unpadded base64url", s)
	}
	return h, nil
}

// String returns "v1", "v2", ….
func (v Version) String() string { return fmt.Sprintf("v%d", int(v)) }

// errNoEpochV1 is returned for sealed MACs under V1, which has no epochs.
var errNoEpochV1 = errors.New("format v1 has no epochs")

// appendSealedMACInput appends the bytes that v's MAC of a record of
// epoch e covers (V2 on):
//
//	"slogaudit/mac epoch" ‖ u16be(v) ‖ u16be(len(keyID)) ‖ keyID ‖ u64be(e) ‖ h
func (v Version) appendSealedMACInput(b []byte, keyID string, e uint64, h Hash) []byte {
	b = append(b, sealedMACPrefix...)
	b = binary.BigEndian.AppendUint16(b, uint16(v))
	b = binary.BigEndian.AppendUint16(b, uint16(len(keyID)))
	b = append(b, keyID...)
	b = binary.BigEndian.AppendUint64(b, e)
	return append(b, h[:]...)
}

// SealedMAC returns the MAC of a record written under forward-secure
// sealing in epoch e (the "epoch" member of its audit member), with that
// epoch's key k_e (from a [Ratchet] or [EpochKey]):
//
//	HMAC-SHA256(k_e, "slogaudit/mac epoch" ‖ u16be(v) ‖ u16be(len(keyID)) ‖ keyID ‖ u64be(e) ‖ h)
//
// Changing the record's epoch, version or key id breaks it. V1 has no
// epochs: it returns an error.
func (v Version) SealedMAC(epochKey []byte, keyID string, e uint64, h Hash) (Hash, error) {
	return v.SealedMACWith(hmac.New(sha256.New, epochKey), keyID, e, h)
}

// SealedMACWith is [Version.SealedMAC] with a reusable HMAC-SHA256 state m
// (from hmac.New with the epoch key), which it resets.
func (v Version) SealedMACWith(m hash.Hash, keyID string, e uint64, h Hash) (Hash, error) {
	if v < V2 {
		return Hash{}, errNoEpochV1
	}
	var buf [160]byte
	m.Reset()
	m.Write(v.appendSealedMACInput(buf[:0], keyID, e, h))
	var out Hash
	m.Sum(out[:0])
	return out, nil
}

// CheckSealedMAC reports whether mac is v's MAC of h in epoch e under the
// epoch key and keyID, in constant time.
func (v Version) CheckSealedMAC(epochKey []byte, keyID string, e uint64, h, mac Hash) bool {
	want, err := v.SealedMAC(epochKey, keyID, e, h)
	return err == nil && hmac.Equal(want[:], mac[:])
}
