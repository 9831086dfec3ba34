package slogaudit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"hash"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/slogcore"
)

// The scenarios of the bench module, as zap's benchmarks name them.
const (
	scenarioTen     = "TenFields"          // a message with 10 fields
	scenarioContext = "AccumulatedContext" // a logger that already carries 10 fields
	scenarioStatic  = "StaticMessage"      // a message, no fields
)

func benchAttrs() []slog.Attr {
	return []slog.Attr{
		slog.Int("status", 200), slog.String("method", "GET"), slog.Time("started", benchTime),
		slog.Duration("elapsed", 1234*time.Microsecond), slog.Bool("cached", false), slog.Float64("ratio", 0.75),
		slog.String("path", "/api/v1/orders/12345"), slog.String("user_agent", "Mozilla/5.0 (X11; Linux x86_64)"),
		slog.Int("bytes", 5120), slog.Any("err", errBench),
	}
}

// scenarioLog returns the log call of scenario on h.
func scenarioLog(h slog.Handler, scenario string) func() {
	l := slog.New(h)
	ctx := context.Background()
	attrs := benchAttrs()
	switch scenario {
	case scenarioContext:
		args := make([]any, len(attrs))
		for i, a := range attrs {
			args[i] = a
		}
		lc := l.With(args...)
		return func() { lc.LogAttrs(ctx, slog.LevelInfo, "request handled") }
	case scenarioStatic:
		return func() { l.LogAttrs(ctx, slog.LevelInfo, "request handled") }
	}
	return func() { l.LogAttrs(ctx, slog.LevelInfo, "request handled", attrs...) }
}

// auditContender makes a handler to benchmark and the function that
// closes it.
type auditContender struct {
	name string
	make func(b *testing.B) (slog.Handler, func())
}

// discardFile returns an audit file whose writes go nowhere: the cost of
// the handler, not of the disk.
func discardFile(b testing.TB) *File {
	af, err := OpenFile(filepath.Join(b.TempDir(), "audit.log"), WithFileSync(SyncNever()))
	if err != nil {
		b.Fatal(err)
	}
	af.inject = func(_ *os.File, p []byte) (int, error) { return len(p), nil }
	return af
}

func fileHandler(b testing.TB, af *File, opts ...Option) (slog.Handler, func()) {
	h, err := af.Handler(append([]Option{WithKey("k1", testKey), WithRedactor(slogcore.NoRedaction)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	return h, func() {
		if err := h.Close(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := af.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

var auditContenders = []auditContender{
	{"slog.JSONHandler", func(b *testing.B) (slog.Handler, func()) {
		return slog.NewJSONHandler(io.Discard, nil), func() {}
	}},
	// File's handler, fsync never, its writes discarded.
	{"slogaudit.File", func(b *testing.B) (slog.Handler, func()) {
		return fileHandler(b, discardFile(b))
	}},
	{"slogaudit.Wrap+HMAC", func(b *testing.B) (slog.Handler, func()) {
		h := Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey), WithRedactor(slogcore.NoRedaction))
		return h, func() { _ = h.Close(context.Background()) }
	}},
	// The floor of a hashed and MACed log, computed beside the others in
	// the same run: slog.JSONHandler encoding the record once, a SHA-256
	// over the bytes it writes and the HMAC-SHA256 of a 32-byte hash (the
	// least a keyed hash chain computes per record), nothing else.
	{"floor:JSONHandler+SHA256+HMAC", func(b *testing.B) (slog.Handler, func()) {
		return slog.NewJSONHandler(newHashingWriter(), nil), func() {}
	}},
	// The same with an audit member of v1's shape (three hex hashes) in
	// every line: what a wrapped JSON handler writes at the least.
	{"floor:JSONHandler+auditmember+SHA256+HMAC", func(b *testing.B) (slog.Handler, func()) {
		return auditMemberOnly{slog.NewJSONHandler(newHashingWriter(), nil)}, func() {}
	}},
}

// hashingWriter discards what it is given after hashing it with SHA-256
// and computing the HMAC-SHA256 of that hash under format v2's MAC input,
// as the audit handlers do for every line.
type hashingWriter struct {
	d       hash.Hash
	mac     hash.Hash
	scratch []byte
	buf     []byte
	sum     chain.Hash
}

func newHashingWriter() *hashingWriter {
	return &hashingWriter{d: sha256.New(), mac: hmac.New(sha256.New, testKey)}
}

func (w *hashingWriter) Write(p []byte) (int, error) {
	w.d.Reset()
	w.d.Write(p)
	w.buf = w.d.Sum(w.buf[:0])
	w.sum = chain.Current.MACScratch(w.mac, &w.scratch, "k1", chain.Hash(w.buf))
	return len(p), nil
}

// BenchmarkAudit compares, per scenario, slog.JSONHandler to io.Discard
// with File's handler (HMAC, fsync never, writes discarded) and with Wrap
// over slog.JSONHandler with HMAC, on one goroutine. Redaction is off in
// both, as JSONHandler has none.
//
// Beside the time per record it reports cpu-ns/op, the process's CPU time
// (getrusage: every thread, the garbage collector's included) per record:
// on a machine shared with other work it moves less than the time, which
// also counts the waits for a CPU.
func BenchmarkAudit(b *testing.B) {
	for _, sc := range []string{scenarioTen, scenarioContext, scenarioStatic} {
		for _, c := range auditContenders {
			b.Run(sc+"/handler="+c.name, func(b *testing.B) {
				h, closeFn := c.make(b)
				log := scenarioLog(h, sc)
				b.ReportAllocs()
				b.ResetTimer()
				cpu := processCPU()
				for i := 0; i < b.N; i++ {
					log()
				}
				b.StopTimer()
				if cpu > 0 {
					b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
				}
				closeFn()
			})
		}
	}
}

// BenchmarkAuditParallel is BenchmarkAudit under RunParallel: compare each
// handler's records/s with its own in BenchmarkAudit.
func BenchmarkAuditParallel(b *testing.B) {
	for _, sc := range []string{scenarioTen, scenarioContext, scenarioStatic} {
		for _, c := range auditContenders {
			b.Run(sc+"/handler="+c.name, func(b *testing.B) {
				h, closeFn := c.make(b)
				log := scenarioLog(h, sc)
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						log()
					}
				})
				b.StopTimer()
				closeFn()
			})
		}
	}
}

// BenchmarkAuditSync writes TenFields records through File's handler to
// a file on the real disk (the test's temporary directory; set TMPDIR to
// choose the disk) with fsync never and with group commit (fsync at most
// every 10 ms or 256 records), and reports records/s, the final fsync
// included.
func BenchmarkAuditSync(b *testing.B) {
	for _, p := range []struct {
		name   string
		policy SyncPolicy
	}{{"never", SyncNever()}, {"group-256-10ms", SyncGroup(256, 10*time.Millisecond)}} {
		b.Run("sync="+p.name, func(b *testing.B) {
			af, err := OpenFile(filepath.Join(b.TempDir(), "audit.log"), WithFileSync(p.policy))
			if err != nil {
				b.Fatal(err)
			}
			h, closeFn := fileHandler(b, af)
			log := scenarioLog(h, scenarioTen)
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				log()
			}
			closeFn()
			b.StopTimer()
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "records/s")
		})
	}
}
