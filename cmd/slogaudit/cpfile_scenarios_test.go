package main

import (
	"os"
	"strings"
	"testing"
)

// TestCheckpointFileEdits: verify an untouched log against checkpoint
// files damaged in ways a crash or a copy can damage them.
func TestCheckpointFileEdits(t *testing.T) {
	d := newLogDir(t)
	cps := string(must(os.ReadFile(d.cps)))
	lines := strings.SplitAfter(strings.TrimSuffix(cps, "\n"), "\n")
	last := lines[len(lines)-1]
	variants := map[string]string{
		"no-final-newline":   strings.TrimSuffix(cps, "\n"),
		"crlf":               strings.ReplaceAll(cps, "\n", "\r\n"),
		"blank-lines":        "\n\n" + strings.Join(lines, "\n"),
		"duplicated":         cps + cps,
		"reordered":          strings.Join(append([]string{last + "\n"}, lines[:len(lines)-1]...), ""),
		"first-line-removed": strings.Join(lines[1:], ""),
		"empty":              "",
	}
	for name, content := range variants {
		p := d.write(t, name+".checkpoints", content)
		code, out, errOut := runCLI(nil, "verify", "-key", d.hmac, "-pub", d.pub, "-checkpoints", p, d.log)
		t.Logf("%s: exit %d\n%s%s", name, code, lastLines(out, 4), errOut)
		if strings.Contains(out, "TAMPERED") {
			t.Errorf("%s: the untouched log is reported TAMPERED because of the checkpoint file", name)
		}
	}
}

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n") + "\n"
}
