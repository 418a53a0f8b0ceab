#!/usr/bin/env bash
# One command from a fresh clone to the playground in a browser: installs what the build needs,
# builds the core to wasm (SIMD + scalar), builds the static site into dist/ and serves it on
# http://127.0.0.1:${PORT:-8080}/ (dist/ is plain static files: any static server works).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
npm run --silent build
echo "== ClassPlay: open http://127.0.0.1:${PORT:-8080}/  (Ctrl-C stops)"
PORT="${PORT:-8080}" exec npm start --silent
