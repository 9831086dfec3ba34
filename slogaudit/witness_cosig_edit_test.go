package slogaudit

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// flipSigByte changes one base64 character of a signature line, keeping
// the line a signature line.
func flipSigByte(s string) string {
	i := strings.LastIndexByte(s, ' ') + 10
	c := byte('A')
	if s[i] == 'A' {
		c = 'B'
	}
	return s[:i] + string(c) + s[i+1:]
}

// TestCosignatureEditIsOneFinding: one witness's cosignature edited on
// any cosigned checkpoint of the checkpoint file is one bad-checkpoint
// finding, at that line, and the report no longer counts that checkpoint
// witnessed; the log's own records are not reported.
func TestCosignatureEditIsOneFinding(t *testing.T) {
	c := newCPLog(t)
	w1, w2 := newTestWitness(t, "w1.example"), newTestWitness(t, "w2.example")
	w1.addLog(t, "audit.example.com/app/payments", c.pub)
	w2.addLog(t, "audit.example.com/app/payments", c.pub)
	for range 2 {
		_, errs := c.write(t, 13, 4, WithWitnesses(2, w1.witness(), w2.witness()))
		require.Empty(t, errs)
	}
	lines := readNoteLines(t, c.cps)
	verify := func(cps string) (Report, error) {
		return VerifyFiles(context.Background(), []string{c.log}, VerifyOptions{Key: testKey, PublicKey: c.pub,
			Checkpoints: strings.NewReader(cps), Witnesses: []string{w1.vkey, w2.vkey}})
	}
	rep, err := verify(joinNoteLines(t, lines))
	require.NoError(t, err, "%v", rep.Findings)
	edited := 0
	for i, l := range lines {
		for _, who := range []string{"w1.example", "w2.example"} {
			if !strings.Contains(l.Note, "— "+who+" ") {
				continue
			}
			e := append([]cpNoteLine(nil), lines...)
			sig := sigLine(t, l.Note, who)
			e[i].Note = strings.Replace(l.Note, sig, flipSigByte(sig), 1)
			rep, err := verify(joinNoteLines(t, e))
			require.Error(t, err)
			var signs []Finding
			for _, f := range rep.Findings {
				if !f.Kind.Info() {
					signs = append(signs, f)
				}
			}
			require.Len(t, signs, 1, "%s's cosignature on checkpoint line %d edited: %v", who, i+1, rep.Findings)
			require.Equal(t, BadCheckpoint, signs[0].Kind, "%v", signs)
			require.Equal(t, int64(i+1), signs[0].Line, "%v", signs)
			edited++
		}
	}
	require.Greater(t, edited, 1, "test bug: no cosigned checkpoint")
}
