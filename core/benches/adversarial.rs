//! Adversarial shapes for the text stages: builds one document of each shape of
//! `tests/adversarial/shapes.rs` at 1 MiB and 8 MiB and prints the least time of a few
//! runs. Target: every 8 MiB document builds in under 2 s (release, one core).
//!
//! ```text
//! cargo bench -p stance-core --bench adversarial            # 1 MiB and 8 MiB
//! STANCE_BENCH_SHAPE=quotes cargo bench -p stance-core --bench adversarial   # shapes whose name contains it
//! ```

#[path = "../tests/adversarial/shapes.rs"]
mod shapes;

fn main() {
    let filter = std::env::var("STANCE_BENCH_SHAPE").unwrap_or_default();
    let sizes = [1usize << 20, 8 << 20];
    println!("{:<45} {:>12} {:>12} {:>7}", "shape", "1 MiB", "8 MiB", "ratio");
    let mut worst = std::time::Duration::ZERO;
    for shape in shapes::SHAPES.iter().filter(|s| s.name.contains(filter.as_str())) {
        let t: Vec<_> = sizes.iter().map(|&n| shapes::time(shape, n, 2)).collect();
        worst = worst.max(t[1]);
        println!("{:<45} {:>12.2?} {:>12.2?} {:>7.2}", shape.name, t[0], t[1], t[1].as_secs_f64() / t[0].as_secs_f64().max(1e-9));
    }
    println!("slowest 8 MiB document: {worst:.2?} (target: under 2 s)");
}
