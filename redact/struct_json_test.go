package redact_test

import (
	"bytes"
	"context"
	"log/slog"
	"math"
	"testing"
	"time"

	"github.com/slogguard/slogguard/redact"
)

type shapeLevel int

type shapeAccount struct {
	Name     string            `json:"name"`
	Password string            `json:"password"`
	Note     string            `json:"note,omitempty"`
	Tag      string            `json:"<tag>&"`
	Unicode  string            `json:"naïve"`
	Count    int               `json:"count"`
	Big      uint64            `json:"big"`
	Neg      int32             `json:"neg"`
	Ratio    float64           `json:"ratio"`
	On       bool              `json:"on"`
	Level    shapeLevel        `json:"level"`
	When     time.Time         `json:"when"`
	Took     time.Duration     `json:"took"`
	Ptr      *int              `json:"ptr"`
	Any      any               `json:"any"`
	List     []string          `json:"list"`
	Labels   map[string]string `json:"labels"`
	Raw      []byte            `json:"raw"`
}

// A struct with a masked field is written as slog.JSONHandler writes the
// same struct holding the mask: the same members, in the same order,
// spelled byte for byte alike, whatever its strings hold.
func TestMaskedStructWritesAsJSONHandler(t *testing.T) {
	ctx := context.Background()
	seven := 7
	for _, s := range []string{
		"plain", "", `quote " and \ backslash`, "<b>html</b> & co", "tab\tnew\nline\rcr",
		"\x00\x01\x1f\x7f", "naïve café ☕", "\u2028\u2029", "bad utf8 \xff\xfe", "\U0001F600 emoji",
	} {
		a := shapeAccount{Name: s, Password: "Zq7-vL3pW9xK", Note: s, Tag: s, Unicode: s, Count: -42,
			Big: math.MaxUint64, Neg: math.MinInt32, Ratio: 1e21, On: true, Level: 3,
			When: time.Date(2026, 12, 3, 4, 5, 6, 7, time.UTC), Took: 1500 * time.Millisecond,
			Ptr: &seven, Any: s, List: []string{s, "x"}, Labels: map[string]string{"k": s}, Raw: []byte(s)}
		var got, want bytes.Buffer
		slog.New(redact.NewHandler(slog.NewJSONHandler(&got, &slog.HandlerOptions{ReplaceAttr: dropTime}), nil)).
			LogAttrs(ctx, slog.LevelInfo, "m", slog.Any("acct", a))
		a.Password = redact.DefaultMask
		slog.New(slog.NewJSONHandler(&want, &slog.HandlerOptions{ReplaceAttr: dropTime})).
			LogAttrs(ctx, slog.LevelInfo, "m", slog.Any("acct", a))
		if got.String() != want.String() {
			t.Errorf("name %q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	}
}

func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
