//! Timing helpers for the adversarial shapes, shared by `tests/adversarial.rs` and
//! `benches/adversarial.rs`. The shapes themselves are `stance_core::synth::shapes`
//! (also behind `stance synth --shape`), re-exported here.
//!
//! Times are the CPU time of the measuring thread ([`cpu_now`]), so that other
//! processes on a busy machine do not count.
#![allow(dead_code)]

pub use stance_core::synth::shapes::{repeat, source, Make, Shape, SHAPES};
use stance_core::corpus::{self, Source};
use stance_core::search::Index;
use stance_core::Corpus;
use std::time::{Duration, Instant};

/// The corpus of `shape` at about `n` bytes (a missing fixture folder is a test failure).
pub fn make(shape: &Shape, n: usize) -> Source {
    shape.source(n).unwrap_or_else(|e| panic!("{}: {e}", shape.name))
}

/// Builds the corpus of one document holding `text`.
pub fn build(text: String) -> Corpus {
    corpus::build(source(text)).unwrap_or_else(|e| panic!("adversarial corpus does not build: {e}"))
}

/// CPU time used by the calling thread so far (wall time where it cannot be read):
/// unlike wall time, it does not grow while other processes have the CPU.
pub fn cpu_now() -> Duration {
    #[cfg(target_os = "linux")]
    {
        #[repr(C)]
        struct Timespec {
            sec: i64,
            nsec: i64,
        }
        extern "C" {
            fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
        }
        const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
        let mut ts = Timespec { sec: 0, nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec (64-bit Linux layout).
        if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return Duration::new(ts.sec as u64, ts.nsec as u32);
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// How long one build of a shape took: the corpus, then its search index.
#[derive(Clone, Copy, Debug, Default)]
pub struct Times {
    pub build: Duration,
    pub index: Duration,
    /// Wall time of the build, for comparison.
    pub wall: Duration,
    /// Statements built (0 for a shape meant to fail).
    pub statements: usize,
}

/// Builds `src` once (and indexes it when `index`), timing each part.
pub fn time_once(shape: &Shape, src: Source, index: bool) -> Times {
    let (t, w) = (cpu_now(), Instant::now());
    let c = corpus::build(src);
    let (build, wall) = (cpu_now().saturating_sub(t), w.elapsed());
    let corpus = match c {
        Ok(c) if !shape.fails => c,
        Err(_) if shape.fails => return Times { build, wall, ..Default::default() },
        Ok(_) => panic!("{}: builds, but it was meant to fail", shape.name),
        Err(e) => panic!("{}: does not build: {}", shape.name, e.to_string().chars().take(500).collect::<String>()),
    };
    let t = cpu_now();
    let idx = index.then(|| Index::build(&corpus));
    let index_time = if index { cpu_now().saturating_sub(t) } else { Duration::ZERO };
    let statements = corpus.statements.len();
    // Freeing is part of the work, but not of the build.
    drop((idx, corpus));
    Times { build, index: index_time, wall, statements }
}

/// The least build time of `reps` builds of `shape` at `n` bytes (no index).
pub fn time(shape: &Shape, n: usize, reps: usize) -> Duration {
    let src = make(shape, n);
    (0..reps).map(|_| time_once(shape, src.clone(), false).build).min().unwrap_or_default()
}

/// A `build_slow` fuzz input (see `stance_core::fuzzing`) at two sizes: every text cut
/// to half its length (on a character boundary), and whole.
pub fn fuzz_input(bytes: &[u8]) -> (Source, Source) {
    let full = stance_core::fuzzing::build_source(bytes, true);
    let mut half = full.clone();
    for text in half.files.values_mut() {
        let mut cut = text.len() / 2;
        while cut > 0 && std::str::from_utf8(&text[..cut]).is_err() {
            cut -= 1;
        }
        text.truncate(cut);
    }
    (half, full)
}

/// CPU time of one build of `src`, whatever its outcome (a fuzz input may have problems).
pub fn time_any(src: Source) -> Duration {
    let t = cpu_now();
    let result = corpus::build(src);
    let spent = cpu_now().saturating_sub(t);
    drop(result);
    spent
}
