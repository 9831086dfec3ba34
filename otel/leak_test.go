package otel_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/slogguard/slogguard/redact"
	"io"
	"log/slog"
	"strings"
	"testing"

	slogmulti "github.com/samber/slog-multi"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/contrib/bridges/otelslog"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// secretValuer hides a credential behind LogValue.
type secretValuer struct{}

func (secretValuer) LogValue() slog.Value {
	return slog.GroupValue(slog.String("user", "ada"), slog.String("secret", "lv-Secret-4242"))
}

// account has a credential in a struct field.
type account struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

// logSecrets logs a planted secret through every path a record has, and
// returns the secrets.
func logSecrets(logger *slog.Logger) []string {
	ctx := context.Background()
	secrets := []string{
		"MsgUserinfoPw1",              // message: URL userinfo
		"4111 1111 1111 1111",         // message: card number
		"hunter2-attr-pw",             // attr by key
		"AKIAIOSFODNN7EXAMPL",         // With attr by key and detector (prefix of the key)
		"grp-tok-5150",                // attr inside WithGroup
		"eyJzdWIiOiIxMjM0NTY3ODkwIn0", // JWT payload in a nested group
		"ErrTopSecret5",               // top-level error (becomes exception.message)
		"ErrInGroupPw77",              // error inside a group
		"lv-Secret-4242",              // LogValuer
		"map-secret-77",               // map by key
		"nested-tok-88",               // nested map by key
		"sliceSecret99",               // URL userinfo in a slice element
		"struct-pw-31337",             // struct field by json key
		"bearer-abc-DEF-123",          // Authorization header text in an attr value
		"with-grp-cookie-9",           // With attr inside a group
	}
	logger.Info("connecting to postgres://app:MsgUserinfoPw1@db:5432/main, card 4111 1111 1111 1111", "user", "ada")
	logger.Info("attr", "password", "hunter2-attr-pw", "user", "ada")
	logger.With("api_key", "AKIAIOSFODNN7EXAMPLE").Info("with")
	logger.WithGroup("http").Info("group", "token", "grp-tok-5150", "path", "/login")
	logger.Info("nested", slog.Group("req", slog.Group("headers",
		"authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")))
	logger.ErrorContext(ctx, "top-level error", "err", fmt.Errorf("connect: %w", errors.New("dial postgres://app:ErrTopSecret5@db")))
	logger.Warn("error in group", slog.Group("db", "cause", errors.New("auth https://u:ErrInGroupPw77@x.io failed")))
	logger.Info("valuer", "who", secretValuer{})
	logger.Info("map", "cfg", map[string]any{"client_secret": "map-secret-77", "nested": map[string]any{"token": "nested-tok-88"}, "region": "eu"})
	logger.Info("slice", "urls", []any{"https://u:sliceSecret99@x.io", "https://ok.example"})
	logger.Info("struct", "acct", account{User: "ada", Password: "struct-pw-31337"})
	logger.Info("header text", "line", "Authorization: Bearer bearer-abc-DEF-123")
	logger.WithGroup("sess").With("cookie", "with-grp-cookie-9").Info("with in group")
	return secrets
}

func TestNoSecretReachesCollector(t *testing.T) {
	rcv := startReceiver(t)
	var local bytes.Buffer
	h, err := otel.New(&local, &otel.Options{Exporter: otlpExporter(t, rcv), Redact: testRedactor()})
	require.NoError(t, err)
	secrets := logSecrets(slog.New(h))
	require.NoError(t, h.Close(closeCtx(t)))

	require.Len(t, rcv.Records(), 13)
	require.Empty(t, leaked(rcv.Raw(), secrets), "secrets at the collector")
	require.Empty(t, leaked([][]byte{local.Bytes()}, secrets), "secrets in the local output")

	// What is not secret still arrives, and the masks show where secrets were.
	raw := bytes.Join(rcv.Raw(), nil)
	for _, want := range []string{"ada", "/login", "https://ok.example", "eu", redact.DefaultMask, "exception.message"} {
		require.Contains(t, string(raw), want)
	}
	s := h.Stats()
	require.GreaterOrEqual(t, s.Redacted, uint64(len(secrets)))
	require.Zero(t, s.Core.Redacted, "redaction ran once, in front of both sides")
}

// TestNaiveFanoutLeaks shows the composition the package replaces leaking
// the same secrets: the check above can see a leak.
func TestNaiveFanoutLeaks(t *testing.T) {
	rcv := startReceiver(t)
	batch := sdklog.NewBatchProcessor(otlpExporter(t, rcv))
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(batch))
	core := slogcore.New(io.Discard, nil)
	secrets := logSecrets(slog.New(slogmulti.Fanout(core, otelslog.NewHandler("naive", otelslog.WithLoggerProvider(provider)))))
	require.NoError(t, core.Close(closeCtx(t)))
	require.NoError(t, provider.Shutdown(closeCtx(t)))

	got := leaked(rcv.Raw(), secrets)
	require.Greater(t, len(got), len(secrets)/2, "leaked: %s", strings.Join(got, ", "))
}

// TestRedactProcessorStopsOtherBridges sends the same records through
// otelslog without slog redaction, as another bridge would, into a provider
// whose exporting processor sits behind a RedactProcessor.
func TestRedactProcessorStopsOtherBridges(t *testing.T) {
	rcv := startReceiver(t)
	batch, err := otel.NewBatchProcessor(otlpExporter(t, rcv), nil)
	require.NoError(t, err)
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(otel.NewRedactProcessor(batch, testRedactor())))
	secrets := logSecrets(slog.New(otelslog.NewHandler("bridge", otelslog.WithLoggerProvider(provider))))
	require.NoError(t, provider.Shutdown(closeCtx(t)))

	require.Len(t, rcv.Records(), 13)
	require.Empty(t, leaked(rcv.Raw(), secrets), "secrets at the collector")
	raw := string(bytes.Join(rcv.Raw(), nil))
	for _, want := range []string{"ada", "/login", "https://ok.example", redact.DefaultMask} {
		require.Contains(t, raw, want)
	}
	s := batch.Stats()
	require.Equal(t, uint64(13), s.Emitted)
	require.Equal(t, uint64(13), s.Exported)
}
