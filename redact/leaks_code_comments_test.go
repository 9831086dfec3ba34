package redact_test

import "testing"

// TestTrailingCommentSecretsMasked: a line of code whose trailing comment
// holds a secret after a term.
func TestTrailingCommentSecretsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"go line comment", "retries := 3 // password: Wk4-Lz9Qp", []string{"Wk4-Lz9Qp"}, []string{"retries := 3 // password: "}},
		{"go comment then next line", "conn := dial() // token=Hy7Tb2Nc5Rv\nconn.Close()", []string{"Hy7Tb2Nc5Rv"}, []string{"conn.Close()"}},
		{"block comment", "cfg.Port = 9090 /* api key: Dn3Fm8Sx1Gq */", []string{"Dn3Fm8Sx1Gq"}, []string{"*/"}},
		{"shell comment", "PORT=8443 # secret Yb6Ko1Jw4Pe", []string{"Yb6Ko1Jw4Pe"}, []string{"PORT=8443 # secret "}},
		{"comment in prose", "x := 1 // the staging password is Rc5Ua0Mv3Hz", []string{"Rc5Ua0Mv3Hz"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"retries := 3 // password policy: see docs",
		"n := len(token) // token length",
	})
}
