package redact

import "strings"

// vendorDocFormats are secrets whose layout their issuer documents and the
// catalog had not: the private keys of wallets and chains in their
// exported text forms (Nostr's nsec1…, Sui's suiprivkey1…, Tezos'
// edsk…, Ed25519 PKCS#8 private keys written in hex as Hedera prints
// them, LND macaroons in hex), and prefixed API secrets (Klarna, Trigger.dev, Inngest, Stytch,
// Shopify Partner, Linear webhook secrets).
var vendorDocFormats = []tokenFormat{
	// Nostr private keys (NIP-19): "nsec1" and 58 bytes of bech32.
	{family: "nostr", prefix: "nsec1", shape: bech32Body(58)},
	// Sui private keys: "suiprivkey1" and 59 bytes of bech32.
	{family: "sui", prefix: "suiprivkey1", shape: bech32Body(59)},
	// Tezos secret keys: edsk and 50 base58 bytes (a seed) or 94 (a
	// whole key); spsk and p2sk (secp256k1, P-256) and 50.
	{family: "tezos", prefix: "edsk", shape: base58Body(50, 94)},
	{family: "tezos", prefix: "spsk", shape: base58Body(50, 50)},
	{family: "tezos", prefix: "p2sk", shape: base58Body(50, 50)},
	// Ed25519 private keys as PKCS#8 DER in hex (Hedera's keys as its
	// SDKs print them): the DER header, then the 32-byte key.
	{family: "hedera", prefix: "302e020100300506032b657004220420", body: cHex, min: 64, max: 64},
	// Lightning (LND) macaroons in hex, as lncli and REST clients pass
	// them: version 2, the location "lnd", and the rest.
	{family: "lnd", prefix: "0201036c6e64", body: cHex, min: 100},
	// Klarna API keys.
	{family: "klarna", prefix: "klarna_live_api_", body: cURL, min: 30, mixed: true},
	{family: "klarna", prefix: "klarna_test_api_", body: cURL, min: 30, mixed: true},
	// Trigger.dev secret keys per environment.
	{family: "trigger.dev", prefix: "tr_dev_", shape: randomBody(cAlnum, 20, 64)},
	{family: "trigger.dev", prefix: "tr_prod_", shape: randomBody(cAlnum, 20, 64)},
	{family: "trigger.dev", prefix: "tr_stg_", shape: randomBody(cAlnum, 20, 64)},
	// Inngest signing keys: "signkey-", the environment, '-' and 64 hex
	// digits. The prefix is the word alone, so that prose's sign… is no
	// candidate (prescan admits it only when all of it is there).
	{family: "inngest", prefix: "signkey", fold: true, shape: inngestKeyBody},
	// Stytch project secrets.
	{family: "stytch", prefix: "secret-live-", body: cURL, min: 30, mixed: true},
	{family: "stytch", prefix: "secret-test-", body: cURL, min: 30, mixed: true},
	// Shopify Partner API tokens: "prtapi_" and 32 hex digits.
	{family: "shopify", prefix: "prtapi_", body: cHex, min: 32, mixed: true},
	// Linear webhook signing secrets.
	{family: "linear", prefix: "lin_wh_", body: cAlnum, min: 32, mixed: true},
}

// bech32Body matches exactly n bytes of the bech32 alphabet in lower
// case (no 1, b, i or o), ending a word, with a digit and a letter.
func bech32Body(n int) func(string, int) int {
	return func(s string, j int) int {
		e := j
		for e < len(s) && (isDigit(s[e]) || s[e] >= 'a' && s[e] <= 'z') && s[e] != '1' && s[e] != 'b' && s[e] != 'i' && s[e] != 'o' {
			e++
		}
		if e-j != n || !wordEnd(s, e) || !hasDigit(s[j:e]) || !hasLetter(s[j:e]) {
			return 0
		}
		return e
	}
}

// base58Body matches a or b bytes of the base58 alphabet (no 0, O, I or
// l), ending a word, that mix upper and lower case.
func base58Body(a, b int) func(string, int) int {
	return func(s string, j int) int {
		e := j
		for e < len(s) && isAlnum(s[e]) && s[e] != '0' && s[e] != 'O' && s[e] != 'I' && s[e] != 'l' {
			e++
		}
		if n := e - j; n != a && n != b || !wordEnd(s, e) || !mixedCase(s[j:e]) {
			return 0
		}
		return e
	}
}

// inngestKeyBody matches the rest of an Inngest signing key after
// "signkey": '-', its environment (prod, test, branch), '-' and 64 hex
// digits or more.
func inngestKeyBody(s string, j int) int {
	for _, env := range [...]string{"-prod-", "-test-", "-branch-"} {
		if strings.HasPrefix(s[j:], env) {
			e := run(s, j+len(env), cHex)
			if e-j-len(env) < 64 || !wordEnd(s, e) {
				return 0
			}
			return e
		}
	}
	return 0
}
