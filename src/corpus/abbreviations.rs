//! Abbreviations the parsers know, from `corpus/abbreviations.toml`: one list for each
//! question a full stop raises (does it end a sentence, a footnote, a word before a number).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Abbreviations {
    sentence: FxHashSet<String>,
    footnote_runs_on: FxHashSet<String>,
    before_number: FxHashSet<String>,
}

const ABBREVIATIONS_TOML: &str = include_str!("../../corpus/abbreviations.toml");

fn table() -> &'static Abbreviations {
    static TABLE: OnceLock<Abbreviations> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Embedded in the binary and checked by the tests below: it cannot fail at run time.
        toml::from_str(ABBREVIATIONS_TOML).expect("corpus/abbreviations.toml parses")
    })
}

/// Whether a full stop after `word` (without it) ends no sentence.
pub fn ends_no_sentence(word: &str) -> bool {
    table().sentence.contains(word)
}

/// Whether a thesis footnote line ending in `word` and a full stop runs on to the next line.
pub fn runs_footnote_on(word: &str) -> bool {
    table().footnote_runs_on.contains(word)
}

/// Whether a number right after `word` and its full stop is the abbreviation's (`Vol.2`).
pub fn takes_a_number(word: &str) -> bool {
    table().before_number.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_lists_load_and_answer_as_written() {
        assert!(ends_no_sentence("Gen") && ends_no_sentence("pp"));
        assert!(!ends_no_sentence("Moscow") && !ends_no_sentence("gen"));
        assert!(runs_footnote_on("Vol") && runs_footnote_on("cit"));
        assert!(!runs_footnote_on("Gen"));
        assert!(takes_a_number("F") && takes_a_number("para"));
        assert!(!takes_a_number("al"));
    }
}
