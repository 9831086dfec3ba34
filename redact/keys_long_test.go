package redact

import (
	"strings"
	"testing"
)

// TestLongTextNotJudgedAsKey: a piece of text longer than maxTextKey is
// no key: it is neither judged nor remembered, and a long key of an attr
// is judged (a term in it still masks) but not remembered, so that text
// repeating a naming key cannot fill the key cache with its suffixes.
func TestLongTextNotJudgedAsKey(t *testing.T) {
	r := Must(Credentials)
	long := strings.Repeat("x", maxTextKey) + "_password"
	if got := r.keyRule(long); got != "" {
		t.Errorf("text of %d bytes judged as a key naming %q", len(long), got)
	}
	if got := r.keyRule(long[len(long)-maxTextKey:]); got == "" {
		t.Errorf("a key of %d bytes ending in a term is not judged as one", maxTextKey)
	}
	if v := r.ownVerdict(long); v.rule == "" {
		t.Errorf("an attr key of %d bytes ending in a term does not name a secret", len(long))
	}
	r.String(strings.Repeat("KEY=", 1000))
	r.keys.mu.RLock()
	defer r.keys.mu.RUnlock()
	for k := range r.keys.m {
		if len(k) > maxTextKey {
			t.Fatalf("the key cache holds a key of %d bytes", len(k))
		}
	}
	if len(r.keys.m) > 2*maxTextKey {
		t.Errorf("one text filled the key cache with %d keys", len(r.keys.m))
	}
}

// TestTermsInsideLongRun: a key inside a run of text with no separator,
// after a key whose value is that run, is read as part of the value when
// the run is longer than longRun; a shorter run is read key by key.
func TestTermsInsideLongRun(t *testing.T) {
	r := Must(Credentials, PCIDSS)
	short := "card=api_key=Wq7Zr4Lp1Xs9"
	if out, _ := r.String(short); strings.Contains(out, "Wq7Zr4Lp1Xs9") {
		t.Errorf("%q: the pair inside a short refused value leaked: %q", short, out)
	}
	blob := "token=" + strings.Repeat("Qm9vYmFy", longRun/8+8)
	if out, _ := r.String(blob); out != "token="+r.mask {
		t.Errorf("a long value after a term is not masked whole: %.80q", out)
	}
}
