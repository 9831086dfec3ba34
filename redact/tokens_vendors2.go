package redact

import "strings"

// decimalDigits are the bytes of which a generated key holds one at least.
const decimalDigits = "0123456789"

// vendorFormats2 are prefixed credentials that secret scanners' public
// detectors (TruffleHog's, gitleaks') recognise by a prefix and a fixed
// length or layout. A prefix that is also an ordinary word or the start of
// an identifier (web_, pri_, ptr_, key-, secret_, API_KEY) comes with an
// exact length and an alphabet, and where identifiers of that length are
// common (ptr_…, secret_…) with upper- and lower-case letters and a digit,
// which a generated secret has and a name seldom does.
var vendorFormats2 = []tokenFormat{
	// Sourcegraph Cody gateway keys: "slk_" and 64 hex digits.
	{family: "sourcegraph", prefix: "slk_", body: cLHex, min: 64, max: 64, mixed: true},
	// Recharge Payments API tokens: sk_, test_ for sandboxes, the scope
	// (1x1 … 10x3) and 64 hex digits.
	{family: "recharge", prefix: "sk_", shape: rechargeBody},
	// Finage API keys: "API_KEY" and 32 upper-case letters and digits.
	{family: "finage", prefix: "API_KEY", body: cUAln, min: 32, max: 32, mixed: true},
	// Close CRM API keys: "api_", 22 letters and digits, '.', 22 more.
	{family: "close", prefix: "api_", shape: closeBody},
	// dfuse API keys: "web_" and 32 lower-case letters and digits, one of
	// them a letter past f (an MD5 named web_<hex> is no key).
	{family: "dfuse", prefix: "web_", shape: lowerKeyBody(32)},
	// Klaviyo private API keys: "pk_" and 34 hex digits, or a six-letter
	// account id between them.
	{family: "klaviyo", prefix: "pk_", shape: klaviyoBody},
	// LocationIQ access tokens: "pk." and 32 letters and digits.
	{family: "locationiq", prefix: "pk.", body: cAlnum, min: 32, max: 32, mixed: true},
	// Courier auth tokens: pk_prod_ or pk_test_ and 28 letters and digits.
	{family: "courier", prefix: "pk_prod_", body: cAlnum, min: 28, max: 28, mixed: true},
	{family: "courier", prefix: "pk_test_", body: cAlnum, min: 28, max: 28, mixed: true},
	// Checkout (checio) keys: "pk_" and 45 lower-case letters and digits.
	{family: "checio", prefix: "pk_", shape: lowerKeyBody(45)},
	// SalesBlink API keys: "key-" and 64 letters and digits.
	{family: "salesblink", prefix: "key-", shape: randomBody(cAlnum, 64, 64)},
	// BestTime private keys: "pri_" and 32 hex digits.
	{family: "besttime", prefix: "pri_", body: cLHex, min: 32, max: 32, mixed: true},
	// Photoroom API keys, live and sandbox: sk_pr_<name>_<40 hex digits>.
	{family: "photoroom", prefix: "sk_pr_", shape: photoroomBody},
	{family: "photoroom", prefix: "sandbox_sk_pr_", shape: photoroomBody},
	// Portainer access tokens: "ptr_" and 40 to 60 bytes of base64.
	{family: "portainer", prefix: "ptr_", shape: randomBody(cAny, 40, 60)},
	// Teamwork (CRM, Desk, Spaces) API tokens: "tkn.v1_", 71 letters and
	// digits and '='.
	{family: "teamwork", prefix: "tkn.v1_", body: cAlnum | cOther, min: 60, mixed: true},
	// EcoStruxure IT API keys: "AK1" and 50 to 55 letters, digits and '/'.
	{family: "ecostruxure", prefix: "AK1", shape: randomBody(cAlnum|cOther, 50, 55)},
	// ConvertAPI secrets: "secret_" and 16 letters and digits.
	{family: "convertapi", prefix: "secret_", shape: randomBody(cAlnum, 16, 16)},
	// IEX Cloud secret tokens: "sk_" and 32 lower-case letters and digits.
	{family: "iexcloud", prefix: "sk_", shape: lowerKeyBody(32)},
	// Ticket Tailor API keys: sk_<4 digits>_<6 digits>_<32 hex digits>.
	{family: "tickettailor", prefix: "sk_", shape: ticketTailorBody},
	// Typeform personal tokens shorter than the 59 bytes of the catalog's:
	// "tfp_" and 40 to 58 letters, digits and '_'.
	{family: "typeform", prefix: "tfp_", shape: randomBody(cWord, 40, 58)},
	// Aiven service passwords: "AVNS_" and 19 bytes or more.
	{family: "aiven", prefix: "AVNS_", body: cURL, min: 19, mixed: true},
	// Asaas API keys: "$aact_" (sandbox: "$aact_hmlg_") and base64.
	{family: "asaas", prefix: "aact_", body: cAny, min: 60, mixed: true},
	// CockroachDB Cloud API keys: "CCDB1_", an id, '_' and the secret.
	{family: "cockroachdb", prefix: "CCDB1_", body: cWord, min: 40, mixed: true},
	// Databento API keys: "db-" and 27 letters and digits.
	{family: "databento", prefix: "db-", shape: randomBody(cAlnum, 27, 27)},
	// Coveo API keys: "xx" and a UUID.
	{family: "coveo", prefix: "xx", shape: uuidBody},
	// Cashfree secret keys: cfsk_ma_prod_ or cfsk_ma_test_ and the key.
	{family: "cashfree", prefix: "cfsk_ma_", body: cWord, min: 40, mixed: true},
	// Cfx.re (FiveM, RedM) server keys.
	{family: "cfx.re", prefix: "cfxk_", body: cWord, min: 20, mixed: true},
	// Docker Swarm unlock keys (join tokens are SWMTKN-1-…).
	{family: "docker swarm", prefix: "SWMKEY-1-", body: cAlnum | cOther, min: 40, mixed: true},
	// Google Cloud Storage HMAC access ids of service accounts.
	{family: "gcp", prefix: "GOOG1", body: cUAln, min: 40, mixed: true},
	// Dynatrace platform tokens and OAuth client secrets (dt0s01., dt0s02.,
	// dt0s16., …; API tokens are dt0c01.).
	{family: "dynatrace", prefix: "dt0s", shape: dynatraceSBody},
	// Sourcegraph Cody Gateway access tokens (sgd_) and product
	// subscription tokens (sgs_): 64 hex digits.
	{family: "sourcegraph", prefix: "sgd_", body: cLHex, min: 64, max: 64, mixed: true},
	{family: "sourcegraph", prefix: "sgs_", body: cLHex, min: 64, max: 64, mixed: true},
	// Lichess personal (lip_) and OAuth (lio_) tokens.
	{family: "lichess", prefix: "lip_", body: cAlnum, min: 16, mixed: true},
	{family: "lichess", prefix: "lio_", body: cAlnum, min: 16, mixed: true},
	// OneSignal rich API keys of apps and organisations.
	{family: "onesignal", prefix: "os_v2_app_", body: cDigit | cLowerHex | cLower, min: 40, mixed: true},
	{family: "onesignal", prefix: "os_v2_org_", body: cDigit | cLowerHex | cLower, min: 40, mixed: true},
	// PostHog project secret keys (phs_), OAuth access (pha_) and refresh
	// (phr_) tokens; personal keys are phx_.
	{family: "posthog", prefix: "phs_", body: cWord, min: 30, mixed: true},
	{family: "posthog", prefix: "pha_", body: cWord, min: 30, mixed: true},
	{family: "posthog", prefix: "phr_", body: cWord, min: 30, mixed: true},
	// Unkey root keys.
	{family: "unkey", prefix: "unkey_", body: cAlnum, min: 16, mixed: true},
	// Volcengine access key ids: "AKLT" and base64.
	{family: "volcengine", prefix: "AKLT", body: cAlnum | cOther, min: 32, mixed: true},
	// WakaTime app secrets, OAuth access and refresh tokens (API keys are
	// waka_ and a UUID).
	{family: "wakatime", prefix: "waka_sec_", body: cAlnum, min: 30, mixed: true},
	{family: "wakatime", prefix: "waka_tok_", body: cAlnum, min: 30, mixed: true},
	{family: "wakatime", prefix: "waka_ref_", body: cAlnum, min: 30, mixed: true},
	// Fly.io macaroon tokens as flyctl prints them, with any version of
	// the first macaroon (fm1r_, fm2_, … are also matched alone).
	{family: "flyio", prefix: "FlyV1 fm", shape: flyMacaroonBody},
}

// rechargeBody matches what follows "sk_" in a Recharge token: an optional
// "test_", a scope (1x1, 2x2, 10x3, …: 1, 2, 3, 5 or 10, 'x', 1 to 3),
// '_' and 64 hex digits.
func rechargeBody(s string, j int) int {
	if len(s)-j >= 5 && s[j:j+5] == "test_" {
		j += 5
	}
	switch {
	case len(s)-j >= 2 && s[j:j+2] == "10":
		j += 2
	case j < len(s) && (s[j] == '1' || s[j] == '2' || s[j] == '3' || s[j] == '5'):
		j++
	default:
		return 0
	}
	if len(s)-j < 3 || s[j] != 'x' || s[j+1] < '1' || s[j+1] > '3' || s[j+2] != '_' {
		return 0
	}
	e := run(s, j+3, cHex)
	if e-j-3 != 64 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// closeBody matches 22 letters and digits, '.', and 22 more, with a digit
// in the whole.
func closeBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if k-j != 22 || k >= len(s) || s[k] != '.' {
		return 0
	}
	e := run(s, k+1, cAlnum)
	if e-k-1 != 22 || !wordEnd(s, e) || !strings.ContainsAny(s[j:e], decimalDigits) {
		return 0
	}
	return e
}

// lowerKeyBody matches exactly n lower-case letters and digits with a
// digit and a letter past 'f' (hex digits alone are a hash).
func lowerKeyBody(n int) func(string, int) int {
	return func(s string, j int) int {
		e := run(s, j, cDigit|cLowerHex|cLower)
		if e-j != n || !wordEnd(s, e) {
			return 0
		}
		var digit, lower bool
		for k := j; k < e; k++ {
			c := charClass[s[k]]
			digit = digit || c == cDigit
			lower = lower || c == cLower
		}
		if !digit || !lower {
			return 0
		}
		return e
	}
}

// randomBody matches min to max bytes of class with an upper-case letter,
// a lower-case letter and a digit among them, as a generated secret has
// and an identifier (ptr_to_next_node2) seldom does. When class holds '/'
// and the run is longer, the token ends at a '/' that leaves it min to
// max bytes long: a URL's path goes on after it (/v2/AK1…/usage).
func randomBody(class uint8, min, max int) func(string, int) int {
	return func(s string, j int) int {
		e := run(s, j, class)
		if e-j > max && class&cOther != 0 {
			if k := strings.LastIndexByte(s[j+min:j+max+1], '/'); k >= 0 {
				e = j + min + k
			}
		}
		if n := e - j; n < min || n > max || !wordEnd(s, e) {
			return 0
		}
		var digit, lower, upper bool
		for k := j; k < e; k++ {
			c := charClass[s[k]]
			digit = digit || c == cDigit
			lower = lower || c&(cLowerHex|cLower) != 0
			upper = upper || c&(cUpperHex|cUpper) != 0
		}
		if !digit || !lower || !upper {
			return 0
		}
		return e
	}
}

// klaviyoBody matches 34 lower-case hex digits, or 6 letters and digits,
// '_' and 34 lower-case hex digits, with a digit and a letter in the hex.
func klaviyoBody(s string, j int) int {
	if k := run(s, j, cAlnum); k-j == 6 && k < len(s) && s[k] == '_' {
		j = k + 1
	}
	e := run(s, j, cLHex)
	if e-j != 34 || !wordEnd(s, e) || !strings.ContainsAny(s[j:e], decimalDigits) || !strings.ContainsAny(s[j:e], "abcdef") {
		return 0
	}
	return e
}

// ticketTailorBody matches 4 digits, '_', 6 digits, '_' and 32 hex
// digits.
func ticketTailorBody(s string, j int) int {
	if k := run(s, j, cDigit); k-j != 4 || k >= len(s) || s[k] != '_' {
		return 0
	}
	if k := run(s, j+5, cDigit); k-j-5 != 6 || k >= len(s) || s[k] != '_' {
		return 0
	}
	e := run(s, j+12, cHex)
	if e-j-12 != 32 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// photoroomBody matches 1 to 64 letters and digits, '_' and 40 hex digits.
func photoroomBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if k == j || k-j > 64 || k >= len(s) || s[k] != '_' {
		return 0
	}
	e := run(s, k+1, cHex)
	if e-k-1 != 40 || !wordEnd(s, e) {
		return 0
	}
	return e
}

// dynatraceSBody matches two digits, '.' and 40 bytes or more of letters,
// digits and dots with a digit and a letter.
func dynatraceSBody(s string, j int) int {
	if len(s)-j < 3 || !isDigit(s[j]) || !isDigit(s[j+1]) || s[j+2] != '.' {
		return 0
	}
	e := run(s, j+3, cAlnum|cOther)
	if e-j-3 < 40 || !wordEnd(s, e) || !strings.ContainsAny(s[j+3:e], decimalDigits) || !hasLetter(s[j+3:e]) {
		return 0
	}
	return e
}

// flyMacaroonBody matches what follows "FlyV1 fm": a version number, '_'
// and 100 bytes or more of base64.
func flyMacaroonBody(s string, j int) int {
	k := run(s, j, cDigit)
	if k == j || k >= len(s) || s[k] != '_' {
		return 0
	}
	e := run(s, k+1, cAny)
	if e-k-1 < 100 {
		return 0
	}
	return e
}
