package slogaudit

import (
	"context"
	"log/slog"
	"strconv"
	"testing"
)

// BenchmarkWideTemplate logs records of three attrs through a logger
// whose With attrs number n, at the top level ("top") or in a group that
// the record's attrs join ("group", WithGroup then With), for
// slog.JSONHandler, File's handler and Wrap over JSONHandler: the
// template's order is found once, at With, so a record's time should grow
// with the bytes it hashes, not with n log n comparisons of the
// template's keys.
func BenchmarkWideTemplate(b *testing.B) {
	ctx := context.Background()
	for _, shape := range []string{"top", "group"} {
		for _, n := range []int{100, 1000, 10000} {
			attrs := wideAttrs(n)
			for _, c := range []auditContender{auditContenders[0], auditContenders[1], auditContenders[2]} {
				b.Run(shape+"/attrs="+strconv.Itoa(n)+"/handler="+c.name, func(b *testing.B) {
					h, closeFn := c.make(b)
					if shape == "group" {
						h = h.WithGroup("req")
					}
					l := slog.New(h.WithAttrs(attrs))
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						l.LogAttrs(ctx, slog.LevelInfo, "wide template", slog.Int("id", i), slog.String("user", "u"), slog.Bool("ok", true))
					}
					b.StopTimer()
					closeFn()
				})
			}
		}
	}
}

// BenchmarkWideTemplateOwnAttrs is BenchmarkWideTemplate's "top" shape
// with records of ten attrs, each looked up among the template's members
// for a duplicate: the look-ups should not grow with n.
func BenchmarkWideTemplateOwnAttrs(b *testing.B) {
	ctx := context.Background()
	own := wideAttrs(10)
	for i := range own {
		own[i].Key = "own_" + own[i].Key
	}
	for _, n := range []int{100, 10000} {
		attrs := wideAttrs(n)
		for _, c := range []auditContender{auditContenders[1], auditContenders[2]} {
			b.Run("attrs="+strconv.Itoa(n)+"/handler="+c.name, func(b *testing.B) {
				h, closeFn := c.make(b)
				l := slog.New(h.WithAttrs(attrs))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					l.LogAttrs(ctx, slog.LevelInfo, "wide template", own...)
				}
				b.StopTimer()
				closeFn()
			})
		}
	}
}
