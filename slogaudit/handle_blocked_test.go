package slogaudit_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// gateWriter holds every Write while its gate is shut, as a hung disk or
// a full pipe nobody reads does.
type gateWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	gate    chan struct{} // nil: open
	entered chan struct{} // gets a value when a Write starts waiting
	delay   time.Duration // every Write takes this long
}

func (w *gateWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	gate := w.gate
	w.mu.Unlock()
	if gate != nil {
		select {
		case w.entered <- struct{}{}:
		default:
		}
		<-gate
	}
	time.Sleep(w.delay)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// TestHandleGivesUpOnABlockedWrite: while another record's write blocks
// the chain step, Handle with a context that ends returns, past the
// context's end and a short grace, an error that says the record was not
// written and took no seq; the log verifies once the writer recovers.
// Contexts that end while the write is only slow, and contexts that never
// end, wait and write the record.
func TestHandleGivesUpOnABlockedWrite(t *testing.T) {
	tests := []struct {
		name     string
		block    bool          // the first record's write hangs until released
		delay    time.Duration // each write's own time
		ctx      func() (context.Context, context.CancelFunc)
		refused  bool
		maxWait  time.Duration
		released time.Duration // when the hung write is released
	}{
		{"deadline ends while the write hangs", true, 0, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, true, 3 * time.Second, 5 * time.Second},
		{"context cancelled already while the write hangs", true, 0, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, true, 3 * time.Second, 5 * time.Second},
		// Look-alikes: written.
		{"context cancelled already, the write only slow", false, 100 * time.Millisecond, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, false, 3 * time.Second, 0},
		{"context that never ends waits for the hung write", true, 0, func() (context.Context, context.CancelFunc) {
			return context.Background(), func() {}
		}, false, 5 * time.Second, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &gateWriter{entered: make(chan struct{}, 1), delay: tt.delay}
			h := slogaudit.Wrap(slog.NewJSONHandler(w, nil), slogaudit.WithKey("k1", gluedKey))
			slog.New(h).Info("before") // audit.start and a record
			gate := make(chan struct{})
			release := sync.OnceFunc(func() { close(gate) })
			defer release()
			if tt.block {
				w.mu.Lock()
				w.gate = gate
				w.mu.Unlock()
			}
			first := make(chan error, 1)
			go func() {
				first <- h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "held", 0))
			}()
			if tt.block {
				<-w.entered
			} else {
				time.Sleep(10 * time.Millisecond) // the slow write has begun
			}
			if tt.released > 0 {
				time.AfterFunc(tt.released, release)
			}
			ctx, cancel := tt.ctx()
			defer cancel()
			start := time.Now()
			done := make(chan error, 1)
			go func() {
				done <- h.Handle(ctx, slog.NewRecord(time.Now(), slog.LevelInfo, "second", 0))
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(tt.maxWait + 5*time.Second):
				release()
				t.Fatalf("Handle did not return within %v of its context's end", tt.maxWait)
			}
			if waited := time.Since(start); waited > tt.maxWait {
				t.Errorf("Handle returned after %v, want at most %v", waited, tt.maxWait)
			}
			if tt.refused {
				if err == nil || !errors.Is(err, ctx.Err()) || !strings.Contains(err.Error(), `record "second" not written`) || !strings.Contains(err.Error(), "took no seq") {
					t.Fatalf("Handle: %v, want the record refused for its ended context", err)
				}
			} else if err != nil {
				t.Fatalf("Handle: %v", err)
			}
			release()
			if err := <-first; err != nil {
				t.Fatalf("the held record: %v", err)
			}
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			st := h.Stats()
			if want := map[bool]uint64{true: 1, false: 0}[tt.refused]; st.Refused != want || st.Failed != 0 {
				t.Errorf("Refused %d (want %d), Failed %d", st.Refused, want, st.Failed)
			}
			w.mu.Lock()
			out := append([]byte(nil), w.buf.Bytes()...)
			w.mu.Unlock()
			if _, err := slogaudit.Verify(context.Background(), bytes.NewReader(out), slogaudit.VerifyOptions{Key: gluedKey}); err != nil {
				t.Fatalf("verify: %v\n%s", err, out)
			}
			if got := bytes.Contains(out, []byte(`"msg":"second"`)); got == tt.refused {
				t.Errorf("record in the log: %v, refused: %v", got, tt.refused)
			}
		})
	}
}
