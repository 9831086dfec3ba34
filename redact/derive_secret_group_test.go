package redact_test

import (
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// A group named for a secret masks every value under it, whatever is
// derived from the logger after it: With, a nested group, With again.
// Each derivation returns a new handler, and each must still know that
// its values sit under a secret's group.
func TestSecretGroupSurvivesDerivation(t *testing.T) {
	const secret = "Marigold4Quartz"
	derive := map[string]func(*slog.Logger) *slog.Logger{
		"group":            func(l *slog.Logger) *slog.Logger { return l.WithGroup("credentials") },
		"group+with":       func(l *slog.Logger) *slog.Logger { return l.WithGroup("api_token").With("region", "eu") },
		"group+with+group": func(l *slog.Logger) *slog.Logger { return l.WithGroup("secret").With("n", 1).WithGroup("inner") },
		"group+group+with": func(l *slog.Logger) *slog.Logger { return l.WithGroup("passwd").WithGroup("db").With("host", "db1") },
		"with+group+with":  func(l *slog.Logger) *slog.Logger { return l.With("svc", "api").WithGroup("password").With("k", "v") },
		"group+with+with":  func(l *slog.Logger) *slog.Logger { return l.WithGroup("auth").With("a", 1).With("b", 2) },
	}
	values := map[string]func(*slog.Logger){
		"string": func(l *slog.Logger) { l.Info("loaded", "value", secret) },
		"error":  func(l *slog.Logger) { l.Info("loaded", "value", errors.New(secret)) },
		"group":  func(l *slog.Logger) { l.Info("loaded", slog.Group("g", "value", secret)) },
		"any":    func(l *slog.Logger) { l.Info("loaded", "value", []string{secret}) },
	}
	for dname, d := range derive {
		for vname, v := range values {
			t.Run(dname+"/"+vname, func(t *testing.T) {
				for mode, out := range runModes(t, nil, func(l *slog.Logger) { v(d(l)) }) {
					for _, b := range out.redacted {
						require.NotContains(t, b.String(), secret, "%s leaked", mode)
						require.Contains(t, b.String(), redact.DefaultMask, "%s", mode)
					}
				}
			})
		}
	}
}

// The same derivations under a group with an ordinary name keep the value.
func TestPlainGroupDerivationKeepsValues(t *testing.T) {
	const value = "Marigold4Quartz"
	for name, d := range map[string]func(*slog.Logger) *slog.Logger{
		"group+with":       func(l *slog.Logger) *slog.Logger { return l.WithGroup("request").With("region", "eu") },
		"group+with+group": func(l *slog.Logger) *slog.Logger { return l.WithGroup("http").With("n", 1).WithGroup("inner") },
	} {
		t.Run(name, func(t *testing.T) {
			for mode, out := range runModes(t, nil, func(l *slog.Logger) { d(l).Info("loaded", "value", value) }) {
				for _, b := range out.redacted {
					require.Contains(t, b.String(), value, "%s", mode)
					require.False(t, strings.Contains(b.String(), redact.DefaultMask), "%s masked: %s", mode, b.String())
				}
			}
		})
	}
}
