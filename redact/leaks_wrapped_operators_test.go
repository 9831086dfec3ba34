package redact_test

import "testing"

// TestOperatorOnNextLineMasked: a key whose operator wrapped onto the next
// line, raw (LF, CRLF, CR) or escaped as JSON text writes a line break.
func TestOperatorOnNextLineMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"lf before equals", "db_password\n=Rk5Tz8Wq2Nv7Lp", []string{"Rk5Tz8Wq2Nv7Lp"}, []string{"db_password\\n="}},
		{"crlf before equals", "SMTP_PASS\r\n= Gd3Hy6Mc9Xs1Qa", []string{"Gd3Hy6Mc9Xs1Qa"}, []string{"SMTP_PASS\\r\\n= "}},
		{"cr before colon", "api_key\r: Wb7Jn2Fk5Tr8Zc", []string{"Wb7Jn2Fk5Tr8Zc"}, []string{"api_key\\r: "}},
		{"indented colon", "client_secret\n    : Ve4Qm1Ld6Hs9Kx", []string{"Ve4Qm1Ld6Hs9Kx"}, []string{"client_secret"}},
		{"quoted key crlf", "{\"access_token\"\r\n: \"Pu8Ya3Ct6Bn1Rg\"}", []string{"Pu8Ya3Ct6Bn1Rg"}, []string{"access_token"}},
		{"escaped lf in json text", `{"refreshToken"\n: "Xf2Ke9Mw4Dz7Jh"}`, []string{"Xf2Ke9Mw4Dz7Jh"}, []string{"refreshToken"}},
		{"escaped crlf in json text", `{"password"\r\n  :"Nq6Ts1Vg8Wl3Ep"}`, []string{"Nq6Ts1Vg8Wl3Ep"}, []string{"password"}},
		{"walrus on next line", "SESSION_SECRET\n:= Hc5Ro0Ub7Ia2Yf", []string{"Hc5Ro0Ub7Ia2Yf"}, []string{"SESSION_SECRET"}},
		{"fat arrow on next line", "'token'\n  => 'Js4Wp9Eb2Gx6Mo'", []string{"Js4Wp9Eb2Gx6Mo"}, []string{"token"}},
	})
	requireWholeKept(t, nil, []string{
		"Change your password\n====================",
		"Token\n-----\nrotate yearly",
		"reset password\n== Step 2 ==",
		"if token\n== nil { return }",
		"password\n::note:: see the wiki",
		"see token\n\n= Overview",
	})
}

// TestEncodedOperatorOnNextLineMasked: the same, percent-encoded as a
// form or a query string carries it.
func TestEncodedOperatorOnNextLineMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"encoded lf", "grant=x&client_secret%0A=Tz4Wn9Ke2Lq7&scope=read", []string{"Tz4Wn9Ke2Lq7"}, []string{"scope=read"}},
		{"encoded crlf and operator", "user=ann&password%0D%0A%3DBs5Mx0Hv8Ri3&next=/home", []string{"Bs5Mx0Hv8Ri3"}, []string{"next=/home"}},
	})
	requireWholeKept(t, nil, []string{
		"q=first%0Asecond&page=2",
		"body=line%0D%0Anext",
	})
}
