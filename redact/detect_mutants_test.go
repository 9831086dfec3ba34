package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestDetectorEdgesAfterTheHost: what follows the host of a DSN and the
// domain of an e-mail address decides whether they are one.
func TestDetectorEdgesAfterTheHost(t *testing.T) {
	for _, tc := range []struct {
		d        redact.Detector
		in, want string
	}{
		// A DSN needs a host before ":port" (or tcp(…), unix(…), "/").
		{redact.DetectDSN, "user:pass@:5432/db", "user:pass@:5432/db"},
		{redact.DetectDSN, "user:pass@-:5432/db", "[REDACTED]@-:5432/db"},
		// The port is the byte after the colon, not the last of the host.
		{redact.DetectDSN, "user:pass@db1:x", "user:pass@db1:x"},
		{redact.DetectDSN, "user:pass@db1:5/x", "[REDACTED]@db1:5/x"},
		// An e-mail address followed by a colon: a port or the end of a
		// phrase ("…com: hi") keep it an address; a path makes it an SSH remote.
		{redact.DetectEmail, "mail bob@example.com: hi", "mail [REDACTED]: hi"},
		{redact.DetectEmail, "bob@example.com:25", "[REDACTED]:25"},
		{redact.DetectEmail, "bob@example.com:x", "bob@example.com:x"},
		{redact.DetectEmail, "bob@example.com:", "[REDACTED]:"},
	} {
		got, masked := only(tc.d).String(tc.in)
		require.Equal(t, tc.want, got, "%s: %q", tc.d.Name, tc.in)
		require.Equal(t, tc.want != tc.in, masked, "%s: %q", tc.d.Name, tc.in)
	}
}
