package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
)

// scaleContenders are the handlers BenchmarkScale compares: slog's JSON
// handler, and Wrap over it with its defaults and an HMAC key.
var scaleContenders = []struct {
	name string
	make func() slog.Handler
}{
	{"slog.JSONHandler", func() slog.Handler { return slog.NewJSONHandler(io.Discard, nil) }},
	{"slogaudit.Wrap", func() slog.Handler { return Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey)) }},
}

// BenchmarkScale logs one record of a shape at two sizes, ten times
// apart: the time per op of the larger should be about ten times the
// smaller's, as it is for slog.JSONHandler, not a hundred.
func BenchmarkScale(b *testing.B) {
	ctx := context.Background()
	shapes := []struct {
		name string
		log  func(h slog.Handler, n int) func()
	}{
		// Groups nested n deep, one attr in each.
		{"nested-groups", func(h slog.Handler, n int) func() {
			a := slog.Int("leaf", 1)
			for i := range n {
				a = slog.Group("g"+strconv.Itoa(i%10), a, slog.Int("at", i))
			}
			l := slog.New(h)
			return func() { l.LogAttrs(ctx, slog.LevelInfo, "deep", a) }
		}},
		// n WithGroup calls, then a record of one attr.
		{"with-groups", func(h slog.Handler, n int) func() {
			for i := range n {
				h = h.WithGroup("g" + strconv.Itoa(i%10))
			}
			l := slog.New(h)
			return func() { l.LogAttrs(ctx, slog.LevelInfo, "deep", slog.Int("leaf", 1)) }
		}},
		// n chained With calls of one attr each, then a record (the
		// chain built once).
		{"chained-with", func(h slog.Handler, n int) func() {
			l := slog.New(h)
			for i := range n {
				l = l.With("k"+strconv.Itoa(i), i)
			}
			return func() { l.LogAttrs(ctx, slog.LevelInfo, "chained", slog.Int("leaf", 1)) }
		}},
		// n chained With calls built for every record.
		{"chained-with-built", func(h slog.Handler, n int) func() {
			return func() {
				l := slog.New(h)
				for i := range n {
					l = l.With("k"+strconv.Itoa(i), i)
				}
				l.LogAttrs(ctx, slog.LevelInfo, "chained", slog.Int("leaf", 1))
			}
		}},
		// n attrs of one name: the wrapper keeps every value, renaming
		// each under one more "_" than the one before.
		{"same-key", func(h slog.Handler, n int) func() {
			attrs := make([]slog.Attr, n)
			for i := range attrs {
				attrs[i] = slog.Int("id", i)
			}
			l := slog.New(h)
			return func() { l.LogAttrs(ctx, slog.LevelInfo, "same", attrs...) }
		}},
		// A string value of n×100 bytes of words.
		{"long-string", func(h slog.Handler, n int) func() {
			s := strings.Repeat("lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor incididunt ut lab ", n)
			l := slog.New(h)
			return func() { l.LogAttrs(ctx, slog.LevelInfo, "long", slog.String("body", s)) }
		}},
		// A message of n×100 bytes of words.
		{"long-message", func(h slog.Handler, n int) func() {
			s := strings.Repeat("lorem ipsum dolor sit amet, consectetur adipiscing elit sed do eiusmod tempor incididunt ut lab ", n)
			l := slog.New(h)
			return func() { l.LogAttrs(ctx, slog.LevelInfo, s) }
		}},
	}
	for _, sh := range shapes {
		for _, n := range []int{1000, 10000} {
			for _, c := range scaleContenders {
				b.Run(sh.name+"/n="+strconv.Itoa(n)+"/handler="+c.name, func(b *testing.B) {
					log := sh.log(c.make(), n)
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						log()
					}
				})
			}
		}
	}
}

// BenchmarkScaleCheckpoints writes records through Wrap with HMAC and
// checkpoints every n records: the time per record should not grow with n.
func BenchmarkScaleCheckpoints(b *testing.B) {
	for _, n := range []int{100, 10000, 1000000} {
		b.Run("every="+strconv.Itoa(n), func(b *testing.B) {
			var cps bytes.Buffer
			h := Wrap(slog.NewJSONHandler(io.Discard, nil), WithKey("k1", testKey), WithSigner(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x3a}, ed25519.SeedSize))), WithCheckpoints(&cps, n, 0))
			l := slog.New(h)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				logTen(l)
			}
			b.StopTimer()
			_ = h.Close(context.Background())
		})
	}
}
