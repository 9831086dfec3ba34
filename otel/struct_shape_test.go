package otel_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"

	"github.com/slogguard/slogguard/otel"
)

// plainOf converts an attribute value to what encoding/json decodes:
// maps, slices, strings, numbers, booleans, nil.
func plainOf(v attribute.Value) any {
	switch v.Type() {
	case attribute.MAP:
		m := map[string]any{}
		for _, kv := range v.AsMap() {
			m[string(kv.Key)] = plainOf(kv.Value)
		}
		return m
	case attribute.SLICE:
		out := []any{}
		for _, e := range v.AsSlice() {
			out = append(out, plainOf(e))
		}
		return out
	case attribute.STRINGSLICE:
		out := []any{}
		for _, s := range v.AsStringSlice() {
			out = append(out, s)
		}
		return out
	case attribute.INT64:
		return float64(v.AsInt64())
	case attribute.FLOAT64:
		return v.AsFloat64()
	case attribute.BOOL:
		return v.AsBool()
	case attribute.STRING:
		return v.AsString()
	case attribute.EMPTY:
		return nil
	}
	return fmt.Sprintf("unexpected %v: %s", v.Type(), v.String())
}

type vaultLogin struct {
	Role     string `json:"role"`
	Secret   string `json:"secret_id"`
	Attempts int    `json:"attempts"`
	Note     string `json:"note,omitempty"`
}

type mirrorSite struct {
	Host   string
	Weight float64
	Login  *vaultLogin
	Labels map[string]string
	skip   string // unexported: not written
}

// driftingDSN renders itself clean when redaction asks, then with a secret.
type driftingDSN struct{ asked atomic.Int32 }

func (d *driftingDSN) MarshalJSON() ([]byte, error) {
	if d.asked.Add(1) == 1 {
		return []byte(`{"host":"db-3"}`), nil
	}
	return []byte(`{"host":"db-3","password":"Quartz-Heron-61"}`), nil
}

// throttled is an error whose data holds what its text does not.
type throttled struct {
	Tenant string
	Token  string `json:"token"`
}

func (throttled) Error() string { return "throttled" }

// TestStructuredValuesExportedAsMaps: a struct, whether redaction changed
// it or not, reaches OpenTelemetry as a map whose members are those of
// the local JSON line (json tags, omitempty, masks and nesting included),
// never as a string or a list of member strings; in attrs, groups, With
// attrs, slices, maps and behind pointers.
func TestStructuredValuesExportedAsMaps(t *testing.T) {
	login := &vaultLogin{Role: "ci-runner", Secret: "6f1e0a55-9d3c-4be2-a1f7-2c9e8b7d0a44", Attempts: 3}
	cases := []struct {
		name    string
		value   any
		secrets []string // must not be exported
	}{
		{"struct redaction changed", *login, []string{login.Secret}},
		{"pointer to it", login, []string{login.Secret}},
		{"struct redaction left alone", vaultLogin{Role: "reader", Attempts: 1, Note: "cold start"}, nil},
		{"nested, changed deep down", mirrorSite{Host: "mirror-2.example", Weight: 0.25, Login: login,
			Labels: map[string]string{"zone": "b", "api_key": "k-77aa19bc"}, skip: "internal-only"}, []string{login.Secret, "k-77aa19bc", "internal-only"}},
		{"slice of structs", []vaultLogin{{Role: "a", Attempts: 2}, *login}, []string{login.Secret}},
		{"map of structs", map[string]any{"primary": *login, "count": 2}, []string{login.Secret}},
		{"renders itself differently", map[string]any{"dsn": &driftingDSN{}}, []string{"Quartz-Heron-61"}},
		{"error data in a struct", struct{ Cause error }{throttled{Tenant: "t-9", Token: "Slate_Fern_2291"}}, []string{"Slate_Fern_2291"}},
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
					l.Info("sync", slog.Group("job", "v", tc.value))
				case "with":
					l.With("v", tc.value).Info("sync")
				default:
					l.Info("sync", "v", tc.value)
				}
				require.NoError(t, h.Close(context.Background()))

				var line map[string]any
				require.NoError(t, json.Unmarshal(local.Bytes(), &line), local.String())
				want := line["v"]
				if mode == "group" {
					want = line["job"].(map[string]any)["v"]
				}

				recs := exp.Records()
				require.Len(t, recs, 1)
				var got attribute.Value
				recs[0].WalkAttributes(func(kv attribute.KeyValue) bool {
					switch {
					case kv.Key == "v":
						got = kv.Value
					case kv.Key == "job" && kv.Value.Type() == attribute.MAP:
						for _, m := range kv.Value.AsMap() {
							if m.Key == "v" {
								got = m.Value
							}
						}
					}
					return true
				})
				require.Equal(t, want, plainOf(got), "exported %s", got.String())
				for _, s := range tc.secrets {
					require.NotContains(t, local.String(), s)
					require.NotContains(t, exported(exp), s)
				}
				if len(tc.secrets) > 0 {
					require.True(t, strings.Contains(exported(exp), "[REDACTED]"), exported(exp))
				}
			})
		}
	}
}
