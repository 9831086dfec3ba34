package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestCCPANamesAndBirthDates: CCPA's personal information holds a real
// name and, as age is a protected classification, the date of birth:
// both are masked under the keys that name them, as attrs, in groups and
// in text, through every deployment; a name under a key that says whose
// it is is masked under HIPAA too. What merely mentions them is kept.
func TestCCPANamesAndBirthDates(t *testing.T) {
	ccpa := []redact.Rule{redact.CCPA}
	requireKeyed(t, ccpa, []keyedCase{
		{"firstName", "Margarethe", true},
		{"last_name", "Oyelaran", true},
		{"GIVEN_NAME", "Tomasz", true},
		{"surname", "Kowalczyk", true},
		{"familyName", "Nakamura", true},
		{"middle_name", "Ifeoma", true},
		{"maidenName", "Lindqvist", true},
		{"customerName", "Margarethe Oyelaran", true},
		{"recipient_name", "Jun Nakamura", true},
		{"account_holder", "Priya Raghunathan", true},
		{"dateOfBirth", "1984-03-17", true},
		{"dob", "17.03.1984", true},
		{"birth_date", "03/17/1984", true},
		{"birthdate", "1984-03-17", true},
		{"birthday", "March 17", true},
		{"first_name_length", "10", false},
		{"dob_verified", "true", false},
		{"service_name", "checkout-api", false},
		{"name", "orders-worker", false},
	})
	requireKeyed(t, []redact.Rule{redact.HIPAA}, []keyedCase{
		{"customerName", "Jane Roe", true},
		{"recipient_name", "Ana Souza", true},
		{"account_holder", "Kofi Mensah", true},
		{"service_name", "lab-results", false},
	})
	requireModesMasked(t, ccpa, []textCase{
		{"dob after its word", "signup: DOB: 1984-03-17 verified", []string{"1984-03-17"}, []string{"signup: DOB: "}},
		{"date of birth in prose", "date of birth 03/17/1984 on file", []string{"03/17/1984"}, []string{"date of birth "}},
		{"born", "born 1990-07-04 in Lyon", []string{"1990-07-04"}, []string{"born "}},
		{"names as pairs", "first_name=Margarethe last_name=Oyelaran plan=pro", []string{"Margarethe", "Oyelaran"}, []string{"first_name=", "last_name=", "plan=pro"}},
		{"json", `{"customer_name":"Margarethe Oyelaran","plan":"pro"}`, []string{"Margarethe", "Oyelaran"}, []string{"customer_name", "plan", "pro"}},
	})
	requireTextKept(t, ccpa, []string{
		"date of birth field missing",
		"dob not provided",
		"first name is required",
		"surname field too long",
		"birthday campaign scheduled",
	})
}
