package redact_test

import "testing"

// TestShortFlagArgumentNamesNoValue: the password given to a flag of one
// letter may spell a term (Pass, Token, Secret) and be followed by a file
// name; the file name is no secret of its.
func TestShortFlagArgumentNamesNoValue(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"unzip", "unzip -P GreenPass77 payroll-2026.zip", []string{"GreenPass77"}, []string{"payroll-2026.zip"}},
		{"zip with options", "zip -P RedToken3 -r backup.zip reports", []string{"RedToken3"}, []string{"backup.zip reports"}},
		{"7z joined", "7z x -pOrangeSecret5 archive-q4.7z", []string{"OrangeSecret5"}, []string{"archive-q4.7z"}},
		{"camel case without digits", "unzip -P SilverPass statements.zip", []string{"SilverPass"}, []string{"statements.zip"}},
		{"openssl", "openssl enc -d -aes-256-cbc -k NightPass41 -in vault.bin", []string{"NightPass41"}, []string{"vault.bin"}},
	})
	requireWholeCases(t, nil, []textCase{
		{"lower-case key after a flag", "tool -x password Wz8Lq2Vn5Kp1", []string{"Wz8Lq2Vn5Kp1"}, []string{"tool -x password "}},
		{"long flag", "keytool -storepass Mx4Tb9Qe2Rw7 -list", []string{"Mx4Tb9Qe2Rw7"}, []string{"-list"}},
		{"single-dash long flag", "app -password Dk7Sv2Hn9Lc4", []string{"Dk7Sv2Hn9Lc4"}, []string{"app -password "}},
		{"key after a long flag", "git config --global user.password Jt6Fw1Pz8Nb3", []string{"Jt6Fw1Pz8Nb3"}, []string{"--global user.password "}},
	})
}
