package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestCheckpointFileEdits: verify an untouched log against checkpoint
// files damaged in ways a crash or a copy can damage them. Lines moved or
// repeated are not such damage: the checkpoint file is appended in order,
// each checkpoint once, so these are named, at their line of the
// checkpoint file (see TestCheckpointFileLinesMovedOrRepeated); nor is
// an older line removed while later ones remain, which the log's
// checkpoint records name.
func TestCheckpointFileEdits(t *testing.T) {
	d := newLogDir(t)
	cps := string(must(os.ReadFile(d.cps)))
	lines := strings.SplitAfter(strings.TrimSuffix(cps, "\n"), "\n")
	variants := map[string]string{
		"no-final-newline": strings.TrimSuffix(cps, "\n"),
		"crlf":             strings.ReplaceAll(cps, "\n", "\r\n"),
		"blank-lines":      "\n\n" + strings.Join(lines, "\n"),
		"empty":            "",
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

// TestCheckpointFileLinesMovedOrRepeated: a checkpoint file whose lines
// were moved, or that repeats lines, is named at the line that is out of
// order or repeated, and the verdict is TAMPERED (exit 1). Before, both
// verified as intact.
func TestCheckpointFileLinesMovedOrRepeated(t *testing.T) {
	d := newLogDir(t)
	cps := string(must(os.ReadFile(d.cps)))
	lines := strings.SplitAfter(strings.TrimSuffix(cps, "\n"), "\n")
	lines[len(lines)-1] += "\n"
	n := len(lines)
	if n < 3 {
		t.Fatalf("want at least 3 checkpoints, got %d", n)
	}
	swapped := append([]string{}, lines...)
	swapped[0], swapped[1] = swapped[1], swapped[0]
	for _, c := range []struct {
		name, content, want string
	}{
		{"last-first", strings.Join(append([]string{lines[n-1]}, lines[:n-1]...), ""), ".checkpoints:2: reordered:"},
		{"first-two-swapped", strings.Join(swapped, ""), ".checkpoints:2: reordered:"},
		{"older-put-back", cps + lines[0], ".checkpoints:" + itoa(n+1) + ": duplicated:"},
		{"whole-file-twice", cps + cps, ".checkpoints:" + itoa(n+1) + ": duplicated:"},
		{"first-line-removed", strings.Join(lines[1:], ""), ".checkpoints: missing: chain orders seq 11:"},
		{"second-line-removed", lines[0] + strings.Join(lines[2:], ""), ".checkpoints: missing: chain orders seq 22:"},
	} {
		p := d.write(t, c.name+".checkpoints", c.content)
		code, out, errOut := runCLI(nil, "verify", "-key", d.hmac, "-pub", d.pub, "-checkpoints", p, d.log)
		if code != 1 || !strings.Contains(out, "TAMPERED") || !strings.Contains(out, c.want) {
			t.Errorf("%s: want exit 1, TAMPERED and %q, got exit %d\n%s%s", c.name, c.want, code, out, errOut)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func lastLines(s string, n int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	if len(ls) > n {
		ls = ls[len(ls)-n:]
	}
	return strings.Join(ls, "\n") + "\n"
}
