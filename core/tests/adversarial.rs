//! The text stages run in linear (or n log n) time on hostile shapes: for each shape
//! of [`shapes::SHAPES`], building a document twice the size must take at most 2.5x
//! the time (least of several runs, to keep noise out). Figures for 1 MiB and 8 MiB:
//! `cargo bench -p stance-core --bench adversarial`.

#[path = "adversarial/shapes.rs"]
mod shapes;

use std::time::Duration;

/// Allowed growth of the time when the input doubles.
const MAX_RATIO: f64 = 2.5;
/// Times below this are noise; a shape this fast at the larger size passes.
const FLOOR: Duration = Duration::from_millis(15);

#[test]
fn doubling_the_input_at_most_doubles_and_a_half_the_time() {
    let small = std::env::var("STANCE_ADVERSARIAL_BYTES").ok().and_then(|s| s.parse().ok()).unwrap_or(30_000usize);
    let mut failures = Vec::new();
    for shape in shapes::SHAPES {
        // Warm up allocations, then measure.
        let _ = shapes::time(shape, small / 4, 1);
        // The better of two rounds: a busy machine can slow one measurement down.
        let (a, b, ratio) = (0..2)
            .map(|_| {
                let a = shapes::time(shape, small, 3);
                let b = shapes::time(shape, small * 2, 3);
                (a, b, b.as_secs_f64() / a.as_secs_f64().max(1e-9))
            })
            .fold((Duration::ZERO, Duration::ZERO, f64::MAX), |best, x| if x.2 < best.2 { x } else { best });
        println!("{:<45} {:>8} B: {:>9.2?}  {:>8} B: {:>9.2?}  ratio {ratio:.2}", shape.name, small, a, small * 2, b);
        if b > FLOOR && ratio > MAX_RATIO {
            failures.push(format!("{}: {a:?} -> {b:?} (x{ratio:.2})", shape.name));
        }
    }
    assert!(failures.is_empty(), "super-linear shapes:\n{}", failures.join("\n"));
}
