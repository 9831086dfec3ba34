package witnesstest

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"filippo.io/torchwood"
	"github.com/transparency-dev/formats/log"
	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/mod/sumdb/note"

	"github.com/slogguard/slogguard/slogaudit"
)

const (
	logName     = "audit.example.com/app"
	chainID     = "payments"
	origin      = logName + "/" + chainID
	witnessName = "witness.test/w1"
)

var hmacKey = []byte("0123456789abcdef0123456789abcdef")

// litewitness starts a litewitness on 127.0.0.1 that knows the log origin
// with the key pub, and returns it as a slogaudit.Witness.
func litewitness(t *testing.T, pub ed25519.PublicKey) slogaudit.Witness {
	t.Helper()
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin, "filippo.io/torchwood/cmd/litewitness", "filippo.io/torchwood/cmd/witnessctl")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("building litewitness: %v", err)
	}

	// litewitness signs through an SSH agent; serve one with the witness key.
	wpub, wpriv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	keyring := agent.NewKeyring()
	if err := keyring.Add(agent.AddedKey{PrivateKey: wpriv}); err != nil {
		t.Fatal(err)
	}
	sockDir, err := os.MkdirTemp("", "lw") // short: unix socket paths are limited
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sockDir) })
	sock := filepath.Join(sockDir, "agent")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); _ = agent.ServeAgent(keyring, c) }()
		}
	}()
	sshPub, err := ssh.NewPublicKey(wpub)
	if err != nil {
		t.Fatal(err)
	}

	db := filepath.Join(t.TempDir(), "witness.db")
	logKey, err := note.NewEd25519VerifierKey(origin, pub)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"add-log", "-db", db, "-origin", origin},
		{"add-key", "-db", db, "-origin", origin, "-key", logKey},
	} {
		out, err := exec.Command(filepath.Join(bin, "witnessctl"), args...).CombinedOutput()
		if err != nil {
			t.Fatalf("witnessctl %v: %v\n%s", args, err, out)
		}
	}

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(filepath.Join(bin, "litewitness"), "-ssh-agent", sock, "-name", witnessName,
		"-key", ssh.FingerprintSHA256(sshPub), "-listen", addr, "-db", db)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("litewitness stderr:\n%s", stderr.String())
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("litewitness did not listen on %s: %v\n%s", addr, err, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	signer, err := torchwood.NewCosignatureSigner(witnessName, wpriv)
	if err != nil {
		t.Fatal(err)
	}
	return slogaudit.Witness{URL: "http://" + addr, Key: signer.Verifier().String()}
}

type auditLog struct {
	dir, path, cps string
	pub            ed25519.PublicKey
	priv           ed25519.PrivateKey
}

func newAuditLog(t *testing.T, pub ed25519.PublicKey, priv ed25519.PrivateKey) auditLog {
	dir := t.TempDir()
	return auditLog{dir: dir, path: filepath.Join(dir, "audit.log"), cps: filepath.Join(dir, "audit.checkpoints"), pub: pub, priv: priv}
}

// write logs n records, a checkpoint every 10, witnessed by w, and returns
// the handler's head, stats and reported errors.
func (a auditLog) write(t *testing.T, n int, w slogaudit.Witness, what string) (slogaudit.Head, slogaudit.Stats, []error) {
	t.Helper()
	af, err := slogaudit.OpenFile(a.path)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := slogaudit.OpenCheckpointFile(a.cps)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var errs []error
	h, err := af.Handler(slogaudit.WithKey("k1", hmacKey), slogaudit.WithSigner(a.priv), slogaudit.WithCheckpoints(cf, 10, 0),
		slogaudit.WithChainID(chainID), slogaudit.WithLogName(logName), slogaudit.WithWitnesses(1, w),
		slogaudit.OnError(func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		slog.New(h).Info(what, "i", i)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := h.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
	if err := cf.Close(); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	return h.Head(), h.Stats(), errs
}

func TestLitewitness(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	w := litewitness(t, pub)
	a := newAuditLog(t, pub, priv)

	head, stats, errs := a.write(t, 35, w, "payment")
	if len(errs) > 0 || stats.WitnessFailures > 0 {
		t.Fatalf("witnessing failed: %d failures: %v", stats.WitnessFailures, errs)
	}
	if stats.Witnessed != head.Seq {
		t.Fatalf("witnessed size %d, want the head %d", stats.Witnessed, head.Seq)
	}

	// The checkpoint file opens with transparency-dev/formats: the log's
	// checkpoints, and the witness's cosignature/v1 on the last one.
	logV, err := note.NewVerifier(must(note.NewEd25519VerifierKey(origin, pub)))
	if err != nil {
		t.Fatal(err)
	}
	witV, err := fnote.NewVerifierForCosignatureV1(w.Key)
	if err != nil {
		t.Fatal(err)
	}
	cp, err := os.Open(a.cps)
	if err != nil {
		t.Fatal(err)
	}
	last, err := slogaudit.FindCheckpoint(cp, chainID, 0)
	cp.Close()
	if err != nil {
		t.Fatal(err)
	}
	c, _, n, err := log.ParseCheckpoint(last, origin, logV, witV)
	if err != nil {
		t.Fatalf("formats.ParseCheckpoint: %v\n%s", err, last)
	}
	if c.Size != head.Seq || len(n.Sigs) != 2 {
		t.Fatalf("checkpoint size %d with %d verified signatures, want %d and 2 (log and witness)", c.Size, len(n.Sigs), head.Seq)
	}

	// The verifier reports the size the witness vouches for.
	rep, err := slogaudit.VerifyFiles(context.Background(), []string{a.path}, slogaudit.VerifyOptions{
		Key: hmacKey, PublicKey: pub, Checkpoints: must(os.Open(a.cps)), Witnesses: []string{w.Key}, Quorum: 1})
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if got := rep.Chains[chainID].Witnessed; got != head.Seq {
		t.Fatalf("verifier: witnessed %d, want %d", got, head.Seq)
	}

	// The command says the same.
	cli := filepath.Join(t.TempDir(), "slogaudit")
	if out, err := exec.Command("go", "build", "-o", cli, "github.com/slogguard/slogguard/cmd/slogaudit").CombinedOutput(); err != nil {
		t.Fatalf("building the slogaudit command: %v\n%s", err, out)
	}
	pubFile := filepath.Join(t.TempDir(), "audit.ed25519.pub")
	if err := os.WriteFile(pubFile, []byte(hex.EncodeToString(pub)), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(cli, "verify", "-pub", pubFile, "-checkpoints", a.cps, "-witness", w.Key, a.path).CombinedOutput()
	if want := fmt.Sprintf("witnessed to %d", head.Seq); err != nil || !strings.Contains(string(out), want) {
		t.Fatalf("slogaudit verify -witness: %v, want %q in:\n%s", err, want, out)
	}

	// A proof of one record against the witnessed checkpoint.
	p, err := slogaudit.ProveInclusion(context.Background(), []string{a.path}, chainID, 17, last)
	if err != nil {
		t.Fatal(err)
	}
	res, err := slogaudit.CheckProof(p, slogaudit.CheckOptions{PublicKey: pub, Witnesses: []string{w.Key}})
	if err != nil || !res.Witnessed {
		t.Fatalf("check-proof: %+v, %v", res, err)
	}

	// A restarted writer continues: the witness accepts its consistency proof.
	head, stats, errs = a.write(t, 12, w, "refund")
	if len(errs) > 0 || stats.Witnessed != head.Seq {
		t.Fatalf("after a restart: witnessed %d of %d: %v", stats.Witnessed, head.Seq, errs)
	}

	// A fork: another log under the same origin and key (its host and key
	// taken over), longer and shorter than what the witness has seen.
	for _, records := range []int{60, 5} {
		t.Run(fmt.Sprintf("fork of %d records", records), func(t *testing.T) {
			b := newAuditLog(t, pub, priv)
			_, stats, errs := b.write(t, records, w, "forged")
			if stats.Witnessed != 0 {
				t.Fatalf("the witness cosigned a fork up to %d", stats.Witnessed)
			}
			if len(errs) == 0 || !errors.Is(errs[0], slogaudit.ErrWitnessRefused) {
				t.Fatalf("want ErrWitnessRefused reported, got %v", errs)
			}
			if records == 60 { // its final checkpoint is beyond the witness's size: the proof fails
				found := false
				for _, err := range errs {
					found = found || errors.Is(err, slogaudit.ErrWitnessRefused) && strings.Contains(err.Error(), "does not extend")
				}
				if !found {
					t.Fatalf("want the witness's refusal of the consistency proof reported, got %v", errs)
				}
			}
			t.Logf("reported: %v", errs[len(errs)-1])
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
