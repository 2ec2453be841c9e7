#!/usr/bin/env bash
# The one-file build: dist/stance.html, the whole explorer (script, wasm, styles and
# corpus) in one HTML file that works opened from disk, offline. Mail it, put it on a
# USB stick. (scripts/build.sh writes it too, beside the site.)
# STANCE_CORPUS=/path/to/corpus builds it over another corpus folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
echo "one-file build: $(pwd)/dist/stance.html"
