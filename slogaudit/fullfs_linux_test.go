//go:build linux

package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// mountTmpfs mounts a tmpfs of size bytes on a new directory and unmounts
// it when the test ends, failed or not.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("skipped: mounting a small tmpfs to fill it needs root (CI runs this test as root)")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0700"); err != nil {
		t.Skipf("skipped: cannot mount a tmpfs here: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmounting the tmpfs at %s: %v", dir, err)
		}
	})
	return dir
}

// TestFullFilesystem writes audit records to a real 256 KiB filesystem
// until it is full, frees space, writes more, and verifies: the log is
// intact, the records lost to the full disk are declared, and no line is
// glued to a fragment.
func TestFullFilesystem(t *testing.T) {
	dir := mountTmpfs(t, "256k")
	filler := filepath.Join(dir, "filler")
	require.NoError(t, os.WriteFile(filler, bytes.Repeat([]byte("f"), 96<<10), 0o600))

	path := filepath.Join(dir, "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncEachRecord()))
	require.NoError(t, err)
	defer af.Close()
	var reported []error
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("fs"), OnError(func(err error) { reported = append(reported, err) }))
	require.NoError(t, err)
	l := slog.New(h)

	failures := 0
	for i := 0; failures < 5; i++ {
		require.Less(t, i, 10000, "the filesystem never filled up")
		err := h.Handle(context.Background(), recordWith("event", slog.Int("i", i), slog.String("pad", strings.Repeat("x", 700))))
		if err != nil {
			require.ErrorIs(t, err, syscall.ENOSPC)
			failures++
		}
	}
	require.NoError(t, os.Remove(filler)) // space freed
	for i := range 20 {
		l.Info("after", "i", i)
	}
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	require.NoError(t, af.Close())
	s := h.Stats()
	require.EqualValues(t, 5, s.Failed)
	require.EqualValues(t, 5, s.Declared)
	require.NotEmpty(t, reported)

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.True(t, bytes.HasSuffix(data, []byte("\n")))
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	for i, line := range lines {
		require.True(t, json.Valid(line), "line %d is not one whole record: %.200q", i+1, line)
	}
	require.EqualValues(t, len(lines), s.Written)
	rep := verifyPaths(t, []string{path})
	gaps := 0
	for _, f := range rep.Findings {
		if f.Kind == Gap {
			gaps++
			require.Contains(t, f.Detail, "no space left on device")
		}
	}
	require.NotZero(t, gaps, "%v", rep.Findings)

	af, err = OpenFile(path)
	require.NoError(t, err)
	_, torn := af.Torn()
	require.False(t, torn)
	require.NoError(t, af.Close())
}
