package slogaudit

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/slogguard/slogguard/slogcore"
	"github.com/stretchr/testify/require"
)

// sealedLog writes n records with count-based epochs of per records and
// returns the handler (not closed) and its output.
func sealedLog(t *testing.T, n, per int, opts ...Option) (*Handler, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	opts = append([]Option{WithChainID("c"), WithKey("k1", testKey), WithSealing(0, per)}, opts...)
	h, err := New(slog.NewJSONHandler(&buf, nil), opts...)
	require.NoError(t, err)
	l := slog.New(h)
	for i := range n {
		l.Info("event", "i", i, "user", fmt.Sprintf("u%d", i))
	}
	return h, &buf
}

func verifySealed(t *testing.T, log []byte, sealed bool) (Report, error) {
	t.Helper()
	return Verify(context.Background(), bytes.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": testKey}, Sealed: sealed})
}

func findingsOf(rep Report, kind FindingKind) []Finding {
	var fs []Finding
	for _, f := range rep.Findings {
		if f.Kind == kind {
			fs = append(fs, f)
		}
	}
	return fs
}

// auditOf returns a line's audit member as a map.
func auditOf(t *testing.T, line string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &m))
	return m["audit"].(map[string]any)
}

// epochOf returns the epoch member of a line's audit member.
func epochOf(t *testing.T, line string) uint64 {
	t.Helper()
	return uint64(auditOf(t, line)["epoch"].(float64))
}

// intruder holds the key of one epoch, taken from the writer's memory, and
// rewrites lines as a forger with write access to the log would: it links
// each line after the previous one and MACs it with a key it can derive
// (its own epoch's or a later one), under any epoch label.
type intruder struct {
	t     *testing.T
	chain string
	keyID string
	epoch uint64 // of the stolen key
	key   []byte
}

func stealKey(t *testing.T, h *Handler) intruder {
	h.st.mu.Lock()
	defer h.st.mu.Unlock()
	r := h.st.seal.ratchet
	return intruder{t: t, chain: h.st.head.Chain, keyID: h.st.cfg.keyID, epoch: r.Epoch(), key: r.Key()}
}

// keyOf derives the key of epoch e from the stolen key, which gives only
// epochs from its own on.
func (in intruder) keyOf(e uint64) []byte {
	require.GreaterOrEqual(in.t, e, in.epoch, "the ratchet does not go back")
	k := append([]byte(nil), in.key...)
	for cur := in.epoch; cur < e; cur++ {
		k = ratchetStep(in.t, k, in.chain, cur+1)
	}
	return k
}

// relink rewrites lines from index from on: each linked after the one
// before, labelled epoch label(i), MACed with the key of epoch macEpoch(i).
func (in intruder) relink(lines []string, from int, edit func(i int, content map[string]any), label, macEpoch func(i int) uint64) []string {
	t := in.t
	out := append([]string(nil), lines[:from]...)
	prevAudit := auditOf(t, lines[from-1])
	seq := uint64(prevAudit["seq"].(float64))
	prev, err := chain.ParseHash(prevAudit["hash"].(string))
	require.NoError(t, err)
	for i := from; i < len(lines); i++ {
		var content map[string]any
		require.NoError(t, json.Unmarshal([]byte(lines[i]), &content))
		delete(content, "audit")
		if edit != nil {
			edit(i, content)
		}
		raw, err := json.Marshal(content)
		require.NoError(t, err)
		v, err := chain.Parse(raw)
		require.NoError(t, err)
		seq++
		h := chain.V2.Link(in.chain, seq, prev, chain.AppendCanonical(nil, v))
		mac, err := chain.V2.SealedMAC(in.keyOf(macEpoch(i)), in.keyID, label(i), h)
		require.NoError(t, err)
		content["audit"] = map[string]any{"v": 2, "chain": in.chain, "seq": seq, "prev": prev.String(), "hash": h.String(),
			"epoch": label(i), "mac": mac.String(), "key": in.keyID}
		raw, err = json.Marshal(content)
		require.NoError(t, err)
		out = append(out, string(raw)+"\n")
		prev = h
	}
	return out
}

// ratchetStep is one step of the ratchet, computed as chain.Ratchet
// documents it, so that the intruder does not rely on the code under test.
func ratchetStep(t *testing.T, k []byte, chainID string, e uint64) []byte {
	info := []byte("slogaudit/epoch")
	info = binary.BigEndian.AppendUint16(info, uint16(len(chainID)))
	info = append(info, chainID...)
	info = binary.BigEndian.AppendUint64(info, e)
	next, err := hkdf.Key(sha256.New, k, nil, string(info), 32)
	require.NoError(t, err)
	return next
}

func TestSealingVerifies(t *testing.T) {
	h, buf := sealedLog(t, 10, 3)
	require.NoError(t, h.Close(context.Background()))
	require.GreaterOrEqual(t, h.Stats().Seals, uint64(4))
	rep, err := verifySealed(t, buf.Bytes(), true)
	require.NoError(t, err, "%v", rep.Findings)
	sum := rep.Chains["c"]
	require.Equal(t, sum.Last, sum.Sealed, "a closed log ends with a seal")
	require.Empty(t, findingsOf(rep, UnsealedTail))
	require.Greater(t, sum.Epoch, uint64(2))
	ls := lines(buf.Bytes())
	require.Equal(t, uint64(0), epochOf(t, ls[0]))
	require.Contains(t, ls[len(ls)-1], MsgSeal)
}

func TestSealingUnsealedTailIsReported(t *testing.T) {
	h, buf := sealedLog(t, 4, 3) // audit.start and 4 records: a seal after 3, then 2 unsealed
	rep, err := verifySealed(t, buf.Bytes(), true)
	require.NoError(t, err, "%v", rep.Findings)
	tail := findingsOf(rep, UnsealedTail)
	require.Len(t, tail, 1)
	require.Equal(t, rep.Chains["c"].Sealed+1, tail[0].Seq)
	require.NoError(t, h.Close(context.Background()))
}

// TestSealingRequiredButAbsent: a log whose key says sealing was on
// (VerifyOptions.Sealed) fails when it carries no seal or no epochs.
func TestSealingRequiredButAbsent(t *testing.T) {
	t.Run("written without sealing", func(t *testing.T) {
		var buf bytes.Buffer
		h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey))
		slog.New(h).Info("x")
		require.NoError(t, h.Close(context.Background()))
		_, err := verifySealed(t, buf.Bytes(), false)
		require.NoError(t, err, "without Sealed the same log is intact")
		rep, err := verifySealed(t, buf.Bytes(), true)
		require.Error(t, err)
		require.NotEmpty(t, findingsOf(rep, Unsealed))
	})
	t.Run("first epoch, no seal yet", func(t *testing.T) {
		_, buf := sealedLog(t, 2, 100)
		rep, err := verifySealed(t, buf.Bytes(), true)
		require.Error(t, err)
		require.Len(t, findingsOf(rep, Unsealed), 1)
		rep, err = verifySealed(t, buf.Bytes(), false)
		require.NoError(t, err, "without Sealed only an unsealed tail is reported: %v", rep.Findings)
		require.Len(t, findingsOf(rep, UnsealedTail), 1)
	})
	t.Run("one record stripped of its epoch", func(t *testing.T) {
		h, buf := sealedLog(t, 6, 3)
		require.NoError(t, h.Close(context.Background()))
		ls := lines(buf.Bytes())
		require.Contains(t, ls[4], `"epoch":1,`)
		ls[4] = strings.Replace(ls[4], `"epoch":1,`, "", 1)
		rep, err := verifySealed(t, join(ls), true)
		require.Error(t, err)
		un := findingsOf(rep, Unsealed)
		require.Len(t, un, 1, "%v", rep.Findings)
		require.Equal(t, int64(5), un[0].Line)
	})
	t.Run("needs a key", func(t *testing.T) {
		_, buf := sealedLog(t, 2, 1)
		_, err := Verify(context.Background(), bytes.NewReader(buf.Bytes()), VerifyOptions{Sealed: true})
		require.ErrorIs(t, err, ErrRequiredCheck)
	})
}

// TestSealingCVE2023_31438: journald accepted a file truncated in an old
// epoch and continued through unsealed empty epochs by a writer holding a
// later key. Here the intruder holds the writer's current key, cuts the log
// in an earlier epoch and writes on, in every way it can.
func TestSealingCVE2023_31438(t *testing.T) {
	h, buf := sealedLog(t, 20, 3)
	in := stealKey(t, h)
	require.GreaterOrEqual(t, in.epoch, uint64(4))
	ls := lines(buf.Bytes())
	// cut: in the middle of epoch 1, and just after the seal of epoch 1.
	midEpoch1, afterSeal1 := -1, -1
	for i, l := range ls {
		if epochOf(t, l) == 1 && midEpoch1 < 0 {
			midEpoch1 = i + 1
		}
		if epochOf(t, l) == 1 && strings.Contains(l, MsgSeal) {
			afterSeal1 = i + 1
		}
	}
	require.Positive(t, midEpoch1)
	require.Positive(t, afterSeal1)
	const appended = 4
	for _, tc := range []struct {
		name  string
		cut   int
		label func(i int) uint64
	}{
		{"mid-epoch, on at the stolen epoch", midEpoch1, func(int) uint64 { return in.epoch }},
		{"mid-epoch, on at a later epoch", midEpoch1, func(int) uint64 { return in.epoch + 3 }},
		{"after a seal, on at the stolen epoch", afterSeal1, func(int) uint64 { return in.epoch }},
		{"mid-epoch, labelled as the old epoch", midEpoch1, func(int) uint64 { return 1 }},
		{"after a seal, labelled as the epoch it names", afterSeal1, func(int) uint64 { return 2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// the intruder keeps appended lines of the truncated part as
			// its "new" records, written in its own epoch
			forged := in.relink(ls[:tc.cut+appended], tc.cut, func(i int, c map[string]any) { c["msg"] = "forged" },
				tc.label, func(i int) uint64 { return max(tc.label(i), in.epoch) })
			rep, err := verifySealed(t, join(forged), true)
			require.Error(t, err, "truncated and continued log passed: %v", rep.Findings)
			require.NotEmpty(t, append(findingsOf(rep, Epoch), findingsOf(rep, BadMAC)...), "%v", rep.Findings)
			rep, err = verifySealed(t, join(forged), false)
			require.Error(t, err, "without Sealed too: %v", rep.Findings)
		})
	}
	// A tail of empty seals in the stolen epoch, which is as far as the
	// intruder can go, still leaves the cut visible.
	t.Run("seals for empty epochs", func(t *testing.T) {
		forged := in.relink(ls[:midEpoch1+2], midEpoch1, func(i int, c map[string]any) {
			e := in.epoch + uint64(i-midEpoch1)
			c["msg"], c["epoch"], c["next"], c["records"] = MsgSeal, e, e+1, 0
		}, func(i int) uint64 { return in.epoch + uint64(i-midEpoch1) }, func(i int) uint64 { return in.epoch + uint64(i-midEpoch1) })
		rep, err := verifySealed(t, join(forged), true)
		require.Error(t, err)
		require.NotEmpty(t, findingsOf(rep, Epoch), "%v", rep.Findings)
	})
	require.NoError(t, h.Close(context.Background()))
}

// TestSealingCVE2023_31439: journald accepted old entries re-sealed with a
// newer epoch's key. Here the intruder edits a record of epoch 0 and
// re-MACs it and everything after it with the key it holds.
func TestSealingCVE2023_31439(t *testing.T) {
	h, buf := sealedLog(t, 20, 3)
	require.NoError(t, h.Seal(context.Background()))
	in := stealKey(t, h)
	ls := lines(buf.Bytes())
	const target = 2 // a record of epoch 0
	require.Equal(t, uint64(0), epochOf(t, ls[target]))
	edit := func(i int, c map[string]any) {
		if i == target {
			c["user"] = "mallory"
		}
	}
	orig := make([]uint64, len(ls))
	for i, l := range ls {
		orig[i] = epochOf(t, l)
	}
	for _, tc := range []struct {
		name  string
		label func(i int) uint64
	}{
		{"labelled with the newer epoch", func(int) uint64 { return in.epoch }},
		{"labelled with their own epochs", func(i int) uint64 { return orig[i] }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forged := in.relink(ls, target, edit, tc.label, func(int) uint64 { return in.epoch })
			rep, err := verifySealed(t, join(forged), true)
			require.Error(t, err, "re-sealed log passed: %v", rep.Findings)
			require.NotEmpty(t, append(findingsOf(rep, Epoch), findingsOf(rep, BadMAC)...), "%v", rep.Findings)
			rep, err = verifySealed(t, join(forged), false)
			require.Error(t, err, "without Sealed too: %v", rep.Findings)
		})
	}
	// The control: the intruder's tooling is right, since records of the
	// stolen epoch itself it can rewrite (that is the unsealed tail).
	t.Run("control: the current epoch is forgeable", func(t *testing.T) {
		h2, buf2 := sealedLog(t, 4, 100)
		in2 := stealKey(t, h2)
		ls2 := lines(buf2.Bytes())
		forged := in2.relink(ls2, 2, func(i int, c map[string]any) { c["user"] = "mallory" }, func(int) uint64 { return 0 }, func(int) uint64 { return 0 })
		rep, err := verifySealed(t, join(forged), false)
		require.NoError(t, err, "%v", rep.Findings)
		require.Len(t, findingsOf(rep, UnsealedTail), 1)
	})
	require.NoError(t, h.Close(context.Background()))
}

// TestSealedEpochCannotBeForgedFromCurrentKey: every record of every
// sealed epoch, altered and MACed with any key the holder of the current
// key can derive, under its own epoch label, fails its MAC.
func TestSealedEpochCannotBeForgedFromCurrentKey(t *testing.T) {
	h, buf := sealedLog(t, 12, 3)
	in := stealKey(t, h)
	ls := lines(buf.Bytes())
	forgedAny := 0
	for i, l := range ls {
		e := epochOf(t, l)
		if i == 0 || e >= in.epoch {
			continue
		}
		for _, k := range []uint64{in.epoch, in.epoch + 1, in.epoch + 7} {
			one := in.relink(ls[:i+1], i, func(int, map[string]any) {}, func(int) uint64 { return e }, func(int) uint64 { return k })
			forged := append(one, ls[i+1:]...)
			rep, err := verifySealed(t, join(forged), false)
			require.Error(t, err)
			bad := findingsOf(rep, BadMAC)
			require.NotEmpty(t, bad, "line %d: %v", i+1, rep.Findings)
			forgedAny++
		}
	}
	require.Greater(t, forgedAny, 10)
	require.NoError(t, h.Close(context.Background()))
}

// TestSealingByTime: epochs follow the clock; idle epochs are skipped by
// one seal that names the epoch after them.
func TestSealingByTime(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey), WithSealing(time.Minute, 0), withClock(clock))
	l := slog.New(h)
	l.Info("a")
	advance(30 * time.Second)
	l.Info("b")
	advance(31 * time.Second)
	l.Info("c") // epoch 0 ends: seal names 1
	advance(5 * time.Minute)
	l.Info("d") // idle: seal of epoch 1 names 6
	require.NoError(t, h.Close(context.Background()))
	var nexts []float64
	for _, ln := range lines(buf.Bytes()) {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(ln), &m))
		if m["msg"] == MsgSeal {
			nexts = append(nexts, m["next"].(float64))
		}
	}
	require.Equal(t, []float64{1, 6, 7}, nexts)
	rep, err := verifySealed(t, buf.Bytes(), true)
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, uint64(6), rep.Chains["c"].Epoch)
}

func TestSealingOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []Option
		want string
	}{
		{"no key", []Option{WithSealing(time.Minute, 0)}, "add WithKey"},
		{"nothing ends an epoch", []Option{WithKey("k", testKey), WithSealing(0, 0)}, "WithSealing(0s, 0)"},
		{"negative", []Option{WithKey("k", testKey), WithSealing(-time.Second, 1)}, "WithSealing(-1s, 1)"},
		{"resumed", []Option{WithKey("k", testKey), WithSealing(0, 1), WithResume(Head{Chain: "c", Seq: 4, Hash: chain.Genesis("c")})}, "resumed at seq 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(slog.NewJSONHandler(&bytes.Buffer{}, nil), tc.opts...)
			require.ErrorContains(t, err, tc.want)
		})
	}
}

// TestSealingForgetsInitialKey: the handler keeps no copy of the initial
// key once epoch 0 is derived.
func TestSealingForgetsInitialKey(t *testing.T) {
	h, _ := sealedLog(t, 1, 5)
	require.Equal(t, make([]byte, len(testKey)), h.st.cfg.key)
	before := stealKey(t, h).key
	require.NoError(t, h.Seal(context.Background()))
	require.NotEqual(t, before, stealKey(t, h).key)
	require.NoError(t, h.Close(context.Background()))
}

// TestSealingHammer: many goroutines log through a sealing handler with
// short epochs; the log verifies with every epoch continuous.
func TestSealingHammer(t *testing.T) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey), WithSealing(0, 7))
	hammer(8, 100, func(g, i int) {
		slog.New(h).With("g", g).Info("hammer", "i", i)
		if i%33 == 0 {
			_ = h.Seal(context.Background())
		}
	})
	require.NoError(t, h.Close(context.Background()))
	rep, err := verifySealed(t, buf.Bytes(), true)
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, rep.Chains["c"].Last, rep.Chains["c"].Sealed)
}

func TestSlogtestSealing(t *testing.T) {
	var buf bytes.Buffer
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		buf.Reset()
		return Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("t"), WithKey("k1", testKey), WithSealing(0, 1000))
	}, func(t *testing.T) map[string]any {
		var out []map[string]any
		for _, l := range bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n")) {
			var m map[string]any
			require.NoError(t, json.Unmarshal(l, &m))
			if m["msg"] == MsgStart {
				continue
			}
			delete(m, "audit")
			out = append(out, m)
		}
		require.Len(t, out, 1)
		return out[0]
	})
}

// FuzzVerifySealed: the verifier never panics on a sealed log, however it
// is altered, with and without VerifyOptions.Sealed.
func FuzzVerifySealed(f *testing.F) {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("f"), WithKey("k1", testKey), WithSealing(0, 2))
	for i := range 5 {
		slog.New(h).Info("m", "i", i)
	}
	_ = h.Close(context.Background())
	f.Add(buf.Bytes())
	g := chain.Genesis("f").String()
	f.Add([]byte(`{"msg":"audit.seal","epoch":0,"next":-1,"audit":{"v":2,"chain":"f","seq":1,"prev":"` + g + `","hash":"` + g + `","epoch":0,"mac":"` + g + `","key":"k1"}}` + "\n"))
	f.Add([]byte(`{"audit":{"v":1,"chain":"f","seq":1,"prev":"` + g + `","hash":"` + g + `","epoch":3,"mac":"` + g + `","key":"k1"}}` + "\n"))
	f.Add([]byte(`{"audit":{"v":2,"chain":"f","seq":1,"prev":"` + g + `","hash":"` + g + `","epoch":1e300,"mac":"` + g + `"}}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, sealed := range []bool{false, true} {
			_, _ = Verify(context.Background(), bytes.NewReader(data), VerifyOptions{Key: testKey, Sealed: sealed})
		}
	})
}

// TestSealingLosses: a record the writer fails to write is declared lost
// in its own epoch, before the seal, and the log verifies with a gap; an
// intruder who removes a record of a sealed epoch and declares it lost
// from its own epoch is caught; an asynchronous handler, which could lose
// a seal after accepting it, is refused.
func TestSealingLosses(t *testing.T) {
	w := &flakyWriter{fail: "refused-by-disk"}
	h := Wrap(slog.NewJSONHandler(w, nil), WithChainID("c"), WithKey("k1", testKey), WithSealing(0, 3), OnError(func(error) {}))
	l := slog.New(h)
	for i := range 12 {
		msg := "event"
		if i == 4 {
			msg = "refused-by-disk"
		}
		l.Info(msg, "i", i)
	}
	in := stealKey(t, h)
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	rep, err := verifySealed(t, w.buf.Bytes(), true)
	require.NoError(t, err, "%v", rep.Findings)
	require.Len(t, findingsOf(rep, Gap), 1)

	ls := lines(w.buf.Bytes())
	victim := 2 // a record of sealed epoch 0
	require.Equal(t, uint64(0), epochOf(t, ls[victim]))
	seq := uint64(auditOf(t, ls[victim])["seq"].(float64))
	cut := append(append([]string(nil), ls[:victim]...), ls[victim+1:]...)
	cut[len(cut)-1] = strings.TrimSuffix(cut[len(cut)-1], "\n") + "\n"
	cut = append(cut, ls[len(ls)-1]) // a template line, replaced below
	forged := in.relink(cut, len(cut)-1, func(_ int, c map[string]any) {
		for k := range c {
			delete(c, k)
		}
		c["msg"], c["records"] = MsgGap, 1
		c["lost"] = []map[string]any{{"from": seq, "to": seq, "reason": "disk"}}
	}, func(int) uint64 { return in.epoch + 1 }, func(int) uint64 { return in.epoch + 1 })
	rep, err = verifySealed(t, join(forged), false)
	require.Error(t, err, "a sealed record removed and declared lost by a later epoch passed: %v", rep.Findings)
	require.NotEmpty(t, findingsOf(rep, Missing), "%v", rep.Findings)

	core := slogcore.New(&bytes.Buffer{}, nil)
	_, err = New(core, WithKey("k1", testKey), WithSealing(0, 3))
	require.ErrorContains(t, err, "asynchronous slogcore handler")
	require.NoError(t, core.Close(context.Background()))

	// By time: the epoch ends before the next record, whose Handle must
	// declare the loss before it seals.
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tw := &flakyWriter{fail: "refused-by-disk"}
	th := Wrap(slog.NewJSONHandler(tw, nil), WithChainID("t"), WithKey("k1", testKey), WithSealing(time.Minute, 0),
		withClock(func() time.Time { return now }), OnError(func(error) {}))
	slog.New(th).Info("a")
	slog.New(th).Info("refused-by-disk")
	now = now.Add(2 * time.Minute)
	slog.New(th).Info("b")
	require.ErrorIs(t, th.Close(context.Background()), ErrRecordsLost)
	rep, err = verifySealed(t, tw.buf.Bytes(), true)
	require.NoError(t, err, "%v", rep.Findings)
	require.Len(t, findingsOf(rep, Gap), 1)
}

// TestLossRightAfterSeal: a record lost just after a seal belongs to the
// epoch the seal names, and the audit.gap record of that epoch declares
// it; the untouched log verifies (it was reported as missing).
func TestLossRightAfterSeal(t *testing.T) {
	w := &failMarked{marker: `"msg":"lost"`}
	h, err := New(slog.NewJSONHandler(w, nil), WithKey("k1", testKey), WithSealing(time.Hour, 0))
	require.NoError(t, err)
	l := slog.New(h)
	l.Info("a")
	require.NoError(t, h.Seal(context.Background()))
	l.Info("lost")
	l.Info("b")
	require.ErrorIs(t, h.Close(context.Background()), ErrRecordsLost)
	rep := verifyBuf(t, w.Bytes(), VerifyOptions{Key: testKey, Sealed: true})
	gaps := 0
	for _, f := range rep.Findings {
		if f.Kind == Gap {
			gaps++
		}
	}
	require.Equal(t, 1, gaps, "%v", rep.Findings)
}

// TestSealingAfterClockSteps: after a step of the clock backwards the
// epoch is timed from then; a step far forward moves the key on by at most
// maxSealSkip epochs in one seal and times the epochs from then, so that
// sealing goes on and every record verifies. Before, a step of 200 days
// under one-second epochs made every later seal fail (the epoch would
// pass chain.MaxEpoch), a step of 30 days ratcheted 2.6 million epochs
// under the handler's lock, for the writer and again for the verifier,
// and a step of a day back left the epoch (and its key) in use for a day
// more.
func TestSealingAfterClockSteps(t *testing.T) {
	for _, tc := range []struct {
		name  string
		steps []time.Duration
		nexts []float64 // of the seals, Close's last
	}{
		{"back a day", []time.Duration{-24 * time.Hour, 2 * time.Second}, []float64{2, 3}},
		{"back and forth", []time.Duration{-time.Hour, 30 * time.Minute, 31 * time.Minute, 2 * time.Second}, []float64{1800, 3660, 3662, 3663}},
		{"forward a month", []time.Duration{30 * 24 * time.Hour, time.Second}, []float64{maxSealSkip, maxSealSkip + 1, maxSealSkip + 2}},
		{"forward 200 days", []time.Duration{200 * 24 * time.Hour, 3 * time.Second}, []float64{maxSealSkip, maxSealSkip + 3, maxSealSkip + 4}},
		{"idle within the bound", []time.Duration{time.Hour}, []float64{3600, 3601}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
			var errs []error
			var buf bytes.Buffer
			h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("c"), WithKey("k1", testKey), WithSealing(time.Second, 0), withClock(clock),
				OnError(func(err error) { errs = append(errs, err) }))
			l := slog.New(h)
			l.Info("a")
			for _, d := range tc.steps {
				mu.Lock()
				now = now.Add(d)
				mu.Unlock()
				l.Info("b")
			}
			require.NoError(t, h.Close(context.Background()))
			require.Empty(t, errs)
			var nexts []float64
			for _, ln := range lines(buf.Bytes()) {
				var m map[string]any
				require.NoError(t, json.Unmarshal([]byte(ln), &m))
				if m["msg"] == MsgSeal {
					nexts = append(nexts, m["next"].(float64))
				}
			}
			require.Equal(t, tc.nexts, nexts)
			rep, err := verifySealed(t, buf.Bytes(), true)
			require.NoError(t, err, "%v", rep.Findings)
		})
	}
}

// TestCheckpointIntervalAfterClockStepsBack: after a step of the clock
// backwards, the interval of WithCheckpoints runs from then. Before, no
// checkpoint was written by time until the clock had caught up with the
// last one (a day, for a step of a day).
func TestCheckpointIntervalAfterClockStepsBack(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	pub, priv, _ := ed25519.GenerateKey(nil)
	var log, cps bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&log, nil), WithSigner(priv), WithCheckpoints(&cps, 0, time.Minute), withClock(clock))
	l := slog.New(h)
	l.Info("a")
	advance(-24 * time.Hour)
	l.Info("b")
	advance(2 * time.Minute)
	l.Info("c")
	require.EqualValues(t, 1, h.Stats().Checkpoints, "a checkpoint a minute after the step")
	require.NoError(t, h.Close(context.Background()))
	rep := verifyBuf(t, log.Bytes(), VerifyOptions{PublicKey: pub, Checkpoints: bytes.NewReader(cps.Bytes())})
	require.True(t, rep.Intact(), "%v", rep.Findings)
}
