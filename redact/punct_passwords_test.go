package redact_test

import "testing"

// TestPunctuationInsidePasswordsMasked: a generated password holds the
// bytes that end a bare value elsewhere ('&', ';', ',', closing brackets,
// '|', '<', '>', a quote between letters). After a key that names a
// secret, and in prose after a term, the value goes on over them: only
// the part before the first one was masked, and the rest leaked.
func TestPunctuationInsidePasswordsMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"ampersand", "pw=Gm4&tR9xq2 accepted", []string{"tR9xq2"}, []string{"pw=", " accepted"}},
		{"semicolon", "password=Jd8;uK3pw7 ok", []string{"uK3pw7"}, []string{"password=", " ok"}},
		{"comma", "db_password: Lz5,eW8nm4", []string{"eW8nm4"}, []string{"db_password: "}},
		{"paren", "PGPASSWORD=Ct6)hB2vy8 psql -h db", []string{"hB2vy8"}, []string{" psql -h db"}},
		{"bracket", "secret=Nf3]qA7ks1 loaded", []string{"qA7ks1"}, []string{" loaded"}},
		{"brace", "api_secret=Pw9}gD4jt6 set", []string{"gD4jt6"}, []string{" set"}},
		{"pipe", "passwd=Xr2|mE5ub3 rotated", []string{"mE5ub3"}, []string{" rotated"}},
		{"angle", "password=Hs7<oL1ce5 and password=Kb4>wY6fa2", []string{"oL1ce5", "wY6fa2"}, []string{" and "}},
		{"quote in a pair", "passwd=Vq5'nZ8dr3 applied", []string{"nZ8dr3"}, []string{" applied"}},
		{"quote after is", `the password is Ey3"pM6sk9 now`, []string{"pM6sk9"}, []string{"the password is "}},
		{"quote after a flag", "mysqladmin --password Ua8'cX2hw5 status", []string{"cX2hw5"}, []string{" status"}},
		{"two inside", "pwd=Rk2&Tm5;Zq8 done", []string{"Tm5", "Zq8"}, []string{" done"}},
		{"after a pair", "user=bob password=Ob6,iS4lv7", []string{"iS4lv7"}, []string{"user=bob"}},
	})
}

// TestPunctuationAfterPasswordsKept: the same bytes still end a value
// where a next key, a tag, a character reference, a space or the end
// follows them.
func TestPunctuationAfterPasswordsKept(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"query", "GET /login?password=Fy6qT3wd&next=/home 302", []string{"Fy6qT3wd"}, []string{"&next=/home 302"}},
		{"odbc", "Driver={PG};Pwd=Hz5rM8ke;Server=db01;Port=5432", []string{"Hz5rM8ke"}, []string{";Server=db01;Port=5432"}},
		{"comma list", "password=Wd4nJ7pa,user=svc,host=db", []string{"Wd4nJ7pa"}, []string{",user=svc,host=db"}},
		{"comma space", "password=Qk3vB6xm, retrying", []string{"Qk3vB6xm"}, []string{", retrying"}},
		{"tag", "<td>password=Lm8cR2zu</td>", []string{"Lm8cR2zu"}, []string{"</td>"}},
		{"entity", "password=Tg5hN9qa&amp;user=bob", []string{"Tg5hN9qa"}, []string{"&amp;user=bob"}},
		{"shell and", "export PGPASSWORD=Yb2wK7sd&&psql", []string{"Yb2wK7sd"}, []string{"&&psql"}},
		{"parens", "connect(password=Ix4fP1ro) failed", []string{"Ix4fP1ro"}, []string{") failed"}},
		{"quoted", "password='Su7dE3mq' user='ops'", []string{"Su7dE3mq"}, []string{"user='ops'"}},
	})
	requireOrdinaryKept(t, []string{
		"GET /search?q=tea&page=2&size=10 200",
		"retry=3;backoff=2s;jitter=on",
		"tags=blue,green,red selected",
		"map[owner:ops region:eu] (shard 3)",
		"it's the user's password policy; don't share it",
	})
}

// TestPasswordsInConnectionsWithQuotesOrSpaces: a URL's password may hold
// "'" (RFC 3986 allows it unencoded), and a connection string's value
// runs to its ';' over spaces (ODBC, ADO.NET).
func TestPasswordsInConnectionsWithQuotesOrSpaces(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"url quote", "dial postgres://app:Wk4'tP9zQm@db:5432/orders failed", []string{"tP9zQm"}, []string{"@db:5432/orders failed"}},
		{"quoted url", "dsn='mysql://etl:Bd6'yH3rLx@db/w' loaded", []string{"yH3rLx"}, []string{"@db/w' loaded"}},
		{"odbc spaces", "Driver={ODBC 18};Server=db;Uid=sa;Pwd=Nv5 qT8 wS2;Encrypt=yes", []string{"qT8 wS2"}, []string{";Encrypt=yes"}},
		{"ado spaces", "Data Source=db;User ID=app;Password=correct horse 7 staple;Pooling=true", []string{"horse 7 staple"}, []string{";Pooling=true"}},
	})
	requireOrdinaryKept(t, []string{
		"connected to 'postgres://db:5432/orders' in 3 ms",
		"Server=db;Database=orders;Timeout=30 s elapsed",
	})
}
