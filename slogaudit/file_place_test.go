package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// placeLog logs the records numbered from to to (its "n" attr) through h
// and returns the numbers Handle accepted and refused.
func placeLog(h *Handler, from, to int) (accepted, refused []int) {
	for n := from; n < to; n++ {
		r := slog.NewRecord(time.Now(), slog.LevelInfo, "shipment", 0)
		r.AddAttrs(slog.Int("n", n), slog.String("dock", "north"))
		if err := h.Handle(context.Background(), r); err != nil {
			refused = append(refused, n)
		} else {
			accepted = append(accepted, n)
		}
	}
	return accepted, refused
}

// placeNumbers counts the "n" of every whole record in the files.
func placeNumbers(t *testing.T, paths ...string) map[int]int {
	t.Helper()
	got := map[int]int{}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		for _, line := range bytes.Split(data, []byte("\n")) {
			var rec struct{ N *int }
			if json.Unmarshal(line, &rec) == nil && rec.N != nil {
				got[*rec.N]++
			}
		}
	}
	return got
}

// The log file (or its directory) removed while a File writes it: the
// records logged after the removal are never written silently to the
// removed file. They reach a file at the path, created again (the lines
// the removed file took since the File last looked are written there
// first), or, while it cannot be created, Handle fails, and an audit.gap
// declares them once it can. The verifier finds only the records that
// went with the removed file missing, where the new file starts.
func TestFileRemovedWhileOpen(t *testing.T) {
	for _, tc := range []struct {
		name string
		sync SyncPolicy
		// remove removes the log (path in dir); restore, when not nil,
		// mends it after a few records.
		remove, restore func(dir, path string) error
		// gone: the File looks at each write, so the records written
		// before the removal went with it (else it looked last at open,
		// and every line since is written again).
		gone bool
	}{
		{"file removed, fsync each record", SyncEachRecord(),
			func(_, path string) error { return os.Remove(path) }, nil, true},
		{"file removed, fsync never (found at Close)", SyncNever(),
			func(_, path string) error { return os.Remove(path) }, nil, false},
		{"file removed and another empty one put in its place", SyncGroup(3, 0),
			func(_, path string) error {
				if err := os.Remove(path); err != nil {
					return err
				}
				return os.WriteFile(path, nil, 0o600)
			}, nil, false},
		{"directory removed, then made again", SyncEachRecord(),
			func(dir, _ string) error { return os.RemoveAll(dir) },
			func(dir, _ string) error { return os.Mkdir(dir, 0o700) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "ledger")
			require.NoError(t, os.Mkdir(dir, 0o700))
			path := filepath.Join(dir, "audit.log")
			var mu sync.Mutex
			var fileErrs []string
			af, err := OpenFile(path, WithFileSync(tc.sync), WithFileErrors(func(err error) {
				mu.Lock()
				fileErrs = append(fileErrs, err.Error())
				mu.Unlock()
			}))
			require.NoError(t, err)
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("yard"), OnError(func(error) {}))
			require.NoError(t, err)
			before, refused := placeLog(h, 0, 4)
			require.Empty(t, refused)
			require.NoError(t, tc.remove(dir, path))
			after, refused := placeLog(h, 4, 9)
			if tc.restore != nil {
				require.NotEmpty(t, refused, "the log cannot be written, yet Handle succeeded")
				require.NoError(t, tc.restore(dir, path))
				more, refusedAfter := placeLog(h, 9, 12)
				require.Empty(t, refusedAfter, "the directory is back, yet records fail")
				after = append(after, more...)
			} else {
				require.Empty(t, refused)
			}
			if err := h.Close(context.Background()); tc.restore != nil {
				require.ErrorIs(t, err, ErrRecordsLost, "records were refused, yet Close says nothing")
				require.ErrorContains(t, err, "0 not declared")
			} else {
				require.NoError(t, err)
			}
			require.NoError(t, af.Close())

			got := placeNumbers(t, path)
			for _, n := range after {
				require.Equal(t, 1, got[n], "record %d, logged after the removal, is not in the log once", n)
			}
			for _, n := range refused {
				require.Zero(t, got[n], "record %d was refused, yet it is in the log", n)
			}
			for _, n := range before {
				require.LessOrEqual(t, got[n], 1, "record %d is in the log twice", n)
			}
			mu.Lock()
			require.NotEmpty(t, fileErrs, "the File did not say that its file was removed")
			mu.Unlock()

			rep, _ := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey})
			var missing, gaps int
			for _, f := range rep.Findings {
				switch f.Kind {
				case Missing:
					missing++
					require.Equal(t, int64(1), f.Line, "the records gone with the removed file are missing where the new file starts: %v", f)
				case Gap:
					gaps++
				case Restart:
				default:
					t.Fatalf("unexpected finding: %v", f)
				}
			}
			if tc.gone {
				require.Equal(t, 1, missing, "findings: %v", rep.Findings)
			} else {
				require.Zero(t, missing, "findings: %v", rep.Findings)
			}
			require.Equal(t, tc.restore != nil, gaps > 0, "the records refused while the log could not be written must be declared: %v", rep.Findings)
		})
	}
}

// A rotation that fails so that no file can be opened again (the
// directory vanished between the rename and the reopen) leaves the File
// without a file; once the directory is back, the next write creates the
// file again and the chain goes on, its lost records declared; until
// then, writes fail with an error that says no file is open.
func TestFileRotationLeavingNoFileRecovers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ledger")
	require.NoError(t, os.Mkdir(dir, 0o700))
	path := filepath.Join(dir, "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncNever()), WithRotateSize(900))
	require.NoError(t, err)
	af.injectRotate = func(step string) error {
		if step == "rename" {
			af.injectRotate = nil
			require.NoError(t, os.Rename(dir, dir+".away"))
			return errors.New("rename refused")
		}
		return nil
	}
	var handleErr error
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("yard"), OnError(func(error) {}))
	require.NoError(t, err)
	for n := 0; n < 12 && handleErr == nil; n++ {
		r := slog.NewRecord(time.Now(), slog.LevelInfo, "shipment", 0)
		r.AddAttrs(slog.Int("n", n))
		handleErr = h.Handle(context.Background(), r)
	}
	require.Error(t, handleErr, "the rotation never ran")
	_, refused := placeLog(h, 100, 102)
	require.Len(t, refused, 2, "no file is open, yet records were accepted")
	_, err = af.Write([]byte("{}\n"))
	require.ErrorContains(t, err, "no file is open")
	require.NoError(t, os.Rename(dir+".away", dir))
	after, refused := placeLog(h, 200, 203)
	require.Empty(t, refused, "the directory is back, yet records fail")
	err = h.Close(context.Background())
	require.ErrorIs(t, err, ErrRecordsLost)
	require.ErrorContains(t, err, "0 not declared")
	require.NoError(t, af.Close())

	files, err := RotatedFiles(path)
	require.NoError(t, err)
	require.Greater(t, len(files), 1, "the log never rotated")
	got := placeNumbers(t, files...)
	for _, n := range after {
		require.Equal(t, 1, got[n], "record %d is not in the log once", n)
	}
	rep, err := VerifyFiles(context.Background(), files, VerifyOptions{Key: testKey})
	require.NoError(t, err, "findings: %v", rep.Findings)
	var gaps int
	for _, f := range rep.Findings {
		if f.Kind == Gap {
			gaps++
		}
	}
	require.Positive(t, gaps, "the records lost while no file was open are not declared: %v", rep.Findings)
}
