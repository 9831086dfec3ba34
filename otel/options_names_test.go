package otel_test

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/exporters/stdout/stdoutlog"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// An invalid option is named as the caller wrote it: a local-handler
// field under Options.Core, Level as this package's own.
func TestOptionErrorsNameTheCallersField(t *testing.T) {
	exp, err := stdoutlog.New(stdoutlog.WithWriter(io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	var nilVar *slog.LevelVar
	_, err = otel.New(io.Discard, &otel.Options{
		Exporter: exp,
		Level:    nilVar,
		Core:     &slogcore.Options{QueueSize: -1, Overflow: 99},
	})
	if err == nil {
		t.Fatal("invalid options accepted")
	}
	msg := err.Error()
	for _, want := range []string{"otel: Options.Core.QueueSize is -1", "otel: Options.Core.Overflow", "otel: Options.Level is a nil"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error does not say %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "slogcore: Options.") {
		t.Errorf("the error names slogcore's fields:\n%s", msg)
	}
}
