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

// TestWebhookPathTokensMasked: an incoming webhook's secret is its path:
// under /webhook/ or /webhooks/ on any host (after an id or a word of the
// route), PagerDuty's integration key before /enqueue, and Slack's
// /services/T…/B…/… behind a proxy or gateway.
func TestWebhookPathTokensMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"webhook", "POST https://notify.example.net/webhook/Wd7Kx2Pq9Lm4Zt8Rb3Nc returned 410",
			[]string{"Wd7Kx2Pq9Lm4Zt8Rb3Nc"}, []string{"POST https://notify.example.net/", " returned 410"}},
		{"webhooks incoming", "deliver: https://chat.example.org/webhooks/incoming/Hq5Vn8Tw2Ks6Yb9Lc4Mz: 502",
			[]string{"Hq5Vn8Tw2Ks6Yb9Lc4Mz"}, []string{"https://chat.example.org/", ": 502"}},
		{"after an id", "https://ops.example.com/api/webhooks/88231/Pz3Fk7Qw1Rn5Xv9Td2Hs/slack",
			[]string{"Pz3Fk7Qw1Rn5Xv9Td2Hs"}, []string{"https://ops.example.com/api/"}},
		{"hex token", "https://alerts.example.io/Webhooks/7c1e9a4f2b8d3c6e0a5f9b2d7e1c4a8f",
			[]string{"7c1e9a4f2b8d3c6e0a5f9b2d7e1c4a8f"}, []string{"https://alerts.example.io/"}},
		{"pagerduty integration", "enqueue failed: POST https://events.pagerduty.com/integration/a9Kq3Wz7Lm2Xt8Vb4Nd6Hs1Rf5Gc0Py2/enqueue: 400",
			[]string{"a9Kq3Wz7Lm2Xt8Vb4Nd6Hs1Rf5Gc0Py2"}, []string{"https://events.pagerduty.com/", "/enqueue: 400"}},
		{"slack shape behind a proxy", `Post "https://egress-gw.corp.internal/services/T07QZ3K1M/B08RW4L2N/Xc5Jt8Qv2Lm6Wz9Kb3Rn7Ds1": context deadline exceeded`,
			[]string{"Xc5Jt8Qv2Lm6Wz9Kb3Rn7Ds1"}, []string{"https://egress-gw.corp.internal/", "context deadline exceeded"}},
	})
	requireWholeKept(t, nil, []string{
		"GET /repos/acme/api/hooks/48211/deliveries 200",
		"POST /api/v1/webhooks/github 202",
		"registered webhooks/stripe for events charge.succeeded",
		"POST /webhooks/12345/redeliver 202",
		"listing https://api.example.com/integration/settings",
		"GET /services/Tokyo/Billing/summary 200",
	})
}

// TestCredentialFileKeysMasked: keys of credential files whose last word
// would otherwise describe the value (a service account's
// private_key_id, a kubeconfig's client-key-data), SharePoint's tempauth
// and a webhook URL named by its service, as attrs and in text.
func TestCredentialFileKeysMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"service account json", `{"type":"service_account","project_id":"billing-prod","private_key_id":"8e4c1a7f3b9d2e6a0c5f8b1d4e7a9c2f6b3d0e5a","client_email":"etl@billing-prod.iam.gserviceaccount.com"}`,
			[]string{"8e4c1a7f3b9d2e6a0c5f8b1d4e7a9c2f6b3d0e5a"}, []string{"billing-prod", "client_email"}},
		{"kubeconfig key data", "users:\n- name: ci\n  user:\n    client-certificate-data: Q0VSVElGSUNBVEU=\n    client-key-data: Rk9PQkFSS0VZREFUQTk5",
			[]string{"Rk9PQkFSS0VZREFUQTk5"}, []string{"client-certificate-data: Q0VSVElGSUNBVEU="}},
		{"tempauth query", "download failed: https://contoso.sharepoint.com/sites/fin/_layouts/15/download.aspx?UniqueId=4f1c&tempauth=Tm7Qx2Wz9Kd4Lp8Vb3Nr",
			[]string{"Tm7Qx2Wz9Kd4Lp8Vb3Nr"}, []string{"UniqueId=4f1c"}},
		{"webhook env", "SLACK_WEBHOOK=Gq3Xm8Tv2Lk7 DISCORD_WEBHOOK=Rw5Zn1Pc9Hd4 LOG_LEVEL=warn",
			[]string{"Gq3Xm8Tv2Lk7", "Rw5Zn1Pc9Hd4"}, []string{"LOG_LEVEL=warn"}},
	})
	requireWholeKept(t, nil, []string{
		"slack_webhook_id=4411 api_key_id=k-77",
		`{"webhook":"order.created","webhook_id":"wh_881"}`,
		"client_key_data_len=1675",
	})
}

// TestYAMLArgumentListFlagsMasked: a container's arguments as a YAML block
// sequence give a flag that names a secret and its value as two items.
func TestYAMLArgumentListFlagsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"kubeconfig exec args", "users:\n- name: deployer\n  user:\n    exec:\n      command: get-token\n      args:\n      - --password\n      - Fv4Ln8Qz2Wk\n      - --region\n      - eu-central-1",
			[]string{"Fv4Ln8Qz2Wk"}, []string{"- --password", "- --region", "- eu-central-1"}},
		{"quoted items", "args:\n  - \"--api-token\"\n  - \"Mh6Tc1Vx9Rb\"\n  - \"--verbose\"",
			[]string{"Mh6Tc1Vx9Rb"}, []string{"--api-token", "--verbose"}},
		{"container command", "containers:\n- name: worker\n  command:\n  - /bin/worker\n  - -client-secret\n  - Kp3Xw7Nz5Lq\n  - -listen\n  - :8080",
			[]string{"Kp3Xw7Nz5Lq"}, []string{"- -listen", "- :8080"}},
	})
	requireWholeKept(t, nil, []string{
		"args:\n- --password-file\n- /etc/app/password.txt",
		"args:\n- --token\n- --verbose",
		"args:\n- --token\n- $(API_TOKEN)",
		"args:\n- --log-level\n- debug",
	})
}
