package otel_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/slogguard/slogguard/otel"
)

// TestShutdownCountsRecordsEmittedMeanwhileOnce emits records from several
// goroutines without pause while Shutdown runs. Each record emitted after
// Shutdown began is dropped as closed; none may also be counted as lost to
// the close deadline, which would make the outcomes outnumber the records.
func TestShutdownCountsRecordsEmittedMeanwhileOnce(t *testing.T) {
	for round := range 20 {
		exp := &memExporter{}
		b, err := otel.NewBatchProcessor(exp, &otel.BatchOptions{QueueSize: 64})
		require.NoError(t, err)
		var stop atomic.Bool
		var wg sync.WaitGroup
		started := make(chan struct{}, 6)
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var r sdklog.Record
				r.SetSeverity(log.SeverityInfo)
				for i := 0; !stop.Load(); i++ {
					_ = b.OnEmit(context.Background(), &r)
					if i == 0 {
						started <- struct{}{}
					}
				}
			}()
		}
		for range 6 {
			<-started
		}
		shutdownErr := b.Shutdown(context.Background())
		stop.Store(true)
		wg.Wait()

		s := b.Stats()
		require.Equal(t, s.Emitted, s.Exported+s.Failed+s.Dropped, "round %d: outcomes do not add up to the records: %+v", round, s)
		require.Zero(t, s.Pending, "round %d: %+v", round, s)
		require.Equal(t, uint64(len(exp.Records())), s.Exported, "round %d", round)
		require.NoError(t, shutdownErr, "round %d: nothing was lost, yet Shutdown says so: %+v", round, s)
	}
}
