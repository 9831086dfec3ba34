package slogcore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// lyingWriter breaks the io.Writer contract on its first lies calls: it
// writes keep(p) of p and returns count(p) with err. Later calls write
// everything.
type lyingWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	lies  int
	keep  func(p []byte) int
	count func(p []byte) int
	err   error
}

func (w *lyingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.lies == 0 {
		return w.buf.Write(p)
	}
	w.lies--
	w.buf.Write(p[:w.keep(p)])
	return w.count(p), w.err
}

func (w *lyingWriter) output() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestWriterInvalidCount: a writer that returns a count outside 0 to
// len(p), with or without an error, or a short count with no error,
// neither panics slogcore nor holds it in a loop; each record is counted
// once, as written only when its line reached the writer whole, and the
// error names the writer's count and what to do. No record is glued onto
// what a lying call left.
func TestWriterInvalidCount(t *testing.T) {
	all := func(p []byte) int { return len(p) }
	half := func(p []byte) int { return len(p) / 2 }
	none := func([]byte) int { return 0 }
	tests := []struct {
		name         string
		keep, count  func([]byte) int
		err          error
		lies         int
		wantErr      string // in the error OnError hears
		failedAtMost uint64
	}{
		{"more than len(p), all written", all, func(p []byte) int { return len(p) + 7 }, nil, 1, "returned n = ", 1},
		{"more than len(p) with an error", all, func(p []byte) int { return 2 * len(p) }, syscall.EIO, 1, "returned n = ", 1},
		{"negative, half written", half, func([]byte) int { return -1 }, nil, 1, "returned n = -1", 1},
		{"negative with an error, nothing written", none, func([]byte) int { return -5 }, syscall.EIO, 1, "returned n = -5", 1},
		{"negative on every call for a while", half, func([]byte) int { return -1 }, nil, 20, "returned n = -1", 20},
		{"short with no error, then the rest", half, half, nil, 1, "", 0},
		{"nothing with no error, many times", none, none, nil, 50, "short write", 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &lyingWriter{lies: tt.lies, keep: tt.keep, count: tt.count, err: tt.err}
			var mu sync.Mutex
			var errs []string
			h := slogcore.New(w, &slogcore.Options{BufferSize: 1, OnError: func(err error) {
				mu.Lock()
				errs = append(errs, err.Error())
				mu.Unlock()
			}})
			const n = 30
			for i := range n {
				slog.New(h).Info("order", "n", i)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = h.Close(ctx)
			st := h.Stats()
			if st.Written+st.Failed+st.Dropped != n {
				t.Fatalf("Written %d + Failed %d + Dropped %d, want %d records counted once", st.Written, st.Failed, st.Dropped, n)
			}
			if st.Failed > tt.failedAtMost || st.FailedPanic != 0 {
				t.Errorf("Failed %d (at most %d), FailedPanic %d", st.Failed, tt.failedAtMost, st.FailedPanic)
			}
			mu.Lock()
			joined := strings.Join(errs, "\n")
			mu.Unlock()
			if tt.wantErr == "" && joined != "" {
				t.Errorf("errors: %s", joined)
			}
			if tt.wantErr != "" && !strings.Contains(joined, tt.wantErr) {
				t.Errorf("errors %q, want one with %q", joined, tt.wantErr)
			}
			if strings.Contains(tt.wantErr, "returned n") && !strings.Contains(joined, "fix the writer's Write") {
				t.Errorf("errors %q do not say what to do", joined)
			}
			// Each record written is a line of its own: none glued onto
			// what a lying call left.
			whole := 0
			for _, line := range strings.Split(strings.TrimSuffix(w.output(), "\n"), "\n") {
				var m map[string]any
				if json.Unmarshal([]byte(line), &m) == nil {
					whole++
					continue
				}
				if strings.Count(line, `"msg":"order"`) > 1 {
					t.Errorf("a record glued onto a fragment: %s", line)
				}
			}
			if uint64(whole) < st.Written {
				t.Errorf("%d whole lines, %d records counted written:\n%s", whole, st.Written, w.output())
			}
		})
	}
}
