package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"testing"
	"time"
)

// FuzzEncodeMatchesJSONHandler checks, for arbitrary strings, numbers and
// times, that New writes the same bytes as slog.JSONHandler.
func FuzzEncodeMatchesJSONHandler(f *testing.F) {
	f.Add("msg", "key", "value", int64(1), 1.5, int64(0))
	f.Add("q\"\\\n\r\t\x00\x1f", "k\u2028", "\xff\xfe\u2029<>&", int64(math.MinInt64), math.Inf(1), int64(1e18))
	f.Add("", "", "\xe2\x82", int64(-1), 1e-7, int64(math.MinInt64+1))
	f.Add("é日本語", "emoji 🙂", "tab\there", int64(42), 1e21, int64(math.MaxInt64))
	f.Fuzz(func(t *testing.T, msg, key, val string, n int64, x float64, unixNano int64) {
		ts := time.Unix(0, unixNano).In(time.FixedZone("z", int(n%50000)))
		r := slog.NewRecord(ts, slog.Level(n%20), msg, 0)
		r.AddAttrs(slog.String(key, val), slog.Int64("n", n), slog.Float64("x", x),
			slog.Time("t", ts), slog.Group(key, slog.String(val, msg)))
		var want, got bytes.Buffer
		_ = slog.NewJSONHandler(&want, nil).Handle(context.Background(), r)
		h := New(&got, &Options{Redact: NoRedaction}) // compare the format alone
		_ = h.Handle(context.Background(), r)
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(want.Bytes(), got.Bytes()) {
			t.Fatalf("output differs\nslog: %s\nours: %s", want.Bytes(), got.Bytes())
		}
	})
}
