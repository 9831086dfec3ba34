package redact_test

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestFHIRIdentifierSystemOIDs: a FHIR identifier whose system is the OID
// of a person's national or health identifier (urn:oid:…4.1, the US SSN)
// has its value masked by the preset that claims that identifier, in text
// and as decoded JSON; OIDs of code systems, of providers and of
// organisations name no person's identifier and are kept.
func TestFHIRIdentifierSystemOIDs(t *testing.T) {
	ident := func(system, value string) string {
		return `{"system":"urn:oid:` + system + `","value":"` + value + `"}`
	}
	hipaa := []spelledCase{
		{"identifier " + ident("2.16.840.1.113883.4.1", "507330918"), "507330918", []string{"2.16.840.1.113883.4.1"}},
		{"identifier " + ident("2.16.840.1.113883.4.927", "4TQ8HW2KM73"), "4TQ8HW2KM73", []string{"2.16.840.1.113883.4.927"}},
		{"identifier " + ident("2.16.840.1.113883.4.3.6", "D7730214"), "D7730214", []string{"2.16.840.1.113883.4.3.6"}},
		{"identifier " + ident("2.16.840.1.113883.2.1.4.1", "4857773456"), "4857773456", []string{"2.16.840.1.113883.2.1.4.1"}},
		{`{"use":"official","system":"URN:OID:2.16.840.1.113883.4.2","value":"912-78-3360"}`, "912-78-3360", []string{"official"}},
	}
	gdpr := []spelledCase{
		{"identifier " + ident("2.16.840.1.113883.4.330.250", "19FK40213"), "19FK40213", []string{"4.330.250"}},
		{"identifier " + ident("2.16.840.1.113883.2.4.6.3", "111222333"), "111222333", []string{"2.4.6.3"}},
		{"identifier " + ident("1.2.752.129.2.1.3.1", "197010102391"), "197010102391", []string{"1.2.752.129.2.1.3.1"}},
		{"identifier " + ident("2.16.840.1.113883.13.237", "52998224725"), "52998224725", []string{"13.237"}},
		{"identifier " + ident("1.2.250.1.213.1.4.8", "184127645108946"), "184127645108946", []string{"1.2.250.1.213.1.4.8"}},
	}
	kept := []spelledCase{
		{text: "code " + ident("2.16.840.1.113883.6.1", "2345-7")},             // LOINC
		{text: "code " + ident("2.16.840.1.113883.6.96", "44054006")},          // SNOMED CT
		{text: "practitioner " + ident("2.16.840.1.113883.4.6", "1588667638")}, // a provider's NPI
		{text: "order " + ident("2.16.840.1.113883.19.5.99", "ORD-20417")},     // an organisation's
		{text: "parent " + ident("2.16.840.1.113883.4.330", "X")},
		{text: "system urn:oid:2.16.840.1.113883.4.1 (SSN)"},
	}
	t.Run("hipaa", func(t *testing.T) {
		requirePersonal(t, []redact.Rule{redact.Credentials, redact.HIPAA}, append(hipaa, kept...))
	})
	t.Run("gdpr", func(t *testing.T) {
		requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, append(gdpr, kept...))
	})
	t.Run("credentials alone", func(t *testing.T) {
		var plain []spelledCase
		for _, c := range append(hipaa, gdpr...) {
			plain = append(plain, spelledCase{text: c.text})
		}
		requireSpelled(t, []redact.Rule{redact.Credentials}, plain)
	})

	var resource map[string]any
	require.NoError(t, json.Unmarshal([]byte(`{"resourceType":"Patient","identifier":[
		`+ident("2.16.840.1.113883.4.1", "611204587")+`,
		`+ident("2.16.840.1.113883.6.1", "8302-2")+`]}`), &resource))
	out := handlerOutput(t, []redact.Rule{redact.HIPAA}, func(l *slog.Logger) { l.Info("m", "resource", resource) })
	require.False(t, strings.Contains(out, "611204587"), out)
	require.Contains(t, out, "8302-2")
}
