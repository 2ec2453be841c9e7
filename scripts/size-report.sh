#!/usr/bin/env bash
# Prints the size of every file of the release build (raw and gzip -9) and the totals.
# Usage: bash scripts/size-report.sh [DIST]   (build first: bash scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-dist}"
[ -f "$DIST/index.html" ] || { echo "size-report: $DIST/index.html missing; run bash scripts/build.sh first" >&2; exit 1; }
total_raw=0; total_gz=0
printf '%-32s %10s %10s\n' file bytes gzip
while IFS= read -r f; do
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-32s %10d %10d\n' "${f#"$DIST"/}" "$raw" "$gz"
done < <(find "$DIST" -type f -not -path '*/.stage/*' | sort)
printf '%-32s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
