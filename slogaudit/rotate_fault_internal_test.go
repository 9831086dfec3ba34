package slogaudit

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Guards the File against a rotation that fails half-way (the rename, or
// the new file's creation, fails: a full disk, no inodes left). The File
// closed its descriptor before the rename, so every later write failed
// ("file already closed") and the File never recovered, even once the
// rotation could succeed. A failed rotation must lose no record: the
// record goes to the file as it is, the failure is reported, and the
// rotation is tried again at the next write.
func TestFailedRotationLosesNothing(t *testing.T) {
	for _, step := range []string{"rename", "create"} {
		t.Run(step, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			var fileErrs []error
			af, err := OpenFile(path, WithRotateSize(1500), WithFileErrors(func(err error) { fileErrs = append(fileErrs, err) }))
			if err != nil {
				t.Fatal(err)
			}
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("r"))
			if err != nil {
				t.Fatal(err)
			}
			l := slog.New(h)
			logged := func(n int) {
				for i := range n {
					if err := h.Handle(context.Background(), recordWith("e", slog.Int("i", i), slog.String("pad", strings.Repeat("p", 150)))); err != nil {
						t.Errorf("record refused: %v", err)
					}
				}
			}
			logged(5)
			af.mu.Lock()
			failing := 3
			af.injectRotate = func(s string) error {
				if s == step && failing > 0 {
					failing--
					return syscall.ENOSPC
				}
				return nil
			}
			af.mu.Unlock()
			logged(10)
			l.Info("last")
			if err := h.Close(context.Background()); err != nil {
				t.Fatalf("Close: %v", err)
			}
			af.Close()
			if len(fileErrs) == 0 || !errors.Is(fileErrs[0], syscall.ENOSPC) {
				t.Errorf("the failed rotation is not reported: %v", fileErrs)
			}
			paths, _ := RotatedFiles(path)
			if len(paths) < 3 {
				t.Errorf("no rotation after the fault: %d files", len(paths))
			}
			rep := verifyPaths(t, paths)
			if rep.Records != 1+15+1+1 {
				t.Errorf("%d records, want %d", rep.Records, 18)
			}
			for _, p := range paths {
				if _, err := os.Stat(p); err != nil {
					t.Error(err)
				}
			}
		})
	}
}
