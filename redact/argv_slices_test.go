package redact_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	slogmulti "github.com/samber/slog-multi"
	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/redact"
)

// TestArgvSlicesReadAsCommandLines: a command line logged as a slice of
// its arguments is read as the command line it is, so that a secret an
// argument holds by its place (after -U, -p, -a, -P, in user:password) is
// masked as in text (whatever it looks like), through the middleware and a
// Fanout, for []string, []any and arrays; ordinary command lines, user and
// group ids included, stay as they are.
func TestArgvSlicesReadAsCommandLines(t *testing.T) {
	leaks := []struct {
		argv   []string
		secret string
	}{
		{[]string{"curl", "-U", "proxyuser:Tw7Vq2Lp9Zr", "https://api.example.com"}, "Tw7Vq2Lp9Zr"},
		{[]string{"curl", "-u", "deploy:Hx4Kd8Mn2Qs", "-X", "POST", "https://ci.example.com/hook"}, "Hx4Kd8Mn2Qs"},
		{[]string{"mysql", "-h", "db1", "-u", "root", "-pBq5Zt7Wc3Ny", "orders"}, "Bq5Zt7Wc3Ny"},
		{[]string{"sshpass", "-p", "Rn6Jv1Xs8Ke", "ssh", "ops@bastion"}, "Rn6Jv1Xs8Ke"},
		{[]string{"redis-cli", "-h", "cache", "-a", "Fm3Pw9Ty5Lc", "PING"}, "Fm3Pw9Ty5Lc"},
		{[]string{"zip", "-P", "Gd2Hs6Vb4Xq", "backup.zip", "dump.sql"}, "Gd2Hs6Vb4Xq"},
		// Passwords that do not look like one are masked by their place.
		{[]string{"mysql", "-u", "root", "-pmarigold7"}, "marigold7"},
		{[]string{"sshpass", "-p", "lanternfish", "ssh", "ops@bastion"}, "lanternfish"},
		{[]string{"curl", "-u", "bob:quietmeadow", "https://x.example"}, "quietmeadow"},
		{[]string{"curl", "-u", "bob:Wr3n.Halo.io", "https://x.example"}, "Wr3n.Halo.io"},
		{[]string{"sshpass", "-p", "amber tide over quiet docks", "ssh", "ops@bastion"}, "quiet docks"},
		{[]string{"redis-cli", "-a", "two words", "PING"}, "two words"},
	}
	for _, tc := range leaks {
		var raw bytes.Buffer
		slog.New(slog.NewJSONHandler(&raw, nil)).Info("exec", "argv", tc.argv)
		require.Contains(t, raw.String(), tc.secret)
		anys := make([]any, len(tc.argv))
		for i, a := range tc.argv {
			anys[i] = a
		}
		for name, v := range map[string]any{"strings": tc.argv, "anys": anys, "array": [1][]string{tc.argv}} {
			var buf bytes.Buffer
			h := redact.NewHandler(slogmulti.Fanout(slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)), nil)
			slog.New(h).Info("exec", "argv", v)
			require.NotContains(t, buf.String(), tc.secret, "%s %q", name, tc.argv)
			require.Contains(t, buf.String(), tc.argv[0], "%s: the command is kept", name)
			again, changed := redact.Must(redact.Credentials).String(buf.String())
			require.False(t, changed, "%s: redacting the output again changed it: %s", name, again)
		}
	}
	for _, argv := range [][]string{
		{"ls", "-la", "/var/log/nginx"},
		{"kubectl", "get", "pods", "-n", "payments", "-o", "wide"},
		{"git", "log", "-n", "5", "--oneline"},
		{"psql", "-h", "db.internal", "-U", "reporter", "-d", "stats"},
		{"curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "https://status.example.com"},
		{"--port", "8080", "--log-level", "debug"},
		{"docker", "run", "-u", "1000:1000", "alpine"},
		{"git", "commit", "-m", "rotate the token cache", "--author", "Ann Lee <ann@example.com>"},
		{"grep", "-r", "-n", "connection refused", "/var/log"},
	} {
		var got, want bytes.Buffer
		slog.New(redact.NewHandler(slog.NewJSONHandler(&got, nil), nil)).Info("exec", "argv", argv)
		slog.New(slog.NewJSONHandler(&want, nil)).Info("exec", "argv", argv)
		cut := func(s string) string { return s[strings.Index(s, `"level"`):] }
		require.Equal(t, cut(want.String()), cut(got.String()))
	}
}
