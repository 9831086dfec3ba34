package slogaudit_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/slogaudit"
)

// A head at seq 0 is the chain's start: the writer links the first
// record to the chain's genesis, so that the log verifies (it linked it
// to the zero hash, and the verifier rightly called it inserted). A head
// that cannot be a chain's (seq 0 with another hash, a seq without a
// hash) is a configuration error that says so.
func TestResumeFromTheStart(t *testing.T) {
	t.Run("seq 0 starts the chain", func(t *testing.T) {
		for _, hash := range []chain.Hash{{}, chain.Genesis("tills")} {
			var buf bytes.Buffer
			h, err := slogaudit.New(slog.NewJSONHandler(&buf, nil), slogaudit.WithKey("k1", rtKey),
				slogaudit.WithResume(slogaudit.Head{Chain: "tills", Hash: hash}))
			if err != nil {
				t.Fatal(err)
			}
			slog.New(h).Info("till opened", "till", 4)
			if err := h.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			rep, err := slogaudit.Verify(context.Background(), &buf, slogaudit.VerifyOptions{Key: rtKey})
			if err != nil || !rep.Intact() || rep.Chains["tills"].First != 1 {
				t.Fatalf("hash %s: %v %v %+v", hash, err, rep.Findings, rep.Chains)
			}
		}
	})
	bad := []struct {
		name string
		head slogaudit.Head
		want string
	}{
		{"seq 0 with a hash that is not the genesis", slogaudit.Head{Chain: "tills", Hash: chain.Genesis("drawers")}, "not the chain's genesis"},
		{"a seq without a hash", slogaudit.Head{Chain: "tills", Seq: 12}, "has no hash"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := slogaudit.New(slog.NewJSONHandler(io.Discard, nil), slogaudit.WithResume(tc.head))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "slogaudit: ") {
				t.Fatalf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// A checkpoint names its chain in its origin, which a signed note allows
// no spaces or '+' in: a chain id with one cannot be checkpointed, and New
// says so instead of writing a log whose checkpoints all fail.
func TestChainIDThatNoCheckpointCanName(t *testing.T) {
	signer := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{0x2f}, 32))
	for _, id := range []string{"front desk", "eu+us", "tab\there", "line\nbreak"} {
		for _, opt := range []slogaudit.Option{slogaudit.WithChainID(id), slogaudit.WithResume(slogaudit.Head{Chain: id})} {
			_, err := slogaudit.New(slog.NewJSONHandler(io.Discard, nil), opt, slogaudit.WithSigner(signer),
				slogaudit.WithCheckpoints(io.Discard, 5, 0))
			if err == nil || !strings.Contains(err.Error(), "origin") {
				t.Errorf("chain id %q: got %v, want an error naming the origin", id, err)
			}
		}
		// Without checkpoints the id is fine.
		if _, err := slogaudit.New(slog.NewJSONHandler(io.Discard, nil), slogaudit.WithChainID(id)); err != nil {
			t.Errorf("chain id %q without a signer: %v", id, err)
		}
	}
}
