package redact_test

import "testing"

// TestANSICQuotedArgumentsMasked: bash's set -x writes an argument that
// holds a tab, a newline or a quote as $'…' with backslash escapes; the
// secret it holds is masked up to the closing quote, escapes and all.
func TestANSICQuotedArgumentsMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"attached -p with a tab", `+ mysql -u deploy $'-pWalnut\tHarbor' billing`,
			[]string{"Walnut", "Harbor"}, []string{"+ mysql -u deploy $'-p", "' billing"}},
		{"attached -p with a space", `+ mysql -u deploy $'-pWalnut Harbor' billing`,
			[]string{"Walnut", "Harbor"}, []string{"+ mysql -u deploy $'-p", "' billing"}},
		{"long flag with a newline", `+ pg_dump $'--password=Quartz\nLily' appdb`,
			[]string{"Quartz", "Lily"}, []string{"+ pg_dump $'--password=", "' appdb"}},
		{"long flag with an escaped quote", `+ deploy $'--token=Otter\'s Den 4' --env prod`,
			[]string{"Otter", "Den 4"}, []string{"+ deploy $'--token=", "' --env prod"}},
		{"user and password with a tab", `+ app $'pass:Raven\tStone' --verbose`,
			[]string{"Raven", "Stone"}, []string{"+ app $'pass:", "' --verbose"}},
		{"separate argument after a lone -p", `+ mysql -u deploy -p $'Walnut\tHarbor' billing`,
			[]string{"Walnut", "Harbor"}, []string{"+ mysql -u deploy -p ", " billing"}},
		{"separate argument after a long flag", `+ app --password $'Maple\tRiver' --x`,
			[]string{"Maple", "River"}, []string{"+ app --password ", " --x"}},
	})
}

// TestANSICQuotedArgumentsKept: $'…' arguments that hold no secret.
func TestANSICQuotedArgumentsKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		`+ printf $'%s\n' password`,
		`+ app $'--name=two\twords' --token-file=/run/token`,
		`+ grep $'-pattern\tx' file.log`,
		`+ mysql -u deploy -p $'billing' reports`,
		`+ awk -F $'\t' '{print $2}' users.tsv`,
	})
}
