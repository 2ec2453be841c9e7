//! Fuzz target `query`: see `stance_core::fuzzing::query` for what it feeds and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stance_core::fuzzing::query(data));
