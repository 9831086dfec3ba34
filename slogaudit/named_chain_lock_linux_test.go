//go:build linux

package slogaudit_test

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogaudit"
)

// Two Files of one log, in one process or two, each asked for the same
// named chain: the second would continue the chain that the first writes,
// and the log would fork (every record of one of them then verifies as
// inserted). The record lock says another File holds the chain, so the
// second is refused with an error that says why; once the first File is
// closed, the chain is continued from where it stopped.
func TestNamedChainLockedByAnotherFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 2, 10, slogaudit.WithChainID("kiosk"))

	first, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h1, err := first.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("kiosk"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if _, err := second.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("kiosk")); err == nil || !strings.Contains(err.Error(), "another File") {
		t.Fatalf("second File's handler of the chain the first writes: got %v, want it refused", err)
	}
	// Another chain is free.
	other, err := second.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("turnstile"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		slog.New(h1).Info("ticket printed", "n", i)
		slog.New(other).Info("gate passed", "n", i)
	}
	if err := h1.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := other.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	h2, err := second.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("kiosk"))
	if err != nil {
		t.Fatalf("after the first File closed: %v", err)
	}
	slog.New(h2).Info("ticket printed", "n", 3)
	if err := h2.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	rep, err := rtVerify(t, path)
	if err != nil || !rep.Intact() {
		t.Fatalf("verify: %v", err)
	}
	if got := rep.Chains["kiosk"].Last; got < 10 {
		t.Fatalf("chain kiosk ends at seq %d, want it continued by both Files in turn", got)
	}
}

// A handler over a second File (Wrap over a JSON handler) resuming a
// chain that the first File's handler writes: its records are refused by
// the File, with an error that says why, rather than written as a fork of
// the chain; the log verifies, and Close counts the records lost.
func TestWrappedWriterOfChainAnotherFileHolds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	rtWrite(t, path, 2, 10, slogaudit.WithChainID("pump"))
	first, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h1, err := first.Handler(slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("pump"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := slogaudit.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h2, err := slogaudit.New(slog.NewJSONHandler(second, nil), slogaudit.WithKey("k1", rtKey),
		slogaudit.WithResume(second.Heads()["pump"]), slogaudit.OnError(func(error) {}))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		slog.New(h1).Info("litres dispensed", "pump", 3, "n", i)
		if err := h2.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelInfo, "litres dispensed", 0)); err == nil || !strings.Contains(err.Error(), "another File") {
			t.Fatalf("record through the second File: got %v, want it refused", err)
		}
	}
	if err := h1.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := h2.Close(context.Background()); !errors.Is(err, slogaudit.ErrRecordsLost) {
		t.Fatalf("Close of the refused writer: got %v, want ErrRecordsLost", err)
	}
	first.Close()
	second.Close()
	if rep, err := rtVerify(t, path); err != nil || !rep.Intact() {
		t.Fatalf("verify: %v", err)
	}
}
