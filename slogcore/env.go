package slogcore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	slogmulti "github.com/samber/slog-multi"
)

// Environment variables read by [FromEnv].
const (
	EnvSinks    = "SLOGGUARD_SINKS"    // comma-separated sink names; default "stdout"
	EnvLevel    = "SLOGGUARD_LEVEL"    // debug, info, warn, error; default info
	EnvRedact   = "SLOGGUARD_REDACT"   // preset names, comma-separated, or "off"; default credentials
	EnvOverflow = "SLOGGUARD_OVERFLOW" // block, drop-newest, drop-oldest; default block
	EnvQueue    = "SLOGGUARD_QUEUE"    // queue size in records; default 8192
)

// FromEnv builds a logger from the environment, for twelve-factor
// deployments: the sinks named in SLOGGUARD_SINKS, each configured by its
// SLOGGUARD_<NAME>_<KEY> variables (SLOGGUARD_FILE_PATH=/var/log/app.log),
// fanned out with slog-multi. SLOGGUARD_LEVEL, SLOGGUARD_REDACT,
// SLOGGUARD_OVERFLOW and SLOGGUARD_QUEUE apply to every sink unless the
// sink's own variable says otherwise. The returned function closes every
// sink. A bad value is an error that names the variable and what is allowed;
// no sink is left open then.
func FromEnv() (*slog.Logger, func(context.Context) error, error) {
	return fromEnv(os.Getenv, os.Environ())
}

func fromEnv(getenv func(string) string, environ []string) (*slog.Logger, func(context.Context) error, error) {
	globals := map[string]string{}
	for key, env := range map[string]string{"level": EnvLevel, "redact": EnvRedact, "overflow": EnvOverflow, "queue": EnvQueue} {
		v := strings.TrimSpace(getenv(env))
		if v == "" {
			continue
		}
		if _, err := SinkOptions(map[string]string{key: v}); err != nil {
			return nil, nil, fmt.Errorf("slogcore: %s: %w", env, err)
		}
		globals[key] = v
	}
	names := strings.Split(getenv(EnvSinks), ",")
	if strings.TrimSpace(getenv(EnvSinks)) == "" {
		names = []string{"stdout"}
	}
	var (
		opened   []Sink
		handlers []slog.Handler
	)
	closeAll := func(ctx context.Context) error {
		var errs []error
		for _, s := range opened {
			errs = append(errs, s.Close(ctx))
		}
		return errors.Join(errs...)
	}
	seen := map[string]bool{}
	for _, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if key := strings.ToLower(name); seen[key] {
			_ = closeAll(context.Background())
			return nil, nil, fmt.Errorf("slogcore: %s names sink %q twice: list each sink once (every record would be written twice)", EnvSinks, key)
		} else {
			seen[key] = true
		}
		cfg := map[string]string{}
		for k, v := range globals {
			cfg[k] = v
		}
		prefix := "SLOGGUARD_" + strings.ToUpper(name) + "_"
		for _, kv := range environ {
			k, v, ok := strings.Cut(kv, "=")
			if ok && strings.HasPrefix(k, prefix) {
				cfg[strings.ToLower(strings.TrimPrefix(k, prefix))] = v
			}
		}
		s, err := OpenSink(name, cfg)
		if err != nil {
			_ = closeAll(context.Background())
			return nil, nil, fmt.Errorf("%w (from %s; settings from %s*)", err, EnvSinks, prefix)
		}
		opened = append(opened, s)
		handlers = append(handlers, s)
	}
	if len(handlers) == 0 {
		return nil, nil, fmt.Errorf("slogcore: %s names no sink: want a comma-separated list of %s", EnvSinks, strings.Join(Sinks(), ", "))
	}
	var h slog.Handler = handlers[0]
	if len(handlers) > 1 {
		h = slogmulti.Fanout(handlers...)
	}
	return slog.New(h), closeAll, nil
}
