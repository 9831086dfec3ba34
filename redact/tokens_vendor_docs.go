package redact

// vendorDocFormats are secrets whose layout their issuer documents and the
// catalog had not: the private keys of wallets and chains in their
// exported text forms (Nostr's nsec1…, Sui's suiprivkey1…, Aptos'
// AIP-80 ed25519-priv-0x…, Tezos' edsk…, Stellar's S… seeds, PKCS#8
// private keys written in hex as Hedera prints them, LND macaroons in
// hex), and prefixed API secrets (Klarna, Trigger.dev, Inngest, Stytch).
var vendorDocFormats = []tokenFormat{
	// Nostr private keys (NIP-19): "nsec1" and 58 bytes of bech32.
	{family: "nostr", prefix: "nsec1", shape: bech32Body(58)},
	// Sui private keys: "suiprivkey1" and 59 bytes of bech32.
	{family: "sui", prefix: "suiprivkey1", shape: bech32Body(59)},
	// Aptos private keys in AIP-80 form: the scheme, "-priv-0x" and 64 hex
	// digits.
	{family: "aptos", prefix: "ed25519-priv-0x", body: cHex, min: 64, max: 64},
	{family: "aptos", prefix: "secp256k1-priv-0x", body: cHex, min: 64, max: 64},
	// Tezos secret keys: edsk and 50 base58 bytes (a seed) or 94 (a
	// whole key); spsk and p2sk (secp256k1, P-256) and 50.
	{family: "tezos", prefix: "edsk", shape: base58Body(50, 94)},
	{family: "tezos", prefix: "spsk", shape: base58Body(50, 50)},
	{family: "tezos", prefix: "p2sk", shape: base58Body(50, 50)},
	// Stellar secret seeds: 'S', a byte of A to D (the rest of the
	// version), and 54 upper-case base32 bytes.
	{family: "stellar", prefix: "SA", shape: stellarSeedBody},
	{family: "stellar", prefix: "SB", shape: stellarSeedBody},
	{family: "stellar", prefix: "SC", shape: stellarSeedBody},
	{family: "stellar", prefix: "SD", shape: stellarSeedBody},
	// Ed25519 and secp256k1 private keys as PKCS#8 DER in hex (Hedera's
	// keys as its SDKs print them): the DER header, then the 32-byte key.
	{family: "hedera", prefix: "302e020100300506032b657004220420", body: cHex, min: 64, max: 64},
	{family: "hedera", prefix: "3030020100300706052b8104000a04220420", body: cHex, min: 64, max: 64},
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
	// digits.
	{family: "inngest", prefix: "signkey-prod-", body: cHex, min: 64},
	{family: "inngest", prefix: "signkey-test-", body: cHex, min: 64},
	{family: "inngest", prefix: "signkey-branch-", body: cHex, min: 64},
	// Stytch project secrets.
	{family: "stytch", prefix: "secret-live-", body: cURL, min: 30, mixed: true},
	{family: "stytch", prefix: "secret-test-", body: cURL, min: 30, mixed: true},
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

// stellarSeedBody matches the 54 upper-case base32 bytes (A to Z, 2 to
// 7) of a Stellar secret seed after its first two, with a digit among
// them, ending a word.
func stellarSeedBody(s string, j int) int {
	e := j
	for e < len(s) && (s[e] >= 'A' && s[e] <= 'Z' || s[e] >= '2' && s[e] <= '7') {
		e++
	}
	if e-j != 54 || !wordEnd(s, e) || !hasDigit(s[j:e]) {
		return 0
	}
	return e
}
