package redact_test

import "testing"

// TestAIToolingKeysMasked: Chroma Cloud, Daytona, Helicone, Mixedbread,
// Nomic and Pangea keys as an attr's value, in a message and in an error.
func TestAIToolingKeysMasked(t *testing.T) {
	const (
		chroma  = "ck-boADG7AQEdkTL1RKfbJhzPZekYJKaGMqbrWgJUFBWvMV"
		daytona = "dtn_adba82f972ace078fa73accf4b8c9ca268c922d6ff15e694c5d733c27c1f325e"
		helic   = "sk-helicone-7s6pdgi-yhxrswa-mqz7zz5-d54itd5"
		proxy   = "sk-helicone-proxy-csbijgq-wcqxvfx-euzzurz-okcywes-pv26zks"
		mixed   = "mxb_G4SmtgKnPtirdstiG7Sg8YdCanbO"
		nomic   = "nk-XXOmSLghcMLwwjzgWWN8xz7TiKDILgJEEbPDWgqUG5g"
		pangea  = "pts_nrecckpi7aojygku2fi3mva36e5iognt"
	)
	requireEveryMode(t, []textCase{
		{"chroma key in prose", "vector store client built with " + chroma + " for tenant eu",
			[]string{chroma[3:]}, []string{"vector store client built with ", " for tenant eu"}},
		{"daytona key in json", `{"provider":"daytona","cred":"` + daytona + `","cpus":4}`,
			[]string{daytona[4:]}, []string{`"cpus`, `4}`}},
		{"helicone key in a header", `curl -H "Helicone-Auth: Bearer ` + helic + `" https://oai.helicone.ai/v1/chat`,
			[]string{"7s6pdgi-yhxrswa-mqz7zz5-d54itd5", "d54itd5"}, []string{"https://oai.helicone.ai/v1/chat"}},
		{"helicone proxy key in prose", "gateway uses " + proxy + " upstream",
			[]string{"csbijgq-wcqxvfx", "pv26zks"}, []string{"gateway uses ", " upstream"}},
		{"mixedbread key in a path", "GET https://relay.example.net/mxb/" + mixed + "/stores 401",
			[]string{mixed[4:]}, []string{"https://relay.example.net/mxb/", "/stores 401"}},
		{"nomic key in prose", "atlas embed batch 7 with " + nomic + " failed: 429",
			[]string{nomic[3:]}, []string{"atlas embed batch 7 with ", " failed: 429"}},
		{"pangea token in json", `{"svc":"audit","cred":"` + pangea + `","ok":false}`,
			[]string{pangea[4:]}, []string{`"ok`, `false}`}},
	})
}

// TestAIToolingKeyLookAlikesKept: CSS classes, ids and digests that share
// those prefixes are kept.
func TestAIToolingKeyLookAlikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"render ck-editor-toolbar-button-group-primary-v2 ok",
		"class ck-boADG7AQEdkTL1RKfbJhzPZekYJKaGMqbrWgJUFBWvMVx9 overlong",
		"artifact dtn_adba82f972ace078fa73accf4b8c9ca268c922d6ff15e694c5d733c27c1f short",
		"topic sk-helicone-usage-monthly-report ready",
		"index mxb_documents_store_archive_2026 ready",
		"node nk-worker-pool-eu-west-1-general-purpose-a ready",
		"column pts_per_game_average_2026 added",
		"column pts_abcdefghijklmnopqrstuvwxyzabcdef added",
	})
}
