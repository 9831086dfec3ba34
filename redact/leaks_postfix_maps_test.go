package redact_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSASLPasswdLinesWithoutBracketsMasked: Postfix's sasl_passwd lines
// whose relay host has no brackets (the host is looked up with its MX
// records), by host, host and port, or sender (sender-dependent
// authentication). The host, the port and the login are kept.
func TestSASLPasswdLinesWithoutBracketsMasked(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"mail host", "smtp.postbox.example ops:Ld8Wq3Zx6Kv",
			[]string{"Ld8Wq3Zx6Kv"}, []string{"smtp.postbox.example ops:"}},
		{"host, port and address login", "out.example.net:587 billing@example.net:Vr2Tn7Hs4Qm",
			[]string{"Vr2Tn7Hs4Qm"}, []string{"out.example.net:587 billing@example.net:"}},
		{"file of three lines", "# /etc/postfix/sasl_passwd\nmail.relay.example:submission apikey:Gm5Xz1Ck8Wd\n@shop.example orders@shop.example:Pq6Ln3Rt9Bv\nsupport@shop.example\tsupport:Hw4Ke7Yc2Ja\n",
			[]string{"Gm5Xz1Ck8Wd", "Pq6Ln3Rt9Bv", "Hw4Ke7Yc2Ja"}, []string{"mail.relay.example:submission apikey:", "@shop.example orders@shop.example:", "support:"}},
		{"indented, password of words", "  relay.corp.example:587   mailer:correct horse\n",
			[]string{"correct horse"}, []string{"relay.corp.example:587   mailer:"}},
		{"dashed host", "smtp-relay.mailhost.example:587 alerts@example.net:Jy5Tc9Wn2Xe",
			[]string{"Jy5Tc9Wn2Xe"}, []string{"smtp-relay.mailhost.example:587 alerts@example.net:"}},
		{"ip address and smtps port", "192.0.2.44:465 notify:Zb3Mx9Qw5Ty",
			[]string{"Zb3Mx9Qw5Ty"}, []string{"192.0.2.44:465 notify:"}},
	})
	requireLinesKept(t, []string{
		"smtp.example.net state:up",
		"smtp.example.net:587 status:sent",
		"mail.example.net:25 Status:deferred (connection timed out)",
		"api.example.net latency:35ms",
		"cache.example.net bob:hunter2",
		"db.example.net:5432 role:primary",
		"mail.example.net https://mail.example.net/status",
		"smtp.example.net user:pass and more",
		"connecting to smtp.example.net user:pass",
		"example.net",
	})
}

// TestPostfixLookupTablesKept: a Postfix *_maps parameter names lookup
// tables by file, which are no secret though the parameter's name spells
// password; a table that holds its entry in the value (static:) is
// masked.
func TestPostfixLookupTablesKept(t *testing.T) {
	requireLinesKept(t, []string{
		"smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd",
		"smtp_sasl_password_maps=lmdb:/etc/postfix/sasl_passwd",
		"smtpd_sasl_password_maps = proxy:mysql:/etc/postfix/mysql-sasl.cf",
		"smtp_sasl_password_maps = texthash:/etc/postfix/relay_pw, hash:/etc/postfix/sasl_passwd",
		"postconf -e smtp_sasl_password_maps=hash:/etc/postfix/sasl_passwd",
	})
	requireLinesMasked(t, []textCase{
		{"static table", "smtp_sasl_password_maps = static:relayuser:Kc7Vn2Xq9Lw",
			[]string{"Kc7Vn2Xq9Lw"}, []string{"smtp_sasl_password_maps = "}},
		{"table of an unknown type", "smtp_sasl_password_maps = Kc7Vn2Xq9Lw:/x",
			[]string{"Kc7Vn2Xq9Lw"}, []string{"smtp_sasl_password_maps = "}},
	})
	for _, v := range []string{"hash:/etc/postfix/sasl_passwd", "lmdb:/etc/postfix/sasl_passwd, cdb:/etc/postfix/relay"} {
		t.Run("attr "+v, func(t *testing.T) {
			for name, out := range placementOutputs(nil, func(l *slog.Logger) { l.Info("postconf", "smtp_sasl_password_maps", v) }) {
				require.Contains(t, out, v, name)
			}
		})
	}
	t.Run("attr static", func(t *testing.T) {
		for name, out := range placementOutputs(nil, func(l *slog.Logger) {
			l.Info("postconf", "smtp_sasl_password_maps", "static:relayuser:Kc7Vn2Xq9Lw")
		}) {
			require.NotContains(t, out, "Kc7Vn2Xq9Lw", name)
		}
	})
}
