package redact_test

import (
	"testing"
)

// TestURLPasswordNotEscapedMasked: a DSN whose password holds an '@', a
// '#' or a '?' that nobody percent-encoded; drivers split at the last '@'
// of the authority, so the whole password is the secret.
func TestURLPasswordNotEscapedMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"at signs", "postgres://billing:Tq8@Zr4@Wm2x@pg-main.internal:5432/ledger",
			[]string{"Tq8", "Zr4", "Wm2x"}, []string{"postgres://", "@pg-main.internal:5432/ledger"}},
		{"hash", "mysql://etl:Vb5#Kn3Lp8q@mysql-0.db:3306/warehouse?tls=true",
			[]string{"Vb5", "Kn3Lp8q"}, []string{"mysql://", "@mysql-0.db:3306/warehouse?tls=true"}},
		{"question mark", "connecting to amqp://orders:Hy7?Jd2Fs9@rabbit.svc:5672/prod failed",
			[]string{"Hy7", "Jd2Fs9"}, []string{"connecting to amqp://", "@rabbit.svc:5672/prod failed"}},
		{"hash and at", "redis://default:Gx2#Pw@7Nq@cache-1.svc:6380/0",
			[]string{"Gx2", "Pw@7Nq"}, []string{"redis://", "@cache-1.svc:6380/0"}},
		{"query with at after", "mongodb://svc:Lw4@Tz9@mongo-a:27017/app?authSource=admin&replicaSet=rs0",
			[]string{"Lw4", "Tz9"}, []string{"@mongo-a:27017/app?authSource=admin"}},
	})
	requireWholeKept(t, nil, []string{
		"https://api.example.net:8443?notify=ops@example.net",
		"http://localhost:9090#section@top",
		"see https://docs.example.org/guide?contact=team@example.org",
		"https://medium.com/@writer/post-91",
		"ssh://git@git.example.com:2222/team/repo.git",
	})
}
