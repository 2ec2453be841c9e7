# Sourced by the scripts: puts the project's tools on PATH.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_BIN="${CHROME_BIN:-/usr/bin/chromium}"

# The release wasm is built with the stable toolchain. STANCE_NIGHTLY_BUILD=1 builds it
# with this pinned nightly and a standard library compiled for it with panics that abort
# at once (-Zbuild-std, -Cpanic=immediate-abort): no panic message formatting or
# unwinding code in the wasm, about 7% smaller gzip (docs/size.md). A panic then traps
# (public/boot.js shows the error view for it, without the panic's text). Not the
# default: a fresh machine may not be able to fetch the nightly and its rust-src, and
# the standard library's own crates must be in cargo's cache for an offline build.
# The same nightly as scripts/fuzz.sh; scripts/setup.sh installs it when asked.
export STANCE_NIGHTLY=nightly-2026-05-20
#
# The release wasm is split (STANCE_SPLIT=1, see build.rs and src/split.rs): Trunk builds
# it and scripts/split-wasm.sh cuts it into the main module and the chunks loaded when a
# view needs them, then runs wasm-opt on each (docs/size.md). STANCE_SPLIT=0 builds one
# unsplit wasm instead (then wasm-opt -Oz here, as Trunk would).
release_build() {
  local split="${STANCE_SPLIT:-1}"
  [ "$split" = 0 ] && split=
  if [ -z "${STANCE_NIGHTLY_BUILD:-}" ]; then
    STANCE_SPLIT="$split" trunk build --release --offline "$@"
  else
    STANCE_SPLIT="$split" RUSTUP_TOOLCHAIN="$STANCE_NIGHTLY" CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" trunk build --release --offline "$@"
  fi
  if [ -n "$split" ]; then
    bash "$ROOT/scripts/split-wasm.sh" "$ROOT/dist"
  else
    wasm-opt -Oz "$ROOT/dist/stance-app_bg.wasm" -o "$ROOT/dist/stance-app_bg.wasm"
  fi
}
