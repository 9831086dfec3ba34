package slogcore_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
)

// A card number logged as a time.Duration is written by a JSON handler as
// its digits: with the PCIDSS preset it is masked, at the top level,
// under WithGroup and in a group, on every record (the worker's key cache
// included), and an ordinary duration is kept.
func TestCardNumberAsDurationMasked(t *testing.T) {
	const card = 5228194600382713 // Luhn-valid, a card prefix
	var buf bytes.Buffer
	h := slogcore.New(&buf, &slogcore.Options{Redact: redact.Must(redact.PCIDSS)})
	l := slog.New(h)
	for range 3 { // the first record, and those after it that the worker's caches answer
		l.Info("m", slog.Duration("elapsed", time.Duration(card)), slog.Duration("took", 1500*time.Millisecond))
		l.WithGroup("req").Info("m", slog.Duration("elapsed", time.Duration(card)))
		l.Info("m", slog.Group("g", slog.Duration("elapsed", time.Duration(card))))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "5228194600382713") {
		t.Fatalf("the card number leaked:\n%s", out)
	}
	if !strings.Contains(out, `"took":1500000000`) {
		t.Fatalf("an ordinary duration was not kept:\n%s", out)
	}
}
