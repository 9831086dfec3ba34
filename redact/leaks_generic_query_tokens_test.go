package redact_test

import "testing"

// TestGenericQueryTokensMasked: tokens in query parameters whose names say
// little (t=, signed=, resourcekey=), and the named ones beside them.
func TestGenericQueryTokensMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"download t", "GET https://files.example.io/dl/report-q3.pdf?t=Kx7mQ2vLp9Zr4TwN8b 200 88213",
			[]string{"Kx7mQ2vLp9Zr4TwN8b"}, []string{"report-q3.pdf?t=", " 200 88213"}},
		{"download t after another parameter", "fetch https://cdn.example.org/get?id=8812&t=a9f3c27e1b64d08f5e2a71c3 failed: 410 Gone",
			[]string{"a9f3c27e1b64d08f5e2a71c3"}, []string{"get?id=8812&t=", "failed: 410 Gone"}},
		{"google resource key", "open https://drive.google.com/file/d/1ZqW8xLk3RmTn7Vb2Pc/view?resourcekey=0-Ty5Nw2Hq8Lc4Xz9Rk1Mv&usp=sharing",
			[]string{"0-Ty5Nw2Hq8Lc4Xz9Rk1Mv", "Ty5Nw2Hq8Lc4Xz9Rk1Mv"}, []string{"view?resourcekey=", "&usp=sharing"}},
		{"signed", "GET /media/poster.jpg?w=800&signed=Wb3Zk8Qm1Xr6Tn4Lp0Hv 304",
			[]string{"Wb3Zk8Qm1Xr6Tn4Lp0Hv"}, []string{"poster.jpg?w=800&signed=", " 304"}},
		{"access token", "GET /v2/feed?access_token=Rm4Xq9Wz2Kv7Lb1Tn6 502",
			[]string{"Rm4Xq9Wz2Kv7Lb1Tn6"}, []string{"feed?access_token=", " 502"}},
		{"key", "GET https://maps.example.com/geocode?address=Main+St&key=Pz6Lw1Nq8Xk3Vr5Tb 200",
			[]string{"Pz6Lw1Nq8Xk3Vr5Tb"}, []string{"geocode?address=Main+St&key=", " 200"}},
		{"sig", "GET /blob/7a1?sv=2026-01-01&sig=Hq2Vz7Lm4Xw9Kt1Rb5 403",
			[]string{"Hq2Vz7Lm4Xw9Kt1Rb5"}, []string{"?sv=2026-01-01&sig=", " 403"}},
	})
}

// TestGenericQueryLookalikesKept: the same names with values that are no
// token.
func TestGenericQueryLookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"GET /chart.png?t=1764720000 200",
		"GET /watch?v=clip&t=93s 200",
		"GET /feed?page=2&t=1764720000123 200",
		"GET /render?t=dark-theme-2026-compact 200",
		"GET /download?t=release_build_20261203 200",
		"GET /api?signed=true 200",
		"GET /api?signed=2026-12-03T10:00:00Z 200",
		"GET /doc?resourcekey=none 200",
		"GET /doc?resourcekey=0-abc 200",
		"t=Kx7mQ2vLp9Zr4TwN8b is not in a query",
		"point t=12.5 of 40",
	})
}
