package slogaudit

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFindingOnAFileLastLine: a finding about a file's last line (a torn
// fragment there, read at once; a record missing before it, found when
// the input ends) names that file and line, not the next file at line 0.
func TestFindingOnAFileLastLine(t *testing.T) {
	f := newForger(t, "c", testKey)
	rs := f.records(5)
	dir := t.TempDir()
	p1, p2 := filepath.Join(dir, "audit.log.1"), filepath.Join(dir, "audit.log")
	keys := VerifyOptions{Keys: map[string][]byte{"k1": testKey}}
	for _, tc := range []struct {
		name   string
		p1, p2 []byte
		kind   FindingKind
	}{
		{"fragment", cat(rs[0], rs[1], rs[2][:25]+"\n"), cat(rs[2], rs[3], rs[4]), Malformed},
		{"record missing before it", cat(rs[0], rs[1], rs[3]), cat(rs[4]), Missing},
	} {
		require.NoError(t, os.WriteFile(p1, tc.p1, 0o600))
		require.NoError(t, os.WriteFile(p2, tc.p2, 0o600))
		rep, _ := VerifyFiles(context.Background(), []string{p1, p2}, keys)
		require.Len(t, rep.Findings, 1, "%s: %v", tc.name, rep.Findings)
		got := rep.Findings[0]
		require.Equal(t, tc.kind, got.Kind, "%s: %v", tc.name, got)
		require.Equal(t, p1, got.File, "%s: %v", tc.name, got)
		require.Equal(t, int64(3), got.Line, "%s: %v", tc.name, got)
	}
}
