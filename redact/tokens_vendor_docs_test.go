package redact_test

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestVendorDocumentedSecretsMasked: generated secrets in the layouts
// their issuers document (wallet and chain private keys, PKCS#8 keys in
// hex, LND macaroons, Klarna, Trigger.dev, Inngest, Stytch, Shopify
// Partner and Linear webhook secrets) in
// each place of tokenInTexts, as an attr, in a message and in an error.
func TestVendorDocumentedSecretsMasked(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 5))
	g := func(a string, n int) string { return gen(rng, a, n) }
	const (
		bech32Lower = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
		base58      = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
	)
	var cases []textCase
	add := func(name, prefix string, bodies ...string) {
		for _, b := range bodies {
			cases = append(cases, tokenInTexts(name, prefix+b, len(prefix))...)
		}
	}
	add("nostr", "nsec1", g(bech32Lower, 58))
	add("sui", "suiprivkey1", g(bech32Lower, 59))
	add("tezos seed", "edsk", g(base58, 50))
	add("tezos key", "edsk", g(base58, 94))
	add("tezos secp256k1", "spsk", g(base58, 50))
	add("hedera ed25519", "302e020100300506032b657004220420", g(lhex, 64))
	add("lnd macaroon", "0201036c6e64", "02f801030a10"+g(lhex, 180))
	add("klarna", "klarna_live_api_", g(urlSafe, 40))
	add("klarna test", "klarna_test_api_", g(urlSafe, 40))
	add("trigger.dev", "tr_dev_", g(alnum, 20))
	add("trigger.dev prod", "tr_prod_", g(alnum, 24))
	add("inngest", "signkey-prod-", g(lhex, 64))
	add("inngest test", "signkey-test-", g(lhex, 64))
	add("inngest branch", "signkey-branch-", g(lhex, 64))
	add("stytch", "secret-live-", g(urlSafe, 36))
	add("stytch test", "secret-test-", g(urlSafe, 36))
	add("shopify partner", "prtapi_", g(lhex, 32))
	add("linear webhook", "lin_wh_", g(alnum, 40))
	requireEveryMode(t, cases)
}

// TestVendorDocumentedLookAlikesKept: words, identifiers, hashes and
// names that start like those secrets but lack their layout are kept.
func TestVendorDocumentedLookAlikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"event nsec1_rotation_completed logged",
		"module suiprivkey1_loader ready",
		"class edsk-header-toolbar set",
		"sum 302e020100300506032b6570 short",
		"sha " + strings.Repeat("0201036c6e64", 3) + " digest",
		"config klarna_live_api_url set",
		"table tr_dev_users_backup_2026 dropped",
		"flag signkey-prod-rotation-enabled on",
		"the request was signed by the client; signature verified",
		"file figure_3_caption.png and figures-2026.pdf saved",
		"name secret-live-reload-enabled-for-the-dashboard-service set",
		"table prtapi_requests_daily dropped",
		"route lin_wh_delivery_retry_queue ready",
	})
}
