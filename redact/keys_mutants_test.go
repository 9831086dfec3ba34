package redact_test

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/redact"
	"github.com/stretchr/testify/require"
)

// TestCompoundKeyBeforeMetadataWord: a compound term ("pgpassword") is no
// secret when a metadata word follows it ("pgpassword_count"), wherever
// it is in the key. Catches the word before the compound looked at
// instead of the word after it (which also read before the first word).
func TestCompoundKeyBeforeMetadataWord(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for key, mask := range map[string]bool{
		"pgpassword":         true,
		"x_pgpassword":       true,
		"pgpassword_count":   false,
		"x_pgpassword_count": false,
		"count_pgpassword":   true,
	} {
		_, got := r.Scalar(nil, key, slog.StringValue("v"))
		require.Equal(t, mask, got, key)
	}
}

// TestKeyHoldingAPairIsCounted: a key replaced by a placeholder because a
// pair rule found a secret in it is counted under that rule, as is its
// value. Catches the rule's name never taken from the pair search.
func TestKeyHoldingAPairIsCounted(t *testing.T) {
	r := redact.Must(redact.Rule{Name: "t", Terms: []string{"password"}})
	key, masked := r.Scalar(nil, "note password=hunter2", slog.StringValue("v"))
	require.True(t, masked)
	require.True(t, strings.HasPrefix(key, "[REDACTED]#"), key)
	counts, _ := r.Counters()
	require.Equal(t, map[string]uint64{"t": 2}, counts)
}

// TestWorkDirPaths: under PWD an absolute path of ordinary names is the
// working directory and kept; anything else is masked as a password.
// Catches the shortest path ("/a") refused, the bytes of the path not
// checked at all, and '.', '_' or '-' refused in a name.
func TestWorkDirPaths(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for v, mask := range map[string]bool{
		"/a":               false,
		"/srv/app.v2":      false,
		"/srv/my_app":      false,
		"/srv/api-2":       false,
		"/home/app/rel/42": false,
		"/srv/app!x":       true,
		"/srv/a b":         true,
		"/srv/a:b":         true,
		"hunter2":          true,
		"a/b":              true,
	} {
		_, got := r.Scalar(nil, "PWD", slog.StringValue(v))
		require.Equal(t, mask, got, "%q", v)
	}
}

// TestShortestCompoundKey: a compound term after two letters is the
// shortest compound key ("ghtoken", 7 bytes), as a key and in text.
// Catches the length gates of compoundRule and of the prefilter's
// endsInCompound moved by one.
func TestShortestCompoundKey(t *testing.T) {
	r := redact.Must(redact.Credentials)
	for key, mask := range map[string]bool{"ghtoken": true, "GHTOKEN": true, "xsecret": false, "gtoken": false} {
		_, got := r.Scalar(nil, key, slog.StringValue("v"))
		require.Equal(t, mask, got, key)
	}
	got, _ := r.String("export GHTOKEN=Wq7-s3cr3t && run")
	require.Equal(t, "export GHTOKEN=[REDACTED] && run", got)
}
