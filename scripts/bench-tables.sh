#!/bin/sh
# Interleaved rounds of the bench module's comparison of every contender
# (slog.JSONHandler, slogcore, slogcore+redact, slogaudit.Wrap, the
# slog-multi Fanout, zap, zerolog) in every scenario, one goroutine and
# RunParallel: the tables at the top of bench/README.md.
#
#   scripts/bench-tables.sh            # 20 rounds
#   ROUNDS=30 BENCHTIME=300ms scripts/bench-tables.sh
#
# Each round runs the whole benchmark once (`-count 1`), so that a change
# of the machine's load reaches every contender alike; benchstat then
# prints the median and the 95 % interval of each cell. The test binary is
# built once. Results go to $OUT (default: a new temporary directory):
# loggers.txt (raw), then the two tables on standard output.
set -eu
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-20}
BENCHTIME=${BENCHTIME:-200ms}
OUT=${OUT:-$(mktemp -d)}
BENCHSTAT=${BENCHSTAT:-"go run golang.org/x/perf/cmd/benchstat@latest"}
mkdir -p "$OUT"
echo "bench-tables.sh: $ROUNDS rounds, results in $OUT" >&2

(cd bench && go test -c -o "$OUT/bench.test" .)
: >"$OUT/loggers.txt"
for i in $(seq "$ROUNDS"); do
	echo "round $i" >&2
	"$OUT/bench.test" -test.run '^$' -test.bench '^BenchmarkLoggers(Parallel)?$' -test.benchtime "$BENCHTIME" -test.count 1 >>"$OUT/loggers.txt"
done

echo "== one goroutine"
$BENCHSTAT -col /logger -filter '.name:Loggers' "$OUT/loggers.txt"
echo "== RunParallel"
$BENCHSTAT -col /logger -filter '.name:LoggersParallel' "$OUT/loggers.txt"
