package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

func TestShow(t *testing.T) {
	d := newLogDir(t)
	keys := filepath.Join(d.dir, "subjects")
	ks, err := slogaudit.OpenKeyStore(keys)
	require.NoError(t, err)
	var buf bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&buf, nil), slogaudit.WithKeyStore(ks))
	slog.New(h).Info("a", slogaudit.Personal("s1", "email", "alice@example.com"))
	slog.New(h).Info("b", slogaudit.Personal("s2", "email", "bob@example.com"))
	require.NoError(t, h.Erase(context.Background(), "s1", "dpo"))
	require.NoError(t, h.Close(context.Background()))
	log := d.write(t, "personal.log", buf.String())
	require.NotContains(t, buf.String(), "bob@example.com")

	code, out, errOut := runCLI(nil, "show", "-keys", keys, log)
	require.Equal(t, exitIntact, code, errOut)
	require.Contains(t, out, `"email":"bob@example.com"`)
	require.Contains(t, out, `"email":"[ERASED]"`)
	require.NotContains(t, out, "alice@example.com")
	require.Equal(t, strings.Count(buf.String(), "\n"), strings.Count(out, "\n"))

	code, _, errOut = runCLI(nil, "show", log)
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, "hint: name the key store directory")
	code, _, _ = runCLI(nil, "show", "-keys", filepath.Join(d.dir, "none"), log)
	require.Equal(t, exitUsage, code)
	code, out, _ = runCLI(nil, "help", "show")
	require.Equal(t, exitIntact, code)
	require.Contains(t, out, "usage: slogaudit show -keys DIR FILE...")
}
