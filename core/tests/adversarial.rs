//! The text stages and the search index run in linear (or n log n) time on hostile
//! shapes: for each shape of [`shapes::SHAPES`] (`stance_core::synth::shapes`), building a corpus of twice the text
//! must take at most 2.5x the time, and so must indexing it.
//!
//! Load-proof: times are the CPU time of the test's own thread (other processes on a
//! busy machine do not count), the least of interleaved runs of both sizes, and a
//! shape over the limit is measured again (up to three times): a quadratic shape stays
//! near 4x every time. Figures for 8 MiB against the 2 s budget:
//! `cargo bench -p stance-core --bench adversarial`.
//!
//! ```text
//! STANCE_ADVERSARIAL_SHAPE=quotes cargo test -p stance-core --test adversarial -- --nocapture
//! STANCE_ADVERSARIAL_BYTES=100000 ...   # another small size (default 30000)
//! ```

#[path = "adversarial/shapes.rs"]
mod shapes;

use std::time::Duration;

/// Allowed growth of the time when the input doubles.
const MAX_RATIO: f64 = 2.5;
/// Times below this are noise; a shape this fast at the larger size passes.
const FLOOR: Duration = Duration::from_millis(15);

/// Least build and index times of `runs` interleaved runs at `n` and `2n` bytes.
fn measure(shape: &shapes::Shape, n: usize, runs: usize) -> [(Duration, Duration); 2] {
    let (small, large) = (shapes::make(shape, n), shapes::make(shape, n * 2));
    let mut best = [(Duration::MAX, Duration::MAX); 2];
    for _ in 0..runs {
        for (k, src) in [&small, &large].into_iter().enumerate() {
            let t = shapes::time_once(shape, src.clone(), true);
            best[k] = (best[k].0.min(t.build), best[k].1.min(t.index));
        }
    }
    best
}

fn ratio(a: Duration, b: Duration) -> f64 {
    b.as_secs_f64() / a.as_secs_f64().max(1e-9)
}

/// Does going from `a` to `b` grow too much (and is `b` long enough to tell)?
fn too_slow(a: Duration, b: Duration) -> bool {
    b > FLOOR && ratio(a, b) > MAX_RATIO
}

#[test]
fn doubling_the_input_at_most_doubles_and_a_half_the_time() {
    let small = std::env::var("STANCE_ADVERSARIAL_BYTES").ok().and_then(|s| s.parse().ok()).unwrap_or(30_000usize);
    let only = std::env::var("STANCE_ADVERSARIAL_SHAPE").unwrap_or_default();
    let mut failures = Vec::new();
    for shape in shapes::SHAPES.iter().filter(|s| s.matches(&only)) {
        // Warm up allocations, then measure.
        let _ = shapes::time(shape, small / 4, 1);
        let mut m = measure(shape, small, 3);
        for _ in 0..2 {
            let [(ba, ia), (bb, ib)] = m;
            if !too_slow(ba, bb) && !too_slow(ia, ib) {
                break;
            }
            m = measure(shape, small, 3);
        }
        let [(ba, ia), (bb, ib)] = m;
        println!(
            "{:<45} build {:>9.2?} -> {:>9.2?} (x{:.2})  index {:>9.2?} -> {:>9.2?} (x{:.2})",
            shape.name,
            ba,
            bb,
            ratio(ba, bb),
            ia,
            ib,
            ratio(ia, ib)
        );
        for (what, a, b) in [("build", ba, bb), ("index", ia, ib)] {
            if too_slow(a, b) {
                failures.push(format!("{} ({what}): {a:?} -> {b:?} (x{:.2})", shape.name, ratio(a, b)));
            }
        }
    }
    assert!(failures.is_empty(), "super-linear shapes (CPU time, {small} -> {} bytes):\n{}", small * 2, failures.join("\n"));
}

/// The measure can fail: a quadratic stage is caught.
#[test]
fn a_quadratic_stage_is_caught() {
    let shape = shapes::Shape { id: "quadratic", name: "quadratic", make: shapes::Make::Text(|n| shapes::source(shapes::repeat("a ", n))), fails: false };
    let (small, large) = (shapes::make(&shape, 3_000), shapes::make(&shape, 6_000));
    // Something quadratic in the text, timed the same way: every word against every other.
    let quadratic = |src: &stance_core::Source| {
        let t = shapes::cpu_now();
        let text = std::str::from_utf8(&src.files["d.txt"]).unwrap_or_default();
        let words: Vec<&str> = text.split(' ').collect();
        let pairs = words.iter().map(|a| words.iter().filter(|b| std::hint::black_box(a == *b)).count()).sum::<usize>();
        std::hint::black_box(pairs);
        shapes::cpu_now().saturating_sub(t)
    };
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..3 {
        a = a.min(quadratic(&small));
        b = b.min(quadratic(&large));
    }
    assert!(ratio(a, b) > MAX_RATIO, "a quadratic stage doubles only x{:.2} ({a:?} -> {b:?})", ratio(a, b));
}
