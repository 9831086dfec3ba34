package redact_test

import "testing"

// TestJSONEscapedTwiceMasked: JSON inside a JSON string inside another
// (a log line that carries a logged request body), whose quotes are
// escaped with two, three or more backslashes, has its values masked as
// JSON escaped once has.
func TestJSONEscapedTwiceMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"two backslashes", `{\\"passwd\\":\\"Rk5Tz8Wm3Qa1\\"}`, []string{"Rk5Tz8Wm3Qa1"}, []string{"passwd"}},
		{"three backslashes", `{\\\"refresh_token\\\":\\\"Dn7Xc2Vb9Lp4\\\",\\\"scope\\\":\\\"read\\\"}`, []string{"Dn7Xc2Vb9Lp4"}, []string{"scope", "read"}},
		{"seven backslashes", `{\\\\\\\"apiKey\\\\\\\":\\\\\\\"Sw3Hf6Jq1Nz8\\\\\\\"}`, []string{"Sw3Hf6Jq1Nz8"}, nil},
		{"in a quoted message", `payload="{\\"user\\":\\"ann\\",\\"client_secret\\":\\"Ge4Mu9Ky2Rb7\\"}"`, []string{"Ge4Mu9Ky2Rb7"}, []string{"ann", "payload="}},
		{"escaped quote a level deeper inside the value", `{\\\"password\\\":\\\"Pa4\\\\\\\"Qk7Lw2Xe\\\"}`, []string{"Qk7Lw2Xe", "Pa4"}, nil},
	})
	requireWholeKept(t, nil, []string{
		`{\\"user\\":\\"ann\\",\\"token_count\\":42}`,
		`{\\\"password_reset_url\\\":\\\"/reset\\\"}`,
	})
}

// TestMySQLAttachedPasswordWithoutUserMasked: a MySQL or MariaDB client's
// -p with its password attached needs no -u to be read as one; a lone -p
// still prompts, and the word after it is the database.
func TestMySQLAttachedPasswordWithoutUserMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"login path then attached password", "mysql --login-path=ops -pVt8Ws3Lk6Qz", []string{"Vt8Ws3Lk6Qz"}, []string{"--login-path=ops"}},
		{"dump with attached password", "mysqldump -pBh2Nc7Xr4Ye --single-transaction shop", []string{"Bh2Nc7Xr4Ye"}, []string{"--single-transaction shop"}},
		{"quoted attached password", "mariadb -h db7 -p'Fo3 Zu8Ji1' billing", []string{"Fo3 Zu8Ji1"}, []string{"billing"}},
	})
	requireWholeKept(t, nil, []string{
		"mysql -h db7 -p inventory",
		"mysqladmin -p status",
	})
}
