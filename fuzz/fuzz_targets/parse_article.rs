//! The article parser and every lookup over what it parsed.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    kwx::fuzzing::corpus_text(kwx::corpus::manifest::SourceFormat::Article, data);
});
