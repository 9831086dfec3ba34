package slogcore

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRecycledEntriesDoNotMix: entries are reused record after record, by
// the worker and by callers that encode their own records when the queue is
// deep. Records of different shapes (scalars only, a map, a group, an
// error, a secret) from many goroutines must each come out with only their
// own values: a field that a reset forgot would show up in a later record.
func TestRecycledEntriesDoNotMix(t *testing.T) {
	const goroutines, perG = 8, 3000
	for name, mk := range map[string]func(io.Writer) *Handler{
		"New/Block":      func(w io.Writer) *Handler { return New(w, &Options{QueueSize: 16}) },
		"New/DropOldest": func(w io.Writer) *Handler { return New(w, &Options{QueueSize: 16, Overflow: DropOldest}) },
		"New/ReplaceAttr": func(w io.Writer) *Handler {
			return New(w, &Options{QueueSize: 16, ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr { return a }})
		},
		"Async": func(w io.Writer) *Handler { return Async(slog.NewJSONHandler(w, nil), &Options{QueueSize: 16}) },
	} {
		t.Run(name, func(t *testing.T) {
			var out lockedBuffer
			h := mk(&out)
			l := slog.New(h)
			hammer(goroutines, perG, func(g, n int) {
				id := fmt.Sprintf("g%d-%d", g, n)
				switch n % 5 {
				case 0:
					l.Info(id, "id", id, "n", n)
				case 1:
					l.Info(id, "id", id, "body", map[string]any{"id": id})
				case 2:
					l.Info(id, "id", id, slog.Group("grp", slog.String("id", id)))
				case 3:
					l.Info(id, "id", id, "err", errors.New(id))
				default:
					l.Info(id, "id", id, "note", "password="+id)
				}
			})
			closeAndCheck(t, h)
			lines := parseLines(t, out.Bytes())
			s := h.Stats()
			require.EqualValues(t, len(lines), s.Written)
			checkInvariant(t, s)
			require.EqualValues(t, goroutines*perG, s.Submitted)
			checkSpares(t, h.core)
			for _, m := range lines {
				id, _ := m["msg"].(string)
				require.Equal(t, id, m["id"], "line %v", m)
				want := map[string]bool{"time": true, "level": true, "msg": true, "id": true}
				switch {
				case m["n"] != nil:
					want["n"] = true
				case m["body"] != nil:
					want["body"] = true
					require.Equal(t, map[string]any{"id": id}, m["body"])
				case m["grp"] != nil:
					want["grp"] = true
					require.Equal(t, map[string]any{"id": id}, m["grp"])
				case m["err"] != nil:
					want["err"] = true
					require.Equal(t, id, m["err"])
				case m["note"] != nil:
					want["note"] = true
					require.Equal(t, "password=[REDACTED]", m["note"])
				}
				for k := range m {
					require.True(t, want[k], "line %v has a stray %q", m, k)
				}
				require.Len(t, m, len(want), "line %v", m)
			}
		})
	}
}

// checkSpares checks the recycling lists of a closed core: bounded, spare
// batches full of reset entries, empty batches empty.
func checkSpares(t *testing.T, c *core) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	require.LessOrEqual(t, len(c.spares), c.maxBatches())
	require.LessOrEqual(t, len(c.empties), c.maxBatches())
	require.LessOrEqual(t, len(c.emptied), c.maxBatches())
	for _, b := range c.spares {
		require.Equal(t, refillBatch, b.n, "a spare batch is not full")
		for _, e := range b.es {
			require.NotNil(t, e)
			require.Nil(t, e.h, "a spare entry was not reset")
			require.Empty(t, e.items)
			require.Empty(t, e.msg)
		}
	}
	for _, b := range append(c.empties, c.emptied...) {
		require.Zero(t, b.n, "an empty batch holds entries")
		require.Equal(t, [refillBatch]*entry{}, b.es, "an empty batch keeps entries alive")
	}
	for _, e := range c.work {
		require.Nil(t, e, "the worker's ring keeps an entry after its drain")
	}
}
