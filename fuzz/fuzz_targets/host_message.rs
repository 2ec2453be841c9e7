//! Fuzz target `host_message`: see `stance_core::fuzzing::host_message` for what it feeds and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stance_core::fuzzing::host_message(data));
