package redact_test

import (
	"bytes"
	"errors"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// moreTokenCases are self-identifying tokens in the formats their issuers
// document (values made up for these tests): each is logged as an attr
// value, inside a message and inside an error, and neither hidden nor the
// token's last 12 bytes may reach the output.
var moreTokenCases = []struct {
	name, token, hidden string
}{
	// Twitter (X) app-only bearer tokens, with 22 A's and URL-escaped,
	// and with the 21 A's of X's documentation, unescaped.
	{"twitter 22 A escaped", "AAAAAAAAAAAAAAAAAAAAAA9381666AAAAAAAAkjB3U4ng1UGPGwrKSjzE%2BMXUxHeaHHJ%3DVsVTjjG6lY15UbmBgSWb92O7SbeIdMWKLds3mo4eoRs", "Wb92O7SbeIdMWKLds3mo"},
	{"twitter 21 A unescaped", "AAAAAAAAAAAAAAAAAAAAA525177AAAAAAA9ycxleNo+UQ2C3rbgcyNH/h3vZ1n5pdg=86F3C46wctUgGalRWfN9HIKOXbTCpbcpZnqOzYZ72uNIn", "ctUgGalRWfN9HIKOXbTC"},
	// Microsoft's common annotated security keys.
	{"azure devops pat", "rqFnaiCdOFOmBVkbpOEK5Zi1MjpL0Jof89p5SSHSAu56LtJRPCyXJQQJ99iCI4zUUFEav2RyMTEeAZDORI20", "rqFnaiCdOFOmBVkbpOEK5Zi1"},
	{"cask with padding", "rguc5xYQyff8DVAwgjtDGPsD5EzQRVlH5r9fFoQiCWJfZCTL9FxBJQQJ9DzFR9MgkH33evVVIR7eACOGF7uAn1==", "rguc5xYQyff8DVAwgjtDGPsD"},
	// Azure identifiable keys.
	{"azure storage", "FN6My/rbCA12OYkrBHIthZcr9CtyLyG7myNqgExNGWALGGy6PLUDNgP0bQ+KEkc5RToL6Igokyph+AStPgee5Q==", "CA12OYkrBHIthZcr9Cty"},
	{"azure cosmos db", "Y3zinh0SdiHNheMGhTe9jaF0/uU/kTAhcb9mYEBGSupvcOSFAVvVREoCMqz/Im2q22C7MFtkeA0CACDbuHPAaw==", "kTAhcb9mYEBGSupvcOSF"},
	{"azure api management", "yS+IXWo2DIyupVdKK/03yIePkKDdOCEPp26d33w4dwCwNr+fQ110PTHquc0Tqe9e1yPMs7Pw9QGAAPIMjruYDg==", "03yIePkKDdOCEPp26d33"},
	{"azure functions", "GZp_RV_3YKfY2y8iV42apTtwp-oY2Nzfq0_wmKyuShroAzFuCifZAA==", "3YKfY2y8iV42apTtwp"},
	{"azure redis", "FUxiEbNsPteqhOZHWyhaWyxwBeiG7DV9SAzCaKDOXxe=", "FUxiEbNsPteqhOZHWyha"},
	{"azure event hubs", "ByrjIBD6TfEcTcx0HEVT/AWdk2FQwTT0q+AEhBosBKR=", "ByrjIBD6TfEcTcx0HEVT"},
	{"azure relay", "4S3XBF2sN+X4Zkg2uqNsTB7CrBpd42hqI+ARmP+tujO=", "X4Zkg2uqNsTB7CrBpd42"},
	{"azure search split", "yvg6mw08ooceu1i+NiYJhVSjv8jAg3zrTlGm5xCZA8AzSeCZA8Hr", "NiYJhVSjv8jAg3zrTlGm"},
	{"azure search", "IbSFQjq1rlyl8zmneOLhqAcEdl3MPdXp0Ho8NSLfUVAzSeAnu7MD", "IbSFQjq1rlyl8zmneOLh"},
	{"azure container registry", "NuPWhZogl43QdbFOGT5LuRatKzvEp6Vlud0Du93eJL+ACRDRkhBI", "NuPWhZogl43QdbFOGT5L"},
	// Microsoft identity.
	{"entra refresh token", "0.AtVfik2qVoyIHHG5MQIRLYJg9t7BJ6k8-V98EFHg-cBk8JmVzfhOGbAci0AZF.IGn4R3M1gX-vETPfCvdlJ5kttYqbK50bQt_LdFP8I9AVdBl-aWVYYv6Bnht3B9phunQzmF-zXY2Qg__FJ2_Fv3E9M0gADTj-ixhuZ1SAtkePQhhena5W2hS_", "tVfik2qVoyIHHG5MQIRL"},
	{"microsoft account token", "EwBitNJWziLm9NHZDND55yJXEZGtvCvpesOZlxkhyK9ItXNDkyLw3xTT6x7GJ7b+gr99SIh8piUEdVFmTCri/TiIm/IctwQsII4vouW0A09/4lgsgf47fcMAa8dqwmeBgwkUEfB7BqNb0gYE7K76iJ3LT78JzkrooxyIRolxw6gcuFsz+3vDlOM3BBDhztzTttQRd+JUsiHB6nr4fnkRj2aO+oYe0X02J5hztjT2Y6C7iKU3VHEfFR8Hrz8PcSu8kPHIO6MkxkLBvnf/ZwTNBf7FXcfRYQ5tPWMaGjp6ko2FXfzB9StPsZWiXYNTFiFYRkVmCrv+kAaxeUMz0dulcLYrRRunELDiYZkB47f3RocyLKMH40MgZifD51oMT73MBXBkhSJ3MEDgzKRGJ8a=", "itNJWziLm9NHZDND55yJ"},
	// Payments.
	{"paypal", "A21AAPHz6Zie8A_LPyeS3ZwJcqffXqjUMupFtn3Q2XnVcwWDBcoqU1DLpAKmc6Y5jfNTXLEsd17Ens2tCx55aBP62zeg3PWRv", "PHz6Zie8A_LPyeS3ZwJc"},
	{"adyen", "AQEphmfuXpSIqNjcnUz+IhYtWQsvk6nw4P7yMHNHEUuU5NjkyKld8oCBURfxvmtCDt1h+==-lg6unjGP3DR3LOCFh51p80ee3Xw+ICnzU07ZapdF2Jv=-Zq4#tW;p)9!kLm2{", "lg6unjGP3DR3LOCFh51p"},
	{"checkout sandbox secret", "sk_sbox_ppk4vohkkf422l5rfwrw7uip23", "ppk4vohkkf422l5rfwrw"},
	{"checkout sandbox public", "pk_sbox_2ku4yyyaanmhs35jsxsrjphf7u", "2ku4yyyaanmhs35jsxsr"},
	{"checkout live uuid", "sk_48f2cc28-908c-145f-9361-515301a32459", "48f2cc28-908c-145f"},
	{"checkout live", "sk_q7mzk4w2xr6tbn3vhy5dplc2fa", "q7mzk4w2xr6tbn3vhy5d"},
	{"stripe payment intent secret", "pi_uDZjR9SRcMSCVBnsX8KTRM41_secret_6Xpb6Q02HsFrI7RcB4OSY0djp", "6Xpb6Q02HsFrI7RcB4OS"},
	{"stripe setup intent secret", "seti_nlFnMxIxJA7g1hN8jdXN10Iv_secret_JDjxkd8BNBcwXW2MxkZXa5hRY", "JDjxkd8BNBcwXW2MxkZX"},
	{"salesforce session", "00DZ82daAWW8w7d!47xFzozVTukZqvG44h6aGeOn3qhDSKmFv95qklkgIDhSSJBwCEAFDhj2MOHVncR3ubn8oWde5.yzbgj09zH0uOB_46ymqvdD", "47xFzozVTukZqvG44h6a"},
	// Observability and email.
	{"new relic license", "e2c1054038fe3f57a10313d2ba584e89e78aNRAL", "e2c1054038fe3f57a103"},
	{"honeycomb", "hcxik_015ovuabgq6koy4nwepqeo0r4t5k4e2nitcdhmon1k5gd3bu16or0y8htc", "015ovuabgq6koy4nwepq"},
	{"resend", "re_DfdkCuim_XYxRCW9MY5dA8qLekgNFm3zz", "XYxRCW9MY5dA8qLekgNF"},
	{"resend without a digit", "re_QwErTyUi_AsDfGhJkLzXcVbNmQwErTyUi", "AsDfGhJkLzXcVbNmQwEr"},
	{"checkout sandbox without a digit", "sk_sbox_mqzkwtvbnhxrplcydfgjsaeuio", "mqzkwtvbnhxrplcydfgj"},
	{"mandrill", "md-nOWCTzoH3VoTlC7baqzhmx", "nOWCTzoH3VoTlC7baqzh"},
	{"mandrill without a digit", "md-Rk_qWzpLvTe-XbNcYhsAdM", "Rk_qWzpLvTe-XbNcYhsA"},
	{"mailgun", "564118ff52799f8c727a2a4a4a4672cc-0b2e9749-2907d019", "564118ff52799f8c727a"},
	{"mailersend", "mlsn.7c1e94b2d05a38f6e9b1c47d2a06f853be94c1d07a2f6e358b0d94c7e1a2f3b6", "d05a38f6e9b1c47d2a06"},
	{"zuplo", "zpka_4e8b1f0c9a2d47e6b35c8f1a0d9e2b7c_5f1e9a0d", "9a2d47e6b35c8f1a0d9e"},
	{"rootly", "rootly_8d2f0a9c4e1b7d3a6f05c2e9b8a14d7f3c6e0b9a2d5f8c1e4b7a0d3f6c9e2b5a", "4e1b7d3a6f05c2e9b8a1"},
	{"elevenlabs", "sk_4961a0467cc6574dc1f3bca07a96c06c481b76ba5d2d5229", "4961a0467cc6574dc1f3"},
	// Consumer OAuth.
	{"login with amazon access", "Atza|Yx5C08Q-A8KAOUmoUJKwCg0eGWpifVC8ECKHhFFgcXnsXN00eoQlVzQqm4IJ_-8q5hde-nQ-c2B8PhqnhLqAnZGqrzl8Bpi7xzzF_ssgsfKXR2p9b89bsaWZx-I9xsbhRe1r9ppaiG6SDgkCjwIYqeuiVwMKcCuIZuAbk9YNaTmfOtAWENrS", "Yx5C08Q-A8KAOUmoUJKw"},
	{"login with amazon refresh", "Atzr|Wy79gEZOgk-ym3vY1I6SasG7El15QSpJMaIA27XJYTO27GhvJaXl_yBD9213S98amA7HoJ7vTlM6O98-mPKfaayQpRgbuMG8wvKsSQXRGLx-ncHYNV-xw-DY5OS8c-IebNUxn7YJAZG6xBkDJuku78rjPq4yZtuWmo8a2AdqebLlf3X_7-GJswmpOOPuB77FfZJFjydtQ07wvvFmzPCrFXg8f3XbsRigaQfjcdSBco4n3ysjSgN8_vRqaiHk3ARF_8SgqEnR9MEQHILrPv78htmBVMJBpibcfK0eAbVRRAlU", "Wy79gEZOgk-ym3vY1I6S"},
	{"instagram", "IGQWRIz2xTI01rvYPLZpY7T8DmTrz5p6WDXi-D8pR5OxD6whhOptLzu_8FcZEehLxUnGxSRX9z-eY9sd2VvWEq_ZBUQdCOcWIq_zm9UlQQr3an-NV4EQPsy7emEvZ4dc8pZtOQcQVKTh8DpcIY1ESx6yMfY21G_5-xXg_CrX8mY7HGg_wokZEvw9a", "Iz2xTI01rvYPLZpY7T8D"},
	{"twitch", "oauth:zrbau6k665aexex74sabutiv5a0ymx", "zrbau6k665aexex74sab"},
	// Keys.
	{"age post-quantum", "AGE-SECRET-KEY-PQ-1ZQRTN4A6ZVFSSSSN278D2YF3VFAXLMVUCHCSTYSFFJCM22MFNXTJ49VU2R", "ZQRTN4A6ZVFSSSSN278D"},
	{"bip32 xprv", "xprv9s21ZrQH143Kt8M29yDkHibHdn64oDx3V1dGm5pD9ZZCvLsUo1r7DNbFKYitaRH2JGJdhKsuKLSCrsHQQksmftaFbdewhTe8X34kvxEZN9z", "t8M29yDkHibHdn64oDx3"},
	{"bip32 tprv", "tprv8ZgxMBicQKsPJqDrRMJLkkoznWUPZFHHvP8rRsfiNpAKWF6bozsuZHVKicbTmjtdPcBUXy5rhkw8GYvHAEQa7jTCboUbPvxCT73QzEyNakj", "JqDrRMJLkkoznWUPZFHH"},
	{"infisical", "st.84cb08ace4e1e7079c6f89e8.d01a5d4c6d9b3befdc75590d90b4892d.093ad4d1f0bf3ece435a3936f8de8aa6", "d01a5d4c6d9b3befdc75"},
}

// keyLogRandom is a client random of a TLS key log line: public, kept.
const keyLogRandom = "64ce8efedad0c5dc53c03b1d6c4ea8d855f4cc5d9d7cf7295061949ed954a454"

// keyLogCases are TLS key log lines (SSLKEYLOGFILE): the secret is masked,
// the label is kept. (The client random after a label that ends with
// "SECRET" is masked as well, as the value of a key that names a secret.)
var keyLogCases = []struct{ label, secret string }{
	{"CLIENT_RANDOM", "2d0d5ffbdea2c305aea300e36ee3e8b7f453f43ab6d3e104772a260d9fc27bd8d3672e95cd9c733bb5228de52559b44f"},
	{"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "b94e6233228f8f2e747f5b39a1de37dd812a478360b447da2e9127751b094e95"},
	{"SERVER_HANDSHAKE_TRAFFIC_SECRET", "5a0e3f1c9b7d2e4a6c8f0b1d3e5a7c9f2b4d6e8a0c1e3f5a7b9d0c2e4f6a8b0d"},
	{"CLIENT_TRAFFIC_SECRET_0", "e4f6a8b0d2c1e3f5a7b9d0c2e4f6a8b05a0e3f1c9b7d2e4a6c8f0b1d3e5a7c9f"},
	{"SERVER_TRAFFIC_SECRET_0", "0b1d3e5a7c9f2b4d6e8a0c1e3f5a7b9d0c2e4f6a8b05a0e3f1c9b7d2e4a6c8fa"},
	{"EXPORTER_SECRET", "9d0c2e4f6a8b05a0e3f1c9b7d2e4a6c8f0b1d3e5a7c9f2b4d6e8a0c1e3f5a7b1"},
	{"CLIENT_EARLY_TRAFFIC_SECRET", "a8b05a0e3f1c9b7d2e4a6c8f0b1d3e5a7c9f2b4d6e8a0c1e3f5a7b9d0c2e4f6a"},
}

// logEverywhere logs s as an attr value, inside a message and inside an
// error through redact.NewHandler over a JSON handler, and returns the
// output.
func logEverywhere(s string) string {
	var buf bytes.Buffer
	l := slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), nil))
	l.Info("client ready", "value", s)
	l.Info("retrying with " + s + " after 401")
	l.Error("request failed", "err", errors.New("dial failed with "+s))
	return buf.String()
}

func TestMoreTokenFormatsMasked(t *testing.T) {
	for _, tc := range moreTokenCases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(tc.token, tc.hidden) {
				t.Fatalf("the case hides %q, not in its token", tc.hidden)
			}
			out := logEverywhere(tc.token)
			if strings.Contains(out, tc.hidden) || strings.Contains(out, tc.token[len(tc.token)-12:]) {
				t.Errorf("%s leaks:\n%s", tc.name, out)
			}
			if n := strings.Count(out, "[REDACTED]"); n < 3 {
				t.Errorf("%d masks, want 3:\n%s", n, out)
			}
			if !strings.Contains(out, "retrying with [REDACTED] after 401") || !strings.Contains(out, "dial failed with [REDACTED]") {
				t.Errorf("the message's words are not kept:\n%s", out)
			}
		})
	}
}

func TestTLSKeyLogSecretMasked(t *testing.T) {
	for _, tc := range keyLogCases {
		t.Run(tc.label, func(t *testing.T) {
			line := tc.label + " " + keyLogRandom + " " + tc.secret
			out := logEverywhere(line)
			if strings.Contains(out, tc.secret[:24]) || strings.Contains(out, tc.secret[len(tc.secret)-24:]) {
				t.Errorf("the secret leaks:\n%s", out)
			}
			kept := tc.label + " " + keyLogRandom + " [REDACTED]"
			if strings.HasSuffix(tc.label, "SECRET") || strings.HasSuffix(tc.label, "SECRET_0") {
				kept = tc.label + " [REDACTED]"
			}
			if n := strings.Count(out, kept); n != 3 {
				t.Errorf("%d lines read %q, want 3:\n%s", n, kept, out)
			}
		})
	}
}

// moreTokenNearMisses look like the formats above but are ordinary values:
// ids without their secret, hashes, words and base64 without a signature.
var moreTokenNearMisses = []string{
	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",     // base64 of zero bytes
	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // a longer run of them
	"sha256:9f2b4d6e8a0c1e3f5a7b9d0c2e4f6a8b05a0e3f1c9b7d2e4a6c8f0b1d3e5a7c9",
	"pi_3QbR7sLkdIwHu7ix0Zq4Fm2a",   // a PaymentIntent id
	"seti_1NGgzqLkdIwHu7ixr8TmWq3b", // a SetupIntent id
	"org 00D5g000004WxYz",           // a Salesforce org id
	"commit e2c1054038fe3f57a10313d2ba584e89e78a41c0",
	"md-col-offset-2 md-hidden",
	"re_index_documents_v2",
	"st.louis.gateway.example.com",
	"oauth:callback",
	"oauth:zrbau6k665aexex74sabutiv5a0ymxq", // 31 bytes
	"xprv9s21ZrQH143K",
	"EwBank transfer 42",
	"version 0.Alpha.3 and 1.Amd64.build",
	"/srv/1.Archive/" + strings.Repeat("2024-Q1-reports/", 12) + "index.html", // a path
	"CLIENT_RANDOM values are 32 bytes",
	"CLIENT_RANDOM " + keyLogRandom,
	"CLIENT_RANDOM 0530491f4a2b3c4d5e6f708192a3b4c5 8da13e98aa11bb22cc33dd44ee55ff66", // shortened in a document
	"request 3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c done",
	"564118ff52799f8c727a2a4a4a4672cc-0b2e9749",            // a hash and a CRC
	"sk_4961a0467cc6574dc1f3bca07a96c06c481b76ba5d2d52",    // 46 hex digits
	"sk_4961a0467cc6574dc1f3bca07a96c06c481b76ba5d2d52295", // 49
	"hcaik_short",
	"IGQWRtest",
	"Atza|x",
	"A21AA batch",
	// 86 bytes of base64 and padding with no signature, 84 base62 with
	// "JQQJ9" elsewhere.
	"FN6My/rbCA12OYkrBHIthZcr9CtyLyG7myNqgExNGWALGGy6PLUDNgP0bQ+KEkc5RToL6Igokyph+QStPgee5Q==",
	"rqFnaiCdOFOmBVkbpOEK5Zi1MjpL0Jof89p5SSHSAu56LtJRPCyXQJQJ99iCI4zUUFEav2RyMTEeAZDORI20",
	"ResizeImagesInAzureBlobContainerWithRetryPolicyV2==",
	"AzSearchIndexerPipelineRunner",
	"e2c1054038fe3f57a10313d2ba584e89e78aNRAX",
	// The length of a format but none of its letters and digits mixed.
	"md-navigation-drawer-left",
	"re_schedule_nightlybackupjobsforuser",
	"pk_sbox_sandbox",
	"sk_userprofilesettingscachev", // 26 letters
	"sk_user_profile_settings_cache",
	"oauth:authorizationcodegrantflowsabc",
	// A CASK with another version byte, a signature far from the end.
	"rqFnaiCdOFOmBVkbpOEK5Zi1MjpL0Jof89p5SSHSAu56LtJRPCyXJQQJ9XiCI4zUUFEav2RyMTEeAZDORI20",
	"FN6My/rbCA+AStYkrBHIthZcr9CtyLyG7myNqgExNGWALGGy6PLUDNgP0bQ+KEkc5RToL6Igokyph+QStPgee5Q==",
}

func TestMoreTokenNearMissesUnchanged(t *testing.T) {
	for _, s := range moreTokenNearMisses {
		out := logEverywhere(s)
		if strings.Contains(out, "[REDACTED]") || strings.Count(out, s) != 3 {
			t.Errorf("%q changed:\n%s", s, out)
		}
	}
}

// TestKeyedTokensPrefilter redacts random base64 text strewn with the
// signatures, paddings and separators of the formats found by length and
// signature (and a few prefixes): the package's TestMain fails the run if
// the prefilter skipped a search that finds something in any of them.
func TestKeyedTokensPrefilter(t *testing.T) {
	r := redact.Must(redact.Credentials)
	rng := rand.New(rand.NewPCG(10, 28))
	const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_="
	pieces := []string{"+ASt", "AzFu", "AzCa", "AzSeB", "+ACRC", "JQQJ99", "NRAL", "AZDO", "==", "=", "-", "/", "+", " ", `"`,
		"abcdef0123456789abcdef0123456789", "-0b2e9749-2907d019", "CLIENT_RANDOM ", "sk_", "re_", "md-", "0.A", "_cloudflare: ", "_TRAVIS=", "sumo_"}
	for range 100000 {
		var b strings.Builder
		for n := 20 + rng.IntN(120); b.Len() < n; {
			if rng.IntN(4) == 0 {
				b.WriteString(pieces[rng.IntN(len(pieces))])
				continue
			}
			for k := rng.IntN(30); k > 0; k-- {
				b.WriteByte(b64[rng.IntN(len(b64))])
			}
		}
		r.String(b.String())
	}
}
