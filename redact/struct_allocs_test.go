//go:build !race

package redact_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/redact"
)

// A struct with a masked field costs the rebuilt object (its members, the
// value that holds them, the JSON they are written as) and nothing per
// member: no boxing of each field twice, no encoder per member.
func TestMaskedStructAllocatesForTheObject(t *testing.T) {
	t.Cleanup(redact.PrefilterCheckOff())
	type login struct {
		User     string `json:"user"`
		Password string `json:"password"`
		Tenant   string `json:"tenant"`
		Region   string `json:"region"`
		Attempts int    `json:"attempts"`
		Remember bool   `json:"remember"`
	}
	ctx := context.Background()
	v := login{"carol", "Zq7-vL3pW9xK", "acme", "eu-west-1", 3, true}
	plain := slog.New(slog.NewJSONHandler(io.Discard, nil))
	red := slog.New(redact.NewHandler(slog.NewJSONHandler(io.Discard, nil), nil))
	base := testing.AllocsPerRun(500, func() { plain.LogAttrs(ctx, slog.LevelInfo, "m", slog.Any("login", v)) })
	got := testing.AllocsPerRun(500, func() { red.LogAttrs(ctx, slog.LevelInfo, "m", slog.Any("login", v)) })
	if got > base+3 {
		t.Fatalf("a struct with a masked field costs %.0f allocations, slog.JSONHandler %.0f; want at most 3 more", got, base)
	}
}
