package redact_test

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// tokenInTexts returns textCases that write tok in the places a log line
// holds one: in prose, as a JSON string, in a URL's query, after "key=",
// in quotes and as a segment of a URL's path. Only the token's secret
// part (tok without its first skip bytes) must go; the words around it
// stay.
func tokenInTexts(name, tok string, skip int) []textCase {
	secret := []string{tok[skip:]}
	if len(tok)-skip > 16 {
		secret = []string{tok[skip : skip+12], tok[len(tok)-12:]}
	}
	return []textCase{
		{name + " in prose", "client built with " + tok + " for tenant eu", secret, []string{"client built with ", " for tenant eu"}},
		{name + " in json", `{"svc":"sync","cred":"` + tok + `","n":4}`, secret, []string{`"n`, `4}`}},
		{name + " in a query", `Get "https://api.example.net/v1/items?ref=` + tok + `&page=2": 401 Unauthorized`, secret,
			[]string{"https://api.example.net/v1/items?ref=", "page=2", "401 Unauthorized"}},
		{name + " after key=", "opts ref=" + tok + " mode=full", secret, []string{"opts ref=", " mode=full"}},
		{name + " in quotes", "token '" + tok + "' loaded", secret, []string{"token '", "' loaded"}},
		{name + " as a path segment", "PUT https://relay.example.net/v2/" + tok + "/items 201", secret,
			[]string{"https://relay.example.net/v2/", "/items 201"}},
	}
}

// TestDetectorRuleTokensMasked: generated tokens of the formats that
// TruffleHog's detectors know by a prefix and a layout (Alchemy,
// pganalyze, Spectral, 42 user tokens, Figma OAuth tokens, Alibaba's short
// AccessKey IDs, New Relic mobile and EU keys, Azure API Management Git
// passwords), in each place of tokenInTexts, as an attr, in a message and
// in an error.
func TestDetectorRuleTokensMasked(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 7))
	g := func(a string, n int) string { return gen(rng, a, n) }
	digits := "0123456789"
	var cases []textCase
	add := func(name, prefix string, bodies ...string) {
		for _, b := range bodies {
			cases = append(cases, tokenInTexts(name, prefix+b, len(prefix))...)
		}
	}
	add("alchemy", "alcht_", g(alnum, 30), g(alnum, 30))
	add("pganalyze", "pgar_", g(alnum, 27))
	add("spectral", "spu-", g(lowers+digits, 32))
	add("42 user", "u-s4t2ud-", g(lhex, 64))
	add("42 user", "u-s4t2af-", g(lhex, 64))
	for _, p := range []string{"figo_", "figr_", "figor_", "figoh_"} {
		add("figma", p, g(urlSafe, 40))
	}
	add("alibaba short id", "LTAI", g(alnum, 12), g(alnum, 16))
	add("new relic mobile", "AA", g(lhex, 40)+"-NRMA")
	add("new relic eu mobile", "eu01xx", g(lhex, 36)+"-NRMA")
	add("new relic eu license", "eu01xx", g(lhex, 26)+"FFFFNRAL")
	add("new relic license", "", g(lhex, 32)+"FFFFNRAL")
	add("apim git", "git&", g(digits, 12)+"&"+g(b64, 86)+"==")
	add("robinhood upper", "rh-api-", strings.ToUpper(g(lhex, 8)+"-"+g(lhex, 4)+"-4"+g(lhex, 3)+"-a"+g(lhex, 3)+"-"+g(lhex, 12)))
	add("apideck", "sk_live_", g(alnum, 40)+"-"+g(alnum, 30)+"-"+g(alnum, 21))
	requireEveryMode(t, cases)
}

// TestDetectorRuleLookAlikesKept: identifiers, CSS classes, file names,
// hashes and words that start like those formats but lack their layout.
func TestDetectorRuleLookAlikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"table alcht_metrics_daily_rollup_v2 refreshed",
		"column pgar_read_replica_lag_seconds added",
		"class spu-header-navigation-primary-button set",
		"render spu-0123456789abcdef0123456789abcdef digest",
		"file figur_export_final_v3.png saved",
		"module figo_layout_engine_service loaded",
		"status LTAINTERNATIONAL ok",
		"var LTAI_region_name set",
		"sum AA3f9e1c0b7a6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a digest",
		"ratings AA AAA AA+ unchanged",
		"region eu01xx-west-frankfurt ready",
		"remote git&branch=main&depth=1 fetched",
		"sha 0123456789abcdef0123456789abcdef01234567 merged",
		"stripe mode sk_live_mode disabled",
	})
}
