package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestSystemPropertyTerms: a system property named for a secret and glued
// to -D or -P (Java, Gradle, Maven) is found by the prefilter from the
// property's name alone, at the start of the text, after other options
// (also long ones, --x), and as the last word; its value is masked.
func TestSystemPropertyTerms(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, tc := range []struct{ in, want string }{
		{"-Dsecret=Pq7Zx9Qw", "-Dsecret=[REDACTED]"},
		{"java -Dpasswd=Pq7Zx9Qw -jar app.jar", "java -Dpasswd=[REDACTED] -jar app.jar"},
		{"mvn --batch-mode -Dpsk=Pq7Zx9Qw deploy", "mvn --batch-mode -Dpsk=[REDACTED] deploy"},
		{"gradle --no-daemon --offline -Pauth=Pq7Zx9Qw", "gradle --no-daemon --offline -Pauth=[REDACTED]"},
		{"-Xmx2g -Dfile.encoding=UTF-8 -Dsigningkey=Pq7Zx9Qw", "-Xmx2g -Dfile.encoding=UTF-8 -Dsigningkey=[REDACTED]"},
		{"a-b -Dprivatekey=Pq7Zx9Qw", "a-b -Dprivatekey=[REDACTED]"},
		{"java -Dfile.encoding=UTF-8 -Xmx2g", "java -Dfile.encoding=UTF-8 -Xmx2g"},
		{"flags: -Dpasswd", "flags: -Dpasswd"},
	} {
		if got, _ := r.String(tc.in); got != tc.want {
			t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
