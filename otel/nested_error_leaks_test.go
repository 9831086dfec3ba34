package otel_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/otel"
)

// denial is an error whose data (which a JSON output writes) holds a
// secret that its text does not show.
type denial struct {
	Account string
	APIKey  string
}

func (d denial) Error() string { return "request denied" }

// formErrors is an error that is a map.
type formErrors map[string]string

func (f formErrors) Error() string { return "form rejected" }

// TestNestedErrorDataRedactedOnBothSides: an error inside a slice, map or
// struct is written locally as its data and exported as its text; neither
// may carry the secret, in attrs, groups or With attrs.
func TestNestedErrorDataRedactedOnBothSides(t *testing.T) {
	cases := []struct {
		name   string
		value  any
		secret string
	}{
		{"struct error in a slice", []error{denial{Account: "acct-7", APIKey: "Sable-Kite-4410"}}, "Sable-Kite-4410"},
		{"map error in a map", map[string]any{"form": formErrors{"new_password": "Crimson.Oar.58"}}, "Crimson.Oar.58"},
		{"error in a struct field", struct{ Last error }{denial{APIKey: "Nimbus_Gale_872"}}, "Nimbus_Gale_872"},
	}
	for _, tc := range cases {
		for _, mode := range []string{"attr", "group", "with"} {
			t.Run(tc.name+"/"+mode, func(t *testing.T) {
				exp := &memExporter{}
				var local bytes.Buffer
				h, err := otel.New(&local, &otel.Options{Exporter: exp})
				require.NoError(t, err)
				l := slog.New(h)
				switch mode {
				case "group":
					l.Warn("upstream", slog.Group("call", "cause", tc.value))
				case "with":
					l.With("cause", tc.value).Warn("upstream")
				default:
					l.Warn("upstream", "cause", tc.value)
				}
				require.NoError(t, h.Close(context.Background()))
				require.NotContains(t, local.String(), tc.secret)
				require.Contains(t, local.String(), "[REDACTED]")
				require.Len(t, exp.Records(), 1)
				require.NotContains(t, exported(exp), tc.secret)
			})
		}
	}
}

// shiftingConfig renders itself as clean JSON once, then with a secret.
type shiftingConfig struct{ asked atomic.Int32 }

func (c *shiftingConfig) MarshalJSON() ([]byte, error) {
	if c.asked.Add(1) == 1 {
		return []byte(`{"region":"eu"}`), nil
	}
	return []byte(`{"region":"eu","dsn":"` + secondAnswer + `"}`), nil
}

// TestNestedChangingValueRedactedLocally: a value that renders itself,
// inside a map or slice, is asked by redaction and again by the local
// output; the second answer must not reach the local output unredacted.
func TestNestedChangingValueRedactedLocally(t *testing.T) {
	for name, v := range map[string]func() any{
		"in a map":   func() any { return map[string]any{"cfg": &shiftingConfig{}} },
		"in a slice": func() any { return []any{1, &shiftingConfig{}} },
	} {
		t.Run(name, func(t *testing.T) {
			exp := &memExporter{}
			var local bytes.Buffer
			h, err := otel.New(&local, &otel.Options{Exporter: exp})
			require.NoError(t, err)
			slog.New(h).Info("reload", "v", v())
			require.NoError(t, h.Close(context.Background()))
			require.Contains(t, local.String(), `"msg":"reload"`)
			require.NotContains(t, local.String(), "Vd82nQxT4kLp")
			require.NotContains(t, exported(exp), "Vd82nQxT4kLp")
		})
	}
}
