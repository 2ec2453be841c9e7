//! Compiles the corpus into the app: reads the corpus folder ($STANCE_CORPUS, else
//! `corpus/`), checks it with the same code as `stance check` (a bad corpus fails the
//! build with the same messages), and writes it packed as JSON into OUT_DIR.

use stance_core::corpus;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=STANCE_CORPUS");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("STANCE_CORPUS").map(PathBuf::from).unwrap_or_else(|| manifest.join("corpus"));
    let dir = if dir.is_relative() { manifest.join(dir) } else { dir };
    println!("cargo:rerun-if-changed={}", dir.display());
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            println!("cargo:rerun-if-changed={}", e.path().display());
        }
    }
    match corpus::pack_dir(&dir) {
        Ok(p) => {
            let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.json");
            std::fs::write(&out, p.to_json()).expect("OUT_DIR is writable");
        }
        Err(errors) => {
            for p in &errors.0 {
                println!("cargo:warning={p}");
            }
            eprintln!("The corpus in {} has {} problem(s):\n{errors}", dir.display(), errors.0.len());
            std::process::exit(1);
        }
    }
}
