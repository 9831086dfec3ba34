package main

import (
	"strings"
	"testing"
)

// TestVerifyUsageErrorsSaidOnce: a command line that cannot be verified
// (a witness key that does not parse, a quorum larger than the witnesses
// or below zero, a checkpoint file that is not one, the signing key given
// as the HMAC key) exits 2 with one error line that says what is wrong
// once ("verify: verify: …" before) and a hint, and never says TAMPERED.
func TestVerifyUsageErrorsSaidOnce(t *testing.T) {
	d := newLogDir(t)
	w := "w1.example+d956fdc0+BDSqlU4cJnzZ0e4B86+GtatlgmbsTOidnN00xtwJAd8o"
	for _, c := range []struct {
		name string
		args []string
		err  string
	}{
		{"witness key", []string{"-witness", "garbage"}, `slogaudit: error: verify: witness key "garbage"`},
		{"quorum above witnesses", []string{"-witness", w, "-quorum", "2"}, "slogaudit: error: verify: quorum 2 of 1 witnesses"},
		{"quorum without witnesses", []string{"-quorum", "1"}, "slogaudit: error: verify: quorum 1 of 0 witnesses"},
		{"negative quorum", []string{"-witness", w, "-quorum", "-1"}, "slogaudit: error: verify: -quorum -1: want 1 or more"},
		{"checkpoints that are not", []string{"-checkpoints", d.log}, "slogaudit: error: verify: not a checkpoint file: " + d.log + ": 30 lines, none of them a checkpoint"},
		{"signing key as HMAC key", []string{"-key", d.signer}, "holds an Ed25519 private key (NAME.ed25519), not an HMAC key"},
	} {
		args := append(append([]string{"verify"}, c.args...), d.log)
		code, out, errOut := runCLI(nil, args...)
		if code != exitUsage || !strings.Contains(errOut, c.err) || !strings.Contains(errOut, "slogaudit: hint: ") ||
			strings.Contains(errOut, "verify: verify:") || strings.Contains(out+errOut, "TAMPERED") {
			t.Errorf("%s: want exit 2, %q once and a hint, got exit %d\n%s%s", c.name, c.err, code, out, errOut)
		}
	}
}
