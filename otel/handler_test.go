package otel_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	otellog "go.opentelemetry.io/otel/log"
	"go.opentelemetry.io/otel/trace"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

func TestEveryRecordArrives(t *testing.T) {
	rcv := startReceiver(t)
	var local bytes.Buffer
	h, err := otel.New(&local, &otel.Options{Exporter: otlpExporter(t, rcv)})
	require.NoError(t, err)
	logger := slog.New(h)

	const n = 300
	for i := range n {
		switch i % 3 {
		case 0:
			logger.Info("plain", "i", i)
		case 1:
			logger.With("svc", "api").WithGroup("req").Warn("grouped", "i", i)
		case 2:
			logger.Error("failed", "i", i, "err", errors.New("boom"))
		}
	}
	require.NoError(t, h.Close(closeCtx(t)))

	got := rcv.Records()
	require.Len(t, got, n, "records at the receiver")
	seen := make(map[int64]bool, n)
	for _, r := range got {
		a := attrMap(r.GetAttributes())
		i, ok := a["i"].(int64)
		if !ok { // grouped records carry i inside req
			req, _ := a["req"].(map[string]any)
			i, ok = req["i"].(int64)
		}
		require.True(t, ok, "record without i: %v", a)
		require.False(t, seen[i], "record %d twice", i)
		seen[i] = true
		require.Equal(t, otel.DefaultScope, r.Scope)
	}
	require.Equal(t, n, strings.Count(local.String(), "\n"), "local lines")

	s := h.Stats()
	require.Equal(t, uint64(n), s.Core.Submitted)
	require.Equal(t, uint64(n), s.Core.Written)
	require.Equal(t, uint64(n), s.OTel.Emitted)
	require.Equal(t, uint64(n), s.OTel.Exported)
	require.Zero(t, s.OTel.Pending)
	require.Zero(t, s.Lost())
}

func TestTraceContextKept(t *testing.T) {
	rcv := startReceiver(t)
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{Exporter: otlpExporter(t, rcv)})
	require.NoError(t, err)
	logger := slog.New(h)

	tid, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled})
	ctx := trace.ContextWithSpanContext(context.Background(), sc)

	logger.InfoContext(ctx, "in span", "password", "hunter2")
	logger.With("a", 1).WithGroup("g").ErrorContext(ctx, "derived handler in span")
	logger.Info("no span")
	require.NoError(t, h.Close(closeCtx(t)))

	got := rcv.Records()
	require.Len(t, got, 3)
	for _, r := range got[:2] {
		require.Equal(t, tid.String(), hexID(r.GetTraceId()), "trace id of %q", r.GetBody().GetStringValue())
		require.Equal(t, sid.String(), hexID(r.GetSpanId()), "span id of %q", r.GetBody().GetStringValue())
		require.Equal(t, uint32(trace.FlagsSampled), r.GetFlags()&0xff)
	}
	require.Empty(t, got[2].GetTraceId())
	require.Empty(t, got[2].GetSpanId())
}

func TestSeverityAsOtelslog(t *testing.T) {
	rcv := startReceiver(t)
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{Exporter: otlpExporter(t, rcv), Level: slog.LevelDebug - 4})
	require.NoError(t, err)
	logger := slog.New(h)

	levels := []struct {
		level slog.Level
		want  otellog.Severity
	}{
		{slog.LevelDebug, otellog.SeverityDebug},
		{slog.LevelInfo, otellog.SeverityInfo},
		{slog.LevelWarn, otellog.SeverityWarn},
		{slog.LevelError, otellog.SeverityError},
		{slog.LevelDebug - 4, otellog.SeverityTrace1},
		{slog.LevelInfo + 1, otellog.SeverityInfo2},
		{slog.LevelError + 4, otellog.SeverityFatal},
	}
	for _, l := range levels {
		logger.Log(context.Background(), l.level, l.level.String())
	}
	require.NoError(t, h.Close(closeCtx(t)))

	got := rcv.Records()
	require.Len(t, got, len(levels))
	for i, l := range levels {
		r := got[i]
		require.Equal(t, l.level.String(), r.GetBody().GetStringValue())
		require.Equal(t, int32(l.want), int32(r.GetSeverityNumber()), "severity of %v", l.level)
		require.Equal(t, l.level.String(), r.GetSeverityText(), "severity text of %v", l.level)
	}
}

func TestLevelAppliesToBothSides(t *testing.T) {
	rcv := startReceiver(t)
	var local bytes.Buffer
	level := new(slog.LevelVar)
	level.Set(slog.LevelWarn)
	h, err := otel.New(&local, &otel.Options{Exporter: otlpExporter(t, rcv), Level: level})
	require.NoError(t, err)
	logger := slog.New(h)

	logger.Info("filtered")
	logger.Warn("kept 1")
	level.Set(slog.LevelDebug)
	logger.Debug("kept 2")
	require.NoError(t, h.Close(closeCtx(t)))

	var msgs []string
	for _, r := range rcv.Records() {
		msgs = append(msgs, r.GetBody().GetStringValue())
	}
	require.Equal(t, []string{"kept 1", "kept 2"}, msgs)
	require.NotContains(t, local.String(), "filtered")
	require.Equal(t, 2, strings.Count(local.String(), "\n"))
}

func TestRecordsAfterCloseAreCounted(t *testing.T) {
	rcv := startReceiver(t)
	var dropped []slogcore.Drop
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{
		Exporter: otlpExporter(t, rcv),
		Batch:    &otel.BatchOptions{OnDrop: func(d slogcore.Drop) { dropped = append(dropped, d) }},
	})
	require.NoError(t, err)
	logger := slog.New(h)
	logger.Info("before")
	require.NoError(t, h.Close(closeCtx(t)))
	logger.Warn("after close", "token", "t0ps3cret")
	require.NoError(t, h.Close(closeCtx(t)), "second Close")

	s := h.Stats()
	require.Equal(t, uint64(2), s.OTel.Emitted)
	require.Equal(t, uint64(1), s.OTel.Exported)
	require.Equal(t, uint64(1), s.OTel.DroppedBy[slogcore.ReasonClosed])
	require.Equal(t, uint64(1), s.Core.DroppedBy[slogcore.ReasonClosed])
	require.Equal(t, uint64(2), s.Lost())
	require.Len(t, dropped, 1)
	require.Equal(t, slog.LevelWarn, dropped[0].Level)
	require.Equal(t, "after close", dropped[0].Message)
	require.Len(t, rcv.Records(), 1)
}

func TestNewReportsEveryProblem(t *testing.T) {
	_, err := otel.New(nil, &otel.Options{
		Core:  &slogcore.Options{QueueSize: -1},
		Batch: &otel.BatchOptions{QueueSize: -2, Overflow: slogcore.DropOldest},
	})
	require.Error(t, err)
	for _, want := range []string{"Exporter is nil", "writer is nil", "QueueSize is -1", "QueueSize is -2", "Overflow is drop-oldest"} {
		require.ErrorContains(t, err, want)
	}
	_, err = otel.New(&bytes.Buffer{}, nil)
	require.ErrorContains(t, err, "otel: Options.Exporter is nil")
}

func TestStatsString(t *testing.T) {
	s := otel.Stats{}
	s.Core.Submitted, s.Core.Written = 3, 3
	s.OTel.Emitted, s.OTel.Exported, s.OTel.Dropped = 3, 2, 1
	s.Redacted = 4
	require.Equal(t, "local: 3 submitted, 3 written, 0 dropped, 0 failed; otel: 3 emitted, 2 exported, 1 dropped, 0 failed, 0 pending; redacted: 4", s.String())
	require.Equal(t, uint64(1), s.Lost())
}

// localLines parses JSON lines.
func localLines(t *testing.T, b []byte) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal(line, &m), "line %q", line)
		out = append(out, m)
	}
	return out
}

func TestDerivedHandlers(t *testing.T) {
	h, err := otel.New(&bytes.Buffer{}, &otel.Options{Exporter: &memExporter{}})
	require.NoError(t, err)
	defer h.Close(context.Background())
	require.Same(t, h, h.WithGroup(""), "WithGroup(\"\") returns the receiver")
	require.Same(t, h, h.WithAttrs(nil), "WithAttrs with nothing returns the receiver")
	d := h.WithAttrs([]slog.Attr{slog.Int("a", 1)}).WithGroup("g")
	require.IsType(t, &otel.Handler{}, d)
	require.NotSame(t, h, d)
}
