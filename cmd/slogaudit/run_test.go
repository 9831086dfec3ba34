package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/stretchr/testify/require"
)

func runCLI(env map[string]string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// logDir holds a log written with keys made by keygen: audit.log (chain
// "orders", key id k1, 25 events, checkpoints every 10 records),
// audit.checkpoints, audit.hmac, audit.ed25519, audit.ed25519.pub.
type logDir struct {
	dir                            string
	log, cps, hmac, signer, pub    string
	lines                          []string // of audit.log, with newlines
	otherHMAC, otherPub, shortHMAC string
}

func (d logDir) path(name string) string { return filepath.Join(d.dir, name) }

func (d logDir) full() []string {
	return []string{"verify", "-key", d.hmac, "-pub", d.pub, "-checkpoints", d.cps}
}

// write puts content in a new file of d and returns its path.
func (d logDir) write(t *testing.T, name, content string) string {
	t.Helper()
	p := d.path(name)
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

func newLogDir(t *testing.T) logDir {
	t.Helper()
	dir := t.TempDir()
	code, out, errOut := runCLI(nil, "keygen", "-dir", dir)
	require.Equal(t, exitIntact, code, "%s%s", out, errOut)
	code, _, errOut = runCLI(nil, "keygen", "-dir", dir, "-name", "other")
	require.Equal(t, exitIntact, code, errOut)
	d := logDir{dir: dir, log: filepath.Join(dir, "audit.log"), cps: filepath.Join(dir, "audit.checkpoints"),
		hmac: filepath.Join(dir, "audit.hmac"), signer: filepath.Join(dir, "audit.ed25519"), pub: filepath.Join(dir, "audit.ed25519.pub"),
		otherHMAC: filepath.Join(dir, "other.hmac"), otherPub: filepath.Join(dir, "other.ed25519.pub")}
	d.shortHMAC = d.write(t, "short.hmac", "abcd\n")

	key, err := slogaudit.LoadKeyFile(d.hmac)
	require.NoError(t, err)
	signer, err := slogaudit.LoadSignerFile(d.signer)
	require.NoError(t, err)
	cps, err := os.Create(d.cps)
	require.NoError(t, err)
	af, err := slogaudit.OpenFile(d.log)
	require.NoError(t, err)
	h, err := af.Handler(slogaudit.WithKey("k1", key), slogaudit.WithChainID("orders"),
		slogaudit.WithSigner(signer), slogaudit.WithCheckpoints(cps, 10, 0))
	require.NoError(t, err)
	for i := range 25 {
		slog.New(h).Info("order placed", "order", 1000+i)
	}
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, af.Close())
	require.NoError(t, cps.Close())
	data, err := os.ReadFile(d.log)
	require.NoError(t, err)
	d.lines = strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n")
	d.lines[len(d.lines)-1] += "\n"
	require.Len(t, d.lines, 30) // start, 25 events, 2 checkpoints, stop, final checkpoint
	return d
}

func TestVerify(t *testing.T) {
	d := newLogDir(t)
	log := strings.Join(d.lines, "")
	edited := func(name, old, new string, n int) string {
		return d.write(t, name, strings.Replace(log, old, new, n))
	}
	torn := d.write(t, "torn.log", strings.Join(d.lines[:29], "")+d.lines[29][:50])
	privAsPub := d.signer

	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		code int
		out  []string // in stdout, in order
		not  []string // nowhere in stdout or stderr
		err  []string // in stderr
		// findings, when >= 0, is the number of findings listed.
		findings int
	}{
		{name: "intact, every check", args: append(d.full(), d.log), code: exitIntact, findings: 0,
			out: []string{"audit.log: 30 lines, 30 records, 1 chain\n", "chain orders: seq 1 to 30, 30 records",
				"hashes       30 recomputed, all match", "MACs         30 checked, all match",
				"checkpoints  3 compared with the chain, all match; the newest covers seq 30, the last record",
				"signatures   6 checked, all valid", "intact: hashes, MACs, checkpoints and signatures checked\n"},
			not: []string{"warning"}},
		{name: "no key, no checkpoints: says what was not checked", args: []string{"verify", d.log}, code: exitIntact, findings: 0,
			out: []string{"MACs         not checked: no key (-key)", "checkpoints  not checked: none given (-checkpoints)",
				"signatures   not checked: no public key (-pub)", "warning: MACs not checked",
				"intact as far as checked (hashes); not checked: MACs (no key), checkpoints (none given), signatures (no public key)"},
			not: []string{"intact: "}},
		{name: "flags after the file name", args: []string{"verify", d.log, "-key", d.hmac, "-pub", d.pub, "-checkpoints", d.cps},
			code: exitIntact, out: []string{"intact: hashes, MACs"}, findings: 0},
		{name: "one key per key id", args: []string{"verify", "-key", "k1=" + d.hmac, d.log}, code: exitIntact,
			out: []string{"MACs         30 checked, all match"}, findings: 0},
		{name: "key from the environment", args: []string{"verify", "-key-env", "k1=AUDIT_KEY", d.log},
			env: map[string]string{"AUDIT_KEY": strings.TrimSpace(string(must(os.ReadFile(d.hmac))))}, code: exitIntact, findings: 0},
		{name: "a key id without a key is reported once", args: []string{"verify", "-key", "k2=" + d.hmac, d.log}, code: exitTampered,
			out: []string{"MACs         30 not checked (no key for their key id)",
				`unknown-key: 30 records carry MACs by key id "k1", for which no key was given`, "TAMPERED: 1 finding (1 unknown-key)"}, findings: 1},
		{name: "strict, everything given", args: append(d.full(), "-strict", d.log), code: exitIntact, findings: 0},
		{name: "modified record", args: append(d.full(), edited("modified.log", `"order":1007`, `"order":1008`, 1)), code: exitTampered,
			out: []string{"hashes       30 recomputed, 1 failed", "MACs         30 checked, all match",
				"modified.log:9: modified: chain orders seq 9: content does not match its hash", "TAMPERED: 1 finding (1 modified)\n"}, findings: 1},
		{name: "wrong key: one finding", args: []string{"verify", "-key", d.otherHMAC, "-checkpoints", d.cps, d.log}, code: exitTampered,
			out: []string{`audit.log:1: bad-mac: none of the 30 MACs by key id "k1" verifies: the key is probably wrong`, "TAMPERED: 1 finding (1 bad-mac)"},
			not: []string{"truncated"}, findings: 1},
		{name: "wrong public key: one finding", args: []string{"verify", "-pub", d.otherPub, "-checkpoints", d.cps, d.log}, code: exitTampered,
			out:      []string{"none of the 6 checkpoint signatures verifies with the public key: the public key is probably wrong", "TAMPERED: 1 finding (1 bad-checkpoint)"},
			findings: 1},
		{name: "a checkpoint file that is not one: unusable, not tampered", args: []string{"verify", "-checkpoints", d.hmac, d.log}, code: exitUsage,
			err: []string{"not a checkpoint file"}, not: []string{"TAMPERED"}},
		{name: "checkpoint file named by its name", args: append(d.full(), d.log, "-checkpoints",
			d.write(t, "edited.checkpoints", bumpSize(string(must(os.ReadFile(d.cps)))))),
			code: exitTampered, out: []string{"edited.checkpoints:1: bad-checkpoint: signed note: signature does not verify"},
			not: []string{" checkpoints:1:"}, findings: 1},
		{name: "torn last line: a warning", args: []string{"verify", "-key", d.hmac, torn}, code: exitIntact,
			out: []string{"torn.log:30: torn-tail: the last line is incomplete", "warning: the last line is incomplete: the writer stopped mid-record",
				"intact as far as checked"}, findings: 1},
		{name: "torn last line, a checkpoint shows records missing", args: append(d.full(), torn), code: exitTampered,
			out: []string{"torn-tail", "truncated: chain orders seq 30", "TAMPERED: 1 finding (1 truncated)"}, findings: 2},
		{name: "first N findings and a count of the rest", args: []string{"verify", "-max-findings", "3",
			edited("many.log", `"msg":"order placed"`, `"msg":"order deleted"`, -1)}, code: exitTampered,
			out: []string{"25 findings:\n", "  … and 22 more (-max-findings 0 lists all)", "TAMPERED: 25 findings (25 modified)"}, findings: 3},
		{name: "a malformed line has no chain", args: []string{"verify", d.write(t, "garbage.log", d.lines[0]+"not json\n"+strings.Join(d.lines[1:], ""))},
			code: exitTampered, out: []string{"garbage.log:2: malformed: invalid JSON"}, not: []string{"chain  seq", "seq 0"}, findings: 1},
		{name: "not an audit log", args: []string{"verify", d.write(t, "notes.txt", "hello\nworld\n")}, code: exitUsage,
			err: []string{"slogaudit: error: verify: " + d.path("notes.txt") + ": not an audit log: none of its 2 lines is an audit record\n"}},
		{name: "JSON lines that are not an audit log", args: []string{"verify", d.write(t, "app.log", `{"msg":"hi"}`+"\n")}, code: exitUsage,
			err: []string{"not an audit log"}},
		{name: "empty file", args: []string{"verify", d.write(t, "empty.log", "")}, code: exitUsage,
			err: []string{"empty: no audit records\n"}, not: []string{"intact"}},
		{name: "short key file", args: []string{"verify", "-key", d.shortHMAC, d.log}, code: exitUsage,
			err: []string{"slogaudit: error: verify: HMAC key file " + d.shortHMAC + ": holds 2 bytes, want at least 16", "slogaudit: hint: "}},
		{name: "private key as public key", args: []string{"verify", "-pub", privAsPub, d.log}, code: exitUsage,
			err: []string{"holds 64 bytes, want 32: this looks like a private key"}, not: []string{"<nil>"}},
		{name: "short key in the environment", args: []string{"verify", "-key-env", "K", d.log}, env: map[string]string{"K": "abcd"},
			code: exitUsage, err: []string{"verify: $K: holds 2 bytes, want at least 16"}},
		{name: "unset environment variable", args: []string{"verify", "-key-env", "K", d.log}, code: exitUsage,
			err: []string{"$K is not set or empty"}},
		{name: "two keys for one key id", args: []string{"verify", "-key", "k1=" + d.hmac, "-key", "k1=" + d.otherHMAC, d.log},
			code: exitUsage, err: []string{`two keys for key id "k1"`}},
		{name: "strict without a key", args: []string{"verify", "-strict", "-pub", d.pub, "-checkpoints", d.cps, d.log}, code: exitUsage,
			err: []string{"MACs are required but no key was given", "hint: -require-mac and -strict need the HMAC key"}},
		{name: "sealed without a key", args: []string{"verify", "-sealed", d.log}, code: exitUsage,
			err: []string{"-sealed needs the initial key", "hint: -sealed needs the initial HMAC key"}},
		{name: "sealed, but the log has no seals", args: []string{"verify", "-sealed", "-key", d.hmac, d.log}, code: exitTampered,
			out: []string{"audit.log:1: unsealed: none of the 30 records carries an epoch", "TAMPERED: 2 findings (2 unsealed)"}, findings: 2},
		{name: "require checkpoints without -pub", args: []string{"verify", "-require-checkpoints", "-checkpoints", d.cps, d.log},
			code: exitUsage, err: []string{"checkpoints are required but no -pub key was given"}},
		{name: "a directory", args: []string{"verify", d.dir}, code: exitUsage,
			err: []string{"is a directory, not a file", "hint: name the log files inside the directory"}},
		{name: "a missing file", args: []string{"verify", d.path("nope.log")}, code: exitUsage, err: []string{"nope.log: no such file"}},
		{name: "no files", args: []string{"verify", "-key", d.hmac}, code: exitUsage, err: []string{"verify: no log files named"}},
		{name: "unknown flag", args: []string{"verify", d.log, "-bogus"}, code: exitUsage,
			err: []string{"slogaudit: error: verify: flag provided but not defined: -bogus\nslogaudit: hint: run 'slogaudit verify -h' for its flags\n"}},
		{name: "-- ends the flags", args: []string{"verify", "--", "-json"}, code: exitUsage, err: []string{"-json: no such file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(tc.env, tc.args...)
			require.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out, errOut)
			rest := out
			for _, s := range tc.out {
				i := strings.Index(rest, s)
				require.GreaterOrEqual(t, i, 0, "want %q in stdout (in order):\n%s", s, out)
				rest = rest[i+len(s):]
			}
			for _, s := range tc.err {
				require.Contains(t, errOut, s)
			}
			for _, s := range append(tc.not, "(<nil>)", "1 findings", "1 chains", "1 records") {
				require.NotContains(t, out+errOut, s)
			}
			if tc.code == exitUsage {
				require.Empty(t, out, "errors go to stderr")
				require.Regexp(t, `^slogaudit: error: [^\n]+\n(slogaudit: hint: [^\n]+\n)?$`, errOut)
			}
			if tc.code != exitUsage && tc.findings >= 0 {
				require.Equal(t, tc.findings, strings.Count(out, "\n  "+filepath.Dir(tc.args[len(tc.args)-1]))+
					strings.Count(out, "\n  unknown-key")+strings.Count(out, "\n  uncovered"), "findings listed:\n%s", out)
			}
		})
	}
}

func TestVerifyJSON(t *testing.T) {
	d := newLogDir(t)
	type report struct {
		Verdict    string   `json:"verdict"`
		Intact     bool     `json:"intact"`
		NotChecked []string `json:"not_checked"`
		Warnings   []string `json:"warnings"`
		Records    int64    `json:"records"`
		Checks     struct {
			MACs struct {
				Checked int64  `json:"checked"`
				Failed  int64  `json:"failed"`
				Skipped string `json:"skipped"`
			} `json:"macs"`
		} `json:"checks"`
		Chains map[string]struct {
			Covered uint64 `json:"covered"`
			Checks  struct {
				Hashes struct {
					Checked int64 `json:"checked"`
				} `json:"hashes"`
			} `json:"checks"`
		} `json:"chains"`
		Findings        []map[string]any `json:"findings"`
		FindingsTotal   int              `json:"findings_total"`
		FindingsOmitted int              `json:"findings_omitted"`
	}
	decode := func(out string) report {
		var r report
		require.NoError(t, json.Unmarshal([]byte(out), &r), out)
		return r
	}

	code, out, errOut := runCLI(nil, append(d.full(), d.log, "-json")...)
	require.Equal(t, exitIntact, code, errOut)
	r := decode(out)
	require.Equal(t, "intact", r.Verdict)
	require.True(t, r.Intact)
	require.Empty(t, r.NotChecked)
	require.EqualValues(t, 30, r.Checks.MACs.Checked)
	require.EqualValues(t, 30, r.Chains["orders"].Covered)
	require.EqualValues(t, 30, r.Chains["orders"].Checks.Hashes.Checked)

	code, out, _ = runCLI(nil, "verify", "-json", d.log)
	require.Equal(t, exitIntact, code)
	r = decode(out)
	require.Equal(t, []string{"MACs (no key)", "checkpoints (none given)", "signatures (no public key)"}, r.NotChecked)
	require.Equal(t, "no key", r.Checks.MACs.Skipped)
	require.Len(t, r.Warnings, 3)

	many := filepath.Join(d.dir, "many.log")
	require.NoError(t, os.WriteFile(many, []byte(strings.ReplaceAll(strings.Join(d.lines, ""), `"order placed"`, `"order deleted"`)), 0o600))
	code, out, _ = runCLI(nil, "verify", "-json", "-max-findings", "5", many)
	require.Equal(t, exitTampered, code)
	r = decode(out)
	require.Equal(t, "tampered", r.Verdict)
	require.Len(t, r.Findings, 5)
	require.Equal(t, 25, r.FindingsTotal)
	require.Equal(t, 20, r.FindingsOmitted)

	// Errors are JSON too, on stdout, wherever -json is.
	for _, args := range [][]string{
		{"verify", "-json", d.path("nope.log")},
		{"verify", d.path("nope.log"), "-json"},
		{"verify", "-json", "-bogus", d.log},
		{"verify", "-key", d.shortHMAC, "-json", d.log},
	} {
		code, out, errOut := runCLI(nil, args...)
		require.Equal(t, exitUsage, code, "%v", args)
		require.Empty(t, errOut, "%v", args)
		var e struct {
			Error string `json:"error"`
			Exit  int    `json:"exit"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &e), out)
		require.NotEmpty(t, e.Error)
		require.Equal(t, exitUsage, e.Exit)
	}
}

func TestKeygen(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runCLI(nil, "keygen", "-dir", dir)
	require.Equal(t, exitIntact, code, errOut)
	names := []string{"audit.hmac", "audit.ed25519", "audit.ed25519.pub"}
	for _, name := range names {
		fi, err := os.Stat(filepath.Join(dir, name))
		require.NoError(t, err)
		require.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), name)
		require.Contains(t, out, filepath.Join(dir, name)+"\n")
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 3, "no temporary files left")
	priv, err := slogaudit.LoadSignerFile(filepath.Join(dir, "audit.ed25519"))
	require.NoError(t, err)
	pub, err := slogaudit.LoadPublicKeyFile(filepath.Join(dir, "audit.ed25519.pub"))
	require.NoError(t, err)
	require.True(t, pub.Equal(priv.Public().(ed25519.PublicKey)), "a matching pair")
	_, err = slogaudit.LoadKeyFile(filepath.Join(dir, "audit.hmac"))
	require.NoError(t, err)

	t.Run("refuses when all exist, writes nothing", func(t *testing.T) {
		before := readAll(t, dir)
		code, _, errOut := runCLI(nil, "keygen", "-dir", dir)
		require.Equal(t, exitUsage, code)
		require.Contains(t, errOut, "already exist; nothing was written")
		require.Contains(t, errOut, "slogaudit: hint: choose another -dir or -name")
		require.Equal(t, before, readAll(t, dir))
	})
	t.Run("refuses when one exists, writes nothing", func(t *testing.T) {
		dir := t.TempDir()
		old := filepath.Join(dir, "audit.ed25519.pub")
		require.NoError(t, os.WriteFile(old, []byte("old\n"), 0o600))
		code, _, errOut := runCLI(nil, "keygen", "-dir", dir)
		require.Equal(t, exitUsage, code)
		require.Contains(t, errOut, old+" already exists; nothing was written")
		require.Contains(t, errOut, "an earlier keygen may have been interrupted")
		require.Equal(t, map[string]string{"audit.ed25519.pub": "old\n"}, readAll(t, dir))
	})
	t.Run("missing directory", func(t *testing.T) {
		code, _, errOut := runCLI(nil, "keygen", "-dir", filepath.Join(dir, "nope"))
		require.Equal(t, exitUsage, code)
		require.Contains(t, errOut, "does not exist\nslogaudit: hint: create it first: mkdir -p ")
	})
	t.Run("a file as directory", func(t *testing.T) {
		code, _, errOut := runCLI(nil, "keygen", "-dir", filepath.Join(dir, "audit.hmac"))
		require.Equal(t, exitUsage, code)
		require.Contains(t, errOut, "is not a directory")
	})
	t.Run("stray argument", func(t *testing.T) {
		code, _, errOut := runCLI(nil, "keygen", "-dir", dir, "extra")
		require.Equal(t, exitUsage, code)
		require.Contains(t, errOut, `unexpected argument "extra"`)
	})
}

func readAll(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		out[e.Name()] = string(must(os.ReadFile(filepath.Join(dir, e.Name()))))
	}
	return out
}

func TestHelpAndVersion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		out  []string
	}{
		{[]string{"help"}, []string{"usage:", "slogaudit verify [flags] FILE...", "exit status: 0 intact, 1 tampered, 2 unusable input or usage"}},
		{[]string{"-h"}, []string{"usage:"}},
		{[]string{"verify", "-h"}, []string{"usage: slogaudit verify", "-max-findings N", "(default 20)", "-strict", "-key [ID=]FILE"}},
		{[]string{"verify", "a.log", "-h"}, []string{"usage: slogaudit verify"}},
		{[]string{"verify", "-json", "-h"}, []string{"usage: slogaudit verify"}},
		{[]string{"keygen", "-h"}, []string{"usage: slogaudit keygen", `(default ".")`, `(default "audit")`}},
		{[]string{"help", "verify"}, []string{"usage: slogaudit verify", "(default 20)"}},
		{[]string{"help", "keygen"}, []string{"usage: slogaudit keygen"}},
		{[]string{"version"}, []string{"slogaudit ", "audit format v2 (reads v1 to v2)"}},
		{[]string{"--version"}, []string{"slogaudit "}},
		{[]string{"version", "-h"}, []string{"usage: slogaudit version"}},
		{[]string{"help", "version"}, []string{"usage: slogaudit version"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errOut := runCLI(nil, tc.args...)
			require.Equal(t, exitIntact, code, errOut)
			require.Empty(t, errOut)
			for _, s := range tc.out {
				require.Contains(t, out, s)
			}
		})
	}
	code, out, errOut := runCLI(nil, "frobnicate")
	require.Equal(t, exitUsage, code)
	require.Empty(t, out)
	require.Equal(t, "slogaudit: error: unknown command \"frobnicate\"\nslogaudit: hint: run 'slogaudit help' for the commands\n", errOut)
	code, _, errOut = runCLI(nil)
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, "usage:")
	code, _, errOut = runCLI(nil, "help", "frobnicate")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errOut, `unknown command "frobnicate"`)
}

// TestBinary runs the built command, for what only a process shows: its
// exit status and streams.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "slogaudit")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	d := newLogDir(t)
	for _, tc := range []struct {
		args []string
		code int
	}{
		{append(d.full(), d.log), exitIntact},
		{[]string{"verify", d.write(t, "bad.log", strings.Replace(strings.Join(d.lines, ""), `"order":1001`, `"order":1`, 1))}, exitTampered},
		{[]string{"verify", d.write(t, "empty.log", "")}, exitUsage},
		{[]string{"version"}, exitIntact},
		{nil, exitUsage},
	} {
		cmd := exec.Command(bin, tc.args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		require.Equal(t, tc.code, code, "%v\n%s%s", tc.args, stdout.String(), stderr.String())
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// bumpSize adds one to the tree size of the first checkpoint note in a
// checkpoint file, which breaks its signature.
func bumpSize(cps string) string {
	re := regexp.MustCompile(`\\n([0-9]+)\\n`)
	m := re.FindStringSubmatchIndex(cps)
	if m == nil {
		panic("no tree size in the checkpoint file")
	}
	n, _ := strconv.Atoi(cps[m[2]:m[3]])
	return cps[:m[2]] + strconv.Itoa(n+1) + cps[m[3]:]
}

// TestRotationOrder: the shell's "audit.log*" lists the current file
// first; verify reads each log's rotated files oldest first, then the log.
func TestRotationOrder(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"a.log", "a.log.000001", "a.log.000002"}, []string{"a.log.000001", "a.log.000002", "a.log"}},
		{[]string{"a.log.000010", "a.log.000002", "a.log"}, []string{"a.log.000002", "a.log.000010", "a.log"}},
		{[]string{"b.log", "a.log", "a.log.000001", "b.log.000001"}, []string{"b.log.000001", "b.log", "a.log.000001", "a.log"}},
		{[]string{"x.json", "y.1"}, []string{"x.json", "y.1"}},
		// The shell lists a.log.1000000 before a.log.999999: past six
		// digits the numbers still give the order.
		{[]string{"a.log.1000000", "a.log.1000001", "a.log.999999", "a.log"}, []string{"a.log.999999", "a.log.1000000", "a.log.1000001", "a.log"}},
	} {
		require.Equal(t, tc.want, rotationOrder(tc.in), "%v", tc.in)
	}
}
