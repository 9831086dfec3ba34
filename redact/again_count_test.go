package redact_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// TestRedactedTextNotCountedAgain: String on text it redacted before
// reports no change and counts nothing, for each kind of search (key
// pairs, URL credentials, headers, detectors, card numbers); the first
// redaction counts at least once per masked value.
func TestRedactedTextNotCountedAgain(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.PCIDSS, redact.GDPR)
	for _, s := range []string{
		"client_secret=Zephyr-Cobalt-71 retry=3",
		"mysql://reporter:Fennel.Pod.9@replica:3306/stats",
		"Proxy-Authorization: Basic cmVwb3J0ZXI6cHctNzcxMg==",
		"X-Api-Key: glpat-Ab3dE5gH7jK9mN1pQ3sT now rejected",
		"paid with 5500 0055 5555 5559 at 10:42",
		`{"user":"ines","pwd":"quill-Harbor-38"}`,
	} {
		before := r.Total()
		once, changed := r.String(s)
		require.True(t, changed, s)
		require.NotEqual(t, s, once)
		require.Greater(t, r.Total(), before, "%q: the first redaction is counted", s)
		counted := r.Total()
		twice, changed := r.String(once)
		require.Equal(t, once, twice, s)
		require.False(t, changed, "%q: redacting %q again reports a change", s, once)
		require.Equal(t, counted, r.Total(), "%q: redacting %q again counts", s, once)
	}
}
