package slogaudit

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTornTailDetailSaysWhetherTheLineEnded guards what the torn-tail
// finding says about a last line that is the start of a record: without a
// final newline the writer stopped mid-record; with one, a writer stopped,
// reopened and wrote nothing after it.
func TestTornTailDetailSaysWhetherTheLineEnded(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	fragment := ls[1][:len(ls[1])/2] // the start of a record
	for _, tc := range []struct {
		tail, want string
	}{
		{fragment, "no newline"},
		{fragment + "\n", "reopened and wrote nothing after it"},
	} {
		log := strings.Join(ls, "")
		if !strings.HasSuffix(log, "\n") {
			log += "\n"
		}
		log += tc.tail
		rep, _ := Verify(context.Background(), strings.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": f.key}})
		var torn []Finding
		for _, fd := range rep.Findings {
			if fd.Kind == TornTail {
				torn = append(torn, fd)
			}
		}
		require.Len(t, torn, 1, "%v", rep.Findings)
		require.Contains(t, torn[0].Detail, tc.want)
		require.Equal(t, int64(len(ls)+1), torn[0].Line)
	}
}

// TestLineTooLongNamesItsLine guards the line number in ErrLineTooLong's
// message, for a line shorter than the read buffer: the line that is too
// long, counted from 1.
func TestLineTooLongNamesItsLine(t *testing.T) {
	f := readFixture(t, "testdata/v2")
	ls := lines(f.log)
	log := ls[0] + ls[1] + `{"msg":"` + strings.Repeat("x", 600) + "\"}\n" + ls[2]
	_, err := Verify(context.Background(), strings.NewReader(log), VerifyOptions{Keys: map[string][]byte{"k1": f.key}, MaxLineBytes: 500})
	require.ErrorIs(t, err, ErrLineTooLong)
	require.Contains(t, err.Error(), " line 3: ")
}
