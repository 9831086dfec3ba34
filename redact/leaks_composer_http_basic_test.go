package redact_test

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestComposerHTTPBasicMasked: composer config http-basic.HOST USER
// PASSWORD writes a login to auth.json; the password is masked, the
// host and the user are kept, also after --auth (which names the
// setting, not a secret) and run as composer.phar.
func TestComposerHTTPBasicMasked(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"http-basic", "composer config http-basic.pkgs.acme.example deploy Nf4Rz8Wq1Lx",
			[]string{"Nf4Rz8Wq1Lx"}, []string{"composer config http-basic.pkgs.acme.example deploy "}},
		{"global auth flags", "+ composer config --global --auth http-basic.repo.satis.example ci-bot Tm3Xk7Vb2Qs && composer install",
			[]string{"Tm3Xk7Vb2Qs"}, []string{"--auth http-basic.repo.satis.example ci-bot ", "&& composer install"}},
		{"quoted password", `composer config -g http-basic.pkgs.acme.example "deploy" "lower case words 7"`,
			[]string{"lower case words 7"}, []string{"http-basic.pkgs.acme.example", "deploy"}},
		{"composer.phar", "php composer.phar config http-basic.pkgs.acme.example deploy Hy6Wc2Zp9Rm",
			[]string{"Hy6Wc2Zp9Rm"}, []string{"composer.phar config http-basic.pkgs.acme.example deploy "}},
		{"auth flag before a token setting", "composer config --auth github-oauth.github.com 6c8e0a2b4d6f8a1c3e5b7d9f0a2c4e6b8d1f3a5c",
			[]string{"6c8e0a2b4d6f8a1c3e5b7d9f0a2c4e6b8d1f3a5c"}, []string{"--auth github-oauth.github.com "}},
	})
	requireLinesKept(t, []string{
		"composer config --unset http-basic.pkgs.acme.example",
		"composer config http-basic.pkgs.acme.example deploy $PKGS_PASSWORD",
		"composer config --auth http-basic.pkgs.acme.example",
		"composer config preferred-install dist",
		"enable http-basic auth for the mirror",
	})
	t.Run("argv", func(t *testing.T) {
		argv := []string{"composer", "config", "--auth", "http-basic.pkgs.acme.example", "deploy", "Qz5Lv8Xd3Kw"}
		for name, out := range placementOutputs(nil, func(l *slog.Logger) { l.Info("exec", "argv", argv) }) {
			require.NotContains(t, out, "Qz5Lv8Xd3Kw", name)
			require.Contains(t, out, "http-basic.pkgs.acme.example", name)
		}
	})
}

// TestComposerAuthEnvMasked: COMPOSER_AUTH holds auth.json's JSON in the
// environment; every token and password in it is masked, as an
// assignment in text and as an attr.
func TestComposerAuthEnvMasked(t *testing.T) {
	requireLinesMasked(t, []textCase{
		{"export", `export COMPOSER_AUTH='{"http-basic":{"pkgs.acme.example":{"username":"deploy","password":"Lq8Vz3Wx6Kn"}}}'`,
			[]string{"Lq8Vz3Wx6Kn"}, []string{"export COMPOSER_AUTH="}},
		{"docker env", `docker run -e COMPOSER_AUTH={"bearer":{"pkgs.acme.example":"Rx2Mk7Tq4Wc9Zb"}} php:8.3 composer install`,
			[]string{"Rx2Mk7Tq4Wc9Zb"}, []string{"php:8.3 composer install"}},
	})
	for name, out := range placementOutputs(nil, func(l *slog.Logger) {
		l.Info("env", "COMPOSER_AUTH", `{"gitlab-token":{"git.acme.example":"Hs4Pn9Xv2Lw6"}}`)
	}) {
		require.NotContains(t, out, "Hs4Pn9Xv2Lw6", name)
	}
}
