package redact_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// TestMarkedTokensAfterRepeats: the searches that reuse the previous walk
// (Azure client secrets after "Q~", Authress keys around ".acc_") still
// find a token after text that repeats their mark, and keep text that only
// repeats it.
func TestMarkedTokensAfterRepeats(t *testing.T) {
	r := redact.Must(redact.Credentials)
	azure := "xYz7Q~" + strings.Repeat("Kp4", 11)
	authress := "sc_mq8vz2kd.r7tw.acc_hv5ny6ub.Mq8Vz2KdR7tWhV5nY6uB0cX1eZ2fA3gH4iJ5kL6m"
	for _, tc := range []struct{ in, secret string }{
		{strings.Repeat("a1Q~", 40) + " " + azure, azure},
		{strings.Repeat("a1Q~", 40) + azure, ""},
		{strings.Repeat(".acc_", 40) + " " + authress, authress},
		{strings.Repeat("x.acc_", 30) + " and " + authress + " then " + strings.Repeat(".acc_", 10), authress},
	} {
		out, _ := r.String(tc.in)
		if tc.secret != "" {
			require.NotContains(t, out, tc.secret[len(tc.secret)-12:], tc.in)
			require.Contains(t, out, "[REDACTED]")
		}
	}
	for _, clean := range []string{strings.Repeat("a1Q~", 200), strings.Repeat(".acc_", 200)} {
		out, changed := r.String(clean)
		require.False(t, changed, "%.60q → %.60q", clean, out)
	}
}

// TestUserFlagValueMaskedWhole: a -u/--user value longer than the reach
// read before it is known to be masked is masked to its end; a repeated
// flag in one run is read as one value.
func TestUserFlagValueMaskedWhole(t *testing.T) {
	r := redact.Must(redact.Credentials)
	long := "svc:" + strings.Repeat("Zq8", 700)
	for _, s := range []string{"curl --user=" + long + " https://x.example", "curl -u " + long, "lftp -u bob," + strings.Repeat("Wv3", 500) + " ftp.example.com"} {
		out, changed := r.String(s)
		require.True(t, changed, s)
		require.NotContains(t, out, strings.Repeat("Zq8", 5), "the value's end leaked")
		require.NotContains(t, out, strings.Repeat("Wv3", 5), "the value's end leaked")
	}
	out, _ := r.String("curl " + strings.Repeat("--user=", 300) + "bob:S3cret-Pw")
	require.NotContains(t, out, "S3cret-Pw")
}
