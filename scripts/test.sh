#!/usr/bin/env bash
# Runs every test of the project, layer by layer, after installing what they need
# (scripts/setup.sh --test). Prints a count per layer and, last, one "N passed, M failed" line.
#   1. native Rust: unit + integration tests (cases, gradient checks, real data files, solver)
#   2. the wasm-bindgen-test suite (tests/web.rs) in node, in headless Chromium, in a Web Worker
#   3. node tests of the shipped builds (SIMD = scalar bit for bit) and of the front end's modules
#   4. Playwright end to end against the built static site in Debian's Chromium
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test || { echo "setup failed"; exit 1; }

# In CI, and wherever ../shared/data exists, tests that read the official CIFAR-10 batches must
# find them (instead of skipping).
if [ "${CI:-}" = true ] || [ -d ../shared/data ]; then export CLASSPLAY_REQUIRE_DATA=1; fi
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

log=$(mktemp -d)
total_pass=0; total_fail=0; failed_layers=()
layer() { # name, command...
  local name=$1; shift
  echo; echo "=============== $name"
  "$@" 2>&1 | tee "$log/out"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -hoE '(test result: [a-zA-Z]+\. )?[0-9]+ passed' "$log/out" | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -hoE '[0-9]+ failed' "$log/out" | awk '{s+=$1} END {print s+0}')
  if grep -q '^# pass ' "$log/out"; then
    p=$(grep -hE '^# pass ' "$log/out" | awk '{s+=$3} END {print s+0}')
    f=$(grep -hE '^# fail ' "$log/out" | awk '{s+=$3} END {print s+0}')
  fi
  [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  printf '%-44s %4s passed, %s failed\n' "$name" "$p" "$f" >> "$log/summary"
  [ "$rc" != 0 ] && failed_layers+=("$name")
  return 0
}

layer "rust native (cargo test)"        cargo test --lib --tests
layer "wasm suite in node"              cargo test --target wasm32-unknown-unknown --test web
layer "wasm suite in headless Chromium" env WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --test web
layer "wasm suite in a Web Worker"      env WASM_BINDGEN_USE_DEDICATED_WORKER=1 cargo test --target wasm32-unknown-unknown --test web
if bash scripts/build-wasm.sh && npm run --silent build; then
  layer "node: shipped wasm builds"     node --test tests/node/
  layer "node: front-end modules"       node --test www/test/
  layer "playwright e2e (chromium)"     node --test --test-concurrency=1 e2e/
else
  echo "build failed"; failed_layers+=("build"); total_fail=$((total_fail + 1))
fi

echo; echo "=============== summary"
cat "$log/summary"
[ ${#failed_layers[@]} -gt 0 ] && echo "failed layers: ${failed_layers[*]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" = 0 ] && [ ${#failed_layers[@]} = 0 ]
