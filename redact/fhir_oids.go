package redact

import "strings"

// A FHIR identifier's system may be an OID rather than a URL
// (urn:oid:2.16.840.1.113883.4.1 is the US Social Security number), as
// HL7 v3, CDA and the national FHIR profiles write them. Its last arc
// names nothing, so the identifiers that registries assign to people are
// read as the key that names them; the preset that claims that key
// masks the value. An OID of a code system (LOINC, SNOMED CT, ICD) or of
// an organisation is no such identifier and is judged as before (its
// last arc is no key).

// identifierOIDs maps the OIDs of national and health identifiers of
// persons to the key their values are judged under.
var identifierOIDs = map[string]string{
	"2.16.840.1.113883.4.1":       "ssn",              // US Social Security number
	"2.16.840.1.113883.4.2":       "itin",             // US Individual Taxpayer Identification Number
	"2.16.840.1.113883.4.572":     "medicare number",  // US Medicare Health Insurance Claim Number
	"2.16.840.1.113883.4.927":     "mbi",              // US Medicare Beneficiary Identifier
	"2.16.840.1.113883.2.1.4.1":   "nhs number",       // England's NHS number
	"2.16.840.1.113883.2.4.6.3":   "bsn",              // the Netherlands' burgerservicenummer
	"2.16.840.1.113883.2.9.4.3.2": "codice fiscale",   // Italy's codice fiscale
	"2.16.840.1.113883.13.237":    "cpf",              // Brazil's CPF
	"1.2.250.1.213.1.4.8":         "nir",              // France's INS-NIR
	"1.2.250.1.213.1.4.10":        "nir",              // France's INS-NIA
	"1.2.752.129.2.1.3.1":         "personnummer",     // Sweden's personnummer
	"1.2.752.129.2.1.3.3":         "personnummer",     // Sweden's samordningsnummer
	"2.16.578.1.12.4.1.4.1":       "fodselsnummer",    // Norway's fødselsnummer
	"2.16.578.1.12.4.1.4.2":       "fodselsnummer",    // Norway's D-nummer
	"1.2.208.176.1.2":             "national id",      // Denmark's CPR number
	"1.2.246.21":                  "henkilotunnus",    // Finland's henkilötunnus
	"2.16.756.5.32":               "ahv",              // Switzerland's AHV number
	"1.2.276.0.76.4.8":            "insurance number", // Germany's Krankenversichertennummer
}

// identifierOIDArcs maps the OIDs whose next arc names a state or a
// country to the key of the identifiers under them.
var identifierOIDArcs = map[string]string{
	"2.16.840.1.113883.4.3.":   "drivers license", // a US state's driver's licence (4.3.<state>)
	"2.16.840.1.113883.4.330.": "passport number", // a country's passports (4.330.<country>)
}

// oidTerm returns the key that the OID system of a FHIR identifier
// (urn:oid:…, any case of the prefix) names, or "".
func oidTerm(system string) string {
	const prefix = "urn:oid:"
	if len(system) <= len(prefix) || !strings.EqualFold(system[:len(prefix)], prefix) {
		return ""
	}
	oid := system[len(prefix):]
	if term, ok := identifierOIDs[oid]; ok {
		return term
	}
	for arc, term := range identifierOIDArcs {
		if rest, ok := strings.CutPrefix(oid, arc); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return term
		}
	}
	return ""
}

// oidTermWords holds the keys of identifierOIDs and identifierOIDArcs as
// New joins a term's words: a rule with one of these terms lets the word
// "oid" (urn:oid:…) through the prefilter.
var oidTermWords = func() map[string]bool {
	m := map[string]bool{}
	for _, terms := range []map[string]string{identifierOIDs, identifierOIDArcs} {
		for _, t := range terms {
			m[strings.Join(splitKey(t), "")] = true
		}
	}
	return m
}()
