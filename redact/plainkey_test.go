package redact_test

import (
	"log/slog"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
)

// PlainKey agrees with Scalar: a key it calls plain is written as it is and
// no value under it is masked, but for integers when it says they still
// need Scalar; a key it does not call plain has a value Scalar masks or a
// key Scalar replaces.
func TestPlainKeyAgreesWithScalar(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR,
		redact.Rule{Name: "headers", Paths: []string{"http.headers.*"}})
	keys := []string{"status", "method", "password", "client_secret", "token_count", "X-Api",
		"user@example.com", "card_number", "location", "msisdn", "trace_id", "pin", "ip", ""}
	groupPaths := [][]string{nil, {"http"}, {"http", "headers"}, {"billing"}}
	values := []slog.Value{slog.StringValue("some-value-123"), slog.StringValue(""), slog.IntValue(42),
		slog.Int64Value(4111111111111111), slog.Uint64Value(5500000000000004), slog.BoolValue(true),
		slog.Float64Value(1.5), slog.DurationValue(time.Second), slog.TimeValue(time.Unix(0, 0))}
	for _, groups := range groupPaths {
		for _, key := range keys {
			plain, ints := r.PlainKey(groups, key)
			masksSome := false
			for _, v := range values {
				out, mask := r.Scalar(groups, key, v)
				isInt := v.Kind() == slog.KindInt64 || v.Kind() == slog.KindUint64
				if plain && !(isInt && ints) && (out != key || mask) {
					t.Errorf("PlainKey(%q, %q) = plain, but Scalar(%v) = %q, %v", groups, key, v, out, mask)
				}
				masksSome = masksSome || mask || out != key
			}
			if !plain && !masksSome {
				t.Errorf("PlainKey(%q, %q) = not plain, but Scalar masks no value", groups, key)
			}
		}
	}
	if plain, _ := redact.Disabled.PlainKey(nil, "password"); !plain {
		t.Error("Disabled.PlainKey(password) = not plain")
	}
}
