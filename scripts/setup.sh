#!/usr/bin/env bash
# Installs everything Stance needs to build and test, skipping what is already there.
# Safe to run again and again. Versions are the ones verified in ../shared/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
WASM_SPLIT_VERSION=0.2.4

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

# Rust toolchain and the wasm target (rust-toolchain.toml names both).
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# With STANCE_NIGHTLY_BUILD=1, the pinned nightly that builds the release wasm with its
# own standard library (see release_build in scripts/env.sh): minimal profile, rust-src
# and the wasm target.
NIGHTLY="$(sed -n 's/^export STANCE_NIGHTLY=//p' scripts/env.sh)"
if [ -n "${STANCE_NIGHTLY_BUILD:-}" ]; then
  if ! rustup toolchain list | grep -q "^$NIGHTLY"; then
    say "installing $NIGHTLY (for the release wasm)"
    rustup toolchain install "$NIGHTLY" --profile minimal
  fi
  if ! rustup component list --toolchain "$NIGHTLY" --installed | grep -q '^rust-src'; then
    say "adding rust-src to $NIGHTLY"
    rustup component add rust-src --toolchain "$NIGHTLY"
  fi
  if ! rustup target list --toolchain "$NIGHTLY" --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target to $NIGHTLY"
    rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY"
  fi
fi

# wasm-bindgen CLI: must be the very version of the crate (Cargo.toml pins =0.2.130).
# Installed WITHOUT --locked: its lock file names a crate version the registry lacks.
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Trunk 0.21 (0.22 needs a newer rustc than this machine has).
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-split-cli: cuts the release wasm into the main module and the chunks loaded when a
# view needs them (scripts/split-wasm.sh; docs/size.md). The leptos-rs tool that
# cargo-leptos uses, from crates.io (its lock file); it has no --version, so cargo's list
# of installed crates says which version is there. About 7 minutes on a loaded 2-core
# machine (2.5 min of CPU).
if ! cargo install --list 2>/dev/null | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:" || ! command -v wasm-split-cli >/dev/null; then
  say "installing wasm_split_cli_support $WASM_SPLIT_VERSION (wasm-split-cli; about 7 minutes)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# Node packages: wasm-opt (binaryen 132; Debian's 108 breaks the wasm), Playwright's
# driver (no browser download) and axe-core for the end-to-end tests.
# Installed again only when package-lock.json's content changed since the last install
# (its checksum is kept in node_modules): a timestamp test fired on every fresh checkout,
# and npm ci empties node_modules first.
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -x node_modules/.bin/wasm-opt ] || [ "$(cat node_modules/.stance-lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  say "installing node packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.stance-lock-sum
fi

# Chromium and ChromeDriver from Debian, for browser unit tests and end-to-end tests.
# (SKIP_CHROMIUM=1 for build-only machines, e.g. the GitHub Pages workflow.)
if [ -z "${SKIP_CHROMIUM:-}" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
fi

say "toolchain ready: $(trunk --version), $(wasm-bindgen --version), wasm-split-cli $WASM_SPLIT_VERSION, wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}')"
