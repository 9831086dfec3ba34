package chain

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"

	"golang.org/x/mod/sumdb/tlog"
)

// Leaf returns the RFC 6962 leaf hash of a record: SHA-256(0x00 ‖ hash ‖ mac),
// where hash is the record's link hash h_i and mac its MAC (empty without a
// key). Both are in the record's audit member, so the leaf of a record is
// computed from its line alone. With a key, the MAC in the leaf means that
// the hashes in a proof cannot be used to confirm a guess of another
// record's content without the key.
func Leaf(hash Hash, mac []byte) Hash {
	var buf [96]byte
	b := append(buf[:0], hash[:]...)
	b = append(b, mac...)
	return Hash(tlog.RecordHash(b))
}

// node returns the RFC 6962 interior hash SHA-256(0x01 ‖ left ‖ right).
func node(left, right Hash) Hash { return Hash(tlog.NodeHash(tlog.Hash(left), tlog.Hash(right))) }

// EmptyRoot is the RFC 6962 root of the tree with no leaves, SHA-256("").
var EmptyRoot = Hash{0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
	0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55}

// Tree is an RFC 6962 Merkle tree in O(log n) memory: a compact range of
// the perfect subtrees that cover its leaves, largest first. It can append
// leaves and compute the root, not produce proofs. The zero value is the
// empty tree.
type Tree struct {
	size  uint64
	nodes []Hash // one per set bit of size, from the highest bit down
}

// Size returns the number of leaves.
func (t *Tree) Size() uint64 { return t.size }

// Append adds a leaf hash (see [Leaf]).
func (t *Tree) Append(leaf Hash) {
	h := leaf
	// Merge with the subtrees of equal size: one per trailing one bit.
	for s := t.size; s&1 == 1; s >>= 1 {
		last := len(t.nodes) - 1
		h = node(t.nodes[last], h)
		t.nodes = t.nodes[:last]
	}
	t.nodes = append(t.nodes, h)
	t.size++
}

// Root returns the RFC 6962 Merkle tree hash of the leaves.
func (t *Tree) Root() Hash {
	if len(t.nodes) == 0 {
		return EmptyRoot
	}
	h := t.nodes[len(t.nodes)-1]
	for i := len(t.nodes) - 2; i >= 0; i-- {
		h = node(t.nodes[i], h)
	}
	return h
}

// Clone returns an independent copy of t.
func (t *Tree) Clone() Tree { return Tree{size: t.size, nodes: slices.Clone(t.nodes)} }

// Nodes returns the compact range: the roots of the perfect subtrees that
// cover the leaves, largest first, one per set bit of Size.
func (t *Tree) Nodes() []Hash { return slices.Clone(t.nodes) }

// NewTree returns the tree of size leaves whose compact range is nodes (as
// returned by [Tree.Nodes]).
func NewTree(size uint64, nodes []Hash) (Tree, error) {
	if bits.OnesCount64(size) != len(nodes) {
		return Tree{}, fmt.Errorf("compact range of %d leaves: got %d hashes, want %d", size, len(nodes), bits.OnesCount64(size))
	}
	return Tree{size: size, nodes: slices.Clone(nodes)}, nil
}

// span is a subtree [lo, hi) whose hash a proof needs, at position pos of
// the proof.
type span struct {
	lo, hi uint64
	pos    int
}

// inclusionSpans lists the subtrees of an RFC 6962 audit path for leaf n in
// [lo, hi), in tlog.RecordProof order (leaf level first).
func inclusionSpans(lo, hi, n uint64, out []span) []span {
	if lo+1 == hi {
		return out
	}
	k := split(hi - lo)
	if n < lo+k {
		out = inclusionSpans(lo, lo+k, n, out)
		return append(out, span{lo + k, hi, len(out)})
	}
	out = inclusionSpans(lo+k, hi, n, out)
	return append(out, span{lo, lo + k, len(out)})
}

// consistencySpans lists the subtrees of an RFC 6962 consistency proof from
// size m to [lo, hi), in tlog.TreeProof order.
func consistencySpans(lo, hi, m uint64, out []span) []span {
	if m == hi {
		if lo == 0 {
			return out
		}
		return append(out, span{lo, hi, len(out)})
	}
	k := split(hi - lo)
	if m <= lo+k {
		out = consistencySpans(lo, lo+k, m, out)
		return append(out, span{lo + k, hi, len(out)})
	}
	out = consistencySpans(lo+k, hi, m, out)
	return append(out, span{lo, lo + k, len(out)})
}

// split returns the largest power of two smaller than n (n > 1).
func split(n uint64) uint64 { return 1 << (bits.Len64(n-1) - 1) }

// Prover computes an inclusion or consistency proof from the leaves of a
// tree fed in order, in O(log² n) memory: it never holds the leaves.
type Prover struct {
	size   uint64 // the tree the proof is for
	old    uint64 // consistency: the older size; inclusion: the leaf index
	leaf   bool   // an inclusion proof
	next   uint64 // index of the next leaf
	spans  []span // sorted by lo
	cur    int    // the span that the next leaf may fall in
	sub    Tree   // the leaves of spans[cur] so far
	proof  []Hash
	whole  Tree // all leaves, for the root of size
	oldTop Hash // root at size old (consistency), or the leaf (inclusion)
}

// ErrProofInput is returned for proof parameters that name no proof.
var ErrProofInput = errors.New("no such proof")

// NewInclusionProver returns a Prover of the inclusion of leaf index (from
// 0) in the tree of size leaves.
func NewInclusionProver(index, size uint64) (*Prover, error) {
	if index >= size {
		return nil, fmt.Errorf("%w: leaf %d of a tree of %d leaves", ErrProofInput, index, size)
	}
	return newProver(inclusionSpans(0, size, index, nil), index, size, true), nil
}

// NewConsistencyProver returns a Prover that the tree of size leaves
// extends the tree of its first old leaves.
func NewConsistencyProver(old, size uint64) (*Prover, error) {
	if old < 1 || old > size {
		return nil, fmt.Errorf("%w: consistency of %d leaves with %d", ErrProofInput, size, old)
	}
	return newProver(consistencySpans(0, size, old, nil), old, size, false), nil
}

func newProver(spans []span, old, size uint64, leaf bool) *Prover {
	p := &Prover{size: size, old: old, leaf: leaf, proof: make([]Hash, len(spans))}
	p.spans = slices.SortedFunc(slices.Values(spans), func(a, b span) int {
		switch {
		case a.lo < b.lo:
			return -1
		case a.lo > b.lo:
			return 1
		}
		return 0
	})
	return p
}

// NewConsistencyProverFrom is NewConsistencyProver for a caller that holds
// the older tree itself (its compact range): only the leaves after it are
// fed to Add.
func NewConsistencyProverFrom(old Tree, size uint64) (*Prover, error) {
	p, err := NewConsistencyProver(old.size, size)
	if err != nil {
		return nil, err
	}
	if err := p.Seed(old); err != nil {
		return nil, err
	}
	return p, nil
}

// Seed starts p from the compact range of the tree's first t.Size()
// leaves instead of from the leaves themselves: the next leaf to Add is
// leaf t.Size(). It fails when the proof needs a subtree inside those
// leaves that is not a node of the range (a leaf proved among them, or an
// older tree smaller than t), and when leaves were already added.
func (p *Prover) Seed(t Tree) error {
	if p.next != 0 {
		return errors.New("seed: leaves were added already")
	}
	if t.size > p.size || p.old < t.size { // the leaf proved, or the older tree, lies inside t
		return fmt.Errorf("%w: the proof needs leaves before %d", ErrProofInput, t.size)
	}
	p.next, p.whole = t.size, t.Clone()
	if !p.leaf && p.old == t.size {
		p.oldTop = t.Root()
	}
	for ; p.cur < len(p.spans) && p.spans[p.cur].lo < t.size; p.cur++ {
		s := p.spans[p.cur]
		if s.hi <= t.size {
			h, ok := t.node(s.lo, s.hi)
			if !ok {
				return fmt.Errorf("%w: subtree [%d, %d) is not a node of the compact range of %d leaves", ErrProofInput, s.lo, s.hi, t.size)
			}
			p.proof[s.pos] = h
			continue
		}
		// The subtree spans the end of the range: its first nodes are the
		// range's nodes from s.lo on, and the leaves after them follow.
		sub, ok := t.suffix(s.lo)
		if !ok {
			return fmt.Errorf("%w: subtree [%d, %d) does not start at a node of the compact range of %d leaves", ErrProofInput, s.lo, s.hi, t.size)
		}
		p.sub = sub
		break
	}
	return nil
}

// suffix returns the tree of the range's nodes from leaf lo on, when lo is
// where one of its nodes starts.
func (t *Tree) suffix(lo uint64) (Tree, bool) {
	start := uint64(0)
	i := 0
	for b := 63; b >= 0 && i < len(t.nodes); b-- {
		if t.size&(1<<b) == 0 {
			continue
		}
		if start == lo {
			return Tree{size: t.size - lo, nodes: slices.Clone(t.nodes[i:])}, true
		}
		start += 1 << b
		i++
	}
	return Tree{}, false
}

// node returns the hash of the compact range's subtree [lo, hi).
func (t *Tree) node(lo, hi uint64) (Hash, bool) {
	start := uint64(0)
	i := 0
	for b := 63; b >= 0 && i < len(t.nodes); b-- {
		if t.size&(1<<b) == 0 {
			continue
		}
		end := start + 1<<b
		if start == lo && end == hi {
			return t.nodes[i], true
		}
		start = end
		i++
	}
	return Hash{}, false
}

// Add feeds the next leaf hash. Leaves beyond the tree's size are ignored.
func (p *Prover) Add(leaf Hash) {
	i := p.next
	if i >= p.size {
		return
	}
	p.next++
	p.whole.Append(leaf)
	switch {
	case p.leaf && i == p.old:
		p.oldTop = leaf
	case !p.leaf && i+1 == p.old:
		p.oldTop = p.whole.Root()
	}
	if p.cur < len(p.spans) && i >= p.spans[p.cur].lo {
		s := p.spans[p.cur]
		p.sub.Append(leaf)
		if i+1 == s.hi {
			p.proof[s.pos] = p.sub.Root()
			p.sub = Tree{}
			p.cur++
		}
	}
}

// Leaves returns how many leaves were fed.
func (p *Prover) Leaves() uint64 { return p.next }

// Proof returns the proof hashes, the root of the tree, and (for an
// inclusion proof) the leaf or (for a consistency proof) the older root.
// It fails until every leaf of the tree was fed.
func (p *Prover) Proof() (proof []Hash, root, old Hash, err error) {
	if p.next < p.size {
		return nil, Hash{}, Hash{}, fmt.Errorf("proof needs %d leaves, got %d", p.size, p.next)
	}
	return slices.Clone(p.proof), p.whole.Root(), p.oldTop, nil
}

// CheckInclusion reports an error unless proof shows that leaf is leaf
// index (from 0) of the tree of size leaves with the given root.
func CheckInclusion(proof []Hash, size uint64, root Hash, index uint64, leaf Hash) error {
	if size > 1<<62 || index >= size || len(proof) > 64 {
		return fmt.Errorf("%w: leaf %d of a tree of %d leaves", ErrProofInput, index, size)
	}
	return tlog.CheckRecord(toTlog(proof), int64(size), tlog.Hash(root), int64(index), tlog.Hash(leaf))
}

// CheckConsistency reports an error unless proof shows that the tree of
// size leaves with root extends the tree of old leaves with oldRoot.
func CheckConsistency(proof []Hash, size uint64, root Hash, old uint64, oldRoot Hash) error {
	if size > 1<<62 || old < 1 || old > size || len(proof) > 128 {
		return fmt.Errorf("%w: consistency of %d leaves with %d", ErrProofInput, size, old)
	}
	return tlog.CheckTree(toTlog(proof), int64(size), tlog.Hash(root), int64(old), tlog.Hash(oldRoot))
}

func toTlog(p []Hash) []tlog.Hash {
	out := make([]tlog.Hash, len(p))
	for i, h := range p {
		out[i] = tlog.Hash(h)
	}
	return out
}
