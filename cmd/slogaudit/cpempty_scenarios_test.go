package main

import (
	"strings"
	"testing"
)

// TestEmptyCheckpointFileNotChecked: verify with -checkpoints naming
// an empty file (a backup copy that never arrived). The verdict line must
// not say that checkpoints were checked when the file held none.
func TestEmptyCheckpointFileNotChecked(t *testing.T) {
	d := newLogDir(t)
	empty := d.write(t, "empty.checkpoints", "")
	cut := d.write(t, "cut.log", strings.Join(d.lines[:24], "")) // the newest records removed
	for _, log := range []string{d.log, cut} {
		code, out, errOut := runCLI(nil, "verify", "-key", d.hmac, "-pub", d.pub, "-checkpoints", empty, log)
		t.Logf("exit %d\n%s%s", code, out, errOut)
		if code == exitIntact && strings.Contains(out, "checkpoints and signatures checked") {
			t.Errorf("%s: an empty checkpoint file is reported as checked", log)
		}
		code, out, _ = runCLI(nil, "verify", "-require-checkpoints", "-key", d.hmac, "-pub", d.pub, "-checkpoints", empty, log)
		t.Logf("with -require-checkpoints: exit %d: %s", code, lastLines(out, 2))
	}
}
