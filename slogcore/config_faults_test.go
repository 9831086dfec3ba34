package slogcore

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestOptionsRefusedBeforeTheyHurt: values that would kill the process
// (a queue too large to allocate) or panic on every record (a nil
// *slog.LevelVar) are errors from Validate, and New panics with the same
// error before it allocates anything.
func TestOptionsRefusedBeforeTheyHurt(t *testing.T) {
	var nilVar *slog.LevelVar
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"queue above the maximum", Options{QueueSize: MaxQueueSize + 1}, "Options.QueueSize is 16777217: want at most MaxQueueSize (16777216)"},
		{"queue of a trillion", Options{QueueSize: 1 << 40}, "want at most MaxQueueSize"},
		{"nil LevelVar", Options{Level: nilVar}, "Options.Level is a nil *slog.LevelVar"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.opts.Validate()
			require.ErrorContains(t, err, tc.want)
			require.True(t, strings.HasPrefix(err.Error(), "slogcore: "), err.Error())
			require.PanicsWithError(t, err.Error(), func() { New(&bytes.Buffer{}, &tc.opts) })
			require.PanicsWithError(t, err.Error(), func() { Async(slog.DiscardHandler, &tc.opts) })
		})
	}
	require.NoError(t, (&Options{QueueSize: MaxQueueSize}).Validate())
	require.NoError(t, (&Options{Level: new(slog.LevelVar)}).Validate())
}

// TestSinkConfigRefused: settings that the sinks cannot honour are errors
// that start with "slogcore: ", name the setting and say what is wanted,
// rather than a dead process or a setting ignored.
func TestSinkConfigRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	for _, tc := range []struct {
		sink string
		cfg  map[string]string
		want string
	}{
		{"stdout", map[string]string{"queue": "1000000000"}, `queue "1000000000": want a number of records from 1 to 16777216`},
		{"stdout", map[string]string{"queue": strconv.Itoa(MaxQueueSize + 1)}, "from 1 to 16777216"},
		{"stderr", map[string]string{"levl": "debug"}, `unknown setting "levl" (SLOGGUARD_STDERR_LEVL): want one of level, redact, overflow, queue`},
		{"file", map[string]string{"path": path, "pahth": "/tmp/y"}, `unknown setting "pahth" (SLOGGUARD_FILE_PAHTH): want one of level, redact, overflow, queue, path, mode`},
		{"discard", map[string]string{"leve": "warn"}, `unknown setting "leve"`},
		{"stdout", map[string]string{"Level": "debug"}, `unknown setting "Level": setting names are lower case, use "level" (its variable is SLOGGUARD_STDOUT_LEVEL)`},
		{"discard", map[string]string{"level": "loudest"}, `level "loudest"`},
	} {
		t.Run(tc.sink+"/"+tc.want, func(t *testing.T) {
			s, err := OpenSink(tc.sink, tc.cfg)
			require.Nil(t, s)
			require.ErrorContains(t, err, tc.want)
			require.True(t, strings.HasPrefix(err.Error(), `slogcore: opening sink "`+tc.sink+`": `), err.Error())
		})
	}
	s, err := OpenSink("file", map[string]string{"path": path, "mode": "0600", "level": "warn", "queue": "16"})
	require.NoError(t, err)
	require.NoError(t, s.Close(context.Background()))
}

// TestFactoryFaultsAreErrors: a factory that panics, or returns neither a
// sink nor an error, gives OpenSink (and FromEnv) an error, never a panic
// or a nil sink that panics at the first record.
func TestFactoryFaultsAreErrors(t *testing.T) {
	unregisterAfter(t, "faulty-nil", "faulty-panic")
	RegisterSink("faulty-nil", func(map[string]string) (Sink, error) { return nil, nil })
	RegisterSink("faulty-panic", func(map[string]string) (Sink, error) { panic("broker unreachable") })

	s, err := OpenSink("faulty-nil", nil)
	require.Nil(t, s)
	require.EqualError(t, err, `slogcore: opening sink "faulty-nil": its factory returned neither a sink nor an error (a bug in the package that registered it)`)

	s, err = OpenSink("Faulty-Panic", nil)
	require.Nil(t, s)
	require.EqualError(t, err, `slogcore: opening sink "faulty-panic": its factory panicked: broker unreachable (a bug in the package that registered it)`)

	for _, sinks := range []string{"discard,faulty-nil", "faulty-panic"} {
		env := map[string]string{EnvSinks: sinks}
		logger, closeFn, err := fromEnv(func(k string) string { return env[k] }, nil)
		require.Nil(t, logger)
		require.Nil(t, closeFn)
		require.ErrorContains(t, err, "a bug in the package that registered it")
	}
}

// TestSinkNamesUsableFromEnv: a name that SLOGGUARD_SINKS could not list,
// or SLOGGUARD_<NAME>_* variables could not configure, is refused when it
// is registered.
func TestSinkNamesUsableFromEnv(t *testing.T) {
	open := func(map[string]string) (Sink, error) { return discardSink{slog.DiscardHandler}, nil }
	for _, name := range []string{"", " spaced ", "a,b", "k=v", "tab\tname", "dot.name", "ünï"} {
		require.PanicsWithValue(t, "slogcore: RegisterSink: invalid sink name "+strconv.Quote(name)+": use letters, digits, '_' and '-' (the name is listed in SLOGGUARD_SINKS and is part of SLOGGUARD_<NAME>_* variables)",
			func() { RegisterSink(name, open) }, "name %q", name)
	}
	unregisterAfter(t, "team_sink-2")
	RegisterSink("Team_Sink-2", open)
	require.Contains(t, Sinks(), "team_sink-2")
	s, err := OpenSink("TEAM_SINK-2", nil)
	require.NoError(t, err)
	require.NoError(t, s.Close(context.Background()))
}

// TestFromEnvRefusesRepeatedSink: listing a sink twice would write every
// record twice; it is an error, and no sink is left open.
func TestFromEnvRefusesRepeatedSink(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.log")
	env := map[string]string{EnvSinks: "file, discard, FILE", "SLOGGUARD_FILE_PATH": path}
	logger, _, err := fromEnv(func(k string) string { return env[k] }, []string{"SLOGGUARD_FILE_PATH=" + path})
	require.Nil(t, logger)
	require.EqualError(t, err, `slogcore: SLOGGUARD_SINKS names sink "file" twice: list each sink once (every record would be written twice)`)
}

// unregisterAfter removes the sinks a test registers, so that other tests
// see the built-in registry.
func unregisterAfter(t *testing.T, names ...string) {
	t.Cleanup(func() {
		sinksMu.Lock()
		defer sinksMu.Unlock()
		for _, n := range names {
			delete(sinks, n)
		}
	})
}
