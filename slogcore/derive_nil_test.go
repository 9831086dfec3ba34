package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// nilDeriver is a wrapped handler whose WithAttrs and WithGroup return nil.
type nilDeriver struct{ slog.Handler }

func (nilDeriver) WithAttrs([]slog.Attr) slog.Handler { return nil }
func (nilDeriver) WithGroup(string) slog.Handler      { return nil }

// TestAsyncWrappedHandlerDerivesNil: a wrapped handler that returns nil
// from WithAttrs or WithGroup is reported once, by name, and every record
// of the derived handler fails with that report; the derived handler
// stays an Async one (before, a nil wrapped handler made it take records
// as New would, and each failed with a nil-pointer panic).
func TestAsyncWrappedHandlerDerivesNil(t *testing.T) {
	for _, derive := range []string{"WithAttrs", "WithGroup"} {
		t.Run(derive, func(t *testing.T) {
			var out bytes.Buffer
			var mu sync.Mutex
			var reported []string
			h := Async(nilDeriver{slog.NewJSONHandler(&out, nil)}, &Options{Level: slog.LevelWarn, OnError: func(err error) {
				mu.Lock()
				reported = append(reported, err.Error())
				mu.Unlock()
			}})
			l := slog.New(h)
			var child *slog.Logger
			if derive == "WithAttrs" {
				child = l.With("tenant", "t-81")
			} else {
				child = l.WithGroup("billing")
			}
			require.False(t, child.Enabled(context.Background(), slog.LevelInfo), "the derived handler ignores Options.Level")
			child.Warn("lost", "n", 3)
			child.Error("lost too")
			l.Warn("kept")
			err := h.Close(context.Background())
			require.ErrorIs(t, err, ErrRecordsLost)
			st := h.Stats()
			checkInvariant(t, st)
			require.EqualValues(t, 1, st.Written)
			require.EqualValues(t, 2, st.FailedWrite, "%+v", st)
			require.Contains(t, out.String(), `"msg":"kept"`)
			require.NotContains(t, out.String(), "lost")
			want := "slogcore: wrapped handler slogcore.nilDeriver: " + derive + " returned nil; every record through the handler it was to return fails (a bug in the wrapped handler: it must return a handler)"
			mu.Lock()
			defer mu.Unlock()
			require.Equal(t, want, reported[0])
			require.Len(t, reported, 3, "one report for the derive, one per lost record")
			require.Contains(t, reported[1], want)
		})
	}
}
