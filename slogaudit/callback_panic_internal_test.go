package slogaudit

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestPanickingCallbacks: a caller's callback that panics (OnError,
// OnViolation, WithSyncFunc, WithFileErrors; a send on a channel closed at
// shutdown, say) never panics the log call or a background goroutine, and
// never leaves the chain half stepped. Before, an OnError panicking on the
// report of a record that was written but not durable left the head
// behind the record in the file: the next record took its seq again and
// the untouched log verified as tampered; a WithFileErrors panicking on a
// failed background fsync killed the process.
func TestPanickingCallbacks(t *testing.T) {
	for _, c := range []string{"OnError", "OnViolation", "WithSyncFunc", "WithFileErrors"} {
		t.Run(c, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			var fileOpts []FileOption
			var fsyncs atomic.Int32
			if c == "WithFileErrors" {
				fileOpts = append(fileOpts, WithFileSync(SyncGroup(2, time.Millisecond)), WithFileErrors(func(error) { panic("file errors") }))
			} else {
				fileOpts = append(fileOpts, WithFileSync(SyncNever()))
			}
			af, err := OpenFile(path, fileOpts...)
			if err != nil {
				t.Fatal(err)
			}
			writes := 0
			af.mu.Lock()
			af.inject = func(f *os.File, p []byte) (int, error) {
				n, err := f.Write(p)
				if writes++; writes == 3 && err == nil {
					return n, syscall.EIO // written whole, reported failed: not durable
				}
				return n, err
			}
			af.injectSync = func(*os.File) error {
				fsyncs.Add(1)
				return syscall.EIO
			}
			af.mu.Unlock()
			opts := []Option{WithKey("k1", testKey), WithChainID("c")}
			switch c {
			case "OnError":
				opts = append(opts, OnError(func(error) { panic("on error") }))
			case "OnViolation":
				opts = append(opts, WithPolicy(Basic), OnViolation(func(Violation) { panic("on violation") }))
			case "WithSyncFunc":
				opts = append(opts, WithSyncFunc(func() error { panic("sync") }))
			}
			h, err := af.Handler(opts...)
			if err != nil {
				t.Fatal(err)
			}
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("the callback's panic reached the caller: %v", p)
					}
				}()
				l := slog.New(h)
				for i := range 6 {
					l.Info("event", "i", i)
				}
				if c == "WithFileErrors" {
					for deadline := time.Now().Add(5 * time.Second); fsyncs.Load() == 0 && time.Now().Before(deadline); {
						time.Sleep(time.Millisecond)
					}
					time.Sleep(10 * time.Millisecond) // the background fsync reports its failure
				}
				_ = h.Close(context.Background())
			}()
			_ = af.Close()
			rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey})
			var te *TamperedError
			if errors.As(err, &te) || !rep.Intact() || rep.Records < 7 {
				t.Errorf("untouched log: %v, %d records, %v", err, rep.Records, rep.Findings)
			}
		})
	}
}
