package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestProseSecretsAroundTheTerm: prose that gives a secret after whom it
// is for and a change ("password for bob changed from … to …"), and prose
// that gives it before the term ("use … as the password").
func TestProseSecretsAroundTheTerm(t *testing.T) {
	requireTextCases(t, nil, []textCase{
		{"for whom, changed from to", "password for ops-admin changed from Wn4Xq8Lz2 to Jd7Kr3Vm9",
			[]string{"Wn4Xq8Lz2", "Jd7Kr3Vm9"}, []string{"password for ops-admin changed from "}},
		{"for two words, quoted", "token for the build bot rotated from 'Hq5Ty9Pw1' to 'Zs2Nc6Ux8'",
			[]string{"Hq5Ty9Pw1", "Zs2Nc6Ux8"}, nil},
		{"for whom, was reset to", "Password for svc-etl was reset to Mb3Gv7Yk1Rf",
			[]string{"Mb3Gv7Yk1Rf"}, []string{"Password for svc-etl was reset to "}},
		{"for whom, is now", "secret for the runner is now Qp8Wd2Lj6Hx",
			[]string{"Qp8Wd2Lj6Hx"}, nil},
		{"use as the password", "use Rk7#vQm2Lw as the password for the admin console",
			[]string{"Rk7#vQm2Lw"}, []string{"as the password for the admin console"}},
		{"with as your token", "call the API with Tz4Hb8Nq1Xs as your token",
			[]string{"Tz4Hb8Nq1Xs"}, []string{"as your token"}},
		{"quoted words as the password", `Use 'amber lantern 42' as your password.`,
			[]string{"amber lantern 42"}, nil},
		{"set as the api key", "set Gc9Lm3Ws7Vk as the api key",
			[]string{"Gc9Lm3Ws7Vk"}, []string{"as the api key"}},
	})
	requireTextKept(t, nil, []string{
		"password for bob changed successfully",
		"password for bob changed from the admin panel to the CLI",
		"use it as the password",
		"use the default as your password",
		"use SSO as the login token",
		"use redis as the session store",
		"token for the runner is missing",
	})
}

// TestArgvListsMasked: a command line logged as a JSON array or a Python
// list gives its flags' values in the next element, as a shell line gives
// them in the next word.
func TestArgvListsMasked(t *testing.T) {
	cases := []struct {
		name   string
		argv   string
		secret string
		kept   string
		masked bool
	}{
		{"curl -U json", `["curl","-sS","-U","deploy:Fx4Gh8Jk2Lm","-x","http://proxy:3128","https://pkg.example.org"]`, "Fx4Gh8Jk2Lm", `"https://pkg.example.org"`, true},
		{"curl -u json spaced", `["curl", "-u", "ci:Qw7Er3Ty9Ui", "https://api.example.org"]`, "Qw7Er3Ty9Ui", `"https://api.example.org"`, true},
		{"mysql python list", `['mysql', '-h', 'db1', '-u', 'app', '-pZx5Cv9Bn3Mq', 'orders']`, "Zx5Cv9Bn3Mq", `'orders'`, true},
		{"docker login json", `["docker","login","-u","ci","-p","Lk2Jh6Gf4Ds","registry.example.org"]`, "Lk2Jh6Gf4Ds", `"registry.example.org"`, true},
		{"zip -P json", `["zip","-P","Po9Iu7Yt5Re","backup.zip","db.sql"]`, "Po9Iu7Yt5Re", `"backup.zip"`, true},
		{"redis-cli -a json", `["redis-cli","-h","cache","-a","Nb4Vc8Xz2Lk","PING"]`, "Nb4Vc8Xz2Lk", `"PING"`, true},
		{"path after -p kept", `["ls","-u","-p","/var/log"]`, "", `["ls","-u","-p","/var/log"]`, false},
		{"port after -p kept", `["mysql","-u","root","-p","3306"]`, "", `"3306"`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := handlerOutput(t, nil, func(l *slog.Logger) { l.Info("exec", "argv", tc.argv) })
			plain := plainOutput(func(l *slog.Logger) { l.Info("exec", "argv", tc.argv) })
			if tc.masked {
				require.NotContains(t, out, tc.secret)
				require.Contains(t, out, redact.DefaultMask)
			} else {
				require.Equal(t, plain, out)
			}
			require.Contains(t, out, jsonEscaped(tc.kept))
		})
	}
}

// jsonEscaped returns s as it appears inside a JSON string.
func jsonEscaped(s string) string {
	out := plainOutput(func(l *slog.Logger) { l.Info("", "v", s) })
	start := len(`{"level":"INFO","msg":"","v":"`)
	return out[start : len(out)-len("\"}\n")]
}

// TestGDPRNamesUnderWhoseKey: GDPR masks a name under a key that says whose
// it is; the key name alone names services as often and is kept.
func TestGDPRNamesUnderWhoseKey(t *testing.T) {
	rules := []redact.Rule{redact.Credentials, redact.GDPR}
	out := handlerOutput(t, rules, func(l *slog.Logger) {
		l.Info("order", "customer_name", "Ilse Vandermeer", "contactName", "Tomás Ferreira",
			"billing", slog.GroupValue(slog.String("billing_name", "Ana Lucía Prieto")),
			"name", "checkout-api", "service_name", "checkout-api")
	})
	for _, s := range []string{"Ilse Vandermeer", "Tomás Ferreira", "Ana Lucía Prieto"} {
		require.NotContains(t, out, s)
	}
	require.Contains(t, out, `"name":"checkout-api"`)
	require.Contains(t, out, `"service_name":"checkout-api"`)
	requireTextCases(t, rules, []textCase{
		{"recipient name in text", "recipient name: Pieter de Vries, parcel 7731",
			[]string{"Pieter de Vries"}, []string{"parcel 7731"}},
	})
}

// TestAnnouncedForWhomRedactedAgainUnchanged: a sentence that announces a
// secret for a host or a user, whose label before the colon looks like a
// credential, reads the same after redaction: the label is kept, so the
// second redaction does not find an announced value the first did not.
func TestAnnouncedForWhomRedactedAgainUnchanged(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, s := range []string{
		"a temporary password for Db7host: Kx2Wm9Lq",
		"00000000temporary0passB000 Zs000user: 000000Q0",
		"initial token for Svc4account: Rt6Yu1Io3P",
	} {
		t.Run(s, func(t *testing.T) {
			once, _ := r.String(s)
			twice, _ := r.String(once)
			require.Equal(t, once, twice)
		})
	}
}

// TestGDPRMapPointsMasked: a point on the map under the names mapping APIs
// give it (geo, latlng, lonlat) is masked with GDPR; a region under geo,
// and geo_region, are no one's location.
func TestGDPRMapPointsMasked(t *testing.T) {
	rules := []redact.Rule{redact.Credentials, redact.GDPR}
	out := handlerOutput(t, rules, func(l *slog.Logger) {
		l.Info("ride", "geo", "40.4168,-3.7038", "pickup_latlng", "52.3676,4.9041", "lonlat", "13.4050,52.5200",
			"geoPoint", "48.8566,2.3522", "region", "eu-west-1", "geo_region", "EMEA")
	})
	for _, s := range []string{"40.4168", "52.3676", "13.4050", "48.8566"} {
		require.NotContains(t, out, s)
	}
	require.Contains(t, out, `"geo_region":"EMEA"`)
	requireTextCases(t, rules, []textCase{
		{"geo in text", "driver geo: 41.3874, 2.1686 assigned", []string{"41.3874", "2.1686"}, []string{"assigned"}},
	})
	kept := handlerOutput(t, rules, func(l *slog.Logger) { l.Info("cfg", "geo", "us-east-2") })
	require.Contains(t, kept, `"geo":"us-east-2"`)
}
