package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// requirePersonal checks each case as requireSpelled does (slogcore and
// the middleware; attr, message and error), and each case with a secret
// through every deployment of runModes too (New, Wrap, the middleware
// over JSON and text, and a slog-multi Fanout whose other handler keeps
// the original).
func requirePersonal(t *testing.T, rules []redact.Rule, cases []spelledCase) {
	t.Helper()
	requireSpelled(t, rules, cases)
	for _, tc := range cases {
		if tc.secret == "" {
			continue
		}
		for mode, out := range runModes(t, rules, logTextEveryWay(tc.text)) {
			for _, b := range out.redacted {
				require.NotContains(t, b.String(), tc.secret, "%s leaked %q", mode, tc.text)
				require.Contains(t, b.String(), redact.DefaultMask, "%s: %q", mode, tc.text)
			}
			if out.original != nil {
				require.True(t, strings.Contains(out.original.String(), tc.secret), "%s: the Fanout sibling lost %q", mode, tc.secret)
			}
		}
	}
}
