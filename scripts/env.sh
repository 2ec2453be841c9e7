# Sourced by the scripts: puts the project's tools on PATH.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CHROME_BIN="${CHROME_BIN:-/usr/bin/chromium}"

# The release wasm is built with this pinned nightly and a standard library compiled for
# it with panics that abort at once (-Zbuild-std, -Cpanic=immediate-abort): no panic
# message formatting or unwinding code in the wasm, about 8% smaller gzip (docs/size.md).
# A panic then traps, and public/boot.js shows the error view for the trap. The same
# nightly as scripts/fuzz.sh; scripts/setup.sh installs it with rust-src.
# STANCE_STABLE_BUILD=1 builds with the stable toolchain instead (larger, same behaviour).
export STANCE_NIGHTLY=nightly-2026-05-20
release_build() {
  if [ -n "${STANCE_STABLE_BUILD:-}" ]; then
    trunk build --release --offline "$@"
  else
    RUSTUP_TOOLCHAIN="$STANCE_NIGHTLY" CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" trunk build --release --offline "$@"
  fi
}
