package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/internal/chain"
	"github.com/stretchr/testify/require"
)

// vdSigns returns the findings of rep that are signs of tampering.
func vdSigns(rep Report) []Finding {
	var out []Finding
	for _, f := range rep.Findings {
		if !f.Kind.Info() {
			out = append(out, f)
		}
	}
	return out
}

// vdSeq returns the seq of a line's audit member.
func vdSeq(t *testing.T, line string) uint64 {
	t.Helper()
	return uint64(auditOf(t, line)["seq"].(float64))
}

// vdLines splits a log into lines, each with its newline.
func vdLines(b []byte) []string {
	ls := lines(b)
	ls[len(ls)-1] = strings.TrimSuffix(ls[len(ls)-1], "\n") + "\n"
	return ls
}

// vdMove returns ls with line from moved to index to (of the result).
func vdMove(ls []string, from, to int) []string {
	out := append(append([]string{}, ls[:from]...), ls[from+1:]...)
	return append(out[:to], append([]string{ls[from]}, out[to:]...)...)
}

// vdRotatedLog writes a Wrap log of 9 records whose key id changes from
// k1 to k2 after the fourth, through RotateKey.
func vdRotatedLog(t *testing.T) []string {
	var buf bytes.Buffer
	h := Wrap(slog.NewJSONHandler(&buf, nil), WithChainID("r"), WithKey("k1", testKey))
	l := slog.New(h)
	for i := range 9 {
		l.Info("event", "i", i)
		if i == 3 {
			require.NoError(t, h.RotateKey(context.Background(), "k2", testKey2, nil))
		}
	}
	require.NoError(t, h.Close(context.Background()))
	return vdLines(buf.Bytes())
}

// TestRecordAfterRemovedSealOrRotationIsNotBlamed: an audit.seal or
// audit.rotate removed, or moved later, is reported as that record
// (missing, or reordered where it now is); the record that follows its
// old place, whose epoch or key id the seal or rotation explained, is not
// reported too.
func TestRecordAfterRemovedSealOrRotationIsNotBlamed(t *testing.T) {
	h, buf := sealedLog(t, 14, 3)
	require.NoError(t, h.Close(context.Background()))
	sealed := vdLines(buf.Bytes())
	rotated := vdRotatedLog(t)
	for _, c := range []struct {
		name string
		ls   []string
		msg  string
		o    VerifyOptions
	}{
		{"seal", sealed, MsgSeal, VerifyOptions{Keys: map[string][]byte{"k1": testKey}, Sealed: true}},
		{"rotate", rotated, MsgRotate, VerifyOptions{Keys: map[string][]byte{"k1": testKey, "k2": testKey2}}},
	} {
		rep, err := Verify(context.Background(), strings.NewReader(strings.Join(c.ls, "")), c.o)
		require.NoError(t, err, "%v", rep.Findings)
		checked := 0
		for i, l := range c.ls {
			if !strings.Contains(l, `"msg":"`+c.msg+`"`) || i == len(c.ls)-1 {
				continue
			}
			seq := vdSeq(t, l)
			// Removed, alone or with the record before it: one missing
			// finding for the run of adjacent lines.
			for _, n := range []int{1, 2} {
				if i-n+1 < 1 {
					continue
				}
				cut := append(append([]string{}, c.ls[:i-n+1]...), c.ls[i+1:]...)
				rep, _ := Verify(context.Background(), strings.NewReader(strings.Join(cut, "")), c.o)
				signs := vdSigns(rep)
				require.Len(t, signs, 1, "%s on line %d and %d before it removed: %v", c.msg, i+1, n-1, rep.Findings)
				require.Equal(t, Missing, signs[0].Kind, "%v", signs)
				require.Equal(t, seq-uint64(n-1), signs[0].Seq)
				if n > 1 {
					require.Contains(t, signs[0].Detail, fmt.Sprintf("records %d to %d", seq-1, seq))
				}
				checked++
			}
			// Moved later, past one record or more.
			for to := i + 1; to < len(c.ls); to++ {
				moved := vdMove(c.ls, i, to)
				rep, _ := Verify(context.Background(), strings.NewReader(strings.Join(moved, "")), c.o)
				signs := vdSigns(rep)
				if to == i+1 {
					// Two neighbours swapped: either may be named.
					require.Len(t, signs, 1, "%v", signs)
					continue
				}
				require.Len(t, signs, 1, "%s on line %d moved to line %d: %v", c.msg, i+1, to+1, rep.Findings)
				require.Equal(t, Reordered, signs[0].Kind)
				require.Equal(t, seq, signs[0].Seq)
				require.Equal(t, int64(to+1), signs[0].Line)
				checked++
			}
		}
		require.Greater(t, checked, 5, c.name)
	}
}

// TestForgedGapAfterSealKeepsEpochFinding: an intruder holding a later
// epoch's key removes records of a sealed epoch, a seal among them, and
// appends an audit.gap that declares them lost, MACed with its own key.
// The record after the gap is not excused: a declared loss never holds a
// seal, so its epoch finding stays, as does the removed records' verdict.
func TestForgedGapAfterSealKeepsEpochFinding(t *testing.T) {
	h, buf := sealedLog(t, 14, 3)
	in := stealKey(t, h)
	ls := lines(buf.Bytes())
	seal := -1
	for i, l := range ls {
		if strings.Contains(l, `"msg":"`+MsgSeal+`"`) && epochOf(t, l) == 1 {
			seal = i
		}
	}
	require.Positive(t, seal)
	kept := ls[:seal-1] // the seal and the record before it removed
	last := auditOf(t, kept[len(kept)-1])
	lastSeq := uint64(last["seq"].(float64))
	seq := lastSeq + 3 // lastSeq+1 and +2 (the seal) removed
	content := map[string]any{"time": "2026-01-01T00:00:00Z", "level": "WARN", "msg": MsgGap, "chain": in.chain,
		"lost": []any{map[string]any{"from": lastSeq + 1, "to": lastSeq + 2, "reason": "write failed"}}}
	raw, err := json.Marshal(content)
	require.NoError(t, err)
	v, err := chain.Parse(raw)
	require.NoError(t, err)
	prev, err := chain.ParseHash(auditOf(t, ls[seal])["hash"].(string))
	require.NoError(t, err)
	hash := chain.V2.Link(in.chain, seq, prev, chain.AppendCanonical(nil, v))
	mac, err := chain.V2.SealedMAC(in.keyOf(in.epoch), in.keyID, in.epoch, hash)
	require.NoError(t, err)
	content["audit"] = map[string]any{"v": 2, "chain": in.chain, "seq": seq, "prev": prev.String(), "hash": hash.String(),
		"epoch": in.epoch, "mac": mac.String(), "key": in.keyID}
	raw, err = json.Marshal(content)
	require.NoError(t, err)
	forged := append(append([]string{}, kept...), string(raw)+"\n")

	for _, sealedOpt := range []bool{true, false} {
		rep, err := verifySealed(t, join(forged), sealedOpt)
		require.Error(t, err, "%v", rep.Findings)
		require.NotEmpty(t, findingsOf(rep, Epoch), "Sealed %v: %v", sealedOpt, rep.Findings)
		// The seal and the record before it: one run of adjacent lines.
		require.Len(t, findingsOf(rep, Missing), 1, "%v", rep.Findings)
		require.Contains(t, findingsOf(rep, Missing)[0].Detail, fmt.Sprintf("records %d to %d", lastSeq+1, lastSeq+2))
	}
	require.NoError(t, h.Close(context.Background()))
}

// TestOnlySealMovedLaterStillSeals: the one seal of a chain, moved later,
// is reported reordered, and the chain is still sealed up to it: no
// "unsealed" finding says that the chain carries no seal.
func TestOnlySealMovedLaterStillSeals(t *testing.T) {
	h, buf := sealedLog(t, 4, 3) // not closed: one seal, then records
	ls := vdLines(buf.Bytes())
	h.Close(context.Background()) //nolint:errcheck // its output is not read
	seal, seals := -1, 0
	for i, l := range ls {
		if strings.Contains(l, `"msg":"`+MsgSeal+`"`) {
			seal, seals = i, seals+1
		}
	}
	require.Equal(t, 1, seals)
	require.Less(t, seal+2, len(ls), "records follow the seal")
	moved := vdMove(ls, seal, len(ls)-1)
	rep, _ := verifySealed(t, join(moved), true)
	signs := vdSigns(rep)
	require.Len(t, signs, 1, "%v", rep.Findings)
	require.Equal(t, Reordered, signs[0].Kind)
	require.Equal(t, vdSeq(t, ls[seal]), signs[0].Seq)
	require.Equal(t, vdSeq(t, ls[seal]), rep.Chains["c"].Sealed)
}

// TestWrittenChain: the chain id of a line written through File.Write,
// in the forms the writers give the audit member, and none where there
// is no such member or the id holds an escape.
func TestWrittenChain(t *testing.T) {
	for _, c := range []struct{ line, want string }{
		{`{"audit":{"chain":"c-1","hash":"x","seq":1,"v":2},"msg":"m"}`, "c-1"},
		{`{"time":"t","msg":"m","audit":{"v":2,"chain":"0a1b","seq":3,"prev":"p"}}`, "0a1b"},
		{`{"msg":"\"audit\":{\"chain\":\"fake\"}","audit":{"v":1,"chain":"real","seq":1}}`, "real"},
		{`{"msg":"m"}`, ""},
		{`{"audit":{"chain":"a\"b","seq":1}}`, ""},
		{`{"audit":{"chain":"","seq":1}}`, ""},
		{`{"audit":{"seq":1,"prev":"` + strings.Repeat("0", 64) + `","chain":"late"}}`, ""},
		{`{"audit":{"chain":"unterminated`, ""},
	} {
		if got := string(writtenChain([]byte(c.line))); got != c.want {
			t.Errorf("%s: %q, want %q", c.line, got, c.want)
		}
	}
}
