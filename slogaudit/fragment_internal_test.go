package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/slogguard/slogguard/slogcore"
)

// TestUncutFragmentIsNamed: a write that stops inside a record leaves a
// fragment the File cannot always cut off (an append-only file, chattr
// +a, refuses to be truncated). The fragment is closed with a newline
// and must be named by an audit.gap of its chain, whatever writes the
// records (File.Handler, Wrap over a JSON handler or a slogcore handler
// over the File) and whatever comes between the fragment and the gap
// (records of another handler of the File, records a slogcore handler
// had queued behind the failed one). The record that failed may be a
// caller's (declared lost) or one of the wrapper's own (retried: its gap
// declares no seq). The untouched log verifies intact, the fragment as
// torn.
func TestUncutFragmentIsNamed(t *testing.T) {
	producers := []string{"file", "two-handlers", "json", "slogcore"}
	for _, prod := range producers {
		for _, victim := range []string{`"msg":"a2"`, `"msg":"audit.stop"`} {
			t.Run(prod+"/"+strings.Trim(victim[6:], `"`), func(t *testing.T) {
				uncutFragment(t, prod, victim)
			})
		}
	}
}

func uncutFragment(t *testing.T, prod, victim string) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	// The file cannot be cut back, as an append-only one; the write of the
	// victim record stops in its middle, once. gate, when set, holds the
	// failing write until the test has queued more records.
	var gate, entered chan struct{}
	var once sync.Once
	af.mu.Lock()
	af.injectTruncate = func(*os.File, int64) error { return syscall.EPERM }
	af.inject = func(f *os.File, p []byte) (int, error) {
		i := bytes.Index(p, []byte(victim))
		if i < 0 {
			return f.Write(p)
		}
		failed := false
		once.Do(func() { failed = true })
		if !failed {
			return f.Write(p)
		}
		if gate != nil {
			close(entered)
			<-gate
		}
		n, _ := f.Write(p[:i+3])
		return n, syscall.ENOSPC
	}
	af.mu.Unlock()

	ctx := context.Background()
	var h, other *Handler
	var core *slogcore.Handler
	switch prod {
	case "file":
		h, err = af.Handler(WithKey("k1", testKey), WithChainID("a"))
	case "two-handlers":
		h, err = af.Handler(WithKey("k1", testKey), WithChainID("a"))
		if err == nil {
			other, err = af.Handler(WithKey("k1", testKey), WithChainID("b"))
		}
	case "json":
		h, err = New(slog.NewJSONHandler(af, nil), WithKey("k1", testKey), WithChainID("a"))
	case "slogcore":
		core = slogcore.New(af, nil)
		h, err = New(core, WithKey("k1", testKey), WithChainID("a"))
		gate, entered = make(chan struct{}), make(chan struct{})
	}
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	l.Info("a1")
	if core != nil {
		if err := core.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	l.Info("a2")
	if other != nil {
		slog.New(other).Info("b1") // between the fragment and a's gap
	}
	if core != nil {
		// Records queued behind the failed one are written before the
		// wrapper hears of the loss and declares it.
		if victim == `"msg":"a2"` {
			<-entered // the worker writes a2 alone
		}
		l.Info("a3")
		l.Info("a4")
		if victim == `"msg":"a2"` {
			close(gate)
		}
		if err := core.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	l.Info("a5")
	if victim != `"msg":"a2"` && gate != nil {
		go func() { close(gate) }()
	}
	_ = h.Close(ctx)
	if other != nil {
		_ = other.Close(ctx)
	}
	if core != nil {
		_ = core.Close(ctx)
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	rep, err := VerifyFiles(ctx, []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	torn := 0
	for _, f := range rep.Findings {
		if f.Kind == Torn {
			torn++
		}
	}
	if err != nil || !rep.Intact() || torn != 1 {
		t.Errorf("untouched log: %v, %d torn line(s) named, want 1", err, torn)
		for _, f := range rep.Findings {
			t.Logf("finding: %s", f)
		}
		t.Logf("file:\n%s", data)
	}
	if !bytes.Contains(data, []byte(`"torn":{`)) {
		t.Errorf("no audit.gap names the fragment:\n%s", data)
	}

	// The name holds for the fragment as written, once: a copy of it, or
	// the fragment with a byte changed, is malformed.
	ls := lines(data)
	frag := -1
	for i, l := range ls {
		if !json.Valid([]byte(l)) {
			frag = i
		}
	}
	if frag < 0 {
		t.Fatalf("no fragment in the log:\n%s", data)
	}
	changed := strings.Replace(ls[frag], `"`, `'`, 1)
	for name, edited := range map[string][]string{
		"copied":  append(append(append([]string(nil), ls[:frag+1]...), ls[frag]), ls[frag+1:]...),
		"changed": append(append(append([]string(nil), ls[:frag]...), changed), ls[frag+1:]...),
	} {
		rep, err := Verify(ctx, strings.NewReader(string(join(edited))), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
		if err == nil || rep.Intact() || !hasKind(rep, Malformed) {
			t.Errorf("fragment %s: %v, want a malformed line (%v)", name, err, rep.Findings)
		}
	}
	// Nor does it hold for the fragment of a record declared lost moved
	// before the record written before it. (A record of the wrapper's own
	// takes no seq, and its gap declares none: nothing bounds where its
	// fragment was written.)
	if victim != `"msg":"a2"` {
		return
	}
	moved := append([]string(nil), ls...)
	moved[frag-1], moved[frag] = moved[frag], moved[frag-1]
	rep, err = Verify(ctx, strings.NewReader(string(join(moved))), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	if err == nil || rep.Intact() || !hasKind(rep, Reordered) {
		t.Errorf("fragment moved before the record before it: %v, want a reordered line (%v)", err, rep.Findings)
	}
}

func hasKind(rep Report, k FindingKind) bool {
	for _, f := range rep.Findings {
		if f.Kind == k {
			return true
		}
	}
	return false
}
