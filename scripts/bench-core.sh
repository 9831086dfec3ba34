#!/bin/sh
# Interleaved benchmark rounds for slogcore's and redact's cost targets.
#
#   scripts/bench-core.sh            # 20 rounds
#   ROUNDS=30 scripts/bench-core.sh
#
# Each round runs every contender once (one `-count 1` run of each test
# binary, whose sub-benchmarks hold the contender and its comparison:
# slog.JSONHandler, or the same handler with redaction off), so that a
# change of the machine's load reaches all of them alike. Then benchstat
# prints medians and quartiles per contender. The test binaries are built
# once, before the first round. Results go to $OUT (default: a new
# temporary directory):
#
#   redact.txt   redact.BenchmarkCleanRecord: clean records, constant and
#                built per call, redaction off and on, slogcore.New and
#                redact.NewHandler(JSONHandler) (target: on <= 1.2x off);
#                and BenchmarkCleanRecordFloor: the record built per call
#                through JSONHandler alone, behind a handler that only reads
#                every byte (and word) of its strings, and behind
#                redact.NewHandler
#   core.txt     slogcore.BenchmarkTenAttrs and ...Parallel (one
#                goroutine and RunParallel, vs slog.JSONHandler)
#   loggers.txt  bench.BenchmarkLoggers and ...Parallel, TenFields and
#                AccumulatedContext, slog.JSONHandler vs slogcore
#   cpu.txt      bench/cpu: process CPU (user+system) per record over
#                400,000 TenFields records, Close included; its own
#                rounds alternate the contenders (target: <= 0.7x)
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-20}
BENCHTIME=${BENCHTIME:-200ms}
OUT=${OUT:-$(mktemp -d)}
BENCHSTAT=${BENCHSTAT:-"go run golang.org/x/perf/cmd/benchstat@latest"}
mkdir -p "$OUT"
echo "bench-core.sh: $ROUNDS rounds, results in $OUT" >&2

go test -c -o "$OUT/redact.test" ./redact/
go test -c -o "$OUT/slogcore.test" ./slogcore/
(cd bench && go test -c -o "$OUT/bench.test" . && go build -o "$OUT/cpu" ./cpu)

: >"$OUT/redact.txt"
: >"$OUT/core.txt"
: >"$OUT/loggers.txt"
for i in $(seq "$ROUNDS"); do
	echo "round $i" >&2
	"$OUT/redact.test" -test.run '^$' -test.bench '^BenchmarkCleanRecord(Floor)?$' -test.benchtime "$BENCHTIME" -test.count 1 >>"$OUT/redact.txt"
	"$OUT/slogcore.test" -test.run '^$' -test.bench '^BenchmarkTenAttrs(Parallel)?$/handler=(slog.JSONHandler|slogcore.New|slogcore.New\+redact)$' -test.benchtime "$BENCHTIME" -test.count 1 >>"$OUT/core.txt"
	"$OUT/bench.test" -test.run '^$' -test.bench '^BenchmarkLoggers(Parallel)?$/(TenFields|AccumulatedContext)/logger=(slog.JSONHandler|slogcore|slogcore\+redact)$' -test.benchtime "$BENCHTIME" -test.count 1 >>"$OUT/loggers.txt"
done
"$OUT/cpu" -rounds "$ROUNDS" | tee "$OUT/cpu.txt"

echo "== redact: clean records, redaction off vs on (median, quartiles)"
$BENCHSTAT -filter .name:CleanRecord -col /redact -row .name,/record,/handler "$OUT/redact.txt"
echo "== redact: the middleware's floor (record built per call)"
$BENCHSTAT -filter .name:CleanRecordFloor -col /handler "$OUT/redact.txt"
echo "== slogcore: TenAttrs vs slog.JSONHandler"
$BENCHSTAT -col /handler "$OUT/core.txt"
echo "== bench: TenFields, AccumulatedContext vs slog.JSONHandler"
$BENCHSTAT -col /logger "$OUT/loggers.txt"
