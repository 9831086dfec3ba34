package redact_test

import (
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestSnakeCaseCapabilityRoutesMasked: a capability route's word joined
// to a slug by '_' (/email_verification/<token>) carries the token as the
// dashed and bare forms do.
func TestSnakeCaseCapabilityRoutesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"email verification",
			"GET https://shop.example.net/email_verification/Tb6Lq2Xw8Kz4Vn0Rm5Hp?next=/cart 200",
			[]string{"Tb6Lq2Xw8Kz4Vn0Rm5Hp"}, []string{"shop.example.net/email_verification/", "?next=/cart 200"}},
		{"account activation uuid",
			"GET /account_activation/2d7f4b9e-6a1c-4e3f-9b8d-0c5a7e2f1d64 302",
			[]string{"2d7f4b9e-6a1c-4e3f-9b8d-0c5a7e2f1d64"}, []string{"/account_activation/", " 302"}},
		{"team invite after an id",
			"Location: https://crm.example.io/team_invite/9912/Gx3Wq7Lk1Zv5Rn9Tb2Hm",
			[]string{"Gx3Wq7Lk1Zv5Rn9Tb2Hm"}, []string{"/team_invite/9912/"}},
		{"newsletter unsubscribe",
			"GET /newsletter_unsubscribe/Yp8Kd2Wm6Xq0Lz4Vt7Rb HTTP/2",
			[]string{"Yp8Kd2Wm6Xq0Lz4Vt7Rb"}, []string{"/newsletter_unsubscribe/", " HTTP/2"}},
		{"two words before the route",
			"GET /user_email_confirm/Zc5Nq9Xw3Lk7Vb1Rt4Hm 200",
			[]string{"Zc5Nq9Xw3Lk7Vb1Rt4Hm"}, []string{"/user_email_confirm/", " 200"}},
	})
	requireWholeKept(t, nil, []string{
		"GET /admin/cache_reset/all 200",
		"GET /user_settings/reset_cache 200",
		"POST /orders/bulk_confirm 204",
		"GET /feature_flags/magic_login_enabled 200",
		"cache_reset took 42ms",
		"GET /reports/monthly_share/2026-11 200",
	})
}

// TestWebhookPathsKeepTheirHost: a Teams webhook masks the ids and the
// signature of its path and keeps the scheme, host and route; the path of
// a Slack webhook behind any host, with ids of any length, is masked.
func TestWebhookPathsKeepTheirHost(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"teams workflow webhook",
			"POST https://contoso.webhook.office.com/webhookb2/4b8e1f2a-7c3d-4e9a-b6f1-2d8c5a9e7b30@6f2a9c4e-1b7d-4a3e-8c5f-9d0b2e4a6c81/IncomingWebhook/8a1c3e5f7b9d2f4a6c8e0b1d3f5a7c9e/0e2c4a6b-8d1f-4c3e-a5b7-9f1d3c5e7a92 returned 400",
			[]string{"4b8e1f2a-7c3d-4e9a", "6f2a9c4e-1b7d", "8a1c3e5f7b9d2f4a6c8e0b1d3f5a7c9e", "0e2c4a6b-8d1f"},
			[]string{"POST https://contoso.webhook.office.com/webhookb2/", "/IncomingWebhook/", " returned 400"}},
		{"teams legacy webhook",
			`Post "https://outlook.office.com/webhook/a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c13@c1e3a5b7-9d2f-4b6c-8e0a-3d5f7b9c1e24/IncomingWebhook/5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a/d2f4b6a8-0c1e-4a3b-9d5f-7b9c1e3a5d68": EOF`,
			[]string{"a3c5e7f9-1b2d", "c1e3a5b7-9d2f", "5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a", "d2f4b6a8-0c1e"},
			[]string{"https://outlook.office.com/webhook/", "/IncomingWebhook/", ": EOF"}},
		{"slack path with short ids behind a relay",
			"POST https://relay.example.org/hooks/T042/B7781/Wd3Kq8Xz2Lm6Vn0Rt5Bh9Yp4 -> 200",
			[]string{"Wd3Kq8Xz2Lm6Vn0Rt5Bh9Yp4"}, []string{"https://relay.example.org/hooks/", " -> 200"}},
		{"slack services path with short ids",
			"notify via https://gw.corp.example/services/T9Z/B12/Kr5Wx1Lq7Zm3Vb9Tn2Hd6Jy8 failed",
			[]string{"Kr5Wx1Lq7Zm3Vb9Tn2Hd6Jy8"}, []string{"https://gw.corp.example/", " failed"}},
	})
	requireWholeKept(t, nil, []string{
		"GET /hooks/TEAM/BUILD/notificationsformatter 200",
		"GET https://gitlab.example.com/hooks/T12/B34/settings 200",
		"teams webhook delivered to https://contoso.webhook.office.com in 120ms",
	})
	out := handlerOutput(t, nil, func(l *slog.Logger) {
		l.Info("notify", "endpoint", "https://fabrikam.webhook.office.com/webhookb2/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d@9f8e7d6c-5b4a-4c3d-2e1f-0a9b8c7d6e5f/IncomingWebhook/0f1e2d3c4b5a69788796a5b4c3d2e1f0/7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d")
	})
	require.Contains(t, out, "https://fabrikam.webhook.office.com/webhookb2/"+redact.DefaultMask)
	require.NotContains(t, out, "0f1e2d3c4b5a69788796a5b4c3d2e1f0")
}
