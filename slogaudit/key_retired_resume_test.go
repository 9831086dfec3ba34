package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestResumeWithRetiredKey: after RotateKey (from "old" to "new") and a
// stop at any point after the audit.rotate record (a clean Close, a crash
// right after the rotation, a crash in the middle of the next record), a
// restart configured with the retired key is refused, rather than
// writing records that the verifier must report as a key change; a
// restart with the key the chain holds now, or with a third key, goes on
// and the untouched log verifies intact.
func TestResumeWithRetiredKey(t *testing.T) {
	oldKey, newKey, otherKey := bytes.Repeat([]byte{0x5a}, 24), bytes.Repeat([]byte{0xa5}, 24), bytes.Repeat([]byte{0x3c}, 24)
	all := map[string][]byte{"old": oldKey, "new": newKey, "third": otherKey}
	for _, stop := range []string{"closed", "crash after the rotation", "crash in the next record"} {
		for _, restart := range []string{"old", "new", "third"} {
			t.Run(stop+"/restart with "+restart, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "audit.log")
				af, err := OpenFile(path)
				require.NoError(t, err)
				h, err := af.Handler(WithKey("old", oldKey), WithChainID("ledger"))
				require.NoError(t, err)
				slog.New(h).Info("opened", "n", 1)
				require.NoError(t, h.RotateKey(context.Background(), "new", newKey, nil))
				rotated, err := os.ReadFile(path)
				require.NoError(t, err)
				slog.New(h).Info("posted", "n", 2)
				next, err := os.ReadFile(path)
				require.NoError(t, err)
				require.NoError(t, h.Close(context.Background()))
				require.NoError(t, af.Close())
				switch stop {
				case "crash after the rotation":
					require.NoError(t, os.WriteFile(path, rotated, 0o600))
				case "crash in the next record":
					require.NoError(t, os.WriteFile(path, next[:len(rotated)+(len(next)-len(rotated))/3], 0o600))
				}

				af, err = OpenFile(path)
				require.NoError(t, err)
				defer af.Close()
				h, err = af.Handler(WithKey(restart, all[restart]), WithChainID("ledger"))
				if restart == "old" {
					require.ErrorContains(t, err, `chain ledger retired key id "old"`)
					require.ErrorContains(t, err, `WithKey("new", …)`)
					return
				}
				require.NoError(t, err)
				slog.New(h).Info("restarted", "n", 3)
				require.NoError(t, h.Close(context.Background()))
				require.NoError(t, af.Close())
				rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: all})
				require.NoError(t, err, "%v", rep.Findings)
				require.True(t, rep.Intact())
			})
		}
	}
}

// TestRetiredKeyRightAfterRotation: a holder of the retired key who cuts
// the log right after the audit.rotate record and appends records MACed
// with that key, with or without an audit.start before them, is reported
// at the first of them; the log as written verifies.
func TestRetiredKeyRightAfterRotation(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("ledger"), WithKey("k1", testKey))
	l := slog.New(h)
	l.Info("first")
	l.Info("second")
	require.NoError(t, h.RotateKey(context.Background(), "k2", testKey2, nil))
	l.Info("third")
	l.Info("fourth")
	require.NoError(t, h.Close(context.Background()))
	ls := lines(buf.Bytes())
	rot := -1
	for i, s := range ls {
		if strings.Contains(s, `"msg":"audit.rotate"`) {
			rot = i
		}
	}
	require.Positive(t, rot)
	keys := map[string][]byte{"k1": testKey, "k2": testKey2}
	rep, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Keys: keys})
	require.NoError(t, err, "%v", rep.Findings)

	startLine := strings.Replace(ls[0], `"msg":"audit.start"`, `"msg":"audit.start","resumed":true`, 1)
	for _, tc := range []struct {
		name string
		tail []string
	}{
		{"records", []string{`{"time":"2026-05-06T07:08:09Z","level":"INFO","msg":"forged","amount":900}` + "\n"}},
		{"an audit.start, then records", []string{startLine, `{"time":"2026-05-06T07:08:10Z","level":"INFO","msg":"forged","amount":901}` + "\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forged := relinkMAC(t, append(append([]string(nil), ls[:rot+1]...), tc.tail...), rot+1, "k1", testKey)
			for _, keySet := range []map[string][]byte{keys, {"k1": testKey}} {
				rep, err := Verify(context.Background(), strings.NewReader(strings.Join(forged, "")), VerifyOptions{Keys: keySet})
				require.Error(t, err)
				require.True(t, hasFinding(rep, KeyChange, int64(rot+2)), "%v", rep.Findings)
			}
		})
	}
}
