package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
	"github.com/slogguard/slogguard/slogcore"
)

// killedSigner signs the checkpoints of the killed writers' logs.
var killedSigner = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{41}, ed25519.SeedSize))

// killedWriter opens the log at path and its checkpoint file as a
// restarted process does, following the documented resume path for its
// kind of writer ("file": File.Handler; "json" and "slogcore": New over
// that handler over the File, with WithResume and WithTorn), and returns
// its handler and a func that closes everything.
func killedWriter(path, kind string) (*slogaudit.Handler, func() error, error) {
	af, err := slogaudit.OpenFile(path, slogaudit.WithRotateSize(6<<10), slogaudit.WithFileSync(slogaudit.SyncNever()))
	if err != nil {
		return nil, nil, err
	}
	cp, err := slogaudit.OpenCheckpointFile(path + ".cp")
	if err != nil {
		return nil, nil, err
	}
	opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("shift"),
		slogaudit.WithSigner(killedSigner), slogaudit.WithCheckpoints(cp, 4, 0)}
	var h *slogaudit.Handler
	var core *slogcore.Handler
	switch kind {
	case "file":
		h, err = af.Handler(opts...)
	default:
		if head, ok := af.Heads()["shift"]; ok {
			opts = append(opts, slogaudit.WithResume(head))
		}
		if torn, ok := af.Torn(); ok {
			opts = append(opts, slogaudit.WithTorn(torn))
		}
		var inner slog.Handler = slog.NewJSONHandler(af, nil)
		if kind == "slogcore" {
			core = slogcore.New(af, &slogcore.Options{BufferSize: 512})
			inner = core
		}
		h, err = slogaudit.New(inner, opts...)
	}
	if err != nil {
		return nil, nil, err
	}
	return h, func() error {
		err := h.Close(context.Background())
		if core != nil {
			core.Close(context.Background())
		}
		cp.Close()
		af.Close()
		return err
	}, nil
}

// logShift logs records of run until n (or forever when n < 0), of
// varying sizes so that kills land anywhere in a line.
func logShift(h *slogaudit.Handler, run string, n int) {
	l := slog.New(h)
	for i := 0; n < 0 || i < n; i++ {
		l.Info("badge scanned", "run", run, "i", i, "gate", strings.Repeat("g", i%97), "ok", i%3 == 0)
	}
}

// logSize returns the bytes of the log's files at path.
func logSize(path string) int64 {
	paths, _ := slogaudit.RotatedFiles(path)
	var n int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// Red team with real crashes: a process writing the log, through
// File.Handler or through New over a JSON or slogcore handler over the
// File, with a small rotation size and frequent signed checkpoints, is
// killed with SIGKILL at random points (mid-record, mid-rotation,
// mid-checkpoint), several times in a row; each restart follows the
// documented resume path. After a last clean run, the untouched log must
// verify intact against its checkpoints: every record present or
// declared lost, the crashes' fragments reported torn, nothing inserted,
// missing or malformed, and no record glued onto a fragment.
func TestKilledWritersLeaveAVerifiableLog(t *testing.T) {
	if path := os.Getenv("SLOGAUDIT_KILLED_CHILD"); path != "" {
		h, _, err := killedWriter(path, os.Getenv("SLOGAUDIT_KILLED_KIND"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		logShift(h, os.Getenv("SLOGAUDIT_KILLED_RUN"), -1)
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 7))
	kinds := []string{"file", "json", "slogcore"}
	for _, name := range append(kinds, "mixed") {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			kind := name
			for run := range 4 {
				if name == "mixed" {
					kind = kinds[rng.IntN(len(kinds))]
				}
				cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWritersLeaveAVerifiableLog$")
				cmd.Env = append(os.Environ(), "SLOGAUDIT_KILLED_CHILD="+path, "SLOGAUDIT_KILLED_KIND="+kind, fmt.Sprintf("SLOGAUDIT_KILLED_RUN=%d", run))
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				before := logSize(path)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				// Kill once the run wrote up to 20 KiB, plus a few
				// hundred microseconds: while starting, mid-record,
				// mid-rotation (every 6 KiB) or mid-checkpoint (every 4
				// records).
				want := before + rng.Int64N(20<<10)
				deadline := time.Now().Add(8 * time.Second)
				for logSize(path) < want && time.Now().Before(deadline) && cmd.ProcessState == nil {
					time.Sleep(200 * time.Microsecond)
				}
				time.Sleep(time.Duration(rng.IntN(500)) * time.Microsecond)
				cmd.Process.Signal(syscall.SIGKILL)
				werr := cmd.Wait()
				if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
					t.Fatalf("run %d ended by itself (%v): %s", run, werr, stderr.Bytes())
				}
				if rng.IntN(2) == 0 {
					// A kill lands between write calls: the page cache
					// keeps each whole. Half of the crashes also tear the
					// record being written, as a power loss would.
					tearNext(t, path, rng)
				}
				if rng.IntN(3) == 0 {
					tearCheckpoint(t, path+".cp", rng)
				}
			}
			if name == "mixed" {
				kind = kinds[rng.IntN(len(kinds))]
			}
			h, closeAll, err := killedWriter(path, kind)
			if err != nil {
				t.Fatal(err)
			}
			logShift(h, "last", 9)
			if err := closeAll(); err != nil {
				t.Errorf("the last run's Close: %v", err)
			}
			requireKilledLogIntact(t, path)
		})
	}
}

// requireKilledLogIntact verifies the log at path and its checkpoints,
// and looks at each line that is not JSON: a fragment, never a record
// glued onto one.
func requireKilledLogIntact(t *testing.T, path string) {
	t.Helper()
	paths, err := slogaudit.RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	cps, err := os.ReadFile(path + ".cp")
	if err != nil {
		t.Fatal(err)
	}
	rep, verr := slogaudit.VerifyFiles(context.Background(), paths, slogaudit.VerifyOptions{
		Keys:        map[string][]byte{"k1": rtKey},
		PublicKey:   killedSigner.Public().(ed25519.PublicKey),
		Checkpoints: bytes.NewReader(cps),
	})
	for _, f := range rep.Findings {
		switch f.Kind {
		case slogaudit.Torn, slogaudit.Gap, slogaudit.Restart:
		default:
			t.Errorf("finding: %s", f)
		}
	}
	if verr != nil || !rep.Intact() {
		t.Fatalf("the untouched log verifies as not intact: %v", verr)
	}
	if rep.Chains["shift"].Records == 0 {
		t.Fatalf("no record of chain shift verified: %+v", rep.Chains)
	}
	bad := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range bytes.Split(b, []byte("\n")) {
			if len(line) == 0 || json.Valid(line) {
				continue
			}
			bad++
			for at := 1; at < len(line); at++ {
				if line[at] == '{' && json.Valid(line[at:]) && bytes.Contains(line[at:], []byte(`"audit":{`)) {
					t.Errorf("%s:%d: a record glued onto a fragment: %.200s", p, i+1, line)
					break
				}
			}
		}
	}
	if torn := countKind(rep, slogaudit.Torn); torn != bad {
		t.Errorf("%d lines are not JSON, %d reported torn", bad, torn)
	}
}

// tearNext appends to the log's current file the first bytes of a copy
// of its newest line: the fragment of a record whose write a crash cut.
func tearNext(t *testing.T, path string, rng *rand.Rand) {
	t.Helper()
	paths, err := slogaudit.RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	var last []byte
	for i := len(paths) - 1; i >= 0 && last == nil; i-- {
		b, _ := os.ReadFile(paths[i])
		b = bytes.TrimSuffix(b, []byte("\n"))
		if len(b) > 0 {
			last = b[bytes.LastIndexByte(b, '\n')+1:]
		}
	}
	if len(last) < 2 {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		b, _ := os.ReadFile(path)
		if b[len(b)-1] != '\n' {
			return // the kill left a fragment already
		}
	}
	if _, err := f.Write(last[:1+rng.IntN(len(last)-1)]); err != nil {
		t.Fatal(err)
	}
}

// tearCheckpoint appends to the checkpoint file at path the first bytes
// of a copy of its last checkpoint: one whose write a crash cut.
func tearCheckpoint(t *testing.T, path string, rng *rand.Rand) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 || b[len(b)-1] != '\n' {
		return
	}
	b = b[:len(b)-1]
	last := b[bytes.LastIndexByte(b, '\n')+1:]
	if len(last) < 2 {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(last[:1+rng.IntN(len(last)-1)]); err != nil {
		t.Fatal(err)
	}
}
