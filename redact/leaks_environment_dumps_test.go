package redact_test

import "testing"

// TestNamedValueInAnyOrderMasked: a list of environment variables as
// objects of a name and a value (a Kubernetes EnvVar, an ECS environment
// entry, docker inspect's Config) masks the value of a name that names a
// secret whatever the order of the members, and with a member such as
// valueFrom between them.
func TestNamedValueInAnyOrderMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"json value first", `[{"value":"Tn6Wx2Rq8Lp","name":"SMTP_PASSWORD"},{"value":"info","name":"LOG_LEVEL"}]`,
			[]string{"Tn6Wx2Rq8Lp"}, []string{`info`, `LOG_LEVEL`}},
		{"yaml value first", "env:\n  - value: Jh3Pz9Wk4Mc\n    name: WEBHOOK_SECRET\n  - value: \"8080\"\n    name: PORT",
			[]string{"Jh3Pz9Wk4Mc"}, []string{"WEBHOOK_SECRET", "8080"}},
		{"quoted yaml value first", "- value: 'Gd5Vn1Xs7Qe'\n  name: api_token",
			[]string{"Gd5Vn1Xs7Qe"}, []string{"api_token"}},
		{"escaped json value first", `{\"Value\":\"Kw2Ry8Fm5Tb\",\"Name\":\"REDIS_PASSWORD\"}`,
			[]string{"Kw2Ry8Fm5Tb"}, []string{"REDIS_PASSWORD"}},
		{"member between name and value", `{"name":"SIGNING_KEY","valueFrom":null,"value":"Pc4Hz7Nd2Wv"}`,
			[]string{"Pc4Hz7Nd2Wv"}, []string{"SIGNING_KEY"}},
		{"yaml member between", "- name: CLIENT_SECRET\n  valueFrom: null\n  value: Yb6Ks3Qa9Rm",
			[]string{"Yb6Ks3Qa9Rm"}, []string{"CLIENT_SECRET"}},
	})
	requireWholeKept(t, nil, []string{
		`[{"value":"debug","name":"LOG_LEVEL"},{"value":"eu-west-1","name":"AWS_REGION"}]`,
		"- value: \"512\"\n  name: token_limit",
		`{"value":"42","key":"password_min_length"}`,
		`{"name":"DB_HOST","valueFrom":null,"value":"db.internal"}`,
	})
}
