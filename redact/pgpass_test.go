package redact_test

import (
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// TestPgpassLines: the password of a PostgreSQL password-file line is
// masked, as a whole value, a line of a file's content, inside text and
// quotes, with escapes; colon-separated ids, timestamps, access-log fields
// and host:port pairs are kept.
func TestPgpassLines(t *testing.T) {
	r := only(redact.DetectPgpass)
	for _, tc := range []struct{ in, want string }{
		// A whole line: the password runs to the line's end, spaces and all.
		{"db-1.internal:5432:orders:app:Zq8 vL2wN", "db-1.internal:5432:orders:app:[REDACTED]"},
		{"localhost:5433:*:postgres:Lh7Qw", "localhost:5433:*:postgres:[REDACTED]"},
		{"*:5432:*:replicator:St4rPw", "*:5432:*:replicator:[REDACTED]"},
		{"10.20.0.7:6543:billing:svc_billing:Ip4Host9", "10.20.0.7:6543:billing:svc_billing:[REDACTED]"},
		{"10.20.0.8:5432:billing:svc_billing:Ip4Host8", "10.20.0.8:5432:billing:svc_billing:[REDACTED]"},
		{"7pg:5432:a:u:Dg1t", "7pg:5432:a:u:Dg1t"},
		// A bare service name only with PostgreSQL's or PgBouncer's port.
		{"postgres:5432:app:app:Dc5Compose", "postgres:5432:app:app:[REDACTED]"},
		{"pgbouncer:6432:pool:web:Pb3Pool", "pgbouncer:6432:pool:web:[REDACTED]"},
		// Several lines, \r\n too; trailing blanks are not the password's.
		{"# hosts\nprimary.db:5432:main:ops:Ln1Pw \r\nreplica.db:5432:main:ro:Ln2Pw\n",
			"# hosts\nprimary.db:5432:main:ops:[REDACTED] \r\nreplica.db:5432:main:ro:[REDACTED]\n"},
		// Escaped colons and backslashes belong to their field.
		{`pg.local:5432:my\:db:a\\b:Es\:c4pe`, `pg.local:5432:my\:db:a\\b:[REDACTED]`},
		// Inside text and quotes the password ends at a blank or a quote;
		// a line break written as an escape ends it too.
		{"wrote localhost:5432:app:deploy:Tx9Pw to ~/.pgpass", "wrote localhost:5432:app:deploy:[REDACTED] to ~/.pgpass"},
		{`{"pgpass":"db.example.org:5432:crm:crm_rw:Qt6Pw"}`, `{"pgpass":"db.example.org:5432:crm:crm_rw:[REDACTED]"}`},
		{`content="a.db:5432:x:u1:Fst\nb.db:5432:y:u2:Snd"`, `content="a.db:5432:x:u1:[REDACTED]\nb.db:5432:y:u2:[REDACTED]"`},
		{"PGPASSFILE line=db.corp:5432:hr:hr_app:Eq3Pw;", "PGPASSFILE line=db.corp:5432:hr:hr_app:[REDACTED];"},
		// Not password-file lines.
		{"session:1234:user:alice:profile", "session:1234:user:alice:profile"},
		{"2026-12-02T08:10:00.123Z", "2026-12-02T08:10:00.123Z"},
		{"api.example.com:443:GET:/v1/users:200", "api.example.com:443:GET:/v1/users:200"},
		{"db.internal:5432", "db.internal:5432"},
		{"db.internal:5432:orders", "db.internal:5432:orders"},
		{"db.internal:5432:orders:app", "db.internal:5432:orders:app"},
		{"db.internal:5432:orders:app:", "db.internal:5432:orders:app:"},
		{"db.internal:5432:orders:42:x", "db.internal:5432:orders:42:x"},
		{"a.b:5432:c:d:e:f", "a.b:5432:c:d:e:f"},
		{"x.y:123456:db:u:pw", "x.y:123456:db:u:pw"},
		{".db:5432:a:u:pw", ".db:5432:a:u:pw"},
		{"db.:5432:a:u:pw", "db.:5432:a:u:pw"},
		{"fe80:0:0:0:1", "fe80:0:0:0:1"},
		{"00:11:22:33:44:55", "00:11:22:33:44:55"},
		{"uptime 12:30:45 load:2:a:b:c", "uptime 12:30:45 load:2:a:b:c"},
		{"path/db.x:5432:a:u:pw", "path/db.x:5432:a:u:pw"},
	} {
		if got, _ := r.String(tc.in); got != tc.want {
			t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestRedactedValueCutAtMask: a value read after a key up to a mask's
// closing bracket ("![REDACTED", the rest of a value another detector
// masked) is a mask written earlier: redacting the output again changes
// nothing, whatever precedes the mask.
func TestRedactedValueCutAtMask(t *testing.T) {
	r := redact.Must(redact.Credentials, redact.PCIDSS, redact.HIPAA, redact.GDPR)
	for _, in := range []string{
		"token !00 00000000",
		"token ![REDACTED]",
		"password ~[REDACTED] x",
		"token #[REDACTED]",
		"secret [REDACTED]!",
	} {
		once, _ := r.String(in)
		if twice, _ := r.String(once); twice != once {
			t.Errorf("%q -> %q -> %q: redacting redacted text changed it", in, once, twice)
		}
	}
	// A cut mask, alone: four bytes of it or more.
	m := redact.Must(redact.Credentials)
	for _, in := range []string{"password ![REDA", "password ACTED]#"} {
		if got, _ := m.String(in); got != in {
			t.Errorf("String(%q) = %q: a value holding part of the mask is masked again", in, got)
		}
	}
}

// TestBoundsPgpass pins the bounds of the password-file search, each case
// at one of them (with checkBounds: the exact output, the masked flag and
// Matches; a search that indexed past the end would mask the whole string).
func TestBoundsPgpass(t *testing.T) {
	checkBounds(t, redact.DetectPgpass, []boundCase{
		{"db.x:5432:a:u:Pw1\nnote:", "db.x:5432:a:u:[REDACTED]\nnote:", "the text ends with a colon"},
		{"db.x:5432:a:u:Pw1\nb.y:5432:", "db.x:5432:a:u:[REDACTED]\nb.y:5432:", "the text ends right after a port's colon"},
		{"db.x:5432:a:u:Pw1\nb.y:5432:dbname", "db.x:5432:a:u:[REDACTED]\nb.y:5432:dbname", "the database field ends the text"},
		{"db.x:5432:a:u:Pw1\nb.y:5432:db:user", "db.x:5432:a:u:[REDACTED]\nb.y:5432:db:user", "the user field ends the text"},
		{"db.x:5432:a:u:Pw1\nb.y:5432:db\\", "db.x:5432:a:u:[REDACTED]\nb.y:5432:db\\", "a backslash ends the text inside a field"},
		{"db.x:5432:a:u:", "db.x:5432:a:u:", "an empty password is no span"},
		{"db.x:5432:a:u:Pw\\", "db.x:5432:a:u:[REDACTED]", "a backslash ends the text"},
		{"db.x:5432:a:u:Pw\\rnext", "db.x:5432:a:u:[REDACTED]\\rnext", "a line break written as \\r ends the password"},
		{"db.x:5432:a:u:Pw\\nnext", "db.x:5432:a:u:[REDACTED]\\nnext", "a line break written as \\n ends it"},
		{"db.x:5432:a:u:P\\\\:x", "db.x:5432:a:u:P\\\\:x", "an escaped backslash, then a sixth field"},
		{"db.x:5432:a:u:P\\:x", "db.x:5432:a:u:[REDACTED]", "an escaped colon inside the password"},
		{"db.x:15432:a:u:Pw5", "db.x:15432:a:u:[REDACTED]", "a port of five digits"},
		{"db.x:154321:a:u:Pw6", "db.x:154321:a:u:Pw6", "a port of six digits"},
		{"\\nb.db:5432:y:u2:Snd two", "\\nb.db:5432:y:u2:[REDACTED] two", "a line break written as an escape at the start: inside text"},
		{"x \\rb.db:5432:y:u2:Snd two", "x \\rb.db:5432:y:u2:[REDACTED] two", "after an escaped \\r"},
		{"x \\qb.db:5432:y:u2:Snd", "x \\qb.db:5432:y:u2:Snd", "after a backslash that escapes no line break"},
		{"x\ndb.y:5432:a:u:Pw one", "x\ndb.y:5432:a:u:[REDACTED]", "a line after \\n: the password runs to its end"},
		{"x\rdb.y:5432:a:u:Pw one", "x\rdb.y:5432:a:u:[REDACTED]", "a line after \\r: the same"},
		{"x db.y:5432:a:u:Pw one", "x db.y:5432:a:u:[REDACTED] one", "inside text: to the space"},
		{"db.x:5432:\x80db:u:Pw7", "db.x:5432:\x80db:u:[REDACTED]", "a database starting with a byte outside ASCII"},
		{"db.x:5432:\x7fdb:u:Pw8", "db.x:5432:\x7fdb:u:Pw8", "nor with a control byte"},
		{"localhost:5432:*:*:Pw9", "localhost:5432:*:*:[REDACTED]", "no word but the port between colons (prescan's mark)"},
		{"ports: db.x:5432:", "ports: db.x:5432:", "the text ends after the port's colon (prescan's mark)"},
	})
}
