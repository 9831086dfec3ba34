package chain

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"time"
)

// Checkpoint is a signed statement of a chain's head at a time.
type Checkpoint struct {
	Chain string
	Seq   uint64
	Hash  Hash
	Time  time.Time
	Sig   []byte // Ed25519 over SignedBytes
}

// body is the JSON object that is signed.
func (c Checkpoint) body() Value {
	return Obj([]Member{
		{"chain", Str(c.Chain)},
		{"hash", Str(c.Hash.String())},
		{"seq", Num(float64(c.Seq))},
		{"time", Str(c.Time.UTC().Format(time.RFC3339Nano))},
	})
}

// SignedBytes returns checkpointPrefix ‖ JCS(body).
func (c Checkpoint) SignedBytes() []byte {
	return AppendCanonical([]byte(checkpointPrefix), c.body())
}

// Sign sets c.Sig.
func (c *Checkpoint) Sign(key ed25519.PrivateKey) {
	c.Sig = ed25519.Sign(key, c.SignedBytes())
}

// Verify reports whether c.Sig is a valid signature by pub.
func (c Checkpoint) Verify(pub ed25519.PublicKey) bool {
	return len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, c.SignedBytes(), c.Sig)
}

// MarshalLine returns the checkpoint as one JSON line (canonical, with the
// signature in base64), for a checkpoint file.
func (c Checkpoint) MarshalLine() []byte {
	v := c.body()
	v = Obj(append(v.Members, Member{"sig", Str(base64.StdEncoding.EncodeToString(c.Sig))}))
	return append(AppendCanonical(nil, v), '\n')
}

// ParseCheckpoint reads a checkpoint from a parsed JSON object (a line of a
// checkpoint file, or the "checkpoint" group of an in-band record).
func ParseCheckpoint(v Value) (Checkpoint, error) {
	var c Checkpoint
	if v.Kind != Object {
		return c, fmt.Errorf("checkpoint: got JSON kind %d, want an object", v.Kind)
	}
	str := func(name string) (string, error) {
		m, ok := v.Get(name)
		if !ok || m.Kind != String {
			return "", fmt.Errorf("checkpoint: missing string member %q", name)
		}
		return m.Str, nil
	}
	var err error
	if c.Chain, err = str("chain"); err != nil {
		return c, err
	}
	h, err := str("hash")
	if err != nil {
		return c, err
	}
	if c.Hash, err = ParseHash(h); err != nil {
		return c, fmt.Errorf("checkpoint: %w", err)
	}
	seq, ok := v.Get("seq")
	if !ok || seq.Kind != Number || seq.Num < 0 || seq.Num != float64(uint64(seq.Num)) {
		return c, fmt.Errorf("checkpoint: missing or invalid seq")
	}
	c.Seq = uint64(seq.Num)
	ts, err := str("time")
	if err != nil {
		return c, err
	}
	if c.Time, err = time.Parse(time.RFC3339Nano, ts); err != nil {
		return c, fmt.Errorf("checkpoint: time: %w", err)
	}
	sig, err := str("sig")
	if err != nil {
		return c, err
	}
	if c.Sig, err = base64.StdEncoding.DecodeString(sig); err != nil {
		return c, fmt.Errorf("checkpoint: sig: %w", err)
	}
	return c, nil
}
