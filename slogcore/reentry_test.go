package slogcore

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/internal/goroutine"
)

// within runs f and fails the test when it has not returned after d: the
// goroutine is left behind (goleak reports it), but the test ends.
func within(t *testing.T, d time.Duration, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("%s still waiting after %v: the worker waits for itself", what, d)
	}
}

// TestWorkerLogsIntoItsFullQueue: the writer, a wrapped handler and
// OnError, all run by the worker, log to the handler they serve while its
// queue is full. The worker cannot wait for room only it makes: such
// records are dropped with ReasonReentrant, counted, and nobody waits for
// good.
func TestWorkerLogsIntoItsFullQueue(t *testing.T) {
	type setup struct {
		name string
		make func(l **slog.Logger, opts *Options) *Handler
	}
	burst := func(l *slog.Logger, level slog.Level) {
		for i := range 9 {
			l.Log(context.Background(), level, "from the worker", "i", i)
		}
	}
	setups := []setup{
		{"writer", func(l **slog.Logger, opts *Options) *Handler {
			var calls atomic.Int32
			return New(writerFunc(func(p []byte) (int, error) {
				if calls.Add(1) <= 3 {
					burst(*l, slog.LevelError)
				}
				return len(p), nil
			}), opts)
		}},
		{"wrapped handler", func(l **slog.Logger, opts *Options) *Handler {
			var calls atomic.Int32
			return Async(handlerFunc(func(ctx context.Context, r slog.Record) error {
				if calls.Add(1) <= 3 {
					burst(*l, slog.LevelError)
				}
				return nil
			}), opts)
		}},
		{"OnError", func(l **slog.Logger, opts *Options) *Handler {
			var calls atomic.Int32
			opts.OnError = func(error) {
				if calls.Add(1) <= 3 {
					burst(*l, slog.LevelError)
				}
			}
			return New(writerFunc(func(p []byte) (int, error) {
				return 0, errors.New("disk on fire")
			}), opts)
		}},
	}
	policies := []Options{
		{QueueSize: 3, Overflow: Block},
		{QueueSize: 3, Overflow: Block, BlockTimeout: time.Hour},
		{QueueSize: 3, Overflow: DropOldest},
		{QueueSize: 3, Overflow: DropNewest},
	}
	for _, s := range setups {
		for _, o := range policies {
			name := s.name + "/" + o.Overflow.String()
			if o.BlockTimeout > 0 {
				name += "-timeout"
			}
			t.Run(name, func(t *testing.T) {
				var l *slog.Logger
				opts := o
				opts.FlushInterval = time.Millisecond
				h := s.make(&l, &opts)
				l = slog.New(h)
				within(t, 3*time.Second, "logging", func() {
					for i := range 7 {
						l.Warn("from a caller", "i", i)
						require.NoError(t, h.Flush(context.Background()))
					}
				})
				var err error
				within(t, 3*time.Second, "Close", func() { err = h.Close(context.Background()) })
				st := h.Stats()
				checkInvariant(t, st)
				require.Zero(t, st.QueueDepth+st.Writing, "%+v", st)
				require.NotZero(t, st.DroppedBy[ReasonReentrant], "the worker's records never met a full queue: %+v", st)
				require.ErrorIs(t, err, ErrRecordsLost)
				require.ErrorContains(t, err, "reentrant")
			})
		}
	}
}

type handlerFunc func(context.Context, slog.Record) error

func (f handlerFunc) Enabled(context.Context, slog.Level) bool        { return true }
func (f handlerFunc) Handle(ctx context.Context, r slog.Record) error { return f(ctx, r) }
func (f handlerFunc) WithAttrs([]slog.Attr) slog.Handler              { return f }
func (f handlerFunc) WithGroup(string) slog.Handler                   { return f }

// TestHandleFromWorkerReturnsErrReentrant: the worker's own log call
// learns that its record was dropped, and OnDrop hears of it.
func TestHandleFromWorkerReturnsErrReentrant(t *testing.T) {
	var h *Handler
	var got []error
	var reasons []DropReason
	var once sync.Once
	h = New(writerFunc(func(p []byte) (int, error) {
		once.Do(func() {
			for i := range 5 {
				r := slog.NewRecord(time.Now(), slog.LevelInfo, "nested", 0)
				r.AddAttrs(slog.Int("i", i))
				got = append(got, h.Handle(context.Background(), r))
			}
		})
		return len(p), nil
	}), &Options{QueueSize: 2, OnDrop: func(d Drop) { reasons = append(reasons, d.Reason) }})
	slog.New(h).Info("first")
	within(t, 5*time.Second, "Flush", func() { require.NoError(t, h.Flush(context.Background())) })
	require.ErrorIs(t, closeWithin(t, h, 5*time.Second), ErrRecordsLost)
	require.Equal(t, []error{nil, nil, ErrReentrant, ErrReentrant, ErrReentrant}, got)
	require.Equal(t, []DropReason{ReasonReentrant, ReasonReentrant, ReasonReentrant}, reasons)
	st := h.Stats()
	require.EqualValues(t, 6, st.Submitted)
	require.EqualValues(t, 3, st.Written)
	require.EqualValues(t, 3, st.DroppedBy[ReasonReentrant])
}

// TestWorkerCallsFlushSyncClose: the writer and OnError call Flush, Sync
// and Close on the handler they serve, with a context that never ends.
// They return at once with an error that says why; a Close called by the
// worker stops the handler, and the next Close (from another goroutine)
// waits for the worker and returns the true result.
func TestWorkerCallsFlushSyncClose(t *testing.T) {
	for _, call := range []string{"Flush", "Sync", "Close"} {
		for _, from := range []string{"writer", "OnError"} {
			t.Run(from+"/"+call, func(t *testing.T) {
				var h *Handler
				var got error
				var once sync.Once
				callIt := func() {
					once.Do(func() {
						switch call {
						case "Flush":
							got = h.Flush(context.Background())
						case "Sync":
							got = h.Sync(context.Background())
						case "Close":
							got = h.Close(context.Background())
						}
					})
				}
				opts := &Options{}
				var w writerFunc = func(p []byte) (int, error) {
					callIt()
					return len(p), nil
				}
				if from == "OnError" {
					opts.OnError = func(error) { callIt() }
					w = func(p []byte) (int, error) { return 0, errors.New("quota exceeded") }
				}
				h = New(w, opts)
				l := slog.New(h)
				l.Info("one")
				within(t, 5*time.Second, call+" from the worker", func() { _ = h.Flush(context.Background()) })
				require.ErrorIs(t, got, errWorkerWaits)
				require.ErrorContains(t, got, "slogcore: "+map[string]string{"Flush": "flush", "Sync": "sync", "Close": "close"}[call])
				require.ErrorContains(t, got, "from another goroutine")
				l.Info("two")
				var err error
				within(t, 5*time.Second, "Close", func() { err = h.Close(context.Background()) })
				st := h.Stats()
				checkInvariant(t, st)
				if call == "Close" {
					require.EqualValues(t, 1, st.DroppedBy[ReasonClosed], "a Close from the worker let a record in: %+v", st)
				}
				if from == "OnError" {
					require.ErrorIs(t, err, ErrRecordsLost)
					require.ErrorContains(t, err, "write errors")
				}
			})
		}
	}
}

// TestOnDropThatLogsDoesNotRecurse: OnDrop logs a warning to the handler
// it serves, and that record is dropped too (the queue is still full, or
// the handler is closed). It is counted, but OnDrop is not called for it:
// each call would log again, until the stack overflowed and the program
// died. Other goroutines' drops still reach OnDrop.
func TestOnDropThatLogsDoesNotRecurse(t *testing.T) {
	cases := []struct {
		name     string
		overflow Overflow
		closed   bool
	}{
		{"drop-newest", DropNewest, false},
		{"drop-oldest", DropOldest, false},
		{"after-close", Block, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			gate, entered := make(chan struct{}), make(chan struct{}, 1)
			var l *slog.Logger
			var calls, deepest atomic.Int32
			var mu sync.Mutex
			nesting := map[uint64]int32{} // per goroutine
			h := New(writerFunc(func(p []byte) (int, error) {
				select {
				case entered <- struct{}{}:
				default:
				}
				<-gate
				return len(p), nil
			}), &Options{QueueSize: 2, Overflow: tc.overflow, FlushInterval: time.Millisecond, OnDrop: func(d Drop) {
				calls.Add(1)
				id := goroutine.ID()
				mu.Lock()
				nesting[id]++
				n := nesting[id]
				if n > deepest.Load() {
					deepest.Store(n)
				}
				mu.Unlock()
				defer func() {
					mu.Lock()
					nesting[id]--
					mu.Unlock()
				}()
				if n > 20 {
					return // without the guard: end the test's recursion here
				}
				l.Warn("record dropped", "reason", d.Reason.String(), "msg", d.Message)
			}})
			l = slog.New(h)
			if tc.closed {
				close(gate)
				require.NoError(t, h.Close(context.Background()))
			} else {
				l.Info("taken by the worker, which waits at the gate")
				<-entered
			}
			hammer(4, 25, func(g, i int) { l.Info("hammered", "g", g, "i", i) })
			if !tc.closed {
				close(gate)
			}
			_ = h.Close(context.Background())
			require.EqualValues(t, 1, deepest.Load(), "OnDrop was called for a record it logged itself")
			st := h.Stats()
			checkInvariant(t, st)
			require.Zero(t, st.QueueDepth+st.Writing)
			require.GreaterOrEqual(t, calls.Load(), int32(50), "drops of other records must still reach OnDrop: %+v", st)
		})
	}
}

// TestReentrantLoggingHammered: 8 goroutines log to a small queue whose
// writer, OnError and OnDrop log to it too, under every policy, with a
// Close racing the callers in half the rounds. Nobody waits for good, and
// every record is counted once.
func TestReentrantLoggingHammered(t *testing.T) {
	for _, policy := range []Overflow{Block, DropNewest, DropOldest} {
		for round := range 4 {
			t.Run(policy.String(), func(t *testing.T) {
				var l *slog.Logger
				var writes atomic.Int32
				w := writerFunc(func(p []byte) (int, error) {
					n := writes.Add(1)
					if n%3 == 0 {
						l.Error("the writer logs", "write", n)
					}
					if n%5 == 0 {
						return len(p) / 2, errors.New("device busy")
					}
					return len(p), nil
				})
				h := New(w, &Options{
					QueueSize:     4,
					Overflow:      policy,
					FlushInterval: time.Millisecond,
					OnError:       func(err error) { l.Warn("write failed", "err", err) },
					OnDrop:        func(d Drop) { l.Warn("dropped", "reason", d.Reason.String()) },
				})
				l = slog.New(h)
				var closer sync.WaitGroup
				if round%2 == 1 {
					closer.Add(1)
					go func() {
						defer closer.Done()
						time.Sleep(time.Duration(round) * time.Millisecond)
						_ = h.Close(context.Background())
					}()
				}
				within(t, 5*time.Second, "logging", func() {
					hammer(8, 150, func(g, i int) {
						level := slog.LevelInfo
						if i%7 == 0 {
							level = slog.LevelError
						}
						l.Log(context.Background(), level, "hammered", "g", g, "i", i)
					})
				})
				closer.Wait()
				within(t, 5*time.Second, "Close", func() { _ = h.Close(context.Background()) })
				st := h.Stats()
				checkInvariant(t, st)
				require.Zero(t, st.QueueDepth+st.Writing, "%+v", st)
			})
		}
	}
}
