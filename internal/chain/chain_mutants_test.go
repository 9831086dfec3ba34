package chain

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/require"
)

// The tests in this file guard boundaries that mutation testing found
// unguarded: each case says which edge it pins.

// directEpochKey derives k_e of chain from initial with HMAC-SHA256 alone,
// following the formula in Ratchet's doc comment and RFC 5869 (HKDF with an
// empty salt, 32 bytes of output: one block of Expand).
func directEpochKey(initial []byte, chain string, e uint64) []byte {
	k := initial
	for i := uint64(0); i <= e; i++ {
		k = directHKDFStep(k, chain, i)
	}
	return k
}

// directHKDFStep is HKDF-SHA256(ikm, salt="", info=I(e), L=32) written out.
func directHKDFStep(ikm []byte, chain string, e uint64) []byte {
	info := []byte("slogaudit/epoch")
	info = binary.BigEndian.AppendUint16(info, uint16(len(chain)))
	info = append(info, chain...)
	info = binary.BigEndian.AppendUint64(info, e)
	extract := hmac.New(sha256.New, make([]byte, sha256.Size))
	extract.Write(ikm)
	expand := hmac.New(sha256.New, extract.Sum(nil))
	expand.Write(info)
	expand.Write([]byte{1})
	return expand.Sum(nil)
}

// TestRatchetForward: Forward stops exactly at the epoch asked for, takes
// the current epoch as a no-op, and takes MaxEpoch itself.
func TestRatchetForward(t *testing.T) {
	initial := []byte("0123456789abcdef0123456789abcdef")

	t.Run("to the current epoch", func(t *testing.T) {
		// Forward(e) at epoch e changes nothing: a verifier meets many
		// records of one epoch in a row.
		r := NewRatchet(initial, "c")
		r.Next()
		r.Next()
		require.NoError(t, r.Forward(2))
		require.Equal(t, uint64(2), r.Epoch())
		require.Equal(t, directEpochKey(initial, "c", 2), r.Key())
	})

	t.Run("to a later epoch", func(t *testing.T) {
		// Forward(5) from epoch 2 ends at 5, not one step past it.
		r := NewRatchet(initial, "c")
		require.NoError(t, r.Forward(2))
		require.NoError(t, r.Forward(5))
		require.Equal(t, uint64(5), r.Epoch())
		require.Equal(t, directEpochKey(initial, "c", 5), r.Key())
		k, err := EpochKey(initial, "c", 5)
		require.NoError(t, err)
		require.Equal(t, directEpochKey(initial, "c", 5), k)
	})

	t.Run("to MaxEpoch", func(t *testing.T) {
		// MaxEpoch is the last epoch allowed, not the first refused.
		// Deriving it from the initial key takes 2^24 steps, so the ratchet
		// starts one epoch before it, from a key of our own.
		k := sha256.Sum256([]byte("the key of epoch MaxEpoch-1"))
		r := &Ratchet{chain: "c", epoch: MaxEpoch - 1, key: k}
		require.NoError(t, r.Forward(MaxEpoch))
		require.Equal(t, uint64(MaxEpoch), r.Epoch())
		want := directHKDFStep(k[:], "c", MaxEpoch)
		require.Equal(t, want, r.Key())
		require.ErrorIs(t, r.Forward(MaxEpoch+1), ErrEpoch)
		require.Equal(t, uint64(MaxEpoch), r.Epoch())
		require.Equal(t, want, r.Key(), "a refused Forward must leave the key")
	})
}

// TestCompareKeysInvalidPrefix guards the shortcuts of CompareKeys on names
// that are not UTF-8: when the common prefix ends inside a character
// ("\xc3"), the byte after it decides whether that character is whole
// ("\xc3\x80" is U+00C0) or broken (in "\xc3A" and in "\xc3" alone the
// "\xc3" is U+FFFD). U+00C0 sorts before U+FFFD, although 0x80 is above 'A'
// as a byte and "\xc3" is shorter: only the UTF-16 comparison of the whole
// names may answer. (A byte prefix used to sort first, which made the
// order a cycle; see below.)
func TestCompareKeysInvalidPrefix(t *testing.T) {
	for _, c := range []struct {
		a, b string
		sign int
	}{
		{"\xc3\x80", "\xc3A", -1},           // U+00C0 < U+FFFD 'A'; 0x80 is the lowest continuation byte
		{"\xc3A", "\xc3\x80", 1},            // the same, swapped
		{"\xc3\xa9", "\xc3z", -1},           // é < U+FFFD 'z'
		{"\xc3z", "\xc3\xa9", 1},            // the same, swapped
		{"x\xe2\x82\x80", "x\xe2\x82A", -1}, // U+2080 < U+FFFD U+FFFD 'A'
		{"x\xe2\x82A", "x\xe2\x82\x80", 1},  // the same, swapped
		{"\xc3A", "\xc3B", -1},              // both broken the same way: 'A' < 'B'
		{"\x80", "A", 1},                    // a lone continuation byte is U+FFFD, after ASCII
		{"\xc3", "\xc3\x80", 1},             // a byte prefix: U+FFFD after U+00C0, although shorter
		{"\xc3\x80", "\xc3", -1},            // the same, swapped
		{"\xc3", "\xc3A", -1},               // a byte prefix whose bytes stay U+FFFD: shorter first
		{"\xe2\x82", "\xe2\x82\xac", 1},     // U+FFFD U+FFFD after U+20AC
	} {
		require.Equal(t, c.sign, sign(CompareKeys(c.a, c.b)), "CompareKeys(%q, %q)", c.a, c.b)
	}

	// Against the definition, on names made of broken and whole pieces:
	// UTF-16 order of the names with each byte that is not UTF-8 read as
	// U+FFFD, then, for names that tie so, their bytes.
	pieces := []string{"\xc3", "\x80", "\xa9", "A", "z", "é", "\xe2\x82", "\xac"}
	var names []string
	for _, x := range pieces {
		names = append(names, x)
		for _, y := range pieces {
			names = append(names, x+y)
		}
	}
	for _, a := range names {
		for _, b := range names {
			want := slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
			if want == 0 {
				want = strings.Compare(a, b)
			}
			require.Equal(t, want, sign(CompareKeys(a, b)), "CompareKeys(%q, %q)", a, b)
		}
	}

	// The order is total. With a byte prefix sorted first, "\xc3" <
	// "\xc3\x80" < "\xe0\xa0\x80" < "\xc3" (U+00C0 < U+0800 < U+FFFD) was a
	// cycle, and the canonical form of an object with these three names
	// depended on the order they came in.
	names3 := []string{"\xc3", "\xc3\x80", "\xe0\xa0\x80"}
	want3 := "{\"\xc3\x80\":0,\"\xe0\xa0\x80\":0,\"\uFFFD\":0}"
	for _, order := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		in := "{"
		for i, j := range order {
			if i > 0 {
				in += ","
			}
			in += `"` + names3[j] + `":0`
		}
		v, err := Parse([]byte(in + "}"))
		require.NoError(t, err)
		require.Equal(t, want3, string(AppendCanonical(nil, v)), "%q", in)
	}

	// The canonical form of such an object, whatever the input order: the
	// names are written with U+FFFD for the broken bytes, and sorted as
	// written ("À" before "\uFFFDA").
	for _, in := range []string{"{\"\xc3A\":1,\"\xc3\x80\":2}", "{\"\xc3\x80\":2,\"\xc3A\":1}"} {
		v, err := Parse([]byte(in))
		require.NoError(t, err)
		require.Equal(t, "{\"À\":2,\"\uFFFDA\":1}", string(AppendCanonical(nil, v)), "%q", in)
	}
}

// TestParseErrorMessages: a text cut right after a complete \u escape is
// an unterminated string, reported at its end, not a bad escape.
func TestParseErrorMessages(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`"\u0041`, "invalid JSON at byte 7: unterminated string"},        // four hex digits, then the end
		{`"\ud83d\ude00`, "invalid JSON at byte 13: unterminated string"}, // a whole surrogate pair, then the end
		{`"\u004`, `invalid JSON at byte 3: bad \u escape`},               // three hex digits, then the end
		{`"\u004"`, `invalid JSON at byte 3: bad \u escape`},              // three hex digits and a quote
		{`["\u0041`, "invalid JSON at byte 8: unterminated string"},       // the same inside an array
	} {
		_, err := Parse([]byte(c.in)[:len(c.in):len(c.in)])
		require.ErrorIs(t, err, ErrSyntax, c.in)
		require.EqualError(t, err, c.want, c.in)
	}
}

// rfcNode is the RFC 6962 interior hash, written out with crypto/sha256.
func rfcNode(l, r Hash) Hash {
	return sha256.Sum256(append(append([]byte{1}, l[:]...), r[:]...))
}

// TestProofChecksAtTheSizeBound: CheckInclusion and CheckConsistency take
// trees of up to 2^62 leaves. A tree of exactly 2^62 leaves is perfect, so
// the proofs are built here by hand: in an inclusion proof the sibling at
// level j is on the right where bit j of the index is 0; a consistency
// proof from the left half is the right half's root.
func TestProofChecksAtTheSizeBound(t *testing.T) {
	const size = uint64(1) << 62
	hashes := func(n int) []Hash {
		out := make([]Hash, n)
		for i := range out {
			out[i] = sha256.Sum256([]byte{byte(i)})
		}
		return out
	}
	leaf := testLeaf(7)

	for _, index := range []uint64{0, size - 1, 0x2aaaaaaaaaaaaaaa} {
		// The inclusion of one leaf in a tree of exactly 2^62 leaves.
		proof := hashes(62)
		root := leaf
		for j, p := range proof {
			if index>>j&1 == 0 {
				root = rfcNode(root, p)
			} else {
				root = rfcNode(p, root)
			}
		}
		require.NoError(t, CheckInclusion(proof, size, root, index, leaf), "index %#x", index)
		proof[61][0] ^= 1
		require.Error(t, CheckInclusion(proof, size, root, index, leaf), "index %#x", index)
	}
	// One leaf more is beyond the bound.
	require.ErrorIs(t, CheckInclusion(hashes(63), size+1, leaf, 0, leaf), ErrProofInput)

	// The consistency of the tree of 2^62 leaves with its left half.
	oldRoot, right := hashes(2)[0], hashes(2)[1]
	root := rfcNode(oldRoot, right)
	require.NoError(t, CheckConsistency([]Hash{right}, size, root, size/2, oldRoot))
	require.Error(t, CheckConsistency([]Hash{right}, size, root, size/2, right))
	// The consistency of the tree of 2^62 leaves with its first leaf: the
	// proof is the first leaf's audit path.
	path := hashes(62)
	root = leaf
	for _, p := range path {
		root = rfcNode(root, p)
	}
	require.NoError(t, CheckConsistency(path, size, root, 1, leaf))
	require.ErrorIs(t, CheckConsistency([]Hash{right}, size+1, root, size/2, oldRoot), ErrProofInput)
}

// TestCheckInclusionIndexAtSize: the leaf index equal to the size names no
// leaf, which is ErrProofInput, as for NewInclusionProver.
func TestCheckInclusionIndexAtSize(t *testing.T) {
	for _, size := range []uint64{1, 2, 5, 1 << 20} {
		require.ErrorIs(t, CheckInclusion(nil, size, Hash{}, size, Hash{}), ErrProofInput, "size %d", size)
		_, err := NewInclusionProver(size, size)
		require.ErrorIs(t, err, ErrProofInput, "size %d", size)
	}
}

// TestValidNameSpaces: a key name holds no white space anywhere, the first
// byte included.
func TestValidNameSpaces(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"example.com/log", true},
		{"a", true},
		{"é/日", true},
		{" a", false},      // a space first
		{"\ta", false},     // a tab first
		{"\u00a0a", false}, // a no-break space first
		{"a b", false},
		{"a ", false},
		{"a+b", false},
		{"+a", false},
		{"", false},
		{"a\xff", false},
	} {
		require.Equal(t, c.ok, ValidName(c.name), "%q", c.name)
	}
}

// TestSplitNoteBlankLineFirst: SplitNote splits at the last blank line
// wherever it is, at the very start too (the text is then one newline,
// which the note's verifier refuses later); only a message without a blank
// line is an error.
func TestSplitNoteBlankLineFirst(t *testing.T) {
	for _, c := range []struct{ msg, text, sigs string }{
		{"\n\n— k sig\n", "\n", "— k sig\n"},               // the blank line at byte 0
		{"o\n1\nr\n\n— k sig\n", "o\n1\nr\n", "— k sig\n"}, // a checkpoint
		{"a\n\nb\n\n— k sig\n", "a\n\nb\n", "— k sig\n"},   // the last blank line counts
		{"\n\n", "\n", ""}, // nothing after it
	} {
		text, sigs, err := SplitNote([]byte(c.msg))
		require.NoError(t, err, "%q", c.msg)
		require.Equal(t, c.text, string(text), "%q", c.msg)
		require.Equal(t, c.sigs, string(sigs), "%q", c.msg)
	}
	for _, msg := range []string{"", "\n", "a\nb\n— k sig\n"} {
		_, _, err := SplitNote([]byte(msg))
		require.Error(t, err, "%q", msg)
	}
}

// TestScanLineHexDigits: every hex digit, and the bytes around each range
// of them, in a \u escape of a value and of a member name; ScanLine
// accepts exactly what encoding/json accepts.
func TestScanLineHexDigits(t *testing.T) {
	for _, c := range "0123456789abcdefABCDEF/:`g@G" {
		esc := `\u` + strings.Repeat(string(c), 4)
		for _, line := range []string{`{"a":"` + esc + `"}`, `{"` + esc + `":1}`, `{"a":["x` + esc + `y"]}`} {
			var l Line
			want := json.Valid([]byte(line))
			require.Equal(t, strings.ContainsRune("0123456789abcdefABCDEF", c), want, "the oracle on %s", line)
			require.Equal(t, want, ScanLine([]byte(line), &l), line)
		}
	}
}

// TestNestingBound: ScanLine and Parse agree on the nesting bound. The
// members of the top-level object are at depth 1 and values may be at
// depth 512 at most, so k arrays nested in a member are accepted up to
// k = 512 (the innermost, at depth 512, empty), and k objects nested in a
// member up to k = 511 (the innermost's value is at depth k+1).
func TestNestingBound(t *testing.T) {
	arrays := func(k int) string {
		return `{"a":` + strings.Repeat("[", k) + strings.Repeat("]", k) + `}`
	}
	objects := func(k int) string {
		return `{"a":` + strings.Repeat(`{"b":`, k) + "1" + strings.Repeat("}", k) + `}`
	}
	mixed := func(k int) string { // arrays and objects in turn, an array innermost
		open, end := "", ""
		for i := range k {
			if i%2 == 0 {
				open, end = open+"[", "]"+end
			} else {
				open, end = open+`{"b":`, "}"+end
			}
		}
		return `{"a":` + open + end + `}`
	}
	for _, c := range []struct {
		name string
		line string
		ok   bool
	}{
		{"512 arrays", arrays(512), true},
		{"513 arrays", arrays(513), false},
		{"600 arrays", arrays(600), false},
		{"511 objects", objects(511), true},
		{"512 objects", objects(512), false},
		{"511 mixed", mixed(511), true}, // the innermost array is at depth 511
		{"513 mixed", mixed(513), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var l Line
			require.Equal(t, c.ok, ScanLine([]byte(c.line), &l))
			_, err := Parse([]byte(c.line))
			if c.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, ErrDepth)
			}
		})
	}
}
