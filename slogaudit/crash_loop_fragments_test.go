package slogaudit_test

// Crash loops: a process crashes while writing, the next one crashes
// while it starts, and so on; then a process starts cleanly. Every
// fragment the crashes left must be named by the clean start and verify
// as torn, and any change to those fragments must still verify as
// tampering.

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// crashPoint is where a crashed process stopped: what it left at the end
// of the log.
type crashPoint int

const (
	midRecord    crashPoint = iota // in the middle of a record
	afterNewline                   // after closing the fragment before it, nothing more
	midStart                       // in the middle of its audit.start
	midGap                         // in the middle of an audit.gap
	midZeros                       // mid-record, the rest of the block zeros (power loss)
)

func (c crashPoint) String() string {
	return [...]string{"mid-record", "after-newline", "mid-audit.start", "mid-audit.gap", "mid-record-zeros"}[c]
}

// crashLines are whole lines of the kinds a crash cuts, taken from a log
// written by the handler.
type crashLines struct{ record, start, gap string }

func linesOf(t *testing.T, path string) crashLines {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var l crashLines
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.Contains(line, `"msg":"audit.start"`):
			l.start = line
		case strings.Contains(line, `"msg":"event"`):
			l.record = line
		}
	}
	if l.start == "" || l.record == "" {
		t.Fatalf("no audit.start or event line in %s", path)
	}
	// An audit.gap line as the handler writes it (audit member first, the
	// members sorted); only its first bytes are ever written here.
	l.gap = `{"audit":{"chain":"c0ffee","hash":"3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","key":"k1","mac":"AAAA","prev":"AAAA","seq":17,"v":2},"level":"INFO","lost":[{"from":12,"reason":"disk full","to":16}],"msg":"audit.gap","records":5,"time":"2026-03-04T05:06:07Z"}`
	return l
}

// crash appends to path what a process that crashed at point leaves; k
// varies the cut. It reports whether a new fragment was left (a crash
// after the newline leaves none when the log ended with a whole line).
func crash(t *testing.T, path string, point crashPoint, k int, lines crashLines) bool {
	t.Helper()
	// The process opens the log, as any restart does: opening writes
	// nothing.
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	af, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	af.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatalf("OpenFile changed the log: %d bytes, then %d", len(before), len(after))
	}
	open := len(before) > 0 && before[len(before)-1] != '\n' // a fragment not closed yet
	var add string
	if open {
		add = "\n" // the write that closes it
	}
	cut := func(line string) string { return line[:min(len(line)-2, 9+13*k)] }
	left := point != afterNewline || !open
	switch point {
	case midRecord:
		add += cut(lines.record)
	case afterNewline:
		if !open {
			// The process before crashed mid-record; this one closed its
			// fragment and stopped.
			add += cut(lines.record)
		}
		add += "\n"
	case midStart:
		add += cut(lines.start)
	case midGap:
		add += cut(lines.gap)
	case midZeros:
		add += cut(lines.record) + strings.Repeat("\x00", 5+k)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(add); err != nil {
		t.Fatal(err)
	}
	return left
}

// verifyCounts counts the findings of each kind of a verification that
// must be intact.
func verifyCounts(t *testing.T, path string) map[slogaudit.FindingKind]int {
	t.Helper()
	rep, err := rtVerify(t, path)
	counts := map[slogaudit.FindingKind]int{}
	for _, f := range rep.Findings {
		counts[f.Kind]++
	}
	if err != nil || !rep.Intact() {
		t.Fatalf("untouched log after crashes verifies as not intact: err=%v", err)
	}
	return counts
}

// crashLoop writes a log, crashes the processes after it at points, then
// starts one cleanly, and returns the log's path and the number of
// fragments the crashes left.
func crashLoop(t *testing.T, points []crashPoint) (string, int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 3, 4)
	lines := linesOf(t, path)
	n := 0
	for i, p := range points {
		if crash(t, path, p, i, lines) {
			n++
		}
	}
	rtWrite(t, path, 2, 4)
	return path, n
}

func TestCrashLoopFragmentsAreNamed(t *testing.T) {
	for _, point := range []crashPoint{midRecord, afterNewline, midStart, midGap, midZeros} {
		for n := 1; n <= 4; n++ {
			t.Run(fmt.Sprintf("%s×%d", point, n), func(t *testing.T) {
				points := make([]crashPoint, n)
				for i := range points {
					points[i] = point
				}
				path, frags := crashLoop(t, points)
				counts := verifyCounts(t, path)
				if counts[slogaudit.Torn] != frags {
					t.Fatalf("%d torn findings, want %d (one per fragment)", counts[slogaudit.Torn], frags)
				}
			})
		}
	}
}

// Crashes at points drawn at random, several in a row.
func TestCrashLoopMixedPoints(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 97))
	for i := range 24 {
		points := make([]crashPoint, 1+r.IntN(5))
		for j := range points {
			points[j] = crashPoint(r.IntN(int(midZeros) + 1))
		}
		t.Run(fmt.Sprint(points), func(t *testing.T) {
			path, frags := crashLoop(t, points)
			counts := verifyCounts(t, path)
			if counts[slogaudit.Torn] != frags {
				t.Fatalf("case %d: %d torn findings, want %d", i, counts[slogaudit.Torn], frags)
			}
		})
	}
}

// A clean start after crashes, then more crashes and another clean start:
// each start names only the fragments after the last whole line.
func TestCrashLoopTwiceNamesEachFragmentOnce(t *testing.T) {
	path, first := crashLoop(t, []crashPoint{midRecord, midStart, afterNewline})
	lines := linesOf(t, path)
	second := 0
	for i, p := range []crashPoint{midGap, midStart} {
		if crash(t, path, p, i+3, lines) {
			second++
		}
	}
	rtWrite(t, path, 1, 4)
	counts := verifyCounts(t, path)
	if counts[slogaudit.Torn] != first+second {
		t.Fatalf("%d torn findings, want %d", counts[slogaudit.Torn], first+second)
	}
}

// fragmentLines returns the indexes of the lines of path that are no
// JSON (the fragments), and the lines.
func fragmentLines(t *testing.T, path string) ([]int, []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	var frags []int
	for i, l := range lines {
		if l != "" && !strings.HasSuffix(strings.TrimRight(l, "\n\x00"), "}") {
			frags = append(frags, i)
		}
	}
	return frags, lines
}

func TestCrashLoopFragmentsTampered(t *testing.T) {
	points := []crashPoint{afterNewline, midRecord, midStart, midGap, midZeros}
	path, frags := crashLoop(t, points)
	verifyCounts(t, path) // untouched: intact
	idx, orig := fragmentLines(t, path)
	if len(idx) != frags || frags != len(points) {
		t.Fatalf("found %d fragment lines, want %d", len(idx), frags)
	}
	type edit struct {
		name string
		edit func(lines []string, frags []int) []string
	}
	at := func(lines []string, i int, line string) []string {
		return append(lines[:i:i], append([]string{line}, lines[i:]...)...)
	}
	var edits []edit
	for k := range len(points) {
		edits = append(edits,
			edit{fmt.Sprintf("fragment %d: a byte changed", k), func(lines []string, frags []int) []string {
				l := []byte(lines[frags[k]])
				l[3] ^= 0x01
				lines[frags[k]] = string(l)
				return lines
			}},
			edit{fmt.Sprintf("fragment %d: cut shorter", k), func(lines []string, frags []int) []string {
				lines[frags[k]] = lines[frags[k]][:6] + "\n"
				return lines
			}},
			edit{fmt.Sprintf("fragment %d: removed", k), func(lines []string, frags []int) []string {
				return append(lines[:frags[k]], lines[frags[k]+1:]...)
			}},
			edit{fmt.Sprintf("fragment %d: moved before the records", k), func(lines []string, frags []int) []string {
				f := lines[frags[k]]
				lines = append(lines[:frags[k]], lines[frags[k]+1:]...)
				return at(lines, 2, f)
			}},
			edit{fmt.Sprintf("fragment %d: copied", k), func(lines []string, frags []int) []string {
				return at(lines, frags[k], lines[frags[k]])
			}},
		)
	}
	for k := range len(points) - 1 {
		edits = append(edits, edit{fmt.Sprintf("fragments %d and %d swapped", k, k+1), func(lines []string, frags []int) []string {
			lines[frags[k]], lines[frags[k+1]] = lines[frags[k+1]], lines[frags[k]]
			return lines
		}})
	}
	edits = append(edits,
		edit{"a fake fragment among them", func(lines []string, frags []int) []string {
			return at(lines, frags[2], `{"amount":99999,"level":"INFO","msg":"refund appro`+"\n")
		}},
		edit{"a fake fragment after them", func(lines []string, frags []int) []string {
			return at(lines, frags[len(frags)-1]+1, `{"audit":{"chain":"x`+"\n")
		}},
		edit{"every fragment removed", func(lines []string, frags []int) []string {
			for i := len(frags) - 1; i >= 0; i-- {
				lines = append(lines[:frags[i]], lines[frags[i]+1:]...)
			}
			return lines
		}},
	)

	for _, e := range edits {
		t.Run(e.name, func(t *testing.T) {
			lines := e.edit(append([]string(nil), orig...), idx)
			p := filepath.Join(t.TempDir(), "audit.log")
			if err := os.WriteFile(p, []byte(strings.Join(lines, "")), 0o600); err != nil {
				t.Fatal(err)
			}
			mustNotBeIntact(t, e.name, p)
		})
	}
}

// A handler built with New over a slogcore handler over the File, as the
// package documents it, after crashes in a row: the File's newest torn
// line passed alone to WithTorn brings the older ones, and all of them
// passed together name the same.
func TestCrashLoopSlogcoreOverFile(t *testing.T) {
	for _, all := range []bool{false, true} {
		t.Run(fmt.Sprintf("all=%v", all), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			rtWrite(t, path, 2, 4, slogaudit.WithChainID("billing"))
			lines := linesOf(t, path)
			frags := 0
			for i, p := range []crashPoint{midRecord, midStart, midZeros} {
				if crash(t, path, p, i, lines) {
					frags++
				}
			}
			af, err := slogaudit.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(af.Torns()); got != frags {
				t.Fatalf("Torns: %d fragments, want %d", got, frags)
			}
			opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("billing"), slogaudit.WithResume(af.Heads()["billing"])}
			if all {
				opts = append(opts, slogaudit.WithTorn(af.Torns()...))
			} else if torn, ok := af.Torn(); ok {
				opts = append(opts, slogaudit.WithTorn(torn))
			}
			core := slogcore.New(af, nil)
			h, err := slogaudit.New(core, opts...)
			if err != nil {
				t.Fatal(err)
			}
			slog.New(h).Info("invoice", "n", 31)
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			core.Close(context.Background())
			af.Close()
			counts := verifyCounts(t, path)
			if counts[slogaudit.Torn] != frags {
				t.Fatalf("%d torn findings, want %d", counts[slogaudit.Torn], frags)
			}
		})
	}
}

// Processes that crash at the same byte of the same line leave fragments
// with the same bytes: each is named, and one removed is still missing.
func TestCrashLoopSameFragmentTwice(t *testing.T) {
	for _, n := range []int{2, 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			rtWrite(t, path, 2, 4, slogaudit.WithChainID("ledger"))
			for i := range n {
				f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				frag := `{"audit":{"chain":"ledger","hash":"`
				if i > 0 {
					frag = "\n" + frag
				}
				f.WriteString(frag)
				f.Close()
			}
			rtWrite(t, path, 1, 4, slogaudit.WithChainID("ledger"))
			if got := verifyCounts(t, path)[slogaudit.Torn]; got != n {
				t.Fatalf("%d torn findings, want %d", got, n)
			}
			idx, lines := fragmentLines(t, path)
			lines = append(lines[:idx[0]], lines[idx[0]+1:]...)
			p := filepath.Join(t.TempDir(), "audit.log")
			os.WriteFile(p, []byte(strings.Join(lines, "")), 0o600)
			mustNotBeIntact(t, "one of the same fragments removed", p)
		})
	}
}
