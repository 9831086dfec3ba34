package slogaudit

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

// A process's write closes another writer's fragment with its leading
// newline, and the process is killed right after that write, before the
// audit.gap naming the fragment (a kill lands when a system call
// returns). The process that resumes its chain names the fragment in its
// audit.start; a process resuming another chain does not.
func TestFragmentClosedByARecordThenCrash(t *testing.T) {
	for _, others := range []int{0, 1, 3} {
		t.Run(fmt.Sprintf("%d other chains restart first", others), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path, WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			for i := range others {
				h, err := af.Handler(WithKey("k1", testKey), WithChainID(fmt.Sprintf("other%d", i)))
				if err != nil {
					t.Fatal(err)
				}
				slog.New(h).Info("posted", "entry", i)
				h.Close(context.Background())
			}
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("gamma"))
			if err != nil {
				t.Fatal(err)
			}
			for i := range 3 {
				slog.New(h).Info("posted", "entry", i)
			}
			af.Close() // a crash: no audit.stop
			// The record gamma wrote last closed a fragment that another
			// writer left just before it.
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			last := bytes.LastIndexByte(data[:len(data)-1], '\n') + 1
			frag := []byte(`{"action":"export","audit":{"chain":"beta","hash":"cXV`)
			spliced := append(append(append(append([]byte(nil), data[:last]...), frag...), '\n'), data[last:]...)
			if err := os.WriteFile(path, spliced, 0o600); err != nil {
				t.Fatal(err)
			}

			again, err := OpenFile(path, WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			for i := range others {
				h, err := again.Handler(WithKey("k1", testKey), WithChainID(fmt.Sprintf("other%d", i)))
				if err != nil {
					t.Fatal(err)
				}
				slog.New(h).Info("posted", "entry", 10+i)
				h.Close(context.Background())
			}
			h, err = again.Handler(WithKey("k1", testKey), WithChainID("gamma"))
			if err != nil {
				t.Fatal(err)
			}
			slog.New(h).Info("posted", "entry", 3)
			h.Close(context.Background())
			again.Close()
			out, _ := os.ReadFile(path)
			sum := sha256.Sum256(frag)
			if n := bytes.Count(out, []byte(hex.EncodeToString(sum[:]))); n != 1 {
				t.Fatalf("the fragment is named %d times:\n%s", n, out)
			}
			if !bytes.Contains(out, []byte(`"torn_closed":[{"bytes":`)) {
				t.Fatalf("no torn_closed member names the fragment:\n%s", out)
			}
			rep := verifyIntact(t, path)
			torn := tornCount(rep)
			if torn != 1 {
				t.Fatalf("%d torn findings, want 1", torn)
			}
		})
	}
}

// The fragment that a torn_closed member names is where its closing
// record left it: moved up a line, or removed, the log is not intact.
func TestClosedFragmentMovedOrRemoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	af, h := openChain(t, path, "gamma")
	for i := range 4 {
		slog.New(h).Info("posted", "entry", i)
	}
	af.Close()
	data, _ := os.ReadFile(path)
	last := bytes.LastIndexByte(data[:len(data)-1], '\n') + 1
	frag := []byte(`{"audit":{"chain":"beta","hash":"cXV`)
	spliced := append(append(append(append([]byte(nil), data[:last]...), frag...), '\n'), data[last:]...)
	os.WriteFile(path, spliced, 0o600)
	again, h := openChain(t, path, "gamma")
	slog.New(h).Info("posted", "entry", 4)
	h.Close(context.Background())
	again.Close()
	verifyIntact(t, path)
	good, _ := os.ReadFile(path)
	lines := bytes.SplitAfter(good, []byte("\n"))
	at := -1
	for i, l := range lines {
		if bytes.Equal(bytes.TrimSuffix(l, []byte("\n")), frag) {
			at = i
		}
	}
	if at < 1 {
		t.Fatal("fragment not found")
	}
	for name, edit := range map[string]func([][]byte) [][]byte{
		"moved up a line": func(ls [][]byte) [][]byte { ls[at-1], ls[at] = ls[at], ls[at-1]; return ls },
		"removed":         func(ls [][]byte) [][]byte { return append(ls[:at:at], ls[at+1:]...) },
	} {
		ls := edit(append([][]byte(nil), lines...))
		os.WriteFile(path, bytes.Join(ls, nil), 0o600)
		rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
		if err == nil && rep.Intact() {
			t.Errorf("fragment %s: verifies as intact: %v", name, rep.Findings)
		}
	}
}
