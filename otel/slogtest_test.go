package otel_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"testing/slogtest"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"

	"github.com/slogguard/slogguard/otel"
)

// slogtestCase is one slogtest case's handler and where its output goes.
type slogtestCase struct {
	h     *otel.Handler
	local *bytes.Buffer
	mem   *memExporter
}

func newSlogtestCase(t *testing.T) *slogtestCase {
	c := &slogtestCase{local: &bytes.Buffer{}, mem: &memExporter{}}
	h, err := otel.New(c.local, &otel.Options{Exporter: c.mem})
	require.NoError(t, err)
	c.h = h
	return c
}

// TestSlogtestLocal runs testing/slogtest on the Handler, reading what the
// local side wrote.
func TestSlogtestLocal(t *testing.T) {
	var c *slogtestCase
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		c = newSlogtestCase(t)
		return c.h
	}, func(t *testing.T) map[string]any {
		require.NoError(t, c.h.Close(context.Background()))
		lines := localLines(t, c.local.Bytes())
		require.Len(t, lines, 1)
		return lines[0]
	})
}

// TestSlogtestOTel runs testing/slogtest on the Handler, reading what the
// OpenTelemetry side exported: the redaction in front and the level gate
// keep slog's rules on that side too.
func TestSlogtestOTel(t *testing.T) {
	var c *slogtestCase
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		c = newSlogtestCase(t)
		return c.h
	}, func(t *testing.T) map[string]any {
		require.NoError(t, c.h.Close(context.Background()))
		recs := c.mem.Records()
		require.Len(t, recs, 1)
		r := recs[0]
		m := map[string]any{
			slog.LevelKey:   r.SeverityText(),
			slog.MessageKey: r.Body().AsString(),
		}
		if !r.Timestamp().IsZero() {
			m[slog.TimeKey] = r.Timestamp()
		}
		r.WalkAttributes(func(kv attribute.KeyValue) bool {
			m[string(kv.Key)] = plain(kv.Value)
			return true
		})
		return m
	})
}

// plain converts an attribute value to the Go values slogtest compares.
func plain(v attribute.Value) any {
	switch v.Type() {
	case attribute.MAP:
		m := map[string]any{}
		for _, kv := range v.AsMap() {
			m[string(kv.Key)] = plain(kv.Value)
		}
		return m
	case attribute.SLICE:
		var out []any
		for _, e := range v.AsSlice() {
			out = append(out, plain(e))
		}
		return out
	}
	return v.AsInterface()
}
