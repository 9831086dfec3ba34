package redact_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

var (
	errBench  = errors.New("connection reset by peer")
	benchTime = time.Date(2026, 11, 26, 6, 45, 2, 0, time.UTC)
)

// logClean logs a record with nothing to redact: 10 attrs, constant
// strings (the common case: the worker remembers them).
func logClean(ctx context.Context, l *slog.Logger) {
	l.LogAttrs(ctx, slog.LevelInfo, "request handled",
		slog.Int("status", 200),
		slog.String("method", "GET"),
		slog.Time("started", benchTime),
		slog.Duration("elapsed", 1234*time.Microsecond),
		slog.Bool("cached", false),
		slog.Float64("ratio", 0.75),
		slog.String("path", "/api/v1/orders/12345"),
		slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
		slog.Int("bytes", 5120),
		slog.Any("err", errBench),
	)
}

// logDynamic logs a clean record whose strings are new on every call, so
// that no cache can answer for them: every string is scanned.
func logDynamic(ctx context.Context, l *slog.Logger, i int) {
	path := "/api/v1/orders/" + strconv.Itoa(i) + "/items?page=2"
	msg := "request " + strconv.Itoa(i) + " handled for tenant eu-3"
	l.LogAttrs(ctx, slog.LevelInfo, msg,
		slog.Int("status", 200),
		slog.String("method", "GET"),
		slog.Time("started", benchTime),
		slog.Duration("elapsed", 1234*time.Microsecond),
		slog.String("path", path),
		slog.String("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"+strconv.Itoa(i&7)),
		slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64) build "+strconv.Itoa(i&15)),
		slog.Int("bytes", 5120),
		slog.Any("err", errBench),
	)
}

// logSecret logs the clean record with one secret in it.
func logSecret(ctx context.Context, l *slog.Logger) {
	l.LogAttrs(ctx, slog.LevelInfo, "request handled",
		slog.Int("status", 200),
		slog.String("method", "GET"),
		slog.String("password", "hunter2-Xq"),
		slog.String("path", "/api/v1/orders/12345"),
		slog.String("upstream", "postgres://app:Pw5xZ@db:5432/orders"),
	)
}

type target struct {
	name string
	make func() (slog.Handler, func())
}

func targets() []target {
	return []target{
		{"handler=slogcore.New/redact=off", func() (slog.Handler, func()) {
			h := slogcore.New(io.Discard, &slogcore.Options{Redact: redact.Disabled})
			return h, func() { _ = h.Close(context.Background()) }
		}},
		{"handler=slogcore.New/redact=on", func() (slog.Handler, func()) {
			h := slogcore.New(io.Discard, nil)
			return h, func() { _ = h.Close(context.Background()) }
		}},
		{"handler=slog.JSONHandler/redact=off", func() (slog.Handler, func()) {
			return slog.NewJSONHandler(io.Discard, nil), func() {}
		}},
		{"handler=slog.JSONHandler/redact=on", func() (slog.Handler, func()) {
			return redact.NewHandler(slog.NewJSONHandler(io.Discard, nil), nil), func() {}
		}},
	}
}

// BenchmarkCleanRecord compares each handler with redaction off and on
// (the Credentials preset) for records with nothing to redact.
func BenchmarkCleanRecord(b *testing.B) {
	ctx := context.Background()
	for _, tg := range targets() {
		b.Run("record=const/"+tg.name, func(b *testing.B) {
			h, done := tg.make()
			l := slog.New(h)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				logClean(ctx, l)
			}
			b.StopTimer()
			done()
		})
		b.Run("record=dynamic/"+tg.name, func(b *testing.B) {
			h, done := tg.make()
			l := slog.New(h)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				logDynamic(ctx, l, i)
			}
			b.StopTimer()
			done()
		})
	}
}

// BenchmarkSecretRecord: a record with a secret under a key and one in a
// string.
func BenchmarkSecretRecord(b *testing.B) {
	ctx := context.Background()
	for _, tg := range targets() {
		b.Run(tg.name, func(b *testing.B) {
			h, done := tg.make()
			l := slog.New(h)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				logSecret(ctx, l)
			}
			b.StopTimer()
			done()
		})
	}
}

// BenchmarkManyKeys: one record with 10,000 distinct keys, against
// slog.JSONHandler for the same record. cache=cold builds a new Redactor
// for every record, so that every key is judged for the first time.
func BenchmarkManyKeys(b *testing.B) {
	ctx := context.Background()
	attrs := make([]slog.Attr, 10000)
	for i := range attrs {
		attrs[i] = slog.String(fmt.Sprintf("field_%05d_name", i), "value")
	}
	run := func(b *testing.B, mk func() slog.Handler) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			slog.New(mk()).LogAttrs(ctx, slog.LevelInfo, "wide record", attrs...)
		}
	}
	json := slog.NewJSONHandler(io.Discard, nil)
	b.Run("handler=slog.JSONHandler", func(b *testing.B) { run(b, func() slog.Handler { return json }) })
	warm := redact.NewHandler(json, redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR))
	b.Run("handler=redact.NewHandler/cache=warm", func(b *testing.B) { run(b, func() slog.Handler { return warm }) })
	b.Run("handler=redact.NewHandler/cache=cold", func(b *testing.B) {
		run(b, func() slog.Handler {
			return redact.NewHandler(json, redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR))
		})
	})
	b.Run("handler=redactor.Attr/cache=cold/group", func(b *testing.B) {
		g := slog.Group("wide", func() []any {
			out := make([]any, len(attrs))
			for i, a := range attrs {
				out[i] = a
			}
			return out
		}()...)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR).Attr(nil, g)
		}
	})
}

// BenchmarkRedactWalk measures the redactor alone on a nested map, so
// that its allocations are not mixed with encoding/json's.
func BenchmarkRedactWalk(b *testing.B) {
	r := redact.Must(redact.Credentials)
	clean := slog.Any("body", map[string]any{"request": map[string]any{"id": "r-1",
		"account": map[string]any{"user": "bob", "plan": "pro", "seats": 12}}})
	secret := slog.Any("body", map[string]any{"request": map[string]any{"id": "r-1",
		"account": map[string]any{"user": "bob", "client_secret": "s3cr3t"}}})
	for name, a := range map[string]slog.Attr{"clean": clean, "secret": secret} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r.Attr(nil, a)
			}
		})
	}
}

// BenchmarkString: the detectors on one clean string of prose and one
// with a token, all presets.
func BenchmarkString(b *testing.B) {
	r := redact.Must(redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR)
	for name, s := range map[string]string{
		"clean":  "GET /api/v1/orders/12345?page=2 handled in 12ms for tenant eu-3 (cache miss, retry 1/3)",
		"secret": "GET /api/v1/orders/12345?page=2 handled in 12ms with token ghp_Fz9Lq2WmTkQ0Zx7PaB3cD4eF5gH6iJ7kL8mN",
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for i := 0; i < b.N; i++ {
				r.String(s)
			}
		})
	}
}
