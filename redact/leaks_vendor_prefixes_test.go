package redact_test

import "testing"

// TestNewerVendorFormatsMasked: credentials of vendors whose tokens carry
// a prefix of their own, met without any key naming them.
func TestNewerVendorFormatsMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"fireworks", "export done, key fw_4ic5ltrtfI5xi2fOIB6CSVRj rotated", []string{"ltrtfI5xi2fOIB6CSVRj"}, []string{"export done, key "}},
		{"vercel personal", "vercel login ok: vcp_VBtlJrJCHiPzczWHDcCa64KCktsYKqr3v6qAeh2BlhVtWfMu5ksVsXMD", []string{"eh2BlhVtWfMu5ksVsXMD"}, []string{"vercel login ok: "}},
		{"vercel integration", "installed with vci_N5ceK0bFAhfPaoLzFZioAyNM6k9FSUtHnekcJikRvU8nt0Sm", []string{"SUtHnekcJikRvU8nt0Sm"}, []string{"installed with "}},
		{"vercel app access", "bearer vca_nWULglbL8iu1nvqMI34zS2G5BFulWwwpU7NMceUMGEc11jgw for app", []string{"WwwpU7NMceUMGEc11jgw"}, []string{"bearer "}},
		{"vercel app refresh", "refresh with vcr_0eXDQ4diLdGtFBx7qIbkYHQb1jkugFLLLNn0J3ZsMGRajchF", []string{"gFLLLNn0J3ZsMGRajchF"}, []string{"refresh with "}},
		{"vercel api key", "deploy hook uses vck_zHseMsWSJlGuBteuNFasENhFg4q1DR04PmEsGmT65R8SrDEA", []string{"DR04PmEsGmT65R8SrDEA"}, []string{"deploy hook uses "}},
		{"together", "client = Together(tgp_v1_ibiBHmPV_ga8OoP1U_giYizYpDEKt4wdTl4wxEv4nW5)", []string{"YpDEKt4wdTl4wxEv4nW5"}, []string{"client = Together("}},
		{"anyscale", "endpoint ready esecret_flFDkVpxkLAJSUE2FwMMzXGeI2XLww", []string{"AJSUE2FwMMzXGeI2XLww"}, []string{"endpoint ready "}},
		{"mongodb atlas service account", "atlas sa mdb_sa_sk_8pKhYaLPlezOdeKil783a2EtFsZZJ4hoWHuV6S03", []string{"a2EtFsZZJ4hoWHuV6S03"}, []string{"atlas sa "}},
		{"runpod", "pod started with rpa_QJVZUMYZSU8JWSYRHEP5NALG9JVWY8Z7DSSLDXEW", []string{"NALG9JVWY8Z7DSSLDXEW"}, []string{"pod started with "}},
		{"jina", "embed via jina_lvRQFPBnUmQSI7cse_ZMl8kLx5uvo8QCUl1mRKFWRw87m6TRgfU24TWqojb6", []string{"Rw87m6TRgfU24TWqojb6"}, []string{"embed via "}},
		{"voyage", "rerank via pa-HFaveEA_52B43cirmXbsG8DEmcQBvvsTBQLY1PtSFu5", []string{"EmcQBvvsTBQLY1PtSFu5"}, []string{"rerank via "}},
		{"firecrawl", "crawl with fc-200e880d64687f1730e4741478a31191", []string{"7f1730e4741478a31191"}, []string{"crawl with "}},
		{"launchdarkly api", "ld client api-2ed44006-795f-f56e-f571-3d842102e97b loaded", []string{"6e-f571-3d842102e97b"}, []string{"ld client "}},
		{"okta ssws", "GET /api/v1/users SSWS 00Frh-dcV_5rvecmsFYh954TBHUyiEevKTTinVH_kz", []string{"4TBHUyiEevKTTinVH_kz"}, []string{"GET /api/v1/users SSWS "}},
		{"okta word", "Okta org ready, client uses 00JjgWhoJioMPxGAwKc34CrxOdacKln0jX2R83hkYN", []string{"rxOdacKln0jX2R83hkYN"}, []string{"Okta org ready, client uses "}},
	})
	requireWholeKept(t, nil, []string{
		"ticket 00az8MtZUcGRJ6VRbglTTTJ38AfcLV08RVHQKaii5b closed",
		"see api-reference for 3d588a4c-754e-aaa4-2dbc-e71d23f9ff3f",
		"okta sync finished, 51810168458531082073478429301782014916274 rows",
		"fw_version=12 vcp_enabled=true",
		"rpa_status: pending",
		"fc-2 ready, pa-east",
	})
}
