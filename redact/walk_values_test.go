package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

type cardInt int64
type cardUint uint64

// TestArgvValues: in a command line given as a slice, the element after a
// flag that names a secret is masked, and nothing else: not an empty
// value, not the element after a lone dash or after a flag that carries
// its value ("--password=x", masked as text), not the flag itself.
func TestArgvValues(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, tc := range []struct {
		in, want []string
	}{
		{[]string{"app", "--password", "s3cret", "-v"}, []string{"app", "--password", "[REDACTED]", "-v"}},
		{[]string{"app", "-token", "s3cret"}, []string{"app", "-token", "[REDACTED]"}},
		{[]string{"--password", ""}, nil},
		{[]string{"-", "s3cret"}, nil},
		{[]string{"--verbose", "s3cret"}, nil},
		{[]string{"app", "--password"}, nil},
		{[]string{"s3cret", "--password"}, nil},
		{[]string{"--password=s3cret", "next"}, []string{"--password=[REDACTED]", "next"}},
	} {
		out, changed := r.Attr(nil, slog.Any("argv", tc.in))
		require.Equal(t, tc.want != nil, changed, "%q", tc.in)
		if tc.want == nil {
			require.Equal(t, tc.in, out.Value.Any(), "%q", tc.in)
			continue
		}
		require.Equal(t, tc.want, out.Value.Any(), "%q", tc.in)
		anyIn := make([]any, len(tc.in))
		anyWant := make([]any, len(tc.want))
		for i := range tc.in {
			anyIn[i], anyWant[i] = tc.in[i], tc.want[i]
		}
		out, changed = r.Attr(nil, slog.Any("argv", anyIn))
		require.True(t, changed)
		require.Equal(t, anyWant, out.Value.Any(), "%q", tc.in)
	}
	for _, in := range [][]any{{"--password", ""}, {"-", "s3cret"}, {"app", "--password"}, {"--verbose", "s3cret"}} {
		out, changed := r.Attr(nil, slog.Any("argv", in))
		require.False(t, changed, "%q", in)
		require.Equal(t, in, out.Value.Any())
	}
}

// TestCardNumbersInValues: integers of any Go type inside maps and slices
// are masked when they are card numbers, and kept when negative, too short,
// or under a key that names another kind of number.
func TestCardNumbersInValues(t *testing.T) {
	r := redact.Must(redact.PCIDSS)
	const pan = 4111111111111111
	for _, tc := range []struct {
		name string
		v    any
		mask bool
	}{
		{"int", int(pan), true},
		{"int64", int64(pan), true},
		{"uint", uint(pan), true},
		{"uint64", uint64(pan), true},
		{"named int64", cardInt(pan), true},
		{"named uint64", cardUint(pan), true},
		{"negative int", int(-pan), false},
		{"negative int64", int64(-pan), false},
		{"negative named", cardInt(-pan), false},
		{"int32", int32(2147483647), false},
		{"not Luhn-valid", int64(pan + 1), false},
		{"float", float64(pan), true}, // a JSON number decoded into any: written with all its digits
		{"fractional float", float64(pan) + 0.5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, changed := r.Attr(nil, slog.Any("m", map[string]any{"n": tc.v}))
			require.Equal(t, tc.mask, changed)
			if tc.mask {
				require.Equal(t, map[string]any{"n": "[REDACTED]"}, out.Value.Any())
			} else {
				require.Equal(t, map[string]any{"n": tc.v}, out.Value.Any())
			}
			out, changed = r.Attr(nil, slog.Any("s", []any{tc.v}))
			require.Equal(t, tc.mask, changed)
			// Under a key that names an id or a timestamp, never.
			_, changed = r.Attr(nil, slog.Any("m", map[string]any{"order_id": tc.v}))
			require.False(t, changed)
		})
	}
}
