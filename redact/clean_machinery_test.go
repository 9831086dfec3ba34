package redact_test

import (
	"fmt"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestMachineryAroundSecretsKept: a term followed by a word that names
// the machinery around a secret (a rate limiter's token bucket, a secrets
// manager, secret scanning, OpenID Connect's auth_time), and a process's
// signal under "sig", are no secrets; the same keys with a secret's term
// after them still are.
func TestMachineryAroundSecretsKept(t *testing.T) {
	kept := []struct {
		key string
		val any
	}{
		{"token_bucket_capacity", 250},
		{"token_bucket", "tenant-api-limits"},
		{"secrets_manager", "aws"},
		{"secret_scanning", "enabled"},
		{"auth_time", 1718000000},
		{"sig", "SIGTERM"},
		{"sig", "SIGRTMIN+3"},
		{"sig", "terminated"},
	}
	for _, c := range kept {
		t.Run(fmt.Sprint(c.key, "=", c.val), func(t *testing.T) {
			log := func(l *slog.Logger) { l.Info("tick", c.key, c.val) }
			require.Equal(t, plainOutput(log), handlerOutput(t, nil, log))
		})
	}
	requireWholeKept(t, nil, []string{
		"token_bucket_capacity=250 refill=10/s",
		"worker 7 exited sig=SIGKILL status=137",
		"drain started on sig=SIGTERM",
	})
	masked := []struct{ key, val string }{
		{"token_bucket_secret", "Dh6Fj0Gk4Hl8"},
		{"secrets_manager_token", "Np3Qr7St1Uv5"},
		{"sig", "SIGNED0Wx4Yz8"},
		{"sig", "Bq5Cr9Ds3Et7Fu1Gv5"},
		{"X-Amz-Signature", "f1e2d3c4b5a69788796a5b4c3d2e1f00"},
	}
	for _, c := range masked {
		t.Run(c.key+"/masked", func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("tick", c.key, c.val) })
			require.NotContains(t, out, c.val)
			require.Contains(t, out, redact.DefaultMask)
		})
	}
	requireWholeCases(t, nil, []textCase{
		{"sig in a query", "GET /blob?sv=2022-11-02&sig=Hw2Jx6Ky0Lz4Ma8Nb2&se=2025-01-01", []string{"Hw2Jx6Ky0Lz4Ma8Nb2"}, []string{"se=2025-01-01"}},
	})
}
