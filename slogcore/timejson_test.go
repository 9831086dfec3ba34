package slogcore

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestTimesOutsideYearRangeAreJSON: a time whose year RFC 3339 cannot
// hold is one JSON string, wherever it appears and whoever encodes it (the
// worker with its caches, or a caller when the queue is deep).
func TestTimesOutsideYearRangeAreJSON(t *testing.T) {
	far := []time.Time{
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 12, 31, 23, 59, 59, 5, time.UTC),
		time.Date(123456, 6, 7, 8, 9, 10, 11, time.FixedZone("x", -5*3600)),
	}
	ra := func(_ []string, a slog.Attr) slog.Attr { return a }
	for _, opts := range []*Options{nil, {ReplaceAttr: ra}, {QueueSize: 4}} {
		var out bytes.Buffer
		h := New(&out, opts)
		l := slog.New(h)
		for _, ft := range far {
			l.Info("attr", "t", ft)
			l.Info("group", slog.Group("g", slog.Time("t", ft)))
			l.With("t", ft).Info("with")
			r := slog.NewRecord(ft, slog.LevelWarn, "record time", 0)
			r.AddAttrs(slog.Time("t", ft))
			require.NoError(t, h.Handle(context.Background(), r))
			for range 8 { // fill a small queue, so that callers encode too
				l.Info("deep", "t", ft)
			}
		}
		require.NoError(t, h.Close(context.Background()))
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		require.Len(t, lines, len(far)*12)
		for _, line := range lines {
			var m map[string]any
			require.NoError(t, json.Unmarshal([]byte(line), &m), "line %q", line)
			require.Contains(t, line, `"!ERROR:time.Time year outside of range [0,9999]: `)
		}
		require.Contains(t, out.String(), `"time":"!ERROR:time.Time year outside of range [0,9999]: 10000-01-01T00:00:00Z"`)
		require.Contains(t, out.String(), `"t":"!ERROR:time.Time year outside of range [0,9999]: -0001-12-31T23:59:59.000000005Z"`)
		require.Contains(t, out.String(), `"t":"!ERROR:time.Time year outside of range [0,9999]: 123456-06-07T08:09:10.000000011-05:00"`)
	}
}

// TestYearRangeEdgesMatchSlog: the years at both ends of the range are
// still written as slog writes them.
func TestYearRangeEdgesMatchSlog(t *testing.T) {
	for _, ts := range []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	} {
		var want, got bytes.Buffer
		r := slog.NewRecord(ts, slog.LevelInfo, "edge", 0)
		r.AddAttrs(slog.Time("t", ts))
		require.NoError(t, slog.NewJSONHandler(&want, nil).Handle(context.Background(), r))
		h := New(&got, nil)
		require.NoError(t, h.Handle(context.Background(), r))
		require.NoError(t, h.Close(context.Background()))
		require.Equal(t, want.String(), got.String())
	}
}
