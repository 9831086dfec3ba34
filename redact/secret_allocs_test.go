//go:build !race

package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// A string with a secret in it allocates for what is masked: the list of
// what was found (which grows when several searches find the same secret)
// and the masked copy. The searches that read the text around a secret
// (its key, the words before and after it, in any case) allocate nothing.
func TestSecretStringAllocs(t *testing.T) {
	t.Cleanup(redact.PrefilterCheckOff())
	r := redact.Must(redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR)
	for _, s := range []string{
		"POST /v2/charges took 31ms, token ghp_Qm4Lx9ZtW2pKr7Nc5Vb8Hs3Jd6Fg1Ae0Yu4I",
		"login rejected: Password=Wq8-zLk2pR for operator carol",
		"upstream mysql://svc:Rt7vQ2x@10.2.3.4:3306/ledger unreachable",
		"AUTHORIZATION: Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJjYXJvbCJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtb2s",
		"pushed API_KEY: AKIAZ7QW3ERT5YUI9OPL to the deploy box",
		"refund to 5500 0055 5555 5559 queued",
		"mail Carol.Ng@Example.COM re ssn 219-09-9999",
		"Mysql -u admin -pQz8WvT3r reports",
		`{"User":"carol","Passwd":"Vb7!kQ2m"}`,
		"Reset Password To Hy6$eR9w for dave",
		"curl -H 'Ocp-Apim-Subscription-Key: 0a1b2c3d4e5f60718293a4b5c6d7e8f9' https://api",
		"Token sk_live_9fK2mQ7xZ4pL8wR3tY6vB1nC rejected",
		"REDIS_PASSWORD=Mn3$vQ8zLp",
		"client_secret: Zx8vQ3pL7wR2tY9k sent to IdP",
		"PASSWORD CHANGED FROM Ab3dE6gH TO Kl9mN2pQ",
		"secret-name: db-credentials, Secret: Jk4Lm7Np2Q",
	} {
		var out string
		n := testing.AllocsPerRun(20, func() { out, _ = r.String(strings.Clone(s)) })
		if out == s {
			t.Errorf("%q: nothing masked", s)
		}
		if n > 5 { // strings.Clone's copy, the output, the list of spans grown twice
			t.Errorf("%q: %.0f allocations, want at most 5 (-> %q)", s, n, out)
		}
	}
}
