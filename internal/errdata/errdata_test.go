package errdata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

type refusal struct{ Reason, Ticket string }

func (e refusal) Error() string { return "refused" }

type marshalledErr struct{ Hidden string }

func (e marshalledErr) Error() string                { return "m" }
func (e marshalledErr) MarshalJSON() ([]byte, error) { return []byte(`"m"`), nil }

type textOnly struct{ V string }

type ptrText struct{ V string }

func (p *ptrText) MarshalText() ([]byte, error) { return []byte("p"), nil }

var epoch = time.Unix(0, 0)

func (t textOnly) MarshalText() ([]byte, error) { return []byte("t"), nil }

func TestHolds(t *testing.T) {
	type node struct {
		Next *node
		Err  error
	}
	cyclic := &node{}
	cyclic.Next = cyclic
	cases := []struct {
		name string
		x    any
		want bool
	}{
		{"nil", nil, false},
		{"an error itself", refusal{}, false},
		{"scalars", []int{4, 5}, false},
		{"strings", map[string]string{"k": "v"}, false},
		{"nil interface field", struct{ Err error }{}, false},
		{"error field", struct{ Err error }{refusal{}}, true},
		{"unexported field", struct{ err error }{refusal{}}, false},
		{"field tagged -", struct {
			Err error `json:"-"`
		}{refusal{}}, false},
		{"error in []any", []any{1, refusal{}}, true},
		{"error in a map value", map[string]any{"a": "b", "c": &refusal{}}, true},
		{"error as a map key", map[refusal]int{{}: 1}, true},
		{"a json.Marshaler error", []error{marshalledErr{}}, true},
		{"a TextMarshaler", []any{textOnly{}}, true},
		{"a pointer-method marshaler, addressable", []ptrText{{}}, true},
		{"a time", map[string]any{"at": time.Unix(7, 0)}, false},
		{"a time pointer", struct{ At *time.Time }{&epoch}, false},
		{"raw JSON", []any{json.RawMessage(`{"a":1}`)}, false},
		{"an address", map[string]any{"ip": netip.MustParseAddr("192.0.2.1"), "mac": net.HardwareAddr{1, 2, 3, 4, 5, 6}}, false},
		{"a cycle, too deep to search", cyclic, true},
		{"fmt wrapper", []error{fmt.Errorf("x: %w", refusal{})}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, Holds(tc.x, Errors|SelfRendering))
		})
	}
}

// TestHoldsSelects: the search finds only the kind asked for.
func TestHoldsSelects(t *testing.T) {
	errs := []error{refusal{}}
	marshalers := []any{textOnly{}}
	require.True(t, Holds(errs, Errors))
	require.False(t, Holds(errs, SelfRendering))
	require.True(t, Holds(marshalers, SelfRendering))
	require.False(t, Holds(marshalers, Errors))
	require.True(t, Holds([]any{marshalledErr{}}, Errors), "an error that marshals itself is printed as its text by fmt")
}

func TestRenderRedactsBoth(t *testing.T) {
	r := redact.Must(redact.Credentials)
	v := Render(r, []any{refusal{Reason: "no", Ticket: "x"}, map[string]string{"secret": "Lilac-Drum-303"}, "<&>"})
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "v", v)
	var line map[string]any
	require.NoError(t, json.Unmarshal(buf.Bytes(), &line))
	require.NotContains(t, buf.String(), "Lilac-Drum-303")
	require.Contains(t, buf.String(), `"<&>"`, "no HTML escaping, as slog.JSONHandler")
	require.NotContains(t, fmt.Sprintf("%+v", v), "Lilac-Drum-303")
	require.Contains(t, fmt.Sprintf("%+v", v), "refused")
}

func TestSealLeavesOthers(t *testing.T) {
	r := redact.Must(redact.Credentials)
	plain := slog.Group("g", slog.String("a", "b"), slog.Any("e", refusal{}))
	require.False(t, Needs(plain, Errors))
	require.Equal(t, plain, Seal(r, plain, Errors))
	nested := slog.Group("g", slog.String("a", "b"), slog.Any("es", []error{refusal{Ticket: "T-1"}}))
	require.True(t, Needs(nested, Errors))
	sealed := Seal(r, nested, Errors)
	require.IsType(t, Rendered{}, sealed.Value.Group()[1].Value.Any())
	require.Equal(t, "b", sealed.Value.Group()[0].Value.String())
	require.IsType(t, []error{}, nested.Value.Group()[1].Value.Any(), "the caller's group is not changed")
}
