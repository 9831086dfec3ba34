package slogaudit_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// The audit.start that names a crash's torn line, its message changed, is
// one finding at its line: the torn line it still names is torn, not an
// unnamed fragment reported malformed besides.
func TestChangedMessageOfNamerStillNamesTornLine(t *testing.T) {
	lines, cps, pub := matrixLog(t)
	at := -1
	for i, l := range lines {
		if strings.Contains(l, `"torn":{`) {
			at = i
		}
	}
	if at < 1 {
		t.Fatal("test bug: no audit.start naming a torn line")
	}
	l := lines[at]
	for name, e := range map[string]string{
		"its message changed":        strings.Replace(l, `"msg":"audit.start"`, `"msg":"audit.xtart"`, 1),
		"its message's name changed": strings.Replace(l, `"msg":"audit.start"`, `"xsg":"audit.start"`, 1),
		"its message removed":        strings.Replace(l, `"msg":"audit.start",`, ``, 1),
	} {
		if e == l {
			t.Fatalf("test bug: %s changes nothing", name)
		}
		c := slices.Clone(lines)
		c[at] = e
		rep, _ := verifyMatrix(t, c, cps, pub)
		requireOnly(t, name, rep, slogaudit.Modified, 0, int64(at+1))
		if !kindIn(rep, slogaudit.Torn) {
			t.Errorf("%s: want the torn line named torn, got %v", name, rep.Findings)
		}
	}
}
