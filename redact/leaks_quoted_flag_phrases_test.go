package redact_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// TestQuotedSecretFlagPhrasesMasked: a password of many words, quoted
// after a blank behind a flag that names a secret (or behind the -p of a
// command that takes a password there), is masked whole.
func TestQuotedSecretFlagPhrasesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"double dash single quotes", "exec: vaultctl login --password 'Amber Kettle Sings 12' --addr https://vault.example.com",
			[]string{"Amber", "Kettle Sings", "Sings 12"}, []string{"vaultctl login --password ", " --addr https://vault.example.com"}},
		{"double dash double quotes", `starting worker --api-key "violet lantern seven" --region eu-west-1`,
			[]string{"violet", "lantern seven"}, []string{"starting worker --api-key ", " --region eu-west-1"}},
		{"one dash", `influx -username ops -password "frozen river 31" -host 10.1.2.3`,
			[]string{"frozen", "river 31"}, []string{"influx -username ops -password ", " -host 10.1.2.3"}},
		{"secret flag two blanks", "deploy --client-secret  'pale moon rising' --env prod",
			[]string{"pale moon", "moon rising"}, []string{"deploy --client-secret ", " --env prod"}},
		{"mysql p quoted phrase", "mysql -h db2 -u report -p 'seven silver foxes' sales",
			[]string{"seven silver", "silver foxes"}, []string{"mysql -h db2 -u report -p ", " sales"}},
		{"mysql p double quoted", `mariadb -u admin -p "copper Gate 8"`,
			[]string{"copper Gate", "Gate 8"}, []string{"mariadb -u admin -p "}},
		{"docker login p phrase", "docker login -u ci-bot -p 'quiet harbour 5' registry.example.org",
			[]string{"quiet harbour"}, []string{"docker login -u ci-bot -p ", " registry.example.org"}},
		{"env assignment phrase", "PGPASSWORD='north wind 44' pg_dump -h db3 app",
			[]string{"north wind"}, []string{" pg_dump -h db3 app"}},
	})
}

// TestQuotedSecretFlagPhrasesBalanced: the mask takes the inside of the
// quotes, so both quotes stay and the text stays balanced.
func TestQuotedSecretFlagPhrasesBalanced(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"single", "app --passphrase 'Tin Roof Rusted 3' --verbose",
			[]string{"Tin", "Rusted"}, []string{"app --passphrase '" + redact.DefaultMask + "' --verbose"}},
		{"mysql", "mysql -u ro -p 'blue gravel 6' shop",
			[]string{"gravel"}, []string{"mysql -u ro -p '" + redact.DefaultMask + "' shop"}},
	})
}

// TestQuotedSecretFlagPhraseLookalikesKept: quoted phrases after flags
// that hold no secret, a secret's file, prose about a flag, and -p of a
// command that takes no password there stay as they are.
func TestQuotedSecretFlagPhraseLookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"app --password-file '/var/lib/app/secret store/pw.txt' --verbose",
		"the --token \"is required\" error means no value was given",
		"set --password \"\" to clear it",
		"tar -cf out.tar -p 'Quarterly Reports'",
		"ssh -p 2222 deploy@host",
		"mkdir -p 'Team Photos 2024'",
		"mysql -u app -p 'orders'",
		"app --description 'two quiet words' --name web",
	})
}

// TestQuotedSecretFlagPhraseArgv: the same password as one element of a
// command line logged as a slice.
func TestQuotedSecretFlagPhraseArgv(t *testing.T) {
	for _, argv := range [][]string{
		{"mysql", "-u", "report", "-p", "garnet owl 19", "sales"},
		{"vaultctl", "--password", "garnet owl 19"},
		{"docker", "login", "-u", "ci", "-p", "garnet owl 19", "registry.example.org"},
	} {
		t.Run(argv[0], func(t *testing.T) {
			for mode, out := range runModes(t, nil, func(l *slog.Logger) { l.Info("exec", "argv", argv) }) {
				for _, b := range out.redacted {
					require.NotContains(t, b.String(), "garnet", mode)
					require.Contains(t, b.String(), argv[0], mode)
				}
			}
		})
	}
	for _, argv := range [][]string{
		{"mkdir", "-p", "Team Photos 2024"},
		{"app", "--password-file", "/srv/my secrets/pw"},
	} {
		out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("exec", "argv", argv) })
		require.Contains(t, out, argv[2])
	}
}
