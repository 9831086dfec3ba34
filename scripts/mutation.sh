#!/bin/sh
# Mutation testing of the packages whose tests guard the audit format,
# one package at a time (the machine's CPUs are shared: one worker).
#
#   go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
#   scripts/mutation.sh              # every target
#   scripts/mutation.sh verifier     # one target (see the target_ functions)
#   FILES=detect,pii scripts/mutation.sh redact   # only these files of redact
#   SINCE=4259a04 scripts/mutation.sh redact      # only the lines changed since
#
# Each target prints gremlins' report and fails when test efficacy is below
# 90 %. Reports (text and JSON) go to $OUT (default: a new temporary
# directory). WORKERS and TIMEOUT_COEFFICIENT tune gremlins. See TESTING.md
# for the last results and the surviving mutants.
set -eu
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$self")/.."

GREMLINS=${GREMLINS:-gremlins}
if ! command -v "$GREMLINS" >/dev/null 2>&1; then
	echo "mutation.sh: gremlins not found: go install github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0" >&2
	exit 2
fi
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
# gremlins times the unmutated suite to set each mutant's time limit: a
# cached test result (a second run on the same tree) would make it a
# second or so, and every mutant would time out.
export GOFLAGS="${GOFLAGS:-} -count=1"

# others DIR KEEP prints a regexp matching the non-test Go files of DIR whose
# names do not match KEEP, for gremlins' --exclude-files (which matches
# names relative to the package).
others() {
	ls "$1"/*.go | sed 's|.*/||' | grep -v '_test\.go$' | grep -Ev "$2" | sed 's/\.go$//' | paste -sd'|' -
}

# run NAME PACKAGE [gremlins flags]
run() {
	name=$1 pkg=$2
	shift 2
	echo "== $name ($pkg)"
	if [ -n "${SINCE:-}" ]; then
		since "$name" "$pkg" "$@"
		return
	fi
	"$GREMLINS" unleash --workers "${WORKERS:-1}" --timeout-coefficient "${TIMEOUT_COEFFICIENT:-5}" \
		--threshold-efficacy 90 -o "$OUT/$name.json" "$@" "$pkg" >"$OUT/$name.txt" 2>&1 || status=1
	grep -E 'LIVED|TIMED OUT|Killed:|Timed out:|Test efficacy|Mutator coverage' "$OUT/$name.txt" || true
}

# since NAME PACKAGE [gremlins flags] mutates only the lines of PACKAGE's
# non-test files that changed from commit $SINCE to HEAD (new files whole).
# gremlins' --diff compares the diff's paths with the package's own
# (pairs.go, not redact/pairs.go), so the package is copied out of HEAD and
# given a repository of its own whose first commit holds the files as they
# were at $SINCE.
since() {
	name=$1 dir=${2#./}
	shift 2
	tmp=$(mktemp -d)
	git archive HEAD | tar -x -C "$tmp"
	(
		cd "$tmp/$dir"
		mkdir "$tmp/.now" && cp ./*.go "$tmp/.now/"
		git init -q . && git config user.email m@localhost && git config user.name mutation
		git config diff.context 0 # one hunk per changed run of lines: gremlins reads a hunk as one range
		for f in *.go; do
			case $f in *_test.go) continue ;; esac
			git -C "$OLDPWD" show "$SINCE:$dir/$f" >"$f" 2>/dev/null || : >"$f"
		done
		git add -A && git commit -qm base
		cp "$tmp/.now/"*.go .
		"$GREMLINS" unleash --workers "${WORKERS:-1}" --timeout-coefficient "${TIMEOUT_COEFFICIENT:-5}" \
			--threshold-efficacy 90 --diff HEAD -o "$OUT/$name.json" "$@" "$tmp/$dir"
	) >"$OUT/$name.txt" 2>&1 || status=1
	rm -rf "$tmp"
	grep -E 'LIVED|TIMED OUT|Killed:|Timed out:|Test efficacy|Mutator coverage' "$OUT/$name.txt" || true
}

# The targets: one function per package, target_NAME. Adding a package is
# one line here; every target_ function is run when none is named.
target_chain() { run chain ./internal/chain; }
target_verifier() {
	# Mutants of the verify*.go files only. The tests that build the CLI
	# (15-25 s per mutant) or exercise other code are skipped: dropping
	# tests can only let more mutants live, never kill one.
	skip='TestTamperMatrix|TestFixtureV1CLI|TestDependencyRule|TestCrashContinues'
	goflags=${GOFLAGS:-}
	export GOFLAGS="$goflags -skip=^($skip)\$"
	run verifier ./slogaudit -E "^($(others slogaudit '^verify'))\.go\$"
	GOFLAGS=$goflags
}
target_redact() {
	# Every file of redact, or those FILES names. Skipped tests:
	# TestSlogcoreRedactionAddsNoAllocation (slogcore's allocations, 3 s
	# per mutant) and TestDependencyRule (go list); dropping tests can only
	# let more mutants live.
	skip='TestSlogcoreRedactionAddsNoAllocation|TestDependencyRule'
	goflags=${GOFLAGS:-}
	export GOFLAGS="$goflags -skip=^($skip)\$"
	set --
	if [ -n "${FILES:-}" ]; then # FILES=detect,pii: mutants of these files only
		set -- -E "^($(others redact "^($(echo "$FILES" | tr , '|'))\.go\$"))\.go\$"
	fi
	run redact ./redact "$@"
	GOFLAGS=$goflags
}

all=$(sed -n 's/^target_\([a-z0-9]*\)().*/\1/p' "$self")
status=0
for t in ${*:-$all}; do
	case " $(echo $all) " in
	*" $t "*) "target_$t" ;;
	*)
		echo "mutation.sh: unknown target $t (want one of: $(echo $all))" >&2
		exit 2
		;;
	esac
done
echo "reports in $OUT"
exit $status
