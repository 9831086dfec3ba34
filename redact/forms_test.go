package redact_test

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// formCases are assignments whose key names a secret, in the syntaxes of
// Ruby and PHP hashes, YAML, templates and encrypted blobs: the whole value
// must go, the key and the text around it stay.
var formCases = []struct {
	name, text, key string
	secrets         []string
}{
	{"php hash arrow", `$cfg = ['secret_key' => 'Pq4-vault-Lm8', 'region' => 'eu-west-3'];`, "secret_key", []string{"Pq4-vault-Lm8"}},
	{"ruby hash rocket", `{ "secret_key" => "rb_7Hx2Qw9Lk3Zt", "host" => "db1" }`, "secret_key", []string{"rb_7Hx2Qw9Lk3Zt"}},
	{"ruby symbol rocket", `{:api_secret => "sym9Vk2Jp4Rw"}`, "api_secret", []string{"sym9Vk2Jp4Rw"}},
	{"logstash arrow", `"auth_token" => "ls-8Kq2Pn5Xv1Wd"`, "auth_token", []string{"ls-8Kq2Pn5Xv1Wd"}},
	{"helm template", `password: {{ .Values.postgresql.auth.password }}`, "password", []string{".Values", "postgresql.auth"}},
	{"helm template with pipes", `db_password: {{ .Values.db.pass | b64enc | quote }}`, "db_password", []string{".Values", "b64enc", "quote }}"}},
	{"quoted template with quotes", `token: "{{ vault "kv/data/ci" "deploy_token" }}" next: 1`, "token", []string{"vault ", "kv/data/ci", "deploy_token"}},
	{"sops blob", `db-password: ENC[AES256_GCM,data:q8Vz3pT1mQ==,iv:Zm9vYmFyYmF6cXV4MTIzNA==,tag:dGFnZ2VkLXZhbHVlLTEy,type:str]`, "db-password",
		[]string{"q8Vz3pT1mQ", "Zm9vYmFy", "dGFnZ2Vk", "type:str"}},
	{"jasypt blob", `spring.datasource.password=ENC(nR4tL8qZ2wX6vB1m) url=jdbc:h2:mem`, "password", []string{"nR4tL8qZ2wX6vB1m", ")"}},
	{"shell default", `export API_KEY=${API_KEY:-k3y-default-77}`, "API_KEY", []string{"k3y-default-77"}},
	{"python interpolation", `client_secret = %(CLIENT_SECRET)s`, "client_secret", []string{"CLIENT_SECRET)", ")s"}},
	{"erb template", `auth_token: <%= ENV.fetch("AUTH_TOKEN") %>`, "auth_token", []string{"ENV.fetch", "%>"}},
	{"ansible vault", "vault_password: !vault | $ANSIBLE_VAULT;1.1;AES256 38306365326132 61336366623066", "vault_password",
		[]string{"ANSIBLE_VAULT", "38306365326132", "61336366623066"}},
	{"colon with spaces in quotes", `"password": "open sesame 42", "user": "ops"`, "password", []string{"open sesame"}},
	{"equals single quotes", `passwd='Zx9 spaced!'`, "passwd", []string{"Zx9", "spaced!"}},
	{"make shell assignment", `DEPLOY_TOKEN :::= "mk-Rt5Vb8Nq2Lw4"`, "DEPLOY_TOKEN", []string{"mk-Rt5Vb8Nq2Lw4"}},
	{"php concat assignment", `$vendorToken .= "php9Qm3Xs7Kd"`, "vendorToken", []string{"php9Qm3Xs7Kd"}},
	{"php null coalescing", `$dbPassword ??= 'nc4Tz8Wq1'`, "dbPassword", []string{"nc4Tz8Wq1"}},
	{"ruby or-assign", `@api_secret ||= "or7Hj2Mx5Bv"`, "api_secret", []string{"or7Hj2Mx5Bv"}},
	{"go typed var", `var stripeToken string = "gv3Lp9Dk6Fs"`, "stripeToken", []string{"gv3Lp9Dk6Fs"}},
	{"kotlin typed val", `val signingSecret: String = "kt8Wn1Qr4Zy"`, "signingSecret", []string{"kt8Wn1Qr4Zy"}},
	{"yaml literal block", "db_password: |\n  blk-Pw7Qz2Lm9\n  second-line-Xy4\nuser: app", "db_password", []string{"blk-Pw7Qz2Lm9", "second-line-Xy4"}},
	{"yaml folded block", "client_secret: >-\n    fold-Sc3Rt8Vw1\nport: 5432", "client_secret", []string{"fold-Sc3Rt8Vw1"}},
	{"yaml tag", `api_token: !!binary dG9rLVBxN1JtMnZYOQ== rest`, "api_token", []string{"dG9rLVBxN1JtMnZYOQ"}},
	{"github actions expression", `password: ${{ secrets.PROD_DB_PASSWORD }} next`, "password", []string{"secrets.PROD_DB", "}}"}},
	{"perl quote", `passwd => q{perl-Qv8Ls2Nx} ;`, "passwd", []string{"perl-Qv8Ls2Nx"}},
	{"call with default block", `secret_key = ENV.fetch('SECRET_KEY') { 'dflt-Kb4Tz9Wm' }`, "secret_key", []string{"dflt-Kb4Tz9Wm"}},
	{"shell escaped spaces", `export DB_PASSWORD=esc4Rq\ two\ Words9 next`, "DB_PASSWORD", []string{"esc4Rq", "Words9"}},
	{"heredoc", "client_secret = <<EOF\nhd-Lq8Vz3Rt6Mn\nEOF\nnext = 1", "client_secret", []string{"hd-Lq8Vz3Rt6Mn"}},
	{"acronym camel key in xml", "<ACMEToken>\n    ax5Rv9Lm2Tq7\n</ACMEToken>", "ACMEToken", []string{"ax5Rv9Lm2Tq7"}},
}

// TestAssignmentFormsEverywhere logs each form as a message, as a value and
// inside an error, through slogcore.New, slogcore.Async, redact.NewHandler
// and a slog-multi Fanout.
func TestAssignmentFormsEverywhere(t *testing.T) {
	for _, tc := range formCases {
		t.Run(tc.name, func(t *testing.T) {
			log := func(l *slog.Logger) {
				l.Info("loaded " + tc.text)
				l.Info("m", "line", tc.text)
				l.Error("m", "err", fmt.Errorf("render: %w", errors.New("bad input "+tc.text)))
			}
			for mode, out := range runModes(t, nil, log) {
				for _, b := range out.redacted {
					got := b.String()
					for _, secret := range tc.secrets {
						require.NotContains(t, got, secret, "%s leaked: %s", mode, got)
					}
					require.GreaterOrEqual(t, strings.Count(got, tc.key), 3, "%s: the key is kept in each record: %s", mode, got)
				}
				if out.original != nil {
					require.Contains(t, out.original.String(), tc.secrets[0], "%s: the sibling sees the original", mode)
				}
			}
		})
	}
}
