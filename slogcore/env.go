package slogcore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"slices"
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
// sink. A bad value is an error that names the variable and what is
// allowed, every bad global variable at once; so is a SLOGGUARD_ variable
// that would configure nothing (misspelt, or for a sink SLOGGUARD_SINKS does
// not list); no sink is left open then.
func FromEnv() (*slog.Logger, func(context.Context) error, error) {
	return fromEnv(os.Getenv, os.Environ())
}

func fromEnv(getenv func(string) string, environ []string) (*slog.Logger, func(context.Context) error, error) {
	globals := map[string]string{}
	var errs []error
	for _, key := range slices.Sorted(maps.Keys(globalVars)) {
		env := globalVars[key]
		v := strings.TrimSpace(getenv(env))
		if v == "" {
			continue
		}
		if _, err := SinkOptions(map[string]string{key: v}); err != nil {
			errs = append(errs, fmt.Errorf("slogcore: %s: %w", env, err))
		}
		globals[key] = v
	}
	if len(errs) > 0 {
		return nil, nil, errors.Join(errs...)
	}
	names := strings.Split(getenv(EnvSinks), ",")
	if strings.TrimSpace(getenv(EnvSinks)) == "" {
		names = []string{"stdout"}
	}
	var listed []string
	for _, name := range names {
		key := strings.ToLower(strings.TrimSpace(name))
		if key == "" {
			continue
		}
		if slices.Contains(listed, key) {
			return nil, nil, fmt.Errorf("slogcore: %s names sink %q twice: list each sink once (every record would be written twice)", EnvSinks, key)
		}
		listed = append(listed, key)
	}
	if len(listed) == 0 {
		return nil, nil, fmt.Errorf("slogcore: %s names no sink: want a comma-separated list of %s", EnvSinks, strings.Join(Sinks(), ", "))
	}
	cfgs, err := sinkSettings(environ, listed)
	if err != nil {
		return nil, nil, err
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
	for _, name := range listed {
		cfg := map[string]string{}
		for k, v := range globals {
			cfg[k] = v
		}
		for k, v := range cfgs[name] {
			cfg[k] = v
		}
		s, err := OpenSink(name, cfg)
		if err != nil {
			_ = closeAll(context.Background())
			return nil, nil, fmt.Errorf("%w (from %s; settings from %s*)", err, EnvSinks, envPrefix(name))
		}
		opened = append(opened, s)
		handlers = append(handlers, s)
	}
	var h slog.Handler = handlers[0]
	if len(handlers) > 1 {
		h = slogmulti.Fanout(handlers...)
	}
	return slog.New(h), closeAll, nil
}

// globalVars maps the settings that apply to every sink to their variables.
var globalVars = map[string]string{"level": EnvLevel, "redact": EnvRedact, "overflow": EnvOverflow, "queue": EnvQueue}

// envPrefix is the prefix of the variables that configure sink name.
func envPrefix(name string) string { return "SLOGGUARD_" + strings.ToUpper(name) + "_" }

// sinkSettings returns the settings of each listed sink, from its
// SLOGGUARD_<NAME>_<KEY> variables. A variable goes to the listed sink
// with the longest matching name, so that sinks "a" and "a_b" can both be
// configured. An empty (or blank) variable is an unset one: it neither
// configures its sink nor replaces a global setting. Any other non-empty
// SLOGGUARD_ variable is an error, since it would configure nothing: a
// misspelt global (SLOGGUARD_LEVL), a sink that SLOGGUARD_SINKS does not
// list (SLOGGUARD_FILE_PATH without "file"). A variable that a setting
// ending in _env names (key_env) holds a secret for that setting and is
// left alone.
func sinkSettings(environ []string, listed []string) (map[string]map[string]string, error) {
	named := map[string]bool{} // variables named by an *_ENV setting
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "SLOGGUARD_") && strings.HasSuffix(k, "_ENV") {
			named[strings.TrimSpace(v)] = true
		}
	}
	cfgs := map[string]map[string]string{}
	var unknown []string
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !strings.HasPrefix(k, "SLOGGUARD_") || named[k] {
			continue
		}
		if k == EnvSinks || slices.Contains(slices.Collect(maps.Values(globalVars)), k) {
			continue
		}
		if strings.TrimSpace(v) == "" {
			// Unset, as for the globals: an empty SLOGGUARD_STDOUT_REDACT
			// must not replace SLOGGUARD_REDACT with the default.
			continue
		}
		owner := ""
		for _, name := range listed {
			if strings.HasPrefix(k, envPrefix(name)) && len(name) > len(owner) {
				owner = name
			}
		}
		if owner == "" {
			unknown = append(unknown, k)
			continue
		}
		if cfgs[owner] == nil {
			cfgs[owner] = map[string]string{}
		}
		cfgs[owner][strings.ToLower(strings.TrimPrefix(k, envPrefix(owner)))] = v
	}
	if len(unknown) == 0 {
		return cfgs, nil
	}
	slices.Sort(unknown)
	k := unknown[0]
	for _, name := range Sinks() {
		if strings.HasPrefix(k, envPrefix(name)) {
			return nil, fmt.Errorf("slogcore: %s configures sink %q, which %s does not list (it lists %s): add %s to %s, or unset %s",
				k, name, EnvSinks, strings.Join(listed, ","), name, EnvSinks, strings.Join(unknown, ", "))
		}
	}
	return nil, fmt.Errorf("slogcore: %s is not a variable FromEnv reads: want %s, %s, %s, %s, %s, or SLOGGUARD_<SINK>_<SETTING> for a sink that %s lists (it lists %s); unset %s",
		k, EnvSinks, EnvLevel, EnvRedact, EnvOverflow, EnvQueue, EnvSinks, strings.Join(listed, ","), strings.Join(unknown, ", "))
}
