#!/usr/bin/env bash
# Builds the benchmark's wasm: the same core as scripts/build-wasm.sh, plus `KernelBench` (cargo
# feature `bench`, src/api/bench.rs), which the page's build leaves out. Writes
#   target/pkg-bench/{simd,scalar}/   --target nodejs  (CommonJS, for bench/kernels.mjs)
# into its own cargo target dirs (target/bench, target/bench-scalar), so it never touches
# www/pkg or target/pkg-node. Needs what scripts/build-wasm.sh needs.
set -euo pipefail
cd "$(dirname "$0")/.."

# RUSTFLAGS would silently replace the +simd128 of .cargo/config.toml.
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

echo "== bench wasm build: SIMD128"
cargo build --release --lib --target wasm32-unknown-unknown --features bench --target-dir target/bench
echo "== bench wasm build: scalar"
RUSTFLAGS="-C target-feature=-simd128" cargo build --release --lib --target wasm32-unknown-unknown --features bench --target-dir target/bench-scalar

WASM_OPT=node_modules/.bin/wasm-opt
for variant in simd scalar; do
  if [ "$variant" = simd ]; then
    wasm=target/bench/wasm32-unknown-unknown/release/classplay.wasm
  else
    wasm=target/bench-scalar/wasm32-unknown-unknown/release/classplay.wasm
  fi
  rm -rf "target/pkg-bench/$variant"
  wasm-bindgen --target nodejs --out-dir "target/pkg-bench/$variant" --out-name classplay "$wasm"
  if [ -x "$WASM_OPT" ]; then
    feats=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
    [ "$variant" = simd ] && feats+=(--enable-simd)
    f="target/pkg-bench/$variant/classplay_bg.wasm"
    "$WASM_OPT" -O3 "${feats[@]}" "$f" -o "$f.opt" && mv "$f.opt" "$f"
  fi
  echo "   target/pkg-bench/$variant/classplay_bg.wasm: $(stat -c %s "target/pkg-bench/$variant/classplay_bg.wasm") bytes"
done
