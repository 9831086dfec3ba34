package slogaudit

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// verifyFilesOf verifies the log files at paths with the test key.
func verifyFilesOf(t *testing.T, paths ...string) Report {
	t.Helper()
	rep, err := VerifyFiles(context.Background(), paths, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	if err != nil {
		t.Logf("verify error: %v", err)
	}
	return rep
}

// dumpPaths returns the files at paths, each after its name, for a
// failure message.
func dumpPaths(t *testing.T, paths ...string) string {
	var b bytes.Buffer
	for _, p := range paths {
		d, _ := os.ReadFile(p)
		b.WriteString("== " + p + "\n")
		b.Write(d)
	}
	return b.String()
}

// A fragment that the rotating File closed with a newline of its own (and
// named in its audit.gap) is followed, in the rotated file, by a record
// that a second File wrote through its descriptor of that file; that
// File's process dies, and the restart that finds its head in the rotated
// file does not name the same fragment again.
func TestFragmentClosedByARotationIsNotNamedAgain(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	frag := otherWriterLines(t, "gates", 1)[0]
	frag = frag[:len(frag)/2]
	fa, err := OpenFile(path, WithFileSync(SyncNever()), WithRotateSize(3000))
	if err != nil {
		t.Fatal(err)
	}
	ha, err := fa.Handler(WithKey("k1", testKey), WithChainID("docks"))
	if err != nil {
		t.Fatal(err)
	}
	fb, err := OpenFile(path, WithFileSync(SyncNever()), WithRotateSize(3000))
	if err != nil {
		t.Fatal(err)
	}
	hb, err := fb.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(hb).Info("shipped", "order", 1)
	landed := false
	fa.mu.Lock()
	fa.injectRotate = func(step string) error {
		if step == "create" && !landed {
			landed = true
			appendRaw(t, path+".000001", frag) // a writer killed in its write to the file just renamed away
		}
		return nil
	}
	fa.mu.Unlock()
	la := slog.New(ha)
	for i := 0; !landed && i < 50; i++ {
		la.Info("moored", "ship", i)
	}
	if !landed {
		t.Fatal("no rotation")
	}
	slog.New(hb).Info("shipped", "order", 2) // through its descriptor of the renamed file
	fb.mu.Lock()
	fb.f.Close() // the process dies: nothing more from it
	if fb.locks != nil {
		fb.locks.Close()
	}
	fb.closed = true
	fb.mu.Unlock()
	la.Info("moored", "ship", 100)
	if err := ha.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	fa.Close()
	// The process of chain orders restarts.
	fc, hc := openChain(t, path, "orders")
	slog.New(hc).Info("shipped", "order", 3)
	if err := hc.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	fc.Close()
	paths, _ := RotatedFiles(path)
	rep := verifyFilesOf(t, paths...)
	if !rep.Intact() {
		t.Fatalf("untouched log verifies TAMPERED: %v\n%s", rep.Findings, dumpPaths(t, paths...))
	}
	t.Logf("%v\n%s", rep.Findings, dumpPaths(t, paths...))
}

// The Monotonic rule across a restart compares with the time of the
// chain's last record a caller logged, as a handler of the same File
// does, not with the audit.stop that the clock stamped at Close.
func TestMonotonicAfterARestartComparesCallerRecords(t *testing.T) {
	t0 := time.Date(2026, 7, 9, 3, 4, 5, 0, time.UTC)
	p := Policy{Name: "clock", Monotonic: true, MonotonicClause: "Clock 1"}
	counts := map[bool]int{}
	for _, reopen := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "audit.log")
		var seen []Violation
		var af *File
		for _, ts := range []time.Time{t0.Add(-time.Minute), t0.Add(-30 * time.Second)} {
			if af == nil || reopen {
				var err error
				af, err = OpenFile(path)
				if err != nil {
					t.Fatal(err)
				}
			}
			h, err := af.Handler(WithChainID("till"), WithPolicy(p),
				OnViolation(func(v Violation) { seen = append(seen, v) }), withClock(func() time.Time { return t0 }))
			if err != nil {
				t.Fatal(err)
			}
			if err := h.Handle(context.Background(), slog.NewRecord(ts, slog.LevelInfo, "sale", 0)); err != nil {
				t.Fatal(err)
			}
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			if reopen {
				af.Close()
			}
		}
		if !reopen {
			af.Close()
		}
		counts[reopen] = len(seen)
	}
	if counts[true] != counts[false] {
		t.Fatalf("violations: %d after a restart, %d with the same File", counts[true], counts[false])
	}
}

// The audit.gap naming the fragment a record landed on also declares the
// record after it lost (the disk was full for a while): the fragment is
// where its writer left it, not reordered.
func TestGluedFragmentAndALossInOneGap(t *testing.T) {
	for fails := 1; fails <= 4; fails++ {
		path := filepath.Join(t.TempDir(), "audit.log")
		other := otherWriterLines(t, "doors", 1)
		frag := otherWriterLines(t, "gates", 1)[0]
		frag = frag[:len(frag)/2]
		af, err := OpenFile(path, WithFileSync(SyncNever()))
		if err != nil {
			t.Fatal(err)
		}
		h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"), OnError(func(error) {}))
		if err != nil {
			t.Fatal(err)
		}
		log := slog.New(h)
		log.Info("shipped", "order", 1)
		appendRaw(t, path, other[0])
		af.mu.Lock()
		calls := 0
		af.inject = func(f *os.File, p []byte) (int, error) {
			calls++
			switch {
			case calls == 1:
				appendRaw(t, path, frag)
			case calls >= 3 && calls < 3+fails:
				return 0, syscall.ENOSPC
			}
			return f.Write(p)
		}
		af.mu.Unlock()
		log.Info("shipped", "order", 2)
		log.Info("shipped", "order", 3)
		log.Info("shipped", "order", 4)
		log.Info("shipped", "order", 5)
		h.Close(context.Background())
		af.Close()
		rep := verifyFilesOf(t, path)
		var bad []Finding
		for _, f := range rep.Findings {
			if f.Kind != Torn && !f.Kind.Info() {
				bad = append(bad, f)
			}
		}
		if len(bad) > 0 {
			t.Errorf("fails=%d: %v\n%s", fails, rep.Findings, dumpPaths(t, path))
		} else {
			t.Logf("fails=%d ok: %v", fails, rep.Findings)
		}
	}
}

// A file that ends with another writer's whole record whose newline its
// write did not reach (in a rotated file, and in the current one) holds
// no fragment: the newline that closes it names nothing.
func TestWholeRecordWithoutItsNewlineIsNotNamed(t *testing.T) {
	for _, where := range []string{"rotated", "current"} {
		dir := t.TempDir()
		path := filepath.Join(dir, "audit.log")
		old := otherWriterLines(t, "doors", 3)
		last := bytes.TrimSuffix(old[2], []byte("\n"))
		rotated := path + ".000001"
		paths := []string{path}
		if where == "rotated" {
			if err := os.WriteFile(rotated, append(bytes.Join(old[:2], nil), last...), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, bytes.Join(otherWriterLines(t, "docks", 2), nil), 0o600); err != nil {
				t.Fatal(err)
			}
			paths = []string{rotated, path}
		}
		af, h := openChain(t, path, "orders")
		log := slog.New(h)
		log.Info("shipped", "order", 1)
		if where == "current" {
			appendRaw(t, path, bytes.Join(old[:2], nil))
			appendRaw(t, path, last)
			log.Info("shipped", "order", 2)
		}
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		af.Close()
		rep := verifyFilesOf(t, paths...)
		if !rep.Intact() {
			t.Errorf("%s: TAMPERED: %v\n%s", where, rep.Findings, dumpPaths(t, paths...))
		} else {
			t.Logf("%s: ok %v", where, rep.Findings)
		}
	}
}

// The tail holds one chain, another process's; this File writes another
// chain; that process is killed mid-write right after the File's first
// look: the record written again, the fragment named.
func TestOneForeignChainInTheTailSharesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	appendRaw(t, path, bytes.Join(otherWriterLines(t, "doors", 2), nil))
	frag := otherWriterLines(t, "doors", 3)[2]
	frag = frag[:len(frag)/2]
	af, err := OpenFile(path, WithFileSync(SyncNever()))
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	appendBeforeFirstWrite(t, af, path, frag)
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	slog.New(h).Info("shipped", "order", 1)
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	rep := verifyFilesOf(t, path)
	if !rep.Intact() {
		t.Fatalf("TAMPERED: %v\n%s", rep.Findings, dumpPaths(t, path))
	}
}

// Another live writer's whole line lands between a File's record that
// landed on a fragment and that record's copy (two writes): the copy is
// still found, before the chain's next record, and the log verifies
// intact.
func TestLiveWriterBetweenGluedRecordAndItsCopy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	other := otherWriterLines(t, "doors", 2)
	frag := otherWriterLines(t, "gates", 1)[0]
	frag = frag[:len(frag)/2]
	af, h := openChain(t, path, "orders")
	defer af.Close()
	log := slog.New(h)
	log.Info("shipped", "order", 1)
	appendRaw(t, path, other[0])
	af.mu.Lock()
	calls := 0
	af.inject = func(f *os.File, p []byte) (int, error) {
		switch calls {
		case 0:
			appendRaw(t, path, frag) // killed writer, after the look
		case 1:
			appendRaw(t, path, other[1]) // live writer, between the glued write and the copy
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
	rep := verifyFilesOf(t, path)
	if !rep.Intact() {
		t.Fatalf("untouched log verifies TAMPERED: %v\n%s", rep.Findings, dumpPaths(t, path))
	}
}

// A process killed between its record that landed on a fragment and that
// record's copy: the restart resumes the chain from the glued record (no
// fork), and names the fragment in its audit.start; the log verifies
// intact.
func TestKilledBeforeTheCopyOfAGluedRecord(t *testing.T) {
	frag := gluedFragments(t)["in a string"]
	path := gluedLog(t, frag)
	data, _ := os.ReadFile(path)
	lines := logLines(data)
	g := gluedAt(lines, frag)
	if g < 0 {
		t.Fatalf("no glued line:\n%s", data)
	}
	if err := os.WriteFile(path, bytes.Join(lines[:g+1], nil), 0o600); err != nil {
		t.Fatal(err)
	}
	restartChain(t, path, 4)
	rep := verifyFilesOf(t, path)
	if !rep.Intact() {
		t.Fatalf("killed between the glued record and its copy: TAMPERED: %v\n%s", rep.Findings, dumpPaths(t, path))
	}
}

// Two fragments of the same bytes (writers killed at the same byte): the
// first is named by an audit.gap; a record lands on the second and is
// copied, and its process is killed before its audit.gap. The restart
// names the second: the first's name is not taken for it.
func TestSameBytesFragmentNamedEarlier(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	frag := []byte(`{"au`)
	af, h := openChain(t, path, "orders")
	log := slog.New(h)
	log.Info("shipped", "order", 1)
	appendRaw(t, path, frag)
	log.Info("shipped", "order", 2) // closes and names the first
	appendBeforeFirstWrite(t, af, path, frag)
	log.Info("shipped", "order", 3) // lands on the second, copied
	af.mu.Lock()
	af.inject = nil
	af.mu.Unlock()
	data, _ := os.ReadFile(path)
	lines := logLines(data)
	g := -1
	for i, l := range lines {
		if bytes.HasPrefix(l, append(append([]byte(nil), frag...), `{"audit":`...)) {
			g = i
		}
	}
	if g < 0 {
		t.Fatalf("no glued line:\n%s", data)
	}
	af.Close()
	if err := os.WriteFile(path, bytes.Join(lines[:g+2], nil), 0o600); err != nil { // killed after the copy
		t.Fatal(err)
	}
	restartChain(t, path, 4)
	rep := verifyFilesOf(t, path)
	if !rep.Intact() {
		t.Fatalf("TAMPERED: %v\n%s", rep.Findings, dumpPaths(t, path))
	}
}

// A File that shares its log rotates it, and another writer's first write
// into the new, empty file is cut off after the File looked and before
// its record landed: the record is written again and the fragment named,
// as anywhere else in the file.
func TestRecordLandedOnAFragmentInANewFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	other := otherWriterLines(t, "doors", 1)
	frag := otherWriterLines(t, "gates", 1)[0]
	frag = frag[:len(frag)/2]
	af, err := OpenFile(path, WithFileSync(SyncNever()), WithRotateSize(1500))
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	h, err := af.Handler(WithKey("k1", testKey), WithChainID("orders"))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(h)
	log.Info("shipped", "order", 0)
	appendRaw(t, path, other[0]) // another writer: the File shares the log
	landed := false
	af.mu.Lock()
	af.inject = func(f *os.File, p []byte) (int, error) {
		if st, err := f.Stat(); err == nil && st.Size() == 0 && !landed {
			landed = true
			appendRaw(t, path, frag) // the new file's first bytes, after the File's look
		}
		return f.Write(p)
	}
	af.mu.Unlock()
	for i := 1; i < 12; i++ {
		log.Info("shipped", "order", i)
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !landed {
		t.Fatal("no rotation to an empty file")
	}
	paths, err := RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	rep := verifyFilesOf(t, paths...)
	if !rep.Intact() {
		t.Fatalf("untouched log verifies TAMPERED: %v\n%s", rep.Findings, dumpPaths(t, paths...))
	}
}

// Fragments of killed writers land before several write calls of one File
// in a row (its record, and what it writes after): every pattern of the
// first six write calls leaves a log that verifies intact.
func TestManyFragmentsLandedInARow(t *testing.T) {
	base := otherWriterLines(t, "gates", 1)[0]
	for mask := range 64 {
		t.Run(fmt.Sprint(mask), func(t *testing.T) {
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
				if calls < 6 && mask&(1<<calls) != 0 {
					appendRaw(t, path, base[:20+calls*7]) // a writer killed after the File's look
				}
				calls++
				return f.Write(p)
			}
			af.mu.Unlock()
			log.Info("shipped", "order", 2)
			log.Info("shipped", "order", 3)
			log.Info("shipped", "order", 4)
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			verifyIntact(t, path)
		})
	}
}

// Two processes open the log while it ends with a crash's fragment larger
// than the lines the verifier keeps whole (64 KiB): both decide to name
// it; one's audit.start closes and names it, the other's newline then
// makes a blank line and its audit.start names it too. The log verifies
// intact.
func TestTwoRestartsNameOneLargeFragment(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.log")
	af0, h0 := openChain(t, src, "doors")
	slog.New(h0).Info("opened", "pad", strings.Repeat("p", 100<<10))
	if err := h0.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	af0.Close()
	data, _ := os.ReadFile(src)
	var big []byte
	for _, l := range logLines(data) {
		if len(l) > 100<<10 {
			big = l
		}
	}
	if big == nil {
		t.Fatal("no large line")
	}
	path := filepath.Join(dir, "audit.log")
	appendRaw(t, path, bytes.Join(otherWriterLines(t, "gates", 2), nil))
	appendRaw(t, path, big[:len(big)*4/5]) // a crash's fragment, 80 KiB
	ax, hx := openChain(t, path, "bees")
	defer ax.Close()
	ay, hy := openChain(t, path, "cows")
	defer ay.Close()
	first := true
	ay.mu.Lock()
	ay.inject = func(f *os.File, p []byte) (int, error) {
		if first {
			first = false
			slog.New(hx).Info("started") // the other restart's write lands first
		}
		return f.Write(p)
	}
	ay.mu.Unlock()
	slog.New(hy).Info("started")
	for _, h := range []*Handler{hx, hy} {
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	rep := verifyFilesOf(t, path)
	if !rep.Intact() {
		t.Fatalf("untouched log verifies TAMPERED: %v", rep.Findings)
	}
}
