package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"
)

type rcLV struct{ v any }

func (l rcLV) LogValue() slog.Value { return slog.AnyValue(l.v) }

// rcLog writes records with unusual values through Wrap over a JSON
// handler.
func rcLog(t testing.TB) []byte {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey))
	l := slog.New(h)
	bi, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	loc := time.FixedZone("x", -(3*3600 + 1))
	l.Info("floats", "a", 1e21, "b", 1e-7, "c", 5e-324, "d", math.MaxFloat64, "e", 0.1+0.2, "f", float32(0.1), "z", math.Copysign(0, -1), "n", math.NaN(), "i", math.Inf(-1))
	l.Info("ints", "a", int64(math.MinInt64), "b", uint64(math.MaxUint64), "c", int64(1<<53+1), "d", json.Number("1.0"), "e", json.Number("1E400"), "f", json.Number("-0"), "bi", bi)
	l.Info("strings\u2028", "a", "bad\xff", "b", "\u2028\u2029", "c", "\x00\x1f\x7f", "d", "<>&\\\"/", "e", "\ufeff", "f", "\U0001F600", "g", string([]rune{0xD800}), "\xff", 1, "", 2, "k\"", 3)
	l.Info("nested", slog.Group("g", "a", 1, slog.Group("h", "b", []any{1.0, "x", nil, true, map[string]any{"z": 1, "a": math.Copysign(0, -1)}})), "raw", json.RawMessage(`{"b" : 1.50 , "a" : [1e1, "\u00e9", "\/"]}`), "lv", rcLV{rcLV{map[int]string{10: "a", 2: "b"}}})
	l.Info("times", "t1", time.Date(-5, 1, 1, 0, 0, 0, 0, loc), "t2", time.Date(9999, 12, 31, 23, 59, 59, 999999999, loc), "d", time.Duration(math.MaxInt64), "err", errors.New("e\xff"))
	l.Info("dups", "a", 1, "a", 2, "_a", 3, "msg", "m", "time", "t", "audit", "x")
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rcBoth verifies log with and without recodedRecord and fails when the
// reports differ.
func rcBoth(t *testing.T, log []byte) {
	t.Helper()
	verifyBothWays(t, log, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
}

// TestRecodedUnusualValuesMatchParsed: a Wrap log of unusual values verifies,
// with the same report whether its lines are re-encoded or parsed.
func TestRecodedUnusualValuesMatchParsed(t *testing.T) {
	log := rcLog(t)
	rep, err := Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
	if err != nil {
		t.Fatal(err, rep.Findings)
	}
	rcBoth(t, log)
}

// FuzzRecodedUnusualValues edits one line of that log anywhere: the two ways
// of reading it give the same report.
func FuzzRecodedUnusualValues(f *testing.F) {
	log := rcLog(f)
	lines := strings.SplitAfter(strings.TrimSuffix(string(log), "\n"), "\n")
	f.Add(2, 10, "x", 0)
	f.Add(3, 40, `\u00`, 2)
	f.Add(4, 100, ` `, 0)
	f.Fuzz(func(t *testing.T, li, at int, ins string, del int) {
		if li < 0 || at < 0 || del < 0 || del > 8 {
			return
		}
		li %= len(lines)
		l := lines[li]
		at %= len(l)
		end := min(len(l), at+del)
		out := append([]string(nil), lines...)
		out[li] = l[:at] + ins + l[end:]
		rcBoth(t, []byte(strings.Join(out, "")))
	})
}
