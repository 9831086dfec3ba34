package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestLimitsMaskAtTheBoundary: with MaxDepth 2 and MaxNodes 5, a tree
// exactly at a limit passes unchanged and the first group or value past it
// is masked (and counted), never passed through.
func TestLimitsMaskAtTheBoundary(t *testing.T) {
	for _, tc := range []struct {
		name      string
		a         slog.Attr
		want      string
		changed   bool
		byCounter string
	}{
		{"groups at the depth limit", slog.Group("a", slog.Group("b", slog.String("x", "1"))), "a=[b=[x=1]]", false, ""},
		{"a group past the depth limit", slog.Group("a", slog.Group("b", slog.Group("c", slog.String("x", "1")))), "a=[b=[c=[REDACTED]]]", true, "depth-limit"},
		{"a map within the depth limit", slog.Any("m", map[string]any{"a": "v"}), "m=map[a:v]", false, ""},
		{"maps past the depth limit", slog.Any("m", map[string]any{"a": map[string]any{"b": map[string]any{"c": "v"}}}), "m=map[a:map[b:[REDACTED]]]", true, "depth-limit"},
		{"nodes at the limit", slog.Group("a", slog.String("1", "1"), slog.String("2", "2"), slog.String("3", "3"), slog.String("4", "4")),
			"a=[1=1 2=2 3=3 4=4]", false, ""},
		{"one node past the limit", slog.Group("a", slog.String("1", "1"), slog.String("2", "2"), slog.String("3", "3"), slog.String("4", "4"), slog.String("5", "5")),
			"a=[1=1 2=2 3=3 4=4 5=[REDACTED]]", true, "size-limit"},
		{"slice at the node limit", slog.Any("s", []any{"1", "2", "3", "4"}), "s=[1 2 3 4]", false, ""},
		{"slice past the node limit", slog.Any("s", []any{"1", "2", "3", "4", "5"}), "s=[1 2 3 4 [REDACTED]]", true, "size-limit"},
		{"strings at the node limit", slog.Any("s", []string{"1", "2", "3", "4"}), "s=[1 2 3 4]", false, ""},
		{"strings past the node limit", slog.Any("s", []string{"1", "2", "3", "4", "5"}), "s=[1 2 3 4 [REDACTED]]", true, "size-limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := redact.Must(redact.Rule{Name: "lim", Terms: []string{"password"}, MaxDepth: 2, MaxNodes: 5})
			out, changed := r.Attr(nil, tc.a)
			require.Equal(t, tc.want, out.String())
			require.Equal(t, tc.changed, changed)
			counts, _ := r.Counters()
			if tc.byCounter == "" {
				require.Empty(t, counts)
			} else {
				require.Positive(t, counts[tc.byCounter], "%v", counts)
			}
		})
	}
}
