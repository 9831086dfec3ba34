package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/slogguard/slogguard/internal/chain"
)

// Proof kinds.
const (
	InclusionProof   = "inclusion"   // a record is in the tree a checkpoint signs
	ConsistencyProof = "consistency" // a checkpoint's tree extends an older one's
)

// Proof is an RFC 6962 inclusion or consistency proof together with what
// it is checked against, so that [CheckProof] needs nothing else but the
// log's public key. It holds the one record proved, the signed
// checkpoints, and at most 2·log2(size) hashes of subtrees: no other
// record's content.
type Proof struct {
	Kind string `json:"kind"`
	// Record is the proved record's line, for an inclusion proof.
	Record string `json:"record,omitempty"`
	// Old is the older checkpoint of a consistency proof (a signed note).
	Old string `json:"old,omitempty"`
	// Checkpoint is the checkpoint proved against (a signed note).
	Checkpoint string `json:"checkpoint"`
	// Hashes are the proof's hashes in standard base64, in the order of
	// golang.org/x/mod/sumdb/tlog's RecordProof and TreeProof.
	Hashes []string `json:"hashes"`
}

// ErrProof is wrapped by every error of [CheckProof] that says a proof
// does not hold.
var ErrProof = errors.New("slogaudit: proof does not verify")

// ProveInclusion returns the inclusion proof of record seq of chainID in
// the tree signed by checkpoint (a signed note), reading the chain's
// records from paths (rotated files first). It fails when the records do
// not match the checkpoint.
func ProveInclusion(ctx context.Context, paths []string, chainID string, seq uint64, checkpoint []byte) (Proof, error) {
	th, err := checkpointFor(checkpoint, chainID)
	if err != nil {
		return Proof{}, err
	}
	if seq < 1 || seq > th.Size {
		return Proof{}, fmt.Errorf("slogaudit: prove: seq %d is not in the checkpoint's tree of %d records", seq, th.Size)
	}
	p, err := chain.NewInclusionProver(seq-1, th.Size)
	if err != nil {
		return Proof{}, fmt.Errorf("slogaudit: prove: %w", err)
	}
	var record []byte
	err = feedProver(ctx, paths, chainID, p, func(s uint64, line []byte) {
		if s == seq {
			record = bytes.Clone(line)
		}
	})
	if err != nil {
		return Proof{}, err
	}
	hashes, err := finishProof(p, th)
	if err != nil {
		return Proof{}, err
	}
	return Proof{Kind: InclusionProof, Record: string(record), Checkpoint: string(checkpoint), Hashes: hashes}, nil
}

// ProveInclusionAt is [ProveInclusion] for the record at line (from 1) of
// file, which must be one of paths.
func ProveInclusionAt(ctx context.Context, paths []string, file string, line int64, checkpoint []byte) (Proof, error) {
	var rec *auditFields
	err := scanRecords([]string{file}, func(src treeSource, _ []byte, _ chain.Value, r auditFields) error {
		if src.line == line {
			rec = &r
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return Proof{}, err
	}
	if rec == nil {
		return Proof{}, fmt.Errorf("slogaudit: prove: %s:%d is not an audit record", file, line)
	}
	return ProveInclusion(ctx, paths, rec.chain, rec.seq, checkpoint)
}

var errStop = errors.New("stop")

// ProveConsistency returns the proof that the tree signed by checkpoint
// extends the tree signed by old, reading the records from paths.
func ProveConsistency(ctx context.Context, paths []string, old, checkpoint []byte) (Proof, error) {
	text, _, err := chain.SplitNote(old)
	if err != nil {
		return Proof{}, fmt.Errorf("slogaudit: prove: old checkpoint: %w", err)
	}
	oldTH, err := chain.ParseTreeHead(text)
	if err != nil {
		return Proof{}, fmt.Errorf("slogaudit: prove: old checkpoint: %w", err)
	}
	chainID := oldTH.Origin[strings.LastIndexByte(oldTH.Origin, '/')+1:]
	th, err := checkpointFor(checkpoint, chainID)
	if err != nil {
		return Proof{}, err
	}
	if th.Origin != oldTH.Origin {
		return Proof{}, fmt.Errorf("slogaudit: prove: checkpoints of two logs: %q and %q", oldTH.Origin, th.Origin)
	}
	p, err := chain.NewConsistencyProver(oldTH.Size, th.Size)
	if err != nil {
		return Proof{}, fmt.Errorf("slogaudit: prove: the older checkpoint must not be larger or empty: %w", err)
	}
	if err := feedProver(ctx, paths, chainID, p, nil); err != nil {
		return Proof{}, err
	}
	hashes, err := finishProof(p, th)
	if err != nil {
		return Proof{}, err
	}
	_, _, oldRoot, _ := p.Proof()
	if oldRoot != oldTH.Root {
		return Proof{}, fmt.Errorf("slogaudit: prove: the log's records do not match the older checkpoint of size %d: verify the log", oldTH.Size)
	}
	return Proof{Kind: ConsistencyProof, Old: string(old), Checkpoint: string(checkpoint), Hashes: hashes}, nil
}

// checkpointFor parses a checkpoint note of chainID, without verifying it.
func checkpointFor(checkpoint []byte, chainID string) (chain.TreeHead, error) {
	text, _, err := chain.SplitNote(checkpoint)
	if err != nil {
		return chain.TreeHead{}, fmt.Errorf("slogaudit: prove: checkpoint: %w", err)
	}
	th, err := chain.ParseTreeHead(text)
	if err != nil {
		return th, fmt.Errorf("slogaudit: prove: %w", err)
	}
	if !strings.HasSuffix(th.Origin, "/"+chainID) {
		return th, fmt.Errorf("slogaudit: prove: the checkpoint's origin %q is not of chain %q", th.Origin, chainID)
	}
	return th, nil
}

// feedProver feeds the leaves of chainID's records, in order, to p. When
// the chain's first records are gone (retention), it starts from the
// compact range of the first in-band checkpoint record: a wrong range
// cannot give the checkpoint's root, which finishProof checks.
func feedProver(ctx context.Context, paths []string, chainID string, p *chain.Prover, each func(seq uint64, line []byte)) error {
	var next uint64 = 1
	prev := chain.Genesis(chainID)
	err := scanRecords(paths, func(src treeSource, line []byte, val chain.Value, rec auditFields) error {
		if rec.chain != chainID {
			return nil
		}
		if src.line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("slogaudit: prove: %w", err)
			}
		}
		if next == 1 && rec.seq > 1 {
			seed := seedOf(val)
			if seed == nil || seed.Size() != rec.seq-1 {
				return nil // before the first checkpoint record of what is left
			}
			if err := p.Seed(*seed); err != nil {
				return fmt.Errorf("slogaudit: prove: %s: the chain's records before seq %d are gone (retention): %w", src, rec.seq, err)
			}
			next, prev = rec.seq, rec.prev
		}
		if rec.seq != next || rec.prev != prev {
			return fmt.Errorf("slogaudit: prove: %s: chain %s has seq %d where seq %d was due, or a broken link: verify the log", src, chainID, rec.seq, next)
		}
		var mac []byte
		if rec.hasMAC {
			mac = rec.mac[:]
		}
		p.Add(chain.Leaf(rec.hash, mac))
		if each != nil {
			each(rec.seq, line)
		}
		next, prev = next+1, rec.hash
		return nil
	})
	return err
}

func finishProof(p *chain.Prover, th chain.TreeHead) ([]string, error) {
	proof, root, _, err := p.Proof()
	if err != nil {
		return nil, fmt.Errorf("slogaudit: prove: the files hold %d records of the chain, the checkpoint %d: %w", p.Leaves(), th.Size, err)
	}
	if root != th.Root {
		return nil, fmt.Errorf("slogaudit: prove: the log's records do not match the checkpoint of size %d: verify the log", th.Size)
	}
	hashes := make([]string, len(proof))
	for i, h := range proof {
		hashes[i] = base64.StdEncoding.EncodeToString(h[:])
	}
	return hashes, nil
}

// CheckOptions configures [CheckProof].
type CheckOptions struct {
	// PublicKey is the log's checkpoint key (required).
	PublicKey ed25519.PublicKey
	// Witnesses and Quorum: as in [VerifyOptions]; ProofResult.Witnessed
	// says whether the checkpoint carries a quorum of cosignatures.
	Witnesses []string
	Quorum    int
}

// ProofResult is what a proof established.
type ProofResult struct {
	Kind    string `json:"kind"`
	Origin  string `json:"origin"`
	Chain   string `json:"chain"`
	Seq     uint64 `json:"seq,omitempty"`      // inclusion: the record
	OldSize uint64 `json:"old_size,omitempty"` // consistency: the older tree
	Size    uint64 `json:"size"`
	// Cosigners is how many of the given witnesses cosigned the
	// checkpoint, and Witnessed whether they reach the quorum.
	Cosigners int  `json:"cosigners"`
	Witnessed bool `json:"witnessed"`
}

// CheckProof verifies p offline: the checkpoints' signatures with the
// public key (and cosignatures with the witness keys), the record's own
// hash, and the proof's hashes. It returns an error wrapping [ErrProof]
// when the proof does not hold, and another error for unusable input.
func CheckProof(p Proof, o CheckOptions) (ProofResult, error) {
	res := ProofResult{Kind: p.Kind}
	if len(o.PublicKey) != ed25519.PublicKeySize {
		return res, fmt.Errorf("slogaudit: check-proof: the log's public key has %d bytes, want %d", len(o.PublicKey), ed25519.PublicKeySize)
	}
	v := &verifier{opts: VerifyOptions{PublicKey: o.PublicKey, Quorum: o.Quorum}}
	for _, k := range o.Witnesses {
		w, err := chain.NewCosignatureVerifier(k)
		if err != nil {
			return res, fmt.Errorf("slogaudit: check-proof: %w", err)
		}
		v.witnesses = append(v.witnesses, w)
	}
	hashes := make([]chain.Hash, len(p.Hashes))
	for i, s := range p.Hashes {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || len(b) != len(chain.Hash{}) {
			return res, fmt.Errorf("slogaudit: check-proof: hash %d: want 32 bytes in base64", i)
		}
		copy(hashes[i][:], b)
	}
	open := func(msg string) (noteLine, error) {
		text, _, err := chain.SplitNote([]byte(msg))
		if err != nil {
			return noteLine{}, fmt.Errorf("slogaudit: check-proof: checkpoint: %w", err)
		}
		th, err := chain.ParseTreeHead(text)
		if err != nil {
			return noteLine{}, fmt.Errorf("slogaudit: check-proof: %w", err)
		}
		nl := noteLine{chain: th.Origin[strings.LastIndexByte(th.Origin, '/')+1:], note: []byte(msg), head: th}
		_, cosigners, err := v.openNote(nl)
		if err != nil {
			return nl, fmt.Errorf("%w: checkpoint of size %d: %v", ErrProof, th.Size, err)
		}
		res.Cosigners = cosigners
		quorum := o.Quorum
		if quorum <= 0 {
			quorum = len(o.Witnesses)
		}
		res.Witnessed = len(o.Witnesses) > 0 && cosigners >= quorum
		return nl, nil
	}
	cp, err := open(p.Checkpoint)
	if err != nil {
		return res, err
	}
	res.Origin, res.Size = cp.head.Origin, cp.head.Size
	switch p.Kind {
	case InclusionProof:
		rec, leaf, err := recordLeaf([]byte(p.Record))
		if err != nil {
			return res, err
		}
		res.Chain, res.Seq = rec.chain, rec.seq
		if !strings.HasSuffix(cp.head.Origin, "/"+rec.chain) {
			return res, fmt.Errorf("%w: the record is of chain %q, the checkpoint of %q", ErrProof, rec.chain, cp.head.Origin)
		}
		if err := chain.CheckInclusion(hashes, cp.head.Size, cp.head.Root, rec.seq-1, leaf); err != nil {
			return res, fmt.Errorf("%w: record %d is not in the tree of size %d: %v", ErrProof, rec.seq, cp.head.Size, err)
		}
	case ConsistencyProof:
		cosigners, witnessed := res.Cosigners, res.Witnessed
		old, err := open(p.Old)
		if err != nil {
			return res, err
		}
		res.Cosigners, res.Witnessed = cosigners, witnessed
		res.Chain, res.OldSize = cp.chain, old.head.Size
		if old.head.Origin != cp.head.Origin {
			return res, fmt.Errorf("%w: checkpoints of two logs: %q and %q", ErrProof, old.head.Origin, cp.head.Origin)
		}
		if err := chain.CheckConsistency(hashes, cp.head.Size, cp.head.Root, old.head.Size, old.head.Root); err != nil {
			return res, fmt.Errorf("%w: the tree of size %d does not extend the tree of size %d: %v", ErrProof, cp.head.Size, old.head.Size, err)
		}
	default:
		return res, fmt.Errorf("slogaudit: check-proof: kind %q: want %q or %q", p.Kind, InclusionProof, ConsistencyProof)
	}
	return res, nil
}

// recordLeaf checks a record line's own hash and returns its leaf.
func recordLeaf(line []byte) (auditFields, chain.Hash, error) {
	val, err := chain.Parse(bytes.TrimRight(line, "\r\n"))
	if err != nil {
		return auditFields{}, chain.Hash{}, fmt.Errorf("slogaudit: check-proof: record: %w", err)
	}
	a, ok := val.Get("audit")
	if !ok {
		return auditFields{}, chain.Hash{}, errors.New("slogaudit: check-proof: record: no audit member")
	}
	rec, err := parseAudit(a)
	if err != nil {
		return rec, chain.Hash{}, fmt.Errorf("slogaudit: check-proof: record: %w", err)
	}
	if rec.version.Link(rec.chain, rec.seq, rec.prev, chain.AppendCanonicalWithout(nil, val, "audit")) != rec.hash {
		return rec, chain.Hash{}, fmt.Errorf("%w: the record's content does not match its hash", ErrProof)
	}
	var mac []byte
	if rec.hasMAC {
		mac = rec.mac[:]
	}
	return rec, chain.Leaf(rec.hash, mac), nil
}

// seedOf returns the compact range of an in-band checkpoint record, when
// it is one and its range matches its note's root (unverified: the
// proof's root is checked against the checkpoint).
func seedOf(val chain.Value) *chain.Tree {
	if msg, _ := val.Get("msg"); msg.Str != MsgCheckpoint {
		return nil
	}
	g, _ := val.Get("checkpoint")
	ns, ok := g.Get("note")
	if !ok || ns.Kind != chain.String {
		return nil
	}
	text, _, err := chain.SplitNote([]byte(ns.Str))
	if err != nil {
		return nil
	}
	th, err := chain.ParseTreeHead(text)
	if err != nil {
		return nil
	}
	return rangeTree(g, th)
}
