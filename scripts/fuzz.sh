#!/usr/bin/env bash
# Runs every parser fuzz target of tests/fuzz.rs for longer than the test suite does, in release
# mode, and prints per target: executions, panics, slowest input, peak allocation. Findings (the
# inputs that panicked, ran over 1 s or over the allocation budget) land in target/fuzz-findings/.
#
#   bash scripts/fuzz.sh            # 60 s per target
#   bash scripts/fuzz.sh 600        # 10 minutes per target
#   CLASSPLAY_FUZZ_SEED=7 bash scripts/fuzz.sh 60 weights   # one target (a name filter), another seed
#
# Targets run one after another (--test-threads=1) so each has a core and the timings mean something.
# Then the JS targets (scripts/fuzz-js.mjs: the URL hash of every mode, the zip import, image
# headers) for as long each; the filter applies to them too (`hash`, `zip`, a mode's name).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
filter="${2:-fuzz_}"
rm -rf target/fuzz-findings
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "fuzzing for ${secs} s per target (filter: ${filter}, seed: ${CLASSPLAY_FUZZ_SEED:-default}); building…"
set +e
CLASSPLAY_FUZZ_SECONDS="$secs" cargo test --release --test fuzz "$filter" -- --nocapture --test-threads=1 >"$log" 2>&1
rc=$?
set -e
grep -oE '(fuzz [a-z0-9_]+ +[0-9]+ execs.*|test result.*|error.*|[a-z0-9_]+: [0-9]+ panics, .*|[0-9]+ bytes for .*|thread .* panicked.*)' "$log" || tail -n 30 "$log"
ls target/fuzz-findings 2>/dev/null | sed 's/^/finding: target\/fuzz-findings\//' || true
jsfilter="$filter"
[ "$jsfilter" = "fuzz_" ] && jsfilter=""
set +e
node scripts/fuzz-js.mjs "$secs" "$jsfilter"
jsrc=$?
set -e
[ "$rc" -ne 0 ] && exit "$rc"
exit "$jsrc"
