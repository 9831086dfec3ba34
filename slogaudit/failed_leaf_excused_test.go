package slogaudit_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// verifyMatrixNoKey verifies a matrixLog without the MAC key: a MAC edit
// shows only in the Merkle roots signed in-band and in the checkpoint file.
func verifyMatrixNoKey(t *testing.T, lines []string, cps []byte, pub []byte) []string {
	t.Helper()
	rep, err := slogaudit.Verify(context.Background(), strings.NewReader(strings.Join(lines, "\n")+"\n"), slogaudit.VerifyOptions{
		PublicKey: pub, Checkpoints: bytes.NewReader(cps),
	})
	if err != nil && len(rep.Findings) == 0 {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, fmt.Sprintf("line %d seq %d %s", f.Line, f.Seq, f.Kind))
	}
	slices.Sort(got)
	return got
}

// Without the MAC key, a record that failed its hash check does not hide
// the MAC edit of another record before the next in-band checkpoint; nor
// does a second failed record add a finding of its own: two edits give
// the findings each gives alone, in either order.
func TestFailedLeafDoesNotHideLaterMACEdit(t *testing.T) {
	lines, cps, pub := matrixLog(t)
	base := verifyMatrixNoKey(t, lines, cps, pub) // the torn line and the restart
	edits := []struct {
		name string
		f    func(string) string
	}{
		{"content", func(l string) string { return strings.Replace(l, `"level":"INFO"`, `"level":"DEBUG"`, 1) }},
		{"hash", func(l string) string { return setMember(t, l, "hash", flipHashChar) }},
		{"mac", func(l string) string { return setMember(t, l, "mac", flipHashChar) }},
	}
	// The records between in-band checkpoints (1-based lines).
	stretches := [][]int{{1, 2, 3, 4}, {6, 7, 8, 9}, {12, 13, 14, 15}, {17, 18, 19}}
	for _, s := range stretches {
		for _, first := range s {
			for _, second := range s {
				for _, e1 := range edits[:2] {
					for _, e2 := range edits {
						if first == second || (e1.name == "hash" || e2.name == "hash") && (first == second+1 || second == first+1) {
							continue // (two edited records in a row, one of them by its hash: another matter)
						}
						t.Run(fmt.Sprintf("%s of line %d, %s of line %d", e1.name, first, e2.name, second), func(t *testing.T) {
							one := slices.Clone(lines)
							one[first-1] = e1.f(one[first-1])
							other := slices.Clone(lines)
							other[second-1] = e2.f(other[second-1])
							both := slices.Clone(one)
							both[second-1] = other[second-1]
							alone := verifyMatrixNoKey(t, one, cps, pub)
							otherAlone := verifyMatrixNoKey(t, other, cps, pub)
							if len(alone) <= len(base) || len(otherAlone) <= len(base) {
								t.Fatalf("test bug: first edit alone %v, second edit alone %v", alone, otherAlone)
							}
							// Each edit's findings, and the untouched log's once.
							want := slices.Clone(alone)
							for _, f := range otherAlone {
								if !slices.Contains(want, f) {
									want = append(want, f)
								}
							}
							slices.Sort(want)
							if got := verifyMatrixNoKey(t, both, cps, pub); !slices.Equal(got, want) {
								t.Fatalf("got %v\nwant %v", got, want)
							}
						})
					}
				}
			}
		}
	}
}
