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

// keyedCase is a value logged under a key: secret says whether it must be
// masked.
type keyedCase struct {
	key, value string
	secret     bool
}

// requireKeyed logs each case as an attr and inside a group, through
// slogcore and the middleware, and checks that its value is masked or
// written as it is.
func requireKeyed(t *testing.T, rules []redact.Rule, cases []keyedCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			log := func(l *slog.Logger) {
				l.Info("request", tc.key, tc.value)
				l.Info("request", slog.Group("req", tc.key, tc.value))
			}
			var core, mw bytes.Buffer
			h := slogcore.New(&core, &slogcore.Options{ReplaceAttr: dropTimeAttr, Redact: redact.Must(rules...)})
			log(slog.New(h))
			require.NoError(t, h.Close(context.Background()))
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&mw, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}), redact.Must(rules...))))
			for name, out := range map[string]string{"slogcore": core.String(), "middleware": mw.String()} {
				if tc.secret {
					require.NotContains(t, out, tc.value, "%s leaked", name)
					require.Contains(t, out, redact.DefaultMask, "%s", name)
				} else {
					require.Contains(t, out, tc.value, "%s masked", name)
					require.NotContains(t, out, redact.DefaultMask, "%s", name)
				}
			}
		})
	}
}

// TestIBANTypedGroups: an IBAN typed in groups of other sizes than four
// (as a bank's app shows it, or as a user copies it) is masked at its
// country's exact length when its check holds; a wrong check, a shorter
// run and a count after it are not taken for one.
func TestIBANTypedGroups(t *testing.T) {
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, []spelledCase{
		{"wire to DE13 50010517 5401234568 sent", "5401234568", []string{"wire to", "sent"}},
		{"wire to DE13 500105175 401234568 sent", "500105175", []string{"wire to", "sent"}},
		{"payee NL81 RABO 031234 5678 ok", "031234 5678", []string{"payee", "ok"}},
		{"payee nl81 rabo 031234 5678 ok", "031234 5678", []string{"payee", "ok"}},
		{"codes DE13 500105 1754 0123 4568 9999", "500105 1754", []string{"codes", "9999"}},
		// Not IBANs.
		{text: "wire to DE13 50010517 5401234569 sent"}, // the check fails
		{text: "build DE13 50010517 54012345 and more"},
		{text: "rows QQ13 50010517 5401234568 sent"},      // no IBAN country
		{text: "wire to DE1350 0105 1754 0123 4568 sent"}, // the country and check digits run on
	})
}

// TestPersonalDataWhereBackendsLogIt: personal data in the places a
// backend logs it, under the presets that name it: an e-mail address
// percent-encoded in a query or as a path segment, IPv6 client addresses,
// dates of birth, passport, driver licence (dl_number too) and medical
// record numbers and patients' names under their keys. Keys that name
// something else keep their values.
func TestPersonalDataWhereBackendsLogIt(t *testing.T) {
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, []spelledCase{
		{"GET /v2/members?email=ola.nordmann%40example.net&page=3", "ola.nordmann", []string{"/v2/members?email=", "&page=3"}},
		{"GET /v2/members?email=ola%2Bshop%40example.net", "ola%2Bshop", []string{"/v2/members?email="}},
		{"GET /v2/members/ola.nordmann@example.net/invoices", "ola.nordmann", []string{"/v2/members/", "/invoices"}},
		{"GET /v2/members/ola.nordmann%40example.net/invoices", "ola.nordmann", []string{"/v2/members/", "/invoices"}},
		{"X-Forwarded-For: 2001:db8:4f::17, 10.8.0.3", "2001:db8:4f::17", nil},
		{"peer 2001:db8:aa:1::5e connected", "2001:db8:aa:1::5e", []string{"connected"}},
		{text: "GET /v2/members?page=3&sort=email"},
	})
	gdpr := []keyedCase{
		{"client_ip", "2001:db8:4f::17", true},
		{"x_forwarded_for", "2001:db8:4f::17, 10.8.0.3", true},
		{"passport_number", "K47219386", true},
		{"passport_no", "P0362514A", true},
		{"driver_license_number", "R204-7713-5520", true},
		{"dl_number", "R204-7713-5520", true},
		{"dlNumber", "R204-7713-5520", true},
		{"date_of_birth", "1979-11-02", true},
		{"download_number", "7", false},
		{"dl_count", "42", false},
		{"client_version", "2.18.0", false},
	}
	requireKeyed(t, []redact.Rule{redact.Credentials, redact.GDPR}, gdpr)
	requireKeyed(t, []redact.Rule{redact.Credentials, redact.HIPAA}, []keyedCase{
		{"dob", "1979-11-02", true},
		{"birth_date", "02/11/1979", true},
		{"patient_dob", "11/02/1979", true},
		{"mrn", "MRN-7730194", true},
		{"patient_mrn", "07730194", true},
		{"patient_name", "Ola Nordmann", true},
		{"patientName", "Ola Nordmann", true},
		{"drivers_license", "R204-7713-5520", true},
		{"dl_number", "R204-7713-5520", true},
		{"download_number", "7", false},
		{"ward", "east wing", false},
	})
}
