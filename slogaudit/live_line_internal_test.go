package slogaudit

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// otherWriterLines returns the lines, each with its newline, that a
// writer of chain id writes for n records: what another process sharing
// the log appends.
func otherWriterLines(t *testing.T, id string, n int) [][]byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.log")
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID(id))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		slog.New(h).Info("badge scanned", "door", i)
	}
	af.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	return lines[:len(lines)-1] // after the last newline: nothing
}

// openChain opens the log at path, with writes never synced, and a
// handler of it writing chain id.
func openChain(t *testing.T, path, id string) (*File, *Handler) {
	t.Helper()
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(WithKey("k1", testKey), WithChainID(id))
	if err != nil {
		t.Fatal(err)
	}
	return af, h
}

// appendBeforeFirstWrite makes the File's next write append p to its path
// first, as another writer would between the File's look and its write;
// it returns whether that happened.
func appendBeforeFirstWrite(t *testing.T, af *File, path string, p []byte) *bool {
	done := new(bool)
	af.mu.Lock()
	af.inject = func(f *os.File, q []byte) (int, error) {
		if !*done {
			*done = true
			appendRaw(t, path, p)
		}
		return f.Write(q)
	}
	af.mu.Unlock()
	return done
}

// appendRaw appends p to path through a descriptor of its own, as another
// process does.
func appendRaw(t *testing.T, path string, p []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(p); err != nil {
		t.Fatal(err)
	}
}

// A File that finds another writer's line seen part-way at the end of the
// file (the file's size grows page by page while a line is written)
// closes it with a newline, in case its writer crashed. When that writer
// was alive and ended its line before the newline landed, the newline
// closes nothing: it makes a blank line, and no record names a fragment.
// Here the other writer goes on with many more lines before the newline
// lands (a writer descheduled between its look and its write), at each
// of the three places a File looks: at open, before a write, and before
// its handler stops.
func TestLiveLineSeenPartwayIsNotNamed(t *testing.T) {
	for _, where := range []string{"open", "write", "close"} {
		t.Run(where, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			other := otherWriterLines(t, "doors", 41)
			line := other[0]
			cut := len(line) / 3
			if where == "open" {
				appendRaw(t, path, line[:cut])
			}
			af, h := openChain(t, path, "orders")
			defer af.Close()
			log := slog.New(h)
			if where != "open" {
				log.Info("shipped", "order", 1)
				appendRaw(t, path, line[:cut])
			}
			// The other writer ends its line, and writes 40 more, after
			// this File looked and before its write lands.
			rest := bytes.Join(append([][]byte{line[cut:]}, other[1:]...), nil)
			done := appendBeforeFirstWrite(t, af, path, rest)
			if where == "open" {
				appendRaw(t, path, rest) // before the first write: the File looks again
				*done = true
			}
			if where != "close" {
				log.Info("shipped", "order", 2)
				log.Info("shipped", "order", 3)
			}
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(path)
			if !*done {
				t.Fatal("the other writer's line was not ended")
			}
			if bytes.Contains(data, []byte(`"torn"`)) {
				t.Fatalf("a record names the other writer's live line as a fragment:\n%s", data)
			}
			rep := verifyIntact(t, path)
			if want := int64(41 + 2); rep.Records < want {
				t.Fatalf("%d records, want at least %d", rep.Records, want)
			}
		})
	}
}

// The line a File's newline closes is the one it names, whatever it saw
// when it looked: here the live line it saw part-way ends, and a third
// writer crashes part-way through its own line before the newline lands.
// The crashed writer's fragment is named, and the log verifies with that
// torn line as its only finding.
func TestFragmentLeftBetweenLookAndWriteIsNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	other := otherWriterLines(t, "doors", 3)
	af, h := openChain(t, path, "orders")
	defer af.Close()
	log := slog.New(h)
	log.Info("shipped", "order", 1)
	seen := other[0][:len(other[0])/2] // a live line, seen part-way
	appendRaw(t, path, seen)
	crashed := other[2][:len(other[2])/3]
	af.mu.Lock()
	calls := 0
	af.inject = func(f *os.File, p []byte) (int, error) {
		if calls++; calls == 1 {
			// The live line ends, the next is written whole, and a third
			// writer crashes part-way through its line.
			appendRaw(t, path, bytes.Join([][]byte{other[0][len(seen):], other[1], crashed}, nil))
		}
		return f.Write(p)
	}
	af.mu.Unlock()
	log.Info("shipped", "order", 2)
	log.Info("shipped", "order", 3)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, append(append([]byte("\n"), crashed...), '\n')) {
		t.Fatalf("the crashed writer's fragment is not closed on a line of its own:\n%s", data)
	}
	want := fmt.Sprintf(`"torn":{"bytes":%d`, len(crashed))
	if !bytes.Contains(data, []byte(want)) {
		t.Fatalf("no record names the %d-byte fragment:\n%s", len(crashed), data)
	}
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	if err != nil || !rep.Intact() {
		t.Fatalf("not intact: %v %v", err, rep.Findings)
	}
	for _, f := range rep.Findings {
		if f.Kind != Torn {
			t.Errorf("finding other than the torn line: %s", f)
		}
	}
	if len(rep.Findings) != 1 {
		t.Fatalf("%d findings, want the one torn line: %v", len(rep.Findings), rep.Findings)
	}
}

// The line found open at OpenFile is another writer's, which that writer
// ends (and goes on with many more lines) before any handler of the File
// writes: no handler names it, whether it is the File's first handler or
// a later one, a handler New makes over the File resuming a head of it,
// or the line ends between the first handler's look and its write.
func TestLiveLineSeenAtOpenIsNamedByNoHandler(t *testing.T) {
	for _, how := range []string{"two handlers", "New resuming a head", "ended during the write"} {
		t.Run(how, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			if how == "New resuming a head" { // a chain to resume
				first, h0 := openChain(t, path, "orders")
				slog.New(h0).Info("shipped", "order", 0)
				h0.Close(context.Background())
				first.Close()
			}
			other := otherWriterLines(t, "doors", 41)
			line := other[0]
			cut := len(line) / 3
			rest := bytes.Join(append([][]byte{line[cut:]}, other[1:]...), nil)
			appendRaw(t, path, line[:cut])
			af, err := OpenFile(path, WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			defer af.Close()
			var handlers []*Handler
			switch how {
			case "two handlers":
				for _, id := range []string{"orders", "refunds"} {
					h, err := af.Handler(WithKey("k1", testKey), WithChainID(id))
					if err != nil {
						t.Fatal(err)
					}
					handlers = append(handlers, h)
				}
				appendRaw(t, path, rest)
			case "New resuming a head":
				h, err := New(slog.NewJSONHandler(af, nil), WithKey("k1", testKey), WithResume(af.Heads()["orders"]))
				if err != nil {
					t.Fatal(err)
				}
				handlers = append(handlers, h)
				appendRaw(t, path, rest)
			case "ended during the write":
				for _, id := range []string{"orders", "refunds"} {
					h, err := af.Handler(WithKey("k1", testKey), WithChainID(id))
					if err != nil {
						t.Fatal(err)
					}
					handlers = append(handlers, h)
				}
				appendBeforeFirstWrite(t, af, path, rest)
			}
			for i, h := range handlers {
				slog.New(h).Info("shipped", "order", i+1)
			}
			for _, h := range handlers {
				if err := h.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			verifyIntact(t, path)
		})
	}
}

// A crash's fragment found at open is named once, by the audit.start of
// whichever handler of the File starts first, however many handlers the
// File has (chains of their own, a handler New makes resuming a head of
// the File) and in whichever order they were made.
func TestTornLineAtOpenNamedOnceByTheFirstHandlerToStart(t *testing.T) {
	for _, order := range []string{"made first starts first", "made last starts first", "New resuming a head starts first"} {
		t.Run(order, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			closingLog(t, path, 2)
			af, err := OpenFile(path, WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			defer af.Close()
			var handlers []*Handler
			if order == "New resuming a head starts first" {
				h, err := New(slog.NewJSONHandler(af, nil), WithKey("k1", testKey), WithResume(af.Heads()["orders"]))
				if err != nil {
					t.Fatal(err)
				}
				handlers = append(handlers, h)
			}
			for _, id := range []string{"refunds", "returns", "invoices"} {
				h, err := af.Handler(WithKey("k1", testKey), WithChainID(id))
				if err != nil {
					t.Fatal(err)
				}
				handlers = append(handlers, h)
			}
			if order == "made last starts first" {
				slices.Reverse(handlers)
			}
			for i, h := range handlers {
				slog.New(h).Info("posted", "entry", i)
			}
			for _, h := range handlers {
				if err := h.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			data, _ := os.ReadFile(path)
			if n := bytes.Count(data, []byte(`"torn":`)); n != 1 {
				t.Fatalf("the fragment is named %d times:\n%s", n, data)
			}
			rep := verifyIntact(t, path)
			torn := tornCount(rep)
			if torn != 1 {
				t.Fatalf("%d torn findings, want 1: %v", torn, rep.Findings)
			}
		})
	}
}

// The line found open at OpenFile grows before the File's first write:
// another writer is still writing it. The audit.start does not name it;
// the write closes it, and what it closed is named: the whole fragment
// when that writer stopped in it (a crash), nothing when it ended it.
func TestGrowingLineAtOpen(t *testing.T) {
	for _, end := range []string{"crashes", "ends it during the write"} {
		t.Run(end, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			other := otherWriterLines(t, "doors", 5)
			line := other[0]
			appendRaw(t, path, line[:len(line)/4])
			af, h := openChain(t, path, "orders")
			defer af.Close()
			appendRaw(t, path, line[len(line)/4:len(line)/2]) // it grows
			if end == "crashes" {
				appendRaw(t, path, line[len(line)/2:len(line)*3/4]) // and stops there
			} else {
				appendBeforeFirstWrite(t, af, path, bytes.Join(append([][]byte{line[len(line)/2:]}, other[1:]...), nil))
			}
			slog.New(h).Info("shipped", "order", 1)
			slog.New(h).Info("shipped", "order", 2)
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			if testing.Verbose() {
				data, _ := os.ReadFile(path)
				t.Logf("%s", data)
			}
			rep := verifyIntact(t, path)
			torn := tornCount(rep)
			if want := map[string]int{"crashes": 1, "ends it during the write": 0}[end]; torn != want {
				t.Fatalf("%d torn lines, want %d", torn, want)
			}
		})
	}
}
