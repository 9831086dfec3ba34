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

// endless is a LogValuer whose value holds the LogValuer again, one level
// deeper each time.
type endless struct{ depth int }

func (x endless) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("depth", x.depth), slog.Any("next", endless{x.depth + 1}))
}

// TestEndlessLogValuerIsBounded: such a value used to recurse until the
// stack overflowed, a fatal error no recover catches, in every handler
// whose redaction did not stop it first (New with NoRedaction, and Async,
// which copies the value before redacting it). It is written down to a
// bounded depth and ends in an !ERROR, from many goroutines at once.
func TestEndlessLogValuerIsBounded(t *testing.T) {
	for name, mk := range map[string]func(*lockedBuffer) *Handler{
		"New":             func(b *lockedBuffer) *Handler { return New(b, nil) },
		"New+NoRedaction": func(b *lockedBuffer) *Handler { return New(b, &Options{Redact: NoRedaction}) },
		"New+ReplaceAttr": func(b *lockedBuffer) *Handler {
			return New(b, &Options{Redact: NoRedaction, ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return a }})
		},
		"Async": func(b *lockedBuffer) *Handler { return Async(slog.NewJSONHandler(b, nil), nil) },
		"Async+NoRedaction": func(b *lockedBuffer) *Handler {
			return Async(slog.NewJSONHandler(b, nil), &Options{Redact: NoRedaction})
		},
	} {
		t.Run(name, func(t *testing.T) {
			var out lockedBuffer
			h := mk(&out)
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					l := slog.New(h)
					l.Info("attr", "v", endless{})
					l.Info("group", slog.Group("g", "v", endless{g}))
					l.With("v", endless{}).Info("with")
				}()
			}
			wg.Wait()
			require.NoError(t, h.Close(context.Background()))
			lines := parseLines(t, out.buf.Bytes())
			require.Len(t, lines, 12)
			if strings.Contains(name, "NoRedaction") {
				require.Contains(t, out.buf.String(), `"next":"`+errTooDeep+`"`)
			}
		})
	}
}

// TestDeepGroupsWithinBoundMatchSlog: groups up to the bound are written
// as slog writes them.
func TestDeepGroupsWithinBoundMatchSlog(t *testing.T) {
	a := slog.Int("leaf", 1)
	for range maxGroupDepth - 1 {
		a = slog.Group("g", a)
	}
	var want, got bytes.Buffer
	slog.New(slog.NewJSONHandler(&want, nil)).Info("deep", a)
	h := New(&got, &Options{Redact: NoRedaction})
	slog.New(h).Info("deep", a)
	require.NoError(t, h.Close(context.Background()))
	cut := func(s string) string { return s[strings.Index(s, `"level"`):] }
	require.Equal(t, cut(want.String()), cut(got.String()))
}
