//! Fuzz target `build_slow`: see `stance_core::fuzzing::build_slow` for what it feeds and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stance_core::fuzzing::build_slow(data));
