package slogaudit

import "github.com/slogguard/slogguard/internal/chain"

// A record that failed its hash check is already reported, but its leaf
// still counts in the chain's Merkle tree: the leaf holds the record's hash
// and MAC members as written. A content edit leaves both as signed; an
// edit of the hash member alone leaves the signed hash in the content's
// hash. So a signed root that differs from the tree is explained by such
// records only if it is the root of the tree with some of their leaves
// taken from their content's hash; otherwise another record's leaf is not
// the one signed (its MAC member was changed, which a verifier without
// the key sees nowhere else) and the checkpoint says so.

const (
	// maxFailedLeaves and maxLeavesAfterFailure bound the roots tried
	// (2^maxFailedLeaves) and the leaves kept: past them a differing root
	// is put down to the failed records, unnamed.
	maxFailedLeaves       = 8
	maxLeavesAfterFailure = 4096
)

// failedLeaves holds a chain's tree since its first record that failed its
// hash check after the last root that matched a signed one.
type failedLeaves struct {
	base   chain.Tree   // the tree before that record
	leaves []chain.Hash // every leaf since, as written
	alts   []altLeaf    // the failed records' leaves from their content
}

// altLeaf is the leaf of leaves[at] with the hash of the record's content.
type altLeaf struct {
	at   int
	leaf chain.Hash
}

// noteLeaf records the leaf of rec, about to join st's tree, when a record
// of the tree failed its hash check.
func noteLeaf(st *chainState, rec auditFields, leaf chain.Hash, mac []byte) {
	if st.leafUnsure {
		return
	}
	if rec.macFailed {
		// The MAC signed is unknown: any root may be this record's.
		st.leafUnsure, st.failed = true, nil
		return
	}
	if !rec.hashOK {
		if alt := chain.Leaf(rec.content, mac); alt != leaf {
			if st.failed == nil {
				st.failed = &failedLeaves{base: st.tree.Clone()}
			}
			if len(st.failed.alts) == maxFailedLeaves {
				st.leafUnsure, st.failed = true, nil
				return
			}
			st.failed.alts = append(st.failed.alts, altLeaf{len(st.failed.leaves), alt})
		}
	}
	if st.failed == nil {
		return
	}
	if len(st.failed.leaves) == maxLeavesAfterFailure {
		st.leafUnsure, st.failed = true, nil
		return
	}
	st.failed.leaves = append(st.failed.leaves, leaf)
}

// failedExplain reports whether root, signed for the size of st's tree
// and not its root, is explained by records that failed their hash check
// alone; if so the tree becomes the signed one.
func failedExplain(st *chainState, root chain.Hash) bool {
	f := st.failed
	if st.leafUnsure || f == nil {
		return false
	}
	for mask := 1; mask < 1<<len(f.alts); mask++ {
		t := f.base.Clone()
		next := 0
		for i, leaf := range f.leaves {
			if next < len(f.alts) && f.alts[next].at == i {
				if mask&(1<<next) != 0 {
					leaf = f.alts[next].leaf
				}
				next++
			}
			t.Append(leaf)
		}
		if t.Root() == root {
			st.tree, st.failed = t, nil
			return true
		}
	}
	return false
}
