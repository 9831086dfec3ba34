package slogaudit

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReorderedFirstRecordsAreCounted guards the count of a chain's
// records when its first two records are swapped: the record placed
// before the one read first is still a record of the chain, in its place.
func TestReorderedFirstRecordsAreCounted(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	ls[0], ls[1] = ls[1], ls[0]
	rep, err := Verify(context.Background(), strings.NewReader(strings.Join(ls, "")), VerifyOptions{Keys: map[string][]byte{"k1": f.key}})
	require.Error(t, err, "a reordered log verifies")
	kinds := map[FindingKind]int{}
	for _, fd := range rep.Findings {
		kinds[fd.Kind]++
	}
	require.Equal(t, 1, kinds[Reordered], "%v", rep.Findings)
	require.EqualValues(t, 12, rep.Chains["v2-fixture"].Records)
}

// TestVerifyFilesChecksRequiredOptions guards VerifyFiles' check of the
// options a policy requires: a required MAC without a key is an error
// before any file is read.
func TestVerifyFilesChecksRequiredOptions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	require.NoError(t, os.WriteFile(path, readFixture(t, "testdata/v2").log, 0o600))
	_, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{RequireMAC: true})
	require.ErrorIs(t, err, ErrRequiredCheck)
}

// TestCheckpointFileOfBothForms guards the count of the checkpoint lines
// read: a file that holds a signed note, a checkpoint of the first format
// and a line that is neither is a checkpoint file with one bad line, not
// "not a checkpoint file".
func TestCheckpointFileOfBothForms(t *testing.T) {
	v1, v2 := readFixture(t, "testdata/v1"), readFixture(t, "testdata/v2")
	cps := lines(v2.checkpoints)[0] + lines(v1.checkpoints)[0] + "not a checkpoint\n"
	rep, err := Verify(context.Background(), strings.NewReader(string(v2.log)), VerifyOptions{
		Keys: map[string][]byte{"k1": v2.key}, PublicKey: v2.pub, Checkpoints: strings.NewReader(cps),
	})
	require.False(t, errors.Is(err, ErrNotCheckpoints), "%v", err)
	bad := 0
	for _, fd := range rep.Findings {
		if fd.Kind == BadCheckpoint {
			bad++
		}
	}
	require.Equal(t, 1, bad, "%v", rep.Findings)
}

// TestMaxLineBytesIsInclusive guards the bound of VerifyOptions.MaxLineBytes:
// a line of exactly that many bytes (its newline not counted) is read, one
// byte more is refused.
func TestMaxLineBytesIsInclusive(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	longest := 0
	for _, l := range lines(f.log) {
		longest = max(longest, len(strings.TrimRight(l, "\r\n")))
	}
	_, err := Verify(context.Background(), strings.NewReader(string(f.log)), VerifyOptions{Keys: map[string][]byte{"k1": f.key}, MaxLineBytes: longest})
	require.NoError(t, err)
	_, err = Verify(context.Background(), strings.NewReader(string(f.log)), VerifyOptions{Keys: map[string][]byte{"k1": f.key}, MaxLineBytes: longest - 1})
	require.ErrorIs(t, err, ErrLineTooLong)
}
