package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestNationalIDsOfMoreCountries: Korea's resident registration number,
// Belgium's national number, Argentina's CUIT and CUIL, South Africa's
// identity number and Mexico's CURP are masked without a key that names
// them when written as their country prints them and their check digit
// holds. A wrong check, an impossible date, another prefix or a longer
// run is kept: dated build ids, millisecond times, barcodes.
func TestNationalIDsOfMoreCountries(t *testing.T) {
	r := only(redact.DetectNationalID)
	for _, tc := range []struct{ in, want string }{
		{"gaeip 910214-1538261 ok", "gaeip [REDACTED] ok"},
		{"rrn=020930-4127583", "rrn=[REDACTED]"},
		{"client 91.02.14-153.91 inscrit", "client [REDACTED] inscrit"},
		{"client 05.09.30-228.39 inscrit", "client [REDACTED] inscrit"}, // born in 2000 or later
		{"factura 23-29184736-6 emitida", "factura [REDACTED] emitida"},
		{"proveedor 30-71592846-5.", "proveedor [REDACTED]."},
		{"lid 9102145231085 bevestig", "lid [REDACTED] bevestig"},
		{`{"id":"7703056129184"}`, `{"id":"[REDACTED]"}`},
		{"alta RAML910214MNLMPS08 ok", "alta [REDACTED] ok"},
		{"alta TOSJ020930HJCRNN09", "alta [REDACTED]"},
		// A wrong check, date, prefix or shape, or a longer run.
		{"gaeip 910214-1538262 ok", "gaeip 910214-1538262 ok"},
		{"build 240131-9538261 ok", "build 240131-9538261 ok"},
		{"build 241331-1538261 ok", "build 241331-1538261 ok"},
		{"client 91.02.14-153.92 inscrit", "client 91.02.14-153.92 inscrit"},
		{"version 91.02.14-153.91.4", "version 91.02.14-153.91.4"},
		{"factura 23-29184736-7 emitida", "factura 23-29184736-7 emitida"},
		{"rango 21-29184736-3", "rango 21-29184736-3"}, // its check holds, no such prefix
		{"lid 9102145231086 bevestig", "lid 9102145231086 bevestig"},
		{"lid 9102145231385 bevestig", "lid 9102145231385 bevestig"}, // citizenship 3
		{"ts 1764720000000 ok", "ts 1764720000000 ok"},
		{"ean 5901234123457 ok", "ean 5901234123457 ok"},
		{"alta RAML910214MNLMPS09 ok", "alta RAML910214MNLMPS09 ok"},
		{"alta RAML911314MNLMPS08 ok", "alta RAML911314MNLMPS08 ok"},
		{"alta RAML910214MQQMPS08 ok", "alta RAML910214MQQMPS08 ok"},
		{"alta raml910214mnlmps08 ok", "alta raml910214mnlmps08 ok"},
	} {
		got, _ := r.String(tc.in)
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
	requirePersonal(t, []redact.Rule{redact.Credentials, redact.GDPR}, []spelledCase{
		{"applicant 910214-1538261 verified", "910214-1538261", []string{"verified"}},
		{"titular 91.02.14-153.91 actualizado", "91.02.14-153.91", []string{"actualizado"}},
		{"cliente CUIL 23-29184736-6 alta", "23-29184736-6", []string{"alta"}},
		{"member 7703056129184 joined", "7703056129184", []string{"joined"}},
		{"registro de TOSJ020930HJCRNN09 completo", "TOSJ020930HJCRNN09", []string{"completo"}},
		{text: "build 240131-9538261 promoted"},
		{text: "rango 25-29184736-9 libre"},
		{text: "event 1764720000000 queued"},
		{text: "order 9102145231086 shipped"},
	})
}
