package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestNationalInsuranceNumbers: under GDPR a UK National Insurance number
// is masked without a key that names it, whole or in its printed groups
// (the suffix left off too), when its prefix is one HMRC allocates and its
// suffix is A to D. Other prefixes, suffixes, lengths and runs are kept.
func TestNationalInsuranceNumbers(t *testing.T) {
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, []spelledCase{
		{"payroll row JT 48 29 61 B imported", "48 29 61", []string{"payroll row", "imported"}},
		{"payroll row PW731905A imported", "PW731905A", []string{"payroll row", "imported"}},
		{"payroll row HR 62 07 93 imported", "62 07 93", []string{"payroll row", "imported"}},
		{"holder=SN 30 58 17 D;", "30 58 17", []string{"holder="}},
		{"payroll row (EH904172C)", "EH904172C", []string{"payroll row"}},
		// Not National Insurance numbers.
		{text: "payroll row QA 48 29 61 B imported"}, // Q is never a prefix letter
		{text: "payroll row JO482961B imported"},     // nor O a second one
		{text: "payroll row TN 48 29 61 B imported"}, // a pair never allocated
		{text: "payroll row GB731905A imported"},
		{text: "payroll row JT482961E imported"},  // the suffix is A to D
		{text: "payroll row JT4829613B imported"}, // seven digits
		{text: "payroll row XJT482961B imported"}, // inside a longer word
		{text: "payroll row JT 48 29 61 73 imported"},
		{text: "payroll row jt482961b imported"},
		{text: "payroll row JT482961 imported"}, // written whole, the suffix belongs
	})
}

// TestCanadianSocialInsuranceNumbers: under GDPR a Canadian SIN whose
// Luhn check holds is masked written with dashes anywhere, and with
// spaces after a word that names it (SIN, NAS, social insurance). A
// wrong check, spaced groups without such a word (a count with its
// thousands apart) and longer runs are kept.
func TestCanadianSocialInsuranceNumbers(t *testing.T) {
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, []spelledCase{
		{"employee 273-918-458 onboarded", "273-918-458", []string{"employee", "onboarded"}},
		{"SIN 718 502 636 on file", "718 502 636", []string{"on file"}},
		{"NAS: 529 460 313 au dossier", "529 460 313", []string{"au dossier"}},
		{"social insurance no. 930 172 648 verified", "930 172 648", []string{"verified"}},
		// Not SINs.
		{text: "employee 273-918-459 onboarded"}, // the Luhn check fails
		{text: "rows 718 502 636 scanned"},
		{text: "employee 000-000-000 onboarded"},
		{text: "SIN 1 529 460 313 total"},
		{text: "range 273-918-458-12 reserved"},
		{text: "sinus 408 153 724 mm"},
	})
}
