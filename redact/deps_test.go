package redact_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyRule: redact links neither slogcore nor audit code, and
// slogcore links redact but no audit code.
func TestDependencyRule(t *testing.T) {
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		return strings.Fields(string(out))
	}
	const mod = "github.com/slogguard/slogguard/"
	has := func(list []string, pkg string) bool {
		for _, p := range list {
			if p == mod+pkg || strings.HasPrefix(p, mod+pkg+"/") {
				return true
			}
		}
		return false
	}
	r := deps(mod + "redact")
	for _, forbidden := range []string{"slogcore", "slogaudit", "internal/chain"} {
		if has(r, forbidden) {
			t.Errorf("redact links %s", forbidden)
		}
	}
	c := deps(mod + "slogcore")
	if !has(c, "redact") {
		t.Errorf("slogcore does not link redact: %v", c)
	}
	for _, forbidden := range []string{"slogaudit", "internal/chain"} {
		if has(c, forbidden) {
			t.Errorf("slogcore links %s", forbidden)
		}
	}
}
