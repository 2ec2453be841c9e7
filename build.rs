//! Compiles the corpus into the app: reads the corpus folder ($STANCE_CORPUS, else
//! `corpus/`), checks it with the same code as `stance check` (a bad corpus fails the
//! build with the same messages), and writes it into OUT_DIR twice: packed as JSON
//! (`corpus.json`, what "Back to the shipped corpus" and the browser tests build), and
//! built, as the parts a load hands the page (`corpus-parts.jsonl`, see
//! `stance_core::prebuilt`), which the app reads at start-up instead of building it.
//!
//! Nothing from the corpus is written into a `cargo:` directive as it is: cargo is told
//! to watch the folder itself (it then notices any file in it changing), a folder path
//! or file name holding a control character fails the build with the reason, and the
//! problems printed as `cargo:warning=` lines have their control characters escaped.

use stance_core::{corpus, prebuilt};
use stance_core::error::escape_controls;
use std::path::{Path, PathBuf};

/// Stops the build with `message`.
fn fail(message: &str) -> ! {
    eprintln!("{}", escape_controls(message, true));
    std::process::exit(1);
}

/// Refuses a corpus folder whose path, or a file name in it, could inject a directive.
fn check_names(dir: &Path) -> Result<&str, String> {
    let path = dir.to_str().ok_or_else(|| format!("the corpus folder's path {} is not UTF-8; move the corpus to a folder with a UTF-8 path", dir.display()))?;
    if let Some(c) = corpus::unsafe_name_char(path) {
        return Err(format!("the corpus folder's path {path:?} holds the control character U+{:04X}, which cargo would read as the end of a directive; move the corpus to a folder without it", u32::from(c)));
    }
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if let Some(c) = corpus::unsafe_name_char(&name) {
                return Err(format!("the file name {name:?} in the corpus folder holds the control character U+{:04X}; rename or remove the file", u32::from(c)));
            }
        }
    }
    Ok(path)
}

fn main() {
    println!("cargo:rerun-if-env-changed=STANCE_CORPUS");
    // The split release build (scripts/env.sh sets STANCE_SPLIT=1): `cfg(stance_split)`
    // makes the app's `split_fn!`s wasm split points (src/split.rs), and the wasm is
    // linked with its relocations kept, which wasm-split-cli reads to cut the chunks out.
    println!("cargo:rustc-check-cfg=cfg(stance_split)");
    println!("cargo:rerun-if-env-changed=STANCE_SPLIT");
    let wasm = std::env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|f| f.split(',').any(|x| x == "wasm"));
    if wasm && std::env::var_os("STANCE_SPLIT").is_some_and(|v| !v.is_empty()) {
        println!("cargo:rustc-cfg=stance_split");
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| fail("cargo sets CARGO_MANIFEST_DIR")));
    let dir = std::env::var_os("STANCE_CORPUS").map(PathBuf::from).unwrap_or_else(|| manifest.join("corpus"));
    let dir = if dir.is_relative() { manifest.join(dir) } else { dir };
    let path = check_names(&dir).unwrap_or_else(|e| fail(&e));
    // A folder: cargo reruns this script when any file in it changes.
    println!("cargo:rerun-if-changed={path}");
    match corpus::pack_dir(&dir) {
        Ok(p) => {
            let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| fail("cargo sets OUT_DIR")));
            let write = |name: &str, text: &str| {
                let out = out_dir.join(name);
                if let Err(e) = std::fs::write(&out, text) {
                    fail(&format!("cannot write {}: {e}", out.display()));
                }
            };
            let json = p.to_json();
            // Built from the packed JSON, as a load at run time builds it; the origin is
            // the app's BUNDLED_ORIGIN (src/state.rs).
            match prebuilt::write("bundled corpus", &json) {
                Ok(parts) => write("corpus-parts.jsonl", &parts),
                Err(errors) => fail(&format!("The corpus in {path} does not build from its packed form:\n{errors}")),
            }
            write("corpus.json", &json);
        }
        Err(errors) => {
            for p in &errors.0 {
                println!("cargo:warning={}", escape_controls(&p.to_string(), false));
            }
            fail(&format!("The corpus in {path} has {} problem(s):\n{errors}", errors.0.len()));
        }
    }
}
