package redact_test

import "testing"

// TestShellTraceQuotingMasked: a password as bash's set -x writes a
// command line: an argument with spaces quoted whole ('-pTulip Garden',
// '--password=two words'), a value with a tab or a control in ANSI-C
// quotes ($'…').
func TestShellTraceQuotingMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"ansi-c assignment", "+ PGPASSWORD=$'Wk4\\tLz8Qp' pg_dump -h pg-3 ledger",
			[]string{"Wk4", "Lz8Qp"}, []string{"+ PGPASSWORD=$'", "' pg_dump -h pg-3 ledger"}},
		{"ansi-c user flag", "+ curl -sS -u $'deploy:Rj7 Nc2\\tVx' https://ci.example.org/hook",
			[]string{"Rj7", "Nc2", "Vx'"}, []string{"+ curl -sS -u ", " https://ci.example.org/hook"}},
		{"quoted attached p", "+ mysql -h pg-3 -u etl '-pBlue Harbor 42' ledger",
			[]string{"Blue", "Harbor 42"}, []string{"+ mysql -h pg-3 -u etl '-p", "' ledger"}},
		{"quoted flag equals", "+ vaultctl '--password=Amber Kettle 9' --addr https://vault.example.org",
			[]string{"Amber", "Kettle 9"}, []string{"+ vaultctl '--password=", "' --addr https://vault.example.org"}},
		{"openssl pass source", "+ openssl pkcs12 -export -passout 'pass:Rain On Tin 5' -out bundle.p12",
			[]string{"Rain", "On Tin 5"}, []string{"+ openssl pkcs12 -export -passout 'pass:", "' -out bundle.p12"}},
		{"list element flag equals", `argv=["worker", "--api-key=seven quiet otters", "--region=eu"]`,
			[]string{"seven", "quiet otters"}, []string{"--api-key=", "--region=eu"}},
	})
}

// TestShellTraceQuotingLookalikesKept: the same quoting around values
// that are no secret.
func TestShellTraceQuotingLookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"+ echo $'hello\\tworld'",
		"+ printf $'%s\\n' done",
		"+ tool '--name=Quarterly Report' --out /tmp/r.pdf",
		"+ ls -la '-pMy Folder'",
		`argv=["worker", "--title=seven quiet otters"]`,
		"+ export GREETING=$'hi\\tthere'",
		"+ tool 'mode:fast and loose' --dry-run",
	})
}
