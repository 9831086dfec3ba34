package redact_test

import "testing"

// TestPagerDutyUserTokensInURLsMasked: a PagerDuty user token (u+ and 18
// bytes) that starts a URL's path segment or a query parameter's value
// is masked, whatever the parameter's name, and the path after it is
// kept.
func TestPagerDutyUserTokensInURLsMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"path segment then query",
			"GET https://api.pagerduty.com/v2/u+Wd4Kx7Nq2Lm9Bv5Tz3?include=teams 200",
			[]string{"Wd4Kx7Nq2Lm9Bv5Tz3"}, []string{"https://api.pagerduty.com/v2/", "?include=teams 200"}},
		{"path segment then path",
			"proxy GET /api/v1/orgs/ops/members/u+Rb8Zt1Wy6Ks3Pq0Vm4/schedules failed",
			[]string{"Rb8Zt1Wy6Ks3Pq0Vm4"}, []string{"/api/v1/orgs/ops/members/", "/schedules failed"}},
		{"last path segment",
			`Get "https://pd-proxy.internal/u+Hx2Mc7Vq9Ta4Lr6Wk1": EOF`,
			[]string{"Hx2Mc7Vq9Ta4Lr6Wk1"}, []string{"https://pd-proxy.internal/", `": EOF`}},
		{"query under an unknown name",
			"GET https://api.pagerduty.com/incidents?pd=u+Kc5Wr8Xt2Nm7Qz4Vb9&limit=25 401",
			[]string{"Kc5Wr8Xt2Nm7Qz4Vb9"}, []string{"?pd=", "&limit=25 401"}},
		{"query under token",
			"GET https://api.pagerduty.com/oncalls?token=u+Tq6Ys1Bn9Xw3Kd8Mr2&since=2026-01-02",
			[]string{"Tq6Ys1Bn9Xw3Kd8Mr2"}, []string{"?token=", "&since=2026-01-02"}},
		{"path field",
			"route path=/u+Lz3Nv8Qk2Wp7Xr5Tb1/ack status=403",
			[]string{"Lz3Nv8Qk2Wp7Xr5Tb1"}, []string{"path=/", "/ack status=403"}},
	})
}

// TestPagerDutyLookAlikesInBase64Kept: "u+" inside standard base64 (a
// certificate, a ciphertext) after a '/' or before a '+' or more base64
// is no token.
func TestPagerDutyLookAlikesInBase64Kept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"cert MIIC2jCCAcKgAwIBAgIJAKx9/u+Fq7Wn2Lx5Kd8Tz3Vb4",
		"cipher=Qk9Xz3Lm7Wn2Pv5Rt8Yb/u+Fq7Wn2Lx5Kd8Tz3Vb4 end",
		"blob Qz/u+Fq7Wn2Lx5Kd8Tz3Vb4+Mn4Rw",
		"blob Qz/u+Fq7Wn2Lx5Kd8Tz3Vb4/Mn4Rw8Kd2Lz6Tq9Xv end",
		"data k2/u+Fq7Wn2Lx5Kd8Tz3Vb4== end",
		"codepoint /u+00e9/ and U+1F600",
	})
}
