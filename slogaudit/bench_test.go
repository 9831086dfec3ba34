package slogaudit

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

var (
	errBench  = errors.New("connection reset by peer")
	benchTime = time.Date(2026, 11, 26, 6, 45, 2, 0, time.UTC)
)

// logTen is slogcore's benchmark scenario: a message and 10 attrs.
func logTen(l *slog.Logger) {
	l.LogAttrs(context.Background(), slog.LevelInfo, "request handled",
		slog.Int("status", 200), slog.String("method", "GET"), slog.Time("started", benchTime),
		slog.Duration("elapsed", 1234*time.Microsecond), slog.Bool("cached", false), slog.Float64("ratio", 0.75),
		slog.String("path", "/api/v1/orders/12345"), slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
		slog.Int("bytes", 5120), slog.Any("err", errBench))
}

func BenchmarkWrap(b *testing.B) {
	for _, bc := range []struct {
		name string
		h    func() slog.Handler
	}{
		{"handler=slog.JSONHandler", func() slog.Handler { return slog.NewJSONHandler(io.Discard, nil) }},
		// The floor: JSONHandler writing the same record plus an audit member
		// of the same shape, without computing anything.
		{"handler=slog.JSONHandler+auditmember", func() slog.Handler { return auditMemberOnly{slog.NewJSONHandler(io.Discard, nil)} }},
		{"handler=slogaudit+HMAC", func() slog.Handler {
			return Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey), WithRedactor(slogcore.NoRedaction))
		}},
		{"handler=slogaudit+HMAC+redact", func() slog.Handler {
			return Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey))
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			l := slog.New(bc.h())
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				logTen(l)
			}
		})
	}
}

// BenchmarkOpenFile writes through OpenFile with group commit (fsync at
// most every 10 ms) to local disk and reports records/s.
func BenchmarkOpenFile(b *testing.B) {
	af, err := OpenFile(filepath.Join(b.TempDir(), "audit.log"), WithFileSync(SyncGroup(0, 10*time.Millisecond)))
	if err != nil {
		b.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey))
	if err != nil {
		b.Fatal(err)
	}
	l := slog.New(h)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		logTen(l)
	}
	if err := h.Close(context.Background()); err != nil {
		b.Fatal(err)
	}
	if err := af.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "records/s")
}

// BenchmarkVerify verifies a log of 300-byte records with the HMAC key and
// reports records/s and MB/s (one core: Verify is sequential).
func BenchmarkVerify(b *testing.B) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithChainID("bench"))
	l := slog.New(h)
	const n = 20000
	for i := range n {
		l.Info("payment", "i", i) // about 300 bytes with the audit member
	}
	_ = h.Close(context.Background())
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Verify(context.Background(), bytes.NewReader(data), VerifyOptions{Keys: map[string][]byte{"k1": testKey}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n+2)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(len(data))/float64(n+2), "bytes/record")
}

// auditMemberOnly adds a fixed audit member to every record, to measure
// what writing it costs the wrapped handler.
type auditMemberOnly struct{ slog.Handler }

func (h auditMemberOnly) Handle(ctx context.Context, r slog.Record) error {
	const hex = "f4a51c98db427510ffff8024f01e0b71d7acd03070f3b8a5ddaa5de47af9752d"
	r.AddAttrs(slog.Group("audit", slog.Int("v", 1), slog.String("chain", "0123456789abcdef"), slog.Uint64("seq", 42),
		slog.String("prev", hex), slog.String("hash", hex), slog.String("mac", hex), slog.String("key", "k1")))
	return h.Handler.Handle(ctx, r)
}
