#!/usr/bin/env bash
# Release build of the app into dist/ (relative URLs: works from any sub-path), and the
# one-file build dist/stance.html (the whole explorer in one HTML file, for file://).
# STANCE_CORPUS=/path/to/corpus builds the explorer over another corpus folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
release_build "$@"
node scripts/single-file.mjs dist dist/stance.html
