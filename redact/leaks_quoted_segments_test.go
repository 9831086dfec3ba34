package redact_test

import "testing"

// TestQuotedSegmentValuesMasked: a quoted segment of text that holds a
// key naming a secret and its value has the value masked up to the
// closing quote, blanks after the operator or not.
func TestQuotedSegmentValuesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"single quotes after a colon and a blank", "step 'passwd: Copper Moth 19' failed",
			[]string{"Copper", "Moth 19"}, []string{"step 'passwd: ", "' failed"}},
		{"double quotes after an equals sign", `retry "client_secret=slate owl river" later`,
			[]string{"slate", "owl river"}, []string{"retry ", "client_secret=", " later"}},
		{"blanks around the operator", "hook 'api_token = birch lamp 5' queued",
			[]string{"birch", "lamp 5"}, []string{"hook 'api_token = ", "' queued"}},
		{"logfmt msg", `level=WARN msg="password: Indigo Sparrow" user=ops`,
			[]string{"Indigo", "Sparrow"}, []string{"level=WARN msg=", "password: ", " user=ops"}},
		{"json string member", `{"event":"secret: teal kite harbor","user":"ops"}`,
			[]string{"teal", "kite harbor"}, []string{"event", "secret: ", "user", "ops"}},
		{"call argument", `audit("token=Rust Gate 88")`,
			[]string{"Rust", "Gate 88"}, []string{"audit(", "token="}},
		{"list element", "['pass: ember fjord', 'user: ops']",
			[]string{"ember", "fjord"}, []string{"['pass: ", "', 'user: ops']"}},
	})
}

// TestQuotedSegmentProseKept: a quoted segment whose words after a key
// are prose about it, not its value.
func TestQuotedSegmentProseKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		`note "password: must be at least 12 characters" shown`,
		`error "token: expired for user bob" seen`,
		`hint 'password: required' shown`,
		`msg "secret: not found in vault kv/app" logged`,
		`level=INFO msg="token: refreshed in 12ms" user=ops`,
		`status 'auth: ok' done`,
	})
}
