package slogaudit

import (
	"context"
	"log/slog"
	"strconv"
	"testing"
)

// wideAttrs returns n attrs with distinct keys and mixed kinds.
func wideAttrs(n int) []slog.Attr {
	attrs := make([]slog.Attr, n)
	for i := range attrs {
		key := "field_" + strconv.Itoa(i)
		switch i % 3 {
		case 0:
			attrs[i] = slog.Int(key, i)
		case 1:
			attrs[i] = slog.String(key, "value "+strconv.Itoa(i))
		default:
			attrs[i] = slog.Bool(key, i%2 == 0)
		}
	}
	return attrs
}

// BenchmarkWideRecord compares, per record width, slog.JSONHandler with
// File's handler and Wrap over JSONHandler (HMAC, no redaction) on one
// record holding n attrs at the top level ("top") or in one group
// ("group"): the time per attr should not grow with n.
func BenchmarkWideRecord(b *testing.B) {
	for _, shape := range []string{"top", "group"} {
		for _, n := range []int{10, 100, 10000} {
			attrs := wideAttrs(n)
			if shape == "group" {
				attrs = []slog.Attr{{Key: "wide", Value: slog.GroupValue(attrs...)}}
			}
			for _, c := range []auditContender{auditContenders[0], auditContenders[1], auditContenders[2]} {
				b.Run(shape+"/attrs="+strconv.Itoa(n)+"/handler="+c.name, func(b *testing.B) {
					h, closeFn := c.make(b)
					l := slog.New(h)
					ctx := context.Background()
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						l.LogAttrs(ctx, slog.LevelInfo, "wide record", attrs...)
					}
					b.StopTimer()
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/attr")
					closeFn()
				})
			}
		}
	}
}

// BenchmarkWideWith is BenchmarkWideRecord with the n attrs given to With
// once and a record of one attr logged through it.
func BenchmarkWideWith(b *testing.B) {
	for _, n := range []int{10, 100, 10000} {
		attrs := wideAttrs(n)
		for _, c := range []auditContender{auditContenders[0], auditContenders[2]} {
			b.Run("attrs="+strconv.Itoa(n)+"/handler="+c.name, func(b *testing.B) {
				h, closeFn := c.make(b)
				l := slog.New(h.WithAttrs(attrs))
				ctx := context.Background()
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					l.LogAttrs(ctx, slog.LevelInfo, "wide record", slog.Int("field_1", i))
				}
				b.StopTimer()
				closeFn()
			})
		}
	}
}
