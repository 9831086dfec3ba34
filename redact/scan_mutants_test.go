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

// TestCountsPerDetector: each detector counts the spans it found itself,
// not those found before it in the same string.
func TestCountsPerDetector(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "pii", Detectors: []redact.Detector{redact.DetectEmail, redact.DetectPhone}})
	got, masked := r.String("bob@example.org, 415-555-2671 or ann@example.org, 212-555-0100")
	require.True(t, masked)
	require.Equal(t, "[REDACTED], [REDACTED] or [REDACTED], [REDACTED]", got)
	counts, panics := r.Counters()
	require.Equal(t, map[string]uint64{"email": 2, "phone": 2}, counts)
	require.Zero(t, panics)
	require.Equal(t, uint64(4), r.Total())
}

// TestPairRulesComeWithTerms: the key-value rules (and the -u flag of a
// command line) run only when some rule has terms; a Redactor of detectors
// alone masks what they find and nothing else.
func TestPairRulesComeWithTerms(t *testing.T) {
	for _, tc := range []struct {
		r        *redact.Redactor
		in, want string
	}{
		{only(redact.DetectEmail), "curl -u admin:s3cret https://x", "curl -u admin:s3cret https://x"},
		{only(redact.DetectEmail), "password=hunter2 bob@example.org", "password=hunter2 [REDACTED]"},
		{redact.Must(redact.Credentials), "curl -u admin:s3cret https://x", "curl -u [REDACTED] https://x"},
	} {
		got, _ := tc.r.String(tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
}

// TestPercentEncodedEdges guards the search of percent-encoded text: the
// first byte of the text may be an escape; each escape of the syntax that
// names a secret (a quote " or ', a colon, an equals sign) is enough on
// its own; "%%" does not end the search for escapes; a secret found only
// in the decoded text is masked whether a secret found in the text itself
// comes before or after it; and an escape cut off by the end of the text
// ("50%2") is read as text, not past the end.
func TestPercentEncodedEdges(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, tc := range []struct{ in, want string }{
		{"%22secret%22%3A%22Wq7-Lm2Zp%22", "%22secret%22%3A%22[REDACTED]%22"},
		{"where=%7B%22passwd%22:%22Wq7-Lm2Zp%22%7D", "where=%7B%22passwd%22:%22[REDACTED]%22%7D"},
		{"q=%27passwd%27:%27Wq7-Lm2Zp%27", "q=%27passwd%27:%27[REDACTED]%27"},
		{"q=%27passwd%27 : %27Wq7-Lm2Zp%27", "q=%27passwd%27 : %27[REDACTED]%27"},
		{"q=passwd%3AWq7-Lm2Zp", "q=passwd%3A[REDACTED]"},
		{"q=passwd%3aWq7-Lm2Zp", "q=passwd%3a[REDACTED]"},
		{"amqp://guest%3AWq7-Lm2Zp@mq:5672", "amqp://[REDACTED]@mq:5672"},
		{"load 7%% and passwd%3DWq7-Lm2Zp", "load 7%% and passwd%3D[REDACTED]"},
		{"a=passwd%3DWq7-Lm2Zp&b=ftp://ann:Kx8@files", "a=passwd%3D[REDACTED]&b=ftp://[REDACTED]@files"},
		{"ftp://ann:Kx8@files/?passwd%3DWq7-Lm2Zp", "ftp://[REDACTED]@files/?passwd%3D[REDACTED]"},
		{"done 50%2", "done 50%2"},
		{"up 5%3", "up 5%3"},
		{"near 5%4", "near 5%4"},
		{"k%3Dv at 50%2", "k%3Dv at 50%2"},
	} {
		got, _ := r.String(tc.in)
		require.Equal(t, tc.want, got, "in %q", tc.in)
	}
	_, panics := r.Counters()
	require.Zero(t, panics, "an escape cut off by the end of the text was read past it")
}
