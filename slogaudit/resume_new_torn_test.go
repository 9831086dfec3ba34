package slogaudit_test

// A handler built with New over a File, resuming a head the File
// recovered, names the fragments a crash left without WithTorn.

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// runNewOverFile opens path and logs n records through New over the File
// (slogcore or a JSON handler), resuming chain "orders" when the File
// knows it, without WithTorn.
func runNewOverFile(t *testing.T, path string, overCore bool, n int) {
	t.Helper()
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	var inner slog.Handler = slog.NewJSONHandler(af, nil)
	var core *slogcore.Handler
	if overCore {
		core = slogcore.New(af, nil)
		inner = core
	}
	opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("orders")}
	if head, ok := af.Heads()["orders"]; ok {
		opts = append(opts, slogaudit.WithResume(head))
	}
	h, err := slogaudit.New(inner, opts...)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		slog.New(h).Info("order", "n", i, "sku", strings.Repeat("q", i%7))
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if core != nil {
		core.Close(context.Background())
	}
}

func TestNewResumedFromFileNamesFragments(t *testing.T) {
	cuts := map[string]func(n int) int{
		"one byte":         func(int) int { return 1 },
		"a third":          func(n int) int { return n / 3 },
		"all but one byte": func(n int) int { return n - 1 },
	}
	for _, overCore := range []bool{false, true} {
		for name, cut := range cuts {
			for _, crashes := range []int{1, 3} {
				t.Run(fmt.Sprintf("%s/slogcore=%v/crashes=%d", name, overCore, crashes), func(t *testing.T) {
					path := filepath.Join(t.TempDir(), "audit.log")
					runNewOverFile(t, path, overCore, 4)
					for range crashes {
						runNewOverFile(t, path, overCore, 2)
						tear(t, path, cut)
					}
					runNewOverFile(t, path, overCore, 3)
					rep, err := rtVerify(t, path)
					if err != nil || !rep.Intact() {
						t.Fatalf("over slogcore %v: untouched log after %d crashes verifies as not intact: %v", overCore, crashes, err)
					}
					if got := countKind(rep, slogaudit.Torn); got != crashes {
						t.Fatalf("over slogcore %v: %d fragments reported torn, want %d", overCore, got, crashes)
					}
				})
			}
		}
	}
}

// The fragments are named once: a second handler resuming another head
// of the same File names none, and a fragment removed after it was
// named is still missing.
func TestNewResumedFromFileNamesFragmentsOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	runNewOverFile(t, path, false, 3)
	tear(t, path, func(n int) int { return n / 2 })
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head := af.Heads()["orders"]
	for range 2 {
		h, err := slogaudit.New(slog.NewJSONHandler(af, nil), slogaudit.WithKey("k1", rtKey), slogaudit.WithResume(head))
		if err != nil {
			t.Fatal(err)
		}
		slog.New(h).Info("order", "n", 9)
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		head = h.Head()
	}
	af.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(b), `"torn":`); got != 1 {
		t.Fatalf("%d records name the fragment, want 1", got)
	}
	rep, err := rtVerify(t, path)
	if err != nil || !rep.Intact() || countKind(rep, slogaudit.Torn) != 1 {
		t.Fatalf("untouched log: intact %v, %d torn, err %v; want intact, 1 torn", rep.Intact(), countKind(rep, slogaudit.Torn), err)
	}
}

// A line that is no audit record (a plain JSON handler over the File)
// closes the fragment, and the handler that starts a new chain after it
// names nothing: the finding says what to do.
func TestUnnamedFragmentSaysHowToName(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	runNewOverFile(t, path, false, 3)
	tear(t, path, func(n int) int { return n / 2 })
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	slog.New(slog.NewJSONHandler(af, nil)).Info("plain line")
	h, err := slogaudit.New(slog.NewJSONHandler(af, nil), slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("refunds"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("order", "n", 1)
	h.Close(context.Background())
	af.Close()
	rep, _ := rtVerify(t, path)
	for _, f := range rep.Findings {
		if f.Kind == slogaudit.Malformed && strings.Contains(f.Detail, "WithTorn(af.Torns()...)") {
			return
		}
	}
	t.Fatalf("no malformed finding saying how to name the fragment: %v", rep.Findings)
}

func countKind(rep slogaudit.Report, k slogaudit.FindingKind) int {
	n := 0
	for _, f := range rep.Findings {
		if f.Kind == k {
			n++
		}
	}
	return n
}
