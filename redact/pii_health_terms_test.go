package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestBirthDateAfterLinkingWord: a date of birth after its term and a
// linking word (date of birth is 4 May 1990) is masked whole, in words or
// digits; a state or a requirement after the same words is kept.
func TestBirthDateAfterLinkingWord(t *testing.T) {
	cases := []spelledCase{
		{"date of birth is 17 June 1958 per intake", "17 June 1958", []string{"per intake"}},
		{"DOB was 1958-06-18 on the old chart", "1958-06-18", []string{"on the old chart"}},
		{"birthdate is September 9, 1971 ok", "September 9, 1971", []string{"ok"}},
		{text: "date of birth is required"},
		{text: "dob is unknown"},
		{text: "date of birth is missing for 3 patients"},
	}
	for _, preset := range []redact.Rule{redact.HIPAA, redact.GDPR} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

// TestGDPRHealthData: under GDPR, data concerning health (Article 9) is
// personal data by the words health records use (diagnosis, MRN,
// medication, patient name, ICD-10); HIPAA's postcode is a postal code.
func TestGDPRHealthData(t *testing.T) {
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, []spelledCase{
		{"diagnosis: chronic obstructive pulmonary disease", "pulmonary disease", nil},
		{"GET /api/records?mrn=77310482 200", "77310482", []string{"/api/records?mrn=", " 200"}},
		{"MRN: 77310483 admitted", "77310483", []string{"admitted"}},
		{"medication=Metformin 500mg", "Metformin", nil},
		{"patient name: Adeyemi, Tolu", "Adeyemi", nil},
		{"ICD-10 J44.1 coded", "J44.1", []string{"coded"}},
		{text: "diagnosis service took 41ms"},
		{text: "medication_count=3"},
	})
	requirePersonal(t, []redact.Rule{redact.HIPAA}, []spelledCase{
		{"postcode EH1 2NG on file", "EH1 2NG", []string{"on file"}},
		{text: "postcode lookup took 12ms"},
	})
}
