package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// lagging delays every write, as a slow disk or a busy writer goroutine
// does: records wait in an asynchronous handler's queue meanwhile.
type lagging struct {
	w     io.Writer
	delay time.Duration
}

func (l lagging) Write(p []byte) (int, error) {
	time.Sleep(l.delay)
	return l.w.Write(p)
}

// crashPoints is a checkpoint writer that, at every checkpoint it is
// given, verifies the log as a crash right after that checkpoint would
// leave it: the log file as it is on disk now, and the checkpoint file up
// to and with this checkpoint.
type crashPoints struct {
	t    *testing.T
	log  string
	pub  ed25519.PublicKey
	mu   sync.Mutex
	cps  []byte
	seen int
}

func (c *crashPoints) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cps = append(c.cps, p...)
	c.seen++
	data, err := os.ReadFile(c.log)
	if err != nil {
		c.t.Error(err)
		return len(p), nil
	}
	rep, err := slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": rtKey}, PublicKey: c.pub, Checkpoints: bytes.NewReader(c.cps),
	})
	if err != nil || !rep.Intact() || rep.Checks.Checkpoints.Checked < int64(c.seen) {
		c.t.Errorf("a crash after checkpoint %d (%q) leaves a log that does not verify: %v", c.seen, bytes.TrimSpace(p), err)
		for _, f := range rep.Findings {
			c.t.Log("   ", f)
		}
	}
	return len(p), nil
}

// A checkpoint kept apart from the log must not leave the process before
// the records it covers are in the log: over an asynchronous handler the
// records wait in its queue while the caller goes on, and a crash then
// leaves a checkpoint signed for records the log never got, which the
// verifier must call removed. At every checkpoint, the log as it is on
// disk verifies with every checkpoint written so far.
func TestCheckpointWaitsForAsynchronousWrites(t *testing.T) {
	cases := []struct {
		name string
		wrap func(af *slogaudit.File) slog.Handler
	}{
		{"slogcore.New over a File", func(af *slogaudit.File) slog.Handler {
			return slogcore.New(lagging{af, 3 * time.Millisecond}, nil)
		}},
		{"slogcore.Async over a JSON handler", func(af *slogaudit.File) slog.Handler {
			return slogcore.Async(slog.NewJSONHandler(lagging{af, 3 * time.Millisecond}, nil), nil)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := slogaudit.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer af.Close()
			signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x5c}, 32))
			cp := &crashPoints{t: t, log: path, pub: signer.Public().(ed25519.PublicKey)}
			next := tc.wrap(af)
			h, err := slogaudit.New(next, slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("orders"),
				slogaudit.WithSigner(signer), slogaudit.WithCheckpoints(cp, 3, 0))
			if err != nil {
				t.Fatal(err)
			}
			l := slog.New(h)
			for i := range 17 {
				l.Info("order shipped", "order", 9100+i, "carrier", "north-east")
			}
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			next.(*slogcore.Handler).Close(context.Background())
			if cp.seen < 5 {
				t.Fatalf("test bug: %d checkpoints written, want at least 5", cp.seen)
			}
		})
	}
}

// failingEvery fails every nth write, as a flaky disk does.
type failingEvery struct {
	w     io.Writer
	nth   int
	mu    sync.Mutex
	calls int
}

func (f *failingEvery) Write(p []byte) (int, error) {
	f.mu.Lock()
	f.calls++
	fail := f.calls%f.nth == 0
	f.mu.Unlock()
	if fail {
		return 0, errors.New("input/output error")
	}
	return f.w.Write(p)
}

// The asynchronous handler's OnError, run on its worker after a failed
// write, logs the failure to the audit logger, while a caller holds the
// audit handler and waits for that worker: at a checkpoint (which waits
// for the records it covers) or at Close (which waits to learn every
// record's fate). Neither may wait for good; every loss is declared and
// the log verifies.
func TestWaitForWorkerThatLogsToTheAuditHandler(t *testing.T) {
	for _, every := range []int{0, 2} {
		name := "at Close"
		if every > 0 {
			name = fmt.Sprintf("at checkpoints every %d records", every)
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := slogaudit.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer af.Close()
			var l *slog.Logger
			next := slogcore.New(&failingEvery{w: af, nth: 2}, &slogcore.Options{
				OnError: func(err error) { l.Warn("audit write failed", "error", err.Error()) },
			})
			opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.OnError(func(error) {})}
			if every > 0 {
				signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x3e}, 32))
				opts = append(opts, slogaudit.WithSigner(signer), slogaudit.WithCheckpoints(io.Discard, every, 0))
			}
			h, err := slogaudit.New(next, opts...)
			if err != nil {
				t.Fatal(err)
			}
			l = slog.New(h)
			done := make(chan struct{})
			var closeErr error
			go func() {
				defer close(done)
				for i := range 40 {
					l.Info("invoice paid", "invoice", 4400+i)
					if every > 0 {
						next.Flush(context.Background()) // one write per record
					}
				}
				closeErr = h.Close(context.Background())
			}()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("logging and Close still wait for the worker after 30s: the worker waits for the audit handler")
			}
			next.Close(context.Background())
			if next.Stats().Failed == 0 {
				t.Fatalf("test bug: no write failed: %+v", next.Stats())
			}
			rep, err := slogaudit.VerifyFiles(context.Background(), []string{path}, slogaudit.VerifyOptions{Keys: map[string][]byte{"k1": rtKey}})
			if err != nil || !rep.Intact() {
				t.Fatalf("verify: %v %v (Close: %v)", err, rep.Findings, closeErr)
			}
			if closeErr != nil && strings.Contains(closeErr.Error(), "not declared in the chain") {
				t.Fatalf("Close stopped waiting for the worker: %v", closeErr)
			}
		})
	}
}
