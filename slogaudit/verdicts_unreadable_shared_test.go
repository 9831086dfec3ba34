package slogaudit_test

// A line changed so that it no longer reads as a record (its JSON broken,
// or its audit member's name changed) stands in place of its record, and
// that record is not reported missing too, when the lines around it are
// other chains' records: two handlers sharing one File, whose records
// interleave, and a rotated file's boundary between them.

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/slogguard/slogguard/slogaudit"
)

// sharedChainsLog writes chains "ledger" and "ops" through two handlers
// of one File, rotated every rotate bytes (0: never), their records
// interleaved, and returns the files' lines, oldest file first.
func sharedChainsLog(t *testing.T, writer string, rotate int64) exactLog {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	var fopts []slogaudit.FileOption
	if rotate > 0 {
		fopts = append(fopts, slogaudit.WithRotateSize(rotate))
	}
	af, err := slogaudit.OpenFile(path, fopts...)
	if err != nil {
		t.Fatal(err)
	}
	open := func(id string) *slogaudit.Handler {
		opts := []slogaudit.Option{slogaudit.WithKey("k1", rtKey), slogaudit.WithChainID(id)}
		var h *slogaudit.Handler
		var err error
		if writer == "file" {
			h, err = af.Handler(opts...)
		} else {
			h, err = slogaudit.New(slog.NewJSONHandler(af, nil), opts...)
		}
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	ledger, ops := open("ledger"), open("ops")
	for i := range 14 {
		slog.New(ledger).Info(fmt.Sprintf("entry %d", i), "n", i)
		if i%3 == 0 {
			slog.New(ops).Warn("ops", "i", i)
		}
	}
	for _, h := range []*slogaudit.Handler{ledger, ops} {
		if err := h.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if err := af.Close(); err != nil {
		t.Fatal(err)
	}
	paths, err := slogaudit.RotatedFiles(path)
	if err != nil {
		t.Fatal(err)
	}
	if rotate > 0 && len(paths) < 3 {
		t.Fatalf("test bug: %d files", len(paths))
	}
	l := exactLog{files: len(paths)}
	for i, p := range paths {
		for _, text := range readLines(t, p) {
			l.lines = append(l.lines, exactLine{i, text})
		}
	}
	return l
}

func TestUnreadableLineBetweenOtherChainsRecords(t *testing.T) {
	for _, writer := range []string{"file", "json"} {
		for _, rotate := range []int64{0, 1200} {
			l := sharedChainsLog(t, writer, rotate)
			if rep := l.verify(t, l.lines, false); !rep.Intact() {
				t.Fatalf("%s: untouched: %v", writer, rep.Findings)
			}
			for i, x := range l.lines[:len(l.lines)-2] {
				a := strings.Index(x.text, `"audit":`)
				edits := map[string]string{
					"its JSON broken":             x.text[:1] + "x" + x.text[2:],
					"its audit member renamed":    x.text[:a+2] + "x" + x.text[a+3:],
					"the audit member's key made": x.text[:a] + `"Audit":` + x.text[a+len(`"audit":`):],
				}
				for name, e := range edits {
					c := slices.Clone(l.lines)
					c[i].text = e
					rep := l.verify(t, c, false)
					if got := tampering(rep); len(got) != 1 || got[0].Line != lineInFile(c, i) {
						t.Errorf("%s, rotated every %d bytes: line %d (file %d), %s: want one finding at its line, got %v", writer, rotate, i+1, x.file, name, rep.Findings)
					}
				}
			}
		}
	}
}

// A record's line (not its chain's newest), changed so that it no longer
// reads as a record (a quote or a brace of it made another byte), just
// before the last record of its chain or of another chain (whose write
// could have closed a crash's fragment there), is that record's one
// finding: it stands where
// the record is missing, so it is not excused as a crash's fragment, with
// the record reported missing besides.
func TestChangedLineBeforeChainsLastRecord(t *testing.T) {
	for _, writer := range []string{"file", "json"} {
		l := sharedChainsLog(t, writer, 0)
		lastOf := map[string]int{}
		for i, x := range l.lines {
			for _, id := range []string{"ledger", "ops"} {
				if strings.Contains(x.text, `"chain":"`+id+`"`) {
					lastOf[id] = i
				}
			}
		}
		for id, last := range lastOf {
			i := last - 1
			x := l.lines[i]
			if i == lastOf["ledger"] || i == lastOf["ops"] {
				// The newest record of its own chain: changed, it cannot
				// be told from a crash's fragment without a checkpoint.
				continue
			}
			edited := 0
			for k := 0; k < len(x.text); k++ {
				if x.text[k] != '"' && x.text[k] != '}' {
					continue
				}
				for _, b := range []string{"x", "1"} {
					c := slices.Clone(l.lines)
					c[i].text = x.text[:k] + b + x.text[k+1:]
					rep := l.verify(t, c, false)
					edited++
					if got := tampering(rep); len(got) != 1 || got[0].Line != lineInFile(c, i) {
						t.Errorf("%s: the line before %s's last record, byte %d made %s: want one finding at its line %d, got %v", writer, id, k+1, b, i+1, rep.Findings)
					}
				}
			}
			if edited == 0 {
				t.Fatalf("test bug: %s: nothing edited", writer)
			}
		}
	}
}
