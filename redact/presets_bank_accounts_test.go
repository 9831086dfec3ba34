package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestBankAccountsUnderHIPAAAndCCPA: an IBAN is an account number (HIPAA
// Safe Harbor's tenth identifier) and a bank account number (CCPA,
// 1798.80(e)): it is masked under both presets, under its key and in
// text, through every deployment; an IBAN whose check fails and ids that
// look like one are kept.
func TestBankAccountsUnderHIPAAAndCCPA(t *testing.T) {
	for _, rules := range [][]redact.Rule{{redact.HIPAA}, {redact.CCPA}} {
		requireKeyed(t, rules, []keyedCase{
			{"iban", "DE89370400440532013000", true},
			{"bank_account", "GB29NWBK60161331926819", true},
			{"bankAccountNumber", "FR7630006000011234567890189", true},
			{"payout_iban", "NL91ABNA0417164300", true},
			{"iban_country", "DE", false},
			{"bank_account_verified", "true", false},
		})
		requireModesMasked(t, rules, []textCase{
			{"iban in groups", "refund to IBAN DE89 3704 0044 0532 0130 00 queued", []string{"3704 0044 0532 0130 00"}, []string{"refund to IBAN ", " queued"}},
			{"iban whole", "payout GB29NWBK60161331926819 sent", []string{"GB29NWBK60161331926819"}, []string{"payout ", " sent"}},
			{"iban with dashes", "copay charged to DE89-3704-0044-0532-0130-00", []string{"3704-0044-0532"}, []string{"copay charged to "}},
		})
		requireTextKept(t, rules, []string{
			"transfer DE89370400440532013001 rejected: bad check digits",
			"bucket GB00TEST0000000000 created",
			"iban validation disabled",
		})
	}
}
