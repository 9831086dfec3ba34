package redact_test

import (
	"errors"
	"log/slog"
	"os"

	"github.com/slogguard/slogguard/redact"
)

// NewHandler is synchronous middleware: here in front of a TextHandler, with
// the Credentials and PCI presets.
func ExampleNewHandler() {
	r, err := redact.New(redact.Credentials, redact.PCIDSS)
	if err != nil {
		panic(err)
	}
	text := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	})
	logger := slog.New(redact.NewHandler(text, r))
	logger.Info("login", "user", "bob", "password", "hunter2")
	logger.Error("query failed", "err", errors.New("dial postgres://app:pw@db/orders: timeout"))
	logger.Info("charge", "card", map[string]any{"number": "4111 1111 1111 1111", "brand": "visa"}, "token_count", 3)
	// Output:
	// level=INFO msg=login user=bob password=[REDACTED]
	// level=ERROR msg="query failed" err="dial postgres://[REDACTED]@db/orders: timeout"
	// level=INFO msg=charge card=[REDACTED] token_count=3
}

// New combines presets with rules of your own.
func ExampleNew() {
	r, err := redact.New(
		redact.Credentials,
		redact.Rule{Name: "billing", Paths: []string{"billing.*.holder"}, Terms: []string{"tenant key"}},
		redact.Rule{Allow: []string{"password_policy"}},
	)
	if err != nil {
		panic(err)
	}
	s, _ := r.String("retry with password=hunter2 and https://u:p@example.com/x")
	os.Stdout.WriteString(s + "\n")
	// Output:
	// retry with password=[REDACTED] and https://[REDACTED]@example.com/x
}
