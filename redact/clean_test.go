package redact_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// ordinaryValues are what services log all day: ids, hashes, UUIDs,
// timestamps, paths, host names, versions, metric names, and prose that
// uses the words token, password, key and secret as words. None is a
// secret or personal data.
var ordinaryValues = []string{
	"req_01HZX3K9Q2M4N8P7R6S5T4V3W2",
	"123e4567-e89b-42d3-a456-556642440000",
	"550e8400-e29b-41d4-a716-446655440000",
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"d41d8cd98f00b204e9800998ecf8427e",
	"da39a3ee5e6b4b0d3255bfef95601890afd80709",
	"commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
	"sha256:9b2a7c8f3e1d4c5b6a798081726354433221100ffeeddccbbaa9988776655443",
	"2024-05-17T09:30:12.123456Z",
	"1715938212",
	"1715938212123",
	"/var/log/nginx/access.log",
	"/api/v2/orders/8812/items?page=3&per_page=50",
	"https://api.example.com/v1/users/me",
	"db-primary.eu-west-1.rds.amazonaws.com",
	"ip-10-0-12-34.ec2.internal",
	"registry.example.com/team/app:1.4.2",
	"v1.22.3",
	"go1.26.8",
	"4.2.0-rc.1+build.5",
	"http_server_requests_seconds_bucket",
	"kube_pod_container_status_restarts_total",
	"token refresh succeeded",
	"password reset email sent",
	"api key rotation scheduled for next week",
	"secret scanning found no issues",
	"invalid token signature",
	"the key was not found in cache",
	"password must be at least 12 characters",
	"token expired, refreshing",
	"missing Authorization header",
	"Bearer token required",
	"order #4821 shipped",
	"trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
	"span_id=00f067aa0ba902b7",
	"arn:aws:iam::123456789012:role/deploy",
	"us-east-1",
	"europe-west4-b",
	"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
	"GET /healthz 200 1.2ms",
	"SELECT id, name FROM users WHERE id = $1",
	"cpu=0.75 mem=512Mi",
	"p99 latency 245ms",
	"retry 3/5 after 2s",
	"pod/checkout-7d9f8b6c5-x2x9z",
	"deployment.apps/payments",
	"fd12:3456:789a:1::42", // a unique local IPv6 address: infrastructure (public addresses are personal data under GDPR, HIPAA, CCPA)
	"0x7f3a9c2e",
	"build 20240517.3",
	"release-2024.05.17",
	"feature_flag_new_checkout",
	"tokens_used=1532",
	"max_tokens 4096",
	"keyboard layout us",
	"secretary notified",
	"passenger count 3",
	"main.go:42",
	"s3://logs-archive/2024/05/",
	"stripe event evt_1PAbCdEfGhIjKlMn processed",
	"ch_3PAbCdEfGhIjKlMn0a1b2c3d",
	"cus_Q2w3E4r5T6y7U8",
	"1.2.840.113549.1.1.11",
	"10.0.0.0/8",
	"HTTP/1.1 404 Not Found",
	"user_42 logged in from web",
	"tenant-eu-3",
	"queue depth 1024 of 8192",
	"cache hit ratio 0.93",
	"icon@2x.png",
	"git@github.com:acme/api.git",
	// Look-alikes of the token formats: ids, digests and names that share a
	// prefix or a shape with one.
	"175928847299117063",
	"message 1130440962419572837 edited",
	"urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
	"01HZX3K9Q2M4N8P7R6S5T4V3W2",
	"dGhpcyBpcyBhIGxvZyBsaW5l",
	"ZXhhbXBsZS5jb20vaW5kZXguaHRtbA==",
	"job 1715938212:Archive_daily_snapshot_for_eu_region",
	"cursor EAAAAGx0ZXN0X2N1cnNvcl8xMjM0NTY",
	"live_migration_enabled",
	"test_pub_sub_handler_integration_suite",
	"eyewitness_reports.eyecare_v2.json",
	"commit 4b1d9e0c7a3f5b2d8e6c1a9f0b3d5e7c9a1b3d5f",
	"sha256:4b1dcafe00112233445566778899aabbccddeeff00112233445566778899aabb",
	"sk_user_profile_settings_cache",
	"t1.micro",
	"Other.Settings.Notifications.Enabled",
	"ODBC.Driver.17.for.SQL.Server",
	"https://t1.storage.example.com/thumbnails/2024/05/17/product-gallery-image-of-the-week-large-version.webp",
	"t3.2xlarge",
	"checkout-api-5f6d7c8b9-abcde",
	"gke-prod-pool-e2-standard-4-a1b2c3d4-xyz1",
	"x-request-id 7f9c2ba4e88f827d616045507605853e",
	"DefaultEndpointsProtocol=https;EndpointSuffix=core.windows.net",
	"pathfinder.v2.routes",
	"pat_expiry_days=90",
	"ey.region.prod",
	"AAAAAAAAAAAAAAAAAAAAAAAA",
	"https://api.internal.accounts.example.com/v1/users/123456/settings/notifications",
	"interface Login { user: string; password: string }",
	"ratio += 0.5",
	"metrics-grafana.acc-env.internal.example.com/d/abc123/overview-dashboard-for-team",
	"password = var.db_password",
	"  admin_token = module.bootstrap.admin_token",
	"password = data.aws_ssm_parameter.db.value",
	"master_password = aws_rds_cluster.main.master_password",
	"password_reset_url=/reset",
	"token_count=42",
	"CREATE USER app IDENTIFIED BY '***';",
	"set -x PATH /usr/local/bin",
	"connect tcp/443 refused by peer",
	"<summary><![CDATA[rotate the token monthly]]></summary>",
	"app.name = billing\\\n    -service",
}

func TestOrdinaryValuesUnchanged(t *testing.T) {
	require.GreaterOrEqual(t, len(ordinaryValues), 60)
	presets := map[string][]redact.Rule{
		"credentials": {redact.Credentials}, "pcidss": {redact.PCIDSS}, "hipaa": {redact.HIPAA},
		"gdpr": {redact.GDPR}, "ccpa": {redact.CCPA}, "contactinfo": {redact.ContactInfo},
		"all": {redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR, redact.CCPA, redact.ContactInfo},
	}
	noTime := &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}
	log := func(l *slog.Logger) {
		for _, v := range ordinaryValues {
			l.Info(v, "value", v, "err", errors.New(v), "list", []string{v})
		}
	}
	var want bytes.Buffer
	log(slog.New(slog.NewJSONHandler(&want, noTime)))
	for name, rules := range presets {
		t.Run(name, func(t *testing.T) {
			var via bytes.Buffer
			log(slog.New(redact.NewHandler(slog.NewJSONHandler(&via, noTime), redact.Must(rules...))))
			require.Equal(t, want.String(), via.String())
			var got bytes.Buffer
			h := slogcore.New(&got, &slogcore.Options{ReplaceAttr: dropTimeAttr, Redact: redact.Must(rules...)})
			log(slog.New(h))
			require.NoError(t, h.Close(context.Background()))
			require.Equal(t, want.String(), got.String())
		})
	}
}
