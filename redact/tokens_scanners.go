package redact

// scannerFormats are prefixed credentials that the public rule sets of
// secret scanners (GitHub secret scanning's partner patterns, TruffleHog's
// detectors) recognise by their prefix, written from the vendors'
// documented formats. Each entry keeps a length, an alphabet or a layout
// besides its prefix, so that a word or an id sharing the prefix
// ("aio_http", "na1.salesforce.com", "1000.5") stays.
var scannerFormats = []tokenFormat{
	// AI providers and observability.
	{family: "cerebras", prefix: "csk-", body: cDigit | cLowerHex | cLower, min: 40, mixed: true},
	// Axiom API tokens (xaat-) and personal access tokens (xapt-): a UUID.
	{family: "axiom", prefix: "xaat-", shape: uuidBody},
	{family: "axiom", prefix: "xapt-", shape: uuidBody},
	// Pydantic Logfire write tokens: pylf_v1_<region>_<secret>.
	{family: "logfire", prefix: "pylf_v1_", shape: randomChunkBody(cWord, 32, 16)},
	// New Relic Insights query keys and browser keys.
	{family: "newrelic", prefix: "NRIQ-", body: cURL, min: 25, mixed: true},
	{family: "newrelic", prefix: "NRBR-", body: cHex, min: 19, mixed: true},
	// FullStory API keys: "na1." and 100 base64 bytes without dots, so
	// that a host name (na1.salesforce.com/…) is not one.
	{family: "fullstory", prefix: "na1.", shape: fullStoryBody},
	{family: "nightfall", prefix: "NF-", body: cAlnum, min: 32, max: 32, mixed: true},
	// Code hosting, CI and developer tools.
	// Bitbucket Data Center HTTP access tokens: "BBDC-" and 40 to 50 bytes of base64.
	{family: "bitbucket", prefix: "BBDC-", body: cURL | cOther, min: 40, mixed: true},
	// Deno Deploy personal (ddp_) and organisation (ddw_) tokens.
	{family: "deno", prefix: "ddp_", body: cAlnum, min: 36, mixed: true},
	{family: "deno", prefix: "ddw_", body: cAlnum, min: 36, mixed: true},
	{family: "endor labs", prefix: "endr+", body: cAlnum | cDash, min: 16, mixed: true},
	{family: "figma", prefix: "figp_", shape: randomChunkBody(cURL|cOther, 40, 12), excl: "/"},
	{family: "sonar", prefix: "sqco_", body: cAlnum, min: 40, mixed: true}, // SonarCloud
	{family: "trufflehog", prefix: "thog-key-", body: cLHex, min: 16, max: 16, mixed: true},
	{family: "trufflehog", prefix: "thog-secret-", body: cLHex, min: 32, max: 32, mixed: true},
	// WakaTime API keys: "waka_" and a UUID.
	{family: "wakatime", prefix: "waka_", shape: uuidBody},
	// DevCycle server SDK keys (client keys are public).
	{family: "devcycle", prefix: "dvc_server_", shape: randomChunkBody(cURL, 30, 16)},
	{family: "adafruit", prefix: "aio_", body: cAlnum, min: 28, max: 28, mixed: true},
	// Payments and commerce.
	// Paddle API keys: pdl_live_apikey_ or pdl_sdbx_apikey_, an id, a secret, a checksum.
	{family: "paddle", prefix: "pdl_live_apikey_", body: cWord, min: 40, mixed: true},
	{family: "paddle", prefix: "pdl_sdbx_apikey_", body: cWord, min: 40, mixed: true},
	// Razorpay key ids: rzp_live_ or rzp_test_ and 14 letters and digits.
	{family: "razorpay", prefix: "rzp_live_", body: cAlnum, min: 14, max: 14, mixed: true},
	{family: "razorpay", prefix: "rzp_test_", body: cAlnum, min: 14, max: 14, mixed: true},
	{family: "pagarme", prefix: "ak_live_", body: cAlnum, min: 30, mixed: true},
	{family: "ramp", prefix: "ramp_id_", body: cAlnum, min: 40, mixed: true},
	{family: "ramp", prefix: "ramp_sec_", body: cAlnum, min: 48, mixed: true},
	// Midtrans server keys, production and sandbox.
	{family: "midtrans", prefix: "Mid-server-", shape: randomChunkBody(cURL, 20, 12)},
	{family: "midtrans", prefix: "SB-Mid-server-", shape: randomChunkBody(cURL, 20, 12)},
	// Square sandbox application secrets (sq0csp- is production's).
	{family: "square", prefix: "sq0csb-", body: cURL, min: 40},
	{family: "robinhood", prefix: "rh-api-", shape: uuidBody},
	{family: "flexport", prefix: "shltm_", shape: randomChunkBody(cURL, 40, 12)},
	{family: "fleetbase", prefix: "flb_live_", body: cAlnum, min: 20, mixed: true},
	// Persona API keys, production and sandbox.
	{family: "persona", prefix: "persona_production_", shape: randomChunkBody(cURL, 32, 12)},
	{family: "persona", prefix: "persona_sandbox_", shape: randomChunkBody(cURL, 32, 12)},
	// Onfido API tokens: api_live.<id>.<secret> (api_sandbox. for tests).
	{family: "onfido", prefix: "api_live.", shape: randomChunkBody(cURL|cOther, 40, 12), excl: "/"},
	{family: "onfido", prefix: "api_sandbox.", shape: randomChunkBody(cURL|cOther, 40, 12), excl: "/"},
	// Salesforce connected-app consumer keys (3MVG9…) and refresh tokens (5AEP861…).
	{family: "salesforce", prefix: "3MVG9", body: cWord | cOther, min: 80, mixed: true},
	{family: "salesforce", prefix: "5AEP861", body: cWord | cOther, min: 80, mixed: true},
	// Zoho OAuth tokens: 1000.<32 hex digits>.<32 hex digits>.
	{family: "zoho", prefix: "1000.", shape: zohoBody},
	// The rest.
	{family: "pinterest", prefix: "pina_", body: cAlnum, min: 60, mixed: true},
	{family: "samsara", prefix: "samsara_api_", body: cAlnum, min: 30, mixed: true},
	{family: "saladcloud", prefix: "salad_cloud_", shape: randomChunkBody(cWord, 20, 12)},
	// PubNub publish, subscribe (a UUID each) and secret keys.
	{family: "pubnub", prefix: "pub-c-", shape: uuidBody},
	{family: "pubnub", prefix: "sub-c-", shape: uuidBody},
	{family: "pubnub", prefix: "sec-c-", body: cAlnum | cOther, min: 40, mixed: true},
	{family: "bannerbear", prefix: "bb_pr_", body: cLHex, min: 30, max: 30, mixed: true},
	{family: "bannerbear", prefix: "bb_ma_", body: cLHex, min: 30, max: 30, mixed: true},
	{family: "ubidots", prefix: "BBFF-", body: cAlnum, min: 30, mixed: true},
	// Voiceflow API keys: VF.DM. (or VF.WS., or VF.), 24 hex digits, '.', 16 letters and digits.
	{family: "voiceflow", prefix: "VF.", shape: voiceflowBody},
}

// randomChunkBody returns a shape for a body of at least min bytes of
// class whose prefix is made of words ("persona_production_",
// "api_live."): besides its length, the body must hold a run of chunk
// letters and digits or more with both, which a random secret (a UUID
// aside) has and an identifier made of words and numbers
// (persona_production_rollout_2024_q3) has not.
func randomChunkBody(class uint8, min, chunk int) func(string, int) int {
	return func(s string, j int) int {
		if e := uuidBody(s, j); e > 0 {
			return e
		}
		e := run(s, j, class)
		if e-j < min || !wordEnd(s, e) {
			return 0
		}
		for k := j; k < e; {
			c := run(s, k, cAlnum)
			if c-k >= chunk && hasDigit(s[k:c]) && hasLetter(s[k:c]) {
				return e
			}
			k = c + 1
		}
		return 0
	}
}

// fullStoryBody matches 100 bytes of base64 (letters, digits, + and /)
// with a digit and a letter, ending a word.
func fullStoryBody(s string, j int) int {
	e := j
	digits, letters := 0, 0
	for ; e < len(s); e++ {
		c := s[e]
		if isDigit(c) {
			digits++
		} else if charClass[c]&cAlnum != 0 {
			letters++
		} else if c != '+' && c != '/' {
			break
		}
	}
	for e < len(s) && s[e] == '=' {
		e++
	}
	if e-j < 100 || digits == 0 || letters == 0 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// zohoBody matches 32 hex digits, a dot and 32 more.
func zohoBody(s string, j int) int {
	e := run(s, j, cLHex)
	if e-j != 32 || e >= len(s) || s[e] != '.' {
		return 0
	}
	e2 := run(s, e+1, cLHex)
	if e2-e-1 != 32 || !wordEnd(s, e2) || !hasDigit(s[j:e2]) {
		return 0
	}
	return e2
}

// voiceflowBody matches an optional DM. or WS., 24 hex digits, a dot and
// 16 letters and digits.
func voiceflowBody(s string, j int) int {
	if len(s)-j >= 3 && (s[j:j+3] == "DM." || s[j:j+3] == "WS.") {
		j += 3
	}
	e := run(s, j, cHex)
	if e-j != 24 || e >= len(s) || s[e] != '.' {
		return 0
	}
	e2 := run(s, e+1, cAlnum)
	if e2-e-1 != 16 || !wordEnd(s, e2) {
		return 0
	}
	return e2
}
