package redact_test

import (
	"strings"
	"testing"
)

// TestKeyedTokensMaskedInURLPaths: the keys known by their length and a
// signature inside them (Microsoft's annotated keys, Azure DevOps personal
// access tokens, Azure AI Search keys, New Relic license keys) and the
// Bitwarden and Microsoft tokens whose end is a '/' are masked whole as
// one segment of a URL's path, the segments around them kept.
func TestKeyedTokensMaskedInURLPaths(t *testing.T) {
	const (
		ado    = "iekM0WPu64DrO6eX60zz6mvCOF5wk9x01uYv2K5Z1w2G3Q0mIxkDJQQJ99NKStbRSkprFUvR5mrIAZDOXPZ3"
		cask   = "N7PSyhUcGBk5ZjidJ5YQHmrsxTcRLlymg3dygsesiUwIVGIp3R3DJQQJ99CDqDVjLdpl4UgF0V9eARRE3QA5"
		search = "50Z36vQwshIOYSO0DHr3wVHozaGmUSgYin2y1mMPBCAzSeB0WgBd"
		nral   = "e6ed5c1b8b099296bd7a9dfe8d3e76cdbfa1NRAL"
		bw     = "0.5f2d7c1a-3e9b-4a60-8d2c-7b1e0f9a6c34.wgquynkFFEkon62oMiPnmEdRJ8AjfA:1SsdfpQGGsiVzZRXKxcdxu=="
	)
	ms := "0.AXkA" + strings.Repeat("Tq3-Vw8_Lm2Zk5", 12)
	requireEveryMode(t, []textCase{
		{"azure devops pat between segments", "POST https://hooks.example.org/in/" + ado + "/ack 202",
			[]string{ado[:20], ado[40:], "JQQJ9"}, []string{"POST https://hooks.example.org/in/", "/ack 202"}},
		{"azure devops pat last segment", "GET https://dev.example.org/_apis/tokens/" + ado + " 401",
			[]string{ado[:20], ado[40:]}, []string{"/_apis/tokens/", " 401"}},
		{"annotated key first of a relative path", "fetch " + cask + "/v2/items?top=5 failed",
			[]string{cask[:20], cask[40:]}, []string{"fetch ", "/v2/items?top=5 failed"}},
		{"search key between segments", "DELETE /indexes/docs/" + search + "/keys 204",
			[]string{search[:20], search[30:]}, []string{"DELETE /indexes/docs/", "/keys 204"}},
		{"new relic key between segments", "POST /v1/accounts/" + nral + "/events 200",
			[]string{nral}, []string{"POST /v1/accounts/", "/events 200"}},
		{"bitwarden token between segments", "GET /sm/" + bw + "/secrets 200",
			[]string{"wgquynkFFEkon62oMiPnmEdRJ8AjfA", "1SsdfpQGGsiVzZRXKxcdxu"}, []string{"GET /sm/", "/secrets 200"}},
		{"bitwarden token before a full stop", "rotated " + bw + ". Next run at 04:00",
			[]string{"wgquynkFFEkon62oMiPnmEdRJ8AjfA", "1SsdfpQGGsiVzZRXKxcdxu"}, []string{"rotated ", ". Next run at 04:00"}},
		{"microsoft token between segments", "GET /oauth/" + ms + "/refresh 400",
			[]string{ms[:30], ms[len(ms)-30:]}, []string{"GET /oauth/", "/refresh 400"}},
	})
}

// TestKeyedTokenLookAlikesInURLPathsKept: path segments of the keys'
// lengths without their signatures, or with it in the wrong place, and
// base64 with '/' around a "0.A" run stay as they are.
func TestKeyedTokenLookAlikesInURLPathsKept(t *testing.T) {
	seg84 := strings.Repeat("Kd7Lm2Np4Qr6St8Vw0Xz", 5)[:84]
	shifted := strings.Repeat("Hb5Jc9Kd3Lf", 5)[:51] + "JQQJ99" + strings.Repeat("Mn4Pq8Rs2Tv6", 3)[:19] + "AZDO" + "Wx7Y"
	requireWholeKept(t, nil, []string{
		"GET https://cdn.example.org/assets/" + seg84 + "/app.js 200",
		"GET https://cdn.example.org/assets/" + shifted + "/app.js 200",
		"GET /builds/2026/" + strings.Repeat("3f9a", 10) + "/logs 200",
		"GET /releases/0.A1b2/notes 200",
		"read /var/lib/app/0.5f2d7c1a-3e9b-4a60-8d2c-7b1e0f9a6c34/state.json",
	})
}

// TestSlackAppTokenEndsBeforeSlash: Slack's app-level tokens are "xapp-",
// a digit, the app's id, a number and hex digits; a '/' is no part of
// them, so what follows it is kept.
func TestSlackAppTokenEndsBeforeSlash(t *testing.T) {
	tok := "xapp-1-A07QXZ4K2MN-8102947365018-" + strings.Repeat("c4e1a9", 10) + "d7b2"
	tokenExact(t, map[string]string{
		"socket " + tok + "/reconnect ok":                         "socket [REDACTED]/reconnect ok",
		"wss://wss.example.org/link/?ticket=" + tok + "&app_id=7": "wss://wss.example.org/link/?ticket=[REDACTED]&app_id=7",
	})
}

// TestMarkedTokenEndsInURLs: a Terraform Cloud token (base64url around
// ".atlasv1.") ends at a URL's '/' and '.' and starts after the path
// before it, and a Freemius secret key (29 bytes after "sk_") ends before
// a URL's next segment or parameter; look-alikes stay.
func TestMarkedTokenEndsInURLs(t *testing.T) {
	tf := "k8w2m4q6z1x3c5.atlasv1." + strings.Repeat("Rv7Tn2Lp9-Xq4_Wz", 4) + "Hb3K"
	fm := "sk_Pq4!Lm9xW2" + "&Zt7#" + "Kd3Rv8Nb1Hs6Yc"
	tokenExact(t, map[string]string{
		"PUT https://tfe.example.org/api/" + tf + "/runs 201": "PUT https://tfe.example.org/api/[REDACTED]/runs 201",
		"token " + tf + ". Next":                              "token [REDACTED]. Next",
		"GET https://api.example.org/v1/" + fm + "/plans 200": "GET https://api.example.org/v1/[REDACTED]/plans 200",
		"GET /v1/plugins?secret=" + fm + "&page=2":            "GET /v1/plugins?secret=[REDACTED]&page=2",
		// Look-alikes: a short id before the marker, and 29 bytes of
		// lower-case letters (no digit, no capital) before a '/'.
		"GET /v2/" + "ab12.atlasv1." + strings.Repeat("Rv7Tn2Lp9", 8) + "/x": "GET /v2/" + "ab12.atlasv1." + strings.Repeat("Rv7Tn2Lp9", 8) + "/x",
		"GET /sk_" + strings.Repeat("settings", 4)[:29] + "/billing/x":       "GET /sk_" + strings.Repeat("settings", 4)[:29] + "/billing/x",
	})
}
