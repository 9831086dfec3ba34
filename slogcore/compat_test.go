package slogcore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type token string

func (t token) LogValue() slog.Value { return slog.StringValue("tok:" + string(t)) }

type user struct{ id int }

func (u user) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("id", u.id), slog.String("role", "admin"))
}

type jsonErr struct{}

func (jsonErr) Error() string                { return "as error" }
func (jsonErr) MarshalJSON() ([]byte, error) { return []byte(`{"as":"json"}`), nil }

type ptrErr struct{ msg string }

func (p *ptrErr) Error() string { return p.msg }

type payload struct {
	Name  string            `json:"name"`
	Tags  []string          `json:"tags,omitempty"`
	Attrs map[string]string `json:"attrs"`
	skip  int
}

var (
	t0     = time.Date(2026, 11, 26, 6, 45, 2, 123456789, time.UTC)
	zoned  = time.Date(2026, 1, 2, 3, 4, 5, 600000000, time.FixedZone("X", -(3*3600+30*60)))
	callPC = func() uintptr { var pcs [1]uintptr; runtime.Callers(1, pcs[:]); return pcs[0] }()
)

func record(msg string, attrs ...slog.Attr) slog.Record {
	r := slog.NewRecord(t0, slog.LevelInfo, msg, 0)
	r.AddAttrs(attrs...)
	return r
}

type compatCase struct {
	name   string
	opts   slog.HandlerOptions
	derive func(slog.Handler) slog.Handler
	rec    slog.Record
	// notJSON: slog.JSONHandler writes invalid JSON for this case, and New
	// writes valid JSON instead (see appendTime).
	notJSON bool
}

func compatCases() []compatCase {
	var nilErr *ptrErr
	dropTime := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}
	rename := func(groups []string, a slog.Attr) slog.Attr {
		a.Key = strings.Join(append(groups, a.Key), "/")
		return a
	}
	levelGroup := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.LevelKey && len(groups) == 0 {
			return slog.Group("lvl", slog.String("name", a.Value.String()), slog.Int("n", 0))
		}
		if a.Value.Kind() == slog.KindString && a.Value.String() == "secret" {
			return slog.String(a.Key, "***")
		}
		return a
	}
	withSrc := record("with source")
	withSrc.PC = callPC
	zeroTime := slog.NewRecord(time.Time{}, slog.LevelWarn, "no time", 0)
	zeroTime.AddAttrs(slog.Int("a", 1))
	custom := slog.NewRecord(t0, slog.LevelInfo+2, "custom level", 0)
	farYear := record("year", slog.Time("t", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)))
	grp := func(h slog.Handler) slog.Handler { return h.WithGroup("g") }

	return []compatCase{
		{name: "string", rec: record("m", slog.String("k", "v"))},
		{name: "int64", rec: record("m", slog.Int64("k", -42), slog.Int("max", math.MaxInt64))},
		{name: "uint64", rec: record("m", slog.Uint64("k", math.MaxUint64))},
		{name: "float", rec: record("m", slog.Float64("a", 1.5), slog.Float64("b", 0.1), slog.Float64("c", 100))},
		{name: "float exponent", rec: record("m", slog.Float64("small", 1e-7), slog.Float64("big", 1e21), slog.Float64("neg", -2.5e-9))},
		{name: "NaN and Inf", rec: record("m", slog.Float64("nan", math.NaN()), slog.Float64("inf", math.Inf(1)), slog.Float64("ninf", math.Inf(-1)))},
		{name: "bool", rec: record("m", slog.Bool("t", true), slog.Bool("f", false))},
		{name: "duration", rec: record("m", slog.Duration("d", 1500*time.Millisecond), slog.Duration("neg", -time.Nanosecond))},
		{name: "time utc", rec: record("m", slog.Time("t", t0))},
		{name: "time zoned", rec: record("m", slog.Time("t", zoned))},
		{name: "time whole second", rec: record("m", slog.Time("t", time.Date(2020, 2, 29, 23, 59, 59, 0, time.UTC)))},
		{name: "time year out of range", rec: farYear, notJSON: true},
		{name: "any map", rec: record("m", slog.Any("m", map[string]any{"b": 1, "a": []int{1, 2}, "c": "<&>"}))},
		{name: "any struct", rec: record("m", slog.Any("p", payload{Name: "n", Attrs: map[string]string{"x": "y"}, skip: 3}))},
		{name: "any bytes", rec: record("m", slog.Any("b", []byte("hello")))},
		{name: "any slice", rec: record("m", slog.Any("s", []string{"a", "b"}))},
		{name: "any nil", rec: record("m", slog.Any("n", nil))},
		{name: "any unsupported", rec: record("m", slog.Any("ch", make(chan int)))},
		{name: "any float32", rec: record("m", slog.Any("f", float32(0.1)))},
		{name: "error", rec: record("m", slog.Any("err", errors.New("boom: \"quoted\"")))},
		{name: "wrapped error", rec: record("m", slog.Any("err", fmt.Errorf("ctx: %w", errors.New("inner"))))},
		{name: "error that is a json.Marshaler", rec: record("m", slog.Any("err", jsonErr{}))},
		{name: "nil pointer error", rec: record("m", slog.Any("err", nilErr))},
		{name: "LogValuer", rec: record("m", slog.Any("tok", token("abc")))},
		{name: "LogValuer group", rec: record("m", slog.Any("user", user{7}))},
		{name: "nested groups", rec: record("m", slog.Group("a", slog.Int("x", 1), slog.Group("b", slog.String("y", "z"), slog.Group("c", slog.Bool("d", true)))))},
		{name: "empty group", rec: record("m", slog.Int("x", 1), slog.Group("empty"), slog.Int("y", 2))},
		{name: "group of empty groups", rec: record("m", slog.Group("outer", slog.Group("inner")), slog.Int("y", 2))},
		{name: "inline group", rec: record("m", slog.Group("", slog.Int("a", 1), slog.Int("b", 2)), slog.Int("c", 3))},
		{name: "empty attr", rec: record("m", slog.Attr{}, slog.Int("a", 1))},
		{name: "empty key", rec: record("m", slog.Int("", 1))},
		{name: "duplicate keys", rec: record("m", slog.Int("a", 1), slog.Int("a", 2))},
		{name: "escaping", rec: record("q\"uote\\ new\nline\ttab\r\x01 <&> \u2028\u2029 é", slog.String("k\"ey\n", "v\x7f\x1f"))},
		{name: "invalid utf8", rec: record("bad \xff\xfe msg", slog.String("bad\xc3", "v\xe2\x82"))},
		{name: "custom level", rec: custom},
		{name: "zero time", rec: zeroTime},
		{name: "Source attr", rec: record("m", slog.Any("where", &slog.Source{Function: "f", File: "x.go", Line: 3}))},
		{name: "empty Source attr", rec: record("m", slog.Any("where", &slog.Source{}))},
		{name: "AddSource", opts: slog.HandlerOptions{AddSource: true}, rec: withSrc},
		{name: "AddSource without PC", opts: slog.HandlerOptions{AddSource: true}, rec: record("m")},
		{name: "WithGroup", derive: grp, rec: record("m", slog.Int("a", 1))},
		{name: "WithGroup no attrs", derive: grp, rec: record("m")},
		{name: "WithGroup only empty attrs", derive: grp, rec: record("m", slog.Group("e"))},
		{name: "WithAttrs", derive: func(h slog.Handler) slog.Handler {
			return h.WithAttrs([]slog.Attr{slog.String("svc", "api"), slog.Any("tok", token("w"))})
		}, rec: record("m", slog.Int("a", 1))},
		{name: "WithAttrs WithGroup WithAttrs", derive: func(h slog.Handler) slog.Handler {
			return h.WithAttrs([]slog.Attr{slog.Int("a", 1)}).WithGroup("g").WithAttrs([]slog.Attr{slog.Int("b", 2)}).WithGroup("h")
		}, rec: record("m", slog.Int("c", 3))},
		{name: "WithGroup WithGroup no record attrs", derive: func(h slog.Handler) slog.Handler {
			return h.WithGroup("g").WithAttrs([]slog.Attr{slog.Int("b", 2)}).WithGroup("h")
		}, rec: record("m")},
		{name: "WithAttrs empty groups only", derive: func(h slog.Handler) slog.Handler {
			return h.WithAttrs([]slog.Attr{slog.Group("e")})
		}, rec: record("m", slog.Int("a", 1))},
		{name: "ReplaceAttr drops time", opts: slog.HandlerOptions{ReplaceAttr: dropTime}, rec: record("m", slog.Int("a", 1))},
		{name: "ReplaceAttr sees groups", opts: slog.HandlerOptions{ReplaceAttr: rename}, derive: func(h slog.Handler) slog.Handler {
			return h.WithGroup("g").WithAttrs([]slog.Attr{slog.Int("w", 0)}).WithGroup("h")
		}, rec: record("m", slog.Group("x", slog.Int("a", 1)), slog.Int("b", 2))},
		{name: "ReplaceAttr returns groups", opts: slog.HandlerOptions{ReplaceAttr: levelGroup}, rec: record("m", slog.String("note", "secret"))},
		{name: "ReplaceAttr with source", opts: slog.HandlerOptions{AddSource: true, ReplaceAttr: rename}, rec: withSrc},
	}
}

// TestCompatWithJSONHandler checks that New writes byte for byte what
// slog.JSONHandler writes, and that every line is valid JSON when slog's is.
func TestCompatWithJSONHandler(t *testing.T) {
	cases := compatCases()
	require.GreaterOrEqual(t, len(cases), 30)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var want, got bytes.Buffer
			ref := slog.Handler(slog.NewJSONHandler(&want, &tc.opts))
			h := New(&got, &Options{AddSource: tc.opts.AddSource, ReplaceAttr: tc.opts.ReplaceAttr, Level: slog.LevelDebug})
			var ours slog.Handler = h
			if tc.derive != nil {
				ref, ours = tc.derive(ref), tc.derive(ours)
			}
			require.NoError(t, ref.Handle(context.Background(), tc.rec))
			require.NoError(t, ours.Handle(context.Background(), tc.rec))
			require.NoError(t, h.Close(context.Background()))
			if tc.notJSON {
				require.False(t, json.Valid(want.Bytes()), "slog writes valid JSON now: compare again")
				require.True(t, json.Valid(got.Bytes()), "output is not JSON: %s", got.String())
				return
			}
			require.Equal(t, want.String(), got.String())
			if json.Valid(want.Bytes()) {
				require.True(t, json.Valid(got.Bytes()), "output is not JSON: %s", got.String())
			}
		})
	}
}

// TestCompatAsync checks that Async in front of slog.JSONHandler writes what
// the JSONHandler alone writes.
func TestCompatAsync(t *testing.T) {
	for _, tc := range compatCases() {
		t.Run(tc.name, func(t *testing.T) {
			var want, got bytes.Buffer
			ref := slog.Handler(slog.NewJSONHandler(&want, &tc.opts))
			opts := tc.opts
			opts.Level = slog.LevelDebug
			h := Async(slog.NewJSONHandler(&got, &opts), &Options{Level: slog.LevelDebug})
			var ours slog.Handler = h
			if tc.derive != nil {
				ref, ours = tc.derive(ref), tc.derive(ours)
			}
			require.NoError(t, ref.Handle(context.Background(), tc.rec))
			require.NoError(t, ours.Handle(context.Background(), tc.rec))
			require.NoError(t, h.Close(context.Background()))
			require.Equal(t, want.String(), got.String())
		})
	}
}

func TestWithGroupEmptyReturnsReceiver(t *testing.T) {
	h := New(io_discard{}, nil)
	defer h.Close(context.Background())
	require.Same(t, h, h.WithGroup(""))
	w := Async(slog.DiscardHandler, nil)
	defer w.Close(context.Background())
	require.Same(t, w, w.WithGroup(""))
}

type io_discard struct{}

func (io_discard) Write(p []byte) (int, error) { return len(p), nil }
