//! Possessives whose apostrophe the PDF extraction lost: `Stalins order`, `Moscows lack`,
//! `Kims journey` are put back as `Stalin's order`, `Moscow's lack`, `Kim's journey`.
//!
//! The evidence is the document's own words, so another text of the same kind is repaired the
//! same way. A capitalised word ending in s is a possessive missing its apostrophe when:
//! - the word without the s is a name in the same text (written capitalised, and never in
//!   lower case, as `state` is beside `States`; a noun in -y, `Armys`, needs no such proof);
//! - it is neither a demonym of a name in the text (`Koreans`) nor a listed plural (`Soviets`);
//! - at least half its occurrences are followed by what they own: a lower-case word that is
//!   not a preposition or verb (`Roberts to Bolte` is a surname).
//!
//! `the two Koreas` stays plural, and a text that kept more apostrophes than it seems to have
//! lost is left alone. The English lists are in `corpus/possessives.toml`.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::{swar, RawDocument};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lists {
    plurals: FxHashSet<String>,
    not_after: FxHashSet<String>,
    plural_after: FxHashSet<String>,
}

const POSSESSIVES_TOML: &str = include_str!("../../../corpus/possessives.toml");

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    // Embedded in the binary and parsed by the tests below: it cannot fail at run time.
    LISTS.get_or_init(|| toml::from_str(POSSESSIVES_TOML).expect("corpus/possessives.toml parses"))
}

/// What a document's own words say about its lost apostrophes: the words to be written with
/// one (`Stalins`) and the apostrophe the text uses where it kept one. Found from the source
/// text alone (beside the layout parse), and small, so a library keeps it between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Possessives {
    words: Vec<String>,
    apostrophe: char,
}

impl Possessives {
    /// Its name in the cache of what is derived from each text.
    pub const PRODUCT: &'static str = "possessives";

    pub fn of(source: &str) -> Possessives {
        lost_possessives(source)
    }

    /// Puts back the lost apostrophes in every text of the document: titles, paragraphs,
    /// notes, glossary and bibliography.
    pub(super) fn restore(&self, raw: &mut RawDocument) {
        let Some(repairer) = Repairer::new(self) else {
            return;
        };
        texts_of(raw).into_par_iter().for_each(|text| {
            if let Some(repaired) = repairer.repair(text) {
                *text = repaired;
            }
        });
    }
}

fn texts_of(raw: &mut RawDocument) -> Vec<&mut String> {
    let mut texts: Vec<&mut String> = Vec::new();
    for part in &mut raw.parts {
        texts.push(&mut part.title);
        for paragraph in &mut part.paragraphs {
            texts.extend(paragraph.opens_subsections.iter_mut());
            texts.push(&mut paragraph.text);
        }
    }
    texts.extend(raw.notes.iter_mut().map(|n| &mut n.text));
    texts.extend(raw.glossary.iter_mut().map(|g| &mut g.expansion));
    for entry in &mut raw.bibliography {
        texts.extend(entry.headings.iter_mut());
        texts.push(&mut entry.text);
    }
    texts
}

/// What one capitalised word ending in s was seen doing.
#[derive(Default)]
struct Candidate {
    occurrences: usize,
    /// Occurrences followed by what they would own.
    owning: usize,
}

fn lost_possessives(source: &str) -> Possessives {
    let lists = lists();
    // Only capitalised words can be lost possessives or their names, and they are a small
    // share of the words, found eight bytes at a time; pieces of the text in parallel.
    let pieces = pieces_at_spaces(source);
    let (capitalised, candidates) = pieces
        .into_par_iter()
        .map(|piece| {
            let mut capitalised: FxHashSet<&str> = FxHashSet::default();
            let mut candidates: FxHashMap<&str, Candidate> = FxHashMap::default();
            for word in capitalised_words(&source[piece.clone()]) {
                let word = piece.start + word.start..piece.start + word.end;
                let token = &source[word.clone()];
                capitalised.insert(token);
                if is_candidate_shape(token) {
                    let candidate = candidates.entry(token).or_default();
                    candidate.occurrences += 1;
                    let owns = next_word(source, word.end).is_some_and(|w| {
                        w.starts_with(|c: char| c.is_ascii_lowercase())
                            && !lists.not_after.contains(w)
                    });
                    candidate.owning += usize::from(owns);
                }
            }
            (capitalised, candidates)
        })
        .reduce(
            Default::default,
            |(mut words, mut seen), (more_words, more_seen)| {
                words.extend(more_words);
                for (token, c) in more_seen {
                    let candidate = seen.entry(token).or_default();
                    candidate.occurrences += c.occurrences;
                    candidate.owning += c.owning;
                }
                (words, seen)
            },
        );
    let straight = memchr::memmem::find_iter(source.as_bytes(), "'s").count();
    let curly = memchr::memmem::find_iter(source.as_bytes(), "’s").count();

    // Names: capitalised stems that pass the shape tests; those that are ordinary words too
    // (`State`, `Archive`) are dropped below once the text is searched for them in lower case.
    let mut names: Vec<(&str, usize, bool)> = Vec::new();
    for (token, candidate) in &candidates {
        let stem = &token[..token.len() - 1];
        let acronym = stem.bytes().all(|b| b.is_ascii_uppercase());
        // `Armys`, `Partys`: a noun in -y makes its plural in -ies, so even a common noun
        // (`army`) plus s is a possessive.
        let y_noun = stem.len() >= 2
            && stem.ends_with('y')
            && !matches!(stem.as_bytes()[stem.len() - 2], b'a' | b'e' | b'o' | b'u');
        // `Korean` is Korea's people: its plural is no possessive.
        let demonym = stem.strip_suffix('n').is_some_and(|s| {
            capitalised.contains(s) || s.strip_suffix('a').is_some_and(|s| capitalised.contains(s))
        });
        // A possessive owns what follows it at least half the time; a plural (`Archives and`,
        // `Archives were`, `Archives decided`) mostly does not.
        let possessive = candidate.owning > 0 && 2 * candidate.owning >= candidate.occurrences;
        if capitalised.contains(stem) && !demonym && possessive && !lists.plurals.contains(*token) {
            names.push((token, candidate.occurrences, acronym || y_noun));
        }
    }
    // A text that kept its apostrophes (the article) is not second-guessed; nor searched.
    if names.iter().map(|n| n.1).sum::<usize>() <= straight + curly {
        return Possessives::default();
    }
    let Some(common) = lower_case_words(source, names.iter().filter(|n| !n.2).map(|n| n.0)) else {
        return Possessives::default();
    };
    let mut lost = Possessives {
        words: Vec::new(),
        apostrophe: if curly > straight { '’' } else { '\'' },
    };
    let mut lost_count = 0;
    for (token, occurrences, any_case) in names {
        let stem = &token[..token.len() - 1];
        if any_case || !common.contains(&stem.to_ascii_lowercase()) {
            lost_count += occurrences;
            lost.words.push(token.to_string());
        }
    }
    if lost_count <= straight + curly {
        lost.words.clear();
    }
    // In one order whatever the threads did, so a run's result is the same every time.
    lost.words.sort_unstable();
    lost
}

/// Which of the tokens' stems (`Stalins` → `stalin`) the text also writes as a lower-case word;
/// `None` if the text could not be searched.
fn lower_case_words<'t>(
    source: &str,
    tokens: impl Iterator<Item = &'t str>,
) -> Option<FxHashSet<String>> {
    let stems: Vec<String> = tokens
        .map(|t| t[..t.len() - 1].to_ascii_lowercase())
        .collect();
    // A DFA without the literal prefilter: short stems (`kim`, `mao`) would make the prefilter
    // stop at nearly every word. Building fails only past aho-corasick's size limits; then
    // nothing is known and nothing repaired.
    let searcher = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&stems)
        .ok()?;
    pieces_at_spaces(source)
        .into_par_iter()
        .flat_map_iter(|piece| {
            searcher
                .find_iter(&source[piece.clone()])
                .map(move |m| (piece.start + m.start()..piece.start + m.end(), m.pattern()))
        })
        .filter(|(word, _)| is_standalone(source, word.clone()))
        .map(|(_, stem)| stems[stem.as_usize()].clone())
        .collect::<FxHashSet<String>>()
        .into()
}

/// The text cut into pieces of about 64 KB for parallel scans, each cut at a space (so no word
/// is split, and a space byte is always a character boundary).
fn pieces_at_spaces(source: &str) -> Vec<Range<usize>> {
    const PIECE: usize = 64 * 1024;
    let bytes = source.as_bytes();
    let mut pieces = Vec::new();
    let mut from = 0;
    while from < bytes.len() {
        let cut = (from + PIECE).min(bytes.len());
        let to = memchr::memchr(b' ', &bytes[cut..]).map_or(bytes.len(), |p| cut + p);
        pieces.push(from..to);
        from = to;
    }
    pieces
}

/// `Stalins`, `USSRs`: capitalised, at least two letters before a final lower-case s.
fn is_candidate_shape(token: &str) -> bool {
    token.len() >= 3 && token.starts_with(|c: char| c.is_ascii_uppercase()) && token.ends_with('s')
}

/// Whether the letters at `word` stand alone: not inside a longer word, a URL, an address, an
/// abbreviation (`U.S.`) or a word with an apostrophe.
fn is_standalone(text: &str, word: Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let before = word.start.checked_sub(1).map(|p| bytes[p]);
    let after = bytes.get(word.end).copied();
    let joined_before = before.is_some_and(|b| {
        b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'@' | b'_' | b'-' | b'\'')
    });
    let joined_after = after
        .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'@' | b'_' | b'\''))
        || text[word.end..].starts_with('’');
    !joined_before && !joined_after
}

/// Byte ranges of the standalone words of a text that start with an ASCII capital.
fn capitalised_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while let Some(start) = swar::find_uppercase(bytes, at) {
            let end = bytes[start..]
                .iter()
                .position(|b| !b.is_ascii_alphabetic())
                .map_or(bytes.len(), |p| start + p);
            at = end;
            if is_standalone(text, start..end) {
                return Some(start..end);
            }
        }
        None
    })
}

/// The word after `end` across spaces and line breaks, if one follows directly.
fn next_word(text: &str, end: usize) -> Option<&str> {
    let rest = text[end..].trim_start_matches([' ', '\n', '\r']);
    if rest.len() == text.len() - end {
        return None;
    }
    let len = rest
        .bytes()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

/// The word before `start` across spaces, lower-cased.
fn previous_word(text: &str, start: usize) -> Option<String> {
    let head = text[..start].trim_end_matches(' ');
    let len = head
        .bytes()
        .rev()
        .position(|b| !b.is_ascii_alphabetic())
        .unwrap_or(head.len());
    (len > 0).then(|| head[head.len() - len..].to_ascii_lowercase())
}

/// Writes a document's lost possessives with their apostrophe.
struct Repairer {
    /// The lost possessives (`Stalins`), found by one multi-pattern search per text.
    finder: AhoCorasick,
    apostrophe: char,
}

impl Repairer {
    fn new(lost: &Possessives) -> Option<Self> {
        if lost.words.is_empty() {
            return None;
        }
        // Building fails only past aho-corasick's size limits; then nothing is repaired.
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&lost.words)
            .ok()?;
        Some(Repairer {
            finder,
            apostrophe: lost.apostrophe,
        })
    }

    /// The text with its lost possessives written with an apostrophe, or `None` if it has
    /// none.
    fn repair(&self, text: &str) -> Option<String> {
        let plural_after = &lists().plural_after;
        let mut out: Option<String> = None;
        let mut copied = 0;
        for found in self.finder.find_iter(text) {
            let word = found.range();
            if !is_standalone(text, word.clone()) {
                continue;
            }
            // `the two Koreas`
            if previous_word(text, word.start).is_some_and(|w| plural_after.contains(&w)) {
                continue;
            }
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            let s_at = word.end - 1;
            out.push_str(&text[copied..s_at]);
            out.push(self.apostrophe);
            copied = s_at;
        }
        let mut out = out?;
        out.push_str(&text[copied..]);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn restored(texts: &[&str]) -> Vec<String> {
        let repairer = Repairer::new(&lost_possessives(&texts.join("\n")));
        texts
            .iter()
            .map(|t| {
                repairer
                    .as_ref()
                    .and_then(|r| r.repair(t))
                    .unwrap_or_else(|| t.to_string())
            })
            .collect()
    }

    #[test]
    fn the_lists_parse() {
        assert!(lists().plurals.contains("Soviets"));
    }

    #[test]
    fn names_owning_the_next_word_get_their_apostrophe() {
        // Literal thesis lines (chapter I, introduction).
        let out = restored(&[
            "There was no effective political structure in northern Korea before Stalins order on 20 September 1945.",
            "Kims journey to Moscow was a confidential project. This is because Stalins aim in the war was not to win.",
            "The Red Army and the army of the south. The Red Armys occupation.",
            "Stalin told Kim so. Moscows lack of preparation in terms of its policy towards Korea in 1945.",
        ]);
        assert_eq!(out[0], "There was no effective political structure in northern Korea before Stalin's order on 20 September 1945.");
        assert_eq!(out[1], "Kim's journey to Moscow was a confidential project. This is because Stalin's aim in the war was not to win.");
        assert_eq!(
            out[2],
            "The Red Army and the army of the south. The Red Army's occupation."
        );
        assert_eq!(out[3], "Stalin told Kim so. Moscow's lack of preparation in terms of its policy towards Korea in 1945.");
    }

    #[test]
    fn plurals_surnames_and_words_stay() {
        let out = restored(&[
            "Stalins order reached Korea. Kim and Stalin met.",
            "The Soviets had left Korea; the Koreans and Russians waited. Stalins aim was clear.",
            "Roberts to Bolte, June 1950. Robert Roberts as chief of KMAG. Stalins plan.",
            "The United States and the state. Stalins view of the two Koreas policy and Koreas future.",
            "Johns Hopkins University Press. John said. Stalins reply.",
            "See https://www.marxists.org/reference/archive/stalin/works/. Stalins words.",
        ]);
        assert!(out[0].starts_with("Stalin's order"));
        assert!(out[1].contains("The Soviets had") && out[1].contains("the Koreans and Russians"));
        assert!(out[2].starts_with("Roberts to Bolte") && out[2].contains("Roberts as chief"));
        assert!(out[3].contains("The United States") && out[3].contains("the two Koreas policy"));
        assert!(out[3].contains("and Korea's future"), "{}", out[3]);
        assert!(out[4].starts_with("Johns Hopkins"));
        // A lower-case `stalin` inside an address is no evidence against the name.
        assert!(out[5].contains("Stalin's words"));
    }

    #[test]
    fn a_text_that_kept_its_apostrophes_is_left_alone() {
        let texts = [
            "Stalin's order and Kim's journey and Mao's telegram, Moscow's plan, Shtykov's report.",
            "Stalins order.",
        ];
        assert_eq!(restored(&texts)[1], "Stalins order.");
    }

    #[test]
    fn the_apostrophe_is_the_one_the_text_keeps() {
        let out = restored(&["Stalin’s order. Kims journey. Maos telegram. Kim and Mao met."]);
        assert_eq!(
            out[0],
            "Stalin’s order. Kim’s journey. Mao’s telegram. Kim and Mao met."
        );
    }
}
