package slogcore

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/internal/goroutine"
)

// enabledPanics is a wrapped handler whose Enabled always panics.
type enabledPanics struct{ slog.Handler }

func (enabledPanics) Enabled(context.Context, slog.Level) bool { panic("feature flag client closed") }

// TestOnErrorThatLogsDoesNotRecurse: OnError logs every error to the
// handler it serves, from several goroutines, while the error arises on
// the caller's goroutine for every record (a ReplaceAttr that panics on
// every attr, a wrapped handler whose Enabled panics). Each of OnError's
// records raised the error again, whose OnError logged again, until the
// stack overflowed. Now an error that arises inside OnError on the same
// goroutine is printed, not passed to OnError again, and the records are
// still counted.
func TestOnErrorThatLogsDoesNotRecurse(t *testing.T) {
	cases := map[string]func(opts *Options) *Handler{
		"ReplaceAttr panics": func(opts *Options) *Handler {
			opts.ReplaceAttr = func(_ []string, a slog.Attr) slog.Attr {
				panic("replace " + a.Key) // on every attr
			}
			return New(io.Discard, opts)
		},
		"Enabled panics": func(opts *Options) *Handler {
			return Async(enabledPanics{slog.NewJSONHandler(io.Discard, nil)}, opts)
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			var l *slog.Logger
			var mu sync.Mutex
			nesting := map[uint64]int{}
			var deepest, calls atomic.Int32
			h := mk(&Options{OnError: func(err error) {
				calls.Add(1)
				id := goroutine.ID()
				mu.Lock()
				nesting[id]++
				n := nesting[id]
				mu.Unlock()
				defer func() {
					mu.Lock()
					nesting[id]--
					mu.Unlock()
				}()
				if int32(n) > deepest.Load() {
					deepest.Store(int32(n))
				}
				if n > 3 || calls.Load() > 2000 {
					return // without the guard: end the recursion here
				}
				l.Error("logging failed", "err", err)
			}})
			l = slog.New(h)
			hammer(4, 10, func(g, i int) { l.Info("checkout", "g", g, "i", i) })
			require.NoError(t, h.Close(context.Background()))
			require.EqualValues(t, 1, deepest.Load(), "OnError was called inside OnError on the same goroutine")
			require.GreaterOrEqual(t, calls.Load(), int32(40))
			st := h.Stats()
			checkInvariant(t, st)
			require.EqualValues(t, 40+calls.Load(), st.Submitted, "the caller's 40 records, and one per OnError call")
		})
	}
}
