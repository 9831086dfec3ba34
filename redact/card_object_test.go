package redact_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestCardObjectKeepsMetadata: a card object under the key "card" keeps
// what PCI DSS lets a log show (last four digits, brand, funding, issuing
// country, fingerprint) while its account number, verification code, PIN
// and expiry stay masked, as a group, a map and a nested group.
func TestCardObjectKeepsMetadata(t *testing.T) {
	const pan, cvc, pin, expYear = "5105105105105100", "cvc-731", "pin-4821", "exp-2047"
	kept := []string{"5100", "mastercard", "prepaid", "DE", "fp_Qx81LmTz"}
	cases := []struct {
		name string
		log  func(*slog.Logger)
	}{
		{"group", func(l *slog.Logger) {
			l.Info("charge", slog.Group("card", "last4", "5100", "brand", "mastercard", "funding", "prepaid",
				"country", "DE", "fingerprint", "fp_Qx81LmTz", "number", pan, "cvc", cvc, "pin", pin,
				"exp_month", 7, "exp_year", expYear))
		}},
		{"map", func(l *slog.Logger) {
			l.Info("charge", "card", map[string]any{"last4": "5100", "brand": "mastercard", "funding": "prepaid",
				"country": "DE", "fingerprint": "fp_Qx81LmTz", "number": pan, "cvc": cvc, "pin": pin,
				"exp_month": 7, "exp_year": expYear})
		}},
		{"string map", func(l *slog.Logger) {
			l.Info("charge", "card", map[string]string{"Last4": "5100", "Brand": "mastercard", "Funding": "prepaid",
				"Country": "DE", "Fingerprint": "fp_Qx81LmTz", "Number": pan, "CVC": cvc, "PIN": pin, "ExpYear": expYear})
		}},
		{"nested group", func(l *slog.Logger) {
			l.Info("charge", slog.Group("payment_method", "type", "card_present", slog.Group("card",
				"last_4", "5100", "brand", "mastercard", "funding", "prepaid", "country", "DE", "fingerprint", "fp_Qx81LmTz",
				"exp_year", expYear, slog.Group("checks", "cvc", cvc), "pan", pan, "pin", pin)))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for mode, out := range runModes(t, []redact.Rule{redact.PCIDSS}, tc.log) {
				for _, b := range out.redacted {
					s := b.String()
					for _, secret := range []string{pan, cvc, pin, expYear} {
						require.NotContains(t, s, secret, "%s leaked", mode)
					}
					for _, k := range kept {
						require.Contains(t, s, k, "%s masked %q", mode, k)
					}
					require.True(t, strings.Contains(s, redact.DefaultMask), "%s: %s", mode, s)
				}
			}
		})
	}
}

// TestCardValueStillMasked: under "card", a value that is no object (a
// number, a string with digits) and an object under a longer card term
// (credit_card) or under "pin" are masked whole as before.
func TestCardValueStillMasked(t *testing.T) {
	cases := []struct {
		name, secret string
		log          func(*slog.Logger)
	}{
		{"card string", "4000056655665556", func(l *slog.Logger) { l.Info("charge", "card", "4000056655665556") }},
		{"card last4 alone is a card's", "7719", func(l *slog.Logger) { l.Info("charge", "card", "7719") }},
		{"credit_card group", "visa-9", func(l *slog.Logger) {
			l.Info("charge", slog.Group("credit_card", "brand", "visa-9"))
		}},
		{"pin group", "0x3F21", func(l *slog.Logger) { l.Info("atm", slog.Group("pin", "block", "0x3F21")) }},
		{"full number under last4", "4716461583322103", func(l *slog.Logger) {
			l.Info("charge", slog.Group("card", "last4", "4716461583322103", "brand", "visa"))
		}},
		{"full number under brand in a map", "4716 4615 8332 2103", func(l *slog.Logger) {
			l.Info("charge", "card", map[string]any{"brand": "4716 4615 8332 2103"})
		}},
		{"full number under last4 in JSON text", "4716461583322103", func(l *slog.Logger) {
			l.Info(`charge {"card":{"last4":"4716461583322103","brand":"visa"}}`)
		}},
		{"card holder under card", "Mireille Castaing", func(l *slog.Logger) {
			l.Info("charge", slog.Group("card", "brand", "visa", "name", "Mireille Castaing"))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := handlerOutput(t, []redact.Rule{redact.PCIDSS}, tc.log)
			require.NotContains(t, out, tc.secret)
			require.Contains(t, out, redact.DefaultMask)
		})
	}
}

// TestCardObjectInJSONText: the same card object written as JSON text in
// a message, an attr and an error keeps its metadata; each member that is
// not metadata (the number, the CVC, the expiry, a nested object) is masked.
func TestCardObjectInJSONText(t *testing.T) {
	kept := []string{"6011", "discover", "credit", "fp_Hh27WqPz"}
	cases := []spelledCase{
		{`charge {"card":{"last4":"6011","brand":"discover","funding":"credit","fingerprint":"fp_Hh27WqPz","number":"6011000990139424"}} ok`, "6011000990139424", kept},
		{`charge {"card": {"last4": "6011", "brand": "discover", "funding": "credit", "fingerprint": "fp_Hh27WqPz", "cvc": "cvc-382"}}`, "cvc-382", kept},
		{`{"id":"pm_9","card":{"brand":"discover","last4":"6011","funding":"credit","fingerprint":"fp_Hh27WqPz","exp_year":"exp-2049","exp_month":4}}`, "exp-2049", kept},
		{`{"card":{"last4":"6011","checks":{"cvc":"cvc-571"},"brand":"discover","funding":"credit","fingerprint":"fp_Hh27WqPz"}}`, "cvc-571", kept},
		{`{"card":{"brand":"discover","holder":"Aurelio Benvenuti","last4":"6011","funding":"credit","fingerprint":"fp_Hh27WqPz"}}`, "Aurelio Benvenuti", kept},
		{`{"card":{"last4":"6011","brand":"discover","funding":"credit","fingerprint":"fp_Hh27WqPz","pin":"pin-6093"}}`, "pin-6093", kept},
	}
	requireSpelled(t, []redact.Rule{redact.PCIDSS}, cases)
	requireSpelled(t, []redact.Rule{redact.Credentials, redact.PCIDSS}, cases)
}
