//! Fuzz target `timelinejs`: see `stance_core::fuzzing::timelinejs` for what it feeds and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stance_core::fuzzing::timelinejs(data));
