#!/usr/bin/env bash
# Builds the Rust core to wasm twice — with SIMD128 (from .cargo/config.toml) and without — and
# generates the JS bindings:
#   www/pkg/{simd,scalar}/         --target web     (loaded by the worker; shipped in dist/)
#   target/pkg-node/{simd,scalar}/ --target nodejs  (for the node tests)
# The benchmark's build (with KernelBench, cargo feature `bench`) is scripts/build-bench.sh.
# Needs: rustup target wasm32-unknown-unknown and wasm-bindgen-cli at the version in Cargo.lock
# (scripts/setup.sh installs both). Optimises with binaryen's wasm-opt from node_modules when present
# (never Debian's binaryen: its old wasm-opt corrupts current wasm-bindgen output).
set -euo pipefail
cd "$(dirname "$0")/.."

# RUSTFLAGS would silently replace the +simd128 of .cargo/config.toml (a wasm test also checks this).
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

echo "== wasm build: SIMD128"
cargo build --release --lib --target wasm32-unknown-unknown
echo "== wasm build: scalar"
RUSTFLAGS="-C target-feature=-simd128" cargo build --release --lib --target wasm32-unknown-unknown --target-dir target/scalar

WASM_OPT=node_modules/.bin/wasm-opt
for variant in simd scalar; do
  if [ "$variant" = simd ]; then
    wasm=target/wasm32-unknown-unknown/release/classplay.wasm
  else
    wasm=target/scalar/wasm32-unknown-unknown/release/classplay.wasm
  fi
  rm -rf "www/pkg/$variant" "target/pkg-node/$variant"
  wasm-bindgen --target web --out-dir "www/pkg/$variant" --out-name classplay "$wasm"
  wasm-bindgen --target nodejs --out-dir "target/pkg-node/$variant" --out-name classplay "$wasm"
  if [ -x "$WASM_OPT" ]; then
    feats=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue)
    [ "$variant" = simd ] && feats+=(--enable-simd)
    for f in "www/pkg/$variant/classplay_bg.wasm" "target/pkg-node/$variant/classplay_bg.wasm"; do
      "$WASM_OPT" -O3 "${feats[@]}" "$f" -o "$f.opt" && mv "$f.opt" "$f"
    done
  fi
  echo "   www/pkg/$variant/classplay_bg.wasm: $(stat -c %s "www/pkg/$variant/classplay_bg.wasm") bytes"
done
