#!/usr/bin/env bash
# Command 1: install what is missing, build the release site and serve it on 127.0.0.1.
# PORT=8080 by default; STANCE_CORPUS=/path/to/corpus serves another corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
source scripts/env.sh
exec node e2e/serve.mjs dist "${PORT:-8080}"
