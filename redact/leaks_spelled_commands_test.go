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

// spelledCase is a text that holds secret (empty when nothing in it is
// one) and keeps every word of kept.
type spelledCase struct {
	text   string
	secret string
	kept   []string
}

// logTextEveryWay logs text as a string attr, inside the message and as an
// error's text.
func logTextEveryWay(text string) func(*slog.Logger) {
	return func(l *slog.Logger) {
		l.Info("run", "detail", text)
		l.Info("run " + text)
		l.Error("failed", "err", errors.New("exec: "+text))
	}
}

// requireSpelled checks each case through slogcore and the middleware:
// the secret is masked, the kept words stay, and a text with no secret is
// written as slog writes it.
func requireSpelled(t *testing.T, rules []redact.Rule, cases []spelledCase) {
	t.Helper()
	for _, tc := range cases {
		log := logTextEveryWay(tc.text)
		var plain bytes.Buffer
		noTime := &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}
		log(slog.New(slog.NewJSONHandler(&plain, noTime)))
		var core, mw bytes.Buffer
		h := slogcore.New(&core, &slogcore.Options{ReplaceAttr: dropTimeAttr, Redact: redact.Must(rules...)})
		log(slog.New(h))
		require.NoError(t, h.Close(context.Background()))
		log(slog.New(redact.NewHandler(slog.NewJSONHandler(&mw, noTime), redact.Must(rules...))))
		for name, out := range map[string]string{"slogcore": core.String(), "middleware": mw.String()} {
			if tc.secret == "" {
				require.Equal(t, plain.String(), out, "%s changed %q", name, tc.text)
				continue
			}
			require.NotContains(t, out, tc.secret, "%s leaked %q", name, tc.text)
			require.Contains(t, out, redact.DefaultMask, "%s: %q", name, tc.text)
			for _, k := range tc.kept {
				require.Contains(t, out, k, "%s masked %q in %q", name, k, tc.text)
			}
		}
	}
}

// TestSpelledEmailAddresses: under every preset that masks e-mail
// addresses, an address whose '@' and dots are spelled out (in brackets or
// as words) is masked; prose with "at" and "dot" in it is kept, and the
// Credentials preset alone masks no address.
func TestSpelledEmailAddresses(t *testing.T) {
	leaks := []spelledCase{
		{"reach marta.kowal at fastmail dot com after 5pm", "marta.kowal", []string{"reach", "after 5pm"}},
		{"owner: ravi[at]northwind[dot]io", "ravi", []string{"owner"}},
		{"cc: Olu.Bello (at) proton (dot) me", "Olu.Bello", []string{"cc"}},
		{"send to t.nguyen{AT}example{DOT}co{DOT}uk today", "t.nguyen", []string{"send to", "today"}},
		{"from kim dot sato at mail dot example dot jp", "kim dot sato", []string{"from"}},
		{"GRETA AT POSTEO DOT DE wrote", "GRETA", []string{"wrote"}},
		{"complaint from lena(at)gmx.net", "lena", []string{"complaint from"}},
		{"reply-to lars[@]example.se", "lars", []string{"reply-to"}},
		{"forward to ana@outlook[dot]com", "ana", []string{"forward to"}},
		{"contact: noa [at] example [.] org", "noa", []string{"contact"}},
	}
	kept := []spelledCase{
		{text: "failed at db.example.com: connection refused"},
		{text: "look at the dot com boom of 2000"},
		{text: "meeting at 5 dot 30 in room 4"},
		{text: "[DEBUG] (at) fault in data.go line 12"},
		{text: "retry at example dot"},
		{text: "format data at index 5 (default) at 10:00"},
		{text: "cursor at row dot col"},
	}
	for _, preset := range []redact.Rule{redact.GDPR, redact.HIPAA, redact.CCPA, redact.ContactInfo} {
		t.Run(preset.Name, func(t *testing.T) {
			requireSpelled(t, []redact.Rule{redact.Credentials, preset}, append(leaks, kept...))
		})
	}
	t.Run("credentials alone", func(t *testing.T) {
		var plain []spelledCase
		for _, c := range leaks {
			plain = append(plain, spelledCase{text: c.text})
		}
		requireSpelled(t, []redact.Rule{redact.Credentials}, plain)
	})
}

// TestCommandLineFlagsReadByTool: what a flag's value is depends on the
// tool: the user[:group] of a container runtime's -u is no credential, a
// lone -p of a MySQL client prompts and the word after it is the
// database, a word written as a password (S3cretPass9) is no key whose
// value the next argument is, and a password in its place is masked all
// the same; in text and as a slice of arguments.
func TestCommandLineFlagsReadByTool(t *testing.T) {
	cases := []spelledCase{
		{text: "docker exec -u root:root web sh"},
		{text: "podman run --user app:app -p 8080:80 registry.local/api:1.4"},
		{text: "nerdctl exec -u www-data:www-data nginx nginx -s reload"},
		{text: "mysql -u root -p inventory"},
		{text: "mysqldump -h db1 -u backup -p shop_2024 --single-transaction"},
		{text: "mariadb -u app -p"},
		{text: "foo -u ops -X Pr1vCode7x 10.0.0.5"},
		{"curl -u admin:admin https://ci.example.com", "admin:admin", []string{"https://ci.example.com"}},
		{"docker login -u ci -p Mx4Tq9Lw2 registry.example.com", "Mx4Tq9Lw2", []string{"registry.example.com"}},
		{"mysql -u root -pHv7Kq2Np inventory", "Hv7Kq2Np", []string{"inventory"}},
		{"mysql -u root -p Hv7Kq2Np", "Hv7Kq2Np", []string{"mysql -u root -p"}},
		{"unzip -P Wint3rPass8 backup.zip", "Wint3rPass8", []string{"backup.zip"}},
		{"7z x -pS0larToken4 logs.7z", "S0larToken4", []string{"logs.7z"}},
	}
	requireSpelled(t, []redact.Rule{redact.Credentials}, cases)

	argv := []struct {
		argv   []string
		secret string // "" when nothing is one
	}{
		{[]string{"docker", "exec", "-u", "root:root", "web", "sh"}, ""},
		{[]string{"podman", "run", "--user", "1001:root", "img"}, ""},
		{[]string{"mysql", "-u", "root", "-p", "inventory"}, ""},
		{[]string{"foo", "-u", "ops", "-X", "Pr1vCode7x", "10.0.0.5"}, ""},
		{[]string{"unzip", "-P", "Wint3rPass8", "backup.zip"}, "Wint3rPass8"},
		{[]string{"unrar", "x", "-pS0larToken4", "logs.rar"}, "S0larToken4"},
		{[]string{"zip", "-P", "Gr4nitePass1", "-r", "site.zip", "public"}, "Gr4nitePass1"},
	}
	for _, tc := range argv {
		var got, want bytes.Buffer
		noTime := &slog.HandlerOptions{ReplaceAttr: dropTimeAttr}
		slog.New(redact.NewHandler(slog.NewJSONHandler(&got, noTime), nil)).Info("exec", "argv", tc.argv)
		slog.New(slog.NewJSONHandler(&want, noTime)).Info("exec", "argv", tc.argv)
		if tc.secret == "" {
			require.Equal(t, want.String(), got.String())
			continue
		}
		require.NotContains(t, got.String(), tc.secret, "%q", tc.argv)
		for _, a := range tc.argv {
			if a != tc.secret && !strings.HasSuffix(a, tc.secret) {
				require.Contains(t, got.String(), `"`+a+`"`, "%q: %q was masked", tc.argv, a)
			}
		}
	}
}

// TestLispDottedPairs: an association list's dotted pairs give their
// values as assignments do, bare or quoted keys, quoted or bare values;
// EDN and Clojure keywords too; other pairs and nil stay.
func TestLispDottedPairs(t *testing.T) {
	requireSpelled(t, []redact.Rule{redact.Credentials}, []spelledCase{
		{`'((user . "svc-etl") (password . "Qm7vLp2Rs"))`, "Qm7vLp2Rs", []string{"svc-etl"}},
		{`(("api_token" . "hx81kfa0qz") ("region" . "eu-west-1"))`, "hx81kfa0qz", []string{"eu-west-1"}},
		{`(secret . plainwords)`, "plainwords", nil},
		{`((client-secret . "b00kshelf"))`, "b00kshelf", nil},
		{`{:db/user "ana" :db/password "r1verStone"}`, "r1verStone", []string{"ana"}},
		{`(list :host "db" :api-key "zz91aa72kk")`, "zz91aa72kk", []string{"db"}},
		{text: `((user . "ana") (port . 5432))`},
		{text: `(password . nil)`},
		{text: `(token-count . 5)`},
		{text: `(cons 1 . 2)`},
	})
}

// BenchmarkSpelledForms redacts 64 KB of each of the spelled forms beside
// plain text of the same length: a search that rereads the text for each
// form it holds shows as a ns/op hundreds of times plain text's.
func BenchmarkSpelledForms(b *testing.B) {
	r := redact.Must(redact.Credentials, redact.GDPR)
	for _, unit := range []string{
		"hello world ", "ana dot b at x dot ", "a[at]b[dot]", "a (at) b (dot) ", "dot at dot at ", "(p . ", "(user . x) ", "((region . ",
		"docker -u a:b ", "mysql -u r -p d ", "S3cretPass9 ", "--token < ", "--secret <<< ",
	} {
		s := strings.Repeat(unit, (64<<10)/len(unit))
		b.Run("unit="+unit, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for i := 0; i < b.N; i++ {
				r.String(s)
			}
		})
	}
}

// TestShellRedirectsAfterSecretFlags: a redirection or a command
// substitution after a flag that names a secret is no value and stays; a
// here-string's word is the value the flag or command reads, and is
// masked (a variable stays); a URL after -u names an application, not a
// user and password.
func TestShellRedirectsAfterSecretFlags(t *testing.T) {
	requireSpelled(t, []redact.Rule{redact.Credentials}, []spelledCase{
		{text: "gh auth login --with-token < ~/.config/gh.tok"},
		{text: "gh auth login --with-token <gh.tok"},
		{text: "deploy --api-key > /tmp/new.key"},
		{text: "deploy --client-secret $(pass show ci/client)"},
		{text: "deploy --secret <<< \"$CI_SECRET\""},
		{"deploy --secret <<< Lq4vWz8Rk2", "Lq4vWz8Rk2", []string{"deploy --secret <<<"}},
		{"deploy --db-password <<< 'tidal basin'", "tidal basin", []string{"deploy --db-password <<<"}},
		{"sudo passwd ops <<< \"Nw3kPz7Yq\"", "Nw3kPz7Yq", []string{"sudo passwd ops"}},
		{text: "echo lookup | grep passwd"},
		{"az login --service-principal -u http://ci-runner -p Hq6Tz2Wm8Lk --tenant t1", "Hq6Tz2Wm8Lk", []string{"-u http://ci-runner"}},
		{"curl -u ops:Zr5Xw1Qm7 https://ci.example.com", "Zr5Xw1Qm7", []string{"https://ci.example.com"}},
	})
}

// TestTokenFormatsOfMoreVendors: tokens that announce themselves by their
// prefix (Apify, DataStax Astra) are masked in
// prose; near misses stay.
func TestTokenFormatsOfMoreVendors(t *testing.T) {
	requireSpelled(t, []redact.Rule{redact.Credentials}, []spelledCase{
		{"actor run with apify_api_Q7wX2mZp9LkR4tYv8NbC3sDf6GhJ1KaE0uIo failed", "apify_api_Q7wX2mZp9LkR4tYv8NbC3sDf6GhJ1KaE0uIo", []string{"failed"}},
		{"astra client AstraCS:QwErTyUiOpAsDfGhJkLzXcVb:0f3a9c4e7b1d2a6f8e5c3b9a0d7f1e2c4b6a8d0e9f7c5b3a1d2e4f6a8c0b9d7e token", "QwErTyUiOpAsDfGhJkLzXcVb", []string{"astra client", "token"}},
		{text: "apify_api_docs page moved"},
		{text: "AstraCS:short:abc"},
	})
}
