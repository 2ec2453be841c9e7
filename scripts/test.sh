#!/usr/bin/env bash
# Command 2: runs every test layer. Installs whatever is missing first.
#   1. native: cargo test of the core and the CLI
#   2. browser unit tests: wasm-bindgen-test in headless Chromium
#   3. end to end: the release build served on 127.0.0.1 (under a sub-path), driven
#      in headless Chromium by role and accessible name; then a quick run of the
#      adversarial browser bench (two small shapes)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1/3 native tests (core, CLI)"
cargo test --locked -p stance-core -p stance-cli
# The benchmarks are not run here, but they must keep compiling (a feature gate once
# broke bench/wasm unnoticed).
cargo check --locked --benches -p stance-core
cargo check --locked -p stance-bench-wasm

step "2/3 browser unit tests (headless Chromium)"
cargo test --locked -p stance --target wasm32-unknown-unknown

step "3/3 end-to-end tests (release build, headless Chromium)"
release_build
node scripts/single-file.mjs dist dist/stance.html
node --test --test-concurrency=1 e2e/
# The adversarial browser bench keeps working (not its timings): two small hostile shapes
# through `?corpus=`, one run each; exits 1 unless one shows its corpus and the other
# (unknown speaker labels) its error notice.
STANCE_BENCH_NATIVE=0 STANCE_BENCH_CLI=debug STANCE_BENCH_SHAPE=curly-quotes,unknown-speaker-labels \
  node bench/run-adversarial-browser.mjs 0.05 1
