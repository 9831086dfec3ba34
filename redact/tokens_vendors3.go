package redact

import "strings"

// vendorFormats3 are prefixed credentials that the public rule sets of
// other secret scanners (Nosey Parker's, Kingfisher's, secretlint's,
// detect-secrets') recognise by a prefix and a layout, and the spellings
// of catalog formats that those rule sets accept and the catalog's first
// entries did not (Shopify's base62 bodies, Vault's short service tokens,
// Databricks' upper-case hex). A prefix that starts identifiers (ion_,
// odt_, hawk.) comes with an exact length and an alphabet mixing cases
// and digits, which a generated secret has and a name seldom does.
var vendorFormats3 = []tokenFormat{
	// Ionic personal access tokens: "ion_" and 42 letters and digits.
	{family: "ionic", prefix: "ion_", shape: randomBody(cAlnum, 42, 42)},
	// Scrapfly API keys: scp-live- or scp-test- and 32 lower-case letters
	// and digits.
	{family: "scrapfly", prefix: "scp-live-", body: cDigit | cLowerHex | cLower, min: 32, max: 32, mixed: true},
	{family: "scrapfly", prefix: "scp-test-", body: cDigit | cLowerHex | cLower, min: 32, max: 32, mixed: true},
	// Adobe client secrets whose 32 bytes hold a '-' or upper-case letters.
	{family: "adobe", prefix: "p8e-", body: cAlnum | cDash, min: 32, max: 32, mixed: true},
	// AWS AppSync API keys: "da2-" and 26 lower-case letters and digits.
	{family: "aws", prefix: "da2-", shape: lowerKeyBody(26)},
	// Amazon Marketplace Web Service auth tokens: "amzn.mws." and a UUID.
	{family: "aws", prefix: "amzn.mws.", shape: uuidBody},
	// Dependency-Track API keys: "odt_" and 32 letters and digits or more.
	{family: "dependency-track", prefix: "odt_", shape: randomBody(cAlnum, 32, 255)},
	// Vault service and batch tokens shorter than the catalog's: 24 bytes
	// or more with both cases and a digit.
	{family: "vault", prefix: "hvs.", shape: randomBody(cAlnum, 24, 130)},
	{family: "vault", prefix: "hvb.", shape: randomBody(cURL, 24, 500)},
	// Mapbox temporary tokens: "tk." and a JWT-like body.
	{family: "mapbox", prefix: "tk.eyJ", body: cAny, min: 60, excl: "+/=~@"},
	// New Relic admin keys (NRAA-, 27 hex digits) and REST API keys
	// (NRRA-, 42), Pixie deploy keys (px-dep- and a UUID).
	{family: "newrelic", prefix: "NRAA-", body: cHex, min: 27, max: 27, fold: true, mixed: true},
	{family: "newrelic", prefix: "NRRA-", body: cHex, min: 42, max: 42, fold: true, mixed: true},
	{family: "newrelic", prefix: "px-dep-", shape: uuidBody},
	// Mercury banking API tokens (secret-token:mercury_production_…):
	// the environment, a kind of three letters, 30 letters and digits or
	// more, and the mark "_yrucrem".
	{family: "mercury", prefix: "mercury_production_", shape: mercuryBody},
	{family: "mercury", prefix: "mercury_sandbox_", shape: mercuryBody},
	// Amazon EKS bearer tokens as aws-iam-authenticator and aws eks
	// get-token make them: "k8s-aws-v1." and the base64url of a presigned
	// STS request.
	{family: "aws", prefix: "k8s-aws-v1.", body: cURL, min: 100},
	// GitLab workspace tokens (glwt-) and runner registration tokens
	// (glrtr-), as GitLab's list of token prefixes names them.
	{family: "gitlab", prefix: "glwt-", body: cURL, min: 20, mixed: true},
	{family: "gitlab", prefix: "glrtr-", body: cURL, min: 20, mixed: true},
	// LlamaCloud API keys: "llx-" and 40 to 64 letters and digits.
	{family: "llamacloud", prefix: "llx-", shape: randomBody(cAlnum, 40, 64)},
	// E2B API keys: "e2b_" and 40 lower-case hex digits.
	{family: "e2b", prefix: "e2b_", body: cLHex, min: 40, max: 40, mixed: true},
	// dbt Cloud personal access tokens (dbtu_) and service tokens (dbtc_):
	// 40 to 64 letters, digits and '_', both cases and a digit.
	{family: "dbt", prefix: "dbtu_", shape: randomBody(cWord, 40, 64)},
	{family: "dbt", prefix: "dbtc_", shape: randomBody(cWord, 40, 64)},
	// Chroma Cloud API keys: "ck-" and 44 letters and digits, both cases
	// and a digit (a common prefix: only at that length).
	{family: "chroma", prefix: "ck-", shape: randomBody(cAlnum, 44, 44)},
	// Daytona API keys: "dtn_" and 64 lower-case hex digits.
	{family: "daytona", prefix: "dtn_", body: cLHex, min: 64, max: 64, mixed: true},
	// Helicone API keys: sk-helicone- (or sk-helicone-proxy-) and groups
	// of 7 lower-case letters and digits joined by '-'.
	{family: "helicone", prefix: "sk-helicone-", shape: heliconeBody},
	{family: "helicone", prefix: "sk-helicone-proxy-", shape: heliconeBody},
	// Mixedbread API keys: "mxb_" and 24 to 64 letters and digits.
	{family: "mixedbread", prefix: "mxb_", shape: randomBody(cAlnum, 24, 64)},
	// Nomic Atlas API keys: "nk-" and 43 bytes of base64url, both cases
	// and a digit (a short prefix: only at that length).
	{family: "nomic", prefix: "nk-", shape: randomBody(cURL, 43, 43)},
	// Pangea service tokens: "pts_" and 32 lower-case letters and digits.
	{family: "pangea", prefix: "pts_", body: cDigit | cLowerHex | cLower, min: 32, max: 32, mixed: true},
	// StackHawk API keys: "hawk.", 20 bytes, '.' and 20 more.
	{family: "stackhawk", prefix: "hawk.", shape: stackhawkBody},
	// Databricks tokens written in upper-case hex: 32 hex digits and an
	// optional '-' and digit.
	{family: "databricks", prefix: "dapi", shape: databricksUpperBody},
	// GitHub App installation tokens of the newer form: ghs_, the app id,
	// '_' and a JWT.
	{family: "github", prefix: "ghs_", shape: githubAppJWTBody},
	// Shopify tokens and shared secrets with base62 bodies of 32 to 64.
	{family: "shopify", prefix: "shpat_", shape: randomBody(cAlnum, 32, 64)},
	{family: "shopify", prefix: "shpca_", shape: randomBody(cAlnum, 32, 64)},
	{family: "shopify", prefix: "shppa_", shape: randomBody(cAlnum, 32, 64)},
	{family: "shopify", prefix: "shpss_", shape: randomBody(cAlnum, 32, 64)},
	// Telnyx API v2 keys as a whole run of 55 base64url bytes after "KEY"
	// (the catalog's KEY0 form reads the UUID and the secret apart).
	{family: "telnyx", prefix: "KEY", shape: randomBody(cURL, 55, 55)},
	// CircleCI personal and project tokens whose last 40 bytes are
	// lower-case letters and digits, not hex digits alone.
	{family: "circleci", prefix: "CCIPAT_", shape: circleciAlnumBody},
	{family: "circleci", prefix: "CCIPRJ_", shape: circleciAlnumBody},
}

// kerberosHashes are the Kerberos hashes that hashcat and John the Ripper
// crack offline (AS-REP roasting, Kerberoasting, pre-authentication),
// and Cisco's type 8 and 9 password hashes ($8$<salt>$<hash>), searched
// from their '$' with the password hashes of cryptFormats.
var kerberosHashes = []tokenFormat{
	{family: "password hash", prefix: "$krb5asrep$", shape: kerberosHashBody},
	{family: "password hash", prefix: "$krb5tgs$", shape: kerberosHashBody},
	{family: "password hash", prefix: "$krb5pa$", shape: kerberosHashBody},
	{family: "password hash", prefix: "$8$", shape: ciscoHashBody},
	{family: "password hash", prefix: "$9$", shape: ciscoHashBody},
}

func init() {
	cryptFormats = append(cryptFormats, kerberosHashes...)
}

// kerberosHashBody matches the fields of a Kerberos hash after its
// scheme: an encryption type, a principal, realm or SPN ('@', '*', '/',
// ':' and '.' inside them), each field after a '$', the last being 32 hex
// digits or more.
func kerberosHashBody(s string, j int) int {
	k := j
	for k < len(s) && (charClass[s[k]]&cAny != 0 || s[k] == '$' || s[k] == '*' || s[k] == ':') {
		k++
	}
	last := j + strings.LastIndexByte(s[j:k], '$')
	if last < j {
		return 0
	}
	e := run(s, last+1, cHex) // the hash, before a sentence's '.' or a path's '/'
	if e-last-1 < 32 || e < len(s) && isAlnum(s[e]) {
		return 0
	}
	return e
}

// ciscoHashBody matches what follows "$8$" or "$9$" in Cisco's type 8
// (PBKDF2) and type 9 (scrypt) hashes: 14 bytes of salt, '$' and 43
// bytes of hash, in the alphabet of crypt ('.', '/', letters, digits).
func ciscoHashBody(s string, j int) int {
	k := cryptAlphabetRun(s, j)
	if k-j != 14 || k >= len(s) || s[k] != '$' {
		return 0
	}
	e := cryptAlphabetRun(s, k+1)
	if h := k + 44; e > h && (s[h] == '/' || s[h] == '.') {
		e = h // a path or a sentence goes on after the hash
	}
	if e-k-1 != 43 || e < len(s) && (isAlnum(s[e]) || s[e] == '$') || !hasDigit(s[k+1:e]) {
		return 0
	}
	return e
}

// cryptAlphabetRun returns the end of the run of crypt's alphabet ('.',
// '/', letters and digits) at s[j:].
func cryptAlphabetRun(s string, j int) int {
	for j < len(s) && (isAlnum(s[j]) || s[j] == '.' || s[j] == '/') {
		j++
	}
	return j
}

// circleciAlnumBody matches what follows CCIPAT_ or CCIPRJ_: 20 to 24
// letters and digits, '_' and 40 lower-case letters and digits with a
// letter past 'f' and a digit (hex alone is circleciBody's).
func circleciAlnumBody(s string, j int) int {
	k := run(s, j, cAlnum)
	if n := k - j; n < 20 || n > 24 || k >= len(s) || s[k] != '_' {
		return 0
	}
	if e := lowerKeyBody(40)(s, k+1); e > 0 {
		return e
	}
	return 0
}

// stackhawkBody matches 20 base64url bytes, '.', and 20 more, with a
// digit and a letter in the whole.
func stackhawkBody(s string, j int) int {
	k := run(s, j, cURL)
	if k-j != 20 || k >= len(s) || s[k] != '.' {
		return 0
	}
	e := run(s, k+1, cURL)
	if e-k-1 != 20 || !wordEnd(s, e) || !strings.ContainsAny(s[j:e], decimalDigits) || !hasLetter(s[j:e]) {
		return 0
	}
	return e
}

// databricksUpperBody matches 32 upper-case hex digits with a letter and
// a digit, then, optionally, '-' and a digit.
func databricksUpperBody(s string, j int) int {
	e := run(s, j, cUHex)
	if e-j != 32 || !hasLetter(s[j:e]) || !strings.ContainsAny(s[j:e], decimalDigits) {
		return 0
	}
	if len(s)-e >= 2 && s[e] == '-' && isDigit(s[e+1]) {
		e += 2
	}
	if !wordEnd(s, e) {
		return 0
	}
	return e
}

// githubAppJWTBody matches what follows "ghs_" in an installation token
// of the newer form: 1 to 20 digits, '_', and a JWT ("eyJ", three
// base64url segments between two dots).
func githubAppJWTBody(s string, j int) int {
	k := run(s, j, cDigit)
	if k == j || k-j > 20 || len(s)-k < 4 || s[k] != '_' || s[k+1:k+4] != "eyJ" {
		return 0
	}
	e := k + 1
	for dots := 0; ; e++ {
		e = run(s, e, cURL)
		if e < len(s) && s[e] == '.' && dots < 2 && e+1 < len(s) && charClass[s[e+1]]&cURL != 0 {
			dots++
			continue
		}
		if dots != 2 || e-k-1 < 40 || !wordEnd(s, e) {
			return 0
		}
		return e
	}
}

// mailchimpDataCentre returns the index of the first "-us" or "-US" in s
// (a Mailchimp key's data centre), or -1.
func mailchimpDataCentre(s string) int {
	for i := 0; ; {
		k := strings.IndexByte(s[i:], '-')
		if k < 0 || i+k+3 > len(s) {
			return -1
		}
		d := i + k
		if w := s[d+1 : d+3]; w == "us" || w == "US" {
			return d
		}
		i = d + 1
	}
}

// mercuryBody matches the rest of a Mercury API token after its
// environment: three lower-case letters (wma, rma), '_', 30 letters and
// digits or more and "_yrucrem", which every token ends with.
func mercuryBody(s string, j int) int {
	k := run(s, j, cLowerHex|cLower)
	if k-j != 3 || k >= len(s) || s[k] != '_' {
		return 0
	}
	e := run(s, k+1, cAlnum)
	if e-k-1 < 30 || !strings.HasPrefix(s[e:], "_yrucrem") || !wordEnd(s, e+len("_yrucrem")) {
		return 0
	}
	return e + len("_yrucrem")
}

// heliconeBody matches four or more groups of 7 lower-case letters and
// digits joined by '-', with a digit among them, as Helicone writes the
// base32 of its keys.
func heliconeBody(s string, j int) int {
	e, groups := j, 0
	for {
		k := run(s, e, cDigit|cLowerHex|cLower)
		if k-e != 7 {
			return 0
		}
		groups++
		if e = k; groups >= 4 && (e == len(s) || s[e] != '-' || run(s, e+1, cDigit|cLowerHex|cLower)-e-1 != 7) {
			break
		}
		if e >= len(s) || s[e] != '-' {
			return 0
		}
		e++
	}
	if !wordEnd(s, e) || !hasDigit(s[j:e]) {
		return 0
	}
	return e
}
