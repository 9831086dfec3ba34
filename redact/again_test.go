package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestRedactedAgainAfterSchemeWord: an auth scheme word ("token", "bearer",
// "basic") ends a name before a flag whose value was masked (aws ssm
// put-parameter --name …/token --value=…); redacting the redacted text
// again masks nothing more, and the flag's name stays.
func TestRedactedAgainAfterSchemeWord(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, c := range []struct{ in, secret string }{
		{"aws ssm put-parameter --name=/svc/ci/token --value=Qm4xT7pWz2Lk", "Qm4xT7pWz2Lk"},
		{"az keyvault secret set --vault-name kv1 --name ci-token --value=Vb8nR3sKq6Jd", "Vb8nR3sKq6Jd"},
		{"aws ssm put-parameter --name /prod/api/bearer --value=Hs5wE9cXv1Na --type SecureString", "Hs5wE9cXv1Na"},
	} {
		once, _ := r.String(c.in)
		if strings.Contains(once, c.secret) {
			t.Errorf("%q redacted to %q: the value is kept", c.in, once)
		}
		if twice, _ := r.String(once); twice != once {
			t.Errorf("%q: redacted %q, again %q", c.in, once, twice)
		}
	}
	// A credential after a scheme word is still masked, whatever it starts with.
	for _, s := range []string{"Authorization: Bearer --Zx8Qw2Er6Ty1Ui4Op", "token -Kd93Hs8Wq2Lm="} {
		if got, _ := r.String(s); got == s {
			t.Errorf("%q: nothing masked", s)
		}
	}
}
