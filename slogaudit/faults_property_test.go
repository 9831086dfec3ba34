package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slogguard/slogguard/internal/faultio"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// fileTarget lets a fault writer write to whichever file a File has open.
type fileTarget struct{ f *os.File }

func (t *fileTarget) Write(p []byte) (int, error) { return t.f.Write(p) }

var undeclaredCount = regexp.MustCompile(`(\d+) not declared`)

// TestAuditFaultsProperty logs random records through slogaudit over a
// File and over slogcore.New writing to a File, while the disk fails in
// every way (short writes, EIO, a full device, panics, stalls, errors
// and panics after the data was written), with
// restarts and Close deadlines. Afterwards: every line is one whole
// record, the verifier finds no tampering, every sequence number is in the
// output or declared lost, every record Handle accepted is in the output
// or declared lost, no record Handle refused is in the output, and Stats
// match the output.
func TestAuditFaultsProperty(t *testing.T) {
	for seed := range uint64(16) {
		for _, mode := range []string{"File", "Core"} {
			t.Run(fmt.Sprintf("%s/seed%d", mode, seed), func(t *testing.T) {
				t.Parallel()
				auditProperty(t, mode, seed)
			})
		}
	}
}

func auditProperty(t *testing.T, mode string, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 11))
	path := filepath.Join(t.TempDir(), "audit.log")
	target := &fileTarget{}
	faults := faultio.Faults{
		Short: rng.Float64() * 0.1, ShortError: rng.Float64() * 0.05, EIO: rng.Float64() * 0.1,
		Panic: rng.Float64() * 0.03, Delay: 0.05, MaxDelay: time.Millisecond,
		WrittenEIO: rng.Float64() * 0.05, PanicAfter: rng.Float64() * 0.03,
	}
	fw := faultio.New(target, seed, faults)
	// Checkpoints go to a file of their own, which the faults never touch:
	// lost records must not make a signed checkpoint contradict the log.
	pub, priv := fixedSigner()
	cpPath := filepath.Join(t.TempDir(), "audit.checkpoints")
	cps, err := OpenCheckpointFile(cpPath)
	require.NoError(t, err)
	cpEvery := 5 + rng.IntN(40)
	accepted, refused := map[int]bool{}, map[int]bool{}
	var written, undeclared uint64
	// late counts the records slogcore lost after the wrapper's Close gave
	// up waiting for it: nothing can declare those (documented), and the
	// verifier may report them missing.
	var late atomic.Uint64
	id := 0
	for restart := range 1 + rng.IntN(3) {
		fw.SetFaults(faults)
		af, err := OpenFile(path, WithFileSync(SyncNever()))
		require.NoError(t, err)
		af.inject = func(f *os.File, p []byte) (int, error) {
			target.f = f
			return fw.Write(p)
		}
		var h *Handler
		var core *slogcore.Handler
		if mode == "File" {
			h, err = af.Handler(WithKey("k1", testKey), WithChainID("p"), WithSigner(priv), WithCheckpoints(cps, cpEvery, 0))
		} else {
			core = slogcore.New(af, &slogcore.Options{QueueSize: 1 + rng.IntN(64), BufferSize: 1 + rng.IntN(8192),
				FlushInterval: time.Millisecond, OnError: func(error) {}})
			opts := []Option{WithKey("k1", testKey), WithChainID("p"), WithSigner(priv), WithCheckpoints(cps, cpEvery, 0)}
			if head, ok := af.Heads()["p"]; ok {
				opts = append(opts, WithResume(head))
			}
			h, err = New(core, opts...)
		}
		var closed atomic.Bool
		if core != nil {
			core.WatchLosses(func(slogcore.Loss) {
				if closed.Load() {
					late.Add(1)
				}
			})
		}
		require.NoError(t, err)
		if restart == 1 {
			fw.SetCapacity(rng.IntN(4000)) // the disk fills up
		}
		for range rng.IntN(200) {
			id++
			r := slog.NewRecord(time.Now(), slog.LevelInfo, "event", 0)
			r.AddAttrs(slog.Int("id", id), slog.String("pad", strings.Repeat("p", rng.IntN(400))),
				slog.Group("g", slog.String("password", "hunter2"), slog.Int("n", rng.IntN(9))))
			if err := h.Handle(context.Background(), r); err != nil {
				refused[id] = true
			} else {
				accepted[id] = true
			}
			if rng.IntN(60) == 0 {
				fw.SetCapacity(-1) // space freed
			}
		}
		if rng.IntN(2) == 0 {
			fw.SetCapacity(-1)
		}
		ctx, cancel := context.Background(), func() {}
		var release func()
		if mode == "Core" && rng.IntN(3) == 0 {
			// The disk stalls past Close's deadline, then recovers.
			release = fw.Block()
			ctx, cancel = context.WithTimeout(ctx, time.Duration(rng.IntN(3))*time.Millisecond)
		}
		closeErr := h.Close(ctx)
		closed.Store(true)
		t.Logf("session %d: Close: %v; Stats %+v", restart, closeErr, h.Stats())
		cancel()
		if release != nil {
			fw.SetFaults(faultio.Faults{})
			fw.SetCapacity(-1)
			release()
		}
		if core != nil {
			t.Logf("session %d: slogcore Close: %v; Stats %+v", restart, core.Close(context.Background()), core.Stats())
			require.Zero(t, core.Stats().Writing)
		}
		require.NoError(t, af.Close())
		if m := undeclaredCount.FindStringSubmatch(fmt.Sprint(closeErr)); m != nil {
			n, _ := strconv.ParseUint(m[1], 10, 64)
			undeclared += n
		}
		s := h.Stats()
		written += s.Written
		if closeErr == nil {
			require.Zero(t, s.Failed)
		} else if errors.Is(closeErr, ErrRecordsLost) {
			require.NotZero(t, s.Failed)
		}
		fw.SetCapacity(-1)
	}

	require.NoError(t, cps.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	inOutput := map[int]int{}
	seqs := map[uint64]bool{}
	var lines uint64
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		if len(data) == 0 {
			break
		}
		var m struct {
			ID    *int `json:"id"`
			Audit struct {
				Seq uint64 `json:"seq"`
			} `json:"audit"`
		}
		require.NoError(t, json.Unmarshal(line, &m), "line %d is not one whole record: %q", i+1, line)
		lines++
		require.False(t, seqs[m.Audit.Seq], "seq %d written twice", m.Audit.Seq)
		seqs[m.Audit.Seq] = true
		if m.ID != nil {
			inOutput[*m.ID]++
		}
	}
	require.Equal(t, written, lines, "Stats.Written does not match the output")

	cpData, err := os.ReadFile(cpPath)
	require.NoError(t, err)
	rep, err := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Key: testKey, PublicKey: pub, Checkpoints: bytes.NewReader(cpData)})
	missing := map[uint64]bool{}
	for _, f := range rep.Findings {
		if f.Kind == Missing {
			// One finding for a run of missing records.
			from, to := f.Seq, f.Seq
			if _, err := fmt.Sscanf(f.Detail, "records %d to %d", &from, &to); err != nil || from != f.Seq {
				from, to = f.Seq, f.Seq
			}
			for s := from; s <= to; s++ {
				missing[s] = true
			}
		} else {
			require.True(t, f.Kind.Info(), "an untouched log must verify: %v", f)
		}
	}
	// Close names the losses it could not declare (its context ended with
	// the handler's queue full), and records lost after Close cannot be
	// declared: only those may be missing.
	if late.Load()+undeclared == 0 {
		require.NoError(t, err, "an untouched log must verify: %v", rep.Findings)
	}
	require.LessOrEqual(t, uint64(len(missing)), late.Load()+undeclared, "undeclared gaps beyond those Close named or that came after it: %v", rep.Findings)
	declared := map[uint64]bool{}
	for _, f := range rep.Findings {
		if f.Kind != Gap {
			continue
		}
		var from, to uint64
		_, err := fmt.Sscanf(f.Detail, "records %d to %d", &from, &to)
		require.NoError(t, err, f.Detail)
		for s := from; s <= to; s++ {
			require.False(t, seqs[s], "seq %d declared lost and present", s)
			declared[s] = true
		}
	}
	last := rep.Chains["p"].Last
	for s := uint64(1); s <= last; s++ {
		require.True(t, seqs[s] || declared[s] || missing[s], "seq %d neither in the output nor declared lost", s)
	}
	missingAccepted := uint64(0)
	for i := 1; i <= id; i++ {
		require.LessOrEqual(t, inOutput[i], 1, "record %d written twice", i)
		if refused[i] {
			require.Zero(t, inOutput[i], "record %d was refused by Handle and is in the output", i)
		} else if inOutput[i] == 0 {
			missingAccepted++
		}
	}
	require.LessOrEqual(t, missingAccepted, uint64(len(declared))+undeclared+late.Load(),
		"records accepted and not in the output are more than the losses declared")
}
