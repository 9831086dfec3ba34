package slogaudit_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// Wrap writes v2 hashes and MACs in lowercase hex. A digit turned
// uppercase decodes to the same bytes, so the verifier read the line as
// intact although it is not the line written. Each such edit is one
// finding at the edited line: modified (the record's line no longer reads
// as a record, and its audit member still names it as the chain's next
// record), on the last record too.
func TestUppercaseHexDigitIsAnEdit(t *testing.T) {
	var buf bytes.Buffer
	h := slogaudit.Wrap(slog.NewJSONHandler(&buf, nil), slogaudit.WithKey("k7", rtKey), slogaudit.WithChainID("ledger"))
	l := slog.New(h)
	for i := range 5 {
		l.Info("transfer booked", "from", fmt.Sprintf("acct-%d", 310+i), "cents", 125*i)
	}
	if err := h.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimSuffix(buf.Bytes(), []byte("\n")), []byte("\n"))
	verify := func(data []byte) (slogaudit.Report, error) {
		return slogaudit.Verify(context.Background(), bytes.NewReader(data), slogaudit.VerifyOptions{Keys: map[string][]byte{"k7": rtKey}})
	}
	if rep, err := verify(buf.Bytes()); err != nil || !rep.Intact() {
		t.Fatalf("untouched log: %v %v", err, rep.Findings)
	}
	for _, field := range []string{"prev", "hash", "mac"} {
		for i := range lines {
			// The last hex letter of the field, so that the edit is not
			// always at its start.
			start := bytes.Index(lines[i], []byte(`"`+field+`":"`)) + len(field) + 4
			at := -1
			for k := start; k < start+64; k++ {
				if c := lines[i][k]; 'a' <= c && c <= 'f' {
					at = k
				}
			}
			if at < 0 {
				continue // all digits: nothing to change the case of
			}
			t.Run(fmt.Sprintf("%s of line %d", field, i+1), func(t *testing.T) {
				edited := bytes.Clone(buf.Bytes())
				off := len(bytes.Join(lines[:i], nil)) + at
				edited[off] -= 'a' - 'A'
				rep, err := verify(edited)
				if err == nil || rep.Intact() {
					t.Fatalf("line %d with %q in its %s verifies as intact", i+1, edited[off], field)
				}
				var bad []slogaudit.Finding
				for _, f := range rep.Findings {
					if !f.Kind.Info() {
						bad = append(bad, f)
					}
				}
				want := slogaudit.Modified
				if len(bad) != 1 || bad[0].Line != int64(i+1) || bad[0].Kind != want {
					t.Fatalf("got %v, want one %s finding at line %d", bad, want, i+1)
				}
			})
		}
	}
}
