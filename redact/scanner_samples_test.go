package redact

import "strings"

// scannerSample returns a token of one of scannerFormats whose shape the
// body class cannot build, and whether f is one.
func scannerSample(f tokenFormat) (string, bool) {
	const uuid = "3f2a1c9e-7b4d-4e8a-9c6f-0d1e2f3a4b5c"
	switch f.prefix {
	case "xaat-", "xapt-", "waka_", "rh-api-", "pub-c-", "sub-c-":
		return f.prefix + uuid, true
	case "pylf_v1_", "figp_", "dvc_server_", "Mid-server-", "SB-Mid-server-", "shltm_",
		"persona_production_", "persona_sandbox_", "api_live.", "api_sandbox.", "salad_cloud_":
		return f.prefix + "Qm3vZx8Lp1Wk5Tr9Hs2AQm3vZx8Lp1Wk5Tr9Hs2A4b", true
	case "na1.":
		return f.prefix + strings.Repeat("a1B2c3D4e5", 10), true
	case "1000.":
		return f.prefix + "9f8e7d6c5b4a39281706f5e4d3c2b1a0.0a1b2c3d4e5f60718293a4b5c6d7e8f9", true
	case "VF.":
		return f.prefix + "DM.0a1b2c3d4e5f60718293a4b5.Qm3vZx8Lp1Wk5Tr9", true
	case "3MVG9", "5AEP861":
		return f.prefix + strings.Repeat("a1B2c3D4e5F6g7H8", 6), true
	}
	return "", false
}
