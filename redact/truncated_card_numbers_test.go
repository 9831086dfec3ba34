package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestTruncatedCardNumbersKept: a card number truncated as PCI DSS lets
// one be shown (the first six and the last four digits at most, the rest
// written as '*', 'X', 'x', '#' or '•') holds no card number: it is kept
// under a card's key, in text after one and in prose, while the whole
// number under the same keys is masked.
func TestTruncatedCardNumbersKept(t *testing.T) {
	rules := []redact.Rule{redact.Credentials, redact.PCIDSS, redact.GDPR}
	truncated := []string{
		"5105 **** **** 5100",
		"453957******1016",
		"XXXX-XXXX-XXXX-9424",
		"****2349",
		"376004xxxxx5678",
		"•••• •••• •••• 4242",
		"601100######9424",
	}
	byKey := map[string]func(*slog.Logger, string){
		"card_number": func(l *slog.Logger, s string) { l.Info("charge", "card_number", s) },
		"pan":         func(l *slog.Logger, s string) { l.Info("charge", "pan", s) },
		"maskedCard":  func(l *slog.Logger, s string) { l.Info("charge", "payment", map[string]any{"maskedCard": s}) },
	}
	requireKeptIn(t, rules, truncated, byKey)
	var texts []string
	for _, v := range truncated {
		texts = append(texts, "card_number="+v+" amount=12.50", `{"pan":"`+v+`","brand":"visa"}`, "charged "+v+" for order 7781")
	}
	requireTextKept(t, rules, texts)

	requirePersonal(t, rules, []spelledCase{
		{"card_number=4539578876321016 amount=12.50", "4539578876321016", []string{"amount=12.50"}},
		{`{"pan":"5105 1051 0510 5100","brand":"mc"}`, "5105 1051 0510 5100", []string{"brand"}},
		{"charged 6011-0009-9013-9424 for order 7781", "6011-0009-9013-9424", []string{"order 7781"}},
		// Masked in the middle only: digits beyond the first six and last four.
		{"card_number=45395788****1016 ok", "45395788", nil},
	})
}
