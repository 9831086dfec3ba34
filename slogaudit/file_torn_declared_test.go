package slogaudit_test

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

// A File opened over a torn tail declares the fragments, whichever
// handler writes through it first: a new chain built with New over a JSON
// or slogcore handler over the File, without WithTorn, used to close the
// fragment with its first record and leave it unnamed, and the untouched
// log verified as tampered (the fragment malformed). Such a handler names
// the fragments in an audit.gap instead; a handler given WithTorn, or one
// resuming a head of the File, names them in its audit.start, once.
func TestFileDeclaresTornTailToNewChain(t *testing.T) {
	type setup struct {
		id     string
		resume bool // WithResume(af.Heads()[id])
		torn   bool // WithTorn(af.Torns()...)
	}
	cases := []struct {
		name string
		setup
	}{
		{"new chain", setup{id: "kiosk-2"}},
		{"new chain with WithTorn", setup{id: "kiosk-2", torn: true}},
		{"resumed chain", setup{id: "kiosk-1", resume: true}},
		{"resumed chain with WithTorn", setup{id: "kiosk-1", resume: true, torn: true}},
	}
	for _, tc := range cases {
		for _, overCore := range []bool{false, true} {
			for _, crashes := range []int{1, 2, -1} {
				// -1: one crash, whose fragment a newline closed since
				// (a line that is no record, a writer that died after it).
				closedTorn := crashes < 0
				crashes := max(crashes, 1)
				name := fmt.Sprintf("%s/json/crashes=%d/closed=%v", tc.name, crashes, closedTorn)
				if overCore {
					name = fmt.Sprintf("%s/slogcore/crashes=%d/closed=%v", tc.name, crashes, closedTorn)
				}
				t.Run(name, func(t *testing.T) {
					path := filepath.Join(t.TempDir(), "audit.log")
					fillChain(t, path, "kiosk-1", 3, 40)
					for i := range crashes {
						// A crash mid-record, and a restart that crashed
						// again before it wrote a whole line.
						b, err := os.ReadFile(path)
						if err != nil {
							t.Fatal(err)
						}
						if i > 0 {
							b = append(b, '\n')
						}
						b = append(b, fmt.Sprintf(`{"time":"2026-01-0%dT10:00:00Z","level":"INFO","msg":"ki`, i+1)...)
						if closedTorn {
							b = append(b, '\n')
						}
						if err := os.WriteFile(path, b, 0o600); err != nil {
							t.Fatal(err)
						}
					}
					af, err := slogaudit.OpenFile(path)
					if err != nil {
						t.Fatal(err)
					}
					if got := len(af.Torns()); got != crashes {
						t.Fatalf("test bug: the File found %d torn lines, want %d", got, crashes)
					}
					var inner slog.Handler = slog.NewJSONHandler(af, nil)
					var core *slogcore.Handler
					if overCore {
						core = slogcore.New(af, nil)
						inner = core
					}
					opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(tc.id)}
					if tc.resume {
						opts = append(opts, slogaudit.WithResume(af.Heads()[tc.id]))
					}
					if tc.torn {
						opts = append(opts, slogaudit.WithTorn(af.Torns()...))
					}
					h, err := slogaudit.New(inner, opts...)
					if err != nil {
						t.Fatal(err)
					}
					for i := range 5 {
						slog.New(h).Info("kiosk opened", "n", i)
					}
					closeErr := h.Close(context.Background())
					if core != nil {
						core.Close(context.Background())
					}
					if err := af.Close(); err != nil {
						t.Fatal(err)
					}
					rep, err := rtVerify(t, path)
					if err != nil || !rep.Intact() {
						t.Fatalf("the untouched log verifies as not intact (Close: %v): %v", closeErr, err)
					}
					if got := countKind(rep, slogaudit.Torn); got != crashes {
						t.Errorf("%d fragments reported torn, want %d", got, crashes)
					}
					b, err := os.ReadFile(path)
					if err != nil {
						t.Fatal(err)
					}
					sha := af.Torns()[crashes-1].SHA256
					if got := strings.Count(string(b), sha); got != 1 {
						t.Errorf("%d records name the newest fragment, want 1", got)
					}
					if closeErr != nil && !strings.Contains(closeErr.Error(), " 0 not declared") {
						t.Errorf("Close: %v, want every lost record declared", closeErr)
					}
					// A synchronous handler learns of the fragments at its
					// audit.start: the records after it are written.
					if !overCore && strings.Count(string(b), `"kiosk opened"`) != 5 {
						t.Errorf("the log holds %d of the 5 records", strings.Count(string(b), `"kiosk opened"`))
					}
				})
			}
		}
	}
}
