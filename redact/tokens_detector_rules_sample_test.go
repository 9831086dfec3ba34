package redact

import "strings"

// detectorRulesSample returns a token of format f when f is one of
// detectorRuleFormats whose shape the body class cannot build.
func detectorRulesSample(f tokenFormat) (string, bool) {
	if f.shape == nil {
		return "", false
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
		case "AA":
			return f.prefix + strings.Repeat("7c1e9a3f5b", 4) + "-NRMA", true
		case "eu01xx":
			return f.prefix + strings.Repeat("0a1b2c3d4e5f", 3) + "-NRMA", true
		case "git&":
			return f.prefix + "202612011200&" + strings.Repeat("Qm3v+Zx8Lp1/Wk5Tr9Hs2A", 4)[:86] + "==", true
		}
	}
	return "", false
}
