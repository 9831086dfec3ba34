package slogaudit

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

// forger writes v1 audit lines by hand, with the link, MAC and checkpoint
// formats of internal/chain but without the producer, so that a test can
// build exactly the input it needs: a record with any seq, prev, key id or
// MAC, and checkpoints over any head.
type forger struct {
	t     *testing.T
	chain string
	keyID string
	key   []byte // nil: records carry no MAC
	seq   uint64 // of the last record made by next
	head  chain.Hash
	// hashes[i] is the hash of seq i+1 as made by next.
	hashes []chain.Hash
}

func newForger(t *testing.T, id string, key []byte) *forger {
	return &forger{t: t, chain: id, keyID: "k1", key: key, head: chain.Genesis(id)}
}

// auditFor is the audit member of a record, as the producer writes it.
type auditFor struct {
	chain   string
	seq     uint64
	prev    chain.Hash
	hash    chain.Hash
	keyID   string
	key     []byte
	macOf   *chain.Hash // when set, the MAC is over this hash instead of hash
	omitMAC bool
}

func (a auditFor) value() chain.Value {
	ms := []chain.Member{
		{Name: "v", Value: chain.Num(1)},
		{Name: "chain", Value: chain.Str(a.chain)},
		{Name: "seq", Value: chain.Num(float64(a.seq))},
		{Name: "prev", Value: chain.Str(a.prev.String())},
		{Name: "hash", Value: chain.Str(a.hash.String())},
	}
	if a.key != nil && !a.omitMAC {
		over := a.hash
		if a.macOf != nil {
			over = *a.macOf
		}
		ms = append(ms, chain.Member{Name: "mac", Value: chain.Str(chain.V1.MAC(a.key, a.keyID, over).String())},
			chain.Member{Name: "key", Value: chain.Str(a.keyID)})
	}
	return chain.Obj(ms)
}

// make returns a line holding content (a JSON object without "audit")
// linked as seq after prev, and its hash, without moving the forger.
func (f *forger) make(content string, seq uint64, prev chain.Hash) (string, chain.Hash) {
	f.t.Helper()
	v, err := chain.Parse([]byte(content))
	require.NoError(f.t, err, content)
	h := chain.Link(f.chain, seq, prev, chain.AppendCanonical(nil, v))
	return f.line(v, auditFor{chain: f.chain, seq: seq, prev: prev, hash: h, keyID: f.keyID, key: f.key}), h
}

// line joins content and an audit member into one line.
func (f *forger) line(content chain.Value, a auditFor) string {
	members := append(append([]chain.Member(nil), content.Members...), chain.Member{Name: "audit", Value: a.value()})
	return string(chain.AppendCanonical(nil, chain.Obj(members))) + "\n"
}

// next returns the next record of the chain and moves the forger on.
func (f *forger) next(content string) string {
	f.t.Helper()
	l, h := f.make(content, f.seq+1, f.head)
	f.seq, f.head = f.seq+1, h
	f.hashes = append(f.hashes, h)
	return l
}

// records returns n ordinary records of the chain.
func (f *forger) records(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f.next(`{"level":"INFO","msg":"event","i":` + strconv.Itoa(int(f.seq)+1) + `}`)
	}
	return out
}

// fixedSigner is an Ed25519 key from a fixed seed, so that signatures are
// the same in every run.
func fixedSigner() (ed25519.PublicKey, ed25519.PrivateKey) {
	seed := sha256.Sum256([]byte("slogaudit test signer"))
	priv := ed25519.NewKeyFromSeed(seed[:])
	return priv.Public().(ed25519.PublicKey), priv
}

var fixedTime = time.Date(2026, 1, 2, 3, 4, 5, 600_000_000, time.UTC)

// checkpoint returns a signed checkpoint over seq and hash of f's chain.
func (f *forger) checkpoint(priv ed25519.PrivateKey, seq uint64, h chain.Hash) chain.Checkpoint {
	c := chain.Checkpoint{Chain: f.chain, Seq: seq, Hash: h, Time: fixedTime}
	c.Sign(priv)
	return c
}

// inBand returns the content of an audit.checkpoint record for c, as the
// producer writes it, with edit applied to the checkpoint group's members.
func inBand(c chain.Checkpoint, edit func(map[string]chain.Value)) string {
	m := map[string]chain.Value{
		"chain": chain.Str(c.Chain), "seq": chain.Num(float64(c.Seq)), "hash": chain.Str(c.Hash.String()),
		"time": chain.Str(c.Time.Format(time.RFC3339Nano)), "sig": chain.Str(encodeSig(c.Sig)),
	}
	if edit != nil {
		edit(m)
	}
	var ms []chain.Member
	for k, v := range m {
		ms = append(ms, chain.Member{Name: k, Value: v})
	}
	body := chain.Obj([]chain.Member{
		{Name: "level", Value: chain.Str("INFO")},
		{Name: "msg", Value: chain.Str(MsgCheckpoint)},
		{Name: "checkpoint", Value: chain.Obj(ms)},
	})
	return string(chain.AppendCanonical(nil, body))
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func cat(parts ...string) []byte { return []byte(strings.Join(parts, "")) }

// encodeSig writes a v1 checkpoint signature as the v1 producer did.
func encodeSig(sig []byte) string { return base64.StdEncoding.EncodeToString(sig) }
