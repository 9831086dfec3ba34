package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestBareNationalNumberAfterPhoneWord: a national number written as bare
// digits, of any national plan's length, is masked as the value of a key
// in text whose words name a telephone in English or in another language
// (Handy, teléfono, móvil, celular, portable, GSM, Natel), and of nine
// digits or more right after such a word in prose; dates, counts, ids
// under other keys and numbers followed by a unit are kept.
func TestBareNationalNumberAfterPhoneWord(t *testing.T) {
	cases := []spelledCase{
		{"sms handy=017298341265 queued", "017298341265", []string{"queued"}},
		{"Handy: 01638812047 bestätigt", "01638812047", []string{"bestätigt"}},
		{`{"handy":"015904417723"} stored`, "015904417723", []string{"stored"}},
		{`{\"movil\":\"634920177\"} stored`, "634920177", []string{"stored"}},
		{"telefono=3398120476 salvato", "3398120476", []string{"salvato"}},
		{"telefono 3398120477 salvato", "3398120477", []string{"salvato"}},
		{"móvil 634920175 confirmado", "634920175", []string{"confirmado"}},
		{"movil=634920176 confirmado", "634920176", []string{"confirmado"}},
		{"celular=21987340562 ok", "21987340562", []string{"ok"}},
		{"portable: 0783914026 enregistré", "0783914026", []string{"enregistré"}},
		{"gsm 0478391620 bevestigd", "0478391620", []string{"bevestigd"}},
		{"natel=0793816204 ok", "0793816204", []string{"ok"}},
		{"tel=4927831 desk", "4927831", []string{"desk"}},
		// Not phone numbers.
		{text: "sms=20251104 batch"},
		{text: "gsm 834920175 rows"},
		{text: "callId=834920175 ended"},
		{text: "order=834920175 shipped"},
		{text: "tlf=00000000000 placeholder"},
		{text: "portable build 834920175 signed"},
	}
	for _, preset := range []redact.Rule{redact.HIPAA, redact.CCPA, redact.GDPR, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}

// TestMobileKeysInEveryContactPreset: a telephone number under an attr
// key that names a mobile or the telephone in another language is masked
// under every preset that masks telephone numbers; keys of the mobile
// platform keep their values.
func TestMobileKeysInEveryContactPreset(t *testing.T) {
	for _, preset := range []redact.Rule{redact.HIPAA, redact.CCPA, redact.GDPR, redact.ContactInfo} {
		for key, masked := range map[string]bool{"mobile": true, "mobile_number": true, "handy": true, "movil": true, "celular": true,
			"cellulare": true, "natel": true, "telefono": true, "mobileBuild": false, "mobile_os": false} {
			t.Run(preset.Name+"/"+key, func(t *testing.T) {
				out := handlerOutput(t, []redact.Rule{preset}, func(l *slog.Logger) { l.Info("contact", key, "07418230965") })
				if masked {
					require.NotContains(t, out, "07418230965")
				} else {
					require.Contains(t, out, "07418230965")
				}
			})
		}
	}
}
