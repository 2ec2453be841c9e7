//! Fuzz target `url_state`: see `stance_core::fuzzing::url_state` for what it feeds and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stance_core::fuzzing::url_state(data));
