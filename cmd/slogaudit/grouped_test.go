package main

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/slogaudit"
)

// TestGroupedAuditMemberIsExplained: a log whose audit members a wrapped
// handler nested in a group is no audit log as written (exit 2), and the
// error says where the member is and what to change, rather than only
// "not an audit log".
func TestGroupedAuditMemberIsExplained(t *testing.T) {
	d := newLogDir(t)
	var log bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&log, nil).WithGroup("tenant"))
	slog.New(h).Info("nested", "k", "v")
	require.NoError(t, h.Close(context.Background()))
	path := d.write(t, "grouped.log", log.String())
	code, out, errOut := runCLI(nil, "verify", path)
	require.Equal(t, exitUsage, code, "%s%s", out, errOut)
	require.Contains(t, errOut, "not an audit log")
	require.Contains(t, errOut, `inside group "tenant"`)
	require.Contains(t, errOut, "WithGroup on the Handler that Wrap returns")

	// A file of other JSON lines says only that.
	plain := d.write(t, "plain.log", `{"msg":"hello"}`+"\n")
	code, _, errOut = runCLI(nil, "verify", plain)
	require.Equal(t, exitUsage, code)
	require.NotContains(t, errOut, "group")
}
