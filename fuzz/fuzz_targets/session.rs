//! Keys, pastes and terminal sizes through the keymap, `update` and `render`.
#![no_main]
use std::sync::{Arc, OnceLock};

static CORPUS: OnceLock<Arc<kwx::corpus::Corpus>> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let corpus = CORPUS.get_or_init(|| {
        Arc::new(kwx::corpus::load_embedded().expect("the embedded corpus parses"))
    });
    kwx::fuzzing::session(corpus, data);
});
