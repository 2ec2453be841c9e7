#!/usr/bin/env bash
# Splits the release wasm into the main module and its lazily loaded chunks, after
# `trunk build` (run by release_build in scripts/env.sh; docs/size.md, "How the split
# works"). Trunk 0.21 cannot split: it has built the wasm (cargo, with STANCE_SPLIT=1:
# the split points of src/split.rs and --emit-relocs, see build.rs) and run wasm-bindgen
# on it unsplit, without wasm-opt (index.html: data-wasm-opt="0"). This script then
#   1. cuts cargo's wasm with wasm-split-cli (scripts/setup.sh installs it): the main
#      module, one chunk per split module (`reader.wasm`, ...; code two of them share in
#      `chunk_N.wasm`), and the loader `__wasm_split.js` the main module imports;
#   1b. merges each split module's small shared chunks into its own file
#      (scripts/split-merge.mjs: opening a view fetches one or two files, not up to nine);
#   2. runs wasm-bindgen on the main module as Trunk does (--keep-lld-exports: the chunks
#      import the main module's functions, memory and table by their linker names);
#   3. runs wasm-opt -Oz on every wasm, as Trunk does with data-wasm-opt="z";
#   4. puts them in dist/ in place of Trunk's unsplit wasm and glue, makes the chunk
#      loader fall back to compiling from bytes where the server does not send
#      application/wasm (as public/boot.js does), and preloads the loader module.
# Usage: bash scripts/split-wasm.sh [DIST]   (default dist)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
dist="${1:-dist}"
target="${CARGO_TARGET_DIR:-target}"
input="$target/wasm32-unknown-unknown/release/stance-app.wasm"
[ -f "$input" ] || { echo "split-wasm: $input is missing (run trunk build --release first)" >&2; exit 1; }
work="$target/wasm-split"
rm -rf "$work"
mkdir -p "$work/split" "$work/bindgen" "$work/opt"

wasm-split-cli "$input" "$work/split" --target web --out-name stance-app
node scripts/split-merge.mjs "$work/split"
wasm-bindgen --target=web --out-dir="$work/bindgen" --out-name=stance-app --no-typescript \
  --keep-lld-exports "$work/split/stance-app.wasm"

# wasm-opt per file, two at a time. The features are rustc's wasm32 defaults, named
# because the files split-merge.mjs merged have no features section (the others have
# these in theirs).
opt() {
  wasm-opt --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory \
    --enable-bulk-memory-opt --enable-sign-ext --enable-reference-types --enable-multivalue \
    --enable-call-indirect-overlong --output="$work/opt/$(basename "$1")" -Oz "$1"
}
export -f opt
export work
{ echo "$work/bindgen/stance-app_bg.wasm"; find "$work/split" -name '*.wasm' ! -name 'stance-app.wasm'; } \
  | xargs -P 2 -I{} bash -c 'opt "$@"' _ {}

# (Trunk writes dist/ afresh: no chunk of an earlier build is left in it.)
cp "$work/opt/"*.wasm "$dist/"
cp "$work/bindgen/stance-app.js" "$dist/stance-app.js"
node scripts/split-fixup.mjs "$work/split/__wasm_split.js" "$dist"
