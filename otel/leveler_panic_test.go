package otel_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	otellog "go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// brokenLeveler answers warn until broken is set, then panics.
type brokenLeveler struct {
	mu     sync.Mutex
	broken bool
}

func (l *brokenLeveler) Level() slog.Level {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.broken {
		panic("level source unreachable")
	}
	return slog.LevelWarn
}

// TestLevelerThatPanicsReachesBothSides: an Options.Level whose Level
// method panics never crashes the logging call; while it panics every
// record goes to both sides (none lost) and Core.OnError names it.
func TestLevelerThatPanicsReachesBothSides(t *testing.T) {
	exp := &memExporter{}
	var local bytes.Buffer
	var mu sync.Mutex
	var reported []string
	lv := &brokenLeveler{}
	h, err := otel.New(&local, &otel.Options{Exporter: exp, Level: lv, Core: &slogcore.Options{OnError: func(err error) {
		mu.Lock()
		reported = append(reported, err.Error())
		mu.Unlock()
	}}})
	require.NoError(t, err)
	l := slog.New(h).With("node", "n4")
	l.Info("filtered while the level answers")
	lv.mu.Lock()
	lv.broken = true
	lv.mu.Unlock()
	require.NotPanics(t, func() {
		l.Debug("debug while broken")
		l.WithGroup("g").Error("error while broken", "n", 2)
	})
	require.NoError(t, h.Close(context.Background()))

	require.NotContains(t, local.String(), "filtered")
	require.Contains(t, local.String(), "debug while broken")
	require.Contains(t, local.String(), "error while broken")
	var bodies []string
	for _, r := range exp.Records() {
		bodies = append(bodies, r.Body().AsString())
	}
	require.Equal(t, []string{"debug while broken", "error while broken"}, bodies)
	s := h.Stats()
	require.Zero(t, s.Lost())
	require.Equal(t, uint64(2), s.Core.Written)
	require.Equal(t, uint64(2), s.OTel.Exported)
	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, reported)
	for _, r := range reported {
		require.Contains(t, r, "Level panicked")
		require.Contains(t, r, "level source unreachable")
	}
}

// faultyProcessor panics in the methods named in panics.
type faultyProcessor struct {
	panics string
	next   sdklog.Processor
}

func (p faultyProcessor) breaks(method string) {
	if strings.Contains(p.panics, method) {
		panic(method + " failed for api_key=Olive-Drum-7731")
	}
}

func (p faultyProcessor) Enabled(ctx context.Context, param sdklog.EnabledParameters) bool {
	p.breaks("Enabled")
	return true
}

func (p faultyProcessor) OnEmit(ctx context.Context, r *sdklog.Record) error {
	p.breaks("OnEmit")
	return p.next.OnEmit(ctx, r)
}

func (p faultyProcessor) ForceFlush(ctx context.Context) error {
	p.breaks("ForceFlush")
	return p.next.ForceFlush(ctx)
}

func (p faultyProcessor) Shutdown(ctx context.Context) error {
	p.breaks("Shutdown")
	return p.next.Shutdown(ctx)
}

// TestRedactProcessorOverAFaultyProcessor: a processor behind
// RedactProcessor that panics never crashes the program that emits: an
// Enabled that panics is taken as enabled, an OnEmit, ForceFlush or
// Shutdown that panics is an error naming the processor and the method,
// with the panic's text redacted.
func TestRedactProcessorOverAFaultyProcessor(t *testing.T) {
	for _, panics := range []string{"Enabled", "OnEmit", "ForceFlush,Shutdown"} {
		t.Run(panics, func(t *testing.T) {
			mem := &memExporter{}
			p := otel.NewRedactProcessor(faultyProcessor{panics, sdklog.NewSimpleProcessor(mem)}, nil)
			var emitErr, flushErr, shutdownErr error
			require.NotPanics(t, func() {
				require.True(t, p.Enabled(context.Background(), sdklog.EnabledParameters{Severity: otellog.SeverityWarn}))
				var rec sdklog.Record
				rec.SetBody(attribute.StringValue("cache miss"))
				emitErr = p.OnEmit(context.Background(), &rec)
				flushErr = p.ForceFlush(context.Background())
				shutdownErr = p.Shutdown(context.Background())
			})
			for method, err := range map[string]error{"OnEmit": emitErr, "ForceFlush": flushErr, "Shutdown": shutdownErr} {
				if !strings.Contains(panics, method) {
					require.NoError(t, err, method)
					continue
				}
				require.ErrorContains(t, err, "otel: processor otel_test.faultyProcessor: "+method+" panicked")
				require.NotContains(t, err.Error(), "Olive-Drum-7731")
			}
			require.Equal(t, !strings.Contains(panics, "OnEmit"), len(mem.Records()) == 1)
		})
	}
}
