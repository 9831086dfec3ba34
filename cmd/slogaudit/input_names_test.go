package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestVerifyInputNames: a log file named twice (by its path, another
// spelling of it, or a link to it) and a checkpoint file also named as a
// log are refused as usage errors, never reported tampered; "-" reads the
// log from standard input and must stand alone.
func TestVerifyInputNames(t *testing.T) {
	d := newLogDir(t)
	link := d.path("link.log")
	require.NoError(t, os.Symlink(d.log, link))
	hard := d.path("hard.log")
	require.NoError(t, os.Link(d.log, hard))
	dotted := filepath.Join(d.dir, ".", "audit.log")
	tampered := strings.Replace(strings.Join(d.lines, ""), `"order":1011`, `"order":1012`, 1)

	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		code  int
		out   []string
		err   []string
	}{
		{name: "the same path twice", args: []string{"verify", "-key", d.hmac, d.log, d.log}, code: exitUsage,
			err: []string{"are the same file", "hint: name each log file once"}},
		{name: "another spelling of the same path", args: []string{"verify", d.log, dotted}, code: exitUsage,
			err: []string{"are the same file"}},
		{name: "a symbolic link to a file named too", args: []string{"verify", link, d.log}, code: exitUsage,
			err: []string{"are the same file"}},
		{name: "a hard link to a file named too", args: []string{"verify", d.log, hard}, code: exitUsage,
			err: []string{"are the same file"}},
		{name: "the checkpoint file named as a log too", args: []string{"verify", "-checkpoints", d.cps, d.log, d.cps}, code: exitUsage,
			err: []string{"named both as a log file and as the -checkpoints file"}},
		{name: "the checkpoint file as the only log", args: []string{"verify", "-checkpoints", d.cps, d.cps}, code: exitUsage,
			err: []string{"named both as a log file"}},
		{name: "standard input, untouched", args: append(d.full(), "-"), stdin: strings.Join(d.lines, ""), code: exitIntact,
			out: []string{"(stdin): 30 lines, 30 records, 1 chain", "intact: hashes, MACs, checkpoints and signatures checked"}},
		{name: "standard input, a record changed", args: []string{"verify", "-key", d.hmac, "-"}, stdin: tampered, code: exitTampered,
			out: []string{"(stdin):", "TAMPERED"}},
		{name: "standard input, empty", args: []string{"verify", "-"}, code: exitUsage, err: []string{"empty: no audit records"}},
		{name: "standard input with a file", args: []string{"verify", "-", d.log}, stdin: strings.Join(d.lines, ""), code: exitUsage,
			err: []string{"- (standard input) must be the only log named", "hint: name the log files, or - alone"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(tc.args, strings.NewReader(tc.stdin), &out, &errb, func(string) string { return "" })
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out.String(), errb.String())
			for _, s := range tc.out {
				require.Contains(t, out.String(), s)
			}
			for _, s := range tc.err {
				require.Contains(t, errb.String(), s)
			}
			if tc.code == exitUsage {
				require.NotContains(t, out.String(), "TAMPERED")
			}
		})
	}
}
