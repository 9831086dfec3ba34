package redact_test

import (
	"strings"
	"testing"
)

// vendorFormat2Secrets are credentials of the formats in vendorFormats2
// (and of the catalog's formats whose alphabet or length they widened),
// each with the vendor's prefix and body as its detector reads it.
var vendorFormat2Secrets = []struct{ name, secret string }{
	{"sourcegraph cody", "slk_4159892b42de4d958e4c1ce1e0e59988a8d23d5392a599e120fd3207cf47dc5f"},
	{"recharge", "sk_3x2_9625145a69663504a6a8cdfa5bb712f143b2e1419fdb805045a3f690413fc929"},
	{"recharge sandbox", "sk_test_10x1_5ad92af09f3f38e6f968efd202683abf10fa3adbf12c26c37794e50b2e5575e3"},
	{"finage", "API_KEYY82FL53KPXK0945WZ6E8WWPHALEZDEIL"},
	{"close", "api_783a2EtFsZZJ4hoWHuV6S0.33qjvzuLmyzsuIMjOws4yZ"},
	{"dfuse", "web_rhep5nalg9jvwy8z7dssldxewlv51nm8"},
	{"klaviyo", "pk_19255baa7e56fb63287408705176fed6ed"},
	{"klaviyo with account", "pk_bei1G7_3c048f7730a6554b6a9cda4b75e200e880"},
	{"locationiq", "pk.d64687f1730e4741478a311912ed4400"},
	{"courier", "pk_prod_7MOSK55KN25LPDH0QIFDAF2S8OWP"},
	{"courier test", "pk_test_ID75BBX52IKCBGJPZD422WNQXMEP"},
	{"checio", "pk_cksw6wegxq975fm9jgho9iox60wc2rxdaclnjhkaztc69"},
	{"salesblink", "key-6VRbglTTTJ38AfcLV08RVHQKaii5b6gQ4BlPqqLvjy6nr5nep7XZkUjRDRvvv8Ni"},
	{"besttime", "pri_2dbce71d23f9ff3f77509926723bd230"},
	{"photoroom", "sk_pr_ZJ3OMNiyRa2u_5c749e6e016bad3448d2138a2f16e5dca3f53a00"},
	{"photoroom sandbox", "sandbox_sk_pr_o1vr37q69_5de0a0456f43f406720b748289539e1cd085d049"},
	{"portainer", "ptr_ME4FhfhQBTtdGGaflJXnQTNyIlfYo+n5GLa2hXhMbO7="},
	{"teamwork", "tkn.v1_Iv2Aa822I8R7Fq47yAv2jLMjwpkh6WyByz5l2CVpSX5X569zSh77XR3SYWwmGnZjnwAeJoI="},
	{"ecostruxure", "AK1klSkBKhZYlRuoQ05UDsIy6waeglfrvYs2JMxrxR9SGsgj2e5C6XY"},
	{"convertapi", "secret_ECm7FV1OCBDaFFJW"},
	{"iex cloud", "sk_coa66h9cr3hizrs219v4w6ai33y6i8wn"},
	{"ticket tailor", "sk_3120_308844_b5a8856e066570856911bed6587bf2cf"},
	{"typeform short", "tfp_BBbZ9YW7cb26RNyaaxQIl6MFgKQW02lhpSgsUD_eg4V2Ew"},
	{"flyio", "FlyV1 fm9_lJPECMGiTjedYeulb+cTgfi-7dJz54T4RmI0o+WGzm3NSQGYeMPo-t=Q1VLaRwC+OV6rqtcGCl3uQeyK5VS-ejBqKLVka8jZUpsHRn_czKbio6HHFnfIW7JC6ieG=Fwo-5WeTQK6x46BtT/uPB=6H6YW1AkeWrQwm2hE6U1yOq/MA-rUaDKmVPUR"},
	{"apify with dash", "apify_api_O3MceHZD29TVq0hQLn-zS7cbeLAY8MGDXUpk"},
	{"replicate with underscore", "r8_pL0Oo07OFFvhFENDSGKl_brLE15JW7dP2XHBl"},
	{"posthog with underscore", "phx_xJX1Bmxzd5HgEJG1BQWBx_Lu0LUBg6knsLXxcaQgffmU"},
	{"xai with underscore", "xai-eqtLqwKrKxl4lWmBXBNcbs3dx4prrntWMvQtevLs_tTWsiSCZYjEypYRGMARZYuSBaH5PVQNtvL7XIti"},
	{"mailgun lower-case", "key-z00b57ojz16hw4rsuoj69ctw3k6i1g5w"},
	{"newrelic insert 25", "NRII-k8d7k196r_9iDvDQVhFCT1Co7"},
	{"aws a3t", "A3TNTFCX2PY66JS6EVHX"},
	{"aiven", "AVNS_1qdXWPJx-d8ut8pdqsxR"},
	{"asaas", "$aact_aGtUcDNTS1FPbzZDZDZydmF1NWtIdlJ3TXp6dVZ0WWt3TUpGckNmWjRVMkVxa05rNnNFcjZmNGdVeTBCUThERW9Gb2dOQ0FJM0FvM3B4VG5IeWY2dDVZZElu"},
	{"asaas sandbox", "$aact_hmlg_Z0JhVmJWSkJNUUtuWThxUzBCRm43Qndwa1owMUJaR2FHN3lPaDNGWjlOb0R4UXNoSUlTajNiYjU2NDJsZEdEaW5vdXhaanVnbkRENTdOYjVzcnBTOXdnMVFs"},
	{"cockroachdb", "CCDB1_RRLiiRejeKx0gbVC3lrAmS_J2km14IKCzi2Eg3h0p54qGzTYdXt5yN84Bl3WWWq"},
	{"databento", "db-WibY6PFcv7DJzk3i8ju6BRoQowF"},
	{"coveo", "xx39768915-e2ed-4a22-4377-40af0dc481ee"},
	{"cashfree", "cfsk_ma_prod_214e69886dd9078d3fe0a0887bee1afb_fa45289e"},
	{"cfx.re", "cfxk_b27brLe0Vyhlr7HiKRkf_3hlrHs"},
	{"docker swarm unlock", "SWMKEY-1-ak99neEC7C6JYMiznF6ytTBURaHyx49wQOmCb5k5pbS"},
	{"gcs hmac", "GOOG1E1W9B3OVWQ1O3HIT345U13ESFK506QDWGIX5O2R05HGQBT8Z0RTX74M8"},
	{"dynatrace platform", "dt0s16.2GDZAFC5NWOK1EPCKW0Q7U6F.R4O60DGJWWRRHCXL7W0KVBG0PN3QF4DJE5LC0D9ZHB28VRHQKS0V5ZC3X6AGGAAC"},
	{"sourcegraph gateway", "sgd_7eeb8a1ec9332a30a983694d1b428f3e50e86c2c5f2ca9635310f88053fc3fcd"},
	{"sourcegraph subscription", "sgs_ceab11b9d49fc08fbf54a2989d5e52e2a3c6439edc106b45dfb81df82a180422"},
	{"lichess personal", "lip_7LlQK67FtmsFd4SJYu6n"},
	{"lichess oauth", "lio_22X633DpX5LyUQOnc3ryOqEysBnjbapO"},
	{"onesignal app", "os_v2_app_k6zze46warm27425ckrszvwukleuwxil34xsh7d6iu46wxn5aj7jopet7uergtmfyab5422ct6lhlt7yltcz4jljjaa37flly5gvbxrhlvf3ieiow"},
	{"onesignal org", "os_v2_org_tnfhdc2xzibiemrb4spdwotyvj4xr3px5ajkbp2x4gawamxp3umiexbsb5nojvhm6ryql7eewspkmjjytbvskyosabcxcl3l27bys25dv2ehzowf7"},
	{"posthog secret", "phs_kw0ABwfCzecW8iLNSJNrpyCVxlGeL844p6TBL0eg9mY"},
	{"posthog oauth", "pha_7FC7zmwDuEQPoLYTR30hnKpIvCfppHtJwth3IE7OVpQ"},
	{"posthog refresh", "phr_AqX4Zita06z471vxSQSDyUA6yFs9J3gdM85iOFhY49Y"},
	{"unkey", "unkey_77mzShiz4wrAe623qVoEV6XT"},
	{"volcengine", "AKLTZ09qOXY0UVN6ejhROWxWbnF1U3VuZVlRSVJWeEh2Y0pl"},
	{"wakatime secret", "waka_sec_CWZXI2kAVuCCWuWR74tf5cGhKzHPNM7ZGhqNE308fjoH1ziklMTonIHJVCqS2S793lNGA50ImYqeoR86"},
	{"wakatime oauth", "waka_tok_fM7pHe8HmxcfQBYtfPOIe1I2C9iJSOfwn1UzeY5zETdDzcKqsuhvyhyKCX8R1yeippOWXWgBR6wpRpJV"},
	{"wakatime refresh", "waka_ref_zMM9lqDrOj6lvpfBKOl00f3Rbn8iY3lvJtJTHzbnPNyjBO7wEW8BmIaXqphP7ZLWmuLGq7Nf5XFV7IgA"},
	{"authress shortest", "sc_J7d40.96kO.acc_8XzbfR600U.wRdckuNB0wsRqe4BqCCP7PILlLmO3q"},
}

// secretPieces are the parts of a secret that must not reach the output:
// its last 16 bytes, and 16 bytes from its middle (the prefix may stay).
func secretPieces(s string) []string {
	m := len(s) / 2
	return []string{s[len(s)-16:], s[m-8 : m+8]}
}

// TestVendorFormats2Masked: each format alone, in prose, after '=' and
// ':', as a URL's path segment and inside JSON text, logged as an attr's
// value, the message and an error, through every deployment.
func TestVendorFormats2Masked(t *testing.T) {
	var cases []textCase
	for _, v := range vendorFormat2Secrets {
		s := v.secret
		for _, p := range []struct{ where, text, keep string }{
			{"alone", s, ""},
			{"prose", "nightly import used " + s + " for row 7", "nightly import used "},
			{"after =", "cfg=" + s + " region=eu", afterEqualsKept(s)},
			{"after colon", "value:" + s, "value:"},
			{"url path", "GET https://api.example.net/v2/" + s + "/usage 200", "https://api.example.net/v2/"},
			{"json", `{"settings":{"v":"` + s + `","n":3}}`, "settings"},
		} {
			cases = append(cases, textCase{v.name + " " + p.where, p.text, secretPieces(s), nonEmpty(p.keep)})
		}
	}
	requireEveryMode(t, cases)
}

// afterEqualsKept is what "cfg=<secret> region=eu" keeps: a secret that
// ends in '=' padding reads as the key of the word after it (a key with
// "tkn" in it), which is masked too.
func afterEqualsKept(secret string) string {
	if strings.HasSuffix(secret, "=") {
		return "cfg="
	}
	return " region=eu"
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// TestVendorFormats2LookalikesKept: words, identifiers, hashes and ids that
// share a prefix with those formats but not their length, alphabet or
// layout stay as they are.
func TestVendorFormats2LookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"slk_config_loaded",
		"sk_2x2_grid_layout",
		"sk_1x1_thumbnail_cache_size 40",
		"API_KEY_HEADER is X-Api-Key",
		"API_KEYSTOREPASSWORDFORPRODUCTIONHOST unset",
		"api_gateway.stage_name prod",
		"api_v2.users_list_endpoint_deprecated.note",
		"web_assets_bundle_2024_final.js",
		"served web_5d41402abc4b2a76b9719d911017c592.css",
		"pk_orders_customer_id violated",
		"constraint pk_invoicelines2024 exists",
		"pk.name column",
		"pk_prod_catalog_items",
		"key-value store ready, key-rotation-2024 done",
		"key-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"pri_queue depth 4, pri_12345678901234567890123456789012",
		"sk_pr_review_board",
		"ptr_to_next_node_in_list_for_the_allocator_v2 freed",
		"tkn.v1_enabled=true",
		"AK1 ready, AK1234 shipped",
		"secret_manager_enabled=true secret_santa_2024",
		"sk_8260_62467_notes",
		"tfp_module_outputs_for_production_cluster_v2 applied",
		"FlyV1 fm2_short",
		"A3T battery pack, A3TEAM",
		"NRII-42",
		"sc_abcde.1234.acc_shortid.tooshort",
		"AVNS_ENABLED=1",
		"aact_notes",
		"CCDB1_CLUSTER_NAME",
		"host db-primary-01.internal, db-replica-2 lagging",
		"db-migrations-2024-05-01T120000",
		"xxlarge-instance-pool, xx-small",
		"cfsk_ma_mode",
		"cfxk_server_name",
		"SWMKEY-1-notes",
		"GOOG1 ready",
		"dt0s16.config",
		"dt0s02.settings.json saved",
		"sgd_enabled sgs_config",
		"lip_sync_offset_ms=40 lio_mode",
		"os_v2_app_settings_loaded",
		"phs_enabled pha_retry_count phr_ttl",
		"unkey_cache_size=512",
		"AKLT check passed",
		"waka_sec_rotation_days waka_tok_expiry",
	})
}

// TestVendorFormats2Exact: only the token is masked, the text around it
// is kept byte for byte.
func TestVendorFormats2Exact(t *testing.T) {
	cases := map[string]string{}
	for _, v := range vendorFormat2Secrets {
		if strings.HasPrefix(v.name, "aws") || strings.HasPrefix(v.name, "authress") {
			continue // other detectors than the catalog's
		}
		// Asaas' '$' is written before the key, not part of its prefix.
		lead := v.secret[:len(v.secret)-len(strings.TrimPrefix(v.secret, "$"))]
		cases["saw "+v.secret+" then stopped"] = "saw " + lead + "[REDACTED] then stopped"
	}
	tokenExact(t, cases)
}
