package redact_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// floorHandler is the least work any redacting middleware does on a record
// with nothing to mask: it reads every byte of the message and of every
// string value once, through a table (and, with words set, also finds
// where words start), and passes the record on unchanged. It masks
// nothing: it only measures the floor under redact.NewHandler's cost.
type floorHandler struct {
	next  slog.Handler
	words bool
}

var (
	floorTable = func() (t [256]uint64) {
		for c := range 256 {
			t[c] = uint64(c) * 0x9E3779B97F4A7C15
			if c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' {
				t[c] |= 1
			} else {
				t[c] &^= 1
			}
		}
		return t
	}()
	floorSink uint64
)

func (h floorHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h floorHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return floorHandler{h.next.WithAttrs(as), h.words}
}

func (h floorHandler) WithGroup(name string) slog.Handler {
	return floorHandler{h.next.WithGroup(name), h.words}
}

func (h floorHandler) Handle(ctx context.Context, r slog.Record) error {
	acc := h.read(r.Message)
	r.Attrs(func(a slog.Attr) bool {
		if a.Value.Kind() == slog.KindString {
			acc |= h.read(a.Value.String())
		}
		return true
	})
	floorSink = acc
	return h.next.Handle(ctx, r)
}

// read ORs together the table entries of the bytes of s, and adds the
// number of words when h.words is set.
func (h floorHandler) read(s string) uint64 {
	var acc, words uint64
	in := false
	for i := 0; i < len(s); i++ {
		e := floorTable[s[i]]
		acc |= e
		if h.words {
			w := e&1 != 0
			if w && !in {
				words++
			}
			in = w
		}
	}
	return acc + words
}

// BenchmarkCleanRecordFloor puts redact.NewHandler's cost on the dynamic
// clean record (logDynamic) beside its floor, in one run: slog.JSONHandler
// alone (handler=none), behind a handler that only reads every byte of
// every string once (handler=bytes) or also finds its words
// (handler=words), and behind redact.NewHandler (handler=redact).
func BenchmarkCleanRecordFloor(b *testing.B) {
	ctx := context.Background()
	for _, tg := range []struct {
		name string
		h    slog.Handler
	}{
		{"none", slog.NewJSONHandler(io.Discard, nil)},
		{"bytes", floorHandler{slog.NewJSONHandler(io.Discard, nil), false}},
		{"words", floorHandler{slog.NewJSONHandler(io.Discard, nil), true}},
		{"redact", redact.NewHandler(slog.NewJSONHandler(io.Discard, nil), nil)},
	} {
		b.Run("handler="+tg.name, func(b *testing.B) {
			l := slog.New(tg.h)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				logDynamic(ctx, l, i)
			}
		})
	}
}
