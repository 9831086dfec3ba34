package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// brokenSink is a sink as a buggy third-party package might provide: the
// methods named in panics panic, the others write JSON to out.
type brokenSink struct {
	out    *bytes.Buffer
	h      slog.Handler
	panics string
}

func newBrokenSink(out *bytes.Buffer, panics string) brokenSink {
	return brokenSink{out, slog.NewJSONHandler(out, nil), panics}
}

func (s brokenSink) breaks(method string) {
	if strings.Contains(s.panics, method) {
		panic(method + " is broken; it was given password=Tundra-Vole-3318")
	}
}

func (s brokenSink) Enabled(ctx context.Context, l slog.Level) bool {
	s.breaks("Enabled")
	return s.h.Enabled(ctx, l)
}

func (s brokenSink) Handle(ctx context.Context, r slog.Record) error {
	s.breaks("Handle")
	return s.h.Handle(ctx, r)
}

func (s brokenSink) WithAttrs(as []slog.Attr) slog.Handler {
	s.breaks("WithAttrs")
	return brokenSink{s.out, s.h.WithAttrs(as), s.panics}
}

func (s brokenSink) WithGroup(name string) slog.Handler {
	s.breaks("WithGroup")
	return brokenSink{s.out, s.h.WithGroup(name), s.panics}
}

func (s brokenSink) Close(context.Context) error {
	s.breaks("Close")
	return nil
}

// brokenSinks maps a registered sink name to the methods that panic and
// the buffer it writes to.
var brokenSinks = map[string]struct {
	panics string
	out    *bytes.Buffer
}{
	"broken-enabled":   {"Enabled", new(bytes.Buffer)},
	"broken-handle":    {"Handle", new(bytes.Buffer)},
	"broken-withattrs": {"WithAttrs", new(bytes.Buffer)},
	"broken-withgroup": {"WithGroup,Close", new(bytes.Buffer)},
}

// registerBrokenSinks registers the brokenSinks for the test only, so that
// the registry lists only the real sinks to other tests.
func registerBrokenSinks(t *testing.T) {
	for name, b := range brokenSinks {
		RegisterSink(name, func(map[string]string) (Sink, error) { return newBrokenSink(b.out, b.panics), nil })
	}
	t.Cleanup(func() {
		sinksMu.Lock()
		defer sinksMu.Unlock()
		for name := range brokenSinks {
			delete(sinks, name)
		}
	})
}

// TestRegisteredSinkThatPanics: a sink registered by another package whose
// methods panic never crashes the program that logs through OpenSink or
// FromEnv: an Enabled that panics is taken as enabled, a Handle, WithAttrs
// or WithGroup that panics is an error naming the sink and the method, and
// the other sinks of a fan-out still get the record.
func TestRegisteredSinkThatPanics(t *testing.T) {
	registerBrokenSinks(t)
	for _, tc := range []struct {
		sink      string
		derive    func(*slog.Logger) *slog.Logger
		written   bool   // the broken sink still writes the record
		wantError string // Handle's error, "" for none
	}{
		{"broken-enabled", func(l *slog.Logger) *slog.Logger { return l.With("shard", 7) }, true, ""},
		{"broken-handle", func(l *slog.Logger) *slog.Logger { return l.WithGroup("req") }, false,
			`slogcore: sink "broken-handle" (slogcore.brokenSink): Handle panicked: Handle is broken; it was given password=[REDACTED]; a record at level WARN is lost to this sink`},
		{"broken-withattrs", func(l *slog.Logger) *slog.Logger { return l.With("shard", 7) }, false,
			`slogcore: sink "broken-withattrs" (slogcore.brokenSink): WithAttrs panicked: WithAttrs is broken`},
		{"broken-withgroup", func(l *slog.Logger) *slog.Logger { return l.WithGroup("req") }, false,
			`slogcore: sink "broken-withgroup" (slogcore.brokenSink): WithGroup panicked: WithGroup is broken`},
	} {
		t.Run(tc.sink, func(t *testing.T) {
			out := brokenSinks[tc.sink].out
			out.Reset()
			s, err := OpenSink(tc.sink, nil)
			require.NoError(t, err)
			h := tc.derive(slog.New(s)).Handler()
			require.NotPanics(t, func() {
				require.True(t, h.Enabled(context.Background(), slog.LevelWarn))
				r := slog.NewRecord(time.Now(), slog.LevelWarn, "through a broken sink", 0)
				err = h.Handle(context.Background(), r)
			})
			if tc.wantError == "" {
				require.NoError(t, err)
			} else {
				require.ErrorContains(t, err, tc.wantError)
				require.NotContains(t, err.Error(), "Tundra-Vole-3318")
			}
			require.Equal(t, tc.written, strings.Contains(out.String(), "through a broken sink"), out.String())
			require.NotPanics(t, func() { err = s.Close(context.Background()) })
			if strings.Contains(brokenSinks[tc.sink].panics, "Close") {
				require.ErrorContains(t, err, `slogcore: sink "`+tc.sink+`" (slogcore.brokenSink): Close panicked`)
			} else {
				require.NoError(t, err)
			}

			// Fanned out by FromEnv next to a working sink.
			out.Reset()
			logger, closeAll, err := fromEnvList(map[string]string{EnvSinks: tc.sink + ",discard"})
			require.NoError(t, err)
			require.NotPanics(t, func() { tc.derive(logger).Warn("fanned out", "k", 1) })
			require.Equal(t, tc.written, strings.Contains(out.String(), "fanned out"), out.String())
			require.NotPanics(t, func() { err = closeAll(context.Background()) })
			if strings.Contains(brokenSinks[tc.sink].panics, "Close") {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
			}
		})
	}
}

// TestBuiltinSinksKeepTheirMethods: the sinks slogcore provides are not
// wrapped, so that Flush and Stats stay reachable through OpenSink.
func TestBuiltinSinksKeepTheirMethods(t *testing.T) {
	s, err := OpenSink("stderr", map[string]string{"level": "error"})
	require.NoError(t, err)
	_, ok := s.(interface{ Stats() Stats })
	require.True(t, ok, "%T", s)
	require.NoError(t, s.Close(context.Background()))
}
