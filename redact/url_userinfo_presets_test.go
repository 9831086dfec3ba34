package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestURLCredentialsMaskedUnderEveryPreset: a URL's user:password is
// masked under Credentials and under each personal-data preset alone
// (GDPR, HIPAA, CCPA, PCIDSS): a token or password in userinfo is never
// left because only a personal-data preset is configured.
func TestURLCredentialsMaskedUnderEveryPreset(t *testing.T) {
	presets := map[string]redact.Rule{
		"credentials": redact.Credentials, "gdpr": redact.GDPR, "hipaa": redact.HIPAA,
		"ccpa": redact.CCPA, "pcidss": redact.PCIDSS,
	}
	for name, p := range presets {
		t.Run(name, func(t *testing.T) {
			requireModesMasked(t, []redact.Rule{p}, []textCase{
				{"gitlab token as the password", "git fetch https://oauth2:glpat-Wq3Lr8Tn2Vx6Kd9Pb4Mz@git.example.org/infra/live.git failed",
					[]string{"Wq3Lr8Tn2Vx6Kd9Pb4Mz"}, []string{"@git.example.org/infra/live.git failed"}},
				{"password in a redis url", "dial redis://default:Tb7Hs2Qx9Lm4@cache.internal:6379/0: i/o timeout",
					[]string{"Tb7Hs2Qx9Lm4"}, []string{"@cache.internal:6379/0: i/o timeout"}},
				{"basic login in a proxy url", "HTTPS_PROXY=http://svc-build:Pv5Nc8Wr1Zk3@proxy.corp.example:3128 set",
					[]string{"Pv5Nc8Wr1Zk3"}, []string{"@proxy.corp.example:3128 set"}},
			})
		})
	}
}

// TestURLsWithoutCredentialsKeptUnderEveryPreset: URLs with no password,
// a user alone before '@' (ssh's git@), ports and times are kept under
// each preset that masks URL credentials.
func TestURLsWithoutCredentialsKeptUnderEveryPreset(t *testing.T) {
	for name, p := range map[string]redact.Rule{"gdpr": redact.GDPR, "hipaa": redact.HIPAA, "ccpa": redact.CCPA, "pcidss": redact.PCIDSS} {
		t.Run(name, func(t *testing.T) {
			requireWholeKept(t, []redact.Rule{p}, []string{
				"clone https://git.example.org/infra/live.git done",
				"clone ssh://git@git.example.org:2222/infra/live.git done",
				"listen http://0.0.0.0:8080/healthz at 10:42:17",
				"GET https://api.example.net:8443/v1/orders?page=2 200",
			})
		})
	}
}
