package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPhoneNationalPlans: national numbers as the numbering plans of more
// countries write them are phone numbers: a slash after the trunk and
// area code (Germany, Austria, Hungary), Budapest's one-digit area code
// after the Hungarian trunk 06, and the shapes of countries that dial no
// trunk prefix (Spain, Poland, Brazil, Mexico, Italy's mobiles) after a
// word that names a telephone. Dates,
// paths, sizes and other runs of digits in those group sizes stay.
func TestPhoneNationalPlans(t *testing.T) {
	cases := []spelledCase{
		{"praxis 089/21734406 bestätigt", "21734406", []string{"praxis", "bestätigt"}},
		{"handy 0152/7743810 erreicht", "7743810", []string{"handy", "erreicht"}},
		{"büro 0316/873 42 19 besetzt", "873 42 19", []string{"büro", "besetzt"}},
		{"iroda 06-20/418-2265 visszahívás", "418-2265", []string{"iroda", "visszahívás"}},
		{"iroda 06 1 327 8841 foglalt", "327 8841", []string{"iroda", "foglalt"}},
		{"iroda 06-1-327-8842 foglalt", "327-8842", []string{"iroda", "foglalt"}},
		{"tel. oficina 93 412 58 06 cerrada", "412 58 06", []string{"oficina", "cerrada"}},
		{"móvil 655 81 27 44 apagado", "81 27 44", []string{"móvil", "apagado"}},
		{"telefon biuro 58-341-27-90 zamknięte", "341-27-90", []string{"biuro", "zamknięte"}},
		{"celular 21 99734-2610 desligado", "99734-2610", []string{"celular", "desligado"}},
		{"fixo 21 3524-7781 ocupado", "3524-7781", []string{"fixo", "ocupado"}},
		{"teléfono oficina 55 4127 8830 cerrada", "4127 8830", []string{"oficina", "cerrada"}},
		{"llamar oficina 33-3817-2291 cerrada", "3817-2291", []string{"oficina", "cerrada"}},
		{"cellulare 338 4172096 spento", "4172096", []string{"cellulare", "spento"}},
		{"cellulare 392-6610483 spento", "6610483", []string{"cellulare", "spento"}},
		// Not phone numbers.
		{text: "due 04/11/2025 and 17/09/2026 09:30"},
		{text: "GET /api/0412/77312 200"},
		{text: "shard 0/4419207 done"},
		{text: "pages 0412/9013/2288 read"},
		{text: "blocks 64 8192 4096 free"},
		{text: "grid 48 2048 1024 cells"},
		{text: "heap 310 1048576 and 290 7340032"},
		{text: "row 512 16 32 64 bytes"},
		{text: "build 2.14.4096.22 signed"},
		{text: "ids 93.412.58.06 and 655.81.27.44"},
		{text: "budget 06 1 2026 plan"},
		{text: "fields 21 99734 x2610 tail"},
		{text: "range 10-2048-4096 reserved"},
		{text: "window 64 1024-2048 bytes"},
		{text: "ports 20 8080-9090 open"},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requirePersonal(t, []redact.Rule{redact.Credentials, preset}, cases)
		})
	}
}
