package redact_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// ordinaryPresets are the presets a deployment picks, one at a time and
// all together.
var ordinaryPresets = map[string][]redact.Rule{
	"credentials": {redact.Credentials},
	"pcidss":      {redact.PCIDSS},
	"hipaa":       {redact.HIPAA},
	"gdpr":        {redact.GDPR},
	"ccpa":        {redact.CCPA},
	"contactinfo": {redact.ContactInfo},
	"all":         {redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR, redact.CCPA, redact.ContactInfo},
}

// ordinaryPlacements log a value as an attr's value, inside the message
// and inside an error's text.
var ordinaryPlacements = map[string]func(*slog.Logger, string){
	"attr":    func(l *slog.Logger, s string) { l.Info("loaded", "detail", s) },
	"message": func(l *slog.Logger, s string) { l.Info("saw " + s + " then") },
	"error":   func(l *slog.Logger, s string) { l.Error("failed", "err", errors.New("step: "+s)) },
}

// linesOf logs each of values through h with place and returns the lines
// written, one a record.
func linesOf(t *testing.T, h slog.Handler, buf *bytes.Buffer, values []string, place func(*slog.Logger, string)) []string {
	t.Helper()
	l := slog.New(h)
	for _, s := range values {
		place(l, s)
	}
	if c, ok := h.(*slogcore.Handler); ok {
		require.NoError(t, c.Close(context.Background()))
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, len(values))
	return lines
}

// TestOrdinaryValuesKept: values every backend logs (resource names,
// access lines, hashes, object ids, versions, prose that uses the words
// token or password as words) pass every preset unchanged, through the
// middleware and through slogcore.New.
func TestOrdinaryValuesKept(t *testing.T) {
	var values []string
	for _, c := range backendValues {
		values = append(values, c.values...)
	}
	require.GreaterOrEqual(t, len(values), 250)
	requireOrdinaryKept(t, values)
}

// requireOrdinaryKept checks that each of values reaches the output
// unchanged under every one of ordinaryPresets, in every one of
// ordinaryPlacements, through redact.NewHandler and slogcore.New.
func requireOrdinaryKept(t *testing.T, values []string) {
	t.Helper()
	for where, place := range ordinaryPlacements {
		var plain, plainCore bytes.Buffer
		want := linesOf(t, slog.NewJSONHandler(&plain, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}), &plain, values, place)
		wantCore := linesOf(t, slogcore.New(&plainCore, &slogcore.Options{Redact: slogcore.NoRedaction, ReplaceAttr: dropTimeAttr}), &plainCore, values, place)
		for preset, rules := range ordinaryPresets {
			t.Run(preset+"/"+where, func(t *testing.T) {
				var mw, core bytes.Buffer
				got := linesOf(t, redact.NewHandler(slog.NewJSONHandler(&mw, &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}), redact.Must(rules...)), &mw, values, place)
				gotCore := linesOf(t, slogcore.New(&core, &slogcore.Options{Redact: redact.Must(rules...), ReplaceAttr: dropTimeAttr}), &core, values, place)
				for k, s := range values {
					if got[k] != want[k] {
						t.Errorf("NewHandler %q:\n got %s", s, got[k])
					}
					if gotCore[k] != wantCore[k] {
						t.Errorf("slogcore.New %q:\n got %s", s, gotCore[k])
					}
				}
			})
		}
	}
}

// backendValues are values a backend logs every day, grouped by class.
// None of them holds a secret or personal data; every preset must pass
// them through unchanged.
var backendValues = []struct {
	class  string
	values []string
}{
	{"kubernetes", []string{
		"checkout-api-7d9f8b6c5d-x2kqp",
		"ip-10-42-7-119.eu-central-1.compute.internal",
		"gke-prod-pool-2-9c4e1a7b-zt4m",
		"aks-nodepool1-31582947-vmss000004",
		"Back-off restarting failed container ledger-worker in pod ledger-worker-5c8d7f9b4-hq7zn_payments(4f1c9a2e-88b1-4d3e-9a61-0c7e2b5d9f14)",
		"Successfully assigned billing/invoice-renderer-6b7c9d8f4-mm2lp to ip-10-42-3-88.ec2.internal",
		"0/9 nodes are available: 3 Insufficient memory, 6 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }",
		"Readiness probe failed: Get \"http://10.244.3.17:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)",
		"Scaled up replica set search-indexer-84f6c7d9b5 to 4",
		"pulling image \"registry.k8s.io/ingress-nginx/controller:v1.11.3\"",
		"Created container istio-proxy",
		"Liveness probe failed: HTTP probe failed with statuscode: 503",
		"statefulset.apps/kafka-broker scaled",
		"persistentvolumeclaim/data-postgres-0 Bound pvc-3b9f1d2e-7c4a-4e8b-a1f6-5d2c9e0b7a43 50Gi RWO gp3",
		"node/ip-10-42-9-201.eu-central-1.compute.internal cordoned",
		"configmap/feature-flags-v12 configured",
		"secret/tls-ingress-cert unchanged",
		"serviceaccount/external-dns created",
		"MountVolume.SetUp failed for volume \"kube-api-access-7xq2m\" : object \"payments\"/\"kube-root-ca.crt\" not registered",
		"Evicted: The node was low on resource: ephemeral-storage. Threshold quantity: 2Gi, available: 1843Ki.",
	}},
	{"access logs", []string{
		`10.12.4.7 - - [03/Dec/2026:14:22:09 +0000] "GET /api/v2/orders?page=3&per_page=50 HTTP/1.1" 200 18244 "-" "Go-http-client/2.0" 0.041`,
		`172.31.8.14 - - [03/Dec/2026:14:22:10 +0000] "POST /v1/checkout/sessions HTTP/2.0" 201 942 "https://shop.example.com/cart" "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"`,
		`[2026-12-03T14:22:11.482Z] "GET /catalog/items/88213 HTTP/1.1" 200 - 0 5121 37 35 "10.8.2.19" "okhttp/4.12.0" "a9d6f0b2-1c7e-4f3a-8b25-6e0d9c4a7f81" "catalog.internal:8080" "10.8.5.33:8080"`,
		`[2026-12-03T14:22:12.007Z] "POST /grpc.health.v1.Health/Check HTTP/2" 200 - via_upstream - "-" 5 7 1 0 "-" "grpc-go/1.68.0" "3f2e1d0c-9b8a-4765-a4b3-c2d1e0f9a8b7" "health" "10.8.1.4:9090"`,
		`upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.12.4.9, server: api.example.com, request: "GET /reports/weekly HTTP/1.1", upstream: "http://10.12.9.3:8000/reports/weekly", host: "api.example.com"`,
		"GET /static/js/main.8f3a2c1d.chunk.js 304 0.002",
		"HEAD /healthz 200 0.000 kube-probe/1.31",
		"GET /v1/products/sku-55812/reviews?sort=-created_at&limit=20 200 1.284ms",
		"PUT /api/teams/42/members/1187/role 204",
		"DELETE /v2/carts/crt_19f8a7b6/items/3 404 3.1ms",
		`"GET /favicon.ico HTTP/1.1" 404 153 "-" "curl/8.9.1"`,
		"method=GET path=/metrics status=200 bytes=48213 duration=2.7ms remote=10.0.4.15:51822",
	}},
	{"aws", []string{
		"arn:aws:iam::123456789012:role/service-role/lambda-ingest-exec",
		"arn:aws:s3:::acme-prod-exports/reports/2026/11/",
		"arn:aws:lambda:eu-west-1:210987654321:function:thumbnailer:live",
		"arn:aws:sqs:us-east-1:123456789012:orders-dlq.fifo",
		"arn:aws:kms:eu-central-1:123456789012:key/5f3b1c9e-2a7d-4e8f-b061-9d4c2e7a1b38",
		"arn:aws:secretsmanager:us-west-2:123456789012:secret:prod/db/reader-AbCdEf",
		"arn:aws:ecs:eu-west-1:123456789012:task/prod-cluster/9f8e7d6c5b4a43219876fedcba012345",
		"arn:aws:sts::123456789012:assumed-role/ci-deployer/gha-run-11824",
		"RequestId: 7c9e2b41-58d3-4a6f-b0e7-1f2d3c4b5a69",
		"x-amz-request-id: 4KQ8ZD7M2VXW9P3R",
		"x-amz-id-2: hRw8T2mZx/9kQ1vN7pYb4cLs3dF6gJ0aU5eW8iO2rK1tH4nM6bV9cX3zA7sD0fG1jL2=",
		"AccessDenied: User: arn:aws:sts::123456789012:assumed-role/readonly/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::acme-logs/x",
		"i-0a1b2c3d4e5f67890",
		"vpc-0f1e2d3c4b5a69788",
		"sg-08c7d6e5f4a3b2c1d",
		"ami-0c55b159cbfafe1f0",
		"subnet-04d9e8f7a6b5c4d3e",
		"eni-0123abcd4567ef890",
		"snap-0987fedcba6543210",
		"s3://acme-datalake-raw/events/dt=2026-12-03/hr=14/part-00017-5b1d.snappy.parquet",
		"ThrottlingException: Rate exceeded (Service: DynamoDb, Status Code: 400, Request ID: QJ8K2M4N6P8R0T2V4X6Z8B0D2F4H6J8L)",
		"cloudwatch log group /aws/lambda/order-events-consumer stream 2026/12/03/[$LATEST]8c1f2e3d4b5a69788a7b6c5d4e3f2a1b",
	}},
	{"gcp", []string{
		"projects/acme-prod-4421/locations/europe-west1/services/api-gateway",
		"projects/acme-prod-4421/topics/order-events",
		"projects/acme-prod-4421/subscriptions/order-events-bq-sink",
		"//container.googleapis.com/projects/acme-prod-4421/zones/europe-west1-b/clusters/prod-gke",
		"gs://acme-ml-artifacts/models/ranker/2026-11-30/saved_model.pb",
		"projects/acme-prod-4421/secrets/stripe-webhook/versions/7",
		"operation-1764771730123-5f3a2b1c9d8e7-4a6b8c0d-2e4f6a8b",
		"bigquery job acme-prod-4421:EU.bquxjob_3c9f1e2d_19384756abc",
		"instance-template-web-20261203-141502",
	}},
	{"sql", []string{
		"SELECT id, status, total_cents FROM orders WHERE customer_id = $1 AND created_at > $2 ORDER BY created_at DESC LIMIT $3",
		"UPDATE sessions SET last_seen_at = now() WHERE id = $1",
		"INSERT INTO audit_events (actor_id, action, target) VALUES (?, ?, ?)",
		"DELETE FROM password_reset_requests WHERE expires_at < now()",
		"SELECT token_hash, user_id, expires_at FROM api_tokens WHERE token_hash = $1",
		"CREATE INDEX CONCURRENTLY idx_orders_customer_created ON orders (customer_id, created_at)",
		"ALTER TABLE users ADD COLUMN password_changed_at timestamptz",
		"SELECT count(*) FROM credentials WHERE rotated_at IS NULL",
		"WITH recent AS (SELECT * FROM events WHERE ts > $1) SELECT kind, count(*) FROM recent GROUP BY kind",
		"BEGIN ISOLATION LEVEL SERIALIZABLE",
		"SELECT pg_advisory_xact_lock($1)",
		"UPDATE oauth_clients SET secret_rotated = true WHERE client_id = $1",
	}},
	{"postgres", []string{
		"2026-12-03 14:22:09.418 UTC [31842] LOG:  checkpoint starting: time",
		"2026-12-03 14:22:41.902 UTC [31842] LOG:  checkpoint complete: wrote 1834 buffers (11.2%); 0 WAL file(s) added, 0 removed, 2 recycled; write=29.812 s, sync=0.041 s, total=29.901 s",
		"2026-12-03 14:23:02.115 UTC [40211] ERROR:  duplicate key value violates unique constraint \"users_email_key\"",
		"2026-12-03 14:23:02.115 UTC [40211] DETAIL:  Key (tenant_id, slug)=(42, spring-sale) already exists.",
		"2026-12-03 14:23:05.771 UTC [40219] LOG:  duration: 1284.332 ms  statement: SELECT * FROM line_items WHERE order_id = ANY($1)",
		"2026-12-03 14:24:11.003 UTC [40301] FATAL:  password authentication failed for user \"reporting\"",
		"2026-12-03 14:24:12.550 UTC [40302] LOG:  connection authorized: user=app database=orders application_name=order-api SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)",
		"2026-12-03 14:25:00.000 UTC [1] LOG:  database system is ready to accept connections",
		"automatic vacuum of table \"orders.public.line_items\": index scans: 1, pages: 0 removed, 88213 remain",
		"could not serialize access due to concurrent update",
		"deadlock detected: Process 40411 waits for ShareLock on transaction 9918273; blocked by process 40415.",
	}},
	{"go panics", []string{
		"panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x7a3c1e]",
		"goroutine 1843 [running]:\ngithub.com/acme/orders/internal/store.(*Repo).Get(0xc000412a80, {0x1a2b3c0, 0xc0004b2e10}, 0x1d2f)\n\t/src/internal/store/repo.go:118 +0x1c4",
		"net/http.(*conn).serve(0xc0001f6480, {0x1c3d5e0, 0xc000298f30})\n\t/usr/local/go/src/net/http/server.go:3210 +0x1205",
		"created by net/http.(*Server).Serve in goroutine 1\n\t/usr/local/go/src/net/http/server.go:3360 +0x485",
		"panic: assignment to entry in nil map",
		"fatal error: concurrent map writes",
		"goroutine 77 [select, 14 minutes]:",
		"runtime.gopark(0xc00008a748?, 0x2?, 0x0?, 0x0?, 0xc00008a6dc?)\n\t/usr/local/go/src/runtime/proc.go:424 +0xce",
		"panic: runtime error: index out of range [12] with length 12",
		"github.com/acme/auth/session.(*Store).Refresh(0xc00021e000, {0x1b8e4a0, 0xc0003c6150}, {0xc0002f4120, 0x24})\n\t/src/session/store.go:241 +0x3a7",
	}},
	{"http headers", []string{
		`ETag: "33a64df551425fcc55e4d42a148795d9f25f89d4"`,
		`ETag: W/"0815-1a2b3c4d5e6f"`,
		"X-Request-Id: 8f14e45f-ceea-467f-a0e2-5b1d3c9a7e60",
		"traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
		"tracestate: rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
		"Content-Digest: sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
		"Cache-Control: private, max-age=0, must-revalidate",
		"Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-rAnd0m'; object-src 'none'",
		"Strict-Transport-Security: max-age=63072000; includeSubDomains; preload",
		"X-Amzn-Trace-Id: Root=1-67a1b2c3-4d5e6f708192a3b4c5d6e7f8;Parent=53995c3f42cd8ad8;Sampled=1",
		"b3: 80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1",
		"X-B3-TraceId: 463ac35c9f6413ad48485a3953bb6124",
		"Vary: Accept-Encoding, Authorization, Cookie",
		"Access-Control-Allow-Headers: Authorization, Content-Type, X-Api-Key, X-Session-Id",
		"If-None-Match: \"686897696a7c876b7e\"",
		"Accept: application/vnd.github+json",
		"User-Agent: Stripe/v1 GoBindings/81.1.0",
		"Server-Timing: db;dur=53, app;dur=47.2",
		"Content-Type: multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
		"Link: <https://api.example.com/v1/items?cursor=eyJpZCI6MTAwfQ&limit=50>; rel=\"next\"",
	}},
	{"hashes", []string{
		"sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709",
		"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  dist/app-linux-amd64.tar.gz",
		"sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==",
		"md5 checksum 5d41402abc4b2a76b9719d911017c592 ok",
		"Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==",
		"blake2b-256 1f6ec7b5a4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7",
		"integrity=sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC",
		"cafebabe: object 3b18e512dba79e4c8300dd08aeb37f8e728b8dad stored",
		"checksum mismatch: got 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae, want fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9",
		"xxh64 0x9c1e4f2a7b3d8e60",
		"fingerprint SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8",
		"Server fingerprint: MD5:4e:1f:9a:7c:22:b0:d3:65:8e:0f:a1:5b:c4:39:e2:77",
		"client cert fingerprint=sha256:1f6ec7b5a4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7",
		"crc32c=AAAAAA== md5Hash=1B2M2Y8AsgTpgAmY7PhCfg==",
		"sha512 cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
	}},
	{"git", []string{
		"commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
		"HEAD is now at 1a2b3c4 fix: retry token refresh on 429",
		"refs/heads/feature/rotate-session-keys",
		"refs/tags/v2.14.0-rc.3",
		"Merge pull request #4821 from acme/fix/password-reset-race",
		"origin/release-2026.12",
		"fatal: couldn't find remote ref refs/heads/hotfix/auth-header",
		"build from 9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d on main",
		"Updating 7f3e2a1..c9d8b7e\nFast-forward",
		"git@github.com:acme/payments-service.git",
		"https://github.com/acme/infra/compare/v1.8.2...v1.9.0",
		"branch 'chore/bump-secret-scanner' set up to track 'origin/chore/bump-secret-scanner'",
	}},
	{"containers", []string{
		"ghcr.io/acme/orders-api@sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270",
		"docker.io/library/postgres:16.4-bookworm",
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com/ledger:2026.12.03-9c0d1e2",
		"Digest: sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4",
		"Status: Downloaded newer image for redis:7.4-alpine",
		"container 7d9f8b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a started",
		"OCI runtime exec failed: exec failed: unable to start container process: exec: \"bash\": executable file not found in $PATH: unknown",
		"quay.io/prometheus/node-exporter:v1.8.2",
		"gcr.io/distroless/static-debian12:nonroot",
		"layer sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1 already exists",
	}},
	{"versions", []string{
		"v1.22.3",
		"go1.23.4 linux/amd64",
		"2.14.0-rc.3+build.8812",
		"1.4.2-0.20261203142209-9c0d1e2f3a4b",
		"version 10.4.12 (build 20261203.1)",
		"node v22.11.0 npm 10.9.0",
		"OpenSSL 3.0.13 30 Jan 2024",
		"nginx/1.27.2",
		"Python 3.12.7",
		"release 2026.12.1",
		"kernel 6.8.0-1019-aws",
		"app_version=4.11.2 build_sha=e5f6a7b commit_time=2026-12-01T09:14:22Z",
	}},
	{"cron and durations", []string{
		"*/15 * * * *",
		"0 3 * * 1-5",
		"30 2 1 */3 *",
		"@every 1h30m",
		"CRON_TZ=Europe/Berlin 0 9 * * MON",
		"1h2m3.5s",
		"took 1.284s",
		"timeout after 30s (deadline 2026-12-03T14:22:39Z)",
		"backoff 250ms, 500ms, 1s, 2s",
		"p99=184ms p95=92ms p50=11ms",
		"uptime 41d 7h 12m",
		"retry in 4m59.999s",
	}},
	{"metrics and flags", []string{
		"http_server_request_duration_seconds_bucket{le=\"0.25\",route=\"/v1/orders\"} 18213",
		"process_resident_memory_bytes 2.1847e+08",
		"go_gc_duration_seconds{quantile=\"0.75\"} 0.000214",
		"auth_token_refresh_total{result=\"ok\"} 88213",
		"session_store_evictions_total 41",
		"password_reset_emails_sent_total 1287",
		"ff.checkout.new_tax_engine=true",
		"feature flag enable-session-keepalive is on for 25% of tenants",
		"flag rotate_api_keys_nightly evaluated to false",
		"experiment search-ranking-v3 variant=treatment bucket=0.4127",
		"kafka_consumergroup_lag{group=\"billing\",topic=\"invoices\",partition=\"7\"} 12",
		"credential_rotation_age_days{kind=\"db\"} 12",
	}},
	{"vendor object ids", []string{
		"ch_3QK8zL2eZvKYlo2C1nX4bT7q",
		"cus_R9sT2uV3wX4yZ5",
		"pi_3QK8zL2eZvKYlo2C0mW8aP1r",
		"evt_1QK8zL2eZvKYlo2CqT5vB8nM",
		"in_1QK8zL2eZvKYlo2C7hJ3kL9p",
		"sub_1QK8zL2eZvKYlo2CfG4hJ6kL",
		"price_1QK8zL2eZvKYlo2CpQ7rS2tU",
		"prod_R9sT2uV3wX4yZ5",
		"re_3QK8zL2eZvKYlo2C0xY5zA3b",
		"payout po_1QK8zL2eZvKYlo2Ck9L2mN4p created",
		"stripe webhook evt_1QK9aB3cD4eF5gH6 type=invoice.payment_succeeded",
		"SM1f0e2d3c4b5a69788796a5b4c3d2e1f0",
		"MessageSid=SMa9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4",
		"CA4f3e2d1c0b9a89786756453423120fed",
		"PN2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f",
		"channel C04QK8ZL2EV posted",
		"user U02AB3CD4EF joined channel C01XY2ZW3VU",
		"slack ts 1764771730.123459",
		"team T0A1B2C3D workspace acme",
		"PayPal capture 5TY05013RG002845M",
		"shopify order gid://shopify/Order/5748213321987",
		"braintree transaction 8fz2r3kq",
		"adyen pspReference 8835921837291043",
		"twilio conversation CH6f5e4d3c2b1a09f8e7d6c5b4a3928170",
	}},
	{"identifiers", []string{
		"9b2c1e7a-4d3f-4a8e-b6c5-0f1e2d3c4b5a",
		"01JEB3K8Z4Q7V2M9X6N1T5R0WC",
		"2pK8zQ4mV7xN1tR5wB3cL9fH2sJ",
		"1864219837465012736",
		"snowflake 1308123991012765697",
		"req_01HZX4N7Q8R2V5T9W3Y6B1C0DK",
		"order ORD-2026-0048213",
		"invoice INV-88213-04",
		"tenant t_7f3e2a1c",
		"correlation id 4e1d2c3b-0a9f-8e7d-6c5b-4a3928170f6e",
		"job 7194a2e0c1 queued",
		"trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7",
		"objectId 6571f0c2e4b0a9d8c7b6a5f4",
		"Mongo ObjectId(\"6571f0c2e4b0a9d8c7b6a5f5\")",
		"idempotency key reuse for req 2026-12-03/88213",
		"cursor 7b226964223a3130307d",
		"xid 9m4e2mr0ui3e8a215n4g",
		"nanoid V1StGXR8_Z5jdHi6B-myT",
	}},
	{"not phones", []string{
		"order 2026-0048-2139 shipped",
		"ports 30000-32767 open",
		"version 1.22.3 -> 1.23.0",
		"retry 3/5 after 120 ms",
		"listening on 0.0.0.0:8443",
		"range bytes=1048576-2097151",
		"build 20261203.1422.0931",
		"lat/lon rounded to 2 decimals for city-level stats",
		"ISBN 978-3-16-148410-0",
		"zone 7 rack 12 unit 44 slot 3",
		"batch 481-2291-7730 processed 12,482 rows",
		"checked 1 203 441 rows in 8.2 s",
		"window 2026-12-01 00:00 to 2026-12-07 23:59",
		"count=5551234 bytes=8005551234",
		"sequence 41-2555-019 committed",
		"offset 1234567890 partition 12",
		"(415) records skipped",
	}},
	{"not cards", []string{
		"1764771730123456789",
		"ts_ns=1764771730482913207",
		"snowflake id 4111111111111112345",
		"ledger entry 5500000000000004123",
		"partition offset 4000123412341234567",
		"order 4716123456789012345 created",
		"shipment 3714496353984310000 delivered",
		"account number masked ****4242",
		"monotonic 6011000990139424123 ns",
		"gtid 3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5",
		"uint64 max 18446744073709551615",
		"block 19283746 at 1764771730",
		"trace id 5105105105105100123 sampled",
	}},
	{"not email", []string{
		"ssh deploy@bastion-2.prod.internal -p 2222",
		"scp backup.tar.zst ops@10.20.30.40:/srv/backups/",
		"rsync -avz --delete ./public/ www-data@web-3.example.net:/var/www/site/",
		"npm install lodash@4.17.21",
		"go install golang.org/x/tools/gopls@v0.16.2",
		"added @types/node@22.10.1 to devDependencies",
		"resolved @scope/ui-kit@3.2.0",
		"pip install requests==2.32.3",
		"image nginx@sha256:2d194184b067db3598771b4cf326cfe6ad5051937ba1132b8b7d4b0184e0d0a6",
		"uses: actions/checkout@v4",
		"uses: docker/build-push-action@5cd11c3a4ced054e52742c5fd54dca954e0edd85",
		"systemd unit getty@tty1.service started",
		"openvpn-client@office.service active",
		"Started wg-quick@wg0.service - WireGuard via wg-quick(8) for wg0.",
		"user@1000.service: Consumed 2.481s CPU time.",
		"serial-getty@ttyS0.service: Deactivated successfully.",
		"backup@nightly.timer: next elapse Thu 2026-12-04 02:00:00 UTC",
		"Listening on dirmngr@app.socket - GnuPG network certificate management daemon.",
		"mnt-data@disk2.mount: mount process exited, code=exited, status=32/n/a",
		"Created slice user-1000@session.slice",
		"run-docker-runtime@abc.scope: Succeeded.",
		"git clone git@gitlab.example.com:platform/ops.git",
		"postgres@db-1 accepted connection",
		"decorator @login_required applied to /admin",
		"Java annotation @Override on Session.close",
		"mention @oncall-payments in #incidents",
		"yarn add @babel/core@^7.26.0",
		"kubectl exec -it debug@pod reached",
	}},
	{"prose with secret words", []string{
		"token refresh succeeded",
		"password policy updated: min length 12",
		"secret rotation scheduled for 2026-12-10",
		"key rotation completed for 14 tenants",
		"credential cache warmed in 182ms",
		"auth middleware skipped for /healthz",
		"session expired, redirecting to login",
		"invalid token: signature mismatch",
		"missing password",
		"secret not found in vault path kv/payments",
		"api key revoked by admin",
		"rate limit exceeded for session",
		"credentials provider chain: env, shared file, IMDS",
		"authentication required",
		"token expired at 2026-12-03T14:00:00Z",
		"the password field is required",
		"failed to load signing key from KMS: context deadline exceeded",
		"session store: redis: connection pool exhausted",
		"using cached credentials for role ci-deployer",
		"secrets manager returned 3 versions",
		"token bucket refilled: 100 tokens per second",
		"primary key violation on table orders",
		"partition key tenant_id, sort key created_at",
		"keyboard-interactive auth disabled",
		"password reset link sent",
		"no session cookie in request",
		"rotate keys: done",
		"authorization denied: missing scope orders:write",
		"secret santa draw complete",
		"login failed: wrong password",
		"token count 4096 exceeds context 2048",
		"session affinity enabled on service checkout",
		"auth provider oidc configured with issuer https://accounts.example.com",
		"using key id 7",
		"auth: user lookup took 41ms",
		"token: refreshed in 12ms",
		"credentials: loaded from env",
		"auth: token validated",
		"api key: missing",
		"client secret: empty.",
		"oauth2: cannot fetch token: 401 Unauthorized",
		"refresh token: 503 Service Unavailable (retrying in 2s)",
	}},
	{"infrastructure errors", []string{
		"Killing container with id containerd://8f3a2c1d9e7b6a5f4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b",
		"error: failed to solve: process \"/bin/sh -c go build -o /out/app ./cmd/app\" did not complete successfully: exit code: 1",
		"ERROR 1213 (40001): Deadlock found when trying to get lock; try restarting transaction",
		"ORA-00060: deadlock detected while waiting for resource",
		"redis: MOVED 3999 10.0.0.12:6381",
		"rabbitmq: channel 3 closed: PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue 'orders'",
		"http: TLS handshake error from 10.2.0.4:40112: EOF",
		"certificate serial 04:7b:3f:aa:21:9c:e8:11:5d:0f:36:72:c4:9e:b8:a1",
		"oidc: id token issued by a different provider, expected \"https://accounts.example.com\" got \"https://login.example.org\"",
		"webhook signature verification failed: no signatures found matching the expected signature for payload",
		"csrf: token mismatch for session 3",
		"password policy: minLength=12 requireSymbol=true",
		"Set-Cookie header too large (4211 bytes)",
		"pkce: code_challenge_method=S256",
		"token_endpoint_auth_method: private_key_jwt",
		"X-Api-Key: present",
	}},
	{"urls and paths", []string{
		"https://api.example.com/v1/users/1187/sessions?active=true",
		"https://docs.example.com/auth/tokens#rotation",
		"/var/lib/kubelet/pods/4f1c9a2e-88b1-4d3e-9a61-0c7e2b5d9f14/volumes",
		"/etc/ssl/certs/ca-certificates.crt",
		"file:///home/runner/work/app/app/coverage.out",
		"redis://cache-1.internal:6379/3",
		"amqp://rabbitmq.internal:5672/orders",
		"postgres://db-primary.internal:5432/orders?sslmode=verify-full",
		"https://example.com/reset-password?lang=de",
		"/api/v1/auth/token/refresh",
		"C:\\Program Files\\Acme\\agent\\config.yaml",
		"/run/secrets/db_password mounted read-only",
	}},
	{"structured", []string{
		`{"level":"info","msg":"order created","order_id":88213,"total_cents":4599,"currency":"EUR"}`,
		`{"event":"user.login","success":true,"mfa":"totp","latency_ms":41}`,
		"level=warn msg=\"slow query\" table=orders duration=1.284s rows=88213",
		"status=ok tokens_used=1834 model=gpt-4o-mini",
		"keys=12 hits=9981 misses=212",
		"session_id_len=32 cookie_secure=true cookie_samesite=Lax",
		"tls: handshake complete, version=TLS1.3 cipher=TLS_AES_128_GCM_SHA256 resumed=false",
		"x509: certificate has expired or is not yet valid: current time 2026-12-03T14:22:09Z is after 2026-12-01T00:00:00Z",
		"dial tcp 10.0.4.15:5432: connect: connection refused",
		"context canceled",
	}},
}

// TestSystemdUnitInstancesNotMailboxes: a systemd template's instance
// (getty@tty2.service, sync@hourly.timer) names a unit file, not a
// mailbox, while an address whose domain only resembles a unit type is
// still masked.
func TestSystemdUnitInstancesNotMailboxes(t *testing.T) {
	rules := []redact.Rule{redact.ContactInfo}
	requireTextKept(t, rules, []string{
		"getty@tty2.service",
		"Stopped sync@hourly.timer.",
		"Reached target ssh-agent@ops.socket",
		"var-lib-data@vol3.mount: Unit entered failed state.",
		"container-app@web.scope",
	})
	requireTextCases(t, rules, []textCase{
		{"services domain", "invoice sent to maria.lopez@payroll.services today", []string{"maria.lopez@payroll.services"}, []string{"invoice sent to ", " today"}},
		{"service label inside", "reply to ops@service.example.com", []string{"ops@service.example.com"}, []string{"reply to "}},
		{"mount in domain", "contact tom.berg@mount-hood.org", []string{"tom.berg@mount-hood.org"}, []string{"contact "}},
		{"timer subdomain", "notify ana@timer.acme.io now", []string{"ana@timer.acme.io"}, []string{"notify ", " now"}},
	})
}

// TestNamedDigestFingerprintsKept: a fingerprint written with its digest
// algorithm's name (ssh-keygen's SHA256:…, MD5:aa:bb:…) is a key's or a
// certificate's; a fingerprint value without one may be a finger's and is
// still masked under HIPAA.
func TestNamedDigestFingerprintsKept(t *testing.T) {
	rules := []redact.Rule{redact.HIPAA}
	requireTextKept(t, rules, []string{
		"fingerprint SHA256:Qm8Xv2Lr6Tn0Ys4Wc9Hd3Kf7Jp1Zb5Ne8Ug2Ia4Oe6Rt",
		"Fingerprint: sha1=2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
		"fingerprint=MD5:0c:5e:91:ab:37:d2:44:f8:6a:1b:e0:79:c3:28:5d:b6",
		"fingerprint sha-256:4d2a9c07e1b8f35a6c0d2e9b7f1a3c5e8d0b2f4a6c8e1d3b5f7a9c0e2d4b6f8a",
	})
	requireTextCases(t, rules, []textCase{
		{"bare template", "fingerprint Rm9yZWZpbmdlci10ZW1wbGF0ZS0wMQ", []string{"Rm9yZWZpbmdlci10ZW1wbGF0ZS0wMQ"}, []string{"fingerprint "}},
		{"not an algorithm", "fingerprint: scan:Wp7Rk2Ys9Lq4Vm1Hd6", []string{"Wp7Rk2Ys9Lq4Vm1Hd6"}, nil},
	})
}

// TestProseAfterCredentialTermsKept: after a credential's term and ": ",
// a clause of lower-case prose ("session: loaded for tenant 7") or one
// error word that ends the text ("api key: missing") is an error's
// message, not a value; a value of another shape, and a password's
// words, are still masked.
func TestProseAfterCredentialTermsKept(t *testing.T) {
	rules := []redact.Rule{redact.Credentials}
	requireTextKept(t, rules, []string{
		"session: loaded for tenant 7",
		"auth: rotating signing keys",
		"token: cached until expiry",
		"credentials: user mapping failed",
		"secret: created by operator",
		"oauth token: malformed",
		"access key: unknown.",
		"session token: unsupported",
		"client secret: present",
	})
	requireWholeCases(t, rules, []textCase{
		{"mixed value", "auth: kq8vz2mxw7 for tenant 42", []string{"kq8vz2mxw7"}, []string{"auth: ", " for tenant 42"}},
		{"capitalised value", "token: Vx7Qm2Lr9Tz4 issued", []string{"Vx7Qm2Lr9Tz4"}, []string{"token: "}},
		{"password words", "password: listening closely", []string{"listening"}, []string{"password: "}},
		{"passphrase words", "db passphrase: seeded valley", []string{"seeded"}, nil},
		{"uncommon word then prose", "api key: zorblax for prod", []string{"zorblax"}, []string{"api key: ", " for prod"}},
		{"error word with more", "api key: missingno42", []string{"missingno42"}, []string{"api key: "}},
		{"term then value", "auth: token Hq4Ws8Ze1Rx6Lp3", []string{"Hq4Ws8Ze1Rx6Lp3"}, nil},
		{"word beside a status", "Authorization: absentee8Kq2", []string{"absentee8Kq2"}, []string{"Authorization: "}},
	})
}

// TestHTTPStatusAfterTermsKept: a status code followed by its reason
// phrase after a credential's term is the reply a request got ("cannot
// fetch token: 400 Bad Request"); three digits followed by anything else
// are still a value.
func TestHTTPStatusAfterTermsKept(t *testing.T) {
	rules := []redact.Rule{redact.Credentials}
	requireTextKept(t, rules, []string{
		"oauth2: cannot fetch token: 400 Bad Request",
		"exchange id token: 403 Forbidden: audience mismatch",
		"get api key: 429 Too Many Requests",
		"session: 500 Internal Server Error",
	})
	requireWholeCases(t, rules, []textCase{
		{"code without its phrase", "secret: 401 for door 3", []string{"401"}, []string{"secret: ", " for door 3"}},
		{"not a status", "token: 731 Unauthorized", []string{"731"}, []string{"token: "}},
		{"phrase run on", "secret: 404 NotFoundXq7Lm2", []string{"404"}, []string{"secret: "}},
	})
}
