package redact_test

import "testing"

// TestLowerCaseSecretKindMasked: a manifest that spells its kind
// "secret" (which kubectl refuses, but a hand-written manifest or a
// template holds) has its data values masked, its kind first or last, its
// metadata kept; other kinds keep their data.
func TestLowerCaseSecretKindMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"kind first", "apiVersion: v1\nkind: secret\nmetadata:\n  name: queue-creds\n  namespace: billing\n  labels:\n    app: ledger\ndata:\n  broker-url: YW1xcHM6Ly9sZWRnZXI6Uzl2Ukx3MnRAbXEuaW50ZXJuYWw=\n  extra: cXVldWUtcGFzcy03Mw==",
			[]string{"YW1xcHM6Ly9sZWRnZXI6Uzl2Ukx3MnRAbXEuaW50ZXJuYWw=", "cXVldWUtcGFzcy03Mw=="},
			[]string{"queue-creds", "billing", "app: ledger", "broker-url: ", "extra: "}},
		{"kind last, quoted", "apiVersion: \"v1\"\ndata:\n  extra: \"bGVkZ2VyOnJvdGF0ZWQtNDQ=\"\nkind: \"secret\"\nmetadata:\n  name: \"ledger-sa\"",
			[]string{"bGVkZ2VyOnJvdGF0ZWQtNDQ="}, []string{"ledger-sa", "extra: "}},
	})
	requireWholeKept(t, nil, []string{
		"apiVersion: v1\nkind: configmap\nmetadata:\n  name: ledger-config\ndata:\n  extra: bGVkZ2VyLWNvbmZpZw==",
		"apiVersion: external-secrets.io/v1\nkind: secretstore\nmetadata:\n  name: vault-backend\ndata:\n  extra: bGVkZ2VyLWNvbmZpZw==",
	})
}
