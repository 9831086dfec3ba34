package slogcore

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// fromEnvList runs fromEnv on the variables in env, as the process
// environment would hold them.
func fromEnvList(env map[string]string) (*slog.Logger, func(context.Context) error, error) {
	var environ []string
	for k, v := range env {
		environ = append(environ, k+"="+v)
	}
	return fromEnv(func(k string) string { return env[k] }, environ)
}

// TestFromEnvRefusesVariablesThatConfigureNothing: a SLOGGUARD_ variable
// that FromEnv would ignore (a misspelt global, a sink that SLOGGUARD_SINKS
// does not list) is an error that names it and says what to do, and no
// sink is opened.
func TestFromEnvRefusesVariablesThatConfigureNothing(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"misspelt global", map[string]string{"SLOGGUARD_LEVL": "debug"},
			[]string{"slogcore: SLOGGUARD_LEVL is not a variable FromEnv reads", "SLOGGUARD_LEVEL", "unset SLOGGUARD_LEVL"}},
		{"misspelt sinks", map[string]string{"SLOGGUARD_SINK": "discard"},
			[]string{"slogcore: SLOGGUARD_SINK is not a variable FromEnv reads", "SLOGGUARD_SINKS", "it lists stdout"}},
		{"sink not listed", map[string]string{"SLOGGUARD_FILE_PATH": filepath.Join(dir, "never.log")},
			[]string{`slogcore: SLOGGUARD_FILE_PATH configures sink "file", which SLOGGUARD_SINKS does not list (it lists stdout): add file to SLOGGUARD_SINKS`}},
		{"all named", map[string]string{EnvSinks: "discard", "SLOGGUARD_STDERR_LEVEL": "warn", "SLOGGUARD_OVERFLOWS": "drop-newest"},
			[]string{`slogcore: SLOGGUARD_OVERFLOWS is not a variable FromEnv reads`, "unset SLOGGUARD_OVERFLOWS, SLOGGUARD_STDERR_LEVEL"}},
		{"misspelt sink", map[string]string{EnvSinks: "discard, file", "SLOGGUARD_FILE_PATH": filepath.Join(dir, "never.log"), "SLOGGUARD_FIEL_MODE": "0644"},
			[]string{"slogcore: SLOGGUARD_FIEL_MODE is not a variable FromEnv reads", "(it lists discard,file)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			logger, closeFn, err := fromEnvList(tc.env)
			require.Nil(t, logger)
			require.Nil(t, closeFn)
			require.Error(t, err)
			for _, w := range tc.want {
				require.ErrorContains(t, err, w)
			}
			_, statErr := os.Stat(filepath.Join(dir, "never.log"))
			require.ErrorIs(t, statErr, os.ErrNotExist, "a sink was opened before the environment was refused")
		})
	}

	// Empty variables are unset ones, as for the globals.
	logger, closeFn, err := fromEnvList(map[string]string{EnvSinks: "discard", "SLOGGUARD_LEVL": "", "SLOGGUARD_FILE_PATH": " "})
	require.NoError(t, err)
	logger.Info("fine")
	require.NoError(t, closeFn(context.Background()))
}

// TestFromEnvSinksSharingAPrefix: sinks "acme" and "acme_eu", both listed,
// each get their own variables: SLOGGUARD_ACME_EU_LEVEL belongs to the
// longer name, not to "acme" as a setting "eu_level".
func TestFromEnvSinksSharingAPrefix(t *testing.T) {
	var mu sync.Mutex
	got := map[string]map[string]string{}
	factory := func(name string) SinkFactory {
		return func(cfg map[string]string) (Sink, error) {
			if err := checkKeys(name, cfg, "region", "token_env"); err != nil {
				return nil, err
			}
			mu.Lock()
			got[name] = cfg
			mu.Unlock()
			return discardSink{slog.DiscardHandler}, nil
		}
	}
	unregisterAfter(t, "acme", "acme_eu")
	RegisterSink("acme", factory("acme"))
	RegisterSink("acme_eu", factory("acme_eu"))

	logger, closeFn, err := fromEnvList(map[string]string{
		EnvSinks:                      "acme_eu,acme",
		EnvLevel:                      "warn",
		"SLOGGUARD_ACME_LEVEL":        "debug",
		"SLOGGUARD_ACME_REGION":       "us",
		"SLOGGUARD_ACME_EU_REGION":    "eu-west-3",
		"SLOGGUARD_ACME_EU_TOKEN_ENV": "SLOGGUARD_TOKEN_HEX",
		"SLOGGUARD_TOKEN_HEX":         "c0ffee", // named by a *_ENV setting: a secret, not a setting
	})
	require.NoError(t, err)
	require.NotNil(t, logger)
	require.NoError(t, closeFn(context.Background()))
	require.Equal(t, map[string]string{"level": "debug", "region": "us"}, got["acme"])
	require.Equal(t, map[string]string{"level": "warn", "region": "eu-west-3", "token_env": "SLOGGUARD_TOKEN_HEX"}, got["acme_eu"])
}
