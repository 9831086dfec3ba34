package slogaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFailedWriteAfterFileCutByAnother: another process cut the log while
// the File had it open (logrotate's copytruncate, to nothing or to a
// line's end), and then a write failed part-way. The File must still find
// its fragment at the file's end and cut it off: before, it looked for it
// past the size it knew before the cut, found nothing, and the next
// record was glued onto the fragment.
func TestFailedWriteAfterFileCutByAnother(t *testing.T) {
	for _, cut := range []string{"to nothing", "to a line's end"} {
		t.Run(cut, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.log")
			af, err := OpenFile(path, WithFileSync(SyncNever()))
			if err != nil {
				t.Fatal(err)
			}
			h, err := af.Handler(WithKey("k1", testKey), WithChainID("a"))
			if err != nil {
				t.Fatal(err)
			}
			l := slog.New(h)
			for i := range 6 {
				l.Info("before the cut", "i", i)
			}
			size := int64(0)
			if cut != "to nothing" {
				data, _ := os.ReadFile(path)
				size = int64(bytes.IndexByte(data, '\n') + 1)
			}
			if err := os.Truncate(path, size); err != nil {
				t.Fatal(err)
			}
			failNextWriteHalfway(af)
			l.Info("fails part-way")
			l.Info("after")
			if err := h.Close(context.Background()); err == nil {
				t.Error("Close: want the lost record reported")
			}
			if err := af.Close(); err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(path)
			for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
				if !json.Valid([]byte(line)) {
					t.Errorf("line %d is no record (a fragment, or a record glued onto one): %s", i+1, line)
				}
			}
			rep, _ := VerifyFiles(context.Background(), []string{path}, VerifyOptions{Keys: map[string][]byte{"k1": testKey}})
			for _, f := range rep.Findings {
				if f.Kind == Malformed || f.Kind == Torn {
					t.Errorf("finding %s", f)
				}
			}
			if !bytes.Contains(data, []byte(`"msg":"audit.gap"`)) {
				t.Errorf("the lost record is not declared:\n%s", data)
			}
		})
	}
}
