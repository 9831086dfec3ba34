package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

// twoGluedLog writes a log that two Files share, chains "orders" and
// "doors", where the write of each lands on another writer's fragment
// (fragA, then fragB) after its look at the file's end: the record of
// "doors" lands while "orders" has not written its copy yet. It returns
// the log's lines and where the two glued records are.
func twoGluedLog(t *testing.T, fragA, fragB []byte) (lines [][]byte, gA, gB int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	afA, hA := openChain(t, path, "orders")
	defer afA.Close()
	logA := slog.New(hA)
	logA.Info("shipped", "order", 1)
	afB, hB := openChain(t, path, "doors")
	defer afB.Close()
	logB := slog.New(hB)
	logB.Info("opened", "door", 1)
	logA.Info("shipped", "order", 2) // sees the other File's line
	logB.Info("opened", "door", 2)
	callsB := 0
	afB.mu.Lock()
	afB.inject = func(f *os.File, p []byte) (int, error) {
		if callsB == 0 {
			appendRaw(t, path, fragB)
		}
		callsB++
		return f.Write(p)
	}
	afB.mu.Unlock()
	callsA := 0
	afA.mu.Lock()
	afA.inject = func(f *os.File, p []byte) (int, error) {
		switch callsA {
		case 0:
			appendRaw(t, path, fragA)
		case 1: // before the copy of its glued record
			logB.Info("opened", "door", 3)
		}
		callsA++
		return f.Write(p)
	}
	afA.mu.Unlock()
	logA.Info("shipped", "order", 3)
	logA.Info("shipped", "order", 4)
	logB.Info("opened", "door", 4)
	if err := hA.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := hB.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines = logLines(data)
	gA, gB = gluedAt(lines, fragA), gluedAt(lines, fragB)
	if gA < 0 || gB != gA+1 || !bytes.Equal(lines[gB+1], lines[gB][len(fragB):]) {
		t.Fatalf("want the record of orders glued, then the record of doors glued and its copy:\n%s", data)
	}
	return lines, gA, gB
}

// Two Files whose records land on two fragments, the second before the
// first File writes its copy, leave a log that verifies intact, with the
// two fragments torn, however their lines interleave; taking either copy
// away, or gluing a record without copy before them, is tampering.
func TestTwoRecordsGluedBeforeTheirCopies(t *testing.T) {
	fragA := otherWriterLines(t, "gates", 1)[0]
	fragA = fragA[:len(fragA)*2/5]
	fragB := otherWriterLines(t, "vaults", 1)[0]
	fragB = fragB[:len(fragB)*3/4]
	lines, gA, gB := twoGluedLog(t, fragA, fragB)
	copyA := lines[gA][len(fragA):]
	if bytes.Equal(copyA, lines[gB][len(fragB):]) {
		t.Fatal("the two glued records are the same")
	}
	cA := -1
	for i := gB + 2; i < len(lines); i++ {
		if bytes.Equal(lines[i], copyA) {
			cA = i
		}
	}
	if cA < 0 {
		t.Fatalf("no copy of the record of orders")
	}
	// drop returns lines without the line at i.
	drop := func(ls [][]byte, i int) [][]byte {
		return append(append([][]byte(nil), ls[:i]...), ls[i+1:]...)
	}
	// moveTo returns lines with the line at from put at to (to < from).
	moveTo := func(ls [][]byte, from, to int) [][]byte {
		out := append([][]byte(nil), ls[:to]...)
		out = append(out, ls[from])
		out = append(out, ls[to:from]...)
		return append(out, ls[from+1:]...)
	}
	junk := []byte(`{"msg":"killed here`)
	// glueJunk returns lines with a fragment put before the line at i.
	glueJunk := func(i int) [][]byte {
		out := append([][]byte(nil), lines...)
		out[i] = append(append([]byte(nil), junk...), lines[i]...)
		return out
	}
	prevA := -1 // the record of orders before its glued one
	for i := gA - 1; i >= 0 && prevA < 0; i-- {
		if bytes.Contains(lines[i], []byte(`"chain":"orders"`)) {
			prevA = i
		}
	}
	cases := []struct {
		name   string
		log    [][]byte
		intact bool
	}{
		{"as written", lines, true},
		{"first copy first", moveTo(lines, cA, gB+1), true},
		{"first copy before the second glued record", moveTo(lines, cA, gB), true},
		{"first copy removed", drop(lines, cA), false},
		{"second copy removed", drop(lines, gB+1), false},
		{"both copies removed", drop(drop(lines, cA), gB+1), false},
		{"a record glued without copy before them", glueJunk(gA - 1), false},
		{"the chain's record before them glued without copy", glueJunk(prevA), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := bytes.Join(tc.log, nil)
			rep, err := Verify(context.Background(), bytes.NewReader(data), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
			if got := err == nil && rep.Intact(); got != tc.intact {
				t.Fatalf("intact %v, want %v: %v %v\n%s", got, tc.intact, err, rep.Findings, data)
			}
			if tc.intact && len(findingsOf(rep, Torn)) != 2 {
				t.Fatalf("want the two torn lines: %v", rep.Findings)
			}
		})
	}
}
