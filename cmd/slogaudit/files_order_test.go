package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Rotated files renamed so that their names no longer sort in chain order
// (their contents swapped): verify sorts by name, the library reads them
// in their chain's order, and the set is intact with one files-ordered
// note; an edit in a renamed file is still one finding at its line.
func TestVerifyRenamedRotatedFiles(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCLI(nil, "keygen", "-dir", dir)
	require.Equal(t, exitIntact, code, errOut)
	files, cpPath := rotatedSet(t, dir, "audit.checkpoints")
	verify := func(args ...string) (int, string, string) {
		return runCLI(nil, append([]string{"verify", "-key", filepath.Join(dir, "audit.hmac"), "-pub", filepath.Join(dir, "audit.ed25519.pub"), "-checkpoints", cpPath}, args...)...)
	}
	a, b := files[1], files[3]
	swap := func() {
		da, err := os.ReadFile(a)
		require.NoError(t, err)
		db, err := os.ReadFile(b)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(a, db, 0o600))
		require.NoError(t, os.WriteFile(b, da, 0o600))
	}
	swap()

	for _, args := range [][]string{files, append([]string{"-json"}, files...)} {
		code, out, errOut := verify(args...)
		require.Equal(t, exitIntact, code, out+errOut)
		require.Equal(t, 1, strings.Count(out, "files-ordered"), out)
		if args[0] != "-json" {
			require.Contains(t, out, "none a sign of tampering", out)
			// Read in chain order: the contents of file 1, now in file
			// 3, come before file 2's.
			require.Less(t, strings.Index(out, files[3]+", "+files[2]+", "+files[1]), strings.LastIndex(out, files[1]), out)
		}
	}

	// A record changed in a renamed file: one finding, at its line.
	data, err := os.ReadFile(b)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(data), "\n")
	lines[2] = strings.Replace(lines[2], `"badge":`, `"badge":1`, 1)
	require.NoError(t, os.WriteFile(b, []byte(strings.Join(lines, "")), 0o600))
	code, out, _ := verify(files...)
	require.Equal(t, exitTampered, code, out)
	var got []string
	for _, l := range findingLines(out) {
		if !strings.HasPrefix(l, "files-ordered: ") {
			got = append(got, l)
		}
	}
	require.Len(t, got, 1, out)
	require.True(t, strings.HasPrefix(got[0], b+":3: modified: "), out)
	require.True(t, strings.HasSuffix(out, "TAMPERED: 1 finding (1 modified)\n"), out)
}

// A rotated file that a text editor saved with a UTF-8 byte order mark:
// intact, with the mark noted; the same bytes before a later line are an
// edit of that line.
func TestVerifyFileWithByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	code, _, errOut := runCLI(nil, "keygen", "-dir", dir)
	require.Equal(t, exitIntact, code, errOut)
	files, cpPath := rotatedSet(t, dir, "audit.checkpoints")
	verify := func() (int, string, string) {
		return runCLI(nil, append([]string{"verify", "-key", filepath.Join(dir, "audit.hmac"), "-pub", filepath.Join(dir, "audit.ed25519.pub"), "-checkpoints", cpPath}, files...)...)
	}
	data, err := os.ReadFile(files[2])
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(files[2], append([]byte("\xef\xbb\xbf"), data...), 0o600))
	code, out, errOut := verify()
	require.Equal(t, exitIntact, code, out+errOut)
	require.Contains(t, out, files[2]+":1: byte-order-mark: ", out)

	lines := strings.SplitAfter(string(data), "\n")
	lines[1] = "\xef\xbb\xbf" + lines[1]
	require.NoError(t, os.WriteFile(files[2], []byte(strings.Join(lines, "")), 0o600))
	code, out, _ = verify()
	require.Equal(t, exitTampered, code, out)
	require.Contains(t, out, files[2]+":2: modified: ", out)
	require.True(t, strings.HasSuffix(out, "TAMPERED: 1 finding (1 modified)\n"), out)
}
