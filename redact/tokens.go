package redact

import (
	"bytes"
	"encoding/base64"
	"slices"
	"strings"
)

// Character classes of token bodies.
const (
	cDigit uint8 = 1 << iota
	cLowerHex
	cLower // g-z
	cUpperHex
	cUpper // G-Z
	cUnder
	cDash
	cOther // . + / = ~ @

	cHex   = cDigit | cLowerHex | cUpperHex
	cLHex  = cDigit | cLowerHex
	cUHex  = cDigit | cUpperHex
	cAlnum = cDigit | cLowerHex | cLower | cUpperHex | cUpper
	cUAln  = cDigit | cUpperHex | cUpper
	cWord  = cAlnum | cUnder
	cURL   = cWord | cDash
	cAny   = cURL | cOther
)

var charClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLower
		t[c-'a'+'A'] = cUpper
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = cLowerHex
		t[c-'a'+'A'] = cUpperHex
	}
	t['_'] = cUnder
	t['-'] = cDash
	for _, c := range ".+/=~@" {
		t[c] = cOther
	}
	return t
}()

// A tokenFormat is a credential that says what it is: a fixed prefix, then
// a body of at least min bytes of one class (at most max when max > 0).
// mixed asks for a digit and a letter in the body, for short or common
// prefixes.
type tokenFormat struct {
	family string
	prefix string
	body   uint8
	min    int
	max    int
	fold   bool // the prefix matches in any case
	mixed  bool
	// lastField masks only the last space-separated field of the token
	// (the secret of a TLS key log line, not its label and nonce).
	lastField bool
	// shape, when set, replaces the body test: it gets the string and the
	// end of the prefix and returns the end of the token, or 0.
	shape func(s string, j int) int
	// part, when set, returns the secret of a match whose prefix ends at
	// s[j] and that ends at s[end] (a parameter's value, a path's last
	// segment): only that is masked.
	part func(s string, j, end int) (int, int)
	// inURL: the format matches only where a segment of a URL's path or a
	// parameter of its query starts (after '/', '?', '&', '#' or ';'),
	// and prescan admits it there (urlTokenMayStart) rather than by the
	// bytes of its prefix, which prose holds ("reset", "sign").
	inURL bool
	// keyed: a vendor's name as a key (keyedFormats), which may also
	// start after '_' (TF_VAR_cloudflare, MY_DATADOG=…).
	keyed bool
	// excl lists the bytes of body's classes that the vendor's alphabet
	// has not: the token ends before them (glpat-…/repos/x keeps
	// /repos/x).
	excl string
}

// tokenFormats is the catalog of self-identifying credentials, from the
// vendors' documentation of their token formats (and the published rules
// of secret scanners). Each entry is triggered by its prefix at the start
// of a word, so a string without any of these prefixes costs one pass.
var tokenFormats = append([]tokenFormat{
	// Code hosting, packages and CI.
	{family: "github", prefix: "ghp_", body: cAlnum, min: 36},
	{family: "github", prefix: "gho_", body: cAlnum, min: 36},
	{family: "github", prefix: "ghu_", body: cAlnum, min: 36},
	{family: "github", prefix: "ghs_", body: cAlnum, min: 36},
	{family: "github", prefix: "ghr_", body: cAlnum, min: 36},
	{family: "github", prefix: "github_pat_", body: cWord, min: 40},
	{family: "gitlab", prefix: "glpat-", body: cURL | cOther, min: 20, excl: "+/=~@"},
	{family: "gitlab", prefix: "gldt-", body: cURL, min: 20},
	{family: "gitlab", prefix: "glptt-", body: cLHex, min: 40},
	{family: "gitlab", prefix: "glrt-", body: cURL | cOther, min: 20, excl: "+/=~@"},
	{family: "gitlab", prefix: "glcbt-", body: cURL, min: 20},
	{family: "gitlab", prefix: "glft-", body: cURL, min: 20},
	{family: "gitlab", prefix: "glimt-", body: cURL, min: 25},
	{family: "gitlab", prefix: "glagent-", body: cURL, min: 50},
	{family: "gitlab", prefix: "gloas-", body: cURL, min: 64},
	{family: "gitlab", prefix: "glsoat-", body: cURL, min: 20},
	{family: "gitlab", prefix: "glffct-", body: cURL, min: 20},
	{family: "gitlab", prefix: "GR1348941", body: cURL, min: 20},
	{family: "gitlab", prefix: "_gitlab_session=", body: cAlnum, min: 32},
	{family: "npm", prefix: "npm_", body: cAlnum, min: 36, fold: true},
	{family: "pypi", prefix: "pypi-AgEIcHlwaS5vcmc", body: cURL, min: 50},
	{family: "pypi", prefix: "pypi-AgENdGVzdC5weXBpLm9yZw", body: cURL, min: 50},
	{family: "rubygems", prefix: "rubygems_", body: cLHex, min: 48},
	{family: "jfrog", prefix: "AKCp", body: cAlnum, min: 69},
	{family: "jfrog", prefix: "cmVmd", body: cAlnum, min: 59},
	{family: "pulumi", prefix: "pul-", body: cLHex, min: 40},
	{family: "clojars", prefix: "CLOJARS_", body: cAlnum, min: 60, fold: true},
	{family: "cratesio", prefix: "cio_tp_", body: cAlnum, min: 32, max: 32, mixed: true},
	{family: "cratesio", prefix: "cio", body: cAlnum, min: 32, max: 32, mixed: true},
	{family: "buildkite", prefix: "bkua_", body: cAlnum, min: 40},
	{family: "buildkite", prefix: "bkaa_", body: cAlnum, min: 40},
	{family: "buildkite", prefix: "bkaj_", body: cAny, min: 40, excl: "+/=~@"},
	{family: "circleci", prefix: "CCIPAT_", shape: circleciBody},
	{family: "circleci", prefix: "CCIPRJ_", shape: circleciBody},
	{family: "netlify", prefix: "nfp_", body: cWord, min: 36, mixed: true},
	{family: "render", prefix: "rnd_", body: cAlnum, min: 24, mixed: true},
	{family: "neon", prefix: "napi_", body: cAlnum, min: 64},
	{family: "hubspot", prefix: "pat-", shape: hubspotBody},
	// LaunchDarkly SDK and mobile keys: "sdk-" or "mob-" and a UUID.
	{family: "launchdarkly", prefix: "sdk-", shape: uuidBody},
	// Apify API tokens: "apify_api_" and 36 letters and digits.
	{family: "apify", prefix: "apify_api_", body: cURL, min: 36, mixed: true},
	// DataStax Astra application tokens: AstraCS:<24 letters>:<64 hex digits>.
	{family: "datastax", prefix: "AstraCS:", shape: astraBody},
	{family: "launchdarkly", prefix: "mob-", shape: uuidBody},
	// Braintree access tokens: access_token$<environment>$<merchant id>$<32 hex>.
	{family: "braintree", prefix: "access_token$", shape: braintreeBody},
	// Tailscale auth, API, OAuth client, SCIM and webhook keys: tskey-auth-k…CNTRL-….
	{family: "tailscale", prefix: "tskey-", body: cURL, min: 30, mixed: true},
	// Asana personal access tokens: 1/<user id>:<32 hex>, 2/<user id>/<app id>:<32 hex>.
	{family: "asana", prefix: "1/", shape: asanaBody},
	{family: "asana", prefix: "2/", shape: asanaBody},
	{family: "sonar", prefix: "squ_", body: cAlnum, min: 40},
	{family: "sonar", prefix: "sqp_", body: cAlnum, min: 40},
	{family: "sonar", prefix: "sqa_", body: cAlnum, min: 40},
	{family: "sourcegraph", prefix: "sgp_", body: cWord, min: 40},
	{family: "harness", prefix: "pat.", body: cURL | cOther, min: 60, excl: "+/=~@"},
	{family: "harness", prefix: "sat.", body: cURL | cOther, min: 60, excl: "+/=~@"},
	{family: "octopus", prefix: "API-", body: cUAln, min: 26, mixed: true},
	{family: "readme", prefix: "rdme_", body: cAlnum, min: 70},
	{family: "postman", prefix: "PMAK-", body: cHex | cDash, min: 59},
	{family: "prefect", prefix: "pnu_", body: cAlnum, min: 36},
	{family: "infracost", prefix: "ico-", body: cAlnum, min: 32},
	{family: "frameio", prefix: "fio-u-", body: cAny, min: 64, excl: "./+~@"},
	{family: "atlassian", prefix: "ATATT3", body: cAny, min: 150, excl: "./+~@"},
	{family: "atlassian", prefix: "ATCTT3", body: cAny, min: 150, excl: "./+~@"},
	{family: "bitbucket", prefix: "ATBB", body: cAlnum, min: 28, mixed: true},
	{family: "linear", prefix: "lin_api_", body: cAlnum, min: 40},
	{family: "linear", prefix: "lin_oauth_", body: cAlnum, min: 40},
	{family: "typeform", prefix: "tfp_", body: cAny, min: 59, excl: "+/~@"},
	{family: "settlemint", prefix: "sm_pat_", body: cAlnum, min: 16},
	{family: "settlemint", prefix: "sm_aat_", body: cAlnum, min: 16},
	{family: "settlemint", prefix: "sm_sat_", body: cAlnum, min: 16},
	{family: "scalingo", prefix: "tk-us-", body: cURL, min: 48},
	{family: "intra42", prefix: "s-s4t2ud-", body: cHex, min: 64},
	{family: "intra42", prefix: "s-s4t2af-", body: cHex, min: 64},
	{family: "openshift", prefix: "sha256~", body: cURL, min: 43},
	{family: "authress", prefix: "authress_", body: cAny, min: 40},
	// Chief Tools personal, access and refresh tokens; Cast AI API keys.
	{family: "chieftools", prefix: "ctp_", body: cAlnum, min: 30, mixed: true},
	{family: "chieftools", prefix: "cto_", body: cAlnum, min: 30, mixed: true},
	{family: "chieftools", prefix: "ctr_", body: cAlnum, min: 30, mixed: true},
	{family: "castai", prefix: "castai_v1_", body: cWord, min: 73},
	// Django's generated secret keys in development settings:
	// "django-insecure-" and 50 bytes of get_random_secret_key's alphabet.
	{family: "django", prefix: "django-insecure-", shape: djangoKeyBody},
	// Azure Data Factory self-hosted integration runtime keys:
	// IR@<GUID>@<factory>@<region>@<44 bytes of base64>.
	{family: "azure", prefix: "IR@", shape: integrationRuntimeBody},
	// Chat and webhooks.
	{family: "slack", prefix: "xoxb-", body: cURL, min: 20},
	{family: "slack", prefix: "xoxp-", body: cURL, min: 20},
	{family: "slack", prefix: "xoxa-", body: cURL, min: 8},
	{family: "slack", prefix: "xoxr-", body: cURL, min: 8},
	{family: "slack", prefix: "xoxo-", body: cURL, min: 12},
	{family: "slack", prefix: "xoxs-", body: cURL, min: 12},
	{family: "slack", prefix: "xoxe-", body: cURL, min: 20},
	{family: "slack", prefix: "xoxe.", body: cURL | cOther, min: 20, excl: "+/=~@"},
	{family: "slack", prefix: "xapp-", body: cURL, min: 20},
	{family: "slack", prefix: "xoxc-", body: cURL, min: 40},
	{family: "slack", prefix: "xoxd-", shape: percentBody(40)},
	{family: "slack", prefix: "hooks.slack.com/", min: 30, shape: slackHookBody},
	{family: "discord", prefix: "discord.com/api/webhooks/", min: 30, shape: twoSegmentHookBody},
	{family: "zapier", prefix: "hooks.zapier.com/hooks/catch/", min: 10, shape: twoSegmentHookBody},
	{family: "ifttt", prefix: "maker.ifttt.com/", min: 20, shape: iftttHookBody},
	{family: "discord", prefix: "discordapp.com/api/webhooks/", min: 30, shape: twoSegmentHookBody},
	// Incoming webhooks whose secret is their path after /hooks/ or
	// /hook/ (Mattermost, Rocket.Chat, Feishu and Lark bots).
	{family: "webhook", prefix: "hooks/", shape: webhookPathBody, part: valueAfterPrefix},
	{family: "webhook", prefix: "hook/", shape: webhookPathBody, part: valueAfterPrefix},
	// Incoming webhooks of any service whose secret is the last segment of
	// their path under /webhook/ or /webhooks/ (after an id or a word of
	// the route: /webhooks/incoming/<token>, /api/webhooks/<id>/<token>),
	// PagerDuty's integration keys (/integration/<key>/enqueue), and
	// Slack's path on any host (a proxy's, an enterprise gateway's).
	{family: "webhook", prefix: "webhook/", fold: true, shape: webhookRouteBody, part: valueAfterPrefix},
	{family: "webhook", prefix: "webhooks/", fold: true, shape: webhookRouteBody, part: valueAfterPrefix},
	{family: "webhook", prefix: "integration/", shape: integrationKeyBody},
	{family: "slack", prefix: "services/T", shape: slackServicesBody},
	{family: "discord", prefix: "MT", shape: discordBotBody},
	{family: "discord", prefix: "Mj", shape: discordBotBody},
	{family: "discord", prefix: "Mz", shape: discordBotBody},
	{family: "discord", prefix: "ND", shape: discordBotBody},
	{family: "discord", prefix: "NT", shape: discordBotBody},
	{family: "discord", prefix: "Nj", shape: discordBotBody},
	{family: "discord", prefix: "Nz", shape: discordBotBody},
	{family: "discord", prefix: "OD", shape: discordBotBody},
	{family: "discord", prefix: "OT", shape: discordBotBody},
	// Payments.
	{family: "stripe", prefix: "sk_live_", body: cAlnum | cDash, min: 10},
	{family: "stripe", prefix: "sk_test_", body: cAlnum | cDash, min: 10},
	{family: "stripe", prefix: "sk_prod_", body: cAlnum, min: 10},
	{family: "stripe", prefix: "rk_live_", body: cAlnum, min: 10},
	{family: "stripe", prefix: "rk_test_", body: cAlnum, min: 10},
	{family: "stripe", prefix: "rk_prod_", body: cAlnum, min: 10},
	{family: "stripe", prefix: "whsec_", body: cAlnum, min: 24},
	{family: "square", prefix: "sq0atp-", body: cURL, min: 22},
	{family: "square", prefix: "sq0csp-", body: cURL, min: 40},
	{family: "square", prefix: "EAAA", shape: squareBody},
	{family: "shopify", prefix: "shpat_", body: cHex, min: 32},
	{family: "shopify", prefix: "shpca_", body: cHex, min: 32},
	{family: "shopify", prefix: "shppa_", body: cHex, min: 32},
	{family: "shopify", prefix: "shpss_", body: cHex, min: 32},
	{family: "flutterwave", prefix: "FLWSECK_TEST-", body: cAlnum | cDash, min: 12},
	{family: "flutterwave", prefix: "FLWSECK-", body: cAlnum | cDash, min: 12},
	{family: "flutterwave", prefix: "FLWPUBK_TEST-", body: cAlnum | cDash, min: 32},
	{family: "flutterwave", prefix: "FLWPUBK-", body: cAlnum | cDash, min: 32},
	{family: "shippo", prefix: "shippo_live_", body: cHex, min: 40},
	{family: "shippo", prefix: "shippo_test_", body: cHex, min: 40},
	{family: "duffel", prefix: "duffel_live_", body: cAny, min: 43, excl: "./+~@"},
	{family: "duffel", prefix: "duffel_test_", body: cAny, min: 43, excl: "./+~@"},
	{family: "gocardless", prefix: "live_", body: cAny, min: 40, mixed: true, excl: "./+~@"},
	// Mollie API keys: live_ or test_ and 30 letters and digits.
	{family: "mollie", prefix: "live_", body: cAlnum, min: 30, max: 30, mixed: true},
	{family: "mollie", prefix: "test_", body: cAlnum, min: 30, max: 30, mixed: true},
	{family: "easypost", prefix: "EZAK", body: cAlnum, min: 54},
	{family: "easypost", prefix: "EZTK", body: cAlnum, min: 54},
	{family: "lob", prefix: "live_pub_", body: cLHex, min: 31, max: 31, fold: true, mixed: true},
	{family: "lob", prefix: "test_pub_", body: cLHex, min: 31, max: 31, fold: true, mixed: true},
	{family: "lob", prefix: "live_", body: cLHex, min: 35, max: 35, fold: true, mixed: true},
	{family: "lob", prefix: "test_", body: cLHex, min: 35, max: 35, fold: true, mixed: true},
	{family: "freemius", prefix: "sk_", shape: freemiusBody},
	{family: "plaid", prefix: "access-sandbox-", body: cHex | cDash, min: 36},
	{family: "plaid", prefix: "access-development-", body: cHex | cDash, min: 36},
	{family: "plaid", prefix: "access-production-", body: cHex | cDash, min: 36},
	// PayPal OAuth access tokens: "A21AA" and some 90 base64url bytes.
	{family: "paypal", prefix: "A21AA", body: cURL, min: 60, mixed: true},
	// Adyen API keys: "AQE", a letter, "hmf", then dotted or dashed base64.
	{family: "adyen", prefix: "AQE", shape: adyenBody},
	// Checkout.com keys: sk_sbox_ or pk_sbox_ and 26 base32 bytes (or
	// more), and the older sk_, sk_test_ and pk_test_ with a UUID.
	{family: "checkout", prefix: "sk_sbox_", body: cDigit | cLowerHex | cLower, min: 26},
	{family: "checkout", prefix: "pk_sbox_", body: cDigit | cLowerHex | cLower, min: 26},
	{family: "checkout", prefix: "sk_test_", shape: uuidBody},
	{family: "checkout", prefix: "pk_test_", shape: uuidBody},
	{family: "checkout", prefix: "sk_", shape: uuidBody},
	{family: "checkout", prefix: "sk_", shape: base32Body(26)},
	// Stripe client secrets of PaymentIntents, SetupIntents and Sources:
	// the object's id, "_secret_", and the secret.
	{family: "stripe", prefix: "pi_", shape: stripeClientSecretBody},
	{family: "stripe", prefix: "seti_", shape: stripeClientSecretBody},
	{family: "stripe", prefix: "src_client_secret_", body: cAlnum, min: 20},
	// Salesforce session ids and access tokens: the org id (00D…), '!',
	// and the session.
	{family: "salesforce", prefix: "00D", shape: salesforceSessionBody},
	// Cloud.
	{family: "gcp", prefix: "AIza", body: cURL, min: 35},
	{family: "gcp", prefix: "GOCSPX-", body: cURL, min: 24},
	{family: "gcp", prefix: "ya29.", body: cURL | cOther, min: 30, excl: "+/=~@"},
	{family: "digitalocean", prefix: "dop_v1_", body: cLHex, min: 64},
	{family: "digitalocean", prefix: "doo_v1_", body: cLHex, min: 64},
	{family: "digitalocean", prefix: "dor_v1_", body: cLHex, min: 64},
	{family: "vault", prefix: "hvs.", body: cURL, min: 90},
	{family: "vault", prefix: "hvb.", body: cURL, min: 138},
	{family: "vault", prefix: "hvr.", body: cURL, min: 20},
	{family: "vault", prefix: "s.", body: cAlnum, min: 24, max: 24, mixed: true},
	{family: "heroku", prefix: "HRKU-AA", body: cURL, min: 58},
	{family: "heroku", prefix: "HRKU-", body: cURL, min: 60},
	{family: "doppler", prefix: "dp.pt.", body: cAlnum, min: 40},
	{family: "doppler", prefix: "dp.st.", body: cAny, min: 40, excl: "+/=~@"},
	{family: "doppler", prefix: "dp.ct.", body: cAlnum, min: 40},
	{family: "doppler", prefix: "dp.sa.", body: cAlnum, min: 40},
	{family: "doppler", prefix: "dp.scim.", body: cAlnum, min: 40},
	{family: "doppler", prefix: "dp.audit.", body: cAlnum, min: 40},
	{family: "flyio", prefix: "fo1_", body: cURL, min: 43},
	{family: "flyio", prefix: "fm1r_", body: cAny, min: 100},
	{family: "flyio", prefix: "fm1a_", body: cAny, min: 100},
	{family: "flyio", prefix: "fm2_", body: cAny, min: 100},
	{family: "planetscale", prefix: "pscale_tkn_", body: cAny, min: 32, excl: "+/~@"},
	{family: "planetscale", prefix: "pscale_pw_", body: cAny, min: 32, excl: "+/~@"},
	{family: "planetscale", prefix: "pscale_oauth_", body: cAny, min: 32, excl: "+/~@"},
	{family: "databricks", prefix: "dapi", body: cLHex | cDash, min: 32, mixed: true},
	{family: "databricks", prefix: "dose", body: cLHex, min: 32, mixed: true}, // OAuth client secrets
	// Firebase Cloud Messaging legacy server keys: AAAA, 7 characters, ":APA91b", and the rest.
	{family: "firebase", prefix: "AAAA", shape: fcmServerKeyBody},
	{family: "grafana", prefix: "glc_", body: cAny, min: 32},
	{family: "grafana", prefix: "glsa_", body: cWord, min: 40},
	{family: "grafana", prefix: "eyJrIjoi", body: cAny, min: 60},
	{family: "sentry", prefix: "sntrys_", body: cAny, min: 60},
	{family: "sentry", prefix: "sntryu_", body: cLHex, min: 64},
	{family: "newrelic", prefix: "NRAK-", body: cAlnum, min: 27, fold: true, mixed: true},
	{family: "newrelic", prefix: "NRJS-", body: cHex, min: 19, fold: true},
	{family: "newrelic", prefix: "NRII-", body: cURL, min: 25, fold: true},
	{family: "dynatrace", prefix: "dt0c01.", body: cAlnum | cOther, min: 89, excl: "+/=~@"},
	{family: "alibaba", prefix: "LTAI", body: cAlnum, min: 20},
	{family: "aws", prefix: "ABSK", body: cAny, min: 109},
	{family: "aws", prefix: "bedrock-api-key-", body: cAny, min: 20},
	// STS session tokens: base64 of a protocol buffer whose first bytes
	// are fixed ("\x21\n\torigin_ec", "\x17\n\x06er/aws", "\x01\n\x03aws"),
	// URL-escaped in presigned URLs.
	{family: "aws", prefix: "IQoJb3JpZ2luX2Vj", body: cAny, min: 40, shape: percentBody(40)},
	{family: "aws", prefix: "FwoGZXIvYXdzE", body: cAny, min: 40, shape: percentBody(40)},
	{family: "aws", prefix: "AQoDYXdzE", body: cAny, min: 40, shape: percentBody(40)},
	{family: "clickhouse", prefix: "4b1d", body: cAlnum, min: 38},
	{family: "cloudflare", prefix: "v1.0-", body: cHex | cDash, min: 170},
	{family: "yandex", prefix: "AQVN", body: cURL, min: 35},
	{family: "yandex", prefix: "YC", body: cURL, min: 38, mixed: true},
	{family: "yandex", prefix: "y0_", body: cURL, min: 40},
	{family: "mapbox", prefix: "sk.eyJ", body: cAny, min: 60, excl: "+/=~@"},
	{family: "mapbox", prefix: "pk.eyJ", body: cAny, min: 60, excl: "+/=~@"},
	{family: "mapbox", prefix: "pk.", fold: true, shape: dottedBody(60, 22)},
	{family: "mapbox", prefix: "sk.", fold: true, shape: dottedBody(60, 22)},
	{family: "yandex", prefix: "t1.", fold: true, shape: yandexIAMBody},
	{family: "dropbox", prefix: "sl.", body: cAny, min: 130, excl: "+/~@"},
	{family: "adobe", prefix: "p8e-", body: cAlnum, min: 32},
	// Facebook (Meta) access tokens: "EAA", a letter, 100 more letters and
	// digits (EAAB…, EAAG…, EAAC…, EAAM…); facebookFormats adds them.
	// AI providers.
	{family: "openai", prefix: "sk-proj-", body: cURL, min: 40},
	{family: "openai", prefix: "sk-svcacct-", body: cURL, min: 40},
	{family: "openai", prefix: "sk-admin-", body: cURL, min: 40},
	{family: "openrouter", prefix: "sk-or-v1-", body: cLHex, min: 64},
	{family: "anthropic", prefix: "sk-ant-", body: cURL, min: 32},
	{family: "openai", prefix: "sk-", body: cAlnum, min: 32, mixed: true},
	{family: "huggingface", prefix: "hf_", body: cAlnum, min: 30},
	{family: "huggingface", prefix: "api_org_", body: cAlnum, min: 30},
	{family: "perplexity", prefix: "pplx-", body: cAlnum, min: 40},
	// ElevenLabs API keys: "sk_" and 48 lower-case hex digits.
	{family: "elevenlabs", prefix: "sk_", body: cLHex, min: 48, max: 48, mixed: true},
	// Messaging, productivity and the rest.
	{family: "sendgrid", prefix: "SG.", body: cURL | cOther, min: 60, excl: "+/=~@"},
	{family: "sendinblue", prefix: "xkeysib-", body: cHex | cDash | cLower | cUpper, min: 80},
	{family: "sendinblue", prefix: "xsmtpsib-", body: cHex | cDash | cLower | cUpper, min: 80}, // SMTP keys
	{family: "twilio", prefix: "SK", body: cHex, min: 32, max: 32, mixed: true},
	{family: "notion", prefix: "secret_", body: cAlnum, min: 43},
	{family: "notion", prefix: "ntn_", body: cAlnum, min: 46},
	{family: "mailgun", prefix: "key-", body: cDigit | cLowerHex | cLower, min: 32, max: 32, mixed: true},
	{family: "mailgun", prefix: "pubkey-", body: cLHex, min: 32},
	// MailerSend API tokens: "mlsn." and 64 lower-case hex digits.
	{family: "mailersend", prefix: "mlsn.", body: cLHex, min: 64, max: 64},
	// Zuplo consumer API keys: "zpka_", 32 hex digits, "_" and 8 more.
	{family: "zuplo", prefix: "zpka_", body: cLHex | cUnder, min: 41, max: 41},
	// Rootly API keys: "rootly_" and 64 hex digits.
	{family: "rootly", prefix: "rootly_", body: cLHex, min: 64, max: 64},
	// Mandrill (Mailchimp Transactional) API keys: "md-" and 22 bytes.
	{family: "mandrill", prefix: "md-", shape: mandrillBody},
	// Resend API keys: re_<8>_<24>.
	{family: "resend", prefix: "re_", shape: resendBody},
	// Honeycomb ingest and management keys.
	{family: "honeycomb", prefix: "hcaik_", body: cDigit | cLowerHex | cLower, min: 50, mixed: true},
	{family: "honeycomb", prefix: "hcxik_", body: cDigit | cLowerHex | cLower, min: 50, mixed: true},
	{family: "honeycomb", prefix: "hcamk_", body: cDigit | cLowerHex | cLower, min: 50, mixed: true},
	{family: "honeycomb", prefix: "hcxmk_", body: cDigit | cLowerHex | cLower, min: 50, mixed: true},
	{family: "1password", prefix: "ops_eyJ", body: cAny, min: 100},
	{family: "1password", prefix: "A3-", body: cUAln | cDash, min: 30, mixed: true},
	{family: "age", prefix: "AGE-SECRET-KEY-1", body: cUAln, min: 58},
	{family: "age", prefix: "AGE-SECRET-KEY-PQ-1", body: cUAln, min: 58},
	{family: "airtable", prefix: "pat", shape: airtableBody},
	// Twitter (X) app-only bearer tokens: X's documentation prints them
	// with 21 A's before the app id, real ones have 22; URL-escaped or
	// not.
	{family: "twitter", prefix: "AAAAAAAAAAAAAAAAAAAAA", fold: true, shape: twitterBearerBody},
	{family: "defined-networking", prefix: "dnkey-", body: cAny, min: 78, excl: "./+~@"},
	// Newer formats from GitHub secret scanning's list of partners.
	{family: "docker", prefix: "dckr_pat_", body: cURL, min: 27},
	{family: "docker", prefix: "dckr_oat_", body: cURL, min: 27},
	// Docker Swarm join tokens (docker swarm init, join-token): the
	// version, 50 bytes of the CA's digest and 25 of the secret, in base 36.
	{family: "docker swarm", prefix: "SWMTKN-1-", body: cDigit | cLowerHex | cLower | cDash, min: 76, max: 76, mixed: true},
	// Vercel Blob read-write tokens: the store's id and the secret.
	{family: "vercel", prefix: "vercel_blob_rw_", body: cWord, min: 40},
	// Cloudflare Tunnel tokens (cloudflared service install …): base64 of
	// {"a":<account>,"t":<tunnel id>,"s":<secret>}.
	{family: "cloudflare", prefix: "eyJhIjoi", body: cAlnum | cOther, min: 100},
	{family: "nvidia", prefix: "nvapi-", body: cURL, min: 64},
	// Cloudflare's scannable API credentials (2026): the global API key,
	// user and account API tokens, each 40 bytes and a checksum.
	{family: "cloudflare", prefix: "cfk_", body: cURL, min: 40, max: 64, mixed: true},
	{family: "cloudflare", prefix: "cfut_", body: cURL, min: 40, max: 64, mixed: true},
	{family: "cloudflare", prefix: "cfat_", body: cURL, min: 40, max: 64, mixed: true},
	// WooCommerce REST API keys: consumer key and secret, ck_ or cs_ and
	// 40 lower-case hex digits (a SHA-1).
	{family: "woocommerce", prefix: "ck_", body: cLHex, min: 40, max: 40, mixed: true},
	{family: "woocommerce", prefix: "cs_", body: cLHex, min: 40, max: 40, mixed: true},
	// Wi-Fi network QR codes (WIFI:T:WPA;S:<ssid>;P:<password>;;): the
	// payload, when it holds a password.
	{family: "wifi", prefix: "WIFI:", shape: wifiQRBody},
	// Langfuse secret keys: sk-lf- and a UUID (pk-lf-, the public key, stays).
	{family: "langfuse", prefix: "sk-lf-", shape: uuidBody},
	// Fireworks AI API keys: fw_ and 20 letters and digits or more.
	{family: "fireworks", prefix: "fw_", body: cAlnum, min: 20, mixed: true},
	// Vercel's prefixed credentials: personal and integration tokens, app
	// access and refresh tokens, API keys.
	{family: "vercel", prefix: "vcp_", body: cAlnum, min: 24, mixed: true},
	{family: "vercel", prefix: "vci_", body: cAlnum, min: 24, mixed: true},
	{family: "vercel", prefix: "vca_", body: cAlnum, min: 24, mixed: true},
	{family: "vercel", prefix: "vcr_", body: cAlnum, min: 24, mixed: true},
	{family: "vercel", prefix: "vck_", body: cAlnum, min: 24, mixed: true},
	{family: "together", prefix: "tgp_v1_", body: cURL, min: 40},
	{family: "anyscale", prefix: "esecret_", body: cAlnum, min: 24, mixed: true},
	{family: "mongodb atlas", prefix: "mdb_sa_sk_", body: cURL, min: 32},
	{family: "runpod", prefix: "rpa_", body: cAlnum, min: 40, mixed: true},
	{family: "jina", prefix: "jina_", body: cWord, min: 50, mixed: true},
	{family: "voyage", prefix: "pa-", body: cURL, min: 40, mixed: true},
	{family: "firecrawl", prefix: "fc-", body: cLHex, min: 32, max: 32, mixed: true},
	// LaunchDarkly API access tokens: "api-" and a UUID.
	{family: "launchdarkly", prefix: "api-", shape: uuidBody},
	// Okta API tokens: "00" and 40 base64url bytes, only after Okta's
	// authorization scheme (SSWS) or a word with "okta" shortly before:
	// alone, the shape is any id that starts with two zeros.
	{family: "okta", prefix: "00", shape: oktaBody},
	{family: "groq", prefix: "gsk_", body: cAlnum, min: 52},
	{family: "xai", prefix: "xai-", body: cWord, min: 80},
	{family: "replicate", prefix: "r8_", body: cURL, min: 37, mixed: true},
	{family: "langsmith", prefix: "lsv2_pt_", body: cWord, min: 40},
	{family: "langsmith", prefix: "lsv2_sk_", body: cWord, min: 40},
	{family: "pinecone", prefix: "pcsk_", body: cWord, min: 50},
	{family: "contentful", prefix: "CFPAT-", body: cURL, min: 43},
	{family: "figma", prefix: "figd_", body: cURL, min: 40},
	{family: "posthog", prefix: "phx_", body: cWord, min: 40},
	{family: "nuget", prefix: "oy2", body: cDigit | cLowerHex | cLower, min: 43, max: 43, mixed: true},
	{family: "tencent", prefix: "AKID", body: cAlnum, min: 32, mixed: true},
	{family: "tavily", prefix: "tvly-", body: cURL, min: 32},
	{family: "supabase", prefix: "sbp_", body: cLHex, min: 40},
	{family: "supabase", prefix: "sb_secret_", body: cURL, min: 30},
	{family: "gcp", prefix: "1//0", body: cURL, min: 40},
	// Google OAuth authorization codes, as a redirect's ?code= carries them.
	{family: "gcp", prefix: "4/0A", body: cURL, min: 40, mixed: true},
	// Microsoft identity platform refresh tokens (0.A…, 1.A…) and
	// Microsoft account tokens (EwA…, EwB…, EwC…): long base64.
	// Bitwarden Secrets Manager access tokens: "0.", the token's UUID,
	// '.', a 30-byte client secret, ':', and a 16-byte key in base64.
	{family: "bitwarden", prefix: "0.", shape: bitwardenBody},
	{family: "microsoft", prefix: "0.A", shape: dottedURLBody(150)},
	{family: "microsoft", prefix: "1.A", shape: dottedURLBody(150)},
	{family: "microsoft", prefix: "EwA", body: cAlnum | cOther, min: 300, mixed: true},
	{family: "microsoft", prefix: "EwB", body: cAlnum | cOther, min: 300, mixed: true},
	{family: "microsoft", prefix: "EwC", body: cAlnum | cOther, min: 300, mixed: true},
	// Login with Amazon access and refresh tokens.
	{family: "amazon", prefix: "Atza|", body: cAny, min: 50, mixed: true},
	{family: "amazon", prefix: "Atzr|", body: cAny, min: 50, mixed: true},
	// Instagram access tokens (Basic Display IGQV…, IGQW…; Instagram
	// Login IGAA…).
	{family: "instagram", prefix: "IGQV", body: cURL, min: 100, mixed: true},
	{family: "instagram", prefix: "IGQW", body: cURL, min: 100, mixed: true},
	{family: "instagram", prefix: "IGAA", body: cURL, min: 100, mixed: true},
	// Twitch chat (IRC) passwords: "oauth:" and a 30-byte user token.
	{family: "twitch", prefix: "oauth:", body: cDigit | cLowerHex | cLower, min: 30, max: 30, mixed: true},
	// minisign secret keys, encrypted ("Ed", "Sc", "B2" in base64) or not,
	// and signify secret keys ("Ed", "BK"): the second line of their key
	// files. Public keys open otherwise.
	{family: "minisign", prefix: "RWRTY0Iy", body: cAlnum | cOther, min: 100},
	{family: "minisign", prefix: "RWQAAEIy", body: cAlnum | cOther, min: 100},
	{family: "signify", prefix: "RWRCSw", body: cAlnum | cOther, min: 100},
	// A Kubernetes bearer token carried as a WebSocket subprotocol
	// (Sec-WebSocket-Protocol: base64url.bearer.authorization.k8s.io.<token>).
	{family: "kubernetes", prefix: "base64url.bearer.authorization.k8s.io.", body: cURL, min: 16},
	// Intercom access tokens: base64 of "tok:<id>:…".
	{family: "intercom", prefix: "dG9rO", body: cAlnum | cOther, min: 40, mixed: true},
	// ClickUp personal API tokens: pk_<user id>_<32 upper-case letters and digits>.
	{family: "clickup", prefix: "pk_", shape: clickUpBody},
	// Trello API tokens: ATTA and 64 hex digits and more.
	{family: "trello", prefix: "ATTA", body: cAlnum, min: 60},
	// Elastic Cloud and serverless API keys: essu_ and base64.
	{family: "elastic", prefix: "essu_", body: cAlnum | cOther, min: 40, mixed: true},
	// Apereo CAS tickets: a service ticket (ST-), a ticket-granting
	// ticket (TGT-, the single sign-on session), proxy tickets (PT-,
	// PGT-, PGTIOU-): the type, a counter, '-', a random id, and the
	// server's suffix.
	{family: "cas", prefix: "ST-", shape: casTicketBody, excl: "/"},
	{family: "cas", prefix: "TGT-", shape: casTicketBody, excl: "/"},
	{family: "cas", prefix: "PT-", shape: casTicketBody, excl: "/"},
	{family: "cas", prefix: "PGT-", shape: casTicketBody, excl: "/"},
	{family: "cas", prefix: "PGTIOU-", shape: casTicketBody, excl: "/"},
	// PagerDuty REST API user tokens: "u+" and 18 more bytes.
	{family: "pagerduty", prefix: "u+", shape: pagerDutyBody},
	// YouTrack and Hub permanent tokens: perm: (or perm-), the user's name
	// and an id in base64, then the secret, dot-separated.
	{family: "youtrack", prefix: "perm:", shape: youtrackBody},
	{family: "youtrack", prefix: "perm-", shape: youtrackBody},
	// Infisical service tokens: st.<24 hex>.<32 hex>.<32 hex>.
	{family: "infisical", prefix: "st.", shape: infisicalBody},
	// BIP32 extended private keys (and SLIP-132's) on main and test
	// networks: 111 base58 bytes.
	{family: "bip32", prefix: "xprv", body: cAlnum, min: 107, max: 107},
	{family: "bip32", prefix: "tprv", body: cAlnum, min: 107, max: 107},
	{family: "bip32", prefix: "yprv", body: cAlnum, min: 107, max: 107},
	{family: "bip32", prefix: "zprv", body: cAlnum, min: 107, max: 107},
	{family: "bip32", prefix: "uprv", body: cAlnum, min: 107, max: 107},
	{family: "bip32", prefix: "vprv", body: cAlnum, min: 107, max: 107},
	// TLS key log lines (SSLKEYLOGFILE): a label, the client random in
	// hex, the secret in hex; only the secret is masked.
	{family: "tls keylog", prefix: "CLIENT_RANDOM ", shape: keyLogBody, lastField: true},
	{family: "tls keylog", prefix: "CLIENT_EARLY_TRAFFIC_SECRET ", shape: keyLogBody, lastField: true},
	{family: "tls keylog", prefix: "CLIENT_HANDSHAKE_TRAFFIC_SECRET ", shape: keyLogBody, lastField: true},
	{family: "tls keylog", prefix: "SERVER_HANDSHAKE_TRAFFIC_SECRET ", shape: keyLogBody, lastField: true},
	{family: "tls keylog", prefix: "CLIENT_TRAFFIC_SECRET_0 ", shape: keyLogBody, lastField: true},
	{family: "tls keylog", prefix: "SERVER_TRAFFIC_SECRET_0 ", shape: keyLogBody, lastField: true},
	{family: "tls keylog", prefix: "EARLY_EXPORTER_SECRET ", shape: keyLogBody, lastField: true},
	{family: "tls keylog", prefix: "EXPORTER_SECRET ", shape: keyLogBody, lastField: true},
	{family: "tls keylog", prefix: "ECH_SECRET ", shape: keyLogBody, lastField: true},
	{family: "azure", prefix: "AccountKey=", body: cAlnum | cOther, min: 40, fold: true, shape: paddedBase64Body},
	{family: "azure", prefix: "SharedAccessKey=", body: cAlnum | cOther, min: 40, fold: true, shape: paddedBase64Body},
	// A PEM private key encoded once more in base64 (a Kubernetes Secret's
	// tls.key, a kubeconfig's client-key-data), and a Docker config.json
	// in base64 (.dockerconfigjson: {"auths": …}).
	{family: "base64 pem", prefix: "LS0tLS1CRUdJTi", body: cAlnum | cOther, min: 40, shape: base64PEMBody},
	{family: "docker", prefix: "eyJhdXRocyI6", body: cAlnum | cOther, min: 20},
	// JWT-shaped credentials: two dotted segments that each open with "ey"
	// (a base64 JSON object), and whole JWTs encoded once more in base64.
	{family: "jwt", prefix: "ey", shape: jwtBody},
	{family: "jwt", prefix: "ZXlK", body: cAlnum | cOther, min: 60, mixed: true},
}, slices.Concat(facebookFormats(), signedURLFormats, scannerFormats, moreFormats, vendorFormats2, vendorFormats3, detectorRuleFormats, vendorDocFormats)...)

// cryptFormats are the schemes of password hashes in modular crypt
// format ($id$params$salt$hash: bcrypt, sha-crypt, md5-crypt, Apache's
// apr1, yescrypt, scrypt, argon2, passlib's PBKDF2) and as Django and
// Werkzeug store them: what /etc/shadow, a users table or an htpasswd
// file holds, each of which can be cracked offline. They start with '$'
// or hold one before their salt, so they are searched from each '$'
// (markCrypt) rather than from the word starts of tokenFormats.
var cryptFormats = []tokenFormat{
	{family: "password hash", prefix: "$2a$", shape: cryptHashBody},
	{family: "password hash", prefix: "$2b$", shape: cryptHashBody},
	{family: "password hash", prefix: "$2x$", shape: cryptHashBody},
	{family: "password hash", prefix: "$2y$", shape: cryptHashBody},
	{family: "password hash", prefix: "$1$", shape: cryptHashBody},
	{family: "password hash", prefix: "$5$", shape: cryptHashBody},
	{family: "password hash", prefix: "$6$", shape: cryptHashBody},
	{family: "password hash", prefix: "$7$", shape: cryptHashBody},
	{family: "password hash", prefix: "$y$", shape: cryptHashBody},
	{family: "password hash", prefix: "$gy$", shape: cryptHashBody},
	{family: "password hash", prefix: "$apr1$", shape: cryptHashBody},
	{family: "password hash", prefix: "$argon2id$", shape: cryptHashBody},
	{family: "password hash", prefix: "$argon2i$", shape: cryptHashBody},
	{family: "password hash", prefix: "$argon2d$", shape: cryptHashBody},
	{family: "password hash", prefix: "$scrypt$", shape: cryptHashBody},
	{family: "password hash", prefix: "$pbkdf2", shape: cryptHashBody},
	{family: "password hash", prefix: "pbkdf2_sha", shape: cryptHashBody},
	{family: "password hash", prefix: "pbkdf2:sha", shape: cryptHashBody},
	{family: "password hash", prefix: "scrypt:", shape: cryptHashBody},
}

// ldapSchemes are the schemes of passwords as LDAP's userPassword,
// Dovecot, htpasswd and OpenLDAP's slappasswd write them: {SSHA}<base64>,
// {SHA512-CRYPT}$6$…, and the password itself after {PLAIN} or
// {CLEARTEXT}.
var ldapSchemes = []string{
	"SHA", "SSHA", "SHA256", "SSHA256", "SHA384", "SSHA384", "SHA512", "SSHA512", "MD5", "SMD5",
	"CRYPT", "PBKDF2", "PBKDF2-SHA1", "PBKDF2-SHA256", "PBKDF2-SHA512", "ARGON2", "ARGON2I", "ARGON2ID",
	"BLF-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT", "MD5-CRYPT", "DES-CRYPT", "SCRAM-SHA-1", "SCRAM-SHA-256",
	"PLAIN", "CLEAR", "CLEARTEXT", "PLAIN-TRUNC",
	// Dovecot's other schemes, whose hashes are hex or base64 too.
	"CRAM-MD5", "HMAC-MD5", "DIGEST-MD5", "PLAIN-MD4", "PLAIN-MD5", "LDAP-MD5", "NTLM", "LANMAN", "RPA",
	"SHA1", "SSHA1",
}

func init() {
	for _, scheme := range ldapSchemes {
		cryptFormats = append(cryptFormats, tokenFormat{family: "password hash", prefix: "{" + scheme + "}", fold: true, shape: ldapPasswordBody})
	}
}

// facebookFormats returns the prefixes of Facebook access tokens: "EAA"
// and an upper-case letter other than 'A' (EAAA is Square's).
func facebookFormats() []tokenFormat {
	var out []tokenFormat
	for c := byte('B'); c <= 'Z'; c++ {
		out = append(out, tokenFormat{family: "facebook", prefix: "EAA" + string(c), body: cAlnum, min: 100})
	}
	return out
}

// tokenIndex maps the first byte (lower-cased) of a prefix to the formats
// that start with it; tokenSecond marks the possible second bytes.
var (
	tokenIndex  [256][]*tokenFormat
	tokenSecond [256][4]uint64
)

func init() {
	for i := range tokenFormats {
		f := &tokenFormats[i]
		c0, c1 := f.prefix[0]|0x20, f.prefix[1]|0x20
		tokenIndex[c0] = append(tokenIndex[c0], f)
		tokenSecond[c0][c1>>6] |= 1 << (c1 & 63)
	}
}

// DetectTokens masks credentials that identify themselves: the token
// formats of code hosts, CI, chat, payment, cloud and AI providers listed
// in the package documentation, each by its prefix and body, plus the
// shapes that carry a marker inside them (Azure AD client secrets with
// "Q~", Terraform Cloud ".atlasv1.", OpenAI "T3BlbkFJ", Teams webhooks,
// Telegram bot tokens, Mailchimp keys; Azure's identifiable keys,
// Microsoft's annotated keys, New Relic and Mailgun keys by their length
// and signature), and the values a CI job declares secret (GitHub
// Actions' ::add-mask::…).
var DetectTokens = Detector{Name: "token-format", find: findTokens, min: 10}

func findTokens(s string, spans []span) []span {
	return findMarkedTokens(s, findPrefixTokens(s, spans), allMarks)
}

// findPrefixTokens finds the catalog formats, each by its prefix.
func findPrefixTokens(s string, spans []span) []span {
	rematches := maxRematches
	for i := 0; i+10 <= len(s); i++ {
		c := s[i]
		c0, c1 := c|0x20, s[i+1]|0x20
		if tokenSecond[c0][c1>>6]&(1<<(c1&63)) == 0 {
			continue
		}
		// After '_' only a format of a URL's path may start: a capability
		// route's word in a slug (/password_reset/…), which its shape
		// checks, and a vendor's name as a key (TF_VAR_cloudflare=…).
		afterUnder := false
		if i > 0 && charClass[s[i-1]]&(cAlnum|cUnder) != 0 && (s[i-1] == '_' || !escapedStart(s, i)) {
			if s[i-1] != '_' {
				continue // inside a word, not right after an escape ("…\nghp_…")
			}
			afterUnder = true
		}
		for _, f := range tokenIndex[c0] {
			if f.prefix[1]|0x20 != c1 || afterUnder && !f.inURL && !f.keyed { // most of the bucket, for a byte compare
				continue
			}
			if end := f.matchWindow(s, i, &rematches); end > 0 {
				start := i
				if f.lastField {
					start += strings.LastIndexByte(s[i:end], ' ') + 1
				}
				if f.part != nil {
					start, end = f.part(s, i+len(f.prefix), end)
				}
				spans = append(spans, span{start, end})
				i = end - 1
				break
			}
		}
	}
	return spans
}

// tokenWindow is how far past its prefix a token's body is read before the
// whole of the text is: a candidate prefix that repeats inside one long run
// of body bytes ("EwA=EwA=…") would otherwise read the rest of the run for
// each repeat.
const tokenWindow = 2048

// maxRematches is how many tokens that reach the window's end one search
// matches again on the whole text; after that, the window's match stands
// and is masked to the end of its run (a text that holds so many such long
// runs is masked rather than searched again), so that a run repeating a
// prefix that matches in every window but not whole costs linear time.
const maxRematches = 16

// matchWindow is match reading at most tokenWindow bytes of body. A token
// that reaches the window's end (a body that long is rare: a base64
// private key) is matched again on the whole text, while *rematches lasts.
func (f *tokenFormat) matchWindow(s string, i int, rematches *int) int {
	lim := i + len(f.prefix) + tokenWindow
	if lim >= len(s) {
		return f.match(s, i)
	}
	end := f.match(s[:lim], i)
	if end > lim-16 { // at or near the window's end: its shape may read on
		if *rematches > 0 {
			*rematches--
			return f.match(s, i)
		}
		return run(s, end, cURL|cOther) // masked to the end of its run: no part of a long token is left
	}
	return end
}

// windowed returns find(s, i), reading at most tokenWindow bytes past i
// first and the whole of s only when what find finds reaches that far.
func windowed(find func(string, int) int, s string, i int) int {
	lim := i + tokenWindow
	if lim >= len(s) {
		return find(s, i)
	}
	if end := find(s[:lim], i); end <= lim-16 {
		return end
	}
	return find(s, i)
}

// match returns the end of a token of format f at s[i:], or 0.
func (f *tokenFormat) match(s string, i int) int {
	p := len(f.prefix)
	if len(s)-i < p+f.min {
		return 0
	}
	if f.fold {
		if !strings.EqualFold(s[i:i+p], f.prefix) {
			return 0
		}
	} else if s[i:i+p] != f.prefix {
		return 0
	}
	j := i + p
	if (f.body&cOther != 0 || f.shape != nil) && startsPathSegment(s, i, f.prefix) {
		// The path's next segment is no part of the token: the token
		// ends at the first '/' after which no base64 goes on, unless
		// it is no token without what follows.
		for k := j; ; k++ {
			d := strings.IndexByte(s[k:], '/')
			if d < 0 {
				break
			}
			if k += d; !base64Follows(s, k+1) && !paddingFollows(s, k+1) {
				if end := f.match(s[:k], i); end > 0 {
					return end
				}
				break
			}
		}
	}
	if f.shape != nil {
		if strings.IndexByte(f.excl, '/') >= 0 {
			if k := strings.IndexByte(s[j:], '/'); k >= 0 {
				s = s[:j+k]
			}
		}
		end := f.shape(s, j)
		if end > 0 && isHex(f.prefix) && isHex(s[j:end]) {
			return 0 // a digest that opens with hex digits, as below
		}
		return end
	}
	digits, letters, nonHex := 0, 0, 0
	limit := len(s)
	if f.max > 0 { // a body longer than max is refused whatever follows: read no further
		limit = min(limit, j+f.max+1)
	}
	for j < limit {
		cl := charClass[s[j]]
		if cl&f.body == 0 || s[j] == '@' && inURLUserinfo(s, i) { // https://oauth2:glpat-…@gitlab.com/…: the host is not the token's
			break
		}
		if cl == cOther && f.excl != "" && strings.IndexByte(f.excl, s[j]) >= 0 {
			break
		}
		if cl == cDigit {
			digits++
		} else if cl&cAlnum != 0 {
			letters++
		}
		if cl&cHex == 0 {
			nonHex++
		}
		j++
	}
	n := j - i - p
	if n < f.min || (f.max > 0 && n > f.max) || (f.mixed && (digits == 0 || letters == 0)) {
		return 0
	}
	// A prefix made of hex digits ("4b1d", "EAAA") followed by hex digits
	// only is a digest or an id (a SHA-256, a MAC), not this token: a
	// token whose body may hold other letters holds some.
	if nonHex == 0 && f.body&^cHex != 0 && isHex(f.prefix) {
		return 0
	}
	if f.max > 0 && j < len(s) && charClass[s[j]]&(cAlnum|cUnder) != 0 {
		return 0
	}
	return j
}

// wordEnd reports whether s[j:] starts at the end of a word.
func wordEnd(s string, j int) bool {
	return j == len(s) || charClass[s[j]]&(cAlnum|cUnder) == 0
}

// run returns the end of the run of bytes of class c starting at s[j:].
func run(s string, j int, c uint8) int {
	for j < len(s) && charClass[s[j]]&c != 0 {
		j++
	}
	return j
}

// dottedBody matches a body of at least a alphanumerics, a dot, and at
// least b more (Mapbox's "pk.<60>.<22>").
func dottedBody(a, b int) func(string, int) int {
	return func(s string, j int) int {
		k := run(s, j, cAlnum)
		if k-j < a || k >= len(s) || s[k] != '.' {
			return 0
		}
		e := run(s, k+1, cAlnum)
		if e-k-1 < b || !wordEnd(s, e) {
			return 0
		}
		return e
	}
}

// squareBody matches the body of a Square access token after "EAAA": 22
// or more base64url bytes with a digit and a letter. A short body must not
// open with another 'A': base64 of small integers ("EAAAAG…", a paging
// cursor) does.
func squareBody(s string, j int) int {
	e, digits, letters := j, 0, 0
	for e < len(s) && charClass[s[e]]&cURL != 0 {
		if isDigit(s[e]) {
			digits++
		} else if isAlnum(s[e]) {
			letters++
		}
		e++
	}
	n := e - j
	if n < 22 || letters == 0 || (digits == 0 && !mixedCase(s[j:e])) || (n < 56 && s[j] == 'A') {
		return 0
	}
	return e
}

// yandexIAMBody matches a Yandex IAM token after "t1.": a base64url
// segment, up to two '=', a dot, and 86 or more base64url bytes with up
// to two '=' (a URL on a host named t1.… has '/' and stops short).
func yandexIAMBody(s string, j int) int {
	k := run(s, j, cURL)
	for n := 0; n < 2 && k < len(s) && s[k] == '='; n++ {
		k++
	}
	if k == j || k >= len(s) || s[k] != '.' {
		return 0
	}
	e := run(s, k+1, cURL)
	if e-k-1 < 86 {
		return 0
	}
	for n := 0; n < 2 && e < len(s) && s[e] == '='; n++ {
		e++
	}
	if !wordEnd(s, e) && s[e] != '.' {
		return 0
	}
	return e
}

// clickUpBody matches the rest of a ClickUp token after "pk_": a user id
// of digits, '_', and 32 upper-case letters and digits.
func clickUpBody(s string, j int) int {
	k := run(s, j, cDigit)
	if k-j < 3 || k >= len(s) || s[k] != '_' {
		return 0
	}
	e := run(s, k+1, cUAln)
	if e-k-1 != 32 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// casTicketBody matches the rest of a CAS ticket after its type: a
// counter, '-', and 20 bytes or more of base64url and dots (the random
// id and the server's suffix) with a random-looking piece: 10 letters
// and digits or more, both among them. Names such as
// ST-12-add-OAuth2-login (a branch, an issue's title) stay.
func casTicketBody(s string, j int) int {
	k := run(s, j, cDigit)
	if k == j || k >= len(s) || s[k] != '-' {
		return 0
	}
	e := run(s, k+1, cURL|cOther)
	for e > k+1 && (s[e-1] == '.' || s[e-1] == '=' || s[e-1] == '/' || s[e-1] == '+') {
		e-- // a sentence's full stop, a path after the ticket
	}
	if e-k-1 < 20 {
		return 0
	}
	for p := k + 1; p < e; {
		q := run(s, p, cAlnum)
		if q-p >= 10 && hasDigit(s[p:q]) && strings.Trim(s[p:q], "0123456789") != "" {
			return e
		}
		p = q + 1
	}
	return 0
}

// pagerDutyBody matches the 18 bytes of base64url after "u+" in a
// PagerDuty user token, with a digit and letters of both cases. A "u+"
// inside base64 (after '+', or after a '/' that base64 holds) is no
// token's start; one that starts a URL's path segment (/v2/u+…) or a
// parameter's value (?token=u+…) is.
func pagerDutyBody(s string, j int) int {
	if j > 2 && (s[j-3] == '+' || s[j-3] == '/' && inBase64Run(s, j-3)) {
		return 0
	}
	e := run(s, j, cURL)
	if t := s[j:e]; len(t) != 18 || (e < len(s) && (s[e] == '+' || s[e] == '/' && base64Follows(s, e+1) || s[e] == '=' && s[j-3] == '/')) || !hasDigit(t) || !mixedCase(t) {
		return 0
	}
	return e
}

// youtrackBody matches a YouTrack permanent token after "perm:": two
// base64 fields and the secret of 20 bytes or more, dot-separated.
func youtrackBody(s string, j int) int {
	e := j
	for field := range 3 {
		f := e
		for e < len(s) && (isAlnum(s[e]) || field < 2 && (s[e] == '+' || s[e] == '/' || s[e] == '=')) {
			e++
		}
		if n := e - f; n < 2 || field == 2 && (n < 20 || !hasDigit(s[f:e])) {
			return 0
		}
		if field < 2 {
			if e >= len(s) || s[e] != '.' {
				return 0
			}
			e++
		}
	}
	return e
}

// mixedCase reports whether s holds both an upper-case and a lower-case
// letter.
func mixedCase(s string) bool {
	var upper, lower bool
	for i := 0; i < len(s); i++ {
		upper = upper || (s[i] >= 'A' && s[i] <= 'Z')
		lower = lower || (s[i] >= 'a' && s[i] <= 'z')
	}
	return upper && lower
}

// base64PEMBody matches the rest of a base64 text after "LS0tLS1CRUdJTi"
// ("-----BEGI" encoded) when its first line decodes to the header of a
// private key ("-----BEGIN RSA PRIVATE KEY-----"): a certificate is
// public.
func base64PEMBody(s string, j int) int {
	e := run(s, j, cAlnum|cOther)
	start := j - len("LS0tLS1CRUdJTi")
	if e-start < 64 {
		return 0
	}
	var src [64]byte
	var head [48]byte
	copy(src[:], s[start:])
	n, err := base64.StdEncoding.Decode(head[:], src[:])
	if err != nil || !bytes.Contains(head[:n], []byte("PRIVATE KEY")) {
		return 0
	}
	return e
}

// circleciBody matches the body of a CircleCI API token after "CCIPAT_"
// or "CCIPRJ_": a base58 id of 20 to 24 bytes, '_', 40 lower-case hex
// digits or more.
func circleciBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if n := k - j; n < 20 || n > 24 || k >= len(s) || s[k] != '_' {
		return 0
	}
	e := run(s, k+1, cLHex)
	if e-k-1 < 40 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// hubspotBody matches the body of a HubSpot private app token after
// "pat-": a data centre (na1, eu1), '-', and a UUID.
func hubspotBody(s string, j int) int {
	if j+4 > len(s) || !isLetter(s[j]) || !isLetter(s[j+1]) || !isDigit(s[j+2]) || s[j+3] != '-' {
		return 0
	}
	e := run(s, j+4, cLHex|cDash)
	if e-j-4 != 36 || !isUUID(s[j+4:e]) || !wordEnd(s, e) {
		return 0
	}
	return e
}

// astraBody matches the body of a DataStax Astra token after "AstraCS:":
// 24 letters, a colon and 64 lower-case hex digits.
func astraBody(s string, j int) int {
	if e := run(s, j, cLower|cLowerHex|cUpper|cUpperHex); e-j != 24 || e >= len(s) || s[e] != ':' {
		return 0
	}
	e := run(s, j+25, cLHex)
	if e-j-25 != 64 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// uuidBody matches a UUID in its canonical form after a prefix, in lower
// or upper case.
func uuidBody(s string, j int) int {
	e := run(s, j, cHex|cDash)
	if e-j != 36 || !isUUID(s[j:e]) || !wordEnd(s, e) {
		return 0
	}
	return e
}

// webhookPathBody matches the path of an incoming webhook after "hooks/"
// or "hook/": a UUID (Feishu, Lark), or 20 letters and digits or more
// with both (Mattermost's 26, Rocket.Chat's id), and a second such
// segment after a slash (Rocket.Chat's token). Names of hooks (pre-receive,
// my-hook-v2) and numeric ids (GitHub's /hooks/12345678) are not matched.
func webhookPathBody(s string, j int) int {
	if e := uuidBody(s, j); e > 0 {
		return e
	}
	if j < len(s) && s[j] == 'T' {
		if e := slackServicesBody(s, j+1); e > 0 {
			return e // Slack's path behind a proxy: /hooks/T…/B…/<token>
		}
	}
	seg := func(j int) int {
		e := run(s, j, cAlnum)
		if e-j < 20 || !wordEnd(s, e) || e < len(s) && s[e] == '-' {
			return 0
		}
		digits := 0
		for k := j; k < e; k++ {
			if isDigit(s[k]) {
				digits++
			}
		}
		if digits == 0 || digits == e-j {
			return 0
		}
		return e
	}
	e := seg(j)
	if e == 0 {
		return 0
	}
	if e+1 < len(s) && s[e] == '/' {
		if e2 := seg(e + 1); e2 > 0 {
			return e2
		}
	}
	return e
}

// webhookRouteBody matches the rest of an incoming webhook's path after
// "webhook/" or "webhooks/": a token segment (pathToken, 16 bytes or
// more), directly or after one or two segments of the route (an id, a
// word: incoming/, 1234/), and the token segments that follow it (Tines'
// /webhook/<path>/<secret>: both are random, the secret is the second).
// Numeric ids and names (/webhooks/12345/deliveries, /webhooks/github)
// are not matched.
func webhookRouteBody(s string, j int) int {
	for range 3 {
		e := pathSegmentEnd(s, j)
		if e == j {
			return 0
		}
		if e-j >= 16 && pathToken(s[j:e]) {
			for e < len(s) && s[e] == '/' {
				next := pathSegmentEnd(s, e+1)
				if next-e-1 < 16 || !pathToken(s[e+1:next]) {
					break
				}
				e = next
			}
			return e
		}
		if e >= len(s) || s[e] != '/' {
			return 0
		}
		j = e + 1
	}
	return 0
}

// pathSegmentEnd returns the end of the path segment that starts at s[j:].
func pathSegmentEnd(s string, j int) int {
	for j < len(s) && pathSegmentByte(s[j]) {
		j++
	}
	return j
}

// integrationKeyBody matches PagerDuty's integration key in the path of
// its generic events endpoint after "integration/": 32 letters and
// digits before "/enqueue".
func integrationKeyBody(s string, j int) int {
	e := run(s, j, cAlnum)
	if e-j != 32 || !strings.HasPrefix(s[e:], "/enqueue") || !hasDigit(s[j:e]) {
		return 0
	}
	return e
}

// slackServicesBody matches the rest of a Slack incoming webhook's path
// after "services/T": the team id, the bot id (B…) and the token of 20
// letters and digits or more. Ids of fewer than 6 bytes (a test
// workspace's, a proxy's renamed ones: T0123/B0456) ask for a token with
// a digit and a letter.
func slackServicesBody(s string, j int) int {
	ids, short := 0, false
	for ids < 2 {
		e := j
		for e < len(s) && (s[e] >= 'A' && s[e] <= 'Z' || isDigit(s[e])) {
			e++
		}
		if e-j < 2 || e >= len(s) || s[e] != '/' {
			return 0
		}
		short = short || e-j < 6
		ids++
		j = e + 1
		if ids == 1 {
			if j >= len(s) || s[j] != 'B' {
				return 0
			}
			j++
		}
	}
	e := run(s, j, cAlnum)
	if e-j < 20 || !wordEnd(s, e) || short && !pathToken(s[j:e]) {
		return 0
	}
	return e
}

// bitwardenBody matches the rest of a Bitwarden Secrets Manager access
// token after "0.": a UUID, '.', 30 letters and digits, ':', and 22
// base64 bytes and "==".
func bitwardenBody(s string, j int) int {
	e := run(s, j, cLHex|cDash)
	if e-j != 36 || !isUUID(s[j:e]) || e >= len(s) || s[e] != '.' {
		return 0
	}
	c := run(s, e+1, cAlnum)
	if c-e-1 != 30 || c >= len(s) || s[c] != ':' {
		return 0
	}
	// 22 bytes of base64 and "==": the padding ends the token, whatever
	// follows it ('/' of a path, a sentence's full stop).
	k := c + 25
	if k > len(s) || run(s, c+1, cAlnum|cOther) < k || s[k-2:k] != "==" || strings.Contains(s[c+1:k-2], "=") ||
		k < len(s) && (charClass[s[k]]&(cAlnum|cUnder) != 0 || s[k] == '=' || s[k] == '+') {
		return 0
	}
	return k
}

// braintreeBody matches the rest of a Braintree access token after
// "access_token$": an environment (production, sandbox, development, qa),
// '$', a merchant id of 16 lower-case letters and digits, '$', and 32
// lower-case hex digits.
func braintreeBody(s string, j int) int {
	env := run(s, j, cLower|cLowerHex)
	switch s[j:env] {
	case "production", "sandbox", "development", "qa":
	default:
		return 0
	}
	if env >= len(s) || s[env] != '$' {
		return 0
	}
	m := run(s, env+1, cLower|cLHex)
	if m-env-1 != 16 || m >= len(s) || s[m] != '$' {
		return 0
	}
	e := run(s, m+1, cLHex)
	if e-m-1 != 32 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// botPath reports whether the digits at s[start] follow "bot" in a
// path of the Telegram Bot API (https://api.telegram.org/bot<token>/…),
// or at the start of a word, as the API's path is written alone
// (bot<token>).
func botPath(s string, start int) bool {
	return start >= 3 && s[start-3:start] == "bot" && (start == 3 || s[start-4] == '/' || !isAlnum(s[start-4]))
}

// asanaBody matches the rest of an Asana personal access token after
// "1/" or "2/": a user id of digits (for "2/", a '/' and an app id of
// digits too), ':', and 32 lower-case hex digits.
func asanaBody(s string, j int) int {
	e := run(s, j, cDigit)
	if e-j < 6 || e >= len(s) {
		return 0
	}
	if s[j-2] == '2' {
		if s[e] != '/' {
			return 0
		}
		f := run(s, e+1, cDigit)
		if f-e-1 < 6 || f >= len(s) {
			return 0
		}
		e = f
	}
	if s[e] != ':' {
		return 0
	}
	f := run(s, e+1, cLHex)
	if f-e-1 != 32 || !wordEnd(s, f) {
		return 0
	}
	return f
}

// fcmServerKeyBody matches the rest of a Firebase Cloud Messaging server
// key after "AAAA": 7 URL-safe characters, ":APA91b", and 134 or more
// URL-safe characters.
func fcmServerKeyBody(s string, j int) int {
	e := run(s, j, cURL)
	if e-j != 7 || !strings.HasPrefix(s[e:], ":APA91b") {
		return 0
	}
	f := run(s, e+7, cURL)
	if f-e-7 < 134 || !wordEnd(s, f) {
		return 0
	}
	return f
}

// isUUID reports whether s is a UUID in its canonical form: hex digits in
// groups of 8, 4, 4, 4 and 12 separated by dashes.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if charClass[s[i]]&cHex == 0 {
				return false
			}
		}
	}
	return true
}

// airtableBody matches Airtable's personal access tokens after "pat":
// 14 alphanumerics, a dot, 64 lower-case hex digits.
func airtableBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if k-j != 14 || k >= len(s) || s[k] != '.' {
		return 0
	}
	e := run(s, k+1, cLHex)
	if e-k-1 != 64 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// percentBody matches a body of at least n base64 bytes that may be
// URL-escaped (Slack's xoxd- cookie tokens: "…%2F…%3D%3D").
func percentBody(n int) func(string, int) int {
	return func(s string, j int) int {
		e := j
		for e < len(s) && (charClass[s[e]]&(cURL|cOther) != 0 || s[e] == '%') {
			e++
		}
		if e-j < n {
			return 0
		}
		return e
	}
}

// discordBotBody matches a Discord bot token after the first two bytes
// of its base64 user id (a snowflake's digits encode to MT…, Nj…, OT…):
// 22 to 26 more base64url bytes, a dot, 6 or 7, a dot, 27 or more.
func discordBotBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if n := k - j; n < 22 || n > 26 || k >= len(s) || s[k] != '.' {
		return 0
	}
	m := run(s, k+1, cURL)
	if n := m - k - 1; n < 6 || n > 7 || m >= len(s) || s[m] != '.' {
		return 0
	}
	e := run(s, m+1, cURL)
	if e-m-1 < 27 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// adyenBody matches an Adyen API key after "AQE": a lower-case letter,
// "hmf", and base64 parts joined by '-' (60 bytes or more); the last
// part, after "=-", is 16 printable bytes of any kind.
func adyenBody(s string, j int) int {
	if j+4 > len(s) || s[j] < 'a' || s[j] > 'z' || s[j+1:j+4] != "hmf" {
		return 0
	}
	e := run(s, j, cAny)
	if e-j < 60 {
		return 0
	}
	if k := strings.LastIndex(s[j:e], "=-"); k >= 0 {
		tail := j + k + 2
		f := tail
		for f < len(s) && f-tail < 16 && s[f] > ' ' && s[f] < 0x7f && strings.IndexByte("\"'`\\,", s[f]) < 0 {
			f++
		}
		e = max(e, f)
	}
	return e
}

// base32Body matches a body of exactly n bytes of lower-case RFC 4648
// base32 (a to z, 2 to 7) holding a digit and a letter.
func base32Body(n int) func(string, int) int {
	return func(s string, j int) int {
		e, digits := j, 0
		for e < len(s) && (s[e] >= 'a' && s[e] <= 'z' || s[e] >= '2' && s[e] <= '7') {
			if isDigit(s[e]) {
				digits++
			}
			e++
		}
		if e-j != n || digits == 0 || digits == n || !wordEnd(s, e) {
			return 0
		}
		return e
	}
}

// dottedURLBody matches a body of at least n base64url bytes and dots
// (not '/': a path is not a token) with a digit and a letter, without a
// sentence's full stop after it.
func dottedURLBody(n int) func(string, int) int {
	return func(s string, j int) int {
		e := j
		for e < len(s) && (charClass[s[e]]&cURL != 0 || s[e] == '.') {
			e++
		}
		for e > j && s[e-1] == '.' {
			e--
		}
		// A '/' after it continues base64 unless the body holds '-' or
		// '_', which base64 has not: then it is a URL path's next segment.
		if e-j < n || e < len(s) && s[e] == '/' && !strings.ContainsAny(s[j:e], "-_") || !hasDigit(s[j:e]) || !mixedCase(s[j:e]) {
			return 0
		}
		return e
	}
}

// stripeClientSecretBody matches a Stripe client secret after its
// object's prefix ("pi_", "seti_"): the rest of the id, "_secret_", and
// 10 or more alphanumerics.
func stripeClientSecretBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if k-j < 14 || !strings.HasPrefix(s[k:], "_secret_") {
		return 0
	}
	e := run(s, k+8, cAlnum)
	if e-k-8 < 10 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// salesforceSessionBody matches a Salesforce session id after "00D": the
// rest of the 15- or 18-byte org id, '!', and 80 or more alphanumerics,
// dots and underscores.
func salesforceSessionBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if n := k - j; n != 12 && n != 15 || k >= len(s) || s[k] != '!' {
		return 0
	}
	e := k + 1
	for e < len(s) && (isAlnum(s[e]) || s[e] == '.' || s[e] == '_') {
		e++
	}
	for e > k+1 && s[e-1] == '.' {
		e--
	}
	if e-k-1 < 80 {
		return 0
	}
	return e
}

// infisicalBody matches an Infisical service token after "st.": 24
// lower-case hex digits, '.', 32, '.', 32.
func infisicalBody(s string, j int) int {
	k := run(s, j, cLHex)
	if k-j != 24 || k >= len(s) || s[k] != '.' {
		return 0
	}
	m := run(s, k+1, cLHex)
	if m-k-1 != 32 || m >= len(s) || s[m] != '.' {
		return 0
	}
	e := run(s, m+1, cLHex)
	if e-m-1 != 32 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// keyLogBody matches the rest of a TLS key log line after its label: the
// client random (64 hex digits), a space, and the secret (32 hex digits
// or more).
func keyLogBody(s string, j int) int {
	k := run(s, j, cHex)
	if k-j != 64 || k >= len(s) || s[k] != ' ' {
		return 0
	}
	e := run(s, k+1, cHex)
	if e-k-1 < 32 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// mandrillBody matches a Mandrill API key after "md-": 22 base64url bytes
// with letters of both cases (a CSS class such as md-navigation-… has no
// upper case; a key lacks one case once in 100,000, a digit once in 40).
func mandrillBody(s string, j int) int {
	e := run(s, j, cURL)
	if e-j != 22 || !wordEnd(s, e) || !mixedCase(s[j:e]) {
		return 0
	}
	return e
}

// resendBody matches a Resend API key after "re_": 8 alphanumerics, '_',
// 24 alphanumerics, with letters of both cases.
func resendBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if k-j != 8 || k >= len(s) || s[k] != '_' {
		return 0
	}
	e := run(s, k+1, cAlnum)
	if e-k-1 != 24 || !wordEnd(s, e) || !mixedCase(s[j:e]) {
		return 0
	}
	return e
}

// wifiQRBody matches the fields of a Wi-Fi QR code after "WIFI:" up to
// the ";;" that ends them, when a P: field gives a password; ';' inside a
// field is escaped with a backslash.
func wifiQRBody(s string, j int) int {
	password := false
	for f := j; f < len(s) && f-j < 512; {
		e := f
		for e < len(s) && s[e] != ';' && s[e] != '\n' {
			if s[e] == '\\' {
				e++
			}
			e++
		}
		if e >= len(s) || s[e] != ';' {
			return 0
		}
		password = password || strings.HasPrefix(s[f:e], "P:") && e > f+2
		if e+1 < len(s) && s[e+1] == ';' {
			if !password {
				return 0
			}
			return e + 2
		}
		f = e + 1
	}
	return 0
}

// findCryptHashes finds the password hashes of cryptFormats from each
// '{' ({SSHA}…) and each '$': a scheme that starts with it ($6$…, also
// after Django's "argon2$" or "bcrypt_sha256$"), or one that ends in the
// word before it
// (pbkdf2_sha256$…, pbkdf2:sha256:600000$…, scrypt:32768:8:1$…).
func findCryptHashes(s string, spans []span) []span {
	for i := 0; i < len(s); {
		k := strings.IndexAny(s[i:], "${")
		if k < 0 {
			break
		}
		q := i + k
		i = q + 1
		if s[q] == '{' { // {SSHA}…, {CRYPT}$6$…
			if end := windowed(cryptHashAt, s, q); end > 0 {
				spans = append(spans, span{q, end})
				i = end
			}
			continue
		}
		start := q
		for start > 0 && (isAlnum(s[start-1]) || s[start-1] == '_' || s[start-1] == ':' || s[start-1] == '-') {
			start--
		}
		at, end := start, windowed(cryptHashAt, s, start)
		if end == 0 && start != q {
			at, end = q, windowed(cryptHashAt, s, q)
		}
		if end > 0 {
			spans = append(spans, span{at, end})
			i = end
		}
	}
	return spans
}

// cryptHashAt returns the end of a password hash of cryptFormats at s[i:], or 0.
func cryptHashAt(s string, i int) int {
	for f := range cryptFormats {
		if end := cryptFormats[f].match(s, i); end > 0 {
			return end
		}
	}
	return 0
}

// djangoKeyBody matches the rest of a Django secret key after
// "django-insecure-": 40 bytes or more of the alphabet Django draws it
// from (lower-case letters, digits and !@#$%^&*(-_=+)).
func djangoKeyBody(s string, j int) int {
	k := j
	for k < len(s) && (charClass[s[k]]&(cDigit|cLowerHex|cLower|cDash|cUnder) != 0 || strings.IndexByte("!@#$%^&*()=+", s[k]) >= 0) {
		k++
	}
	if k-j < 40 || !hasDigit(s[j:k]) {
		return 0
	}
	return k
}

// integrationRuntimeBody matches the rest of an Azure Data Factory
// integration runtime key after "IR@": a GUID, '@', the factory's name,
// '@', its region, '@', and 44 bytes of base64.
func integrationRuntimeBody(s string, j int) int {
	if len(s)-j < 36+44+3 || s[j+36] != '@' {
		return 0
	}
	for i := j; i < j+36; i++ { // a GUID's shape (the scanners' rules accept any letter)
		if dash := i-j == 8 || i-j == 13 || i-j == 18 || i-j == 23; dash != (s[i] == '-') || !dash && !isAlnum(s[i]) {
			return 0
		}
	}
	k := j + 37
	for n := 0; n < 2; n++ { // the factory's name and its region
		for k < len(s) && s[k] != '@' && charClass[s[k]]&(cURL|cOther) != 0 {
			k++
		}
		if k >= len(s) || s[k] != '@' {
			return 0
		}
		k++
	}
	e := run(s, k, cAlnum|cOther)
	if e-k < 44 {
		return 0
	}
	return e
}

// ldapPasswordBody matches the password after its scheme in braces: a
// hash in modular crypt format ({CRYPT}$6$…), the password in clear
// after {PLAIN}, {CLEAR} or {CLEARTEXT} (up to a space, a quote or the
// colon of a passwd file's next field), or
// 20 bytes of base64 or more with a digit or both cases ({SSHA}…).
func ldapPasswordBody(s string, j int) int {
	if j < len(s) && s[j] == '$' {
		return cryptHashAt(s, j)
	}
	if o := strings.LastIndexByte(s[:j], '{'); o >= 0 && clearScheme(s[o+1:j-1]) {
		k := j
		for k < len(s) && s[k] > ' ' && !isQuote(s[k]) && s[k] != ',' && s[k] != ';' && s[k] != ':' { // a passwd-file's next field
			k++
		}
		if k == j || strings.IndexByte(")]}>", s[j]) >= 0 { // "(stored as {PLAIN})"
			return 0
		}
		return k
	}
	e := run(s, j, cAlnum|cOther)
	if e-j < 20 || !(hasDigit(s[j:e]) || mixedCase(s[j:e])) {
		return 0
	}
	return e
}

// clearScheme reports whether the scheme (between braces) says that the
// password follows in clear.
func clearScheme(scheme string) bool {
	for _, c := range [...]string{"PLAIN", "CLEAR", "CLEARTEXT", "PLAIN-TRUNC"} {
		if strings.EqualFold(scheme, c) {
			return true
		}
	}
	return false
}

// cryptHashBody matches the rest of a password hash after its scheme
// ("$6$", "$argon2id$", "pbkdf2:sha"): fields separated by '$' (a cost,
// parameters, a salt; ':' and ',' inside the first), at least two, of
// which the last, the hash, is 22 base64 bytes or more (bcrypt's salt and
// hash are one field) with a digit or both cases.
func cryptHashBody(s string, j int) int {
	fields, last := 1, j
	k := j
	for ; k < len(s); k++ {
		c := s[k]
		switch {
		case c == '$':
			fields++
			last = k + 1
		case charClass[c]&cURL != 0 || c == '.' || c == '/' || c == '+' || c == '=' || c == ',':
		case c == ':' && fields == 1: // Werkzeug's pbkdf2:sha256:600000$…, scrypt:32768:8:1$…
		default:
			goto end
		}
	}
end:
	hash := s[last:k]
	if fields < 2 || len(hash) < 22 || !(hasDigit(hash) || mixedCase(hash)) {
		return 0
	}
	return k
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// twitterBearerBody matches the body of a Twitter (X) app bearer token
// after its first 21 A's: 81 to 101 alphanumerics and %-escapes, or the
// '+', '/' and '=' they stand for, each counted as its escape (so that a
// token and its unescaped form have one length).
func twitterBearerBody(s string, j int) int {
	e, n := j, 0
	for ; e < len(s); e++ {
		if c := s[e]; c == '+' || c == '/' || c == '=' {
			n += 3
		} else if isAlnum(c) || c == '%' {
			n++
		} else {
			break
		}
	}
	if n < 81 || n > 101 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// freemiusBody matches a Freemius secret key after "sk_": 29 printable
// bytes that hold a digit, an upper-case and a lower-case letter.
func freemiusBody(s string, j int) int {
	e, kinds := j, uint8(0)
	for e < len(s) && s[e] > ' ' && s[e] < 0x7f && strings.IndexByte("\"'`,;", s[e]) < 0 {
		kinds |= charClass[s[e]] & (cDigit | cLower | cLowerHex | cUpper | cUpperHex)
		e++
	}
	for e-j > 29 && strings.IndexByte(".:)]}!?", s[e-1]) >= 0 {
		e--
	}
	if e-j > 29 && (s[j+29] == '/' || s[j+29] == '&') {
		// 29 bytes and a URL's next segment or query parameter
		e, kinds = j+29, 0
		for _, c := range []byte(s[j:e]) {
			kinds |= charClass[c] & (cDigit | cLower | cLowerHex | cUpper | cUpperHex)
		}
	}
	if e-j != 29 || kinds&cDigit == 0 || kinds&(cLower|cLowerHex) == 0 || kinds&(cUpper|cUpperHex) == 0 {
		return 0
	}
	return e
}

// jwtBody matches a JWT-shaped token after its first "ey": at least 17
// alphanumerics, ".ey", at least 17 base64url bytes, and an optional third
// segment after a dot.
func jwtBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if k-j < 17 || k+3 > len(s) || s[k:k+3] != ".ey" {
		return 0
	}
	e, parts, seg := k+3, 2, 2
	for e < len(s) {
		if c := s[e]; c == '.' {
			parts, seg = parts+1, 0
		} else if c == '\\' && e+1 < len(s) && s[e+1] == '/' {
			e++ // JSON's escaped slash
		} else if charClass[c]&(cURL|cOther) == 0 { // '/' sits in cOther
			// A backslash or a line break goes on while the token is
			// unfinished there, as DetectJWT reads it.
			if n := jwtBreak(s, e); n > 0 && jwtGoesOn(s, e+n, parts, seg) {
				e += n
				continue
			}
			break
		} else {
			seg++
		}
		e++
	}
	for e > k+3 && s[e-1] == '.' {
		e--
	}
	if e-k-3 < 17 {
		return 0
	}
	return e
}

// Marker bits: two bytes of each marker format, which prescan looks for
// (markFirst[s[i-1]] & markSecond[s[i]]) so that findMarkedTokens searches
// only for the markers a string can hold.
const (
	markAzure      uint32 = 1 << iota // "Q~"
	markDotA                          // ".a": ".atlasv1.", ".acc"
	markT3                            // "T3": "T3BlbkFJ"
	markMmk                           // "_m": "_mmk"
	markOffice                        // ".o": ".office.com" of both Teams webhook forms
	markTelegram                      // ":A"
	markBar                           // a digit, or the last letter of PID or MRG, then '|'
	markUs                            // "-u": "-us"
	markZA                            // "za" in any case: "authorization" (DetectBearer)
	markPEM                           // "-B": "-----BEGIN", "-U": "PuTTY-User-Key-File-" (DetectPrivateKey)
	markDashP                         // "-p", "-P": sshpass -p, 7z -p…, zip -P (findUserFlag)
	markDashA                         // "-a": redis-cli -a (findUserFlag)
	markDashW                         // "-w", "-U", "-b", "-k", "-K", "-t", "-a", "-A": ldapsearch -w, smbclient -U u%p, curl -U u:p, htpasswd -b, openssl -k, doctl -t, http -a u:p, ab -A u:p (findUserFlag)
	markAddMask                       // ":a": GitHub Actions' "::add-mask::…"
	markDashD                         // "-D": a Java system property (-Dpassword=…; prescan, with markDashP's "-P")
	markEscape                        // '\\' before n, t, r, u or x, '%' before a hex digit: a word after an escape (prescan)
	markPort                          // ":5432:d": digits between colons, then a letter (prescan; DetectPgpass)
	markDashS                         // "-S", "-s": sudo -S or --stdin reads the password from its standard input (stdinSecrets)
	markQuoteK                        // a quote before "k" or "K": a JWK's "kty" member (findJWK)
	markKeyed                         // "+A"; padding '=' after 40 bytes, "AzSe", words keyedWord admits (prescan): findKeyedTokens
	markCrypt                         // '$' or '{' before a letter or digit: a password hash ($6$…, pbkdf2_sha256$…, {SSHA}…; findCryptHashes)
	markSpelledAt                     // '[', '(' or '{' before 'a' or 'd' in any case: an e-mail address with its '@' or a dot spelled in brackets (findSpelledEmail)
	markSpaceD                        // ' ' before 'd' or 'D': an e-mail address with its dots spelled as words (findWordedEmail)
	markEscapedBS                     // "\\b": a backspace escaped as JSON and C write it (overstrikeEscaped)
	markB64Pair                       // base64 of a login, user:password (prescan, base64LoginAt): findBase64Logins
	markCurlBundle                    // '-' before a letter of curlBundleFirst: curl's short flags bundled (-su u:p, -kb 'sid=…'; curlBundles)
	markSASL                          // ']' after a word that ends a sasl_passwd line's relay host ([smtp.example.net]:587 user:…; prescan, saslPasswdAt): findSASLPasswd
	markUpperUs                       // "-U": "-US", a Mailchimp key in upper case (not markUs, which also gates the -u user flag)
	allMarks       uint32 = 1<<iota - 1

	// tokenMarks are the marks findMarkedTokens searches for.
	tokenMarks = markSASL | markCrypt | markAddMask | markAzure | markDotA | markT3 | markMmk | markOffice | markTelegram | markBar | markUs | markUpperUs | markKeyed | markB64Pair
)

var markFirst, markSecond = func() (first, second [256]uint32) {
	for _, m := range []struct {
		a, b byte
		bit  uint32
	}{{'Q', '~', markAzure}, {'.', 'a', markDotA}, {'T', '3', markT3}, {'_', 'm', markMmk}, {'.', 'o', markOffice},
		{':', 'A', markTelegram}, {'-', 'u', markUs}, {'-', 'B', markPEM}, {'-', 'p', markDashP}, {'-', 'P', markDashP},
		{'-', 'a', markDashA | markDashW}, {'-', 'A', markDashW}, {'-', 'K', markDashW},
		{'-', 'w', markDashW}, {'-', 'U', markDashW | markPEM | markUpperUs}, {'-', 'b', markDashW},
		{'-', 'k', markDashW}, {'-', 't', markDashW}, {':', 'a', markAddMask},
		{'-', 'D', markDashD}, {'-', 'S', markDashS}, {'-', 's', markDashS},
		{'z', 'a', markZA}, {'Z', 'a', markZA}, {'z', 'A', markZA}, {'Z', 'A', markZA},
		{'"', 'k', markQuoteK}, {'"', 'K', markQuoteK}, {'\'', 'k', markQuoteK}, {'\'', 'K', markQuoteK},
		{'\\', 'b', markEscapedBS}, {'\\', 'n', markEscape}, {'\\', 't', markEscape}, {'\\', 'r', markEscape}, {'\\', 'u', markEscape}, {'\\', 'x', markEscape}} {
		first[m.a] |= m.bit
		second[m.b] |= m.bit
	}
	first['%'] |= markEscape
	for c := range 256 {
		if isHexByte(byte(c)) {
			second[c] |= markEscape
		}
	}
	for c := '0'; c <= '9'; c++ {
		first[c] |= markBar
	}
	first['D'] |= markBar // PID|, an HL7 segment that need hold no digit before a '|'
	first['G'] |= markBar // MRG|
	first['+'] |= markKeyed
	first['$'] |= markCrypt
	first['{'] |= markCrypt
	for c := range 256 {
		if isAlnum(byte(c)) {
			second[c] |= markCrypt
		}
	}
	second['A'] |= markKeyed
	second['|'] |= markBar
	for _, c := range []byte("[({") { // jane[at]example…, (AT), example[dot]org
		first[c] |= markSpelledAt
	}
	for _, c := range []byte("aAdD") {
		second[c] |= markSpelledAt
	}
	first[' '] |= markSpaceD // jane at example dot org
	second['d'] |= markSpaceD
	second['D'] |= markSpaceD
	return first, second
}()

// findMarkedTokens finds the formats identified by a marker inside them,
// of those whose bits are set in marks. Each needs a long string, so short
// strings cost nothing here.
func findMarkedTokens(s string, spans []span, marks uint32) []span {
	// A value a CI job declares secret: GitHub Actions' ::add-mask::….
	for i := 0; marks&markAddMask != 0; {
		k := strings.Index(s[i:], "::add-mask::")
		if k < 0 {
			break
		}
		vs := i + k + len("::add-mask::")
		ve := vs
		for ve < len(s) && s[ve] != '\n' && s[ve] != '\r' && s[ve] != '"' && s[ve] != '\'' {
			ve++
		}
		if ve > vs {
			spans = append(spans, span{vs, ve})
		}
		i = max(ve, vs)
	}
	if marks&markCrypt != 0 {
		spans = findCryptHashes(s, spans)
	}
	if marks&markB64Pair != 0 {
		spans = findBase64Logins(s, spans)
	}
	if marks&markSASL != 0 {
		spans = findSASLPasswd(s, spans)
	}
	if len(s) < 36 {
		return spans
	}
	// Azure AD client secrets: 3 characters, a digit, "Q~", 31 to 34 more.
	// A run read after one "Q~" is not read again for a later one inside
	// it (its end is the same), so text repeating "Q~" costs linear time.
	azureRunEnd := -1
	for i := 0; marks&markAzure != 0; {
		k := strings.Index(s[i:], "Q~")
		if k < 0 {
			break
		}
		q := i + k
		i = q + 2
		if q < 4 || !isDigit(s[q-1]) {
			continue
		}
		start := q - 4
		ok := start == 0 || charClass[s[start-1]]&(cAlnum|cUnder) == 0
		for _, c := range []byte(s[start : q-1]) {
			ok = ok && (isAlnum(c) || c == '_' || c == '~' || c == '.')
		}
		end := q + 2
		if end <= azureRunEnd {
			end = azureRunEnd
		} else {
			for end < len(s) && (isAlnum(s[end]) || strings.IndexByte("_~.-", s[end]) >= 0) {
				end++
			}
			azureRunEnd = end
		}
		if ok && end-q-2 >= 31 {
			spans = append(spans, span{start, end})
			i = end
		}
	}
	if len(s) >= 83 && marks&markDotA != 0 {
		// base64url: a '/' or '.' around it is a URL's or a sentence's
		spans = findAround(s, spans, ".atlasv1.", 14, 60, cURL)
	}
	if len(s) >= 48 && marks&markT3 != 0 {
		spans = findAround(s, spans, "T3BlbkFJ", 20, 20, cURL)
	}
	if marks&markMmk != 0 {
		spans = findAround(s, spans, "_mmk", 36, 0, cWord)
	}
	if len(s) >= 67 && marks&markOffice != 0 {
		spans = findWebhookPath(s, spans, ".webhook.office.com/webhookb2/", 40)
		spans = findWebhookPath(s, spans, "outlook.office.com/webhook/", 40)
	}
	// Telegram bot tokens: 5 to 16 digits, ':', 'A', 34 more (33 in the
	// examples of Telegram's own documentation, which users copy).
	for i := 0; marks&markTelegram != 0; {
		k := strings.Index(s[i:], ":A")
		if k < 0 {
			break
		}
		c := i + k
		i = c + 1
		start := c
		for start > 0 && isDigit(s[start-1]) {
			start--
		}
		end := run(s, c+1, cURL)
		// 'A' and 33 or 34 more, one of them a digit: a word after a
		// number and a colon ("1715938212:Archive_daily_…") is not a token.
		// In the Bot API's path (/bot<token>/) the route says what the
		// token is, and any length from 30 to 64 is one.
		n := end - c - 1
		if c-start >= 5 && c-start <= 16 && strings.ContainsAny(s[c+2:end], "0123456789") &&
			((n == 34 || n == 35) && (start == 0 || !isAlnum(s[start-1])) || n >= 30 && n <= 64 && botPath(s, start)) {
			spans = append(spans, span{start, end})
			i = end
		}
	}
	// Authress service client access keys:
	// (sc|ext|scauth|authress)_<id>.<4-6>.acc[_-]<id>.<secret>.
	if len(s) >= 59 && marks&markDotA != 0 {
		// Each walk back, and each run forward, reuses the previous one
		// when it reaches it: text repeating ".acc_" costs linear time.
		lastM, lastStart, runEnd := -1, 0, -1
		for i := 0; ; {
			k := strings.Index(s[i:], ".acc")
			if k < 0 {
				break
			}
			m := i + k
			i = m + 4
			if i >= len(s) || (s[i] != '_' && s[i] != '-') {
				continue
			}
			start := m
			for start > 0 && (charClass[s[start-1]]&(cAlnum|cUnder) != 0 || s[start-1] == '.') {
				start--
				if start == lastM {
					start = lastStart // the walk back from the previous ".acc" went on from here
					break
				}
			}
			lastM, lastStart = m, start
			id := s[start:m]
			if !strings.HasPrefix(id, "sc_") && !strings.HasPrefix(id, "ext_") && !strings.HasPrefix(id, "scauth_") &&
				!strings.HasPrefix(id, "authress_") {
				continue
			}
			end := runEnd
			if i+1 > runEnd {
				end = run(s, i+1, cURL|cOther)
				runEnd = end
			}
			if end-i-1 >= 40 {
				spans = append(spans, span{start, end})
				i = end
			}
		}
	}
	// Facebook app access tokens: the 15 or 16 digit app id, '|', the secret.
	for i := 0; marks&markBar != 0; {
		k := strings.IndexByte(s[i:], '|')
		if k < 0 {
			break
		}
		bar := i + k
		i = bar + 1
		start := bar
		for start > 0 && isDigit(s[start-1]) {
			start--
		}
		end := run(s, bar+1, cURL)
		if n := bar - start; n >= 15 && n <= 16 && end-bar-1 >= 27 && (start == 0 || !isAlnum(s[start-1])) {
			spans = append(spans, span{start, end})
			i = end
		}
	}
	if marks&markKeyed != 0 && len(s) >= 32 {
		spans = findKeyedTokens(s, spans)
	}

	// Mailchimp API keys: 32 hex digits, "-us", the data centre number;
	// the key in upper-case hex or "-US" too, not in mixed case.
	for i := 0; marks&(markUs|markUpperUs) != 0; {
		k := mailchimpDataCentre(s[i:])
		if k < 0 {
			break
		}
		d := i + k
		i = d + 3
		start := d
		for start > 0 && charClass[s[start-1]]&cHex != 0 {
			start--
		}
		if k := s[start:d]; strings.ContainsAny(k, "abcdef") && strings.ContainsAny(k, "ABCDEF") {
			continue // one case or the other: mixed case is no key
		}
		end := d + 3
		for end < len(s) && isDigit(s[end]) {
			end++
		}
		if d-start == 32 && end-d-3 >= 1 && end-d-3 <= 2 {
			spans = append(spans, span{start, end})
		}
	}
	return spans
}

// azureSignatures are the signatures of Azure's identifiable keys,
// base64 keys of 32 or 64 bytes (43 or 86 bytes of base64 and the
// padding) whose issuer writes a fixed signature 10 bytes before the end
// of the 64-byte ones (storage +ASt, Cosmos DB ACDb, API Management APIM,
// Batch +ABa, Machine Learning classic +AMC) and 6 before the end of the
// 32-byte ones (Service Bus +ASb, Event Hubs +AEh, Relay +ARm, Cache for
// Redis AzCa, IoT AIoT, Event Grid AZEG); Microsoft's security-utilities
// lists them. A padded base64 run of 40 bytes or more with one of them in
// its last 16 bytes is taken for a key, whatever its exact length: a key
// copied with a byte more or less is still a key, and ordinary base64
// holds one there by chance about once in a million.
var azureSignatures = []string{"+ASt", "ACDb", "APIM", "+ABa", "+AMC", "+ASb", "+AEh", "+ARm", "AzCa", "AIoT", "AZEG"}

// hasSignature reports whether w holds one of sigs.
func hasSignature(w string, sigs ...string) bool {
	for _, sig := range sigs {
		if strings.Contains(w, sig) {
			return true
		}
	}
	return false
}

// findKeyedTokens finds the formats known by their length and a
// signature inside them rather than by a prefix: in each run of base64
// (with '+' and '/'), Azure's identifiable keys (…+ASt…==, …AzCa…=,
// …AzSe…), Microsoft's common annotated security keys (84 base62 bytes
// with "JQQJ9" at byte 52: Azure DevOps personal access tokens and
// others), New Relic license keys (36 hex digits, "NRAL") and mobile
// application tokens ("AA", 40 hex digits, "-NRMA"), and Mailgun's
// API keys (32 hex digits, '-', 8, '-', 8); in runs of base64url, Azure
// Functions keys (…AzFu…==).
func findKeyedTokens(s string, spans []span) []span {
	for i := 0; i < len(s); {
		if charClass[s[i]]&cAlnum == 0 && s[i] != '+' && s[i] != '/' {
			i++
			continue
		}
		start, e := i, i
		for e < len(s) && (charClass[s[e]]&cAlnum != 0 || s[e] == '+' || s[e] == '/') {
			e++
		}
		p := e
		for p < len(s) && p-e < 2 && s[p] == '=' {
			p++
		}
		i = p
		if p > e && p < len(s) && (isAlnum(s[p]) || s[p] == '=') {
			continue // '=' inside a word: not padding
		}
		if end := keyedToken(s, start, e, p); end > 0 {
			spans = append(spans, span{start, end})
			i = end
		} else if strings.IndexByte(s[start:e], '/') >= 0 {
			spans = keyedPathPieces(s, start, e, p, spans)
		}
	}
	for i := 0; ; {
		k := strings.Index(s[i:], "AzFu")
		if k < 0 {
			break
		}
		m := i + k
		i = m + 4
		start := m
		for start > 0 && charClass[s[start-1]]&cURL != 0 {
			start--
		}
		e := run(s, m, cURL)
		p := e
		for p < len(s) && p-e < 2 && s[p] == '=' {
			p++
		}
		if e-start >= 40 && e-m <= 16 && p > e && (p == len(s) || !isAlnum(s[p]) && s[p] != '=') {
			spans = append(spans, span{start, p})
			i = p
		}
	}
	return spans
}

// keyedPathPieces finds keyed tokens in the pieces between the '/' of the
// base64 run s[start:e] (padded to p) that is no key whole: a URL's path
// with a key as one of its segments (/hooks/<key>/ack).
func keyedPathPieces(s string, start, e, p int, spans []span) []span {
	for a := start; a < e; {
		b := a + strings.IndexByte(s[a:e], '/')
		if b < a {
			b = e
		}
		pad := b
		if b == e {
			pad = p
		}
		if b > a {
			if end := keyedToken(s, a, b, pad); end > 0 {
				spans = append(spans, span{a, end})
			}
		}
		a = b + 1
	}
	return spans
}

// keyedToken returns the end of a keyed token (findKeyedTokens) whose
// base64 is s[start:e] and its padding s[e:p], or 0.
func keyedToken(s string, start, e, p int) int {
	k := s[start:e]
	switch pad := p - e; {
	case pad > 0:
		if len(k) >= 40 && hasSignature(k[len(k)-16:], azureSignatures...) || len(k) == 86 && pad == 2 && isCASK(k[:84]) && isAlnumOnly(k) && hasDigit(k) {
			return p
		}
	case len(k) == 84:
		if isCASK(k) && isAlnumOnly(k) && hasDigit(k) {
			return e
		}
	case len(k) == 42 && k[:2] == "AA" && strings.HasPrefix(s[e:], "-NRMA"):
		// New Relic mobile application tokens: "AA", 40 hex digits,
		// "-NRMA".
		if end := newRelicMobileBody(40)(s, start+2); end > 0 {
			return end
		}
	case len(k) >= 40 && len(k) <= 64:
		// Azure AI Search and Container Registry keys, unpadded: 42
		// bytes, the signature, A to D, 5 bytes.
		if hasSignature(k[len(k)-16:], "AzSeA", "AzSeB", "AzSeC", "AzSeD", "+ACRA", "+ACRB", "+ACRC", "+ACRD") {
			return e
		}
		if len(k) == 40 && k[36:] == "NRAL" && newRelicLicense(k[:36]) {
			return e
		}
	case len(k) == 32:
		// Mailgun: 32 hex digits, '-', 8, '-', 8.
		if e+18 <= len(s) && isLowerHex(k) && hasDigit(k) && s[e] == '-' && isLowerHex(s[e+1:e+9]) && s[e+9] == '-' &&
			isLowerHex(s[e+10:e+18]) && wordEnd(s, e+18) && (e+18 == len(s) || s[e+18] != '-') {
			return e + 18
		}
	}
	return 0
}

// newRelicLicense reports whether b, the 36 bytes of a New Relic license
// key before "NRAL", is one: lower-case letters and digits, or 32 hex
// digits and "FFFF" as New Relic issues them, with a digit.
func newRelicLicense(b string) bool {
	if strings.HasSuffix(b, "FFFF") {
		b = b[:32]
	}
	return isLowerAlnum(b) && hasDigit(b)
}

// isCASK reports whether the 84 bytes of k are laid out as a common
// annotated security key: 52 bytes, "JQQJ9", a version (9, D, H), a byte,
// a month (A to L), 16 bytes, a letter (the first of the provider's
// signature, "AZDO" for Azure DevOps), 7 bytes; or, with "AZDO" at byte
// 76 as Azure DevOps issues its tokens, "JQQJ" and any two version digits
// (JQQJ95, JQQJ77) or a digit and the kind D or H.
func isCASK(k string) bool {
	return k[52:57] == "JQQJ9" && strings.IndexByte("9DH", k[57]) >= 0 && k[59] >= 'A' && k[59] <= 'L' && isLetter(k[76]) ||
		k[52:56] == "JQQJ" && isDigit(k[56]) && (isDigit(k[57]) || k[57] == 'D' || k[57] == 'H') && k[76:80] == "AZDO" // Azure DevOps' own, with other version digits
}

// isAlnumOnly reports whether s holds ASCII letters and digits only.
func isAlnumOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

// isLowerAlnum reports whether s holds digits and lower-case ASCII
// letters only.
func isLowerAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if charClass[s[i]]&(cDigit|cLowerHex|cLower) == 0 {
			return false
		}
	}
	return true
}

// isLowerHex reports whether s holds digits and a to f only.
func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if charClass[s[i]]&cLHex == 0 {
			return false
		}
	}
	return true
}

// findAround masks the token around each occurrence of marker: at least
// before bytes of class before it and after bytes after it.
func findAround(s string, spans []span, marker string, before, after int, class uint8) []span {
	for i := 0; ; {
		k := strings.Index(s[i:], marker)
		if k < 0 {
			return spans
		}
		m := i + k
		i = m + len(marker)
		start := m
		for start > 0 && charClass[s[start-1]]&class != 0 {
			start--
		}
		end := run(s, m+len(marker), class)
		if m-start >= before && end-m-len(marker) >= after {
			spans = append(spans, span{start, end})
			i = end
		}
	}
}

// findWebhookPath appends the segments of the path after each marker
// (a Teams webhook's route, with at least after bytes of path): the ids
// and the signature that grant the right to post. The scheme, the host,
// the route's words and the fixed segment IncomingWebhook are kept, so
// that the log still says where the request went.
func findWebhookPath(s string, spans []span, marker string, after int) []span {
	for i := 0; ; {
		k := strings.Index(s[i:], marker)
		if k < 0 {
			return spans
		}
		j := i + k + len(marker)
		end := run(s, j, cAny)
		i = j
		if end-j < after {
			continue
		}
		for q := j; q < end; {
			e := q + strings.IndexByte(s[q:end], '/')
			if e < q {
				e = end
			}
			if e > q && s[q:e] != "IncomingWebhook" {
				spans = append(spans, span{q, e})
			}
			q = e + 1
		}
		i = end
	}
}

// isHex reports whether s consists of hex digits only.
func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if charClass[s[i]]&cHex == 0 {
			return false
		}
	}
	return true
}

// oktaBody matches an Okta API token after "00": 40 base64url bytes with
// a digit and letters of both cases, when "ssws" or "okta" (any case)
// stands in the 40 bytes before it. The look back is bounded.
func oktaBody(s string, j int) int {
	e := run(s, j, cURL)
	if e-j != 40 || !wordEnd(s, e) {
		return 0
	}
	var digit, lower, upper bool
	for k := j; k < e; k++ {
		c := charClass[s[k]]
		digit = digit || c&cDigit != 0
		lower = lower || c&(cLowerHex|cLower) != 0
		upper = upper || c&(cUpperHex|cUpper) != 0
	}
	if !digit || !lower || !upper {
		return 0
	}
	from := max(j-2-40, 0)
	for k := from; k+4 <= j-2; k++ {
		w := s[k : k+4]
		if strings.EqualFold(w, "ssws") || strings.EqualFold(w, "okta") {
			return e
		}
	}
	return 0
}

// maxBase64Login is how long a run of base64 findBase64Logins decodes:
// a user's name and a password take far less.
const maxBase64Login = 256

// findBase64Logins masks base64 that decodes to a login, user:password,
// as an Authorization header's Basic credentials carry it, met without
// the header (YWRtaW46…==): see base64LoginAt. Ordinary base64 (digests,
// ids, keys) decodes to bytes that are no such text.
func findBase64Logins(s string, spans []span) []span {
	for i := 0; i < len(s); {
		if !isAlnum(s[i]) {
			i++
			continue
		}
		a := i
		for i < len(s) && isAlnum(s[i]) {
			i++
		}
		if start, end := base64LoginAt(s, a, i); end > start {
			spans = append(spans, span{start, end})
			i = max(i, end)
		}
	}
	return spans
}

// base64LoginAt returns the bounds of the run of standard base64 (and its
// padding) around the word s[a:b] of letters and digits, when the word
// has 8 bytes or more with an upper-case letter after its first, and the
// run, 12 bytes or more and no part of a longer word, decodes to a login
// (base64Login); else 0, 0. The run is read maxBase64Login bytes far each
// way at most. prescan asks it of every word, for markB64Pair.
func base64LoginAt(s string, a, b int) (int, int) {
	if b-a < 8 || !hasUpperAfterFirst(s[a:b]) {
		return 0, 0
	}
	start := a
	for start > 0 && a-start < maxBase64Login && isB64Std(s[start-1]) {
		start--
	}
	body := b
	for body < len(s) && body-a < maxBase64Login && isB64Std(s[body]) {
		body++
	}
	end := body
	for n := 0; n < 2 && end < len(s) && s[end] == '='; n++ {
		end++
	}
	if start > 0 && (isB64Std(s[start-1]) || s[start-1] == '_' || s[start-1] == '-') ||
		end < len(s) && (isB64Std(s[end]) || s[end] == '_' || s[end] == '-' || s[end] == '=') {
		return 0, 0 // part of something longer
	}
	if n := body - start; n < 12 || n > maxBase64Login || n%4 == 1 || !base64Login(s[start:body]) {
		return 0, 0
	}
	return start, end
}

// isB64Std reports whether c is a byte of standard base64.
func isB64Std(c byte) bool { return isAlnum(c) || c == '+' || c == '/' }

// hasUpperAfterFirst reports whether w has an upper-case ASCII letter
// after its first byte.
func hasUpperAfterFirst(w string) bool {
	for i := 1; i < len(w); i++ {
		if w[i] >= 'A' && w[i] <= 'Z' {
			return true
		}
	}
	return false
}

// b64Value returns the 6 bits the standard base64 byte c stands for.
func b64Value(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return c - 'A'
	case c >= 'a' && c <= 'z':
		return c - 'a' + 26
	case c >= '0' && c <= '9':
		return c - '0' + 52
	case c == '+':
		return 62
	}
	return 63
}

// base64Login reports whether the standard base64 b (no padding, at most
// maxBase64Login bytes) decodes to a login: printable ASCII without
// spaces, a user's name of letters, digits and . _ @ + - with a letter
// (64 bytes at most), ':', and a password of 6 bytes or more that holds
// a letter and two of lower-case letters, upper-case letters, digits and
// characters other than those that join words (- . _ /), and does not
// open with '/' (a URL's scheme and host: https://…).
func base64Login(b string) bool {
	var buf [maxBase64Login * 3 / 4]byte
	n := 0
	var acc uint32
	bits := 0
	for i := 0; i < len(b); i++ {
		acc = acc<<6 | uint32(b64Value(b[i]))
		bits += 6
		if bits >= 8 {
			bits -= 8
			buf[n] = byte(acc >> bits)
			n++
		}
	}
	d := buf[:n]
	colon := bytes.IndexByte(d, ':')
	if colon < 1 || colon > 64 || len(d)-colon-1 < 6 || d[colon+1] == '/' {
		return false
	}
	letter := false
	for _, c := range d[:colon] {
		if !isAlnum(c) && c != '.' && c != '_' && c != '@' && c != '+' && c != '-' {
			return false
		}
		letter = letter || c > '9'
	}
	if !letter {
		return false
	}
	var lower, upper, digit, other bool
	for _, c := range d[colon+1:] {
		switch {
		case c <= ' ' || c > '~':
			return false
		case c == '-' || c == '.' || c == '_' || c == '/':
			// joins words (latest-stable, application/json)
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case isDigit(c):
			digit = true
		default:
			other = true
		}
	}
	kinds := 0
	for _, k := range []bool{lower, upper, digit, other} {
		if k {
			kinds++
		}
	}
	return (lower || upper) && kinds >= 2
}
