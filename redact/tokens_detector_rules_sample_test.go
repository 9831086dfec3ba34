package redact

import "strings"

// detectorRulesSample returns a token of format f when f is one of
// detectorRuleFormats or vendorDocFormats, or a format ended by a shape
// of tokens_format_ends.go, whose shape the body class cannot build.
func detectorRulesSample(f tokenFormat) (string, bool) {
	if f.shape == nil {
		return "", false
	}
	switch f.prefix {
	case "nsec1":
		return f.prefix + strings.Repeat("q8x3k7w2n5m9", 5)[:58], true
	case "suiprivkey1":
		return f.prefix + strings.Repeat("q8x3k7w2n5m9", 5)[:59], true
	case "edsk", "spsk", "p2sk":
		return f.prefix + strings.Repeat("3Vb4Nm8Qx2Lz6Wk", 4)[:50], true
	case "signkey":
		return f.prefix + "-prod-" + strings.Repeat("7c1e9a3f5b2d4c6e", 4), true
	case "tr_dev_", "tr_prod_", "tr_stg_":
		return f.prefix + "Vb4Nm8Qx2Lz6Wk0Tr3Hy7", true
	case "hooks.slack.com/":
		return f.prefix + "services/T0A1B2C3D4/B5E6F7G8H9/Qm7Tx2Wz9Kb4Lp6Vn1Rc8Yh3", true
	case "discord.com/api/webhooks/", "discordapp.com/api/webhooks/":
		return f.prefix + "123456789012345678/" + strings.Repeat("Qm7Tx2Wz9Kb4-p6Vn1Rc", 3) + "Yh3Js5Gd", true
	case "hooks.zapier.com/hooks/catch/":
		return f.prefix + "1234567/k2m9q4w/", true
	case "AccountKey=", "SharedAccessKey=":
		// In its connection string: the key=value rules read the
		// value too (a sentence's period after it with it), so the
		// bare token is left to its own tests.
		return "Endpoint=sb://ns.example.net/;" + f.prefix + strings.Repeat("Qm3v+Zx8Lp1/Wk5Tr9Hs2A", 2)[:43] + "=;EntityPath=q", true
	case "maker.ifttt.com/":
		return f.prefix + "trigger/door_open/with/key/Qm7Tx2Wz9Kb4Lp6Vn1Rc8", true
	}
	for _, v := range detectorRuleFormats {
		if v.family != f.family || v.prefix != f.prefix || v.shape == nil {
			continue
		}
		switch f.prefix {
		case "alcht_":
			return f.prefix + "Vb4Nm8Qx2Lz6Wk0Tr3Hy7Pd1Js5Gf9", true
		case "pgar_":
			return f.prefix + "Rk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js5", true
		case "spu-":
			return f.prefix + "k2m9q4w1z7c5v3b6n0a1s2d3f4g5h6j7", true
		case "LTAI":
			return f.prefix + "5tQw8Zk2Lm7Xp3", true
		case "eu01xx":
			return f.prefix + strings.Repeat("0a1b2c3d4e5f", 3) + "-NRMA", true
		case "git&":
			return f.prefix + "202612011200&" + strings.Repeat("Qm3v+Zx8Lp1/Wk5Tr9Hs2A", 4)[:86] + "==", true
		}
	}
	return "", false
}
