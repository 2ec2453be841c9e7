#!/usr/bin/env bash
# Size report of the release build (issue 10's budget: the first load at most 150 KB gzip).
#  1. the first load, recorded from real page loads in headless Chromium: the app, the
#     embed form of the timeline and a quote card (scripts/first-load.mjs), each with
#     its total against the budget, PASS or FAIL;
#  2. every file of dist/ (raw and gzip -9), marking those no first load fetches (the
#     one-file build stance.html, the corpus-load worker, ...);
#  3. where the wasm's bytes are: its sections as shipped, and the code by crate with the
#     largest functions, from the wasm cargo wrote before wasm-bindgen and wasm-opt
#     (it still has its name section; shares, not shipped sizes) (scripts/wasm-sizes.mjs);
#     in the split build, of the main module wasm-split-cli cut from it.
# Usage: bash scripts/size-report.sh [DIST] [--check]   (build first: bash scripts/build.sh)
#   --check: exit 1 if a first load is over the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
DIST=dist; CHECK=""
for a in "$@"; do
  case "$a" in --check) CHECK=--check ;; *) DIST="$a" ;; esac
done
[ -f "$DIST/index.html" ] || { echo "size-report: $DIST/index.html missing; run bash scripts/build.sh first" >&2; exit 1; }

status=0
first=$(node scripts/first-load.mjs "$DIST" $CHECK) || status=$?
printf '%s\n' "$first"

loaded=$(printf '%s\n' "$first" | awk '/^  [^ ]/ && $1 != "file" && $1 != "TOTAL" {print $1}' | sort -u)
printf '\nall files of %s (* = in no first load)\n' "$DIST"
printf '  %-32s %10s %10s\n' file bytes gzip
while IFS= read -r f; do
  rel="${f#"$DIST"/}"
  mark=" "; grep -qxF "$rel" <<<"$loaded" || mark="*"
  printf '%s %-32s %10d %10d\n' "$mark" "$rel" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
done < <(find "$DIST" -type f -not -path '*/.stage/*' | sort)

printf '\nthe shipped wasm\n'
node scripts/wasm-sizes.mjs "$DIST/stance-app_bg.wasm"
PRE="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/stance-app.wasm"
# The split build: the main module as wasm-split-cli cut it (scripts/split-wasm.sh), still
# with its names: what the first load carries, not the chunks.
SPLIT="${CARGO_TARGET_DIR:-target}/wasm-split/split/stance-app.wasm"
if [ -f "$SPLIT" ] && [ -f "$DIST/__wasm_split.js" ] && ! [ "$PRE" -nt "$SPLIT" ]; then PRE="$SPLIT"; fi
if [ -f "$PRE" ] && [ "$PRE" -nt "$DIST/stance-app_bg.wasm" -o "$(stat -c %Y "$PRE")" -ge "$(( $(stat -c %Y "$DIST/stance-app_bg.wasm") - 600 ))" ]; then
  printf '\nby crate, before wasm-bindgen and wasm-opt (%s)\n' "$PRE"
  node scripts/wasm-sizes.mjs "$PRE" 25 | sed -n '/^code by crate/,$p'
else
  printf '\n(%s is missing or older than the build: no by-crate shares)\n' "$PRE"
fi
exit $status
