package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestCheckpointWarningSaysWhy: each way the checkpoint check can fail to
// run gets its own row and warning. A file given is never called missing:
// one that holds no checkpoint of the log, and one whose checkpoints all
// fail their signatures (a wrong -pub), say so and name the flag to fix.
func TestCheckpointWarningSaysWhy(t *testing.T) {
	d := newLogDir(t)
	empty := d.write(t, "empty.checkpoints", "")
	for _, c := range []struct {
		name     string
		args     []string
		row      string // the checkpoints row, after "not checked: "
		warning  string
		exit     int
		notInOut []string
	}{
		{"none given", []string{"verify", "-key", d.hmac, "-pub", d.pub, d.log},
			"none given (-checkpoints)", warnNoCheckpoint, exitIntact, nil},
		{"empty file", []string{"verify", "-key", d.hmac, "-pub", d.pub, "-checkpoints", empty, d.log},
			"no checkpoint in the checkpoint file (-checkpoints)", warnEmptyCheckpoints, exitIntact, []string{warnNoCheckpoint}},
		{"wrong public key", []string{"verify", "-key", d.hmac, "-pub", d.otherPub, "-checkpoints", d.cps, d.log},
			"no checkpoint of the checkpoint file has a valid signature (-pub)", warnUnsignedCheckpoints, exitTampered,
			[]string{warnNoCheckpoint, "no checkpoint in the checkpoint file"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(nil, c.args...)
			require.Equal(t, c.exit, code, "%s%s", out, errOut)
			require.Contains(t, out, "  checkpoints  not checked: "+c.row+"\n")
			require.Contains(t, out, c.warning+"\n")
			for _, s := range c.notInOut {
				require.NotContains(t, out, s)
			}

			code, out, _ = runCLI(nil, append(c.args[:1:1], append([]string{"-json"}, c.args[1:]...)...)...)
			require.Equal(t, c.exit, code)
			var rep struct {
				Warnings []string `json:"warnings"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
			require.Contains(t, rep.Warnings, c.warning)
			for _, w := range rep.Warnings {
				for _, s := range c.notInOut {
					require.False(t, strings.Contains(w, s), "%q", w)
				}
			}
		})
	}
}
