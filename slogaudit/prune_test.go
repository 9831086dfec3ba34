package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPrune removes only the rotated files past the retention, records it,
// and what remains verifies.
func TestPrune(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithRotateSize(4096), WithRetention(2*year))
	require.NoError(t, err)
	_, err = af.Handler(WithKey("k1", testKey), WithChainID("p"), WithPolicy(GDPR), WithRedactor(nil))
	require.Error(t, err, "GDPR needs its redaction preset")
	require.ErrorContains(t, err, `"gdpr" preset`)
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("p"))
	require.NoError(t, err)
	l := slog.New(h)
	for i := range 60 {
		l.Info("event", "i", i, "pad", strings.Repeat("z", 100))
	}
	files, err := RotatedFiles(path)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 4)
	now := time.Now()
	old := now.Add(-3 * year)
	for _, f := range files[:2] { // the two oldest are past the ceiling
		require.NoError(t, os.Chtimes(f, old, old))
	}
	removed, err := af.Prune(context.Background(), now)
	require.NoError(t, err)
	require.Equal(t, files[:2], removed)
	for _, f := range files[2:] {
		_, err := os.Stat(f)
		require.NoError(t, err, "Prune removed a file within the retention: %s", f)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())

	remaining, err := RotatedFiles(path)
	require.NoError(t, err)
	rep, err := VerifyFiles(context.Background(), remaining, VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
	require.True(t, hasFinding(rep, Pruned, 1), "%v", rep.Findings)

	// Without the retention record (verifying only the files), the gap is
	// reported as missing, not hidden.
	rep, err = VerifyFiles(context.Background(), remaining[:1], VerifyOptions{Key: testKey})
	require.Error(t, err)
	require.True(t, hasFinding(rep, Missing, 1), "%v", rep.Findings)
}

func TestPruneNeedsRetentionAndHandler(t *testing.T) {
	af, err := OpenFile(filepath.Join(t.TempDir(), "a.log"))
	require.NoError(t, err)
	defer af.Close()
	_, err = af.Prune(context.Background(), time.Now())
	require.ErrorContains(t, err, "WithRetention")
	af2, err := OpenFile(filepath.Join(t.TempDir(), "b.log"), WithRetention(time.Hour))
	require.NoError(t, err)
	defer af2.Close()
	_, err = af2.Prune(context.Background(), time.Now())
	require.ErrorContains(t, err, "call File.Handler first")
}

// Guards retention against a full disk: the retention.applied record that
// explains the removed files could not be written (Prune runs when the
// disk fills up), after the files were already removed, so the untouched
// log verified as missing its first records. Prune must remove nothing
// when it cannot record the removal, and the log must verify.
func TestPruneRecordFailsRemovesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithRotateSize(4096), WithRetention(2*year))
	require.NoError(t, err)
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("p"))
	require.NoError(t, err)
	l := slog.New(h)
	for i := range 60 {
		l.Info("event", "i", i, "pad", strings.Repeat("z", 100))
	}
	files, err := RotatedFiles(path)
	require.NoError(t, err)
	old := time.Now().Add(-3 * year)
	for _, f := range files[:2] {
		require.NoError(t, os.Chtimes(f, old, old))
	}
	af.mu.Lock()
	af.inject = func(f *os.File, p []byte) (int, error) {
		if strings.Contains(string(p), MsgRetention) {
			return 0, syscall.ENOSPC
		}
		return f.Write(p)
	}
	af.mu.Unlock()
	removed, err := af.Prune(context.Background(), time.Now())
	require.Error(t, err)
	require.Empty(t, removed)
	for _, f := range files {
		_, err := os.Stat(f)
		require.NoError(t, err, "removed although the removal was not recorded: %s", f)
	}
	af.mu.Lock()
	af.inject = nil
	af.mu.Unlock()
	removed, err = af.Prune(context.Background(), time.Now()) // the disk has room again
	require.NoError(t, err)
	require.Equal(t, files[:2], removed)
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	remaining, err := RotatedFiles(path)
	require.NoError(t, err)
	rep, err := VerifyFiles(context.Background(), remaining, VerifyOptions{Key: testKey})
	require.NoError(t, err, "%v", rep.Findings)
}

// A chain whose every file retention removed leaves only checkpoints in
// the checkpoint file: they vouch for records that the retention record
// says are gone, so the log is intact and the chain is reported pruned.
// Before, each of its checkpoints was reported truncated, and the
// untouched log verified as tampered. Without the retention record they
// are still truncated.
func TestPruneWholeChainKeepsItsCheckpoints(t *testing.T) {
	dir := t.TempDir()
	path, cpPath := filepath.Join(dir, "audit.log"), filepath.Join(dir, "audit.checkpoints")
	pub, priv, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	cf, err := OpenCheckpointFile(cpPath)
	require.NoError(t, err)
	defer cf.Close()
	af, err := OpenFile(path, WithRotateSize(2048), WithRetention(time.Hour))
	require.NoError(t, err)
	defer af.Close()
	write := func(id string, n int, prune bool) {
		h, err := af.Handler(WithKey("k1", testKey), WithChainID(id), WithSigner(priv), WithCheckpoints(cf, 5, 0))
		require.NoError(t, err)
		for i := range n {
			slog.New(h).Info("event", "i", i, "pad", strings.Repeat("z", 100))
		}
		if prune {
			removed, err := af.Prune(context.Background(), time.Now().Add(2*time.Hour))
			require.NoError(t, err)
			require.NotEmpty(t, removed)
		}
		require.NoError(t, h.Close(context.Background()))
	}
	write("old", 30, false)
	write("new", 30, true)
	cps, err := os.ReadFile(cpPath)
	require.NoError(t, err)
	files, err := filepath.Glob(path + ".0*")
	require.NoError(t, err)
	paths := append(files, path)
	o := VerifyOptions{Key: testKey, PublicKey: pub, Checkpoints: bytes.NewReader(cps)}
	rep, err := VerifyFiles(context.Background(), paths, o)
	require.NoError(t, err, "%v", rep.Findings)
	require.True(t, slices.ContainsFunc(rep.Findings, func(f Finding) bool { return f.Kind == Pruned && f.Chain == "old" }), "%v", rep.Findings)
	require.Zero(t, rep.Chains["old"].Checks.Checkpoints.Failed)

	// The retention record removed: the old chain's checkpoints vouch for
	// records that nothing explains.
	cut := false
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		ls := lines(data)
		if i := slices.IndexFunc(ls, func(l string) bool { return strings.Contains(l, MsgRetention) }); i >= 0 {
			require.NoError(t, os.WriteFile(p, join(append(ls[:i:i], ls[i+1:]...)), 0o600))
			cut = true
		}
	}
	require.True(t, cut, "no retention record")
	o.Checkpoints = bytes.NewReader(cps)
	rep, err = VerifyFiles(context.Background(), paths, o)
	require.Error(t, err)
	require.True(t, slices.ContainsFunc(rep.Findings, func(f Finding) bool { return f.Kind == Truncated && f.Chain == "old" }), "%v", rep.Findings)
}

// A retention record names where each chain ended in the files it
// removed; a chain's later records can be in an older file that was
// kept, when the retention record's own write rotated the file that held
// them. A restart continues the chain from its last record there, not
// from the head the newer retention record names. Before, it resumed from
// that older head, forked the chain, and the untouched log verified as
// inserted.
func TestPruneRetentionHeadIsNotTheLast(t *testing.T) {
	const rotate = 4000
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithRotateSize(rotate), WithRetention(time.Hour))
	require.NoError(t, err)
	hq, err := af.Handler(WithKey("k1", testKey), WithChainID("q"))
	require.NoError(t, err)
	hb, err := af.Handler(WithKey("k1", testKey), WithChainID("b"))
	require.NoError(t, err)
	size := func() int64 { af.mu.Lock(); defer af.mu.Unlock(); return af.size }
	for i := range 3 {
		slog.New(hq).Info("q", "i", i)
	}
	for i := range 60 { // several files
		slog.New(hb).Info("b", "i", i, "pad", strings.Repeat("z", 100))
	}
	later := time.Now().Add(2 * time.Hour)
	_, err = af.Prune(context.Background(), later) // q's records go, the record names where q ended
	require.NoError(t, err)
	for s := size(); size() >= s; { // the file with that record is rotated
		slog.New(hb).Info("b", "pad", strings.Repeat("z", 100))
	}
	for i := range 3 {
		slog.New(hq).Info("q", "i", i) // in the current file
	}
	// q is quiet from here; the current file is filled close to full,
	// without a rotation.
	require.NoError(t, hq.Close(context.Background()))
	for size() < rotate-350 {
		slog.New(hb).Info("b", "p", strings.Repeat("z", 10))
	}
	removed, err := af.Prune(context.Background(), later)
	require.NoError(t, err)
	require.NotEmpty(t, removed)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Contains(t, lines(data)[0], MsgRetention, "the retention record's write rotated the file with q's records")
	require.NoError(t, hb.Close(context.Background()))
	require.NoError(t, af.Close())

	af, err = OpenFile(path, WithRotateSize(rotate))
	require.NoError(t, err)
	hq, err = af.Handler(WithKey("k1", testKey), WithChainID("q"))
	require.NoError(t, err)
	slog.New(hq).Info("q after the restart")
	require.NoError(t, hq.Close(context.Background()))
	require.NoError(t, af.Close())
	paths, err := RotatedFiles(path)
	require.NoError(t, err)
	rep := verifyPaths(t, paths)
	for _, f := range rep.Findings {
		require.True(t, f.Kind.Info(), "%v", rep.Findings)
	}
}
