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

// TestRedactedAgainNamedElement: an element named for a secret by an
// attribute (<setting name="…Token…"><value>…</value>) has its text
// masked; a word in the name that reads as the value of a pair is
// left alone the first time, and so the second time too.
func TestRedactedAgainNamedElement(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, c := range []struct{ in, secret string }{
		{`<setting name="Token 7f3a91c2" serializeAs="String"><value>Gy7uKp2Lx9qW</value></setting>`, "Gy7uKp2Lx9qW"},
		{`<add name="ApiToken 20261201A" type="x"><value>Rt5mZq8Wn3Vb</value></add>`, "Rt5mZq8Wn3Vb"},
	} {
		once, _ := r.String(c.in)
		if strings.Contains(once, c.secret) {
			t.Errorf("%q redacted to %q: the value is kept", c.in, once)
		}
		if twice, _ := r.String(once); twice != once {
			t.Errorf("%q: redacted %q, again %q", c.in, once, twice)
		}
	}
}

// TestQuotedKeyOpeningTheText: a quoted word at the very start of a text,
// before a comma, is read as a call's argument only when a call is there
// (the search for a key given as a later argument looked before the
// text's first byte and panicked, which masked the whole text).
func TestQuotedKeyOpeningTheText(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, s := range []string{`"token", "x"`, `'password' , 1`, `0] ,`, `x] ,`, `"secret",`, `'key',`} {
		if got, _ := r.String(s); got == redact.DefaultMask {
			t.Errorf("%q redacted to %q: the whole text is masked", s, got)
		}
	}
	if _, panics := r.Counters(); panics != 0 {
		t.Errorf("a search panicked %d times", panics)
	}
}

// TestRedactedAgainWhomLabel: a word that names whom a password is for,
// with its colon, after "password as/is" (password as host: …) is a label:
// it is not masked as the password, so that a second redaction does not
// read the mask as the end of an announcement and mask the name after it.
// A password after "is" is still masked.
func TestRedactedAgainWhomLabel(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, s := range []string{
		"temporary password created as host: db-primary-01",
		"initial password generated as user: svc_backup",
		"the new password is account: ops-team",
	} {
		once, _ := r.String(s)
		if twice, _ := r.String(once); twice != once {
			t.Errorf("%q: redacted %q, again %q", s, once, twice)
		}
	}
	if got, _ := r.String("the new password is Xk9vQ2pL7w"); strings.Contains(got, "Xk9vQ2pL7w") {
		t.Errorf("the password after is is kept: %q", got)
	}
}
