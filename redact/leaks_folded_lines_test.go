package redact_test

import "testing"

// TestFoldedValuesMasked: a value on the line after its key, indented as
// HTTP/1.1 folded a header and as an INI file continues a value after
// '=', and credentials after a scheme that a header folded or a shell
// continued.
func TestFoldedValuesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"bearer folded", "POST /v2/charge HTTP/1.1\nAuthorization: Bearer\n    Yw5Kr8Tn3Lq6Zd", []string{"Yw5Kr8Tn3Lq6Zd"}, []string{"POST /v2/charge HTTP/1.1"}},
		{"bearer folded with crlf", "Authorization: Bearer\r\n\tGh2Vm7Xs4Pb9Jc\r\nHost: api", []string{"Gh2Vm7Xs4Pb9Jc"}, []string{"Host: api"}},
		{"header folded after the colon", "Authorization:\n  Basic YW5uOlJ0NHBMOHdYMnpR", []string{"YW5uOlJ0NHBMOHdYMnpR"}, nil},
		{"bearer continued by a shell", "curl -H \"Authorization: Bearer \\\n  Mf6Qt1Wz8Kc3Hv\" https://api", []string{"Mf6Qt1Wz8Kc3Hv"}, []string{"https://api"}},
		{"scheme alone then folded in prose", "sent token Bearer\n  Lx3Nd8Rw5Pk2Ue", []string{"Lx3Nd8Rw5Pk2Ue"}, nil},
		{"ini value on the next line", "[smtp]\npassword =\n    Cz9Ha4Uf7Wm2\nport = 587", []string{"Cz9Ha4Uf7Wm2"}, []string{"port = 587"}},
		{"ini api key on the next line", "[service]\napi_key=\n\tTq8Be3Ng6Yr1\n", []string{"Tq8Be3Ng6Yr1"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"[db]\npassword =\n\nhost = db7",
		"[db]\npassword =\nhost = db7",
		"missing Bearer\n  prefix in header",
	})
}
