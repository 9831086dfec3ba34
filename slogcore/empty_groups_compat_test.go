package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// vanishing is a LogValuer whose value is an empty group.
type vanishing struct{}

func (vanishing) LogValue() slog.Value { return slog.GroupValue() }

// TestEmptyGroupMembersCompat checks that a group whose member becomes an
// empty group only when written (a LogValuer, ReplaceAttr) is written as
// slog.JSONHandler writes it: as {}, and under the groups of WithGroup.
func TestEmptyGroupMembersCompat(t *testing.T) {
	toEmpty := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == "gone" {
			return slog.Group("also-gone")
		}
		return a
	}
	cases := []struct {
		name    string
		replace func([]string, slog.Attr) slog.Attr
		derive  func(slog.Handler) slog.Handler
		attrs   []slog.Attr
	}{
		{name: "member of a group",
			attrs: []slog.Attr{slog.Group("req", slog.Any("hdrs", vanishing{})), slog.Int("n", 4)}},
		{name: "inline member of a group",
			attrs: []slog.Attr{slog.Group("req", slog.Any("", vanishing{}))}},
		{name: "only record attr under WithGroup",
			derive: func(h slog.Handler) slog.Handler { return h.WithGroup("svc") },
			attrs:  []slog.Attr{slog.Any("hdrs", vanishing{})}},
		{name: "WithAttrs under WithGroup",
			derive: func(h slog.Handler) slog.Handler {
				return h.WithGroup("svc").WithAttrs([]slog.Attr{slog.Any("hdrs", vanishing{})})
			}},
		{name: "WithAttrs group member",
			derive: func(h slog.Handler) slog.Handler {
				return h.WithAttrs([]slog.Attr{slog.Group("conn", slog.Any("tls", vanishing{}))})
			}},
		{name: "ReplaceAttr empties a group member", replace: toEmpty,
			attrs: []slog.Attr{slog.Group("job", slog.Int("gone", 9)), slog.Bool("ok", true)}},
		{name: "ReplaceAttr empties the only record attr under WithGroup", replace: toEmpty,
			derive: func(h slog.Handler) slog.Handler { return h.WithGroup("svc") },
			attrs:  []slog.Attr{slog.String("gone", "x")}},
	}
	for _, tc := range cases {
		for _, mode := range []string{"New", "New redacting", "Async", "Async redacting"} {
			async := mode == "Async" || mode == "Async redacting"
			redacting := mode == "New redacting" || mode == "Async redacting"
			if async && tc.replace != nil {
				continue
			}
			t.Run(tc.name+"/"+mode, func(t *testing.T) {
				var want, got bytes.Buffer
				hopts := &slog.HandlerOptions{ReplaceAttr: tc.replace}
				ref := slog.Handler(slog.NewJSONHandler(&want, hopts))
				opts := &Options{ReplaceAttr: tc.replace, Redact: NoRedaction}
				if redacting {
					opts.Redact = nil
				}
				var h *Handler
				if async {
					h = Async(slog.NewJSONHandler(&got, hopts), opts)
				} else {
					h = New(&got, opts)
				}
				ours := slog.Handler(h)
				if tc.derive != nil {
					ref, ours = tc.derive(ref), tc.derive(ours)
				}
				r := record("m", tc.attrs...)
				require.NoError(t, ref.Handle(context.Background(), r))
				require.NoError(t, ours.Handle(context.Background(), r))
				require.NoError(t, h.Close(context.Background()))
				require.Contains(t, want.String(), "{}", "the case no longer makes slog write an empty object")
				require.Equal(t, want.String(), got.String())
			})
		}
	}
}
