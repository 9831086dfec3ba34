package otel

import (
	"errors"
)

// Re-entrant calls. The exporter, OnError and OnDrop may log to the
// handler they serve (slog.Default() is often that handler), or call its
// Flush or Close. Three such calls would never end:
//
//   - a record logged while an export runs (by the exporter, or by
//     OnError, which runs on the export goroutine) that waits for room in
//     a full queue: the room is given back when that export ends, so the
//     export goroutine waits for itself, and every caller waits behind it;
//   - Flush or Close called from an export, which would wait for that
//     export to end;
//   - a record logged by OnDrop that is dropped in turn (the processor is
//     shut down, or the queue is still full): OnDrop logs again, until the
//     stack overflows and the program dies.
//
// The goroutines inside an export and inside OnDrop are therefore known;
// telling them apart costs a short runtime.Stack, paid only where a call
// would otherwise wait or recurse.

// errExportWaits is what ForceFlush and Shutdown say when an export calls
// them.
var errExportWaits = errors.New("called from an export (the exporter or BatchOptions.OnError), which cannot wait for itself")
