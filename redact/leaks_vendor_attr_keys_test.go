package redact_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// vendorKeyPlacements log value under key as an attr, in a map, in a
// group and in an attr bound by With.
var vendorKeyPlacements = map[string]func(l *slog.Logger, key, value string){
	"attr":  func(l *slog.Logger, key, value string) { l.Info("configured", slog.String(key, value)) },
	"map":   func(l *slog.Logger, key, value string) { l.Info("configured", "env", map[string]string{key: value}) },
	"group": func(l *slog.Logger, key, value string) { l.Info("configured", slog.Group("ci", key, value)) },
	"with":  func(l *slog.Logger, key, value string) { l.With(key, value).Info("configured") },
}

// TestVendorNamedAttrKeysMasked: an attr's or a map's key that names a
// vendor (its name at the start of the key or after '_': cloudflare,
// datadog_app, TF_VAR_cloudflare) masks a value of that vendor's secret
// shape under it, through every handler; other values under such keys,
// and secrets under keys that name an id or a digest, are kept.
func TestVendorNamedAttrKeysMasked(t *testing.T) {
	masked := []struct{ key, value string }{
		{"cloudflare", "Qv7pXk2LmR9tWz4Yb8Nc3Hd6Jf1Gs5Ke0Ua_Tx-P"},
		{"Cloudflare.Global", "9e4c1b7a2f8d3e6c0b5a49d7e2f1c8b3a6d0e"},
		{"artifactory", "Zr8Kq3Lm7Vt2Rw9Ny4Pb6Hs1Jd5Fg0Cx8Ae3Wq7Tk2Bv6Nm1Lp4Xs9Dz3Hc8Gj5Rf0Yw2Ku7Q"},
		{"datadog", "7b3e9f0c2a5d8e1f4b6c9a0d3e7f2b5c"},
		{"DATADOG_APP", "Wq5Rt8Yu1Io4Pa7Sd0Fg3Hj6Kl9Zx2Cv5Bn8Mq1E"},
		{"TF_VAR_cloudflare", "Qv7pXk2LmR9tWz4Yb8Nc3Hd6Jf1Gs5Ke0Ua_Tx-P"},
		{"ci.travis", "Lk3Jh6Gf9Ds2Ap5Qw8Er1T"},
		{"sentry-auth", "c0ffee5e7a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9d0e1f"},
		{"sumo_access_id", "suQw3Er5Ty7Ui9"},
	}
	kept := []struct{ key, value string }{
		{"cloudflare", "enabled"},
		{"cloudflare", "Qv7pXk2LmR9tWz4Yb8Nc3Hd6Jf1Gs5Ke0Ua_Tx-P.example.net"},
		{"cloudflare_zone_id", "Qv7pXk2LmR9tWz4Yb8Nc3Hd6Jf1Gs5Ke0Ua_Tx-P"},
		{"cloudflared", "Qv7pXk2LmR9tWz4Yb8Nc3Hd6Jf1Gs5Ke0Ua_Tx-P"},
		{"sourcegraph_commit", "4c8e1a7f3b9d2e6c0a5f8b1d4e7c2a9f6b3d0e8c"},
		{"datadog_site", "datadoghq.eu"},
		{"datadog", "4c8e1a7f3b9d2e6c0a5f8b1d4e7c2a9f6b3d0e8c"}, // 40 hex digits: a digest
		{"travis", "passed"},
		{"linear", "0.873"},
		{"mydatadog", "7b3e9f0c2a5d8e1f4b6c9a0d3e7f2b5c"}, // the name inside a word
		{"sumo_access_id", "Qw3Er5Ty7Ui9Op"},              // an id of another shape
	}
	for _, tc := range masked {
		for where, place := range vendorKeyPlacements {
			t.Run(tc.key+"/"+where, func(t *testing.T) {
				for mode, out := range runModes(t, nil, func(l *slog.Logger) { place(l, tc.key, tc.value) }) {
					for _, b := range out.redacted {
						require.NotContains(t, b.String(), tc.value, "%s leaked", mode)
						require.Contains(t, b.String(), tc.key, "%s", mode)
					}
				}
			})
		}
	}
	for _, tc := range kept {
		for where, place := range vendorKeyPlacements {
			t.Run("kept "+tc.key+"="+tc.value+"/"+where, func(t *testing.T) {
				for mode, out := range runModes(t, nil, func(l *slog.Logger) { place(l, tc.key, tc.value) }) {
					for _, b := range out.redacted {
						require.Contains(t, strings.ReplaceAll(b.String(), `\"`, `"`), tc.value, "%s", mode)
					}
				}
			})
		}
	}
}
