package slogaudit_test

// A second writer that holds the key and resumes a chain's head the first
// writer had already moved past (a fork) appends records that do not
// belong to the chain: one inserted finding for the run it appended, at
// its first line, naming the run's seqs.

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

func TestForkedWriterRunIsOneInserted(t *testing.T) {
	for _, after := range []int{0, 1, 3} {
		for _, forked := range []int{2, 3, 5} {
			var base bytes.Buffer
			opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID("till")}
			h, err := slogaudit.New(slog.NewJSONHandler(&base, nil), opts...)
			if err != nil {
				t.Fatal(err)
			}
			for i := range 5 {
				slog.New(h).Info("sale", "n", i)
			}
			head := h.Head()
			// The first writer goes on: after records, and its next
			// run resumes it (3 more records and its audit.stop).
			for i := range after {
				slog.New(h).Info("sale", "n", 100+i)
			}
			var first, second bytes.Buffer
			h1, _ := slogaudit.New(slog.NewJSONHandler(&first, nil), append(opts, slogaudit.WithResume(h.Head()))...)
			h2, _ := slogaudit.New(slog.NewJSONHandler(&second, nil), append(opts, slogaudit.WithResume(head))...)
			for i := range 3 {
				slog.New(h1).Info("refund", "n", i)
			}
			for i := range forked - 1 { // and its audit.start before them
				slog.New(h2).Info("refund", "n", 50+i)
			}
			// Neither closes (no audit.stop): forked records exactly.
			log := base.String() + first.String()
			startLine := int64(strings.Count(log, "\n") + 1)
			firstSeq := head.Seq + 1
			for _, o := range []slogaudit.VerifyOptions{{Key: rtKey}, {}} {
				name := fmt.Sprintf("%d records after the fork point, %d forked (key %v)", after, forked, o.Key != nil)
				rep, _ := slogaudit.Verify(context.Background(), strings.NewReader(log+second.String()), o)
				requireOnly(t, name, rep, slogaudit.Inserted, firstSeq, startLine)
				if got := tampering(rep); len(got) == 1 && forked > 1 {
					if want := fmt.Sprintf("records %d to %d, on lines %d to %d", firstSeq, firstSeq+uint64(forked)-1, startLine, startLine+int64(forked)-1); !strings.Contains(got[0].Detail, want) {
						t.Errorf("%s: want %q, got %s", name, want, got[0])
					}
				}
				// Look-alike: the untouched log, the second writer's
				// records left out, is intact.
				if rep, err := slogaudit.Verify(context.Background(), strings.NewReader(log), o); err != nil || !rep.Intact() {
					t.Errorf("%s: untouched: want intact, got %v %v", name, err, rep.Findings)
				}
			}
		}
	}
}
