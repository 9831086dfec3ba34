package slogcore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/slogguard/slogguard/redact"
)

// A Sink is a slog.Handler that holds resources: Close flushes and releases
// them.
type Sink interface {
	slog.Handler
	Close(ctx context.Context) error
}

// SinkFactory opens a sink from its configuration, a map of lower-case keys
// to values (from code, or from SLOGGUARD_<NAME>_<KEY> variables in
// [FromEnv]).
type SinkFactory func(cfg map[string]string) (Sink, error)

var (
	sinksMu sync.RWMutex
	sinks   = map[string]SinkFactory{}
)

// hints name the import that registers a sink slogcore does not provide.
var hints = map[string]string{
	"audit": `import _ "github.com/slogguard/slogguard/slogaudit"`,
}

// RegisterSink makes a sink available by name, as database/sql.Register does
// for drivers: call it from the init function of the package that provides
// the sink, and activate it in a program with a blank import. Names are
// case-insensitive, and made of letters, digits, '_' and '-', so that
// SLOGGUARD_SINKS can list them and SLOGGUARD_<NAME>_<KEY> configure them.
// Registering a name twice, an invalid name, or a nil factory panics.
func RegisterSink(name string, f SinkFactory) {
	sinksMu.Lock()
	defer sinksMu.Unlock()
	key := strings.ToLower(name)
	if !validSinkName(key) {
		panic("slogcore: RegisterSink: invalid sink name " + strconv.Quote(name) + ": use letters, digits, '_' and '-' (the name is listed in SLOGGUARD_SINKS and is part of SLOGGUARD_<NAME>_* variables)")
	}
	if f == nil {
		panic("slogcore: RegisterSink: nil factory for sink " + strconv.Quote(name))
	}
	if _, dup := sinks[key]; dup {
		panic("slogcore: RegisterSink called twice for sink " + strconv.Quote(key) + ": register each name once, from the init function of the package that provides it (is that package linked under two import paths?)")
	}
	sinks[key] = f
}

// validSinkName reports whether the lower-case name is usable in
// SLOGGUARD_SINKS and in SLOGGUARD_<NAME>_* variables.
func validSinkName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// Sinks returns the registered sink names, sorted.
func Sinks() []string {
	sinksMu.RLock()
	defer sinksMu.RUnlock()
	names := make([]string, 0, len(sinks))
	for n := range sinks {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// OpenSink opens the sink registered as name with cfg. An unknown name is an
// error that lists the registered names and, for sinks provided by other
// slogguard packages, the import to add. A sink that another package
// registered is returned guarded: a panic in its methods never reaches the
// program that logs. It becomes an error that names the sink, returned and
// printed to stderr (at most once per second); an Enabled that panics is
// taken as enabled.
func OpenSink(name string, cfg map[string]string) (Sink, error) {
	key := strings.ToLower(name)
	sinksMu.RLock()
	f := sinks[key]
	sinksMu.RUnlock()
	if f == nil {
		msg := fmt.Sprintf("slogcore: unknown sink %q (registered: %s)", name, strings.Join(Sinks(), ", "))
		if h := hints[key]; h != "" {
			msg += "; add " + h + " to the program to register it"
		}
		return nil, fmt.Errorf("%s", msg)
	}
	s, err := openWith(f, cfg)
	if err != nil {
		return nil, fmt.Errorf("slogcore: opening sink %q: %w", key, err)
	}
	if s == nil {
		return nil, fmt.Errorf("slogcore: opening sink %q: its factory returned neither a sink nor an error (a bug in the package that registered it)", key)
	}
	return guard(key, s), nil
}

// openWith calls the factory f, turning its panic into an error.
func openWith(f SinkFactory, cfg map[string]string) (s Sink, err error) {
	defer func() {
		if p := recover(); p != nil {
			s, err = nil, fmt.Errorf("its factory panicked: %v (a bug in the package that registered it)", p)
		}
	}()
	return f(cfg)
}

// sinkKeys are the settings that SinkOptions reads.
var sinkKeys = []string{"level", "redact", "overflow", "queue"}

// checkKeys returns an error naming the first key of cfg that is neither
// one of [SinkOptions]' nor one of extra: a misspelt setting
// (SLOGGUARD_FILE_LEVL) must not be ignored silently.
func checkKeys(sink string, cfg map[string]string, extra ...string) error {
	known := append(slices.Clip(sinkKeys), extra...)
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if slices.Contains(known, k) {
			continue
		}
		if lower := strings.ToLower(k); slices.Contains(known, lower) {
			return fmt.Errorf("unknown setting %q: setting names are lower case, use %q (its variable is SLOGGUARD_%s_%s)", k, lower, strings.ToUpper(sink), strings.ToUpper(k))
		}
		return fmt.Errorf("unknown setting %q (SLOGGUARD_%s_%s): want one of %s", k, strings.ToUpper(sink), strings.ToUpper(k), strings.Join(known, ", "))
	}
	return nil
}

// SinkOptions reads the settings every slogcore sink understands from cfg:
// level, redact (comma-separated preset names, or "off"), overflow and queue.
// Its error names every bad setting at once.
// Spaces around a value are ignored, and an empty value is the default.
// Keys it does not know are left to the caller.
func SinkOptions(cfg map[string]string) (*Options, error) {
	o := &Options{}
	var errs []error
	if v := strings.TrimSpace(cfg["level"]); v != "" {
		var l slog.Level
		if err := l.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("level %q: want debug, info, warn, error (optionally +N/-N)", v))
		}
		o.Level = l
	}
	if v := strings.TrimSpace(cfg["redact"]); v != "" {
		r, err := redactorFromNames(v)
		if err != nil {
			errs = append(errs, err)
		}
		o.Redact = r
	}
	if v := strings.TrimSpace(cfg["overflow"]); v != "" {
		switch strings.ToLower(v) {
		case "block":
			o.Overflow = Block
		case "drop-newest":
			o.Overflow = DropNewest
		case "drop-oldest":
			o.Overflow = DropOldest
		default:
			errs = append(errs, fmt.Errorf("overflow %q: want block, drop-newest or drop-oldest", v))
		}
	}
	if v := strings.TrimSpace(cfg["queue"]); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 || n > MaxQueueSize {
			errs = append(errs, fmt.Errorf("queue %q: want a number of records from 1 to %d", v, MaxQueueSize))
		}
		o.QueueSize = n
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return o, nil
}

// redactorFromNames builds a redactor from preset names, or NoRedaction for
// "off". Empty items are skipped, so that a list assembled by a script
// ("credentials," or "credentials,,gdpr") means what its names say.
func redactorFromNames(list string) (*redact.Redactor, error) {
	if strings.EqualFold(strings.TrimSpace(list), "off") {
		return NoRedaction, nil
	}
	var rules []redact.Rule
	for _, n := range strings.Split(list, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		if n == "off" {
			return nil, fmt.Errorf("redact %q: off turns redaction off and stands alone: want off, or preset names without it", list)
		}
		p, ok := redact.Presets[n]
		if !ok {
			return nil, fmt.Errorf("redact %q: unknown preset %q: want off or a comma-separated list of %s", list, n, presetNames())
		}
		rules = append(rules, p)
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("redact %q: names no preset: want off or a comma-separated list of %s", list, presetNames())
	}
	return redact.New(rules...)
}

// presetNames lists redact's presets, sorted and comma-separated.
func presetNames() string {
	names := make([]string, 0, len(redact.Presets))
	for k := range redact.Presets {
		names = append(names, k)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// coreSink adapts a *Handler that writes to a closer. Close is safe to
// call many times, as Handler.Close is: later calls return the first
// call's result.
type coreSink struct {
	*Handler
	closer *onceCloser
}

func (s coreSink) Close(ctx context.Context) error {
	err := s.Handler.Close(ctx)
	if cerr := s.closer.Close(); err == nil {
		err = cerr
	}
	return err
}

// onceCloser closes what a sink writes to once, and remembers the result.
type onceCloser struct {
	name string // the sink's, for the error
	c    io.Closer
	once sync.Once
	err  error
}

func (o *onceCloser) Close() error {
	o.once.Do(func() {
		if o.c == nil {
			return
		}
		if err := o.c.Close(); err != nil {
			o.err = fmt.Errorf("slogcore: closing sink %q: %w (the records were handed to it; some may not have reached their destination)", o.name, err)
		}
	})
	return o.err
}

type discardSink struct{ slog.Handler }

func (discardSink) Close(context.Context) error { return nil }

func init() {
	RegisterSink("stdout", func(cfg map[string]string) (Sink, error) {
		if err := checkKeys("stdout", cfg); err != nil {
			return nil, err
		}
		o, err := SinkOptions(cfg)
		if err != nil {
			return nil, err
		}
		return coreSink{New(os.Stdout, o), &onceCloser{name: "stdout"}}, nil
	})
	RegisterSink("stderr", func(cfg map[string]string) (Sink, error) {
		if err := checkKeys("stderr", cfg); err != nil {
			return nil, err
		}
		o, err := SinkOptions(cfg)
		if err != nil {
			return nil, err
		}
		return coreSink{New(os.Stderr, o), &onceCloser{name: "stderr"}}, nil
	})
	RegisterSink("file", func(cfg map[string]string) (Sink, error) {
		if err := checkKeys("file", cfg, "path", "mode"); err != nil {
			return nil, err
		}
		o, err := SinkOptions(cfg)
		errs := []error{err}
		path := cfg["path"]
		if path == "" {
			errs = append(errs, fmt.Errorf("path is empty: set the file's path (SLOGGUARD_FILE_PATH)"))
		}
		mode := os.FileMode(0o600)
		if m := cfg["mode"]; m != "" {
			v, err := strconv.ParseUint(m, 8, 32)
			if err != nil || v > 0o777 {
				errs = append(errs, fmt.Errorf("mode %q: want octal permissions such as 0600", m))
			}
			mode = os.FileMode(v)
		}
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, mode)
		if err != nil {
			return nil, fmt.Errorf("%w: create its directory, or set another path (SLOGGUARD_FILE_PATH)", err)
		}
		return coreSink{New(f, o), &onceCloser{name: "file", c: f}}, nil
	})
	RegisterSink("discard", func(cfg map[string]string) (Sink, error) {
		if err := checkKeys("discard", cfg); err != nil {
			return nil, err
		}
		if _, err := SinkOptions(cfg); err != nil {
			return nil, err
		}
		return discardSink{slog.DiscardHandler}, nil
	})
}
