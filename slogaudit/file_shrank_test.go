package slogaudit

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// A log file cut by another program while a File writes it (logrotate's
// copytruncate, records removed from its end) is reported to
// WithFileErrors once per cut, naming how much is gone; the File goes on
// appending, its records after the cut whole, and the verifier reports
// only what was cut off. A file that only grows is never reported.
func TestFileShrankWhileOpenReported(t *testing.T) {
	for _, tc := range []struct {
		name string
		cut  func(size int64) int64 // the size the file is cut to; <0: not cut
		// missing: the verifier reports records missing.
		missing bool
	}{
		{"cut to nothing", func(int64) int64 { return 0 }, true},
		{"cut inside the last record", func(size int64) int64 { return size - 41 }, true},
		{"not cut", func(int64) int64 { return -1 }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			var mu sync.Mutex
			var reports []string
			af, err := OpenFile(path, WithFileSync(SyncNever()), WithFileErrors(func(err error) {
				mu.Lock()
				reports = append(reports, err.Error())
				mu.Unlock()
			}))
			require.NoError(t, err)
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("quay"))
			require.NoError(t, err)
			placeLog(h, 0, 5)
			st, err := os.Stat(path)
			require.NoError(t, err)
			if size := tc.cut(st.Size()); size >= 0 {
				require.NoError(t, os.Truncate(path, size))
			}
			after, refused := placeLog(h, 5, 11)
			require.Empty(t, refused)
			require.NoError(t, h.Close(context.Background()))
			require.NoError(t, af.Close())

			mu.Lock()
			var shrank int
			for _, r := range reports {
				if strings.Contains(r, "shrank") {
					shrank++
				}
			}
			mu.Unlock()
			if tc.missing {
				require.Equal(t, 1, shrank, "the cut is not reported once: %q", reports)
			} else {
				require.Zero(t, shrank, "a file that only grew is reported cut: %q", reports)
			}
			got := placeNumbers(t, path)
			for _, n := range after {
				require.Equal(t, 1, got[n], "record %d, logged after the cut, is not in the log once", n)
			}
			rep, _ := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey})
			var missing int
			for _, f := range rep.Findings {
				if f.Kind == Missing {
					missing++
				}
			}
			require.Equal(t, tc.missing, missing > 0, "findings: %v", rep.Findings)

		})
	}
}
