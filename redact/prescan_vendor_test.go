package redact

import "testing"

// TestVendorNamesAdmittedWhole: a vendor's name that identifies a secret
// only as a key (cloudflare: "…") admits a text to the token search only
// when all of it is there, so that words it starts (cloud, source,
// algorithm) keep clean text cheap.
func TestVendorNamesAdmittedWhole(t *testing.T) {
	for s, want := range map[string]bool{
		"cloudflare: x":        true,
		"CLOUDFLARE_API_TOKEN": true,
		"SourceGraph token":    true,
		"algolia key":          true,
		"cloud provider":       false,
		"source=api":           false,
		"algorithm rs256":      false,
		"artifacts uploaded":   false,
		"sourcegrap":           false,
		"DATADOG_APP=x":        true,
		"sentry: x":            true,
		"travis: x":            true,
		"LaunchDarkly: x":      true,
		"database migrated":    false,
		"sent 4 bytes":         false,
		"travelling":           false,
		"launched worker":      false,
		"message queued":       false,
	} {
		if got := tokenMayStart(s, 0); got != want {
			t.Errorf("tokenMayStart(%q, 0) = %v, want %v", s, got, want)
		}
	}
}

// TestVendorNamesAdmittedAfterUnderscore: after '_' a text is admitted to
// the token search only by a whole vendor's name (TF_VAR_cloudflare), not
// by the other words of snake_case keys.
func TestVendorNamesAdmittedAfterUnderscore(t *testing.T) {
	for s, want := range map[string]bool{
		"TF_VAR_cloudflare = x":  true,
		"ACME_DATADOG=x":         true,
		"app_sumo_id = x":        true,
		"TF_VAR_cloud_region=x":  false,
		"snake_case_database=x":  false,
		"password_reset_token=x": false,
	} {
		got := false
		for j := 0; j+4 <= len(s); j++ {
			if j > 0 && s[j-1] == '_' && keyedNameAfterUnder(s, j) {
				got = true
			}
		}
		if got != want {
			t.Errorf("keyedNameAfterUnder in %q = %v, want %v", s, got, want)
		}
	}
}
