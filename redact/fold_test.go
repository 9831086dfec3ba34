package redact_test

import (
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// Words are compared in any case as strings.ToLower writes them, letters
// outside ASCII included: a key spelled with a Turkish dotted İ or a Kelvin
// sign (which strings.ToLower writes as i and k) names what it names in
// ASCII, and a search for a word finds it where it is, after text whose
// lower case is longer or shorter than itself.
func TestWordsInAnyCase(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for _, tc := range []struct{ in, secret, kept string }{
		{`{"OptİonName":"API_TOKEN","Value":"Rv4-Ht8Lq2"}`, "Rv4-Ht8Lq2", `"OptİonName":"API_TOKEN"`},
		{"<Parameter\u212Aey>SMTP_PASSWORD</Parameter\u212Aey><Value>Gn5-Wd3Zp7</Value>", "Gn5-Wd3Zp7", "SMTP_PASSWORD"},
		{"\u212A\u212A ConvertTo-SecureString 'Pl9vTr4Wx' -AsPlainText -Force", "Pl9vTr4Wx", "ConvertTo-SecureString '"},
		{"\xff\xfe CONVERTTO-SECURESTRING 'Mb6sQe2Nz' -AsPlainText", "Mb6sQe2Nz", "\xff\xfe CONVERTTO-SECURESTRING '"},
	} {
		out, _ := r.String(tc.in)
		if strings.Contains(out, tc.secret) {
			t.Errorf("%q: the secret is left: %q", tc.in, out)
		}
		if !strings.Contains(out, tc.kept) {
			t.Errorf("%q: %q is not kept: %q", tc.in, tc.kept, out)
		}
	}
}
