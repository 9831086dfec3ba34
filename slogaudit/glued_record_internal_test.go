package slogaudit

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

// gluedLog writes records 1 to 3 of chain "orders" to a log that another
// writer shares (it appended a whole line first), and makes frags land,
// one before each of the File's next len(frags) write calls, as the
// fragments of writers killed part-way through a write after the File
// looked at the file's end and before its write landed. It returns the
// log's path.
func gluedLog(t *testing.T, frags ...[]byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.log")
	other := otherWriterLines(t, "doors", 1)
	af, h := openChain(t, path, "orders")
	defer af.Close()
	log := slog.New(h)
	log.Info("shipped", "order", 1)
	appendRaw(t, path, other[0])
	af.mu.Lock()
	calls := 0
	af.inject = func(f *os.File, p []byte) (int, error) {
		if calls < len(frags) {
			appendRaw(t, path, frags[calls])
		}
		calls++
		return f.Write(p)
	}
	af.mu.Unlock()
	log.Info("shipped", "order", 2)
	log.Info("shipped", "order", 3)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	return path
}

// logLines returns the lines of data, each with its newline, without the
// blank lines that a File's closing newline leaves when it closed nothing
// (the verifier skips them).
func logLines(data []byte) [][]byte {
	var out [][]byte
	for _, l := range bytes.SplitAfter(data, []byte("\n")) {
		if len(l) > 0 && !bytes.Equal(l, []byte("\n")) {
			out = append(out, l)
		}
	}
	return out
}

// gluedAt returns the index of the line of lines that holds frag with a
// record glued onto it, or -1.
func gluedAt(lines [][]byte, frag []byte) int {
	for i, l := range lines {
		if bytes.HasPrefix(l, frag) && bytes.HasPrefix(l[len(frag):], []byte(`{"audit":`)) {
			return i
		}
	}
	return -1
}

// restartChain opens the log at path again, as a restarted process
// would, logs one record of chain "orders" (order n) and closes it.
func restartChain(t *testing.T, path string, n int) {
	t.Helper()
	af, h := openChain(t, path, "orders")
	slog.New(h).Info("shipped", "order", n)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af.Close()
}

// requireCopiedOnce checks that the log at path holds a record glued onto
// frag with its copy on the next line, and verifies intact with that one
// torn line.
func requireCopiedOnce(t *testing.T, path string, frag []byte) {
	t.Helper()
	data, _ := os.ReadFile(path)
	lines := logLines(data)
	g := gluedAt(lines, frag)
	if g < 0 || g+1 >= len(lines) || !bytes.Equal(lines[g+1], lines[g][len(frag):]) {
		t.Fatalf("the record glued onto the fragment is not written again:\n%s", data)
	}
	rep := verifyIntact(t, path)
	if len(findingsOf(rep, Torn)) != 1 {
		t.Fatalf("want the one torn line: %v", rep.Findings)
	}
}

// gluedFragments returns fragments of other writers' records, cut at
// different places.
func gluedFragments(t *testing.T) map[string][]byte {
	line := otherWriterLines(t, "gates", 1)[0]
	return map[string][]byte{
		"three bytes":  line[:3],
		"in a key":     line[:len(`{"audit":{"cha`)],
		"in a string":  line[:len(line)/2],
		"all but '}'":  line[:len(line)-2],
		"after escape": []byte(`{"msg":"a \"quoted\`),
	}
}

// A record that lands on the fragment another writer left between the
// File's look at the file's end and its write is written again on a line
// of its own, and the File's audit.gap names the fragment: the log
// verifies intact, with that torn line as its only finding, and every
// record is on a line of its own. So it is when another fragment lands
// between the glued record and its copy: the copy's newline closes it, and
// it is named too.
func TestRecordLandedOnAFragmentIsWrittenAgain(t *testing.T) {
	for name, frag := range gluedFragments(t) {
		for _, times := range []int{1, 2} {
			t.Run(fmt.Sprintf("%s/%d", name, times), func(t *testing.T) {
				frags := make([][]byte, times)
				for i := range frags {
					frags[i] = frag[:len(frag)-i] // distinct fragments
				}
				path := gluedLog(t, frags...)
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				lines := logLines(data)
				g := gluedAt(lines, frags[0])
				if g < 0 || g+times >= len(lines) {
					t.Fatalf("no record glued onto the fragment:\n%s", data)
				}
				rec := lines[g][len(frags[0]):]
				if !bytes.Contains(rec, []byte(`"order":2`)) {
					t.Fatalf("line %d: the record glued onto the fragment is not record 2: %q", g+1, lines[g])
				}
				for i := 1; i < times; i++ { // landed between the glued write and the copy, closed by the copy's newline
					if want := append(append([]byte(nil), frags[i]...), '\n'); !bytes.Equal(lines[g+i], want) {
						t.Fatalf("line %d is not the next fragment, closed:\n%s", g+i+1, data)
					}
				}
				if !bytes.Equal(lines[g+times], rec) {
					t.Fatalf("line %d is not the copy of the record glued at line %d:\n%s", g+times+1, g+1, data)
				}
				for _, f := range frags {
					if want := fmt.Sprintf(`"torn":{"bytes":%d`, len(f)); !bytes.Contains(data, []byte(want)) {
						t.Fatalf("no record names the %d-byte fragment:\n%s", len(f), data)
					}
				}
				rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
				if err != nil || !rep.Intact() {
					t.Fatalf("not intact: %v %v\n%s", err, rep.Findings, data)
				}
				torn := 0
				for _, f := range rep.Findings {
					if f.Kind != Torn {
						t.Errorf("finding other than a torn line: %s", f)
					}
					torn++
				}
				if torn != times {
					t.Fatalf("%d torn lines, want %d: %v", torn, times, rep.Findings)
				}
				if c := rep.Chains["orders"]; c.Last < 3 {
					t.Fatalf("chain orders ends at %d: %+v", c.Last, rep.Chains)
				}
			})
		}
	}
}

// The copy is what makes the fragment a crash's: a line changed into a
// glued one (a newline removed, the copy removed or changed, moved after
// the audit.gap, or a record's bytes glued onto a fragment without its
// copy) verifies TAMPERED.
func TestGluedRecordWithoutItsCopyIsTampering(t *testing.T) {
	frag := gluedFragments(t)["in a string"]
	path := gluedLog(t, frag)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := logLines(data)
	g := gluedAt(lines, frag)
	if g < 0 || g+2 >= len(lines) {
		t.Fatalf("no glued line:\n%s", data)
	}
	join := func(ls ...[]byte) []byte { return bytes.Join(ls, nil) }
	rest := join(lines[g+3:]...)
	cases := map[string][]byte{
		"copy removed":      join(join(lines[:g+1]...), lines[g+2], rest),
		"nothing after it":  join(lines[:g+1]...),
		"copy changed":      join(join(lines[:g+1]...), bytes.Replace(lines[g+1], []byte(`"order":2`), []byte(`"order":7`), 1), lines[g+2], rest),
		"copy after gap":    join(join(lines[:g+1]...), lines[g+2], lines[g+1], rest),
		"newline removed":   join(join(lines[:g-1]...), bytes.TrimSuffix(lines[g-1], []byte("\n")), join(lines[g:]...)),
		"fragment replaced": join(join(lines[:g]...), append([]byte(`{"audit":{"chain":"x`), lines[g][len(frag):]...), join(lines[g+1:]...)),
	}
	for name, log := range cases {
		t.Run(name, func(t *testing.T) {
			rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
			if err == nil || rep.Intact() {
				t.Fatalf("verifies intact: %v\n%s", rep.Findings, log)
			}
		})
	}
}

// A process whose record landed on a fragment (and whose copy landed on
// another), and that wrote the copy but was killed before its audit.gap,
// leaves the fragments unnamed: the handler that resumes its chain names
// them in its audit.start, and the log verifies intact.
func TestGluedFragmentNamedByTheRestart(t *testing.T) {
	frag := gluedFragments(t)["in a key"]
	for _, times := range []int{1, 2} {
		t.Run(fmt.Sprint(times), func(t *testing.T) {
			frags := [][]byte{frag, frag[:len(frag)-1]}[:times]
			path := gluedLog(t, frags...)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := logLines(data)
			g := gluedAt(lines, frag)
			if g < 0 {
				t.Fatalf("no glued line:\n%s", data)
			}
			// Killed after the copy: nothing after it.
			if err := os.WriteFile(path, bytes.Join(lines[:g+times+1], nil), 0o600); err != nil {
				t.Fatal(err)
			}
			restartChain(t, path, 4)
			data, _ = os.ReadFile(path)
			if !bytes.Contains(data, []byte(`"torn_closed"`)) {
				t.Fatalf("the audit.start does not name the fragment:\n%s", data)
			}
			rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
			if err != nil || !rep.Intact() {
				t.Fatalf("not intact: %v %v\n%s", err, rep.Findings, data)
			}
			torn := 0
			for _, f := range rep.Findings {
				switch {
				case f.Kind == Torn:
					torn++
				case !f.Kind.Info():
					t.Errorf("finding: %s", f)
				}
			}
			if torn != times {
				t.Fatalf("%d torn lines, want %d: %v", torn, times, rep.Findings)
			}
		})
	}
}

// Another writer whose write was in flight when a File rotated the log
// writes on into the file rotated away, where nobody writes any more;
// killed part-way, it leaves a fragment at that file's end. The File
// that rotated closes that file's last line with a newline and names
// what it closed: the log verifies intact, the fragment torn. When the
// other writer ended its line, nothing is named.
func TestFragmentLandedInTheFileRotatedAway(t *testing.T) {
	other := otherWriterLines(t, "doors", 1)[0]
	for _, tc := range []struct {
		name   string
		landed []byte // what the other writer's write left in the file renamed away
		named  bool
	}{
		{"killed part-way", other[:len(other)/2], true},
		{"killed after one byte", other[:1], true},
		{"whole line", other, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "audit.log")
			af, err := OpenFile(path, WithFileSync(SyncNever()), WithRotateSize(1500))
			if err != nil {
				t.Fatal(err)
			}
			defer af.Close()
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
			if err != nil {
				t.Fatal(err)
			}
			landed := false
			af.mu.Lock()
			af.injectRotate = func(step string) error {
				if step == "rename" && !landed {
					landed = true
					appendRaw(t, path, tc.landed) // lands after the File's look, before the rename
				}
				return nil
			}
			af.mu.Unlock()
			log := slog.New(h)
			for i := range 12 {
				log.Info("shipped", "order", i)
			}
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			if !landed {
				t.Fatal("no rotation")
			}
			paths, err := RotatedFiles(path)
			if err != nil {
				t.Fatal(err)
			}
			first, err := os.ReadFile(paths[0])
			if err != nil {
				t.Fatal(err)
			}
			closed := tc.landed
			if !bytes.HasSuffix(closed, []byte("\n")) {
				closed = append(append([]byte(nil), closed...), '\n')
			}
			if !bytes.HasSuffix(first, closed) {
				t.Fatalf("the file rotated away does not end with the other writer's line, closed:\n%s", first)
			}
			var all []byte
			for _, p := range paths {
				data, _ := os.ReadFile(p)
				all = append(all, data...)
			}
			want := fmt.Sprintf(`"torn":{"bytes":%d`, len(tc.landed))
			if got := bytes.Contains(all, []byte(want)); got != tc.named {
				t.Fatalf("named %v, want %v:\n%s", got, tc.named, all)
			}
			rep, err := VerifyFiles(context.Background(), paths, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
			if err != nil || !rep.Intact() {
				t.Fatalf("not intact: %v %v\n%s", err, rep.Findings, all)
			}
		})
	}
}

// A process whose record closed another writer's fragment, killed before
// its audit.gap, leaves the fragment unnamed in a file that is rotated
// away before the process restarts: the handler resuming its chain finds
// the chain's head in that file, and names the fragment there.
func TestClosedFragmentInARotatedFileNamedByTheRestart(t *testing.T) {
	for _, mode := range []string{"closed", "glued", "glued, killed before the copy"} {
		glued := mode != "closed"
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "audit.log")
			frag := gluedFragments(t)["in a string"]
			if glued {
				path = gluedLog(t, frag)
			} else {
				af, h := openChain(t, path, "orders")
				log := slog.New(h)
				log.Info("shipped", "order", 1)
				appendRaw(t, path, frag)
				log.Info("shipped", "order", 2) // closes the fragment, then names it
				if err := h.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
				af.Close()
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := logLines(data)
			// Killed right after the record that closed the fragment (and
			// its copy): nothing after it.
			var cut int
			for i, l := range lines {
				if bytes.Contains(l, []byte(`"order":2`)) {
					cut = i + 1
					if mode == "glued, killed before the copy" {
						break
					}
				}
			}
			if cut == 0 || !bytes.Contains(bytes.Join(lines[cut:], nil), []byte(`"torn":{`)) {
				t.Fatalf("no record 2 with an audit.gap after it:\n%s", data)
			}
			rotated := path + ".000001"
			if err := os.WriteFile(rotated, bytes.Join(lines[:cut], nil), 0o600); err != nil {
				t.Fatal(err)
			}
			// Another process rotated the log and wrote on in the new file.
			if err := os.WriteFile(path, bytes.Join(otherWriterLines(t, "docks", 3), nil), 0o600); err != nil {
				t.Fatal(err)
			}
			restartChain(t, path, 3)
			cur, _ := os.ReadFile(path)
			if !bytes.Contains(cur, []byte(`"torn_closed"`)) {
				t.Fatalf("the audit.start does not name the fragment:\n%s", cur)
			}
			rep, err := VerifyFiles(context.Background(), []string{rotated, path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
			if err != nil || !rep.Intact() {
				t.Fatalf("not intact: %v %v", err, rep.Findings)
			}
		})
	}
}

// A writer whose descriptor still named a file that another File rotated
// away, killed part-way through its write there after every live File
// had looked, leaves a fragment at the end of a rotated file: the next
// File to write closes it and names it.
func TestFragmentAtTheEndOfARotatedFileNamedByTheNextFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	old := otherWriterLines(t, "doors", 3)
	frag := otherWriterLines(t, "gates", 1)[0]
	frag = frag[:len(frag)/2]
	rotated := path + ".000001"
	if err := os.WriteFile(rotated, append(bytes.Join(old, nil), frag...), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, bytes.Join(otherWriterLines(t, "docks", 2), nil), 0o600); err != nil {
		t.Fatal(err)
	}
	af, h := openChain(t, path, "orders")
	slog.New(h).Info("shipped", "order", 1)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af.Close()
	first, _ := os.ReadFile(rotated)
	if !bytes.HasSuffix(first, append(append([]byte(nil), frag...), '\n')) {
		t.Fatalf("the rotated file's fragment is not closed:\n%s", first)
	}
	rep, err := VerifyFiles(context.Background(), []string{rotated, path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	if err != nil || !rep.Intact() {
		t.Fatalf("not intact: %v %v", err, rep.Findings)
	}
	if len(findingsOf(rep, Torn)) != 1 {
		t.Fatalf("want the one torn line: %v", rep.Findings)
	}
}

// Once another writer has appended to the file, a File looks where each
// of its writes landed, even when nobody wrote since its last write when
// it looked at the file's end: the other writer's next write may start
// right after that look (a File descheduled between its look and its
// write).
func TestRecordLandedOnAFragmentAfterAQuietSpell(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	other := otherWriterLines(t, "doors", 2)
	frag := other[1][:len(other[1])/3]
	af, h := openChain(t, path, "orders")
	defer af.Close()
	log := slog.New(h)
	log.Info("shipped", "order", 1)
	appendRaw(t, path, other[0])
	log.Info("shipped", "order", 2) // sees the other writer's line
	af.mu.Lock()
	landed := false
	af.inject = func(f *os.File, p []byte) (int, error) {
		if !landed {
			landed = true
			appendRaw(t, path, frag) // after the look, which saw only this File's line
		}
		return f.Write(p)
	}
	af.mu.Unlock()
	log.Info("shipped", "order", 3)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	requireCopiedOnce(t, path, frag)
}

// A File opened on a log whose tail holds records of several chains (a
// log that processes share) looks where its writes land from its first
// write on: another writer's next write may be cut off right after the
// File's first look.
func TestRecordLandedOnAFragmentAtTheFirstWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	appendRaw(t, path, bytes.Join(otherWriterLines(t, "doors", 2), nil))
	appendRaw(t, path, bytes.Join(otherWriterLines(t, "docks", 2), nil))
	frag := otherWriterLines(t, "gates", 1)[0]
	frag = frag[:len(frag)/2]
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	af.mu.Lock()
	landed := false
	af.inject = func(f *os.File, p []byte) (int, error) {
		if !landed {
			landed = true
			appendRaw(t, path, frag) // after the first look
		}
		return f.Write(p)
	}
	af.mu.Unlock()
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("shipped", "order", 1)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	requireCopiedOnce(t, path, frag)
}

// A process killed between the record whose newline closed another
// writer's fragment and the audit.gap naming it leaves the fragment
// unnamed; while nothing resumes its chain, the log verifies intact, the
// fragment reported torn (closed by the chain's last record). A fragment
// changed while its closing record's chain goes on is malformed.
func TestFragmentClosedByAChainsLastRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	frag := gluedFragments(t)["in a string"]
	af, h := openChain(t, path, "orders")
	log := slog.New(h)
	log.Info("shipped", "order", 1)
	appendRaw(t, path, frag)
	log.Info("shipped", "order", 2) // closes the fragment, then names it
	log.Info("shipped", "order", 3)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af.Close()
	data, _ := os.ReadFile(path)
	lines := logLines(data)
	f := -1
	for i, l := range lines {
		if bytes.Equal(l, append(append([]byte(nil), frag...), '\n')) {
			f = i
		}
	}
	if f < 0 || f+3 >= len(lines) || !bytes.Contains(lines[f+2], []byte(`"torn":{`)) {
		t.Fatalf("want the fragment, record 2 and the audit.gap naming it:\n%s", data)
	}
	join := func(ls ...[]byte) []byte { return bytes.Join(ls, nil) }
	verify := func(log []byte) Report {
		rep, _ := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
		return rep
	}
	killed := join(lines[:f+2]...) // killed right after record 2
	rep := verify(killed)
	if !rep.Intact() || len(findingsOf(rep, Torn)) != 1 {
		t.Fatalf("killed before the audit.gap: not intact with one torn line: %v", rep.Findings)
	}
	goesOn := join(join(lines[:f]...), append([]byte(`{"audit":{"chain":"x","seq":`), '\n'), join(lines[f+1:]...))
	if rep := verify(goesOn); rep.Intact() {
		t.Fatalf("a fragment changed while its closer's chain goes on verifies intact: %v", rep.Findings)
	}
}
