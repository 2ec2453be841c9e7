#!/usr/bin/env bash
# Fuzzes Stance's parsers of outside input with cargo-fuzz (libFuzzer). See fuzz/README.md.
#
#   bash scripts/fuzz.sh [TARGET|all] [SECONDS]   run each target SECONDS (default 60)
#   bash scripts/fuzz.sh cmin [TARGET|all]        minimise what runs found into fuzz/corpus/
#   bash scripts/fuzz.sh seed [TARGET|all]        only (re)write the seeds into fuzz/work/
#
# Installs, when missing, the pinned nightly below (rustup, minimal profile) and
# cargo-fuzz 0.13.2. Runs niced: the machine is shared. Not part of the test command;
# `cargo test -p stance-core --test fuzz_replay` replays the checked-in inputs instead.
#
# Per run it writes fuzz/work/logs/TARGET.log and appends a line to
# fuzz/work/stats.tsv (date, target, seconds, executions, exec/s, result). A crash or
# timeout leaves its input in fuzz/artifacts/TARGET/: copy it into
# fuzz/regressions/TARGET/ with a telling name, and fix or report it.
# Environment: FUZZ_NICE (default 15), FUZZ_TIMEOUT (override each target's -timeout),
# FUZZ_JOBS (libFuzzer -jobs/-workers, default 1), FUZZ_SANITIZER (default none).
set -euo pipefail

NIGHTLY=nightly-2026-05-20 # rustc 1.97.0-nightly (e50aa6fba 2026-05-19)
CARGO_FUZZ_VERSION=0.13.2
TARGETS=(meta_toml packed build_corpus build_slow query url_state timelinejs host_message)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
NICE="${FUZZ_NICE:-15}"
# Safe Rust: AddressSanitizer finds little here and halves the executions on a shared
# machine. FUZZ_SANITIZER=address turns it back on.
SANITIZER="--sanitizer=${FUZZ_SANITIZER:-none}"
say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*"; }

# libFuzzer flags per target: longest input and seconds before an input counts as a hang.
flags() {
  local timeout
  case "$1" in
    meta_toml) echo "-max_len=16384" ; timeout=10 ;;
    packed) echo "-max_len=131072" ; timeout=10 ;;
    build_corpus) echo "-max_len=65536" ; timeout=10 ;;
    # Small inputs repeat pieces up to 2 MiB of text (core/src/fuzzing.rs): a linear
    # build takes about a second instrumented, a quadratic one minutes. The timeout is
    # wall time and the run is niced on a shared machine, hence 10 s, not 2.
    build_slow) echo "-max_len=4096" ; timeout=10 ;;
    query) echo "-max_len=512" ; timeout=5 ;;
    url_state) echo "-max_len=4096" ; timeout=5 ;;
    # TimelineJS's own examples are up to 26 KB; an import is built and exported.
    timelinejs) echo "-max_len=65536" ; timeout=10 ;;
    host_message) echo "-max_len=4096" ; timeout=5 ;;
    *) echo "unknown target '$1' (one of: ${TARGETS[*]})" >&2; exit 2 ;;
  esac
  echo "-timeout=${FUZZ_TIMEOUT:-$timeout}"
}

install() {
  if ! rustup toolchain list | grep -q "^$NIGHTLY"; then
    say "installing $NIGHTLY"
    rustup toolchain install "$NIGHTLY" --profile minimal
  fi
  if ! cargo +"$NIGHTLY" fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (a few minutes)"
    nice -n "$NICE" cargo +stable install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
  fi
}

seed() {
  mkdir -p "$FUZZ/work/$1"
  python3 "$FUZZ/seed.py" "$1" "$FUZZ/work/$1"
  mkdir -p "$FUZZ/corpus/$1" "$FUZZ/regressions/$1" "$FUZZ/artifacts/$1"
}

run() {
  local t="$1" secs="$2" log="$FUZZ/work/logs/$1.log"
  seed "$t"
  mkdir -p "$FUZZ/work/logs"
  say "$t: ${secs}s ($(flags "$t" | tr '\n' ' '))"
  cd "$ROOT"
  local rc=0
  # shellcheck disable=SC2046
  nice -n "$NICE" cargo +"$NIGHTLY" fuzz run $SANITIZER "$t" "$FUZZ/work/$t" "$FUZZ/corpus/$t" "$FUZZ/regressions/$t" -- \
    $(flags "$t") -max_total_time="$secs" -print_final_stats=1 -rss_limit_mb=2048 \
    -artifact_prefix="$FUZZ/artifacts/$t/" ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} >"$log" 2>&1 || rc=$?
  local execs rate result
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  if ((rc == 0)); then result=ok
  elif grep -q 'libFuzzer: timeout' "$log"; then result=timeout
  elif grep -q 'out-of-memory' "$log"; then result=oom
  else result="crash(rc=$rc)"; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$secs" "${execs:-?}" "${rate:-?}" "$result" >>"$FUZZ/work/stats.tsv"
  say "$t: $result, ${execs:-?} executions, ${rate:-?} exec/s (log: ${log#"$ROOT/"})"
  [[ $result == ok ]] || grep -E -m5 'panicked|SUMMARY|Test unit written' "$log" || true
}

# Keeps a small set of inputs that covers what the work folder and the checked-in seeds
# cover, into fuzz/corpus/TARGET (libFuzzer -merge with -set_cover_merge, through cargo
# fuzz cmin). If that is still over FUZZ_CORPUS_KB (default 256) KB, the largest inputs
# are left out until it fits (the replay runs in the debug test profile and the folder
# is checked in); the coverage kept is printed (-runs=0 over the result).
cmin() {
  local t="$1" tmp="$FUZZ/work/cmin-$1" budget=$((${FUZZ_CORPUS_KB:-256} * 1024))
  rm -rf "$tmp" && mkdir -p "$tmp"
  cp -n "$FUZZ/work/$t"/* "$FUZZ/corpus/$t"/* "$tmp"/ 2>/dev/null || true
  cd "$ROOT"
  # shellcheck disable=SC2046
  nice -n "$NICE" cargo +"$NIGHTLY" fuzz cmin $SANITIZER "$t" "$tmp" -- $(flags "$t") -set_cover_merge=1
  local total=0 dropped=0 size f
  while read -r size f; do
    if ((total + size > budget)); then rm -f "$f"; dropped=$((dropped + 1)); else total=$((total + size)); fi
  done < <(find "$tmp" -type f -printf '%s %p\n' | sort -n)
  rm -rf "$FUZZ/corpus/$t" && mv "$tmp" "$FUZZ/corpus/$t"
  ((dropped == 0)) || say "$t: left out the $dropped largest inputs to stay under $((budget / 1024)) KB"
  # shellcheck disable=SC2046
  local kept
  kept=$(nice -n "$NICE" cargo +"$NIGHTLY" fuzz run $SANITIZER "$t" "$FUZZ/corpus/$t" -- $(flags "$t") -runs=0 2>&1 | grep -o 'INITED cov: [0-9]* ft: [0-9]*' | tail -1 || true)
  say "$t: $(ls "$FUZZ/corpus/$t" | wc -l) inputs, $((total / 1024)) KB, ${kept#INITED }"
}

each() { if [[ "${1:-all}" == all ]]; then echo "${TARGETS[@]}"; else flags "$1" >/dev/null && echo "$1"; fi; }

case "${1:-all}" in
  cmin) install; for t in $(each "${2:-all}"); do cmin "$t"; done ;;
  seed) for t in $(each "${2:-all}"); do seed "$t"; done ;;
  *) install; for t in $(each "${1:-all}"); do run "$t" "${2:-60}"; done ;;
esac
