//! `corpus.toml`.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    kwx::fuzzing::manifest(data);
});
