package slogaudit_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// Forward-secure sealing: the key evolves every epoch (here every 2
// records, or 15 minutes), and a closed log ends with a seal. The verifier
// derives every epoch's key from the initial key.
func ExampleWithSealing() {
	initial := bytes.Repeat([]byte{7}, 32) // keep it off the writing host afterwards
	var log bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&log, nil), slogaudit.WithChainID("app"),
		slogaudit.WithKey("k1", initial), slogaudit.WithSealing(15*time.Minute, 2))
	for i := range 5 {
		slog.New(h).Info("event", "i", i)
	}
	if err := h.Close(context.Background()); err != nil {
		panic(err)
	}
	rep, err := slogaudit.Verify(context.Background(), &log, slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": initial}, Sealed: true})
	s := rep.Chains["app"]
	fmt.Println("intact:", err == nil, "sealed up to seq", s.Sealed, "of", s.Last, "epoch", s.Epoch)
	// Output: intact: true sealed up to seq 11 of 11 epoch 3
}

// Key rotation: from the audit.rotate record on, records carry the new key
// id; the report says which key covered which seqs.
func ExampleHandler_RotateKey() {
	k1, k2 := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	var log bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&log, nil), slogaudit.WithChainID("app"), slogaudit.WithKey("k1", k1))
	slog.New(h).Info("before")
	if err := h.RotateKey(context.Background(), "k2", k2, nil); err != nil {
		panic(err)
	}
	slog.New(h).Info("after")
	if err := h.Close(context.Background()); err != nil {
		panic(err)
	}
	rep, err := slogaudit.Verify(context.Background(), &log, slogaudit.VerifyOptions{
		Keys: map[string][]byte{"k1": k1, "k2": k2}})
	fmt.Println("intact:", err == nil)
	for _, r := range rep.Chains["app"].Keys {
		fmt.Printf("%s: seq %d to %d\n", r.Key, r.From, r.To)
	}
	// Output:
	// intact: true
	// k1: seq 1 to 3
	// k2: seq 4 to 5
}

// Erasable personal data: values are written encrypted per subject;
// erasing the subject's key makes them unreadable, and the log still
// verifies.
func ExampleHandler_Erase() {
	dir, err := os.MkdirTemp("", "subjects")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	ks, err := slogaudit.OpenKeyStore(filepath.Join(dir, "keys"))
	if err != nil {
		panic(err)
	}
	key := bytes.Repeat([]byte{9}, 32)
	var log bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&log, nil), slogaudit.WithKey("k1", key), slogaudit.WithKeyStore(ks))
	slog.New(h).Info("signup", slogaudit.Personal("user-17", "email", "alice@example.com"))
	show := func() {
		line := strings.SplitAfter(log.String(), "\n")[1]
		out, err := slogaudit.Reveal([]byte(line), ks)
		if err != nil {
			panic(err)
		}
		fmt.Println(bytes.Contains(out, []byte("alice@example.com")), bytes.Contains(out, []byte(slogaudit.ErasedMark)))
	}
	show()
	if err := h.Erase(context.Background(), "user-17", "dpo@example.com"); err != nil {
		panic(err)
	}
	if err := h.Close(context.Background()); err != nil {
		panic(err)
	}
	show()
	_, err = slogaudit.Verify(context.Background(), &log, slogaudit.VerifyOptions{Key: key})
	fmt.Println("intact:", err == nil)
	// Output:
	// true false
	// false true
	// intact: true
}
