package redact_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// phonePresets are the presets with the phone detector.
var phonePresets = [][]redact.Rule{{redact.HIPAA}, {redact.GDPR}, {redact.CCPA}, {redact.ContactInfo}}

// TestPhoneNumbersUnderPhoneNamedKeys: a national number written without
// separators under an attr or map key whose last word names a telephone
// but is no term of the preset (gsm, portable, festnetz, fax, landline, or
// such a word and "number") is masked under every preset with the phone
// detector, as it is after such a key in text; counts, ids, booleans and
// short numbers under such keys, and numbers under keys whose last word
// is something else, are kept.
func TestPhoneNumbersUnderPhoneNamedKeys(t *testing.T) {
	for _, rules := range phonePresets {
		requireKeyed(t, rules, []keyedCase{
			{"gsm", "0470123456", true},
			{"GSM", "+32470123457", true},
			{"gsmNumber", "0470123458", true},
			{"gsm_no", "470123459", true},
			{"portable", "0612345678", true},
			{"numero_portable", "0612345679", true},
			{"festnetz", "030123456", true},
			{"festnetzNummer", "0301234567", true},
			{"fax", "02071838750", true},
			{"landline", "0161496000", true},
			{"telefoneFixo", "1133224455", true},
			{"contact.gsm", "0470123460", true},
			{"gsm", "4G", false},
			{"gsm_band", "900", false},
			{"gsm_cell_id", "0470123461", false},
			{"portable", "true", false},
			{"portable_build", "20240115", false},
			{"fax_count", "1234567", false},
			{"sms_sent", "1234567", false},
			{"portable", "v1.2.3", false},
			{"gsm", "12345", false},
			{"gsm", "20240115", false},
			{"gsm", "0012345678", false},
		})
	}
}

// TestPhoneIntegersUnderPhoneNamedKeys: the same number logged as an
// integer under such a key is masked through slogcore and the middleware.
func TestPhoneIntegersUnderPhoneNamedKeys(t *testing.T) {
	for _, rules := range phonePresets {
		for _, key := range []string{"gsm", "portable", "festnetz", "gsmNumber"} {
			t.Run(rules[0].Name+"/"+key, func(t *testing.T) {
				log := func(l *slog.Logger) {
					l.Info("sms", key, 32470123456)
					l.Info("sms", key, uint64(32470123456))
					l.Info("sms", "count", 32470123456) // no telephone's key: kept
				}
				var core, mw bytes.Buffer
				h := slogcore.New(&core, &slogcore.Options{ReplaceAttr: dropTimeAttr, Redact: redact.Must(rules...)})
				log(slog.New(h))
				require.NoError(t, h.Close(context.Background()))
				log(slog.New(redact.NewHandler(slog.NewJSONHandler(&mw, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}), redact.Must(rules...))))
				for name, out := range map[string]string{"slogcore": core.String(), "middleware": mw.String()} {
					require.Contains(t, out, `"count":32470123456`, name)
					require.NotContains(t, out, `"`+key+`":32470123456`, "%s leaked", name)
					require.Equal(t, 2, bytes.Count([]byte(out), []byte(redact.DefaultMask)), name)
				}
			})
		}
	}
}

// TestPhoneNamedKeysInMaps: under a map's key that names a telephone,
// the number is masked too, at any depth; its siblings are kept.
func TestPhoneNamedKeysInMaps(t *testing.T) {
	for _, rules := range phonePresets {
		t.Run(rules[0].Name, func(t *testing.T) {
			var mw bytes.Buffer
			l := slog.New(redact.NewHandler(slog.NewJSONHandler(&mw, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}), redact.Must(rules...)))
			l.Info("m", "profile", map[string]any{"portable": "612345678", "city": "Lyon"})
			l.Info("m", "contact", map[string]string{"gsm": "470123456", "team": "support"})
			l.Info("m", "nested", map[string]any{"owner": map[string]any{"festnetz": "301234567", "floor": "3"}})
			out := mw.String()
			for _, s := range []string{"612345678", "470123456", "301234567"} {
				require.NotContains(t, out, s)
			}
			for _, s := range []string{"Lyon", "support", `"floor":"3"`} {
				require.Contains(t, out, s)
			}
		})
	}
}
