package redact_test

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWebhookURLsEndWhereTheirPathEnds: a webhook URL whose host is its
// format (Slack, Discord, Zapier, IFTTT) is masked up to the segments of
// the path that the vendor issues; the segment after them (a proxy's
// route, a retry's) and the query are kept.
func TestWebhookURLsEndWhereTheirPathEnds(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 11))
	g := func(a string, n int) string { return gen(rng, a, n) }
	upper := "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	digits := "0123456789"
	slackTok, wfTok, discordTok := g(alnum, 24), g(alnum, 24), g(urlSafe, 68)
	zapHook, iftttKey, useKey := g(lowers+digits, 7), g(urlSafe, 22), g(urlSafe, 22)
	requireEveryMode(t, []textCase{
		{"slack services behind a proxy",
			"relay https://proxy.example.net/fwd/hooks.slack.com/services/T" + g(upper, 10) + "/B" + g(upper, 10) + "/" + slackTok + "/retry 502",
			[]string{slackTok}, []string{"https://proxy.example.net/fwd/", "/retry 502"}},
		{"slack services then a path",
			`Post "https://hooks.slack.com/services/T` + g(upper, 8) + "/B" + g(upper, 10) + "/" + slackTok + `/ack": context deadline exceeded`,
			[]string{slackTok}, []string{"/ack", "context deadline exceeded"}},
		{"slack workflow then a path",
			"post https://hooks.slack.com/workflows/T" + g(upper, 10) + "/A" + g(upper, 10) + "/" + g(digits, 18) + "/" + wfTok + "/extra failed",
			[]string{wfTok}, []string{"/extra failed"}},
		{"discord then a route and a query",
			"post https://discord.com/api/webhooks/" + g(digits, 18) + "/" + discordTok + "/slack?wait=true failed",
			[]string{discordTok[:20], discordTok[40:]}, []string{"/slack?wait=true failed"}},
		{"discordapp behind a proxy",
			"relay /fwd/discordapp.com/api/webhooks/" + g(digits, 18) + "/" + discordTok + "/github ok",
			[]string{discordTok[:20], discordTok[40:]}, []string{"relay /fwd/", "/github ok"}},
		{"zapier then a path",
			"post https://hooks.zapier.com/hooks/catch/" + g(digits, 7) + "/" + zapHook + "/silent/ done",
			[]string{zapHook}, []string{"/silent/ done"}},
		{"ifttt trigger then a path",
			"get https://maker.ifttt.com/trigger/door_open/with/key/" + iftttKey + "/next done",
			[]string{iftttKey}, []string{"/next done"}},
		{"ifttt use then a path",
			"get https://maker.ifttt.com/use/" + useKey + "/status done",
			[]string{useKey}, []string{"/status done"}},
	})
}

// TestBase64TokenPaddedAfterSlashMaskedWhole: a base64 token that starts
// a URL's path segment and holds a '/' among its last bytes, before its
// padding, is masked whole: the piece after that '/' is no path segment.
func TestBase64TokenPaddedAfterSlashMaskedWhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 3))
	b64 := strings.ReplaceAll(b64, "/", "")
	tail := gen(rng, alnum, 5)
	bedrock := "ABSK" + gen(rng, b64, 120) + "/" + tail + "="
	requireEveryMode(t, []textCase{
		{"bedrock key with a slash near its end as a path segment", "POST /v1/relay/" + bedrock + "/invoke 202",
			[]string{bedrock[4:40], tail + "="}, []string{"POST /v1/relay/", "/invoke 202"}},
	})
}
