//! Adversarial shapes at 8 MiB against the 2 s budget: builds a corpus of each shape of
//! `stance_core::synth::shapes` (about 8 MiB of text: one document, or many for the
//! shapes that say so), then its search index, several times, and prints the median
//! CPU time of each with pass/fail. Budget (issue 9): every 8 MiB document builds in
//! under 2 s natively (release, one core); the index is reported beside it.
//! Exits with status 1 when a build is over the budget.
//!
//! ```text
//! cargo bench -p stance-core --bench adversarial                   # 8 MiB, 3 runs
//! STANCE_BENCH_SHAPE=quotes cargo bench -p stance-core --bench adversarial   # shapes whose id or name contains it
//! STANCE_BENCH_MIB=1 STANCE_BENCH_RUNS=5 cargo bench -p stance-core --bench adversarial
//! STANCE_BENCH_SHAPE=curly-quotes,huge-word STANCE_BENCH_EXACT=1 ...   # these ids only
//! STANCE_BENCH_JSON=out.json ...   # also write the figures as JSON (no fuzz inputs then)
//! ```
//!
//! `bench/run-adversarial-browser.mjs` runs it with `STANCE_BENCH_JSON` to print the
//! native build time beside the browser's load time.
//!
//! Then it times the `build_slow` fuzz inputs kept in `fuzz/findings/` and
//! `fuzz/regressions/build_slow/` (each at half its text and whole: a linear build takes
//! about twice as long for the whole).

#[path = "../tests/adversarial/shapes.rs"]
mod shapes;

use std::time::Duration;

/// The budget of one build.
const BUDGET: Duration = Duration::from_secs(2);

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let filter = std::env::var("STANCE_BENCH_SHAPE").unwrap_or_default();
    let keys: Vec<&str> = filter.split(',').map(str::trim).filter(|k| !k.is_empty()).collect();
    let exact = std::env::var("STANCE_BENCH_EXACT").is_ok_and(|v| v == "1");
    let picked = |s: &shapes::Shape| keys.is_empty() || keys.iter().any(|k| if exact { s.id == *k } else { s.matches(k) });
    let json_out = std::env::var_os("STANCE_BENCH_JSON");
    let mut json = Vec::new();
    let mib = env("STANCE_BENCH_MIB", 8);
    let runs = env("STANCE_BENCH_RUNS", 3).max(1);
    let bytes = mib << 20;
    println!("{mib} MiB of text per shape, median of {runs} runs, CPU time of the building thread (wall time of the build in brackets)");
    println!("{:<45} {:>10} {:>10} {:>12} {:>10} {:>10}  verdict", "shape", "statements", "build", "(wall)", "index", "total");
    let (mut worst, mut over) = (Duration::ZERO, Vec::new());
    for shape in shapes::SHAPES.iter().filter(|s| picked(s)) {
        let src = shapes::make(shape, bytes);
        let times: Vec<shapes::Times> = (0..runs).map(|_| shapes::time_once(shape, src.clone(), true)).collect();
        let build = median(times.iter().map(|t| t.build).collect());
        let wall = median(times.iter().map(|t| t.wall).collect());
        let index = median(times.iter().map(|t| t.index).collect());
        let statements = times.first().map_or(0, |t| t.statements);
        let verdict = if build < BUDGET { "pass" } else { "FAIL" };
        if build >= BUDGET {
            over.push(shape.name);
        }
        worst = worst.max(build);
        println!("{:<45} {statements:>10} {:>10.2?} {:>12} {:>10.2?} {:>10.2?}  {verdict}", shape.name, build, format!("({wall:.2?})"), index, build + index);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        json.push(format!(r#"{{"id":"{}","mib":{mib},"statements":{statements},"build_ms":{:.3},"wall_ms":{:.3},"index_ms":{:.3}}}"#, shape.id, ms(build), ms(wall), ms(index)));
    }
    if let Some(path) = json_out {
        if let Err(e) = std::fs::write(&path, format!("[{}]\n", json.join(","))) {
            eprintln!("{}: {e}", std::path::Path::new(&path).display());
            std::process::exit(2);
        }
    }
    println!("slowest build: {worst:.2?} (budget: under {BUDGET:?} for {mib} MiB)");
    if std::env::var_os("STANCE_BENCH_JSON").is_none() {
        findings(runs);
    }
    if !over.is_empty() {
        println!("over the budget: {}", over.join(", "));
        std::process::exit(1);
    }
}

/// Times each `build_slow` fuzz input at half and whole size.
fn findings(runs: usize) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut files: Vec<std::path::PathBuf> = ["findings", "regressions/build_slow"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d)).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) && (p.parent().is_some_and(|d| d.ends_with("build_slow")) || p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("build_slow"))))
        .collect();
    files.sort();
    if files.is_empty() {
        return;
    }
    println!("\nbuild_slow fuzz inputs, least of {runs} runs: text bytes and CPU time at half and whole size");
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let (half, full) = shapes::fuzz_input(&bytes);
        let size = |s: &stance_core::Source| s.files.values().map(Vec::len).sum::<usize>();
        let (hb, fb) = (size(&half), size(&full));
        let time = |s: &stance_core::Source| (0..runs).map(|_| shapes::time_any(s.clone())).min().unwrap_or_default();
        let (ht, ft) = (time(&half), time(&full));
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        println!("{name:<45} {hb:>9} B {ht:>10.2?}  {fb:>9} B {ft:>10.2?}  ratio {:.2}", ft.as_secs_f64() / ht.as_secs_f64().max(1e-9));
    }
}
