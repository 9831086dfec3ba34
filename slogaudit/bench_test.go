package slogaudit

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
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

// verifyRecords is the size of BenchmarkVerify's logs: 200,000 records
// and the audit.start and audit.stop around them.
const verifyRecords = 200_000

var verifyLogs = map[string][]byte{}

// verifyLog returns a log of verifyRecords keyed records of about 380
// bytes, written through File (canonical lines) or Wrap over
// slog.JSONHandler.
func verifyLog(b *testing.B, via string) []byte {
	if data, ok := verifyLogs[via]; ok {
		return data
	}
	var h *Handler
	var af *File
	var buf bytes.Buffer
	path := filepath.Join(b.TempDir(), "audit.log")
	if via == "file" {
		var err error
		af, err = OpenFile(path, WithFileSync(SyncNever()))
		if err != nil {
			b.Fatal(err)
		}
		h, err = af.Handler(WithKey("k1", testKey), WithChainID("bench"), withClock(func() time.Time { return benchTime }))
		if err != nil {
			b.Fatal(err)
		}
	} else {
		h = Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithChainID("bench"), withClock(func() time.Time { return benchTime }))
	}
	ctx := context.Background()
	for i := range verifyRecords {
		r := slog.NewRecord(benchTime, slog.LevelInfo, "payment", 0)
		r.AddAttrs(Actor("user-1234"), Action(DataAccess), Outcome(Success), slog.String("resource", "/api/v1/orders/12345"),
			slog.Int("i", i), slog.Float64("amount", 99.5), slog.String("currency", "EUR"))
		if err := h.Handle(ctx, r); err != nil {
			b.Fatal(err)
		}
	}
	if err := h.Close(ctx); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	if af != nil {
		if err := af.Close(); err != nil {
			b.Fatal(err)
		}
		var err error
		if data, err = os.ReadFile(path); err != nil {
			b.Fatal(err)
		}
	}
	verifyLogs[via] = data
	return data
}

// BenchmarkVerify verifies a log of 200,002 keyed records of about 380
// bytes and reports records/s and MB/s (one core: Verify is sequential).
// The floor, in the same run, is what any verifier must do at least:
// encoding/json.Valid and a SHA-256 chain over every line of the same
// file. Compare with benchstat: via=file against floor.
func BenchmarkVerify(b *testing.B) {
	for _, via := range []string{"file", "wrap"} {
		b.Run("via="+via+"/verifier=floor", func(b *testing.B) {
			data := verifyLog(b, via)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := verifyFloor(data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(verifyRecords+2)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
		b.Run("via="+via+"/verifier=slogaudit", func(b *testing.B) {
			data := verifyLog(b, via)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rep, err := Verify(context.Background(), bytes.NewReader(data), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
				if err != nil {
					b.Fatal(err)
				}
				if rep.Records != verifyRecords+2 {
					b.Fatalf("got %d records, want %d", rep.Records, verifyRecords+2)
				}
			}
			b.ReportMetric(float64(verifyRecords+2)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(len(data))/float64(verifyRecords+2), "bytes/record")
		})
	}
}

// verifyFloor reads data line by line as Verify does, checks that each
// line is JSON, and chains SHA-256 over the lines.
func verifyFloor(data []byte) error {
	br := bufio.NewReaderSize(bytes.NewReader(data), 64<<10)
	var h [sha256.Size]byte
	hh := sha256.New()
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			if !json.Valid(line) {
				return errors.New("not JSON")
			}
			hh.Reset()
			hh.Write(h[:])
			hh.Write(line)
			hh.Sum(h[:0])
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// auditMemberOnly adds a fixed audit member to every record, to measure
// what writing it costs the wrapped handler.
type auditMemberOnly struct{ slog.Handler }

func (h auditMemberOnly) Handle(ctx context.Context, r slog.Record) error {
	r.AddAttrs(fixedAuditMember)
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the audit member on loggers with attrs.
func (h auditMemberOnly) WithAttrs(as []slog.Attr) slog.Handler {
	return auditMemberOnly{h.Handler.WithAttrs(as)}
}

// WithGroup keeps the audit member on loggers with groups.
func (h auditMemberOnly) WithGroup(name string) slog.Handler {
	return auditMemberOnly{h.Handler.WithGroup(name)}
}

// fixedAuditMember is an audit member of v1's shape, built once: a floor
// does not pay for building it.
var fixedAuditMember = func() slog.Attr {
	const hex = "f4a51c98db427510ffff8024f01e0b71d7acd03070f3b8a5ddaa5de47af9752d"
	return slog.Attr{Key: "audit", Value: slog.GroupValue(slog.Int("v", 1), slog.String("chain", "0123456789abcdef"), slog.Uint64("seq", 42),
		slog.String("prev", hex), slog.String("hash", hex), slog.String("mac", hex), slog.String("key", "k1"))}
}()
