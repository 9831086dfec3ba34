#!/bin/sh
# bench-audit.sh runs slogaudit's benchmarks in interleaved rounds (every
# contender once per round, so that a noisy neighbour hits them alike) and
# summarises them with benchstat (median and quartiles).
#
#	scripts/bench-audit.sh [rounds] [benchtime]    # default: 20 rounds, 1s
#
# Output goes to bench-audit/ (raw rounds and benchstat tables):
#
#	audit.txt     BenchmarkAudit: File's handler and Wrap+HMAC against
#	              slog.JSONHandler, one goroutine, per scenario; besides
#	              sec/op, cpu-sec/op (the process's CPU time per record,
#	              from getrusage), which a busy machine disturbs less
#	parallel.txt  BenchmarkAuditParallel: the same under RunParallel
#	              (compare records/s = 1e9 / ns/op with audit.txt)
#	sync.txt      BenchmarkAuditSync: group commit against fsync never, on
#	              the disk of TMPDIR (records/s)
#	verify.txt    BenchmarkVerify: Verify against the floor (json.Valid and
#	              a SHA-256 chain over every line of the same log)
#
# Targets: File ≤ 1.5× JSONHandler per scenario; File under RunParallel
# ≥ 1.3× its one-goroutine records/s; Wrap+HMAC ≤ 2.5×; group commit
# ≥ 0.8× fsync never; Verify of a File log ≤ 1.5× the floor.
set -eu
rounds=${1:-20}
benchtime=${2:-1s}
cd "$(dirname "$0")/.."
out=bench-audit
mkdir -p "$out"
: >"$out/audit.txt"; : >"$out/parallel.txt"; : >"$out/sync.txt"; : >"$out/verify.txt"
go test -c -o "$out/slogaudit.test" ./slogaudit/
for i in $(seq "$rounds"); do
	echo "round $i of $rounds" >&2
	"$out/slogaudit.test" -test.run '^$' -test.bench '^BenchmarkAudit$' -test.benchtime "$benchtime" -test.count 1 -test.benchmem >>"$out/audit.txt"
	"$out/slogaudit.test" -test.run '^$' -test.bench '^BenchmarkAuditParallel$' -test.benchtime "$benchtime" -test.count 1 -test.benchmem >>"$out/parallel.txt"
	"$out/slogaudit.test" -test.run '^$' -test.bench '^BenchmarkAuditSync$' -test.benchtime "$benchtime" -test.count 1 -test.benchmem >>"$out/sync.txt"
	"$out/slogaudit.test" -test.run '^$' -test.bench '^BenchmarkVerify$' -test.benchtime 1x -test.count 1 -test.benchmem >>"$out/verify.txt"
done
benchstat=${BENCHSTAT:-go run golang.org/x/perf/cmd/benchstat@latest}
for f in audit parallel sync verify; do
	echo "== $f"
	case $f in
	audit | parallel) $benchstat -col /handler "$out/$f.txt" ;;
	sync) $benchstat -col /sync "$out/$f.txt" ;;
	verify) $benchstat -col /verifier "$out/$f.txt" ;;
	esac
done | tee "$out/summary.txt"
