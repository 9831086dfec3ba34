package redact_test

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestFHIRIdentifierNamedBySystem: a FHIR identifier says what its value
// is with its system, a URI whose last segment is a term (…/mrn,
// …/us-ssn); the value under it is masked as that key's. A HumanName's
// family and given members are a person's name.
func TestFHIRIdentifierNamedBySystem(t *testing.T) {
	r := redact.Must(redact.HIPAA)
	for _, tc := range []struct{ in, want string }{
		{`{"identifier":[{"system":"http://hospital.example.org/mrn","value":"MR-330187"},{"system":"http://hl7.org/fhir/sid/us-ssn","value":"219099999"}]}`,
			`{"identifier":[{"system":"http://hospital.example.org/mrn","value":"[REDACTED]"},{"system":"http://hl7.org/fhir/sid/us-ssn","value":"[REDACTED]"}]}`},
		{`{"system": "https://ehr.example.net/ids/mrn/", "value": "EH-77120"}`, `{"system": "https://ehr.example.net/ids/mrn/", "value": "[REDACTED]"}`},
		{`{"use":"usual","system":"urn:example:ssn","value":"602-11-4471"}`, `{"use":"usual","system":"urn:example:ssn","value":"[REDACTED]"}`},
		{`{"name":[{"use":"official","family":"Strand","given":["Oda","Marit"]}]}`,
			`{"name":[{"use":"official","family":"[REDACTED]","given":["[REDACTED]","[REDACTED]"]}]}`},
		{`{"name":{"given":"Oda","family":"Strand"}}`, `{"name":{"given":"[REDACTED]","family":"[REDACTED]"}}`},
		// A system that names nothing personal, or is no URI; a family
		// without a given name (a font's, an address's).
		{`{"system":"http://loinc.org","value":"8867-4"}`, `{"system":"http://loinc.org","value":"8867-4"}`},
		{`{"system":"auth","value":"enabled"}`, `{"system":"auth","value":"enabled"}`},
		{`{"family":"ipv4","address":"10.0.0.1"}`, `{"family":"ipv4","address":"10.0.0.1"}`},
	} {
		if got := r.Message(tc.in); got != tc.want {
			t.Errorf("Message(%q) =\n%q, want\n%q", tc.in, got, tc.want)
		}
	}
	requireSpelled(t, []redact.Rule{redact.HIPAA}, []spelledCase{
		{`bundle {"system":"http://clinic.example/mrn","value":"CL-55012"}`, "CL-55012", []string{"http://clinic.example/mrn"}},
		{`{"family":"Strand","given":["Oda"]}`, "Strand", []string{"family", "given"}},
	})

	// Decoded FHIR resources logged as maps.
	var resource map[string]any
	if err := json.Unmarshal([]byte(`{"resourceType":"Patient",
		"identifier":[{"system":"http://clinic.example/mrn","value":"CL-55013"}],
		"name":[{"family":"Lunde","given":["Tor"]}],
		"code":{"system":"http://loinc.org","value":"8867-4"}}`), &resource); err != nil {
		t.Fatal(err)
	}
	out := handlerOutput(t, []redact.Rule{redact.HIPAA}, func(l *slog.Logger) { l.Info("m", "resource", resource) })
	for _, secret := range []string{"CL-55013", "Lunde", `"Tor"`} {
		if strings.Contains(out, secret) {
			t.Errorf("%s in output: %s", secret, out)
		}
	}
	if !strings.Contains(out, "8867-4") {
		t.Errorf("a LOINC code masked: %s", out)
	}
}
