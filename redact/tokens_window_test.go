package redact_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// TestLongTokenMaskedWhole: a token whose body runs past the window in
// which catalog bodies are read first (a base64 private key of several KB)
// is masked whole, in any placement.
func TestLongTokenMaskedWhole(t *testing.T) {
	var pem strings.Builder
	pem.WriteString("-----BEGIN RSA PRIVATE KEY-----\n")
	for i := 0; i < 90; i++ {
		pem.WriteString(base64.StdEncoding.EncodeToString([]byte(strings.Repeat(string(rune('a'+i%26)), 48))) + "\n")
	}
	pem.WriteString("-----END RSA PRIVATE KEY-----\n")
	blob := base64.StdEncoding.EncodeToString([]byte(pem.String()))
	require.Greater(t, len(blob), 4096)
	r := redact.Must(redact.Credentials)
	for _, s := range []string{blob, "deploy key " + blob + " rotated", `{"k":"` + blob + `"}`} {
		out, changed := r.String(s)
		require.True(t, changed)
		require.NotContains(t, out, blob[len(blob)-64:], "the end of the key leaked")
		require.NotContains(t, out, blob[2100:2164], "the middle of the key leaked")
	}
}

// TestLongTokenAfterManyLongRuns: after more long runs that match a
// catalog prefix in the window but not whole than the search matches
// again, a long token is still masked to its end, and the search stays
// linear (the runs are masked, not searched again).
func TestLongTokenAfterManyLongRuns(t *testing.T) {
	var pem strings.Builder
	pem.WriteString("-----BEGIN RSA PRIVATE KEY-----\n")
	for i := 0; i < 90; i++ {
		pem.WriteString(base64.StdEncoding.EncodeToString([]byte(strings.Repeat(string(rune('k'+i%9)), 48))) + "\n")
	}
	blob := base64.StdEncoding.EncodeToString([]byte(pem.String()))
	var b strings.Builder
	for i := 0; i < 40; i++ {
		b.WriteString(strings.Repeat("-0.Ab1", 500) + "/ ")
	}
	b.WriteString("key " + blob + " end")
	out, changed := redact.Must(redact.Credentials).String(b.String())
	require.True(t, changed)
	require.NotContains(t, out, blob[len(blob)-64:], "the end of the key leaked")
	require.True(t, strings.HasSuffix(out, " end"))
}
