package redact_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

const (
	alnum   = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	lhex    = "0123456789abcdef"
	uhexAln = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	urlSafe = alnum + "-_"
	b64     = alnum + "+/"
	lowers  = "abcdefghijklmnopqrstuvwxyz"
	bech32  = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
)

// gen returns n characters from alphabet, mixing in a digit and a letter
// so that every body has both.
func gen(rng *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}

type tokenCase struct {
	family string
	token  string
}

// tokenCases builds fake credentials in each documented format: made-up
// bodies of the documented alphabets and lengths behind real prefixes.
func tokenCases() []tokenCase {
	rng := rand.New(rand.NewPCG(17, 29))
	g := func(a string, n int) string { return gen(rng, a, n) }
	digits := func(n int) string { return gen(rng, "0123456789", n) }
	var cs []tokenCase
	add := func(family string, tokens ...string) {
		for _, t := range tokens {
			cs = append(cs, tokenCase{family, t})
		}
	}
	add("github", "ghp_"+g(alnum, 36), "gho_"+g(alnum, 36), "ghu_"+g(alnum, 36), "ghs_"+g(alnum, 36),
		"ghr_"+g(alnum, 36), "github_pat_"+g(alnum, 22)+"_"+g(alnum, 59))
	add("gitlab", "glpat-"+g(urlSafe, 20), "glpat-"+g(urlSafe, 27)+".01."+g(lowers, 9), "gldt-"+g(urlSafe, 20),
		"glptt-"+g(lhex, 40), "glrt-"+g(urlSafe, 20), "glcbt-1a_"+g(urlSafe, 20), "glft-"+g(urlSafe, 20),
		"glimt-"+g(urlSafe, 25), "glagent-"+g(urlSafe, 50), "gloas-"+g(urlSafe, 64), "glsoat-"+g(urlSafe, 20),
		"GR1348941"+g(urlSafe, 20))
	add("npm", "npm_"+g(alnum, 36))
	add("pypi", "pypi-AgEIcHlwaS5vcmc"+g(urlSafe, 70))
	add("rubygems", "rubygems_"+g(lhex, 48))
	add("jfrog", "AKCp"+g(alnum, 69), "cmVmd"+g(alnum, 59))
	add("pulumi", "pul-"+g(lhex, 40))
	add("slack", "xoxb-"+digits(12)+"-"+digits(13)+"-"+g(alnum, 24), "xoxp-"+digits(11)+"-"+digits(11)+"-"+digits(12)+"-"+g(lhex, 32),
		"xoxa-2-"+g(alnum, 30), "xoxr-"+g(alnum, 30), "xoxs-"+digits(10)+"-"+digits(10)+"-"+digits(10)+"-"+g(lhex, 64),
		"xoxe-1-"+g(uhexAln, 146), "xoxe.xoxp-1-"+g(uhexAln, 164), "xapp-1-A"+g(uhexAln, 10)+"-"+digits(13)+"-"+g(lhex, 64),
		"https://hooks.slack.com/services/T"+g(uhexAln, 8)+"/B"+g(uhexAln, 10)+"/"+g(alnum, 24),
		"https://hooks.slack.com/workflows/T"+g(uhexAln, 8)+"/A"+g(uhexAln, 10)+"/"+digits(18)+"/"+g(alnum, 24))
	add("slack", "xoxc-"+digits(10)+"-"+digits(13)+"-"+digits(13)+"-"+g(lhex, 64), "xoxd-"+g(alnum, 30)+"%2F"+g(alnum, 40)+"%3D%3D")
	add("teams", "https://acme.webhook.office.com/webhookb2/"+g(lhex, 8)+"-"+g(lhex, 4)+"-"+g(lhex, 4)+"-"+g(lhex, 4)+"-"+g(lhex, 12)+
		"@"+g(lhex, 8)+"-"+g(lhex, 4)+"-"+g(lhex, 4)+"-"+g(lhex, 4)+"-"+g(lhex, 12)+"/IncomingWebhook/"+g(lhex, 32)+"/"+g(lhex, 8)+"-"+g(lhex, 4)+"-"+g(lhex, 4)+"-"+g(lhex, 4)+"-"+g(lhex, 12))
	add("discord", "https://discord.com/api/webhooks/"+digits(18)+"/"+g(urlSafe, 68),
		"MTI"+g(alnum, 23)+"."+g(urlSafe, 6)+"."+g(urlSafe, 38), "OD"+g(alnum, 22)+"."+g(urlSafe, 6)+"."+g(urlSafe, 27))
	add("stripe", "sk_live_"+g(alnum, 24), "sk_test_"+g(alnum, 99), "rk_live_"+g(alnum, 24), "rk_test_"+g(alnum, 40), "whsec_"+g(alnum, 32))
	add("square", "sq0atp-"+g(urlSafe, 22), "sq0csp-"+g(urlSafe, 43), "EAAA"+g(urlSafe, 60))
	add("shopify", "shpat_"+g(lhex, 32), "shpca_"+g(lhex, 32), "shppa_"+g(lhex, 32), "shpss_"+g(lhex, 32))
	add("flutterwave", "FLWSECK_TEST-"+g(lhex, 32)+"-X", "FLWSECK_TEST-"+g(lhex, 12), "FLWPUBK_TEST-"+g(lhex, 32)+"-X")
	add("gcp", "AIza"+g(urlSafe, 35), "GOCSPX-"+g(urlSafe, 28), "ya29."+g(urlSafe, 120))
	add("azure", g(alnum, 3)+"8Q~"+g(alnum+"_~.-", 34), g(alnum, 3)+"7Q~"+g(alnum, 31))
	add("digitalocean", "dop_v1_"+g(lhex, 64), "doo_v1_"+g(lhex, 64), "dor_v1_"+g(lhex, 64))
	add("vault", "hvs."+g(urlSafe, 95), "hvb."+g(urlSafe, 140), "s."+g(lowers, 10)+"Q"+digits(3)+g(alnum, 10))
	add("terraform", g(lowers+"0123456789", 14)+".atlasv1."+g(urlSafe, 67))
	add("heroku", "HRKU-AA"+g(urlSafe, 58))
	add("doppler", "dp.pt."+g(alnum, 43), "dp.st."+g(alnum, 43), "dp.ct."+g(alnum, 43), "dp.scim."+g(alnum, 43), "dp.audit."+g(alnum, 43))
	add("flyio", "fo1_"+g(urlSafe, 43), "fm2_"+g(b64, 120)+"==", "fm1r_"+g(b64, 110))
	add("planetscale", "pscale_tkn_"+g(urlSafe, 43), "pscale_pw_"+g(urlSafe, 43), "pscale_oauth_"+g(urlSafe, 43))
	add("databricks", "dapi"+g(lhex, 32), "dapi"+g(lhex, 32)+"-2")
	add("grafana", "glc_"+g(b64, 40)+"==", "glsa_"+g(alnum, 32)+"_"+g(lhex, 8), "eyJrIjoi"+g(alnum, 80))
	add("sentry", "sntryu_"+g(lhex, 64), "sntrys_eyJpYXQiO"+g(alnum, 40)+"LCJyZWdpb25fdXJs"+g(alnum, 40)+"_"+g(alnum, 43))
	add("openai", "sk-proj-"+g(urlSafe, 58)+"T3BlbkFJ"+g(urlSafe, 58), "sk-"+g(alnum, 20)+"T3BlbkFJ"+g(alnum, 20), "sk-svcacct-"+g(urlSafe, 74)+"T3BlbkFJ"+g(urlSafe, 74))
	add("anthropic", "sk-ant-api03-"+g(urlSafe, 93)+"AA", "sk-ant-admin01-"+g(urlSafe, 93)+"AA")
	add("huggingface", "hf_"+g(lowers+"ABCDEFGHIJKLMNOPQRSTUVWXYZ", 34), "api_org_"+g(lowers, 34))
	add("perplexity", "pplx-"+g(alnum, 48))
	add("sendgrid", "SG."+g(urlSafe, 22)+"."+g(urlSafe, 43))
	add("twilio", "SK"+g(lhex, 32))
	add("notion", "secret_"+g(alnum, 43), "ntn_"+digits(11)+g(alnum, 35))
	add("linear", "lin_api_"+g(alnum, 40))
	add("atlassian", "ATATT3"+g(urlSafe+"=", 186))
	add("1password", "ops_eyJ"+g(b64, 260), "A3-"+g(uhexAln, 6)+"-"+g(uhexAln, 11)+"-"+g(uhexAln, 5)+"-"+g(uhexAln, 5)+"-"+g(uhexAln, 5))
	add("age", "AGE-SECRET-KEY-1"+g(bech32, 58))
	add("newrelic", "NRAK-"+g(uhexAln, 27), "NRJS-"+g(lhex, 19), "NRII-"+g(urlSafe, 32))
	add("misc", "dt0c01."+g(uhexAln, 24)+"."+g(alnum, 64), "EZAK"+g(alnum, 54), "PMAK-"+g(lhex, 24)+"-"+g(lhex, 34),
		"pnu_"+g(alnum, 36), "rdme_"+g(lowers+"0123456789", 70), "xkeysib-"+g(lhex, 64)+"-"+g(alnum, 16),
		"shippo_live_"+g(lhex, 40), "duffel_test_"+g(urlSafe, 43), "LTAI"+g(alnum, 20), "ico-"+g(alnum, 32),
		"sha256~"+g(urlSafe, 43), "tk-us-"+g(urlSafe, 48), "fio-u-"+g(urlSafe, 64), "p8e-"+g(alnum, 32),
		"CLOJARS_"+g(lowers+"0123456789", 60), "sm_pat_"+g(alnum, 16), "tfp_"+g(urlSafe, 59), "API-"+g(uhexAln, 25)+"7",
		g(alnum, 6)+"_"+g(alnum, 29)+"_mmk", "4b1d"+g(alnum, 38), g(lhex, 32)+"-us14", digits(10)+":AA"+g(urlSafe, 33),
		"AQVN"+g(urlSafe, 36), "squ_"+g(lhex, 40), "sgp_"+g(lhex, 16)+"_"+g(lhex, 40), "EAAC"+g(alnum, 120),
		digits(15)+"|"+g(urlSafe, 27), "bedrock-api-key-"+g(b64, 40))
	// Formats that gitleaks' examples showed missing, with bodies of our own.
	add("lob", "live_"+g(lhex, 34)+"a", "test_pub_"+g(lhex, 30)+"7")
	add("freemius", "sk_"+g(alnum, 10)+"#Q7&"+g(alnum, 12)+"a9Z")
	add("mapbox", "pk."+g(alnum, 60)+"."+g(alnum, 22))
	add("yandex", "t1."+g(urlSafe, 20)+"=."+g(urlSafe, 86))
	add("airtable", "pat"+g(alnum, 14)+"."+g(lhex, 64))
	add("twitter", strings.Repeat("A", 22)+g(alnum, 60)+"%2F"+g(alnum, 25))
	add("jwt-shaped", "ey"+g(alnum, 20)+".ey"+g(urlSafe, 24)+"."+g(urlSafe, 30), "ZXlK"+g(b64, 90)+"==")
	add("telegram", digits(9)+":A"+g(urlSafe, 34))
	add("authress", "sc_"+g(lowers, 10)+"."+g(lowers, 4)+".acc_"+g(lowers, 12)+"."+g(alnum, 48))
	add("square", "EAAA"+g(urlSafe, 24)+"x7")
	add("newrelic", "nrak-"+g(lowers, 20)+"4"+g(lowers, 6))
	// GitHub secret scanning partners with documented prefixes.
	add("docker", "dckr_pat_"+g(urlSafe, 27), "dckr_oat_"+g(urlSafe, 32))
	add("nvidia", "nvapi-"+g(urlSafe, 64))
	add("groq", "gsk_"+g(alnum, 52))
	add("xai", "xai-"+g(alnum, 80))
	add("replicate", "r8_"+g(alnum, 36)+"5")
	add("langsmith", "lsv2_pt_"+g(lhex, 32)+"_"+g(lhex, 10), "lsv2_sk_"+g(lhex, 32)+"_"+g(lhex, 10))
	add("pinecone", "pcsk_"+g(alnum, 5)+"_"+g(alnum, 64))
	add("contentful", "CFPAT-"+g(urlSafe, 43))
	add("figma", "figd_"+g(urlSafe, 40))
	add("posthog", "phx_"+g(alnum, 47))
	add("nuget", "oy2"+g(lowers, 40)+"a1b")
	add("tencent", "AKID"+g(alnum, 31)+"3")
	add("tavily", "tvly-"+g(alnum, 32))
	add("supabase", "sbp_"+g(lhex, 40), "sb_secret_"+g(urlSafe, 32))
	add("openrouter", "sk-or-v1-"+g(lhex, 64))
	add("gcp-refresh", "1//0"+g(urlSafe, 100))
	add("azure-storage", "AccountKey="+g(b64, 86)+"==", "SharedAccessKey="+g(b64, 43)+"=")
	add("cratesio", "cio"+g(alnum, 31)+"7", "cio_tp_"+g(alnum, 31)+"Q")
	add("buildkite", "bkua_"+g(lhex, 40), "bkaa_"+g(alnum, 72))
	add("circleci", "CCIPAT_"+g(alnum, 22)+"_"+g(lhex, 40), "CCIPRJ_"+g(alnum, 22)+"_"+g(lhex, 40))
	add("netlify", "nfp_"+g(alnum, 35)+"9")
	add("render", "rnd_"+g(alnum, 31)+"4")
	add("neon", "napi_"+g(alnum, 64))
	add("hubspot", "pat-na1-"+g(lhex, 8)+"-"+g(lhex, 4)+"-"+g(lhex, 4)+"-"+g(lhex, 4)+"-"+g(lhex, 12))
	add("aws-sts", "IQoJb3JpZ2luX2Vj"+g(b64, 300), "FwoGZXIvYXdzE"+g(b64, 300))
	uuid := func() string {
		return g(lhex, 8) + "-" + g(lhex, 4) + "-" + g(lhex, 4) + "-" + g(lhex, 4) + "-" + g(lhex, 12)
	}
	add("launchdarkly", "sdk-"+uuid(), "mob-"+uuid())
	add("braintree", "access_token$production$"+g("abcdefghijklmnopqrstuvwxyz0123456789", 16)+"$"+g(lhex, 32),
		"access_token$sandbox$"+g("abcdefghijklmnopqrstuvwxyz0123456789", 16)+"$"+g(lhex, 32))
	add("pypi-test", "pypi-AgENdGVzdC5weXBpLm9yZw"+g(urlSafe, 60))
	add("tailscale", "tskey-auth-k"+g(alnum, 10)+"CNTRL-"+g(alnum, 33), "tskey-api-k"+g(alnum, 10)+"CNTRL-"+g(alnum, 33),
		"tskey-client-k"+g(alnum, 10)+"CNTRL-"+g(alnum, 33))
	add("asana", "1/"+g("0123456789", 16)+":"+g(lhex, 32), "2/"+g("0123456789", 16)+"/"+g("0123456789", 16)+":"+g(lhex, 32))
	add("mollie", "live_"+g(alnum, 29)+"7", "test_"+g(alnum, 29)+"x")
	add("databricks-oauth", "dose"+g(lhex, 31)+"a")
	add("firebase-fcm", "AAAA"+g(urlSafe, 7)+":APA91b"+g(urlSafe, 134))
	add("brevo-smtp", "xsmtpsib-"+g(lhex, 64)+"-"+g(alnum, 16))
	add("zapier", "hooks.zapier.com/hooks/catch/"+g("0123456789", 7)+"/"+g(alnum, 6)+"/")
	add("ifttt", "maker.ifttt.com/trigger/deploy/with/key/"+g(urlSafe, 22), "maker.ifttt.com/use/"+g(urlSafe, 22))
	// Formats the redactor knew before the catalog.
	add("aws", "AKIA"+g(uhexAln, 16), "ASIA"+g(uhexAln, 16))
	add("jwt", "eyJhbGciOiJFUzI1NiJ9.eyJ"+g(urlSafe, 40)+"."+g(urlSafe, 43))
	add("pem", "-----BEGIN OPENSSH PRIVATE KEY-----\n"+g(b64, 64)+"\n-----END OPENSSH PRIVATE KEY-----")
	return cs
}

// TestTokenFormats logs every token as a value, inside a message and inside
// an error, and requires each placement to mask it.
func TestTokenFormats(t *testing.T) {
	cases := tokenCases()
	require.GreaterOrEqual(t, len(cases), 120)
	r := redact.Must(redact.Credentials)
	placements := map[string]func(*slog.Logger, string){
		"value":   func(l *slog.Logger, tok string) { l.Info("m", "v", tok) },
		"message": func(l *slog.Logger, tok string) { l.Info("deploy used " + tok + " today") },
		"error": func(l *slog.Logger, tok string) {
			l.Error("m", "err", fmt.Errorf("call: %w", errors.New("auth failed for `"+tok+"`")))
		},
	}
	missed := map[string][]string{}
	for _, tc := range cases {
		for where, log := range placements {
			var buf bytes.Buffer
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&buf, nil), r)), tc.token)
			probe := tc.token[len(tc.token)-12:] // the tail of the body: the secret part
			if strings.Contains(buf.String(), probe) || !strings.Contains(buf.String(), redact.DefaultMask) {
				missed[where] = append(missed[where], tc.family+": "+tc.token)
			}
		}
	}
	perFamily := map[string][3]int{} // tokens, missed anywhere, placements
	for _, tc := range cases {
		c := perFamily[tc.family]
		c[0]++
		for where := range placements {
			for _, m := range missed[where] {
				if m == tc.family+": "+tc.token {
					c[1]++
				}
			}
		}
		perFamily[tc.family] = c
	}
	families := make([]string, 0, len(perFamily))
	for f := range perFamily {
		families = append(families, f)
	}
	sort.Strings(families)
	var sb strings.Builder
	for _, f := range families {
		c := perFamily[f]
		fmt.Fprintf(&sb, "\n  %-14s %2d tokens, %d of %d placements masked", f, c[0], c[0]*3-c[1], c[0]*3)
	}
	t.Logf("%d families:%s", len(families), sb.String())
	for where := range placements {
		rate := 100 * float64(len(cases)-len(missed[where])) / float64(len(cases))
		t.Logf("%s: %d of %d masked (%.1f%%)", where, len(cases)-len(missed[where]), len(cases), rate)
		require.Empty(t, missed[where], "%s: leaked", where)
	}
}

// TestAssignmentForms: the whole value after a key that names a secret is
// masked, whatever the assignment syntax.
func TestAssignmentForms(t *testing.T) {
	r := redact.Must(redact.Credentials)
	forms := []string{`%s=%s`, `%s = %s;`, `%s: %s`, `%s => "%s"`, `"%s": "%s"`, `"%s" => '%s'`, `%s := "%s"`,
		`%s='%s'`, "%s: `%s`", `%s: {{ .Values.%s }}`, `%s: ENC[AES256_GCM,data:%s,iv:aGk=,type:str]`, `%s: ${%s}`,
		`export %s="%s"`, `<%s>%s</%s>`, `%s == "%s"`, `--%s=%s`, `%s ?= %s`}
	keys := []string{"password", "api_key", "client-secret", "DB_PASSWORD", "authToken", "x-api-key", "aws_secret_access_key", "stripe_key"}
	n := 0
	for _, key := range keys {
		for _, form := range forms {
			n++
			secret := fmt.Sprintf("Vx%03d/Zq+hidden", n)
			text := strings.ReplaceAll(fmt.Sprintf(form, key, secret), "%!(EXTRA string="+key+")", "")
			if strings.Count(form, "%s") == 3 {
				text = fmt.Sprintf(form, key, secret, key)
			}
			got, changed := r.String("cfg " + text + " end")
			require.True(t, changed, text)
			require.NotContains(t, got, "Vx", "%q -> %q", text, got)
			require.NotContains(t, got, "hidden", "%q -> %q", text, got)
			require.Contains(t, got, key, "the key is kept: %q", got)
		}
	}
}

// TestWellKnownFormatsInAnyText plants the formats of GitHub secret
// scanning's best-known partners in the places text puts them: JSON,
// query strings, headers, quotes, parentheses, lists and line ends.
func TestWellKnownFormatsInAnyText(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	g := func(a string, n int) string { return gen(rng, a, n) }
	tokens := []string{
		"ghp_" + g(alnum, 36), "gho_" + g(alnum, 36), "ghu_" + g(alnum, 36), "ghs_" + g(alnum, 36), "ghr_" + g(alnum, 36),
		"github_pat_" + g(alnum, 22) + "_" + g(alnum, 59),
		"xoxb-" + g("0123456789", 12) + "-" + g("0123456789", 13) + "-" + g(alnum, 24), "xoxp-" + g("0123456789", 11) + "-" + g(alnum, 40),
		"xapp-1-A" + g(uhexAln, 10) + "-" + g("0123456789", 13) + "-" + g(lhex, 64),
		"sk_live_" + g(alnum, 24), "rk_live_" + g(alnum, 24), "AIza" + g(urlSafe, 35), "glpat-" + g(urlSafe, 20),
		"npm_" + g(alnum, 36), "pypi-AgEIcHlwaS5vcmc" + g(urlSafe, 60), "SG." + g(urlSafe, 22) + "." + g(urlSafe, 43),
		"AKIA" + g(uhexAln, 16), "ASIA" + g(uhexAln, 16), "dckr_pat_" + g(urlSafe, 27), "hf_" + g(alnum, 34),
		"sk-ant-api03-" + g(urlSafe, 93) + "AA", "sk-proj-" + g(urlSafe, 58) + "T3BlbkFJ" + g(urlSafe, 58),
		"shpat_" + g(lhex, 32), "dop_v1_" + g(lhex, 64), "hvs." + g(urlSafe, 95), "glsa_" + g(alnum, 32) + "_" + g(lhex, 8),
	}
	contexts := []string{
		`{"token":"%s"}`, `GET /api?access_token=%s&page=2`, `Authorization: token %s`, `cfg('%s')`,
		`[%s, other]`, "value `%s`", `%s`, `at end: %s.`, `url=https://ci.example.net/hook?k=%s`, "line1\n%s\nline3",
		`tokens=%s;next=1`, `<token>%s</token>`,
	}
	r := redact.Must(redact.Credentials)
	for _, tok := range tokens {
		for _, c := range contexts {
			text := fmt.Sprintf(c, tok)
			got, _ := r.String(text)
			if strings.Contains(got, tok[len(tok)-12:]) {
				t.Errorf("leaked: %q -> %q", text, got)
			}
		}
	}
}
