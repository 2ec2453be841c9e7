//! Fuzz target `packed`: see `stance_core::fuzzing::packed` for what it feeds and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stance_core::fuzzing::packed(data));
