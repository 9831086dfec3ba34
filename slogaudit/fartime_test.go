package slogaudit

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogguard/slogguard/slogcore"
)

// TestRecordTimeOutsideJSONYears: a record whose time, in UTC, falls
// outside the years 0 to 9999 (a clock stepped far, a record built with a
// time from elsewhere) verifies intact over every producer. Before, over
// Wrap(slog.NewJSONHandler) and Wrap(slogcore.New), the wrapped handler
// wrote "time":"!ERROR:…" with the time glued after it: the untouched
// log verified as malformed, the record missing.
func TestRecordTimeOutsideJSONYears(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("west", -3600)), // year 10000 in UTC
		time.Date(0, 1, 1, 0, 30, 0, 0, time.FixedZone("east", 3600)),                 // year -1 in UTC
		time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC),
	} {
		for _, prod := range []string{"json", "slogcore", "file"} {
			t.Run(tm.Format(time.RFC3339)+"/"+prod, func(t *testing.T) {
				var buf bytes.Buffer
				var h *Handler
				var core *slogcore.Handler
				var af *File
				var err error
				path := filepath.Join(t.TempDir(), "audit.log")
				switch prod {
				case "json":
					h, err = New(slog.NewJSONHandler(&buf, nil), WithKey("k1", testKey), WithChainID("c"))
				case "slogcore":
					core = slogcore.New(&buf, nil)
					h, err = New(core, WithKey("k1", testKey), WithChainID("c"))
				case "file":
					if af, err = OpenFile(path, WithFileSync(SyncNever())); err == nil {
						h, err = af.Handler(WithKey("k1", testKey), WithChainID("c"))
					}
				}
				if err != nil {
					t.Fatal(err)
				}
				r := slog.NewRecord(tm, slog.LevelInfo, "far", 0)
				r.AddAttrs(slog.Time("at", tm), slog.String("k", "v"))
				if err := h.Handle(context.Background(), r); err != nil {
					t.Fatal(err)
				}
				if err := h.Close(context.Background()); err != nil {
					t.Fatal(err)
				}
				if core != nil {
					_ = core.Close(context.Background())
				}
				if af != nil {
					_ = af.Close()
					b, _ := os.ReadFile(path)
					buf.Write(b)
				}
				rep, err := Verify(context.Background(), strings.NewReader(buf.String()), VerifyOptions{Key: testKey})
				if err != nil || !rep.Intact() || rep.Records != 3 {
					t.Errorf("untouched log: %v, %d records, %v\n%s", err, rep.Records, rep.Findings, buf.String())
				}
				if want := `"` + tm.UTC().Format(time.RFC3339Nano) + `"`; strings.Count(buf.String(), want) < 2 {
					t.Errorf("the record's time %s is not written as the time and the attr:\n%s", want, buf.String())
				}
			})
		}
	}
}
