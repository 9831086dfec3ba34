package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// closingLog writes a chain of n records to path, leaves a fragment of
// another record after them (a crash), and returns the fragment.
func closingLog(t *testing.T, path string, n int) []byte {
	t.Helper()
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		slog.New(h).Info("shipped", "order", 7100+i)
	}
	h.Close(context.Background())
	af.Close()
	frag := []byte(`{"audit":{"chain":"orders","hash":"Qm9`)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(frag)
	f.Close()
	return frag
}

func verifyIntact(t *testing.T, path string) Report {
	t.Helper()
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log verifies as not intact: %v", err)
	}
	return rep
}

// The newline that closes a fragment found at open goes to the file in
// the same write as the line after it: no write is a newline alone, and
// opening the file writes nothing.
func TestClosingNewlineGoesWithTheNextLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	closingLog(t, path, 2)
	before, _ := os.ReadFile(path)
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatalf("OpenFile wrote %q", after[len(before):])
	}
	var writes [][]byte
	af.mu.Lock()
	af.inject = func(f *os.File, p []byte) (int, error) {
		writes = append(writes, append([]byte(nil), p...))
		return f.Write(p)
	}
	af.mu.Unlock()
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("shipped", "order", 7200)
	h.Close(context.Background())
	af.Close()
	if len(writes) == 0 || !bytes.HasPrefix(writes[0], []byte("\n{")) || !bytes.Contains(writes[0], []byte(`"msg":"audit.start"`)) {
		t.Fatalf("first write %q: want the closing newline and the audit.start", writes[0])
	}
	for i, w := range writes[1:] {
		if w[0] == '\n' {
			t.Fatalf("write %d starts with a newline: %q", i+1, w)
		}
	}
	verifyIntact(t, path)
}

// A process crashes while its first write (the closing newline and its
// audit.start) is part-way out, as many times in a row, each time at
// another byte (the newline alone included); the file cannot be cut back.
// Then a process starts cleanly: every fragment is named and torn.
func TestCrashDuringClosingWrite(t *testing.T) {
	for _, cuts := range [][]int{{1}, {5}, {1, 1}, {1, 40}, {23, 1, 60}, {2, 17, 1, 33}} {
		path := filepath.Join(t.TempDir(), "audit.log")
		closingLog(t, path, 3)
		for _, k := range cuts {
			af, err := OpenFile(path, WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			af.mu.Lock()
			af.injectTruncate = func(*os.File, int64) error { return syscall.EPERM }
			crashed := false
			af.inject = func(f *os.File, p []byte) (int, error) {
				if crashed { // nothing after the crash reaches the file
					return 0, syscall.EIO
				}
				crashed = true
				n, _ := f.Write(p[:min(k, len(p)-1)])
				return n, syscall.EIO
			}
			af.mu.Unlock()
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"), OnError(func(error) {}))
			if err != nil {
				t.Fatal(err)
			}
			slog.New(h).Info("shipped", "order", 7300)
			af.Close() // the crash: the handler never closes
		}
		// The fragments: every line that is no JSON, the last one
		// unterminated.
		b, _ := os.ReadFile(path)
		want := 0
		for _, l := range bytes.Split(b, []byte("\n")) {
			if len(l) > 0 && !json.Valid(l) {
				want++
			}
		}
		af, err := OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		frags := len(af.Torns())
		h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
		if err != nil {
			t.Fatal(err)
		}
		slog.New(h).Info("shipped", "order", 7400)
		h.Close(context.Background())
		af.Close()
		rep := verifyIntact(t, path)
		torn := 0
		for _, f := range rep.Findings {
			if f.Kind == Torn {
				torn++
			}
		}
		if torn != want || frags != want {
			t.Fatalf("cuts %v: %d torn findings, %d fragments found at open, want %d", cuts, torn, frags, want)
		}
	}
}

// appendCrash adds a crashed restart's first write to path: the newline
// that closes the fragment at the end, and the first bytes of a line.
func appendCrash(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n" + line); err != nil {
		t.Fatal(err)
	}
}

func tornCount(rep Report) int {
	n := 0
	for _, f := range rep.Findings {
		if f.Kind == Torn {
			n++
		}
	}
	return n
}

// The restart after two crashes is due to rotate the file with its first
// line: the file is not rotated while it ends inside a line, so the
// audit.start closes the fragments where they are, and names both, and
// the rotation comes with the next line.
func TestFragmentsNamedAcrossRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	closingLog(t, path, 3)
	appendCrash(t, path, `{"audit":{"chain":"ord`)
	af, err := OpenFile(path, WithRotateSize(300))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("shipped", "order", 7500)
	h.Close(context.Background())
	af.Close()
	paths, err := RotatedFiles(path)
	if err != nil || len(paths) < 2 {
		t.Fatalf("rotated files %v, %v", paths, err)
	}
	first, _ := os.ReadFile(paths[0])
	if !bytes.Contains(first, []byte(`{"audit":{"chain":"ord`+"\n{")) || !bytes.Contains(first, []byte(`"msg":"audit.start"`)) {
		t.Fatalf("the rotated file does not end with its fragments closed by the audit.start:\n%s", first)
	}
	rep, err := VerifyFiles(context.Background(), paths, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	for _, f := range rep.Findings {
		t.Logf("finding: %s", f)
	}
	if err != nil || !rep.Intact() || tornCount(rep) != 2 {
		t.Fatalf("intact=%v torn=%d, want intact with 2 torn: %v", rep.Intact(), tornCount(rep), err)
	}
}

// The restart after two crashes fails to write its audit.start (a full
// disk that also refuses the cut): the audit.gap that declares it lost
// names the fragments the start would have named, and its own.
func TestLostStartsGapNamesEveryFragment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	closingLog(t, path, 3)
	appendCrash(t, path, `{"audit":{"chain":"orders","ha`)
	af, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	failed := false
	af.mu.Lock()
	af.injectTruncate = func(*os.File, int64) error { return syscall.EPERM }
	af.inject = func(f *os.File, p []byte) (int, error) {
		if failed {
			return f.Write(p)
		}
		failed = true
		n, _ := f.Write(p[:27])
		return n, syscall.ENOSPC
	}
	af.mu.Unlock()
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"), OnError(func(error) {}))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("shipped", "order", 7600)
	slog.New(h).Info("shipped", "order", 7601)
	h.Close(context.Background())
	af.Close()
	rep := verifyIntact(t, path)
	if tornCount(rep) != 3 {
		t.Fatalf("%d torn findings, want 3", tornCount(rep))
	}
}

// FuzzTailFragments: on any file end, the fragments found are lines of it
// that a writer may leave (the first bytes of a JSON object, not a whole
// value), none of them blank, and found the same in a window that starts
// one line later (when the lines before are not needed).
func FuzzTailFragments(f *testing.F) {
	for _, s := range []string{"{\"a\":1}\n{\"b\n{\"c", "{\"a\":1}\n\n{\"b\":\n", "x\n{\"a\n{\x00\x00", "{}\n{\"k\":\"v\"}", "", "\n\n{"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		frags, closeTail, enough := tailFragments([]byte(data), true)
		if !enough {
			t.Fatalf("a whole file is not enough")
		}
		if closeTail != (len(data) > 0 && data[len(data)-1] != '\n') {
			t.Fatalf("closeTail %v for %q", closeTail, data)
		}
		for _, fr := range frags {
			if json.Valid(fr) || !jsonPrefix(fr) || len(bytes.TrimSpace(fr)) == 0 || bytes.IndexByte(fr, '\n') >= 0 {
				t.Fatalf("fragment %q of %q", fr, data)
			}
			if !bytes.Contains([]byte(data), fr) {
				t.Fatalf("fragment %q not in %q", fr, data)
			}
		}
		if i := bytes.IndexByte([]byte(data), '\n'); i >= 0 {
			part, _, ok := tailFragments([]byte(data[i:]), false)
			if ok && len(part) != len(frags) {
				t.Fatalf("window from byte %d: %d fragments, whole: %d (%q)", i, len(part), len(frags), data)
			}
		}
	})
}
