package slogcore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// outageWriter writes to out, except for its call number at (from 1),
// which fails as fail says; every other call writes all of p.
type outageWriter struct {
	mu    sync.Mutex
	out   bytes.Buffer
	calls int
	at    int
	fail  func(p []byte) (n int, err error)
}

func (w *outageWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.calls++
	n, err := len(p), error(nil)
	if w.calls == w.at {
		n, err = w.fail(p)
	}
	w.out.Write(p[:n])
	return n, err
}

func (w *outageWriter) bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]byte(nil), w.out.Bytes()...)
}

// A writer that fails for one batch and then recovers, under 32 logging
// goroutines, for each overflow policy, with records larger than the
// buffer among them and Close called while the others still log: every
// record logged is written whole once or counted lost once (dropped,
// failed or refused), Stats agrees with the output line for line, and
// once the writer recovers the output holds no fragment (a record cut by
// the failed batch is completed first) and no record glued onto one.
func TestWriterOutageOneBatchAccountedExactly(t *testing.T) {
	const goroutines, perG = 32, 40
	outages := []struct {
		name string
		fail func(p []byte) (int, error)
	}{
		{"short write without error", func(p []byte) (int, error) { return len(p) / 3, nil }},
		{"short write with ErrShortWrite", func(p []byte) (int, error) { return len(p) / 4, io.ErrShortWrite }},
		{"EIO inside a record", func(p []byte) (int, error) { return len(p)/2 + 1, syscall.EIO }},
		{"ENOSPC before any byte", func(p []byte) (int, error) { return 0, syscall.ENOSPC }},
		{"every byte and an error", func(p []byte) (int, error) { return len(p), errors.New("disk said no after writing") }},
		{"all but the newline", func(p []byte) (int, error) { return len(p) - 1, syscall.EIO }},
	}
	for _, policy := range []Overflow{Block, DropNewest, DropOldest} {
		for _, o := range outages {
			for _, at := range []int{1, 4} {
				t.Run(fmt.Sprintf("%s/%s/call%d", policy, o.name, at), func(t *testing.T) {
					outage(t, policy, &outageWriter{at: at, fail: o.fail}, goroutines, perG)
				})
			}
		}
	}
}

func outage(t *testing.T, policy Overflow, w *outageWriter, goroutines, perG int) {
	var onDrop atomic.Uint64
	h := New(w, &Options{QueueSize: 8, Overflow: policy, BufferSize: 512, FlushInterval: 50 * time.Microsecond,
		OnError: func(error) {}, OnDrop: func(Drop) { onDrop.Add(1) }})
	lost := &lossLog{ids: map[int]int{}}
	h.WatchLosses(lost.watch)
	var (
		mu      sync.Mutex
		refused = map[int]bool{}
		nextID  atomic.Int64
		handled atomic.Int64
	)
	var closeErr error
	closed := make(chan struct{})
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				if g == 0 && i == perG/2 { // Close while the others still log
					closeErr = h.Close(context.Background())
					close(closed)
				}
				id := int(nextID.Add(1))
				rec := slog.NewRecord(time.Now(), slog.LevelInfo, "turnstile", 0)
				if i%3 == 0 && i%2 == 1 {
					rec.Level = slog.LevelError // DropOldest keeps these
				}
				rec.Add("id", id)
				if id%29 == 0 {
					rec.Add("blob", strings.Repeat("z", 1500)) // three times the buffer
				} else {
					rec.Add("gate", strings.Repeat("g", id%40))
				}
				handled.Add(1)
				if err := h.Handle(context.WithValue(context.Background(), idKey{}, id), rec); err != nil {
					mu.Lock()
					refused[id] = true
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	<-closed
	<-h.core.done
	require.Equal(t, closeErr, h.Close(context.Background()), "a second Close returns the first one's result")

	s := h.Stats()
	checkInvariant(t, s)
	require.Zero(t, s.Writing)
	require.Zero(t, s.QueueDepth)
	require.EqualValues(t, handled.Load(), s.Submitted, "records passed to Handle != Submitted: %+v", s)
	require.Equal(t, s.Dropped, onDrop.Load(), "OnDrop calls != Dropped")
	w.mu.Lock()
	require.GreaterOrEqual(t, w.calls, w.at, "test bug: the writer's outage never came")
	w.mu.Unlock()
	out := w.bytes()
	require.True(t, len(out) == 0 || out[len(out)-1] == '\n', "the output ends inside a record, though the writer recovered")
	ids, fragments := outputIDs(t, out)
	require.Empty(t, fragments, "the writer recovered, yet the output holds fragments")
	var lines uint64
	for id := 1; id <= int(nextID.Load()); id++ {
		inOut, isLost := ids[id], lost.ids[id]
		lines += uint64(inOut)
		require.LessOrEqual(t, inOut, 1, "record %d written twice", id)
		require.LessOrEqual(t, isLost, 1, "record %d reported lost twice", id)
		if refused[id] {
			require.Zero(t, inOut+isLost, "record %d was refused by Handle", id)
			continue
		}
		require.Equal(t, 1, inOut+isLost, "record %d is neither in the output nor reported lost", id)
	}
	require.Equal(t, s.Written, lines, "Stats.Written does not match the output: %+v", s)
	require.EqualValues(t, s.Failed+s.Dropped-uint64(len(refused)), len(lost.ids), "losses reported != Failed+Dropped-refused")
}
