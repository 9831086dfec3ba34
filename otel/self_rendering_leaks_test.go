package otel_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// laterDSN is what the changing values below reveal after their first
// answer: a connection string with its password.
const (
	laterDSN      = "mysql://billing:Rw3uKq8sZ1@10.0.4.7/ledger"
	laterPassword = "Rw3uKq8sZ1"
)

// changingJSON answers with a harmless object once, then with the
// password: the Redactor judges the first answer.
type changingJSON struct{ calls *atomic.Int32 }

func (c changingJSON) MarshalJSON() ([]byte, error) {
	if c.calls.Add(1) == 1 {
		return []byte(`{"target":"ledger"}`), nil
	}
	return []byte(`{"target":"` + laterDSN + `"}`), nil
}

// changingText does the same through MarshalText.
type changingText struct{ calls *atomic.Int32 }

func (c changingText) MarshalText() ([]byte, error) {
	if c.calls.Add(1) == 1 {
		return []byte("ledger"), nil
	}
	return []byte(laterDSN), nil
}

// changingJSONError is an error that marshals itself, as slog writes it.
type changingJSONError struct{ changingJSON }

func (changingJSONError) Error() string { return "ledger unreachable" }

// changingValuer resolves to v.
type changingValuer struct{ v any }

func (c changingValuer) LogValue() slog.Value { return slog.AnyValue(c.v) }

// TestSelfRenderingValueAnswersAgainRedacted checks that a value that
// renders itself, and answers otherwise when asked again, reaches neither
// the local output nor OpenTelemetry with what redaction never judged,
// wherever it sits.
func TestSelfRenderingValueAnswersAgainRedacted(t *testing.T) {
	values := map[string]func() any{
		"MarshalJSON":       func() any { return changingJSON{new(atomic.Int32)} },
		"MarshalText":       func() any { return changingText{new(atomic.Int32)} },
		"error MarshalJSON": func() any { return changingJSONError{changingJSON{new(atomic.Int32)}} },
	}
	shapes := map[string]func(l *slog.Logger, v any){
		"attr":      func(l *slog.Logger, v any) { l.Warn("reconnect", "db", v) },
		"group":     func(l *slog.Logger, v any) { l.Warn("reconnect", slog.Group("pool", slog.Any("db", v))) },
		"With":      func(l *slog.Logger, v any) { l.With("db", v).Warn("reconnect") },
		"WithGroup": func(l *slog.Logger, v any) { l.WithGroup("pool").With("db", v).Warn("reconnect", "try", 3) },
		"LogValuer": func(l *slog.Logger, v any) { l.Warn("reconnect", "db", changingValuer{v}) },
		"inline":    func(l *slog.Logger, v any) { l.Warn("reconnect", slog.Group("", slog.Any("db", v))) },
	}
	for vname, value := range values {
		for sname, log := range shapes {
			t.Run(vname+"/"+sname, func(t *testing.T) {
				exp := &memExporter{}
				var local bytes.Buffer
				h, err := otel.New(&local, &otel.Options{Exporter: exp})
				require.NoError(t, err)
				log(slog.New(h), value())
				require.NoError(t, h.Close(context.Background()))
				remote := exported(exp)
				require.Contains(t, local.String(), "reconnect")
				require.Contains(t, remote, "reconnect")
				require.NotContains(t, local.String(), laterPassword)
				require.NotContains(t, remote, laterPassword)
			})
		}
	}
}

// steadyJSON renders itself the same way every time, with spacing that
// encoding/json compacts.
type steadyJSON struct{}

func (steadyJSON) MarshalJSON() ([]byte, error) { return []byte(`{ "shard" : 4 , "ok":true }`), nil }

type steadyText struct{}

func (steadyText) MarshalText() ([]byte, error) { return []byte(`eu-west <1>`), nil }

type failingJSON struct{}

func (failingJSON) MarshalJSON() ([]byte, error) { return nil, errors.New("no encoding for shard") }

// TestSelfRenderingValueLocalLineAsSlogWrites checks that values that
// render themselves the same every time are written locally byte for
// byte as slog.JSONHandler writes them.
func TestSelfRenderingValueLocalLineAsSlogWrites(t *testing.T) {
	at := time.Date(2026, 7, 9, 10, 11, 12, 0, time.UTC)
	for name, attrs := range map[string][]slog.Attr{
		"MarshalJSON":       {slog.Any("shard", steadyJSON{})},
		"MarshalText":       {slog.Any("region", steadyText{})},
		"pointer":           {slog.Any("at", &at)},
		"failing":           {slog.Any("shard", failingJSON{})},
		"in group":          {slog.Group("placement", slog.Any("shard", steadyJSON{}), slog.Any("region", steadyText{}))},
		"beside plain ones": {slog.Int("n", 2), slog.Any("shard", steadyJSON{}), slog.String("s", "x")},
	} {
		t.Run(name, func(t *testing.T) {
			var want, got bytes.Buffer
			rec := slog.NewRecord(at, slog.LevelInfo, "placed", 0)
			rec.AddAttrs(attrs...)
			require.NoError(t, slog.NewJSONHandler(&want, nil).Handle(context.Background(), rec))
			h, err := otel.New(&got, &otel.Options{Exporter: &memExporter{}, Core: &slogcore.Options{}})
			require.NoError(t, err)
			require.NoError(t, h.Handle(context.Background(), rec))
			require.NoError(t, h.Close(context.Background()))
			require.Equal(t, want.String(), got.String())
			require.False(t, strings.Contains(got.String(), "REDACTED"))
		})
	}
}
