package slogcore

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSinkSettingsReportEveryProblem checks that a sink's configuration
// with several bad settings is refused with an error naming each of them,
// so that one run shows everything to fix.
func TestSinkSettingsReportEveryProblem(t *testing.T) {
	cases := []struct {
		name string
		sink string
		cfg  map[string]string
		want []string
	}{
		{name: "all four common settings", sink: "stderr",
			cfg:  map[string]string{"level": "chatty", "redact": "secrets", "overflow": "spill", "queue": "lots"},
			want: []string{`level "chatty"`, `unknown preset "secrets"`, `overflow "spill"`, `queue "lots"`}},
		{name: "overflow and queue", sink: "discard",
			cfg:  map[string]string{"overflow": "drop-middle", "queue": "0"},
			want: []string{`overflow "drop-middle"`, `queue "0"`}},
		{name: "file path missing and a bad mode and level", sink: "file",
			cfg:  map[string]string{"mode": "rw-r--r--", "level": "verbose"},
			want: []string{`level "verbose"`, "path is empty", `mode "rw-r--r--"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := OpenSink(tc.sink, tc.cfg)
			require.Nil(t, s)
			require.Error(t, err)
			require.True(t, strings.HasPrefix(err.Error(), "slogcore: "), err.Error())
			for _, w := range tc.want {
				require.Contains(t, err.Error(), w)
			}
		})
	}
}

// TestFileSinkOpenErrorSaysWhatToDo checks that a file sink whose path
// cannot be opened says which variable sets it.
func TestFileSinkOpenErrorSaysWhatToDo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "app.log")
	_, err := OpenSink("file", map[string]string{"path": path})
	require.ErrorContains(t, err, path)
	require.ErrorContains(t, err, "SLOGGUARD_FILE_PATH")
}

// TestFromEnvReportsEveryBadGlobal checks that FromEnv names every bad
// global variable at once.
func TestFromEnvReportsEveryBadGlobal(t *testing.T) {
	env := map[string]string{EnvLevel: "loudest", EnvQueue: "-7", EnvOverflow: "spill", EnvRedact: "hipaa,secrets"}
	_, _, err := fromEnv(func(k string) string { return env[k] }, nil)
	require.Error(t, err)
	for _, w := range []string{EnvLevel, `"loudest"`, EnvQueue, `"-7"`, EnvOverflow, `"spill"`, EnvRedact, `"secrets"`} {
		require.ErrorContains(t, err, w)
	}
}
