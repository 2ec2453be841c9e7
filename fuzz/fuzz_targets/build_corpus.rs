//! Fuzz target `build_corpus`: see `stance_core::fuzzing::build` for what it feeds and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stance_core::fuzzing::build_corpus(data));
