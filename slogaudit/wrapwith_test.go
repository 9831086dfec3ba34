package slogaudit

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// TestWrapWithAttrsOnce checks the handlers that pass their With attrs to
// the wrapped handler once, at WithAttrs: records whose attrs replace a
// With attr, join one of its groups, or use reserved or empty keys still
// verify, because such records go to the wrapped handler with every
// member, as do records under an open group. The wrapped handler is
// slog.JSONHandler, or a slogcore handler whose redaction masks some of
// the With attrs when it formats them.
func TestWrapWithAttrsOnce(t *testing.T) {
	red := redact.Must(redact.Credentials, redact.PCIDSS)
	for _, wrapped := range []struct {
		name string
		make func(w io.Writer) (slog.Handler, func() error)
	}{
		{"JSONHandler", func(w io.Writer) (slog.Handler, func() error) {
			return slog.NewJSONHandler(w, nil), func() error { return nil }
		}},
		{"slogcore.New", func(w io.Writer) (slog.Handler, func() error) {
			c := slogcore.New(w, &slogcore.Options{Redact: red})
			return c, func() error { return c.Close(context.Background()) }
		}},
		{"slogcore.Async", func(w io.Writer) (slog.Handler, func() error) {
			c := slogcore.Async(slog.NewJSONHandler(w, nil), &slogcore.Options{Redact: red})
			return c, func() error { return c.Close(context.Background()) }
		}},
	} {
		t.Run(wrapped.name, func(t *testing.T) {
			keys := []string{"a", "b", "g", "time", "audit", "msg", "", "password", "card"}
			rng := rand.New(rand.NewPCG(3, 4))
			attr := func(depth int) slog.Attr {
				k := keys[rng.IntN(len(keys))]
				switch rng.IntN(5) {
				case 0:
					if depth < 2 {
						return slog.Group(k, slog.Int(keys[rng.IntN(3)], rng.IntN(9)), slog.String(keys[rng.IntN(len(keys))], "x"))
					}
				case 1:
					return slog.Time(k, time.Unix(rng.Int64N(1e9), 0).In(time.FixedZone("z", 3600)))
				case 2:
					return slog.Any(k, map[string]any{"n": rng.IntN(9)})
				case 3:
					return slog.String(k, "4111111111111111 hunter2")
				}
				return slog.Int(k, rng.IntN(9))
			}
			var buf bytes.Buffer
			next, closeNext := wrapped.make(&buf)
			h := Wrap(next, WithKey("k1", testKey), WithRedactor(nil))
			fast := 0
			for i := range 400 {
				var l slog.Handler = h
				for range rng.IntN(4) {
					var with []slog.Attr
					for range 1 + rng.IntN(3) {
						with = append(with, attr(0))
					}
					l = l.WithAttrs(with)
				}
				if rng.IntN(8) == 0 {
					l = l.WithGroup("open").WithAttrs([]slog.Attr{attr(0)})
				}
				if l.(*Handler).next != nil {
					fast++
				}
				r := slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)
				for range rng.IntN(4) {
					r.AddAttrs(attr(0))
				}
				require.NoError(t, l.Handle(context.Background(), r), "record %d", i)
			}
			require.NoError(t, h.Close(context.Background()))
			require.NoError(t, closeNext())
			require.Greater(t, fast, 100, "handlers whose wrapped handler holds the With attrs")
			rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
			require.NoError(t, err, "%v", rep.Findings)
			require.EqualValues(t, 402, rep.Records)
			if wrapped.name != "JSONHandler" {
				require.NotContains(t, buf.String(), "4111111111111111", "slogcore's redaction")
			}
		})
	}
}

// TestWrapWithAttrsOnceCases names the cases of TestWrapWithAttrsOnce
// that must take the slow path, and checks their lines.
func TestWrapWithAttrsOnceCases(t *testing.T) {
	for _, tc := range []struct {
		name   string
		with   [][]slog.Attr
		record []slog.Attr
		once   bool // the wrapped handler holds the With attrs
	}{
		{"plain", [][]slog.Attr{{slog.Int("a", 1)}}, []slog.Attr{slog.Int("b", 2)}, true},
		{"record replaces a With attr", [][]slog.Attr{{slog.Int("a", 1)}}, []slog.Attr{slog.Int("a", 2)}, true},
		{"record joins a With group", [][]slog.Attr{{slog.Group("g", "a", 1)}}, []slog.Attr{slog.Group("g", "b", 2)}, true},
		{"record replaces a leaf in a With group", [][]slog.Attr{{slog.Group("g", "a", 1)}}, []slog.Attr{slog.Group("g", "a", 2)}, true},
		{"With replaces a With attr", [][]slog.Attr{{slog.Int("a", 1)}, {slog.Int("a", 2)}}, nil, false},
		{"With joins a With group", [][]slog.Attr{{slog.Group("g", "a", 1)}, {slog.Group("g", "b", 2)}}, nil, false},
		{"duplicates in one With", [][]slog.Attr{{slog.Int("a", 1), slog.Int("a", 2), slog.Group("g", "a", 1), slog.Group("g", "b", 1)}}, nil, true},
		{"reserved keys", [][]slog.Attr{{slog.Int("time", 1), slog.Int("audit", 2)}}, []slog.Attr{slog.Int("_audit", 3)}, true},
		{"empty group", [][]slog.Attr{{slog.Group("g")}, {slog.Group("", slog.Int("a", 1))}}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			h := Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithRedactor(nil))
			var l slog.Handler = h
			for _, w := range tc.with {
				l = l.WithAttrs(w)
			}
			require.Equal(t, tc.once, l.(*Handler).next != nil)
			r := slog.NewRecord(time.Now(), slog.LevelInfo, "m", 0)
			r.AddAttrs(tc.record...)
			require.NoError(t, l.Handle(context.Background(), r))
			require.NoError(t, h.Close(context.Background()))
			rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
			require.NoError(t, err, "%v\n%s", rep.Findings, buf.String())
		})
	}
}
