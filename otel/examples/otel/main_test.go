package main

import (
	"strings"
	"testing"
)

// TestExample runs the example: the collector gets every record, redacted,
// with its trace id, and the accounting balances.
func TestExample(t *testing.T) {
	var out strings.Builder
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, secret := range []string{"hunter2", "AKIAIOSFODNN7EXAMPLE", "s3cret", "tok-42"} {
		if strings.Contains(got, secret) {
			t.Errorf("output contains %q:\n%s", secret, got)
		}
	}
	for _, want := range []string{
		`INFO (9) "user logged in" trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7`,
		`WARN (13) "slow upstream"`,
		`ERROR (17) "query failed"`,
		`password = "[REDACTED]"`,
		`exception.message = "dial postgres://[REDACTED]@db:5432: connection refused"`,
		"otel: 3 emitted, 3 exported, 0 dropped, 0 failed, 0 pending",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}
