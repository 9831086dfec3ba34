package slogaudit

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// cpNoteLine is one line of a checkpoint file of format v2.
type cpNoteLine struct {
	Chain string `json:"chain"`
	Note  string `json:"note"`
}

func readNoteLines(t *testing.T, path string) []cpNoteLine {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var out []cpNoteLine
	for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		var x cpNoteLine
		require.NoError(t, json.Unmarshal([]byte(l), &x))
		out = append(out, x)
	}
	return out
}

func joinNoteLines(t *testing.T, ls []cpNoteLine) string {
	t.Helper()
	var b strings.Builder
	for _, x := range ls {
		j, err := json.Marshal(x)
		require.NoError(t, err)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// sigLine returns the signature line of the named signer in a note.
func sigLine(t *testing.T, n, who string) string {
	t.Helper()
	for _, s := range strings.SplitAfter(n, "\n") {
		if strings.HasPrefix(s, "— "+who+" ") {
			return s
		}
	}
	t.Fatalf("no signature by %s in %q", who, n)
	return ""
}

// TestCosignatureReplay: a witness's valid cosignature taken from another
// checkpoint (an older one of the same chain, or one of another log) and
// attached to a checkpoint, or a cosignature copied so that one witness
// signs twice, is a bad checkpoint at its line, never counted towards the
// quorum; the untouched file verifies witnessed to its newest cosigned
// checkpoint.
func TestCosignatureReplay(t *testing.T) {
	c := newCPLog(t)
	w1, w2 := newTestWitness(t, "w1.example"), newTestWitness(t, "w2.example")
	w1.addLog(t, "audit.example.com/app/payments", c.pub)
	w2.addLog(t, "audit.example.com/app/payments", c.pub)
	for range 3 { // three processes: cosigned checkpoints of three sizes
		_, errs := c.write(t, 17, 5, WithWitnesses(2, w1.witness(), w2.witness()))
		require.Empty(t, errs)
	}
	// Another log, with its own key, cosigned by the same witness.
	other := newCPLog(t)
	w1.addLog(t, "audit.example.com/app/refunds", other.pub)
	_, errs := other.write(t, 9, 3, WithChainID("refunds"), WithWitnesses(1, w1.witness()))
	require.Empty(t, errs)
	foreign := readNoteLines(t, other.cps)
	foreignSig := sigLine(t, foreign[len(foreign)-1].Note, "w1.example")

	lines := readNoteLines(t, c.cps)
	var cosigned []int
	for i, l := range lines {
		if strings.Contains(l.Note, "— w1.example ") {
			cosigned = append(cosigned, i)
		}
	}
	require.GreaterOrEqual(t, len(cosigned), 2, "%v", lines)
	first, last := cosigned[0], cosigned[len(cosigned)-1]
	oldNote, newNote := lines[first].Note, lines[last].Note
	require.NotEqual(t, oldNote, newNote)

	verify := func(cps string) (Report, error) {
		return VerifyFiles(context.Background(), []string{c.log}, VerifyOptions{Key: testKey, PublicKey: c.pub,
			Checkpoints: strings.NewReader(cps), Witnesses: []string{w1.vkey, w2.vkey}})
	}
	rep, err := verify(joinNoteLines(t, lines))
	require.NoError(t, err, "%v", rep.Findings)
	require.Equal(t, rep.Chains["payments"].Last, rep.Chains["payments"].Witnessed)

	for _, tc := range []struct {
		name string
		line int // index of the line edited
		edit func(n string) string
	}{
		{"an older cosignature of w1 on the newest checkpoint", last, func(n string) string {
			return strings.Replace(n, sigLine(t, n, "w1.example"), sigLine(t, oldNote, "w1.example"), 1)
		}},
		{"an older cosignature of w2 on the newest checkpoint", last, func(n string) string {
			return strings.Replace(n, sigLine(t, n, "w2.example"), sigLine(t, oldNote, "w2.example"), 1)
		}},
		{"the newest cosignatures on the oldest cosigned checkpoint", first, func(n string) string {
			n = strings.Replace(n, sigLine(t, n, "w1.example"), sigLine(t, newNote, "w1.example"), 1)
			return strings.Replace(n, sigLine(t, n, "w2.example"), sigLine(t, newNote, "w2.example"), 1)
		}},
		{"another log's cosignature by w1", last, func(n string) string {
			return strings.Replace(n, sigLine(t, n, "w1.example"), foreignSig, 1)
		}},
		{"w1 twice, w2's cosignature replaced", last, func(n string) string {
			return strings.Replace(n, sigLine(t, n, "w2.example"), sigLine(t, n, "w1.example"), 1)
		}},
		{"w1 twice, w2's cosignature kept", last, func(n string) string {
			return n + sigLine(t, n, "w1.example")
		}},
		{"the log's own signature twice", first, func(n string) string {
			return n + sigLine(t, n, "audit.example.com/app/payments")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			edited := append([]cpNoteLine(nil), lines...)
			edited[tc.line].Note = tc.edit(edited[tc.line].Note)
			require.NotEqual(t, lines[tc.line].Note, edited[tc.line].Note)
			rep, err := verify(joinNoteLines(t, edited))
			require.Error(t, err)
			require.False(t, rep.Intact())
			found := false
			for _, f := range rep.Findings {
				if f.Kind == BadCheckpoint && f.Line == int64(tc.line+1) {
					found = true
				}
			}
			require.True(t, found, "want bad-checkpoint at checkpoints:%d, got %v", tc.line+1, rep.Findings)
			if tc.line == last {
				require.Less(t, rep.Chains["payments"].Witnessed, rep.Chains["payments"].Last)
			}
		})
	}
}

// TestWitnessGivenTwice: one witness given twice is refused, by the
// writer (its cosignature would be stored twice, or count twice) and by
// the verifier, rather than written or read as a tampered checkpoint.
func TestWitnessGivenTwice(t *testing.T) {
	c := newCPLog(t)
	w1 := newTestWitness(t, "w7.example")
	af, err := OpenFile(c.log)
	require.NoError(t, err)
	defer af.Close()
	cf, err := OpenCheckpointFile(c.cps)
	require.NoError(t, err)
	defer cf.Close()
	_, err = af.Handler(WithKey("k1", testKey), WithSigner(c.priv), WithCheckpoints(cf, 4, 0), WithChainID("payments"),
		WithWitnesses(1, w1.witness(), w1.witness()))
	require.ErrorContains(t, err, `witness "w7.example" given twice`)

	_, err = Verify(context.Background(), strings.NewReader(""), VerifyOptions{Witnesses: []string{w1.vkey, w1.vkey}})
	require.ErrorContains(t, err, `the key of witness "w7.example" is given twice`)
}
