package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
)

// fast12Log writes a File log whose records have members on both sides
// of "audit" (names that sort before and after it, and an empty one).
func fast12Log(t *testing.T, opts ...Option) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	af, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := af.Handler(opts...)
	if err != nil {
		t.Fatal(err)
	}
	l := slog.New(h)
	l.Info("transfer", "amount", 12.5, "auditor", "r. k", "", "empty", "AUDIT", 1, "zone", "eu")
	l.Info("login", "aud", "api", "user", "u-9")
	l.Info("bare")
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// verifyFastAndFull verifies log with the fast paths on and with both
// off, and fails when the reports differ.
func verifyFastAndFull(t *testing.T, log []byte, o VerifyOptions, what string) Report {
	t.Helper()
	defer func(c, r bool) { canonicalLines, recodeLines = c, r }(canonicalLines, recodeLines)
	var reps [2]Report
	var errs [2]error
	for i, on := range []bool{true, false} {
		canonicalLines, recodeLines = on, on
		reps[i], errs[i] = Verify(context.Background(), bytes.NewReader(log), o)
	}
	if !reflect.DeepEqual(reps[0], reps[1]) || (errs[0] == nil) != (errs[1] == nil) {
		a, _ := json.MarshalIndent(reps[0].Findings, "", " ")
		b, _ := json.MarshalIndent(reps[1].Findings, "", " ")
		t.Fatalf("%s: reports differ (errors %v, %v):\nfast: %s\nfull: %s", what, errs[0], errs[1], a, b)
	}
	return reps[0]
}

// fast12Members splits a canonical line's top-level members (each
// without its comma) at the commas between them.
func fast12Members(t *testing.T, line string) []string {
	t.Helper()
	var l chain.Line
	if !chain.ScanLine([]byte(line), &l) {
		t.Fatalf("not a line: %s", line)
	}
	val, err := chain.Parse([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range val.Members {
		out = append(out, string(chain.AppendCanonical(nil, chain.Obj([]chain.Member{m})))[1:])
	}
	for i := range out {
		out[i] = strings.TrimSuffix(out[i], "}")
	}
	return out
}

// TestFileLineFastPathMatchesFull: a File line checked by hashing its
// bytes gets exactly the verdict of one parsed in full, whatever was done
// to the audit member's place and to the space around it: moved to every
// other place among the members, white space put at every byte.
func TestFileLineFastPathMatchesFull(t *testing.T) {
	o := VerifyOptions{Key: testKey}
	log := fast12Log(t, WithKey("k1", testKey))
	rep := verifyFastAndFull(t, log, o, "as written")
	if !rep.Intact() || len(rep.Findings) != 0 {
		t.Fatalf("as written: %v", rep.Findings)
	}
	lines := strings.SplitAfter(strings.TrimSuffix(string(log), "\n"), "\n")
	edited := func(i int, line string) []byte {
		ls := append([]string{}, lines...)
		ls[i] = line
		if !strings.HasSuffix(line, "\n") && i < len(ls)-1 {
			ls[i] += "\n"
		}
		return []byte(strings.Join(ls, ""))
	}
	moved, spaced := 0, 0
	for i, line := range lines {
		body := strings.TrimSuffix(line, "\n")
		members := fast12Members(t, body)
		at := -1
		for j, m := range members {
			if strings.HasPrefix(m, `"audit":`) {
				at = j
			}
		}
		if at < 0 {
			t.Fatalf("line %d has no audit member", i+1)
		}
		for to := range members {
			if to == at {
				continue
			}
			ms := append([]string{}, members...)
			audit := ms[at]
			ms = append(ms[:at], ms[at+1:]...)
			ms = append(ms[:to], append([]string{audit}, ms[to:]...)...)
			rep := verifyFastAndFull(t, edited(i, "{"+strings.Join(ms, ",")+"}"), o, fmt.Sprintf("line %d: audit member moved to %d", i+1, to))
			if rep.Intact() {
				t.Fatalf("line %d: audit member moved from %d to %d: intact", i+1, at, to)
			}
			moved++
		}
		for k := 0; k <= len(body); k++ {
			for _, ws := range []string{" ", "\t", "\r\n"} {
				verifyFastAndFull(t, edited(i, body[:k]+ws+body[k:]), o, fmt.Sprintf("line %d: %q at byte %d", i+1, ws, k))
				spaced++
			}
		}
	}
	t.Logf("%d moves, %d spacings", moved, spaced)
}
