package redact_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOneDashLongFlagsKeepTheirName: Go's flag package and many tools
// write long flags with one dash (-password, -passwd=, -port). Beside a
// user flag such a name is no -p with a password attached: the name is
// kept and its value masked. keytool's -storepass:env and :file name
// where the password is read.
func TestOneDashLongFlagsKeepTheirName(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"separate value", "influx -username ops -password Rm4Tq8Wz1Kx -host db.internal",
			[]string{"Rm4Tq8Wz1Kx"}, []string{"-username ops -password ", " -host db.internal"}},
		{"value after =", "./ingest -password=Hb6Yc2Nq9Ld -user=etl -port 9000",
			[]string{"Hb6Yc2Nq9Ld"}, []string{"./ingest -password=", " -user=etl -port 9000"}},
		{"passwd before the user", "exporter -passwd Zx3Vk7Lp0Qs -user metrics",
			[]string{"Zx3Vk7Lp0Qs"}, []string{"exporter -passwd ", " -user metrics"}},
		{"mysql's attached password stays -p's", "mysql -u root -port 3306 -pJw5Kd8Rt2Hm shop",
			[]string{"Jw5Kd8Rt2Hm"}, []string{"-port 3306 -p", " shop"}},
		{"mysql's lower-case attached password", "mysql -u app -pbluewhale7 shop",
			[]string{"bluewhale7"}, []string{"mysql -u app -p"}},
		{"keytool's password in clear", "keytool -list -keystore app.jks -storepass Qf2Wn7Xc4Lz",
			[]string{"Qf2Wn7Xc4Lz"}, []string{"-storepass "}},
	})
	requireLinesKept(t, []string{
		"myapp -user bob -port 8080",
		"dbcli -u admin -profile staging",
		"keytool -list -keystore app.jks -storepass:env STORE_PASS",
		"keytool -importkeystore -srcstorepass:file /run/secrets/src -deststorepass:env DEST",
	})
	t.Run("argv", func(t *testing.T) {
		argv := []string{"influx", "-username", "ops", "-password", "Pc9Lt3Xw6Vn"}
		for name, out := range placementOutputs(nil, func(l *slog.Logger) { l.Info("exec", "argv", argv) }) {
			require.NotContains(t, out, "Pc9Lt3Xw6Vn", name)
			require.Contains(t, out, "-password", name)
			require.NotContains(t, out, "-p[REDACTED]", name)
		}
	})
}
