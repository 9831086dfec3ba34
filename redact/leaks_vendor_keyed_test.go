package redact_test

import "testing"

// TestTelnyxPolarScalewayMasked: prefixed credentials documented by
// Telnyx (KEY and a time-ordered UUID in upper-case hex, with its secret
// after '_' or without), Polar (polar_oat_, polar_pat_, polar_at_,
// polar_rt_, polar_cs_), Scaleway (SCW access keys) and Modal (as- token
// secrets), as an attr, in a message and in an error, through the
// middleware and slogcore.
func TestTelnyxPolarScalewayMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"telnyx v2 key", "telnyx: dialing +15550100 with KEY0197A3C420D29D12262D4393FD14FDD6_MzeTXJou3pl1jpSAdamsB5 failed",
			[]string{"0197A3C420D29D12262D4393FD14FDD6", "MzeTXJou3pl1jpSAdamsB5"}, []string{"telnyx: dialing ", " failed"}},
		{"telnyx key without its secret", "messaging profile sync rejected KEY0193DAA484162C3F33A658D36CB21646 (401)",
			[]string{"0193DAA484162C3F33A658D36CB21646"}, []string{"messaging profile sync rejected ", " (401)"}},
		{"polar organisation token", `polar sdk init accessToken="polar_oat_WbXdskanO4RfrJO5R6qIowrKhbChVe472BShR6V_y5M" server=sandbox`,
			[]string{"WbXdskanO4RfrJO5R6qIowrKhbChVe472BShR6V_y5M"}, []string{"server=sandbox"}},
		{"polar personal token", "retrying with polar_pat_BZ9hwID3gYFfs-RylI-cWRuTSk5V1OdudUxscZ9MKSA",
			[]string{"BZ9hwID3gYFfs-RylI-cWRuTSk5V1OdudUxscZ9MKSA"}, []string{"retrying with "}},
		{"polar oauth access token", "exchange ok: polar_at_u_Zr8Kq3Lm7Vt2Rw9Ny4Pb6Hs1Jd5Fg0Cx8Ae3Wq7Tk2",
			[]string{"Zr8Kq3Lm7Vt2Rw9Ny4Pb6Hs1Jd5Fg0Cx8Ae3Wq7Tk2"}, []string{"exchange ok: "}},
		{"polar refresh token", "stored polar_rt_o_Mn4Bv7Cx2Zl9Kj5Hg8Fd3Sa6Qw1Er0Ty4Ui7Op2As5",
			[]string{"Mn4Bv7Cx2Zl9Kj5Hg8Fd3Sa6Qw1Er0Ty4Ui7Op2As5"}, nil},
		{"polar client secret", "client registered: polar_cs_Yt6Re3Wq9Po2Iu5Ly8Tk1Jh4Gf7Ds0Az3Xc6Vb9Nm2",
			[]string{"Yt6Re3Wq9Po2Iu5Ly8Tk1Jh4Gf7Ds0Az3Xc6Vb9Nm2"}, []string{"client registered: "}},
		{"modal token secret", "modal token set --token-id ak-Vq8Lm3Zx7Tb2Nc5Rw9Yh --token-secret as-Pk4Wd8Hs2Jq6Lz0Xm3Cv7B",
			[]string{"Pk4Wd8Hs2Jq6Lz0Xm3Cv7B"}, []string{"modal token set --token-id ak-Vq8Lm3Zx7Tb2Nc5Rw9Yh"}},
		{"modal secret in prose", "deploy used as-Rt5Yb9Nm2Qw6Ek1Zs8Xd4F from ~/.modal.toml",
			[]string{"Rt5Yb9Nm2Qw6Ek1Zs8Xd4F"}, []string{"deploy used ", " from ~/.modal.toml"}},
		{"scaleway access key", "scw: using SCWNTURL3AVRXIQEBHED in fr-par",
			[]string{"SCWNTURL3AVRXIQEBHED"}, []string{"scw: using ", " in fr-par"}},
	})
	requireWholeKept(t, nil, []string{
		"KEYBOARD_LAYOUT=us KEY0123 rotated",
		"lookup KEY0197a3c420d29d12262d4393fd14fdd6 in the cache", // lower-case hex: a cache key, not Telnyx's
		"KEY0197A3C420D29D12262D4393FD14F is short by two digits",
		"KEY01234567890123456789012345678901 holds no letter",
		"oauth client polar_ci_Zr8Kq3Lm7Vt2Rw9Ny4Pb6Hs1Jd5Fg0Cx8Ae3Wq7Tk2 registered", // a client id is public
		"polar_bear_sighting_report_2026_q3 uploaded",
		"SCW_DEFAULT_REGION=fr-par SCW_DEFAULT_ZONE=fr-par-1",
		"SCWORKERPOOLMANAGER restarted",
		"SCWNTURL3AVRXIQEBHED7 has a byte too many",
		"shipped as-is, as-needed and as-of-2026 builds",
		"as-ExtremelyLongReleaseNameWithoutDigits kept",
	})
}

// TestVendorNamedValuesMasked: a secret without a prefix whose key is its
// vendor's name alone or with words that do not name a secret
// (cloudflare: "…", a tuple ("artifactory", "…"), sumologic.accessId)
// is masked when it has the vendor's documented length and alphabet, in
// the assignment, YAML, JSON, tuple and arrow forms that configuration
// and code write.
func TestVendorNamedValuesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"cloudflare yaml", `cloudflare: "8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht"`,
			[]string{"8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht"}, []string{"cloudflare: "}},
		{"cloudflare global key", "CLOUDFLARE_GLOBAL=d248e5fd36066aba829462b5d785bc12846b8 zone=example.org",
			[]string{"d248e5fd36066aba829462b5d785bc12846b8"}, []string{"CLOUDFLARE_GLOBAL=", "zone=example.org"}},
		{"cloudflare json", `{"cloudflare":"8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht","zone":"example.org"}`,
			[]string{"8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht"}, []string{"example.org"}},
		{"cloudflare escaped json", `payload {\"cloudflare\": \"8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht\"}`,
			[]string{"8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht"}, []string{"payload "}},
		{"artifactory tuple", `creds = ("artifactory", "ccid362xml3rldtywvn71z8n6hwjtejpj1arand9f0dx6u9um47nu99j46cpn4eg")`,
			[]string{"ccid362xml3rldtywvn71z8n6hwjtejpj1arand9f0dx6u9um47nu99j46cpn4eg"}, []string{"creds = "}},
		{"jfrog ruby hash", `:jfrog => 'ZCZPbmlyM9DtB11y39GpNO65Q3OffILkIopAQEh3GxUrGN7O5jvYsXfVOljQdKaL6S9f9gh6k'`,
			[]string{"ZCZPbmlyM9DtB11y39GpNO65Q3OffILkIopAQEh3GxUrGN7O5jvYsXfVOljQdKaL6S9f9gh6k"}, nil},
		{"sourcegraph go", `sourcegraph := "ddf468bd755841ebfcc19c8b5b7af4a821693fa1"`,
			[]string{"ddf468bd755841ebfcc19c8b5b7af4a821693fa1"}, nil},
		{"sumo access id", `export SUMO_ACCESS_ID="suhy3iHc1WALAX"`, []string{"suhy3iHc1WALAX"}, []string{"SUMO_ACCESS_ID="}},
		{"sumologic camel id", "sumologic.accessId = suhy3iHc1WALAX", []string{"suhy3iHc1WALAX"}, nil},
		{"sumologic key", "sumologic.accessKey: biGtZcmBubtFIdK5eU8cB91PNig9FXbvz2qVRGt8MbjZcQwORb458EvlFKtNMSya",
			[]string{"biGtZcmBubtFIdK5eU8cB91PNig9FXbvz2qVRGt8MbjZcQwORb458EvlFKtNMSya"}, nil},
		{"twitch arrow", "twitch -> jxcxw27n7t29b0bazz7wyeg6remw4l", []string{"jxcxw27n7t29b0bazz7wyeg6remw4l"}, nil},
		{"kraken", "kraken=ytuipEyuQpLXXhp9BI3pm/v2/Sf5zuBmUifo1UOQ9gb6PcgE+ohbmNP5004JjexcCJKYvPc1rhBISUamsSMIlAoD",
			[]string{"ytuipEyuQpLXXhp9BI3pm/v2/Sf5zuBmUifo1UOQ9gb6PcgE"}, nil},
		{"netlify padded", "netlify=GTd7FguoV8FWnFbB0JxXujr4qqaaABvvLOzAxzXMcU== site=docs",
			[]string{"GTd7FguoV8FWnFbB0JxXujr4qqaaABvvLOzAxzXMcU"}, []string{"site=docs"}},
		{"cloudflare xml element", "<settings><cloudflare>8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht</cloudflare></settings>",
			[]string{"8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht"}, []string{"<settings><cloudflare>", "</cloudflare></settings>"}},
		{"sourcegraph makefile", "SOURCEGRAPH ?= ddf468bd755841ebfcc19c8b5b7af4a821693fa1",
			[]string{"ddf468bd755841ebfcc19c8b5b7af4a821693fa1"}, []string{"SOURCEGRAPH ?= "}},
		{"zendesk in a line", "loaded zendesk: T8G81v6v9PySWolg9wSS6ATfxjfEUTsUK6bsuAGD from vault",
			[]string{"T8G81v6v9PySWolg9wSS6ATfxjfEUTsUK6bsuAGD"}, []string{"loaded zendesk: ", " from vault"}},
	})
	requireWholeKept(t, nil, []string{
		`cloudflare_account_id: "bDHYAMlGr4Y_FTDIu8jX9ZBLg8ogE3EFvCLEQzlO"`, // an id, whatever its shape
		"sourcegraph_commit: 8f0ed2523af92fed1ff3000d24f9360f20988908",      // a digest
		`cloudflared: "8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht"`,           // another name
		"cloudflare: 8f0ed2523af92fed1ff3000d24f9360f20988908",              // 40 hex digits: a digest, not a token
		`cloudflare: "https://api.cloudflare.com/client/v4"`,
		"cloudflare: enabled, artifactory: https://acme.jfrog.io/artifactory/libs-release",
		"twitter: @acme_support travis: passed (build 4821)",
		"cloudflare returned 8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht-like ids", // no operator
		"zendesk: ticket 4821 reopened by agent 77",
		"sumo: suggestionsEnabled",
		"<cloudflare>enabled</cloudflare> <cloudflare_zone_id>8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht</cloudflare_zone_id>",
		"kraken: /var/lib/kraken/backups/2026/01/nightly/snapshot0001/part0002/segment0003/chunk0004x", // a path
		"cloudflare: 8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht.example.net",                             // a host name
		"cloudflare => 8lI9PWJj4TXARqPXLPmcAYEU4_wtGbKIPT4WViht/purge",                                 // a route
		"my_cloudflare_worker: version 8lI9PWJj4TXARqPXLPmcAYEU4",                                      // too short
	})
}

// TestVendorNamedValuesOfCommonWordsMasked: vendors whose names start
// common words (Datadog, Sentry, Travis CI, Linear, Plaid…) have their
// secrets masked after their name as a key, in the vendor's documented
// shape, while their ordinary settings (a site, a DSN's public key, a
// build status, a flag's name) are kept.
func TestVendorNamedValuesOfCommonWordsMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"datadog api key yaml", `datadog: "a4c123b1612dd272d1371c17149d4395"`, []string{"a4c123b1612dd272d1371c17149d4395"}, []string{"datadog: "}},
		{"datadog app key env", "DATADOG_APP=gLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vU region=eu",
			[]string{"gLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vU"}, []string{"DATADOG_APP=", "region=eu"}},
		{"sentry auth token", "SENTRY=e923d5a4fd12aabfe228f219e9cb0eb53f16947ccf25ec84d8dbc74254770f58",
			[]string{"e923d5a4fd12aabfe228f219e9cb0eb53f16947ccf25ec84d8dbc74254770f58"}, []string{"SENTRY="}},
		{"sendbird go", `sendbird := "904dba41ecccc3fc1626e53a13043b026c48bbf3"`, []string{"904dba41ecccc3fc1626e53a13043b026c48bbf3"}, nil},
		{"confluent tuple", `auth = ("confluent", "h2FDEEtfjgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZYW2mZp0zV")`,
			[]string{"h2FDEEtfjgVvVqE1SkHbn88HxjSI6bWHtP3fS2qHx6kwXoIIXGvOoNZYW2mZp0zV"}, []string{"auth = "}},
		{"confluent cloud key", "confluent: OM75WBBR4QMW2WXF", []string{"OM75WBBR4QMW2WXF"}, []string{"confluent: "}},
		{"contentful ruby", `:contentful => 'CnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBd'`, []string{"CnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBd"}, nil},
		{"codecov makefile", "CODECOV ?= qnsGpWLuqIA1id6Vw5DQL05HA064GiIj", []string{"qnsGpWLuqIA1id6Vw5DQL05HA064GiIj"}, []string{"CODECOV ?= "}},
		{"codecov upload uuid", "codecov: 3f9c2e41-7b8d-4a06-9e15-c2d4b6a8f013 uploaded", []string{"3f9c2e41-7b8d-4a06-9e15-c2d4b6a8f013"}, []string{" uploaded"}},
		{"intercom arrow", "intercom -> c4xatws8phP9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3Z", []string{"c4xatws8phP9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3Z"}, nil},
		{"linear client secret xml", "<linear>ad6ba2b0aee0ca923732881584d8c4fa</linear>", []string{"ad6ba2b0aee0ca923732881584d8c4fa"}, []string{"<linear>", "</linear>"}},
		{"linkedin secret", "linkedin: frdZSlB5er8bOf", []string{"frdZSlB5er8bOf"}, nil},
		{"looker secret json", `{"looker":"ZqfM2oeq3hDavJA76rNicHTp"}`, []string{"ZqfM2oeq3hDavJA76rNicHTp"}, nil},
		{"fastly in a line", "purge with fastly: ouHgxzNNAL5wIScGebcy8F5n3-YNBDRz failed", []string{"ouHgxzNNAL5wIScGebcy8F5n3-YNBDRz"}, []string{"purge with fastly: ", " failed"}},
		{"plaid secret", "plaid = 14TUOizwd1iaeOV4qBkdfQ1y3GQsMp", []string{"14TUOizwd1iaeOV4qBkdfQ1y3GQsMp"}, nil},
		{"launchdarkly", `launchdarkly: "Lf6xuI5aHUQPFeNBTxaQWk8JzFalHlsZfYcMMDkt"`, []string{"Lf6xuI5aHUQPFeNBTxaQWk8JzFalHlsZfYcMMDkt"}, nil},
		{"messagebird", "MessageBird=Q5TY4MyWuUFjsUNPjc01T5GOB", []string{"Q5TY4MyWuUFjsUNPjc01T5GOB"}, nil},
		{"freshbooks", "freshbooks: USZGi6HWGK10Zb0RLZ5TR9SPofbciOx9gy1CJdObOIRpFqaDZeV7G5IfQHeVVEqZ",
			[]string{"USZGi6HWGK10Zb0RLZ5TR9SPofbciOx9gy1CJdObOIRpFqaDZeV7G5IfQHeVVEqZ"}, nil},
		{"finicity", "finicity: e2qpUWnoVPDF2yeE6RsX", []string{"e2qpUWnoVPDF2yeE6RsX"}, nil},
		{"travis", "travis: RgSnRFsTHsDDDXh5Jmtf7E", []string{"RgSnRFsTHsDDDXh5Jmtf7E"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"datadog_site: datadoghq.eu",
		"datadog: enabled, sentry: enabled, travis: passed (build 9130)",
		"sentry_environment: production sentry_traces_sample_rate: 0.25",
		"sentry_release: 2026.03.1+b7f3e21",
		"sentry_commit: e923d5a4fd12aabfe228f219e9cb0eb53f16947ccf25ec84d8dbc74254770f58", // a digest
		"sentry.example.com/api/0/projects/acme-web/",
		"sendbird_app_id: 9c1e7a52-3d4b-4f60-8a2e-1b5c7d9e0f31",
		"codecov: 87.3% coverage on 4821 lines",
		"linear: true linear_regression_coef: 0.8731",
		"linearly interpolated 14TUOizwd1iaeOV4qBkdfQ1y3GQsMp", // no operator
		"plaid_env: sandbox plaid_products: auth,transactions",
		"launchdarkly_flag: new-checkout-flow-2026",
		"looker_version: 24.2.15",
		"fastly: https://acme.global.ssl.fastly.net/assets/app2026.js",
		"travis_build_number: 48213 travis_job: RgSnRFsTHsDDDXh5Jmtf7Ex", // a byte too many
		"confluent: lkc-7x9q2m cluster in eu-west-1",
	})
}

// TestVendorNameAfterUnderscoreMasked: a vendor's name after '_' in a
// key (Terraform's TF_VAR_, a project's own prefix) names its secret as
// the name alone does; the same name inside a longer word, or a key that
// names an id, is kept.
func TestVendorNameAfterUnderscoreMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"terraform variable", `TF_VAR_cloudflare = "Hn4Tq8Wz1Lx6Vb3Rk9Ys2Pd7Jc5Mf0Ge_Ua-Kw3E"`,
			[]string{"Hn4Tq8Wz1Lx6Vb3Rk9Ys2Pd7Jc5Mf0Ge_Ua-Kw3E"}, []string{"TF_VAR_cloudflare = "}},
		{"prefixed env", "export ACME_DATADOG=5e8a1c3f7b2d9e4a6c0f8b1d3e5a7c9f",
			[]string{"5e8a1c3f7b2d9e4a6c0f8b1d3e5a7c9f"}, []string{"export ACME_DATADOG="}},
		{"prefixed env with a tail", "ci_travis_api: Pz6Lq2Wx9Ns4Kd7Hb1Tf3R next",
			[]string{"Pz6Lq2Wx9Ns4Kd7Hb1Tf3R"}, []string{"ci_travis_api: ", " next"}},
		{"short name after underscore", "APP_SUMO_ACCESS_ID=suTr4Yh7Kw2Pq9",
			[]string{"suTr4Yh7Kw2Pq9"}, []string{"APP_SUMO_ACCESS_ID="}},
	})
	requireWholeKept(t, nil, []string{
		"TF_VAR_cloudflare_zone_id = Hn4Tq8Wz1Lx6Vb3Rk9Ys2Pd7Jc5Mf0Ge_Ua-Kw3E",
		"TF_VAR_cloudflared = Hn4Tq8Wz1Lx6Vb3Rk9Ys2Pd7Jc5Mf0Ge_Ua-Kw3E",
		"ACME_DATADOG_SITE=datadoghq.eu ACME_SENTRY_ENV=staging",
		"use_linear_scale: true is_travis_build=1",
		"snake_case_sentry_release_2026_04 tagged",
	})
}
