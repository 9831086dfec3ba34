package otel_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/redact"
)

// quotaError dereferences its receiver in Error, as most pointer errors do.
type quotaError struct{ limit int }

func (e *quotaError) Error() string { return "quota exceeded at " + string(rune('0'+e.limit%10)) }

// brittleError panics in Error whatever its receiver.
type brittleError struct{}

func (brittleError) Error() string { panic("Error is not ready") }

// TestOTelSideNeverLosesARecordUnseen: a value whose method panics when the
// OpenTelemetry side converts it (a typed nil error, an Error that panics),
// with redaction on or off, in an attr, a group, a With attr or a With
// group, never reaches the caller and never makes the record vanish from
// OpenTelemetry uncounted: it is exported or
// counted as failed (and reported to OnError); the local side writes it.
func TestOTelSideNeverLosesARecordUnseen(t *testing.T) {
	var nilQuota *quotaError
	values := map[string]any{
		"typed nil error":      nilQuota,
		"typed nil as error":   error(nilQuota),
		"Error that panics":    brittleError{},
		"typed nil in a slice": []error{nilQuota},
	}
	for _, redaction := range []string{"on", "off"} {
		for name, value := range values {
			for _, mode := range []string{"attr", "group", "with", "with group"} {
				t.Run(redaction+"/"+name+"/"+mode, func(t *testing.T) {
					exp := &memExporter{}
					var local bytes.Buffer
					var mu sync.Mutex
					var reported []string
					opts := &otel.Options{Exporter: exp, Batch: &otel.BatchOptions{OnError: func(err error) {
						mu.Lock()
						reported = append(reported, err.Error())
						mu.Unlock()
					}}}
					if redaction == "off" {
						opts.Redact = redact.Disabled
					}
					h, err := otel.New(&local, opts)
					require.NoError(t, err)
					l := slog.New(h)
					require.NotPanics(t, func() {
						switch mode {
						case "group":
							l.Warn("quota check", slog.Group("billing", "err", value))
						case "with":
							l.With("err", value).Warn("quota check")
						case "with group":
							l.With(slog.Group("billing", "err", value)).Warn("quota check")
						default:
							l.Warn("quota check", "err", value)
						}
					})
					require.NoError(t, h.Close(context.Background()))
					require.Contains(t, local.String(), "quota check")
					s := h.Stats().OTel
					require.EqualValues(t, 1, s.Emitted, "the record never reached the OpenTelemetry side's accounting")
					require.EqualValues(t, 1, s.Exported+s.Failed)
					require.Len(t, exp.Records(), int(s.Exported))
					mu.Lock()
					defer mu.Unlock()
					require.Len(t, reported, int(s.Failed))
					for _, r := range reported {
						require.True(t, strings.HasPrefix(r, `otel: the WARN record "quota check" `), r)
						require.Contains(t, r, "Error is not ready")
					}
					if name != "Error that panics" {
						require.EqualValues(t, 1, s.Exported, "a typed nil is exported as <nil>")
					}
				})
			}
		}
	}
}
