//! Keymap files, alone and over the default preset.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    kwx::fuzzing::keymap_file(data);
});
