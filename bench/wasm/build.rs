//! Embeds the shipped corpus (corpus/stance.toml and the files it names) so the
//! benchmark needs no request.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let meta = root.join("stance.toml");
    println!("cargo:rerun-if-changed={}", meta.display());
    let text = std::fs::read_to_string(&meta).unwrap_or_default();
    let mut out = String::from("/// (file name, text) of each shipped corpus file.\npub const FILES: &[(&str, &str)] = &[\n");
    for line in text.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("file") {
            let rest = rest.trim_start();
            if let Some(v) = rest.strip_prefix('=') {
                let name = v.trim().trim_matches('"');
                let path = root.join(name);
                if path.is_file() {
                    println!("cargo:rerun-if-changed={}", path.display());
                    out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
                }
            }
        }
    }
    out.push_str("];\n");
    out.push_str(&format!("pub const META: &str = include_str!({:?});\n", meta.display().to_string()));
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("corpus_files.rs");
    let _ = std::fs::write(dest, out);
}
