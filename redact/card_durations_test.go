package redact_test

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
)

// TestCardNumberAsDurationMasked: slog.JSONHandler and encoding/json write
// a time.Duration as its integer of nanoseconds, so a card number logged
// as one is written as the card number.
func TestCardNumberAsDurationMasked(t *testing.T) {
	const card = 5228194600382713 // Luhn-valid, a Mastercard prefix
	d := time.Duration(card)
	type hold struct {
		Wait time.Duration `json:"wait"`
	}
	for _, tc := range []placementLeak{
		{"attr", func(l *slog.Logger) { l.Info("m", slog.Duration("elapsed", d)) }, "5228194600382713"},
		{"any", func(l *slog.Logger) { l.Info("m", "elapsed", d) }, "5228194600382713"},
		{"with", func(l *slog.Logger) { l.With(slog.Duration("ttl", d)).Info("m") }, "5228194600382713"},
		{"group", func(l *slog.Logger) { l.Info("m", slog.Group("req", slog.Duration("t", d))) }, "5228194600382713"},
		{"under WithGroup", func(l *slog.Logger) { l.WithGroup("g").Info("m", slog.Duration("t", d)) }, "5228194600382713"},
		{"map", func(l *slog.Logger) { l.Info("m", "data", map[string]any{"t": d}) }, "5228194600382713"},
		{"slice", func(l *slog.Logger) { l.Info("m", "data", []time.Duration{d}) }, "5228194600382713"},
		{"struct", func(l *slog.Logger) { l.Info("m", "data", hold{Wait: d}) }, "5228194600382713"},
		{"LogValuer", func(l *slog.Logger) { l.Info("m", "data", resolvesTo{slog.DurationValue(d)}) }, "5228194600382713"},
	} {
		// slogcore writes a record's own scalars itself; the middleware's
		// outputs are this package's to judge.
		out := placementOutputs([]redact.Rule{redact.PCIDSS}, tc.log)
		for _, name := range []string{"NewHandler/JSON", "NewHandler/Text"} {
			if strings.Contains(out[name], tc.secret) || !strings.Contains(out[name], redact.DefaultMask) {
				t.Errorf("%s: %s: card number not masked: %s", tc.name, name, out[name])
			}
		}
	}
	// Durations that are no card number are written as they are.
	for _, kept := range []time.Duration{90 * time.Minute, 36 * time.Hour, time.Duration(5228194600382714), -d} {
		log := func(l *slog.Logger) {
			l.Info("m", slog.Duration("elapsed", kept), "data", map[string]any{"t": kept})
		}
		if got, want := handlerOutput(t, []redact.Rule{redact.PCIDSS}, log), plainOutput(log); got != want {
			t.Errorf("duration %d: got %s, want %s", kept, got, want)
		}
	}
}
