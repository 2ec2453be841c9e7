#!/usr/bin/env bash
# In-browser benchmark of Stance's search index against MiniSearch.
#   bench/run-browser-bench.sh [factors] [runs]      e.g. bench/run-browser-bench.sh 1,100,1000 5
# Builds bench/wasm to wasm (release profile, as the app ships), runs wasm-bindgen,
# installs the page's npm dev dependencies if missing, serves bench/web on 127.0.0.1
# and runs it in headless Chromium (/usr/bin/chromium). Prints the results table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
wasm_bindgen="$(command -v wasm-bindgen || echo "$HOME/.cargo/bin/wasm-bindgen")"

cd "$repo"
cargo build --release --target wasm32-unknown-unknown -p stance-bench-wasm
"$wasm_bindgen" --target web --out-dir "$here/web/pkg" --no-typescript \
  "$target/wasm32-unknown-unknown/release/stance_bench_wasm.wasm"

if [ ! -d "$here/web/node_modules/minisearch" ] || [ ! -d "$here/web/node_modules/playwright-core" ]; then
  (cd "$here/web" && npm ci --no-audit --no-fund)
fi
node "$here/run-browser-bench.mjs" "${1:-1,100,1000}" "${2:-5}"
