package redact_test

import "testing"

// TestNotEqualValuesMasked: make's shell assignment (!=) given a value
// rather than a command, make's other assignments (::=, :::=), and a
// comparison of a secret with a literal.
func TestNotEqualValuesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"make shell assignment of a value", "REGISTRY_PASSWORD != Tp4Ws9Kq2Xv7", []string{"Tp4Ws9Kq2Xv7"}, []string{"REGISTRY_PASSWORD != "}},
		{"make shell assignment then comment", "DEPLOY_TOKEN != Hb6Ny1Cz8Rm3 # rotated", []string{"Hb6Ny1Cz8Rm3"}, []string{"# rotated"}},
		{"make posix assignment", "SIGNING_SECRET ::= Gu5Lp0Qe7Vj2", []string{"Gu5Lp0Qe7Vj2"}, []string{"SIGNING_SECRET ::= "}},
		{"make immediate-expansion assignment", "NPM_TOKEN :::= Ke3Wd8Fs1Mx6Ya", []string{"Ke3Wd8Fs1Mx6Ya"}, []string{"NPM_TOKEN :::= "}},
		{"go comparison with a literal", `if apiKey != "Rv9Hc4Tg7Ln2" {`, []string{"Rv9Hc4Tg7Ln2"}, []string{"if apiKey != "}},
		{"js strict comparison", "if (req.body.password !== 'Mf2Zs7Dq4Wk9') deny()", []string{"Mf2Zs7Dq4Wk9"}, []string{"deny()"}},
		{"capitalised password word", "ADMIN_PASS != Autumn2031", []string{"Autumn2031"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"DB_PASSWORD != cat /run/secrets/db",
		"VAULT_TOKEN != vault print token",
		"GH_TOKEN != gh auth token",
		"if token != nil {",
		"if password != confirmPassword {",
		`if secret != "" {`,
		"if token != expectedToken2 {",
		"assert apiKey != None",
		"while password != retypedPassword:",
	})
}
