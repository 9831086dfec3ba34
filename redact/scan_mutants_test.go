package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestLongStringsAreScanned: strings longer than the clean-string cache
// keeps (256 bytes) are scanned every time, clean or not, and come out the
// same the second time.
func TestLongStringsAreScanned(t *testing.T) {
	r := redact.Must(redact.Credentials)
	long := strings.Repeat("GET /api/v1/orders ", 20) // 380 bytes, nothing to mask
	for _, tc := range []struct {
		in, want string
	}{
		{long, long},
		{long[:256], long[:256]},
		{long[:257], long[:257]},
		{long + "password=hunter2", long + "password=[REDACTED]"},
		{"password=hunter2 " + long, "password=[REDACTED] " + long},
	} {
		for range 3 { // the first sight, the second (a short string is remembered then), and after
			got, masked := r.String(tc.in)
			require.Equal(t, tc.want, got)
			require.Equal(t, tc.want != tc.in, masked)
		}
	}
}
