//! Fuzz target `meta_toml`: see `stance_core::fuzzing::meta_toml` for what it feeds and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| stance_core::fuzzing::meta_toml(data));
