package redact

import (
	"strings"
	"testing"
)

// TestLongTextNotJudgedAsKey: a piece of text longer than maxTextKey
// is judged as a key by its last words only, never searched nor
// remembered; a long key of an attr is judged whole; and text repeating a
// naming key cannot fill the key cache with its suffixes.
func TestLongTextNotJudgedAsKey(t *testing.T) {
	r := Must(Credentials)
	pad := strings.Repeat("x", maxTextKey)
	for _, key := range []string{pad + "_password", "spring." + strings.Repeat("hikari.", 40) + "password"} {
		if got := r.keyRule(key); got == "" {
			t.Errorf("text of %d bytes ending in a term is not judged as a key", len(key))
		}
	}
	// Cut where a term ends, the key goes on with words of metadata.
	for _, key := range []string{strings.Repeat("x", maxTextKey-len("_password")) + "_password_policy_version", strings.Repeat("y", maxTextKey) + "_token_count_total"} {
		if got := r.keyRule(key); got != "" {
			t.Errorf("a key of %d bytes ending in words of metadata is judged as naming %q", len(key), got)
		}
	}
	if got := r.keyRule(pad + "_password_" + pad); got != "" {
		t.Errorf("a term %d bytes inside a piece of text is judged as a key naming %q", maxTextKey, got)
	}
	if v := r.ownVerdict(pad + "_password_" + pad); v.rule == "" {
		t.Errorf("an attr key holding a term is not judged whole")
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
// after a key whose value is that run, has its own value judged, in a
// window when the run is longer than longRun; a long value after a term is
// masked whole.
func TestTermsInsideLongRun(t *testing.T) {
	r := Must(Credentials, PCIDSS)
	short := "card=api_key=Wq7Zr4Lp1Xs9"
	if out, _ := r.String(short); strings.Contains(out, "Wq7Zr4Lp1Xs9") {
		t.Errorf("%q: the pair inside a short refused value leaked: %q", short, out)
	}
	for _, in := range []string{
		"secret_id=arn:aws:secretsmanager:eu-west-1:210987654321:secret:" + strings.Repeat("q", longRun+9) + "/password=Gale-Ferry-4417",
		"credentials: " + strings.Repeat("k=", longRun/2+7) + "/password=Gale-Ferry-4417 user=ada",
		"card=" + strings.Repeat("card=", longRun/5+3) + "db_pass=Gale-Ferry-4417",
	} {
		if out, _ := r.String(in); strings.Contains(out, "Gale-Ferry-4417") {
			t.Errorf("a pair inside a long run whose first value is kept leaked: %.60q…", out[len(out)-60:])
		}
	}
	blob := "token=" + strings.Repeat("Qm9vYmFy", longRun/8+8)
	if out, _ := r.String(blob); out != "token="+r.mask {
		t.Errorf("a long value after a term is not masked whole: %.80q", out)
	}
}
