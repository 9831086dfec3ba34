package redact_test

import "testing"

// TestLineContinuationValuesMasked: a value continued on the next line
// by a backslash before the line break (a Java properties file, a shell
// command wrapped over lines), and a value that starts on the line after
// its key.
func TestLineContinuationValuesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"properties value continued", "app.signing.secret = Nv5Qa\\\n    Wt8Lz3Kc6", []string{"Nv5Qa", "Wt8Lz3Kc6"}, []string{"app.signing.secret = "}},
		{"properties colon continued", "ldap.bind.password:Rm2Xe\\\n\tHs9Up4", []string{"Rm2Xe", "Hs9Up4"}, nil},
		{"properties crlf continuation", "mail.password=Jb6Cy\\\r\n  Dk1Tw7Vo", []string{"Jb6Cy", "Dk1Tw7Vo"}, nil},
		{"properties value on the next line", "oauth.client-secret=\\\n    Fq3Mg8Rs2Yh5", []string{"Fq3Mg8Rs2Yh5"}, []string{"oauth.client-secret="}},
		{"shell export on the next line", "export SENTRY_AUTH_TOKEN=\\\n  Pz4Wn9Bk2Lx7Ct", []string{"Pz4Wn9Bk2Lx7Ct"}, nil},
		{"shell flag value on the next line", "vault login \\\n  --token \\\n  Gs7Jd2Xm5Qw9Er -method=token", []string{"Gs7Jd2Xm5Qw9Er"}, []string{"-method=token"}},
		{"long flag with tabs", "psql --password\t\\\n\tUe3Hy8Nc1Vb6 -h db", []string{"Ue3Hy8Nc1Vb6"}, []string{"-h db"}},
		{"key word then value on the next line", "api_key \\\n   Ky8Ms3Dw6Qz1Rf", []string{"Ky8Ms3Dw6Qz1Rf"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"app.name = billing\\\n    -service",
		"token_count=42 \\\n  --verbose",
		"password_reset_url=/reset \\\n  --next",
		"ls -la \\\n  /var/log",
		"echo done \\\n\n",
	})
}

// TestJWTAfterSpacedContinuationMasked: a JWT split by a shell's line
// continuation that has spaces before the backslash or indentation after
// the line break is masked across the break while it is unfinished.
func TestJWTAfterSpacedContinuationMasked(t *testing.T) {
	const (
		head = "eyJhbGciOiJFUzI1NiIsImtpZCI6InI3In0"
		body = "eyJpc3MiOiJiaWxsaW5nIiwic3ViIjoib3BzIn0"
		sig  = "Cu7Lw2Nx9Pe4Rg1Tj6Vk3Ym8Zb5Ad0Hf2Kq7Ms4Oy9Sw"
	)
	requireWholeCases(t, nil, []textCase{
		{"space before continuation, dot after", head + "." + body + " \\\n  ." + sig, []string{sig}, nil},
		{"space before continuation in signature", head + "." + body + "." + sig[:14] + " \\\n" + sig[14:], []string{sig[:14], sig[14:]}, nil},
		{"indented after continuation in payload", head + "." + body[:18] + "\\\n    " + body[18:] + "." + sig, []string{body[18:], sig}, nil},
		{"tab before continuation after dot", "Authorization: Bearer " + head + "." + body + ".\t\\\n\t" + sig, []string{sig}, nil},
	})
	requireWholeKept(t, nil, []string{
		"see eyJhbGciOi docs \\\n  for more",
	})
}
