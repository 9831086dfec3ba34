package redact_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// logOneJSON logs value under key, as the message and as an error's text
// through NewHandler in front of a JSONHandler with the Credentials preset
// and p, and returns the value, message and error as written.
func logOneJSON(t *testing.T, p redact.Rule, key, value string) (attr, msg, errText string) {
	t.Helper()
	r := redact.Must(redact.Credentials, p)
	var buf bytes.Buffer
	slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), r)).Info(value, key, value, "err", errors.New(value))
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("output is not JSON: %v: %s", err, buf.Bytes())
	}
	attr, _ = rec[key].(string)
	msg, _ = rec["msg"].(string)
	errText, _ = rec["err"].(string)
	return attr, msg, errText
}

// TestPresetIdentifierKeys: a national identifier, a card's expiry and a
// device's hardware address under the key their country or their form
// names them with are masked by the preset that holds such data, as an
// attr and as a pair in text.
func TestPresetIdentifierKeys(t *testing.T) {
	for _, tc := range []struct {
		preset     redact.Rule
		key, value string
	}{
		{redact.PCIDSS, "card_exp", "09/29"},
		{redact.PCIDSS, "ccExp", "0931"},
		{redact.PCIDSS, "card_expiration", "2029-09"},
		{redact.PCIDSS, "cc_expiry_date", "11/2030"},
		{redact.GDPR, "national_insurance", "JG103759A"},
		{redact.GDPR, "NationalInsurance", "PX 44 19 02 D"},
		{redact.GDPR, "nir", "279037512304891"},
		{redact.GDPR, "NIE", "Y7043215R"},
		{redact.GDPR, "sin_number", "130692544"},
		{redact.GDPR, "social_insurance", "130 692 544"},
		{redact.GDPR, "itin", "934-81-2207"},
		{redact.GDPR, "pan_card", "BNZPM2501F"},
		{redact.GDPR, "permanent_account_number", "AFZPK7190K"},
		{redact.GDPR, "mac_address", "3c:22:fb:91:0e:7a"},
		{redact.HIPAA, "given_name", "Maren"},
		{redact.HIPAA, "surname", "Okonkwo"},
		{redact.HIPAA, "itin", "971-88-3406"},
		{redact.HIPAA, "social_security_number", "219099999"},
		{redact.CCPA, "social_security", "219-09-9999"},
		{redact.CCPA, "itin", "900703419"},
	} {
		t.Run(tc.preset.Name+"/"+tc.key, func(t *testing.T) {
			attr, _, _ := logOneJSON(t, tc.preset, tc.key, tc.value)
			if attr != redact.DefaultMask {
				t.Errorf("%s=%q written as %q, want the mask", tc.key, tc.value, attr)
			}
			pair := tc.key + "=" + tc.value
			_, msg, errText := logOneJSON(t, tc.preset, "v", pair)
			if want := tc.key + "=" + redact.DefaultMask; msg != want || errText != want {
				t.Errorf("%q written as message %q and error %q, want %q", pair, msg, errText, want)
			}
		})
	}
}

// TestPresetIdentifierLookalikes: words that name a national identifier
// or a card's expiry in other senses, and the bank's code that names no
// person (a BIC), are kept.
func TestPresetIdentifierLookalikes(t *testing.T) {
	for _, tc := range []struct {
		preset     redact.Rule
		key, value string
	}{
		{redact.GDPR, "bic", "COBADEFFXXX"},
		{redact.GDPR, "v", "BIC NWBKGB2L"},
		{redact.GDPR, "v", "Das Update kommt nie wieder"},
		{redact.GDPR, "v", "national insurance contributions rose by 2 percent"},
		{redact.GDPR, "v", "social insurance reform passed"},
		{redact.GDPR, "v", "mac address table full on sw-3"},
		{redact.GDPR, "mac_address_count", "12"},
		{redact.GDPR, "nir_enabled", "true"},
		{redact.PCIDSS, "exp", "1767225600"},
		{redact.PCIDSS, "v", "exp=1767225600 iat=1767222000"},
		{redact.PCIDSS, "card_exp_check", "unavailable"},
	} {
		t.Run(tc.preset.Name+"/"+tc.key+"/"+tc.value, func(t *testing.T) {
			attr, msg, errText := logOneJSON(t, tc.preset, tc.key, tc.value)
			if attr != tc.value || msg != tc.value || errText != tc.value {
				t.Errorf("%s=%q written as %q, message %q, error %q; want it kept", tc.key, tc.value, attr, msg, errText)
			}
		})
	}
}
