package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// panickyDerive is a handler whose Enabled, WithAttrs or WithGroup (where)
// panics.
type panickyDerive struct {
	slog.Handler
	where string
}

func (p panickyDerive) Enabled(ctx context.Context, l slog.Level) bool {
	if p.where == "Enabled" {
		panic("Enabled exploded")
	}
	return p.Handler.Enabled(ctx, l)
}

func (p panickyDerive) WithAttrs(as []slog.Attr) slog.Handler {
	if p.where == "WithAttrs" {
		panic("WithAttrs exploded")
	}
	return panickyDerive{p.Handler.WithAttrs(as), p.where}
}

func (p panickyDerive) WithGroup(name string) slog.Handler {
	if p.where == "WithGroup" {
		panic("WithGroup exploded")
	}
	return panickyDerive{p.Handler.WithGroup(name), p.where}
}

// TestAsyncWrappedHandlerPanicsDeriving: a wrapped handler whose Enabled,
// WithAttrs or WithGroup panics never panics the caller (before, the
// panic reached logger.With, logger.WithGroup or the log call). A panic
// in Enabled counts as enabled; one in WithAttrs or WithGroup fails every
// record of the handler it was to return, counted, reported to OnError
// and to WatchLosses, never written without its attrs; records of the
// parent handler are written.
func TestAsyncWrappedHandlerPanicsDeriving(t *testing.T) {
	for _, where := range []string{"Enabled", "WithAttrs", "WithGroup"} {
		t.Run(where, func(t *testing.T) {
			var out bytes.Buffer
			var mu sync.Mutex
			var reported []error
			h := Async(panickyDerive{slog.NewJSONHandler(&out, nil), where}, &Options{OnError: func(err error) {
				mu.Lock()
				reported = append(reported, err)
				mu.Unlock()
			}})
			var losses []Loss
			stop := h.WatchLosses(func(l Loss) {
				mu.Lock()
				losses = append(losses, l)
				mu.Unlock()
			})
			defer stop()
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("the wrapped handler's panic reached the caller: %v", p)
					}
				}()
				l := slog.New(h)
				l.Info("parent")
				l.With("a", 1).WithGroup("g").Info("derived", "k", "v")
			}()
			closeAndCheck(t, h)
			s := h.Stats()
			checkInvariant(t, s)
			require.EqualValues(t, 2, s.Submitted)
			mu.Lock()
			defer mu.Unlock()
			require.NotEmpty(t, reported)
			require.ErrorContains(t, reported[0], where+" panicked")
			require.Contains(t, out.String(), `"msg":"parent"`)
			if where == "Enabled" {
				require.EqualValues(t, 2, s.Written)
				require.Contains(t, out.String(), `"msg":"derived","a":1,"g":{"k":"v"}`)
				return
			}
			require.EqualValues(t, 1, s.Failed)
			require.Len(t, losses, 1)
			require.Equal(t, "derived", losses[0].Message)
			require.False(t, strings.Contains(out.String(), "derived"), "written without its attrs or group:\n%s", out.String())
		})
	}
}
