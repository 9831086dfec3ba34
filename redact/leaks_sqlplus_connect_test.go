package redact_test

import "testing"

// TestSQLPlusConnectMasked: the login that SQL*Plus' CONNECT command
// takes, on a line of its own in a script or after the SQL> prompt.
func TestSQLPlusConnectMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"connect with a database", "CONNECT billing/Qm7Xr2Lt9Ws4@prodpdb", []string{"Qm7Xr2Lt9Ws4"}, []string{"CONNECT billing/", "@prodpdb"}},
		{"conn without a database", "conn hr_app/Vy3Kd8Np1Ze6", []string{"Vy3Kd8Np1Ze6"}, []string{"conn hr_app/"}},
		{"after the prompt", "SQL> connect system/Bu6Hq1Gc5Tx8@//db7:1521/ORCLPDB1", []string{"Bu6Hq1Gc5Tx8"}, []string{"SQL> connect "}},
		{"as sysdba with a semicolon", "CONN sys/Ja9Wf4Rm2Ol7 AS SYSDBA;", []string{"Ja9Wf4Rm2Ol7"}, []string{"AS SYSDBA;"}},
		{"a line of a script", "SET ECHO ON\nCONNECT app_owner/Pe2Ys7Dn4Kh9@stage\n@install.sql", []string{"Pe2Ys7Dn4Kh9"}, []string{"@install.sql", "SET ECHO ON"}},
		{"quoted password", `connect scott/"Wx5 Lq8Tb3"@orcl`, []string{"Wx5 Lq8Tb3"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"connect tcp/443 refused by peer",
		"Connect api/v2 endpoint timed out",
		"connect / as sysdba",
		"CONNECT /@wallet_alias",
		"connection reset: upstream/primary",
		"reconnect worker/7",
	})
}

// TestFlagThenVariableNameMasked: a variable's name after a flag of one
// letter (fish's set -x, a tool's -e) is a key, and the word after it its
// value, unlike a flag's argument written as a password is.
func TestFlagThenVariableNameMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"fish export", "set -x OPENAI_API_KEY Tf6Wq1Zm8Lc3Rv", []string{"Tf6Wq1Zm8Lc3Rv"}, []string{"set -x OPENAI_API_KEY "}},
		{"fish export of a password", "set -x PGPASSWORD Hd4Ks9Nb2Yx7", []string{"Hd4Ks9Nb2Yx7"}, nil},
		{"fish universal export", "set -U DEPLOY_TOKEN Gm3Rz8Qv5Wj1", []string{"Gm3Rz8Qv5Wj1"}, nil},
		{"tool flag then name", "envtool -e STRIPE_SECRET Kp8Ws3Xd6Lq1", []string{"Kp8Ws3Xd6Lq1"}, nil},
		{"flag argument written as a password", "unzip -P GreenPass71 ledger.zip", []string{"GreenPass71"}, []string{"ledger.zip"}},
	})
	requireWholeKept(t, nil, []string{
		"set -x PATH /usr/local/bin",
		"set -x TOKEN_COUNT 42",
	})
}
