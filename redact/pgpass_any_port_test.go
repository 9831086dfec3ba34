package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPgpassAnyPortLines: a password-file line may give * for its port
// (any port), after a host that looks like one; a bare name before * is
// too like a colon-separated id and is kept.
func TestPgpassAnyPortLines(t *testing.T) {
	r := only(redact.DetectPgpass)
	for _, tc := range []struct{ in, want string }{
		{"*:*:*:replicator:Rp8vTq2", "*:*:*:replicator:[REDACTED]"},
		{"*:*:replication:streamer:Kw3 Zn7", "*:*:replication:streamer:[REDACTED]"},
		{"warehouse.db.internal:*:analytics:loader:Lq5Xc9", "warehouse.db.internal:*:analytics:loader:[REDACTED]"},
		{"localhost:*:*:postgres:Tn4Wy6", "localhost:*:*:postgres:[REDACTED]"},
		{"192.0.2.44:*:sales:rep:Hv2Mj8", "192.0.2.44:*:sales:rep:[REDACTED]"},
		{"copied *:*:*:backup:Dz6Qp1 to /root/.pgpass", "copied *:*:*:backup:[REDACTED] to /root/.pgpass"},
		// Not password-file lines.
		{"cache:*:user:alice:profile", "cache:*:user:alice:profile"},
		{"a.b:*:c:d:e:f", "a.b:*:c:d:e:f"},
		{"glob *:*:*", "glob *:*:*"},
		{"db.x:*5:a:u:pw", "db.x:*5:a:u:pw"},
	} {
		if got, _ := r.String(tc.in); got != tc.want {
			t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	requireWholeCases(t, nil, []textCase{
		{"pgpass in a dump", "~/.pgpass:\nlocalhost:*:*:postgres:Gm7Rk2Xw\n*:*:replication:repl:Yb9Ns4Fe",
			[]string{"Gm7Rk2Xw", "Yb9Ns4Fe"}, []string{"localhost:*:*:postgres:", "*:*:replication:repl:"}},
	})
}
