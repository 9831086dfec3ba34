package redact

import "testing"

// vendors3Sample returns a token of f when f is one of vendorFormats3,
// whose shapes the body class cannot build.
func vendors3Sample(f tokenFormat) (string, bool) {
	for _, v := range vendorFormats3 {
		if v.family != f.family || v.prefix != f.prefix || v.body != f.body || v.min != f.min || (v.shape == nil) != (f.shape == nil) {
			continue
		}
		switch f.prefix {
		case "mercury_production_", "mercury_sandbox_":
			return f.prefix + "rma_Vb4Nm8Qx2Lz6Wk0Tr3Hy7Pd1Js5Gf9Ca3Ue8Io2_yrucrem", true
		case "k8s-aws-v1.":
			return f.prefix + "aHR0cHM6Ly9zdHMuZXUtd2VzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTY", true
		case "glwt-", "glrtr-":
			return f.prefix + "Qm7Tx2Wz9Kb4Lp6Vn1Rc", true
		case "llx-":
			return f.prefix + "Tg5Kq2Wz8Lp3Vx7Nb4Mc1Rd6Yh0JfTg5Kq2Wz8Lp3Vx7", true
		case "e2b_":
			return f.prefix + "7c1e9a3f5b2d4c6e8a0f1b3d5c7e9a2b4d6f8a0c", true
		case "dbtu_", "dbtc_":
			return f.prefix + "Rk2Pz8Qw4Lm6_Xn1Vb7Tc3Yh9Js5Gd0AbRk2Pz8Qw4Lm6Xn1Vb7", true
		case "ck-":
			return f.prefix + "Tg5Kq2Wz8Lp3Vx7Nb4Mc1Rd6Yh0JfTg5Kq2Wz8Lp3Vx7", true
		case "dtn_":
			return f.prefix + "7c1e9a3f5b2d4c6e8a0f1b3d5c7e9a2b4d6f8a0c7c1e9a3f5b2d4c6e8a0f1b3d", true
		case "sk-helicone-", "sk-helicone-proxy-":
			return f.prefix + "k2m9q4w-z7c5v3b-n0a1s2d-f4g5h6j", true
		case "mxb_":
			return f.prefix + "Rk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js5G", true
		case "nk-":
			return f.prefix + "Rk2Pz8Qw4Lm6-n1Vb7Tc3Yh9Js5Gd0AbRk2Pz8Qw4Lm", true
		case "pts_":
			return f.prefix + "k2m9q4w1z7c5v3b6n0a1s2d3f4g5h6j7", true
		case "ion_":
			return f.prefix + "Wq7Rt2Yu9Io4Pa6Sd1Fg3Hj8Kl0Zx5Cv2Bn7Mq4We9", true
		case "scp-live-", "scp-test-":
			return f.prefix + "k2m9q4w1z7c5v3b6n0a1s2d3f4g5h6j7", true
		case "p8e-":
			return f.prefix + "Rk2Pz8Qw4Lm6-n1Vb7Tc3Yh9Js5Gd0Ab", true
		case "da2-":
			return f.prefix + "k2m9q4w1z7c5v3b6n0a1s2d3f4", true
		case "amzn.mws.", "px-dep-":
			return f.prefix + "5e1c2a9b-7d34-4f08-b6a1-c03e9d2f8b47", true
		case "odt_":
			return f.prefix + "Rk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js5Gd0Ab", true
		case "hvs.", "hvb.":
			return f.prefix + "Rk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js", true
		case "tk.eyJ":
			return f.prefix + "Rk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js5Gd0AbRk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js5Gd.Ab1Cd2Ef3Gh4Ij5Kl6Mn7", true
		case "NRAA-":
			return f.prefix + "4780f48c47df5882dbec3fd82c7", true
		case "NRRA-":
			return f.prefix + "e270623d47659ff6a48ac5bde6bba223bef47c8c26", true
		case "hawk.":
			return f.prefix + "Rk2Pz8Qw4Lm6Xn1Vb7Tc.3Yh9Js5Gd0AbRk2Pz8Qw", true
		case "dapi":
			return f.prefix + "0C5E83A2B7D94F1E6A08C3D5B92F7E41", true
		case "ghs_":
			return f.prefix + "736730_eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzMDkzNTMifQ.erJdn6SzVQ7YhjuRysR_fP1vVThdNhXiIz7n", true
		case "KEY":
			return f.prefix + "Rk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js5Gd0Ab-k2Pz8Qw4Lm6Xn1Vb7Tc3Yh", true
		case "CCIPAT_", "CCIPRJ_":
			return f.prefix + "lZyPAuThWn2G908ssDT0g3_t7qh0r5hrvsqzmuraqzduq6qco5onxgrtcn7y2z4", true
		case "shpat_", "shpca_", "shppa_", "shpss_":
			return f.prefix + "Rk2Pz8Qw4Lm6Xn1Vb7Tc3Yh9Js5Gd0Ab", true
		}
	}
	return "", false
}

// TestVendors3SamplesAreTokens: every format of vendorFormats3 has a
// sample for the prefilter's tests, and the token search finds it whole in
// text and the prefilter admits it.
func TestVendors3SamplesAreTokens(t *testing.T) {
	r := Must(Credentials)
	for _, f := range vendorFormats3 {
		s, ok := vendors3Sample(f)
		if !ok {
			t.Errorf("%s %q: no sample", f.family, f.prefix)
			continue
		}
		text := "sync used " + s + " today"
		spans := findTokens(text, nil)
		if len(spans) != 1 || text[spans[0].start:spans[0].end] != s {
			t.Errorf("%s %q: spans %v in %q, want the sample whole", f.family, f.prefix, spans, text)
		}
		if !r.prescan(text).tokens {
			t.Errorf("%s %q: the prefilter skips %q", f.family, f.prefix, text)
		}
	}
}
