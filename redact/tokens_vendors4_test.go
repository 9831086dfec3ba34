package redact_test

import "testing"

// TestMercuryTokensMasked: Mercury's API tokens, production and sandbox,
// with their secret-token: scheme or alone, in the three placements.
func TestMercuryTokensMasked(t *testing.T) {
	const (
		prod    = "mercury_production_wma_38aIBnYYURLgfB0eKJkwreHBIgJLVHKtP3skqoO6c_yrucrem"
		sandbox = "mercury_sandbox_rma_D6RVAU5KhVrWmZZUvTyKWmjfRcFz4u2eQKnK6SeR6_yrucrem"
	)
	requireEveryMode(t, []textCase{
		{"production in a bearer header", `curl -H "Authorization: Bearer secret-token:` + prod + `" https://api.mercury.com/api/v1/accounts`,
			[]string{"38aIBnYYURLgfB0eKJkwreHB"}, []string{"https://api.mercury.com/api/v1/accounts"}},
		{"sandbox in prose", "treasury sync using secret-token:" + sandbox + " for ops",
			[]string{"D6RVAU5KhVrWmZZUvTyKWmjf"}, []string{"treasury sync using secret-token:", " for ops"}},
		{"production alone in json", `{"bank":"mercury","cred":"` + prod + `","n":3}`,
			[]string{"38aIBnYYURLgfB0eKJkwreHB"}, []string{`"n`, `3}`}},
	})
}

// TestMercuryLookAlikesKept: names and settings that start like Mercury's
// tokens but lack their layout or their closing mark stay.
func TestMercuryLookAlikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"export MERCURY_PRODUCTION_API_URL=https://api.mercury.com",
		"table mercury_production_accounts_daily_snapshot_v2 refreshed",
		"metric mercury_sandbox_wma_requests_total_by_route_status 12",
		"flag mercury_production_wma_38aIBnYYURLgfB0eKJkwreHBIgJLVHKtP3sk set",
	})
}

// TestEKSBearerTokensMasked: Amazon EKS bearer tokens (k8s-aws-v1. and
// the base64url of a presigned STS request) as kubectl's exec plugin
// prints them, in a header and in prose.
func TestEKSBearerTokensMasked(t *testing.T) {
	const eks = "k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0yLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BU0lBRkdZMzU2TzdPRzQyMk9QWCUyRjIwMjYxMjAzJTJGdXMtZWFzdC0yJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNjEyMDNUMjMxNTAwWiZYLUFtei1FeHBpcmVzPTYwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1TaWduYXR1cmU9NmMyOTE2M2QwMGQ2OGRmNmRiNzVkMGMzZjdlYjkzNDAwNTFlNDY3YWI0YTM2ZWUwOTg3YjM1NDQyNDJiMzBlNQ"
	requireEveryMode(t, []textCase{
		{"exec credential json", `{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"expirationTimestamp":"2026-12-03T23:29:00Z","tok":"` + eks + `"}}`,
			[]string{eks[11:60], eks[200:]}, []string{"ExecCredential", "expirationTimestamp"}},
		{"in prose", "kube client authenticated with " + eks + " against cluster prod-eu",
			[]string{eks[11:60], eks[200:]}, []string{"kube client authenticated with ", " against cluster prod-eu"}},
	})
}

// TestEKSLookAlikesKept: the prefix alone, a short test value and an API
// version that names the scheme are kept.
func TestEKSLookAlikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"token scheme k8s-aws-v1. expected",
		"stub returns k8s-aws-v1.fake-non-secret-test-token in tests",
		"header x-k8s-aws-id: prod-eu-cluster set",
	})
}
