package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// pairCase is one input of the pair rules and the exact text the redactor
// writes for it.
type pairCase struct {
	in, want string
}

// requirePairs runs every case through r and checks the exact output, and
// that the redactor reports a change exactly when the output differs.
func requirePairs(t *testing.T, r *redact.Redactor, cases []pairCase) {
	t.Helper()
	for _, c := range cases {
		got, masked := r.String(c.in)
		require.Equal(t, c.want, got, "%q", c.in)
		require.Equal(t, c.want != c.in, masked, "%q", c.in)
	}
}

// TestPairsVaultLines: an Ansible Vault value is masked whole in the
// layout Ansible writes, the header on the line after "!vault |" and the
// ciphertext in hex lines under it; the next key after it stays in clear,
// even when its name is made of hex letters.
func TestPairsVaultLines(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	requirePairs(t, r, []pairCase{
		{"password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n  6364\nnext: 1", "password: [REDACTED]\nnext: 1"},
		{"password: !vault |\r\n  $ANSIBLE_VAULT;1.1;AES256\r\n  6162\r\n  6364\r\nnext: 1", "password: [REDACTED]\r\nnext: 1"},
		{"password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\n  6364\ndb: mydb", "password: [REDACTED]\ndb: mydb"},
		{"password: !vault | $ANSIBLE_VAULT;1.1;AES256 6162 6364 db=mydb", "password: [REDACTED] db=mydb"},
		// A tag with no header after it, on its line or the next: the tag
		// alone is the value.
		{"password: !vault |\nnext: 1", "password: [REDACTED]\nnext: 1"},
		{"password: !vault\n\nnext: 1", "password: [REDACTED]\n\nnext: 1"},
	})
}
