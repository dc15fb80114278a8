//! Notes' citations: each line an endnote, read into works, resolved, linked, looked up and
//! exported.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    kwx::fuzzing::note_citations(data);
});
