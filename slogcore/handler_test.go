package slogcore

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// parseLines parses JSON lines into maps, failing on any invalid line.
func parseLines(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m), "line %q", sc.Text())
		out = append(out, m)
	}
	require.NoError(t, sc.Err())
	return out
}

// runSlogtest runs testing/slogtest against the handlers mk makes, reading
// back the one JSON line each writes.
func runSlogtest(t *testing.T, mk func(io.Writer) *Handler) {
	t.Helper()
	var buf bytes.Buffer
	var h *Handler
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		buf.Reset()
		h = mk(&buf)
		return h
	}, func(t *testing.T) map[string]any {
		require.NoError(t, h.Close(context.Background()))
		lines := parseLines(t, buf.Bytes())
		require.Len(t, lines, 1)
		return lines[0]
	})
}

func TestSlogtestNew(t *testing.T) {
	runSlogtest(t, func(w io.Writer) *Handler { return New(w, nil) })
}

func TestSlogtestAsync(t *testing.T) {
	runSlogtest(t, func(w io.Writer) *Handler { return Async(slog.NewJSONHandler(w, nil), nil) })
}

// slowWriter counts lines and sleeps on every write.
type slowWriter struct {
	mu     sync.Mutex
	lines  int
	writes int
	delay  time.Duration
}

func (w *slowWriter) Write(p []byte) (int, error) {
	time.Sleep(w.delay)
	w.mu.Lock()
	w.lines += bytes.Count(p, []byte("\n"))
	w.writes++
	w.mu.Unlock()
	return len(p), nil
}

// hammer calls log(g, i) for i < perG from each of goroutines goroutines at
// once, and returns when all are done.
func hammer(goroutines, perG int, log func(g, i int)) {
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				log(g, i)
			}
		}()
	}
	wg.Wait()
}

// closeAndCheck closes h and checks that Close's error names the losses,
// and only when there are some.
func closeAndCheck(t *testing.T, h *Handler) {
	t.Helper()
	err := h.Close(context.Background())
	s := h.Stats()
	if s.Failed+s.Dropped == 0 {
		require.NoError(t, err)
		return
	}
	require.ErrorIs(t, err, ErrRecordsLost)
	require.ErrorContains(t, err, fmt.Sprintf("%d of %d records not written: %d failed", s.Failed+s.Dropped, s.Submitted, s.Failed))
	require.ErrorContains(t, err, fmt.Sprintf("%d dropped", s.Dropped))
}

func checkInvariant(t *testing.T, s Stats) {
	t.Helper()
	require.Equal(t, s.Submitted, s.Written+s.Dropped+s.Failed, "Submitted != Written+Dropped+Failed: %+v", s)
	var byReason uint64
	for _, n := range s.DroppedBy {
		byReason += n
	}
	require.Equal(t, s.Dropped, byReason, "DroppedBy does not add up")
	require.Equal(t, s.Failed, s.FailedWrite+s.FailedPanic, "Failed does not add up")
}

func TestAccountingUnderLoad(t *testing.T) {
	const goroutines, perG = 8, 20000
	for _, policy := range []Overflow{Block, DropNewest, DropOldest} {
		t.Run(policy.String(), func(t *testing.T) {
			w := &slowWriter{delay: 200 * time.Microsecond}
			var onDrop atomic.Uint64
			h := New(w, &Options{QueueSize: 64, Overflow: policy, BufferSize: 4096,
				OnDrop: func(Drop) { onDrop.Add(1) }})
			l := slog.New(h)
			hammer(goroutines, perG, func(g, i int) {
				level := slog.LevelInfo
				if i%1000 == 0 {
					level = slog.LevelError
				}
				l.Log(context.Background(), level, "load", "g", g, "i", i)
			})
			closeAndCheck(t, h)
			s := h.Stats()
			checkInvariant(t, s)
			require.EqualValues(t, goroutines*perG, s.Submitted)
			require.EqualValues(t, w.lines, s.Written, "lines written != Written")
			require.Less(t, w.writes, w.lines, "writes were not batched")
			require.Equal(t, s.Dropped, onDrop.Load(), "OnDrop calls != Dropped")
			require.LessOrEqual(t, s.QueueHighWater, 64)
			require.Zero(t, s.Failed)
			if policy == Block {
				require.Zero(t, s.Dropped)
			}
		})
	}
}

// TestErrorsNeverDropped fills a queue behind a stalled writer under each
// drop policy: infos are dropped, and every error waits and is written.
func TestErrorsNeverDropped(t *testing.T) {
	for _, policy := range []Overflow{DropNewest, DropOldest} {
		t.Run(policy.String(), func(t *testing.T) {
			release := make(chan struct{})
			var out lockedBuffer
			w := writerFunc(func(p []byte) (int, error) {
				<-release
				return out.Write(p)
			})
			h := New(w, &Options{QueueSize: 4, Overflow: policy, BufferSize: 1})
			l := slog.New(h)
			l.Info("first")
			go func() { _ = h.Flush(context.Background()) }()
			require.Eventually(t, func() bool { return h.Stats().QueueDepth == 0 }, 5*time.Second, time.Millisecond,
				"the worker never took the first record")
			for i := range 4 {
				l.Info("fill", "i", i)
			}
			l.Info("overflow") // the queue is full and the writer stalled
			require.EqualValues(t, 1, h.Stats().Dropped)

			const errorsLogged = 10
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range errorsLogged {
					l.Error("error", "i", i)
				}
			}()
			require.Eventually(t, func() bool { return h.Stats().Submitted >= 7 }, 5*time.Second, time.Millisecond)
			close(release)
			wg.Wait()
			closeAndCheck(t, h)
			errorsWritten := 0
			for _, m := range parseLines(t, out.Bytes()) {
				if m["level"] == "ERROR" {
					errorsWritten++
				}
			}
			require.Equal(t, errorsLogged, errorsWritten)
			checkInvariant(t, h.Stats())
		})
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return bytes.Clone(b.buf.Bytes())
}

func TestCloseDeadlineWithBlockedWriter(t *testing.T) {
	release := make(chan struct{})
	w := writerFunc(func(p []byte) (int, error) {
		<-release
		return len(p), nil
	})
	h := New(w, &Options{QueueSize: 16})
	l := slog.New(h)
	for i := range 10 {
		l.Info("stuck", "i", i)
	}
	// Hand the first records to the writer, which blocks.
	go func() { _ = h.Flush(context.Background()) }()
	require.Eventually(t, func() bool { return h.Stats().Writing == 10 }, 5*time.Second, time.Millisecond,
		"the worker never took the first records")
	for i := range 5 {
		l.Info("queued", "i", i)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := h.Close(ctx)
	elapsed := time.Since(start)
	require.Error(t, err)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, ErrRecordsLost, "5 queued records are lost")
	require.Contains(t, err.Error(), "5 queued records dropped, 15 records not written (10 in the write in progress, counted in Stats when it returns; 0 more the worker held, dropped)")
	require.Less(t, elapsed, time.Second)
	s := h.Stats()
	require.EqualValues(t, 5, s.DroppedBy[ReasonCloseDeadline])
	require.Equal(t, 10, s.Writing)
	require.EqualValues(t, s.Submitted, s.Written+s.Dropped+s.Failed+uint64(s.QueueDepth)+uint64(s.Writing))

	// Close again: same answer; Handle after Close: ErrClosed, counted.
	require.Equal(t, err, h.Close(context.Background()))
	require.ErrorIs(t, h.Handle(context.Background(), record("late")), ErrClosed)
	s = h.Stats()
	require.EqualValues(t, 1, s.DroppedBy[ReasonClosed])

	close(release) // let the worker return from Write; goleak checks it exits
	<-h.core.done
	s = h.Stats()
	require.EqualValues(t, 10, s.Written, "the records the writer took after the deadline are written, and counted so")
	require.EqualValues(t, 6, s.Dropped)
	require.Zero(t, s.Writing)
	checkInvariant(t, s)
}

func TestCloseIdempotentConcurrent(t *testing.T) {
	var buf lockedBuffer
	h := New(&buf, nil)
	slog.New(h).Info("one")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = h.Close(context.Background())
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	require.Len(t, parseLines(t, buf.Bytes()), 1)
	require.NoError(t, h.Flush(context.Background()))
}

func TestWriteErrors(t *testing.T) {
	var calls atomic.Int32
	var reported []error
	var mu sync.Mutex
	w := writerFunc(func(p []byte) (int, error) {
		if calls.Add(1)%2 == 1 {
			return 0, errors.New("disk full")
		}
		return len(p), nil
	})
	h := New(w, &Options{OnError: func(err error) {
		mu.Lock()
		reported = append(reported, err)
		mu.Unlock()
	}})
	l := slog.New(h)
	for i := range 4 {
		l.Info("m", "i", i)
		require.NoError(t, h.Flush(context.Background()))
	}
	closeAndCheck(t, h)
	s := h.Stats()
	checkInvariant(t, s)
	require.EqualValues(t, 2, s.Written)
	require.EqualValues(t, 2, s.FailedWrite)
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, reported, 2)
	require.ErrorContains(t, reported[0], "slogcore: write of 1 records (")
	require.ErrorContains(t, reported[0], "disk full")
}

func TestShortWriteCountsPartialBatch(t *testing.T) {
	var out bytes.Buffer
	w := writerFunc(func(p []byte) (int, error) {
		if out.Len() > 0 {
			return 0, io.ErrShortWrite // no progress: the writer is stuck
		}
		i := bytes.IndexByte(p, '\n') + 1 // accept only the first line
		out.Write(p[:i])
		return i, io.ErrShortWrite
	})
	var got error
	h := New(w, &Options{OnError: func(err error) { got = err }, FlushInterval: time.Hour}) // one batch, written at Close
	l := slog.New(h)
	for i := range 3 {
		l.Info("m", "i", i)
	}
	closeAndCheck(t, h)
	s := h.Stats()
	checkInvariant(t, s)
	require.EqualValues(t, 1, s.Written)
	require.EqualValues(t, 2, s.FailedWrite)
	require.ErrorIs(t, got, io.ErrShortWrite)
	require.Len(t, parseLines(t, out.Bytes()), 1)
}

type panicHandler struct{ slog.Handler }

func (panicHandler) Handle(context.Context, slog.Record) error { panic("handler exploded") }

func TestWrapRecoversPanics(t *testing.T) {
	var reported []error
	h := Async(panicHandler{slog.NewJSONHandler(io.Discard, nil)}, &Options{OnError: func(err error) { reported = append(reported, err) }})
	slog.New(h).Info("boom")
	closeAndCheck(t, h)
	s := h.Stats()
	checkInvariant(t, s)
	require.EqualValues(t, 1, s.FailedPanic)
	require.Len(t, reported, 1)
	require.ErrorContains(t, reported[0], "handler exploded")
}

type errHandler struct{ slog.Handler }

func (errHandler) Handle(context.Context, slog.Record) error { return errors.New("network down") }

func TestWrapCountsErrors(t *testing.T) {
	var reported error
	h := Async(errHandler{slog.NewJSONHandler(io.Discard, nil)}, &Options{OnError: func(err error) { reported = err }})
	slog.New(h).Info("m")
	closeAndCheck(t, h)
	require.EqualValues(t, 1, h.Stats().FailedWrite)
	require.ErrorContains(t, reported, "network down")
}

func TestLevelVarChangesLive(t *testing.T) {
	var buf lockedBuffer
	var lv slog.LevelVar
	h := New(&buf, &Options{Level: &lv})
	l := slog.New(h)
	l.Debug("hidden")
	lv.Set(slog.LevelDebug)
	l.Debug("shown")
	require.NoError(t, h.Close(context.Background()))
	lines := parseLines(t, buf.Bytes())
	require.Len(t, lines, 1)
	require.Equal(t, "shown", lines[0]["msg"])
}

// TestWrapRespectsBothLevels: a wrapper at Debug in front of a handler at
// Warn logs only Warn and above; each handler's own level is respected.
func TestWrapRespectsBothLevels(t *testing.T) {
	var buf lockedBuffer
	h := Async(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn}), &Options{Level: slog.LevelDebug})
	l := slog.New(h)
	l.Info("no")
	l.Warn("yes")
	require.NoError(t, h.Close(context.Background()))
	lines := parseLines(t, buf.Bytes())
	require.Len(t, lines, 1)
	require.Equal(t, "yes", lines[0]["msg"])
}

func TestFlushBoundsLatency(t *testing.T) {
	var buf lockedBuffer
	h := New(&buf, &Options{FlushInterval: 10 * time.Millisecond})
	defer h.Close(context.Background())
	slog.New(h).Info("soon")
	require.Eventually(t, func() bool { return len(buf.Bytes()) > 0 }, 2*time.Second, 5*time.Millisecond)

	h2 := New(&buf, &Options{FlushInterval: time.Hour})
	defer h2.Close(context.Background())
	slog.New(h2).Info("flushed")
	require.NoError(t, h2.Flush(context.Background()))
	require.Contains(t, string(buf.Bytes()), `"msg":"flushed"`)
}

func TestDerivedHandlersShareOneQueue(t *testing.T) {
	var buf lockedBuffer
	h := New(&buf, nil)
	a := slog.New(h).With("who", "a")
	b := slog.New(h).WithGroup("g").With("who", "b")
	for i := range 100 {
		a.Info("m", "i", i)
		b.Info("m", "i", i)
	}
	require.NoError(t, h.Close(context.Background()))
	lines := parseLines(t, buf.Bytes())
	require.Len(t, lines, 200)
	for i, m := range lines {
		if i%2 == 0 {
			require.Equal(t, "a", m["who"])
			require.EqualValues(t, i/2, m["i"])
		} else {
			require.Equal(t, map[string]any{"who": "b", "i": float64(i / 2)}, m["g"])
		}
	}
	require.EqualValues(t, 200, a.Handler().(*Handler).Stats().Written)
}

func TestBlockTimeout(t *testing.T) {
	release := make(chan struct{})
	w := writerFunc(func(p []byte) (int, error) { <-release; return len(p), nil })
	h := New(w, &Options{QueueSize: 1, BlockTimeout: 20 * time.Millisecond, BufferSize: 1}) // every drain writes, so the first write stalls the worker
	l := slog.New(h)
	l.Info("taken by the worker")
	go func() { _ = h.Flush(context.Background()) }()
	require.Eventually(t, func() bool { return h.Stats().QueueDepth == 0 }, 5*time.Second, time.Millisecond,
		"the worker never took the first record")
	l.Info("fills the queue")
	err := h.Handle(context.Background(), record("times out"))
	require.ErrorIs(t, err, ErrQueueFull)
	close(release)
	closeAndCheck(t, h)
	s := h.Stats()
	checkInvariant(t, s)
	require.EqualValues(t, 1, s.DroppedBy[ReasonTimeout])
	require.EqualValues(t, 2, s.Written)
}

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{QueueSize: -1}, "Options.QueueSize is -1"},
		{Options{Overflow: 7}, "Options.Overflow is Overflow(7)"},
		{Options{BlockTimeout: -time.Second}, "Options.BlockTimeout"},
		{Options{FlushInterval: -1}, "Options.FlushInterval"},
		{Options{BufferSize: -1}, "Options.BufferSize"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			err := tc.opts.Validate()
			require.ErrorContains(t, err, tc.want)
			require.True(t, strings.HasPrefix(err.Error(), "slogcore: "))
			require.PanicsWithError(t, err.Error(), func() { New(io.Discard, &tc.opts) })
		})
	}
	var nilOpts *Options
	require.NoError(t, nilOpts.Validate())
}

// TestHandoffIsolation mutates every kind of mutable value right after the
// call, from the caller's goroutine, while the worker encodes: the output
// must show the values at the time of the call, and -race must stay silent.
func TestHandoffIsolation(t *testing.T) {
	type inner struct{ N int }
	type outer struct {
		Name  string
		Inner *inner
		List  []int
	}
	makeHandlers := map[string]func(io.Writer) *Handler{
		"New":   func(w io.Writer) *Handler { return New(w, &Options{QueueSize: 4}) },
		"Async": func(w io.Writer) *Handler { return Async(slog.NewJSONHandler(w, nil), &Options{QueueSize: 4}) },
	}
	for name, mk := range makeHandlers {
		t.Run(name, func(t *testing.T) {
			var buf lockedBuffer
			h := mk(&buf)
			l := slog.New(h)
			const n = 200
			for i := range n {
				m := map[string]any{"i": i, "nested": map[string]any{"i": i}}
				s := []int{i, i}
				b := []byte(fmt.Sprint(i))
				st := &outer{Name: fmt.Sprint(i), Inner: &inner{N: i}, List: []int{i}}
				l.With("wm", m).Info("m", "map", m, "slice", s, "bytes", b, "struct", st, slog.Group("g", "slice", s))
				// Mutate everything right away.
				m["i"] = -1
				m["nested"].(map[string]any)["i"] = -1
				m["added"] = true
				s[0], s[1] = -1, -1
				b[0] = 'X'
				st.Name, st.Inner.N, st.List[0] = "changed", -1, -1
			}
			require.NoError(t, h.Close(context.Background()))
			lines := parseLines(t, buf.Bytes())
			require.Len(t, lines, n)
			for i, line := range lines {
				f := float64(i)
				want := map[string]any{"i": f, "nested": map[string]any{"i": f}}
				require.Equal(t, want, line["map"], "line %d", i)
				require.Equal(t, want, line["wm"], "line %d", i)
				require.Equal(t, []any{f, f}, line["slice"])
				require.Equal(t, map[string]any{"slice": []any{f, f}}, line["g"])
				raw, err := json.Marshal([]byte(fmt.Sprint(i)))
				require.NoError(t, err)
				require.Equal(t, strings.Trim(string(raw), `"`), line["bytes"])
				require.Equal(t, map[string]any{"Name": fmt.Sprint(i), "Inner": map[string]any{"N": f}, "List": []any{f}}, line["struct"])
			}
		})
	}
}

type countingValuer struct{ calls *atomic.Int32 }

func (v countingValuer) LogValue() slog.Value {
	v.calls.Add(1)
	return slog.StringValue("resolved")
}

// TestLogValuerResolvedOnCaller: LogValue runs before Handle returns.
func TestLogValuerResolvedOnCaller(t *testing.T) {
	for name, h := range map[string]*Handler{
		"New":   New(io.Discard, &Options{FlushInterval: time.Hour}),
		"Async": Async(slog.NewJSONHandler(io.Discard, nil), &Options{FlushInterval: time.Hour}),
	} {
		t.Run(name, func(t *testing.T) {
			var calls atomic.Int32
			slog.New(h).Info("m", "v", countingValuer{&calls}, slog.Group("g", "v", countingValuer{&calls}))
			require.EqualValues(t, 2, calls.Load(), "LogValue must run on the caller's goroutine")
			require.NoError(t, h.Close(context.Background()))
		})
	}
}
