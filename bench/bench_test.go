package bench

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rs/zerolog"
	slogmulti "github.com/samber/slog-multi"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// The scenarios, as zap's own benchmarks name them.
const (
	tenFields      = "TenFields"          // a message with 10 fields
	withContext    = "AccumulatedContext" // a logger that already carries 10 fields
	staticMessage  = "StaticMessage"      // a message, no fields
	disabledLevel  = "DisabledLevel"      // a Debug call on an Info logger, with 10 fields
	benchMessage   = "request handled"
	disabledFields = 10
)

var (
	errExample = errors.New("connection reset by peer")
	started    = time.Date(2026, 11, 26, 6, 45, 2, 0, time.UTC)
	hmacKey    = []byte("bench-key-0123456789abcdef012345")
)

// lineCounter counts the records written (lines), from any goroutine.
type lineCounter struct{ n atomic.Int64 }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.n.Add(int64(bytes.Count(p, []byte{'\n'})))
	return len(p), nil
}

func slogAttrs() []slog.Attr {
	return []slog.Attr{
		slog.Int("status", 200), slog.String("method", "GET"), slog.Time("started", started),
		slog.Duration("elapsed", 1234*time.Microsecond), slog.Bool("cached", false), slog.Float64("ratio", 0.75),
		slog.String("path", "/api/v1/orders/12345"), slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
		slog.Int("bytes", 5120), slog.Any("err", errExample),
	}
}

func zapFields() []zap.Field {
	return []zap.Field{
		zap.Int("status", 200), zap.String("method", "GET"), zap.Time("started", started),
		zap.Duration("elapsed", 1234*time.Microsecond), zap.Bool("cached", false), zap.Float64("ratio", 0.75),
		zap.String("path", "/api/v1/orders/12345"), zap.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
		zap.Int("bytes", 5120), zap.Error(errExample),
	}
}

func zerologFields(e *zerolog.Event) *zerolog.Event {
	return e.Int("status", 200).Str("method", "GET").Time("started", started).
		Dur("elapsed", 1234*time.Microsecond).Bool("cached", false).Float64("ratio", 0.75).
		Str("path", "/api/v1/orders/12345").Str("user_agent", "Mozilla/5.0 (X11; Linux x86_64)").
		Int("bytes", 5120).Err(errExample)
}

func zerologContext(c zerolog.Context) zerolog.Context {
	return c.Int("status", 200).Str("method", "GET").Time("started", started).
		Dur("elapsed", 1234*time.Microsecond).Bool("cached", false).Float64("ratio", 0.75).
		Str("path", "/api/v1/orders/12345").Str("user_agent", "Mozilla/5.0 (X11; Linux x86_64)").
		Int("bytes", 5120).Err(errExample)
}

// A contender makes a log function for a scenario, writing to w, and a
// close function that drains whatever is asynchronous.
type contender struct {
	name string
	make func(w io.Writer, scenario string) (log func(), close func())
}

// slogContender adapts any slog.Handler constructor.
func slogContender(name string, newHandler func(w io.Writer) (slog.Handler, func())) contender {
	return contender{name: name, make: func(w io.Writer, scenario string) (func(), func()) {
		h, closeFn := newHandler(w)
		l := slog.New(h)
		ctx := context.Background()
		attrs := slogAttrs()
		switch scenario {
		case withContext:
			lc := l.With(attrsToAny(attrs)...)
			return func() { lc.LogAttrs(ctx, slog.LevelInfo, benchMessage) }, closeFn
		case staticMessage:
			return func() { l.LogAttrs(ctx, slog.LevelInfo, benchMessage) }, closeFn
		case disabledLevel:
			return func() { l.LogAttrs(ctx, slog.LevelDebug, benchMessage, attrs...) }, closeFn
		}
		return func() { l.LogAttrs(ctx, slog.LevelInfo, benchMessage, attrs...) }, closeFn
	}}
}

func attrsToAny(as []slog.Attr) []any {
	out := make([]any, len(as))
	for i, a := range as {
		out[i] = a
	}
	return out
}

func closeCore(h *slogcore.Handler) func() {
	return func() { _ = h.Close(context.Background()) }
}

func contenders() []contender {
	return []contender{
		slogContender("slog.JSONHandler", func(w io.Writer) (slog.Handler, func()) {
			return slog.NewJSONHandler(w, nil), func() {}
		}),
		slogContender("slogcore", func(w io.Writer) (slog.Handler, func()) {
			h := slogcore.New(w, &slogcore.Options{Redact: slogcore.NoRedaction})
			return h, closeCore(h)
		}),
		slogContender("slogcore+redact", func(w io.Writer) (slog.Handler, func()) {
			h := slogcore.New(w, nil)
			return h, closeCore(h)
		}),
		slogContender("slogaudit.Wrap", func(w io.Writer) (slog.Handler, func()) {
			h := slogaudit.Wrap(slog.NewJSONHandler(w, nil), slogaudit.WithKey("k1", hmacKey), slogaudit.WithRedactor(slogcore.NoRedaction))
			return h, func() { _ = h.Close(context.Background()) }
		}),
		slogContender("Fanout(slogcore,slogaudit)", func(w io.Writer) (slog.Handler, func()) {
			core := slogcore.New(w, nil)
			audit := slogaudit.Wrap(slog.NewJSONHandler(w, nil), slogaudit.WithKey("k1", hmacKey))
			return slogmulti.Fanout(core, audit), func() { _ = core.Close(context.Background()); _ = audit.Close(context.Background()) }
		}),
		{name: "zap", make: func(w io.Writer, scenario string) (func(), func()) {
			enc := zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig())
			l := zap.New(zapcore.NewCore(enc, zapcore.AddSync(w), zap.InfoLevel))
			fields := zapFields()
			switch scenario {
			case withContext:
				lc := l.With(fields...)
				return func() { lc.Info(benchMessage) }, func() { _ = l.Sync() }
			case staticMessage:
				return func() { l.Info(benchMessage) }, func() { _ = l.Sync() }
			case disabledLevel:
				return func() { l.Debug(benchMessage, fields...) }, func() { _ = l.Sync() }
			}
			return func() { l.Info(benchMessage, fields...) }, func() { _ = l.Sync() }
		}},
		{name: "zerolog", make: func(w io.Writer, scenario string) (func(), func()) {
			l := zerolog.New(w).Level(zerolog.InfoLevel).With().Timestamp().Logger()
			switch scenario {
			case withContext:
				lc := zerologContext(l.With()).Logger()
				return func() { lc.Info().Msg(benchMessage) }, func() {}
			case staticMessage:
				return func() { l.Info().Msg(benchMessage) }, func() {}
			case disabledLevel:
				return func() { zerologFields(l.Debug()).Msg(benchMessage) }, func() {}
			}
			return func() { zerologFields(l.Info()).Msg(benchMessage) }, func() {}
		}},
	}
}

var scenarios = []string{tenFields, withContext, staticMessage, disabledLevel}

// report adds records actually written per second, the drain included.
func report(b *testing.B, c *lineCounter, start time.Time, scenario string) {
	if scenario == disabledLevel {
		return
	}
	b.ReportMetric(float64(c.n.Load())/time.Since(start).Seconds(), "records/s")
}

// runLoggers runs every scenario for every contender, calling log through
// loop, with the drain inside the timer.
func runLoggers(b *testing.B, loop func(b *testing.B, log func())) {
	for _, sc := range scenarios {
		for _, c := range contenders() {
			b.Run(sc+"/logger="+c.name, func(b *testing.B) {
				var w lineCounter
				log, closeFn := c.make(&w, sc)
				b.ReportAllocs()
				b.ResetTimer()
				start := time.Now()
				loop(b, log)
				closeFn() // inside the timer: draining is part of the cost
				b.StopTimer()
				report(b, &w, start, sc)
			})
		}
	}
}

func BenchmarkLoggers(b *testing.B) {
	runLoggers(b, func(b *testing.B, log func()) {
		for i := 0; i < b.N; i++ {
			log()
		}
	})
}

func BenchmarkLoggersParallel(b *testing.B) {
	runLoggers(b, func(b *testing.B, log func()) {
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				log()
			}
		})
	})
}

// TestContendersWrite checks that every contender writes every record in
// every enabled scenario, so that no benchmark measures a logger that
// quietly does nothing.
func TestContendersWrite(t *testing.T) {
	for _, sc := range scenarios {
		for _, c := range contenders() {
			var w lineCounter
			log, closeFn := c.make(&w, sc)
			for range 100 {
				log()
			}
			closeFn()
			want := int64(100)
			if sc == disabledLevel {
				want = 0
			}
			got := w.n.Load()
			switch c.name {
			case "slogaudit.Wrap": // plus audit.start, audit.stop
				got -= 2
			case "Fanout(slogcore,slogaudit)": // two copies, plus audit.start, audit.stop
				got = (got - 2) / 2
			}
			if got != want {
				t.Errorf("%s/%s wrote %d records, want %d", sc, c.name, got, want)
			}
		}
	}
}
