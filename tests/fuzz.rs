//! The fuzz targets of `fuzz/` on stable: proptest mutates excerpts of the real texts, the real
//! manifest and keymaps, and sessions of keys and terminal sizes, for a bounded number of cases
//! (`KWX_FUZZ_CASES`, default 1,000 per target: under a minute in all on CI). `scripts/fuzz` runs
//! the same entry points under cargo-fuzz for long runs; crashes it finds become cases below.

use std::sync::{Arc, OnceLock};

use kwx::corpus::manifest::SourceFormat;
use kwx::fuzzing;
use proptest::prelude::*;

const ARTICLE: &str = include_str!("../corpus/000_1124eec32e2a075a.txt");
const THESIS: &str = include_str!("../corpus/003_d678dab491f7d799.txt");
const MANIFEST: &str = include_str!("../corpus/corpus.toml");
const DEFAULT_KEYMAP: &str = include_str!("../keymaps/default.toml");

fn config() -> ProptestConfig {
    let cases = std::env::var("KWX_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(1000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// What the parsers find hard: the quirks of the real texts and the shapes that once panicked.
const TOKENS: &[&str] = &[
    "“",
    "”",
    "’",
    "\u{a0}",
    "³",
    "¹²",
    "⁶⁹.",
    "-\n",
    "- \n",
    "\n\n",
    "\n",
    " ",
    "Introduction\n",
    "Abstract\n",
    "Table of Contents\n",
    "Abbreviations\n",
    "Bibliography\n",
    "Conclusion\n",
    "Endnotes\n",
    "Notes\n",
    "I. ",
    "IV. ",
    "XII. ",
    "Ibid.",
    "ibid., p.2",
    "58. ",
    "1 ",
    "12 ",
    "pp.187-",
    "NO.8",
    "*",
    "\\$",
    "a) ",
    "1950",
    "30 Jan 1950",
    "January 30, 1950",
    "\x1b]0;x\x07",
    "\u{9b}",
    "\u{202e}",
    "👩\u{200d}💻",
    "e\u{301}",
    "\t",
    "\r\n",
    "ﬁ",
    "İ",
    "ß",
    ";",
    "(",
    ")",
    "[",
    "]",
    "\"",
    ", ",
    ": ",
    "F.",
    "Op.",
    "D.",
    "Fond 45, Opis 1, Delo 346, ",
    " to ",
    " in ",
    "see ",
    "et al., ",
    "p.",
    "Vol.",
    "No.",
    "Moscow: ",
    "hereafter cited as ",
];

/// An excerpt of `text` (whole lines) with edits: tokens inserted, ranges deleted or repeated.
fn mutated(text: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let n = lines.len();
    (
        0..n,
        1usize..400,
        proptest::collection::vec((any::<prop::sample::Index>(), 0..TOKENS.len() + 3), 0..12),
    )
        .prop_map(move |(start, len, edits)| {
            let mut out: Vec<u8> = lines[start..(start + len).min(n)].concat().into_bytes();
            for (at, what) in edits {
                let at = at.index(out.len() + 1);
                match what {
                    w if w < TOKENS.len() => {
                        out.splice(at..at, TOKENS[w].bytes());
                    }
                    w if w == TOKENS.len() => {
                        let end = (at + 200).min(out.len());
                        out.drain(at..end);
                    }
                    w if w == TOKENS.len() + 1 => {
                        let end = (at + 300).min(out.len());
                        let copy = out[at..end].to_vec();
                        out.splice(at..at, copy);
                    }
                    _ => out.insert(at.min(out.len()), 0xff),
                }
            }
            out
        })
}

/// Every note of the embedded corpus, one a line: what the citation fuzzer mutates.
fn real_notes() -> &'static str {
    static NOTES: OnceLock<String> = OnceLock::new();
    NOTES.get_or_init(|| {
        let corpus = kwx::corpus::load_embedded().expect("embedded corpus parses");
        corpus
            .documents
            .iter()
            .flat_map(|d| d.notes.iter().map(|n| n.text.replace('\n', " ") + "\n"))
            .collect()
    })
}

fn small_corpus() -> &'static Arc<kwx::corpus::Corpus> {
    static CORPUS: OnceLock<Arc<kwx::corpus::Corpus>> = OnceLock::new();
    CORPUS.get_or_init(|| Arc::new(kwx::corpus::load_embedded().expect("embedded corpus")))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn article_parser_never_panics(data in mutated(ARTICLE)) {
        fuzzing::corpus_text(SourceFormat::Article, &data);
    }

    #[test]
    fn thesis_parser_never_panics(data in mutated(THESIS)) {
        fuzzing::corpus_text(SourceFormat::Thesis, &data);
    }

    #[test]
    fn citation_reading_never_panics(data in mutated(real_notes())) {
        fuzzing::note_citations(&data);
    }

    #[test]
    fn manifest_parser_never_panics(data in mutated(MANIFEST)) {
        fuzzing::manifest(&data);
    }

    #[test]
    fn keymap_files_never_panic(data in mutated(DEFAULT_KEYMAP)) {
        fuzzing::keymap_file(&data);
    }

    #[test]
    fn keys_pastes_and_sizes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..120)) {
        fuzzing::session(small_corpus(), &data);
    }
}

/// A session through the background build's messages: progress, a pane asked for while it
/// runs (s, t: bytes 6 and 7 of the session's keys), keys and a resize meanwhile, then the
/// indexes (search first, then the timeline's events).
#[test]
fn a_session_waiting_for_the_background_build_never_panics() {
    fuzzing::session(
        small_corpus(),
        &[
            0, 0xfe, 0, 0, 6, 0, 0xc0, 30, 12, 1, 0xfe, 1, 1, 7, 0xff, 0, 0xc0, 80, 24, 6, 0, 0xff,
            1, 7, 0, 0xc0, 0, 0,
        ],
    );
}

/// Inputs that fuzzing found once; each stays a case here.
#[test]
fn crashes_found_by_fuzzing_stay_fixed() {
    fuzzing::corpus_text(SourceFormat::Article, "A “post-\nwar.\n".as_bytes());
    fuzzing::corpus_text(
        SourceFormat::Thesis,
        b"Introduction\nSome text here.\nAbstract\n",
    );
    // Invalid UTF-8 before a NUL: its line and column were counted in the wrong string.
    let mut bytes = b"Title\n\n".to_vec();
    bytes.extend([0xe2, 0x80, 0x0a, 0xff, b'x', 0]);
    fuzzing::corpus_text(SourceFormat::Article, &bytes);
    // Found by proptest (100,000 sessions): a note reference selected in one layout, looked up
    // in another that has no such block.
    fuzzing::session(
        small_corpus(),
        &[
            81, 75, 192, 0, 0, 3, 6, 247, 0, 0, 0, 0, 123, 0, 0, 0, 0, 0, 0, 89, 0, 0, 0, 0, 123,
            0, 123, 54, 123, 0, 0, 192, 0, 0, 100, 192, 40, 10, 10,
        ],
    );
    // Resizes to nothing and to one cell between keys.
    fuzzing::session(
        small_corpus(),
        &[0, 0xc0, 0, 0, b'j', 0xc0, 1, 1, b'c', 0xc0, 255, 255],
    );
}
