package slogaudit

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// BenchmarkSealingAndPersonal: the cost of forward-secure sealing (an
// epoch every 1000 records, so the ratchet and the seal record are in the
// numbers) and of one more attr, a personal value encrypted per record, beside slog.JSONHandler
// and a keyed handler, on logTen's record.
func BenchmarkSealingAndPersonal(b *testing.B) {
	ks, err := OpenKeyStore(b.TempDir() + "/keys")
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name     string
		h        func() slog.Handler
		personal bool
	}{
		{"handler=slog.JSONHandler", func() slog.Handler { return slog.NewJSONHandler(io.Discard, nil) }, false},
		{"handler=slogaudit+HMAC", func() slog.Handler {
			return Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey), WithRedactor(slogcore.NoRedaction))
		}, false},
		{"handler=slogaudit+HMAC+sealing", func() slog.Handler {
			return Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey), WithRedactor(slogcore.NoRedaction), WithSealing(0, 1000))
		}, false},
		{"handler=slogaudit+HMAC+personal", func() slog.Handler {
			return Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey), WithRedactor(slogcore.NoRedaction), WithKeyStore(ks))
		}, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			l := slog.New(bc.h())
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if bc.personal {
					// one more attr, encrypted per record
					l.LogAttrs(context.Background(), slog.LevelInfo, "request handled",
						slog.Int("status", 200), slog.String("method", "GET"), slog.Time("started", benchTime),
						slog.Duration("elapsed", 1234*time.Microsecond), slog.Bool("cached", false), slog.Float64("ratio", 0.75),
						slog.String("path", "/api/v1/orders/12345"), slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
						slog.Int("bytes", 5120), slog.Any("err", errBench), Personal("user-17", "email", "alice@example.com"))
					continue
				}
				logTen(l)
			}
		})
	}
}
