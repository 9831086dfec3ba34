package otel_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/slogguard/slogguard/otel"
	"github.com/slogguard/slogguard/slogcore"
)

// TestHammer logs from many goroutines through derived handlers, with
// secrets in every record, while other goroutines read Stats and Flush.
// Run under -race. The accounting must balance on both sides and no secret
// may reach the collector.
func TestHammer(t *testing.T) {
	const (
		workers = 16
		each    = 250
	)
	for _, tc := range []struct {
		name  string
		batch *otel.BatchOptions
	}{
		{"block", &otel.BatchOptions{QueueSize: 64, ExportMaxBatchSize: 16, ExportInterval: 5 * time.Millisecond}},
		{"drop-newest", &otel.BatchOptions{QueueSize: 16, ExportMaxBatchSize: 8, ExportInterval: 5 * time.Millisecond, Overflow: slogcore.DropNewest}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rcv := startReceiver(t)
			h, err := otel.New(io.Discard, &otel.Options{
				Exporter: otlpExporter(t, rcv),
				Core:     &slogcore.Options{QueueSize: 128},
				Batch:    tc.batch,
			})
			require.NoError(t, err)
			logger := slog.New(h)

			stop := make(chan struct{})
			var readers sync.WaitGroup
			readers.Add(1)
			go func() {
				defer readers.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					s := h.Stats()
					require.LessOrEqual(t, s.OTel.Exported+s.OTel.Failed+s.OTel.Dropped, s.OTel.Emitted)
					ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
					_ = h.Flush(ctx)
					cancel()
				}
			}()

			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					l := logger.With("worker", w, "session_token", fmt.Sprintf("sess-%d-SECRET", w)).WithGroup("job")
					for i := range each {
						level := slog.LevelInfo
						if i%50 == 0 {
							level = slog.LevelError
						}
						l.Log(context.Background(), level, "tick",
							"i", i,
							"password", fmt.Sprintf("pw-%d-%d-SECRET", w, i),
							slog.Group("db", "dsn", fmt.Sprintf("postgres://u:dsn%dx%dSECRET@db", w, i)))
					}
				}()
			}
			wg.Wait()
			close(stop)
			readers.Wait()
			require.NoError(t, h.Close(closeCtx(t)))

			s := h.Stats()
			const n = workers * each
			require.Equal(t, uint64(n), s.Core.Submitted)
			require.Equal(t, s.Core.Submitted, s.Core.Written+s.Core.Dropped+s.Core.Failed)
			require.Equal(t, uint64(n), s.OTel.Emitted)
			checkOTelInvariant(t, s.OTel)
			require.Len(t, rcv.Records(), int(s.OTel.Exported))
			errorsArrived := 0
			for _, r := range rcv.Records() {
				if r.GetSeverityText() == "ERROR" {
					errorsArrived++
				}
			}
			require.Equal(t, workers*each/50, errorsArrived, "every ERROR record arrives under any policy")
			if tc.batch.Overflow == slogcore.Block {
				require.Equal(t, uint64(n), s.OTel.Exported)
			}
			require.Empty(t, leaked(rcv.Raw(), []string{"SECRET"}))
			t.Logf("%s", s)
		})
	}
}
