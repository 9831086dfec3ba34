package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

// runNoPanic runs the CLI and turns a panic into a test failure naming the
// arguments.
func runNoPanic(t *testing.T, args ...string) (code int, out, errOut string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("panic on %q: %v", args, r)
			code = -1
		}
	}()
	return runCLI(nil, args...)
}

// TestMalformedInputs feeds hand-made garbage to every command.
func TestMalformedInputs(t *testing.T) {
	d := newLogDir(t)
	huge := strings.Repeat("A", 3<<20)
	inputs := map[string]string{
		"empty":       "",
		"newline":     "\n",
		"binary":      "\x00\x01\xff\xfe\x80garbage\x00\n\x7f",
		"huge":        huge + "\n",
		"hugejson":    `{"audit":{"chain":"` + huge + `"}}` + "\n",
		"null":        "null\n",
		"array":       "[]\n",
		"number":      "1e999999\n",
		"badb64":      `{"kind":"inclusion","record":"{}","checkpoint":"x","hashes":["!!!"]}`,
		"deep":        strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n",
		"auditnull":   `{"audit":null}` + "\n",
		"auditstring": `{"audit":"x","msg":"audit.checkpoint"}` + "\n",
	}
	paths := map[string]string{}
	for name, content := range inputs {
		paths[name] = d.write(t, name+".in", content)
	}
	for name, p := range paths {
		t.Run(name, func(t *testing.T) {
			for _, args := range [][]string{
				{"verify", p},
				{"verify", "-key", d.hmac, "-pub", d.pub, "-checkpoints", p, d.log},
				{"verify", "-key", p, d.log},
				{"verify", "-pub", p, d.log},
				{"prove", "-checkpoints", p, "-chain", "orders", "-seq", "1", d.log},
				{"prove", "-checkpoints", d.cps, "-chain", "orders", "-seq", "1", p},
				{"prove", "-checkpoints", d.cps, "-at", p + ":1", d.log},
				{"prove", "-consistency", "-checkpoints", p, "-chain", "orders", "-old", "10", d.log},
				{"check-proof", "-pub", d.pub, p},
				{"check-proof", "-pub", p, p},
				{"show", "-keys", d.dir, p},
			} {
				code, out, errOut := runNoPanic(t, args...)
				if code == exitUsage {
					if !strings.Contains(errOut, "slogaudit: error: ") {
						t.Errorf("%q: exit 2 without an error line: %q", args, errOut)
					}
				}
				_ = out
			}
		})
	}
}

// TestHandMadeProofs: proofs with a validly signed checkpoint but
// odd fields (seq 0, an empty record, sizes that make no sense).
func TestHandMadeProofs(t *testing.T) {
	d := newLogDir(t)
	code, out, errOut := runCLI(nil, "prove", "-checkpoints", d.cps, "-chain", "orders", "-seq", "3", d.log)
	require.Equal(t, exitIntact, code, errOut)
	var inc slogaudit.Proof
	require.NoError(t, json.Unmarshal([]byte(out), &inc))
	code, out, errOut = runCLI(nil, "prove", "-consistency", "-checkpoints", d.cps, "-chain", "orders", "-old", "11", d.log)
	require.Equal(t, exitIntact, code, errOut)
	var cons slogaudit.Proof
	require.NoError(t, json.Unmarshal([]byte(out), &cons))

	try := func(name string, p slogaudit.Proof) (int, string) {
		path := d.write(t, name+".proof", string(must(json.Marshal(p))))
		code, out, errOut := runNoPanic(t, "check-proof", "-pub", d.pub, path)
		return code, out + errOut
	}
	cases := map[string]func() slogaudit.Proof{
		"record-empty":    func() slogaudit.Proof { p := inc; p.Record = ""; return p },
		"record-garbage":  func() slogaudit.Proof { p := inc; p.Record = "\x00\xff"; return p },
		"no-hashes":       func() slogaudit.Proof { p := inc; p.Hashes = nil; return p },
		"kind-empty":      func() slogaudit.Proof { p := inc; p.Kind = ""; return p },
		"cons-as-inc":     func() slogaudit.Proof { p := cons; p.Kind = slogaudit.InclusionProof; return p },
		"inc-as-cons":     func() slogaudit.Proof { p := inc; p.Kind = slogaudit.ConsistencyProof; return p },
		"old-is-new":      func() slogaudit.Proof { p := cons; p.Old = p.Checkpoint; p.Hashes = nil; return p },
		"old-new-swapped": func() slogaudit.Proof { p := cons; p.Old, p.Checkpoint = p.Checkpoint, p.Old; return p },
		"cp-empty":        func() slogaudit.Proof { p := inc; p.Checkpoint = ""; return p },
		"cp-no-sig": func() slogaudit.Proof {
			p := inc
			p.Checkpoint = strings.SplitN(p.Checkpoint, "\n\n", 2)[0] + "\n\n"
			return p
		},
	}
	for name, mk := range cases {
		code, msg := try(name, mk())
		t.Logf("%s: exit %d: %s", name, code, strings.TrimSpace(msg))
		if code == exitIntact && name != "old-is-new" {
			t.Errorf("%s: accepted: %s", name, msg)
		}
	}
	_ = fmt.Sprint
	_ = os.Remove
}
