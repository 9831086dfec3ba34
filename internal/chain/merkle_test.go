package chain

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func testLeaf(i uint64) Hash {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], i)
	return Leaf(sha256.Sum256(b[:]), nil)
}

// storedTree keeps every stored hash of tlog's layout, to compare our
// streaming proofs with tlog.ProveRecord and tlog.ProveTree.
type storedTree struct{ hashes []tlog.Hash }

func (s *storedTree) ReadHashes(idx []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(idx))
	for i, x := range idx {
		out[i] = s.hashes[x]
	}
	return out, nil
}

func (s *storedTree) add(n int64, leaf Hash) {
	hs, err := tlog.StoredHashesForRecordHash(n, tlog.Hash(leaf), s)
	if err != nil {
		panic(err)
	}
	s.hashes = append(s.hashes, hs...)
}

func TestTreeMatchesTlog(t *testing.T) {
	var st storedTree
	var tree Tree
	require.Equal(t, EmptyRoot, tree.Root())
	require.Equal(t, Hash(sha256.Sum256(nil)), EmptyRoot)
	const n = 70
	for i := range uint64(n) {
		st.add(int64(i), testLeaf(i))
		tree.Append(testLeaf(i))
		want, err := tlog.TreeHash(int64(i+1), &st)
		require.NoError(t, err)
		require.Equal(t, Hash(want), tree.Root(), "size %d", i+1)
		re, err := NewTree(tree.Size(), tree.Nodes())
		require.NoError(t, err)
		require.Equal(t, tree.Root(), re.Root())
	}
	for size := uint64(1); size <= n; size++ {
		root, _ := tlog.TreeHash(int64(size), &st)
		for i := range size {
			p, err := NewInclusionProver(i, size)
			require.NoError(t, err)
			for j := range uint64(n) { // extra leaves are ignored
				p.Add(testLeaf(j))
			}
			proof, gotRoot, leaf, err := p.Proof()
			require.NoError(t, err)
			require.Equal(t, Hash(root), gotRoot)
			require.Equal(t, testLeaf(i), leaf)
			want, err := tlog.ProveRecord(int64(size), int64(i), &st)
			require.NoError(t, err)
			require.Equal(t, fromTlog(want), proof, "inclusion of %d in %d", i, size)
			require.NoError(t, CheckInclusion(proof, size, gotRoot, i, leaf))
			require.Error(t, CheckInclusion(proof, size, gotRoot, i, testLeaf(i+1)))
		}
		for old := uint64(1); old <= size; old++ {
			p, err := NewConsistencyProver(old, size)
			require.NoError(t, err)
			var prefix Tree
			for j := range size {
				p.Add(testLeaf(j))
				if j < old {
					prefix.Append(testLeaf(j))
				}
			}
			proof, gotRoot, oldRoot, err := p.Proof()
			require.NoError(t, err)
			want, err := tlog.ProveTree(int64(size), int64(old), &st)
			require.NoError(t, err)
			require.Equal(t, fromTlog(want), proof, "consistency of %d with %d", size, old)
			require.Equal(t, prefix.Root(), oldRoot)
			require.NoError(t, CheckConsistency(proof, size, gotRoot, old, oldRoot))

			from, err := NewConsistencyProverFrom(prefix, size)
			require.NoError(t, err)
			for j := old; j < size; j++ {
				from.Add(testLeaf(j))
			}
			proof2, root2, old2, err := from.Proof()
			require.NoError(t, err)
			require.Equal(t, proof, proof2, "from compact range: consistency of %d with %d", size, old)
			require.Equal(t, gotRoot, root2)
			require.Equal(t, oldRoot, old2)
		}
	}
}

func fromTlog(p []tlog.Hash) []Hash {
	out := make([]Hash, len(p))
	for i, h := range p {
		out[i] = Hash(h)
	}
	return out
}

func TestProverNeedsEveryLeaf(t *testing.T) {
	p, err := NewInclusionProver(3, 10)
	require.NoError(t, err)
	for i := range uint64(9) {
		p.Add(testLeaf(i))
	}
	_, _, _, err = p.Proof()
	require.Error(t, err)
	_, err = NewInclusionProver(10, 10)
	require.ErrorIs(t, err, ErrProofInput)
	_, err = NewConsistencyProver(0, 10)
	require.ErrorIs(t, err, ErrProofInput)
	require.Error(t, CheckInclusion(nil, 0, Hash{}, 0, Hash{}))
	require.Error(t, CheckConsistency(nil, 5, Hash{}, 6, Hash{}))
}

// TestMillionLeaves proves a record among 1,000,000 with at most 20 hashes.
func TestMillionLeaves(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000,000 leaves")
	}
	const size = 1_000_000
	const index = 765_432
	p, err := NewInclusionProver(index, size)
	require.NoError(t, err)
	for i := range uint64(size) {
		p.Add(testLeaf(i))
	}
	proof, root, leaf, err := p.Proof()
	require.NoError(t, err)
	require.LessOrEqual(t, len(proof), 20)
	require.NoError(t, CheckInclusion(proof, size, root, index, leaf))
	proof[7][0] ^= 1
	require.Error(t, CheckInclusion(proof, size, root, index, leaf))
}

func TestCheckpointNote(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	th := TreeHead{Origin: Origin("example.com/audit", "c1"), Size: 42, Root: testLeaf(1)}
	signer, err := NoteSigner(th.Origin, priv)
	require.NoError(t, err)
	msg, err := SignTreeHead(th, signer)
	require.NoError(t, err)
	v, err := NoteVerifier(th.Origin, pub)
	require.NoError(t, err)
	n, err := note.Open(msg, note.VerifierList(v))
	require.NoError(t, err)
	got, err := ParseTreeHead([]byte(n.Text))
	require.NoError(t, err)
	require.Equal(t, th, got)
	text, _, err := SplitNote(msg)
	require.NoError(t, err)
	require.Equal(t, n.Text, string(text))

	for _, bad := range []string{"", "o\n1\n", "o\n01\n" + strings.Repeat("A", 43) + "=\n", "o\n1\nAAAA\n", "a b\n1\n" + strings.Repeat("A", 43) + "=\n", "o\n-1\n" + strings.Repeat("A", 43) + "=\n"} {
		_, err := ParseTreeHead([]byte(bad))
		require.Error(t, err, "%q", bad)
	}
}

// TestCosignatureVerifier checks a cosignature/v1 made by hand as the
// specification describes it.
func TestCosignatureVerifier(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	key := append([]byte{algCosignatureV1}, pub...)
	vkey := fmt.Sprintf("witness.example/w1+%08x+%s", keyHash("witness.example/w1", key), b64(key))
	v, err := NewCosignatureVerifier(vkey)
	require.NoError(t, err)
	text := TreeHead{Origin: "o", Size: 1, Root: testLeaf(0)}.Text()
	sig := binary.BigEndian.AppendUint64(nil, 1700000000)
	sig = append(sig, ed25519.Sign(priv, fmt.Appendf(nil, "cosignature/v1\ntime 1700000000\n%s", text))...)
	require.True(t, v.Verify(text, sig))
	sig[3] ^= 1 // another time
	require.False(t, v.Verify(text, sig))
	for _, bad := range []string{"", "w+00000000+AA==", vkey + "x", strings.Replace(vkey, "witness", "other", 1)} {
		_, err := NewCosignatureVerifier(bad)
		require.Error(t, err, bad)
	}
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// FuzzNotes: the checkpoint and witness-key parsers never panic, and a
// parsed checkpoint body formats back to the same bytes.
func FuzzNotes(f *testing.F) {
	f.Add([]byte("example.com/log/c1\n42\n"+b64(make([]byte, 32))+"\n"), "w+12345678+BAAA")
	f.Add([]byte("o\n1\nAAAA\next\n"), "witness.example/w1+00000000+"+b64(append([]byte{4}, make([]byte, 32)...)))
	f.Add([]byte("\n\n\n"), "")
	f.Fuzz(func(t *testing.T, text []byte, vkey string) {
		if th, err := ParseTreeHead(text); err == nil {
			again, err := ParseTreeHead(th.Text())
			if err != nil || again != th {
				t.Fatalf("ParseTreeHead(%q) = %v, which formats as %q: %v", text, th, th.Text(), err)
			}
		}
		_, _, _ = SplitNote(text)
		if v, err := NewCosignatureVerifier(vkey); err == nil {
			v.Verify(text, text)
		}
	})
}

// FuzzProofs: proof checks never panic on any sizes, indexes or hashes.
func FuzzProofs(f *testing.F) {
	f.Add(uint64(10), uint64(3), []byte{1, 2, 3})
	f.Add(uint64(1<<62), uint64(1<<61), make([]byte, 32*62))
	f.Add(uint64(0), uint64(0), []byte{})
	f.Fuzz(func(t *testing.T, size, index uint64, raw []byte) {
		var proof []Hash
		for len(raw) >= 32 {
			proof = append(proof, Hash(raw[:32]))
			raw = raw[32:]
		}
		_ = CheckInclusion(proof, size, Hash{}, index, Hash{})
		_ = CheckConsistency(proof, size, Hash{}, index, Hash{})
	})
}

// TestSeededProofs: a prover started from the compact range of the first
// s leaves gives the same proofs as one fed every leaf, for every leaf and
// older size from s on, and refuses what lies inside the range.
func TestSeededProofs(t *testing.T) {
	const n = 40
	for size := uint64(1); size <= n; size++ {
		for s := uint64(0); s <= size; s++ {
			var seed Tree
			for j := range s {
				seed.Append(testLeaf(j))
			}
			run := func(full, seeded *Prover) {
				t.Helper()
				for j := range size {
					full.Add(testLeaf(j))
					if j >= s {
						seeded.Add(testLeaf(j))
					}
				}
				p1, r1, o1, err1 := full.Proof()
				p2, r2, o2, err2 := seeded.Proof()
				require.NoError(t, err1)
				require.NoError(t, err2)
				require.Equal(t, p1, p2, "size %d seed %d", size, s)
				require.Equal(t, r1, r2)
				require.Equal(t, o1, o2)
			}
			for i := range size {
				full, _ := NewInclusionProver(i, size)
				seeded, _ := NewInclusionProver(i, size)
				err := seeded.Seed(seed)
				if i < s {
					require.ErrorIs(t, err, ErrProofInput)
					continue
				}
				require.NoError(t, err, "inclusion of %d in %d from %d", i, size, s)
				run(full, seeded)
			}
			for old := uint64(1); old <= size; old++ {
				full, _ := NewConsistencyProver(old, size)
				seeded, _ := NewConsistencyProver(old, size)
				err := seeded.Seed(seed)
				if old < s {
					require.ErrorIs(t, err, ErrProofInput)
					continue
				}
				require.NoError(t, err, "consistency of %d with %d from %d", size, old, s)
				run(full, seeded)
			}
		}
	}
}
