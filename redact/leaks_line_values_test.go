package redact_test

import "testing"

// TestLineValuesMasked: formats that run an unquoted value to the end of
// its line (properties files, INI files, YAML, Windows' set, shells'
// export, a Dockerfile's ENV, csh's setenv) have a value of several
// words masked whole when its pair opens the line.
func TestLineValuesMasked(t *testing.T) {
	requireEveryMode(t, []textCase{
		{"properties dotted key", "quarkus.datasource.password=Maple Orchard 31",
			[]string{"Maple", "Orchard 31"}, []string{"quarkus.datasource.password="}},
		{"properties dotted key with a colon", "mail.smtp.secret: harbor lantern nine",
			[]string{"harbor", "lantern", "nine"}, []string{"mail.smtp.secret: "}},
		{"windows set", "set PGPASSWORD=river stone seven",
			[]string{"river", "stone", "seven"}, []string{"set PGPASSWORD="}},
		{"windows set upper case", "SET API_TOKEN=copper kettle",
			[]string{"copper", "kettle"}, []string{"SET API_TOKEN="}},
		{"shell export of a phrase", "export VAULT_TOKEN=amber field",
			[]string{"amber", "field"}, []string{"export VAULT_TOKEN="}},
		{"set -x trace of an export", "+ export DB_PASS=violet canyon",
			[]string{"violet", "canyon"}, []string{"+ export DB_PASS="}},
		{"ini blanks around the operator", "passwd = silver birch lane",
			[]string{"silver", "birch", "lane"}, []string{"passwd = "}},
		{"ini indented", "  client_secret = quiet meadow",
			[]string{"quiet", "meadow"}, []string{"client_secret = "}},
		{"dockerfile ENV with a space", "ENV REDIS_PASSWORD granite falcon 8",
			[]string{"granite", "falcon"}, []string{"ENV REDIS_PASSWORD "}},
		{"dockerfile ENV with an equals sign", "ENV SMTP_PASSWORD=cobalt heron",
			[]string{"cobalt", "heron"}, []string{"ENV SMTP_PASSWORD="}},
		{"csh setenv", "setenv ADMIN_PASSWORD hazel brook",
			[]string{"hazel", "brook"}, []string{"setenv ADMIN_PASSWORD "}},
		{"capitalised phrase after a colon", "password: Willow Creek 42",
			[]string{"Willow", "Creek 42"}, []string{"password: "}},
		{"capitalised phrase after an equals sign", "db_password=Juniper Ridge",
			[]string{"Juniper", "Ridge"}, []string{"db_password="}},
		{"yaml line inside a multi-line string", "settings: |\n  user: ops\n  password: cedar pond twelve\n  port: 5432",
			[]string{"cedar", "pond", "twelve"}, []string{"user: ops", "port: 5432"}},
		{"ini line inside a file", "[mysqld]\npassword = ochre dune\nport = 3306",
			[]string{"ochre", "dune"}, []string{"[mysqld]", "port = 3306"}},
		{"properties line inside a file", "spring.datasource.url=jdbc:postgresql://db/app\nspring.datasource.password=Fern Valley 6\nspring.jpa.show-sql=true",
			[]string{"Fern", "Valley"}, []string{"spring.datasource.url=jdbc:postgresql://db/app", "spring.jpa.show-sql=true"}},
		{"windows set line inside a script", "@echo off\nset MYSQL_PWD=plum orchard gate\nmysql -u app",
			[]string{"plum", "orchard", "gate"}, []string{"@echo off", "mysql -u app"}},
		{"prose keeps its words", "login failed password=Zq8rT2vw for user alice",
			[]string{"Zq8rT2vw"}, []string{"password=", " for user alice"}},
	})
}

// TestLineValuesKept: what a line that runs to its end holds when its key
// names no secret, a value that is a reference, and prose after a pair.
func TestLineValuesKept(t *testing.T) {
	requireWholeKept(t, nil, []string{
		"export PATH=/usr/local/go/bin",
		"ENV NODE_ENV production",
		"ENV TOKEN_TTL 3600",
		"ENV DB_PASSWORD_FILE /run/secrets/db_password",
		"set password_min_length=12 chars",
		"app.password.min-length=12 chars",
		"token_count = 42 items",
		"set timeout=30 seconds",
		"spring.datasource.username=app service",
		"password: Required",
		"token: Expired",
		"auth: OK",
		"ENV DB_PASSWORD \"\"",
	})
	requireEveryMode(t, []textCase{
		{"prose after a logfmt pair", "token=Xk29fLq7 rejected by policy",
			[]string{"Xk29fLq7"}, []string{"token=", " rejected by policy"}},
		{"a command after an assignment", "export GH_TOKEN=Vn5rK8qz && make release",
			[]string{"Vn5rK8qz"}, []string{"export GH_TOKEN=", " && make release"}},
		{"a call as the value", "password = fetch(vault) ok",
			nil, []string{" ok"}},
	})
}
