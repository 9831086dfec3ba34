package redact_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// vendorFormat3Secrets are credentials of the formats in vendorFormats3
// and of the Mailchimp keys written in upper case, each generated to the
// vendor's format.
var vendorFormat3Secrets = []struct{ name, secret string }{
	{"ionic", "ion_zTDTOm6nroFl7YjRgpTyCZdIzQyKhvaLnb45AAvWRg"},
	{"scrapfly live", "scp-live-hbizy41qz42irhval66wtvggblz9u2u3"},
	{"scrapfly test", "scp-test-e94d48vi6s4w7ybtilmy0rw5lpjse87a"},
	{"adobe with dash", "p8e-twEludv7Khdl7a-m3lGx5DQMeYd2kXTV"},
	{"aws appsync", "da2-rmk9j4a58ucjzk8yxa4qth87ad"},
	{"amazon mws", "amzn.mws.ee1719e7-0a8d-47f9-a8ef-1c4c0b96fc53"},
	{"dependency-track", "odt_0hisSnvxxbwZG9C2vJJfqTjQQm8rzngj"},
	{"vault short service", "hvs.tfAEdLAejzb6dEDqITWbgCClWJ"},
	{"vault short batch", "hvb.P0ATy4bVV7MxzW4ZHn0bcWfRkTjB183GDgJlYMfa"},
	{"mapbox temporary", "tk.eyJCpCxHxzHHQjD56JWjLQoXrMnYMOYXEifa1sLPFI9NyLBCkUTHHKlz81kLW.YD7UdMmIiSVTVcsribCgAn"},
	{"newrelic admin", "NRAA-c64a15ecabfda5fc6c70ecd7793"},
	{"newrelic rest", "NRRA-cf0c46ec4364a3c4720db5bda2d22333c7812e1918"},
	{"pixie deploy", "px-dep-2e727fee-2114-4c90-8aa2-9e52488283ab"},
	{"stackhawk", "hawk.CT29yFGuzAqkvdgjs0Dd.CVOA5PaCGMmyyiHlDJTw"},
	{"databricks upper", "dapi89155EDFE805D73A5DEFC48D90E1450F"},
	{"databricks upper numbered", "dapi0C5E83A2B7D94F1E6A08C3D5B92F7E41-2"},
	{"github app jwt", "ghs_6965188_eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOiAxNzEwMjk1MzQxLCAiaXNzIjogIjc0NTcxMiJ9.5MbmV2joZTMrv1hybDViHgtiiLLpcWqciLCAgbGTnJ0UnmZw7J-C_vcIoEjH1uVfz6oO2wph5DLyHF0qMgLqCg"},
	{"shopify base62", "shpat_DnR7qYb1bwync5oYNlDxzma8F5FnxRBjTDQQlA"},
	{"shopify secret base62", "shpss_0W5xmEJvNuCYl8D3QRgXgelSqsjeKdji"},
	{"mailchimp upper", "D4A844EB05780025F1D3A68BC8B86911-US14"},
	{"mailchimp upper key lower centre", "7E0B3F92A1C84D56E0F7A3B9C21D4E68-us3"},
	{"azure devops pat", "KUVcZ87ImFPqjahAcr9YLg6XZmpXdovP19QTGpp1bu4RW9kzXXywJQQJ95BAACAAAAAT7wuPAAASAZDOjk3K"},
	{"telnyx whole", "KEYeMbXw3TfIRSwNLGDBUlHxI0ehkkuhkYz_TQ8qEJMjym2JYGV3GvgbBE"},
	{"circleci alnum", "CCIPAT_P822RK1uSF8cQyH6mSMptj_2h4qorjlt4mflo57xcnvyjp0xv1obzrcce9o0moe"},
	{"circleci project alnum", "CCIPRJ_ox9yimTcfipZGnzPbDFDyF_mzf5obr704yhqgeyygdvpf57nje8c5mj32s9w1ik"},
	{"kerberos as-rep", "$krb5asrep$23$1cbbefe4a84aba45d83a62e4324c4a5e$daa28117480f4c9dfac11bedae6fe764b69c296c58c122f0e11136de27b01b0caacf79568044709622d7d3fbacebe7fbc27a3a426618650ec99787370ca3e6b7b059f045f14c1656499b8461225d3e740aca535425ea6a819bd80c447748196f2774f4e92dc99642"},
	{"kerberos tgs", "$krb5tgs$23$*svc_sql$CORP.EXAMPLE$MSSQLSvc/db01.corp.example:1433*$3ecb062b99c4e4a59f26080f00099f98$3617a216ff8bc06c62f71d88f1ed68b8a6ae91b47a8537d43ec65211b94462da0e3971a4fb822ed0e9696a0e53b7806218d3421413b74685636c5d69e573afd6310f4ffcf19209f81136660630cd035e"},
	{"kerberos pre-auth", "$krb5pa$18$hashcat$EXAMPLE.ORG$96c289009b05181bfd32062962740b1b1ce5f74eb12e0266cde74e81094661addab08c0c1a178882c91a0ed89ae4e0e68d2820b9cce69770"},
	{"cisco type 9", "$9$ZOcRP0W3HxoTd4$pB3vcR3yCGn1ZYxcKLbXsrarNvJeL3vKzJ.7U4aCQhl"},
	{"cisco type 8", "$8$tPqjcUybT8FXhX$0RTDA7ajVj29j3UpmjJCo.NZGCkEcm1OZOgK6bE0dpY"},
}

// TestVendorFormats3Masked: each format alone, in prose, after '=' and
// ':', as a URL's path segment and inside JSON text, logged as an attr's
// value, the message and an error, through every deployment.
func TestVendorFormats3Masked(t *testing.T) {
	var cases []textCase
	for _, v := range vendorFormat3Secrets {
		s := v.secret
		for _, p := range []struct{ where, text, keep string }{
			{"alone", s, ""},
			{"prose", "release job loaded " + s + " from the vault", "release job loaded "},
			{"after =", "cred=" + s + " zone=ap", " zone=ap"},
			{"after colon", "using:" + s, "using:"},
			{"url path", "POST https://hooks.example.org/in/" + s + "/ack 202", "https://hooks.example.org/in/"},
			{"json", `{"deploy":{"k":"` + s + `","retries":2}}`, "deploy"},
		} {
			if p.where == "url path" && v.name == "azure devops pat" {
				continue // a run of base64 with '/' in it is read whole: not an 84-byte key
			}
			cases = append(cases, textCase{v.name + " " + p.where, p.text, secretPieces(s), nonEmpty(p.keep)})
		}
	}
	requireEveryMode(t, cases)
}

// TestVendorFormats3LookalikesKept: identifiers, words, hashes, placeholders
// and mixed-case hex that share a prefix or a layout with those formats
// stay as they are.
func TestVendorFormats3LookalikesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"ion_exchange_resin_capacity_per_litre_2024 noted",
		"ion_" + strings.Repeat("b", 42),
		"ion_k3v9q0m2x7w1z5r8t4y6u0p2s9d3f7g1h5j8l2n4",
		"scp-live-reload enabled, scp-test-suite green",
		"p8e-feature-flags-loaded-for-eu-west-1 ok",
		"da2-schema-migration done, da2-0123456789abcdef0123456789",
		"amzn.mws.orders.v2 queue",
		"odt_component_analysis_cache_v2 warmed",
		"odt_wq8r2m4n6p0s1t3v5x7z9b2d4f6h8k0l",
		"hvs.tokens_issued_total 42",
		"hvb.lease_ttl_seconds=3600",
		"tk.eyJ truncated",
		"NRAA-17 NRRA-pending",
		"px-dep-canary-eu rolled out",
		"hawk.report.generated.for.prod",
		"hawk.ABCDEFGHIJKLMNOPQRST.abcdefghijklmnopqrst",
		"dapi limit reached, DAPI-0C5E83A2B7D94F1E6A08C3D5B92F7E41",
		"dapi0C5E83A2B7D94F1E6A08C3D5B92F7E41AB",
		"ghs_42_notes.txt ghs_7_eyJ",
		"shpat_sync_orders_for_the_flagship_store_v2 ran",
		"object 5F2D8C1A9E7B4A36c0d2e4f6a8b0c2d4-us1 mixed",
		"locale en-US, region -US1 default",
		"0C5E83A2B7D94F1E6A08C3D5B92F7E4-US2",
		"build Hq3Wz8Lp2Vn6Tx0Rk4Mb9Yc1Fd5Gs7Je3Ua8Oi2Pl6Kz0Xw4Qv9Nr1Tm5By7Cs3Dh8AZDOr2Ew6 done",
		"tbxAk7jqevt0MLaMRTvetw0tESulEETldq8b8Vw2zbJYAxyL1aCcJQQJTlN99mhWp708DwGw5HqXDgLVXZx3",
		"KEYBOARD_LAYOUT_SETTINGS_FOR_THE_DEFAULT_USER_PROFILE_V2 loaded",
		"KEYSTORE_PASSWORD_FILE_PATH_FOR_THE_PRODUCTION_CLUSTER_2 unset",
		"CCIPAT_example_value in the docs",
		"$krb5tgs$23$*svc_web$CORP$HTTP/web01*$pending",
		"see $krb5asrep$ in the hashcat docs",
		"price $8$ then $9$ more, $9$short$abc",
	})
}

// TestVendorFormats3Exact: only the token is masked, the text around it
// is kept byte for byte.
func TestVendorFormats3Exact(t *testing.T) {
	cases := map[string]string{}
	for _, v := range vendorFormat3Secrets {
		cases["found "+v.secret+", rotating"] = "found [REDACTED], rotating"
	}
	tokenExact(t, cases)
}

// scannerSample is one line of testdata/scanners/sample.jsonl: a secret
// to mask or a look-alike to keep.
type scannerSample struct {
	Family    string `json:"family"`
	Secret    string `json:"secret"`
	Lookalike string `json:"lookalike"`
}

func loadScannerSample(t *testing.T) (secrets, lookalikes []scannerSample) {
	t.Helper()
	f, err := os.Open("testdata/scanners/sample.jsonl")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e scannerSample
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e))
		if e.Secret != "" {
			secrets = append(secrets, e)
		} else {
			lookalikes = append(lookalikes, e)
		}
	}
	require.NoError(t, sc.Err())
	return secrets, lookalikes
}

// TestScannerSampleMasked logs every generated value of the families that
// other secret scanners recognise by their shape, as a value, inside a
// message and inside an error, through redact.NewHandler and slogcore.New,
// and reports the share masked per placement: all must be, and every
// look-alike must come out unchanged.
func TestScannerSampleMasked(t *testing.T) {
	secrets, lookalikes := loadScannerSample(t)
	require.GreaterOrEqual(t, len(secrets), 40)
	require.GreaterOrEqual(t, len(lookalikes), 20)
	for _, d := range sampleDeployments(t) {
		for _, p := range gitleaksPlacements {
			lines := d.run(func(l *slog.Logger) {
				for _, e := range secrets {
					p.log(l, e.Secret)
				}
				for _, e := range lookalikes {
					p.log(l, e.Lookalike)
				}
			})
			require.Len(t, lines, len(secrets)+len(lookalikes), "%s %s: one line per record", d.name, p.name)
			masked := 0
			for i, e := range secrets {
				got := recordField(t, lines[i], p.field)
				if leaks(got, secretPieces(e.Secret)) {
					t.Errorf("%s %s: %s leaked: %q", d.name, p.name, e.Family, got)
					continue
				}
				masked++
			}
			t.Logf("%s %s: %d of %d masked (%.1f%%)", d.name, p.name, masked, len(secrets), 100*float64(masked)/float64(len(secrets)))
			for i, e := range lookalikes {
				got := recordField(t, lines[len(secrets)+i], p.field)
				if !strings.Contains(got, e.Lookalike) {
					t.Errorf("%s %s: %s look-alike changed: %q", d.name, p.name, e.Family, got)
				}
			}
		}
	}
}

func recordField(t *testing.T, line, field string) string {
	t.Helper()
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &rec), "%s", line)
	got, _ := rec[field].(string)
	return got
}

// sampleDeployment logs through one way of deploying the redactor and
// returns the JSON lines written.
type sampleDeployment struct {
	name string
	run  func(log func(*slog.Logger)) []string
}

func sampleDeployments(t *testing.T) []sampleDeployment {
	t.Helper()
	lines := func(b *bytes.Buffer) []string { return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") }
	return []sampleDeployment{
		{"NewHandler", func(log func(*slog.Logger)) []string {
			var b bytes.Buffer
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&b, nil), redact.Must(redact.Credentials))))
			return lines(&b)
		}},
		{"slogcore.New", func(log func(*slog.Logger)) []string {
			var b bytes.Buffer
			h := slogcore.New(&b, nil)
			log(slog.New(h))
			require.NoError(t, h.Close(context.Background()))
			return lines(&b)
		}},
	}
}
