//! Fuzzy search over every note of the corpus: text folded for matching (case, diacritics,
//! quotes, apostrophes), words of the query matched independently and all required, as in fzf,
//! `doc:` and `part:` filters, ties broken by document order. Pure: no UI, no threads.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use unicode_normalization::UnicodeNormalization;

use crate::corpus::Corpus;

/// One searchable note: its folded text and where each folded char came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub doc: usize,
    pub note: usize,
    /// Folded note text, then (for `Ibid.`) a space and the folded text it repeats.
    folded: String,
    /// For each char of `folded`: the char index in the note text, or `None` past it.
    source: Vec<Option<usize>>,
    /// Which of a–z and 0–9 occur in `folded`: a word using any other cannot match.
    alphabet: u64,
}

/// The notes of a corpus, folded once.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub entries: Vec<Entry>,
    /// Per entry: document id and part key, lowercase, for filters.
    doc_ids: Vec<String>,
    part_keys: Vec<String>,
}

impl Index {
    pub fn new(corpus: &Corpus) -> Index {
        let mut index = Index::default();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (n, note) in doc.notes.iter().enumerate() {
                let (mut folded, mut source) = fold_with_source(&note.text);
                if let Some(target) = note.ibid_of {
                    // An `Ibid.` is found by the citation it stands for.
                    let (more, _) = fold_with_source(&doc.notes[target].text);
                    folded.push(' ');
                    folded.push_str(&more);
                    source.resize(folded.chars().count(), None);
                }
                index.entries.push(Entry {
                    doc: d,
                    note: n,
                    alphabet: alphabet(&folded),
                    folded,
                    source,
                });
                index.doc_ids.push(doc.meta.id.to_lowercase());
                index
                    .part_keys
                    .push(doc.parts[note.part].key.to_lowercase());
            }
        }
        index
    }
}

/// A bit per ASCII letter and digit present in `text`.
fn alphabet(text: &str) -> u64 {
    text.bytes().fold(0, |mask, b| mask | alphabet_bit(b))
}

fn alphabet_bit(b: u8) -> u64 {
    match b {
        b'a'..=b'z' => 1 << (b - b'a'),
        b'0'..=b'9' => 1 << (26 + b - b'0'),
        _ => 0,
    }
}

/// Whether `word`'s bytes occur in `text` in order: necessary for a fuzzy match, and far
/// cheaper to rule out than running the matcher.
fn is_subsequence(word: &str, text: &str) -> bool {
    let mut rest = text.as_bytes();
    for &b in word.as_bytes() {
        match rest.iter().position(|&t| t == b) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// The byte span of `text` from the end of the first in-order occurrence of `word`'s bytes
/// back to the latest start that still holds them all.
fn subsequence_span(word: &str, text: &str) -> Option<(usize, usize)> {
    let (w, t) = (word.as_bytes(), text.as_bytes());
    let mut i = 0;
    let mut end = None;
    for (pos, &b) in t.iter().enumerate() {
        if b == w[i] {
            i += 1;
            if i == w.len() {
                end = Some(pos + 1);
                break;
            }
        }
    }
    let end = end?;
    let mut j = w.len();
    let mut start = end;
    while j > 0 {
        start -= 1;
        if t[start] == w[j - 1] {
            j -= 1;
        }
    }
    // Both ends sit on ASCII bytes of the word, so they are char boundaries.
    Some((start, end))
}

/// Folds text for matching: lowercase, no diacritics, straight quotes, no apostrophes.
pub fn fold(text: &str) -> String {
    fold_with_source(text).0
}

/// [`fold`], and for each folded char the index of the char of `text` it came from.
fn fold_with_source(text: &str) -> (String, Vec<Option<usize>>) {
    let mut folded = String::with_capacity(text.len());
    let mut source = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        match c {
            '\'' | '’' | '‘' | 'ʼ' | '`' | '´' => continue,
            '“' | '”' | '„' => {
                folded.push('"');
                source.push(Some(i));
                continue;
            }
            _ => {}
        }
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
            source.push(Some(i));
            continue;
        }
        for d in std::iter::once(c).nfd() {
            if unicode_normalization::char::is_combining_mark(d) {
                continue;
            }
            for l in d.to_lowercase() {
                folded.push(l);
                source.push(Some(i));
            }
        }
    }
    (folded, source)
}

/// A parsed query: folded words to match, and filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    pub doc: Option<String>,
    pub part: Option<String>,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut q = Query::default();
        for word in text.split_whitespace() {
            let lower = word.to_lowercase();
            if let Some(d) = lower.strip_prefix("doc:").filter(|d| !d.is_empty()) {
                q.doc = Some(d.to_string());
            } else if let Some(p) = lower.strip_prefix("part:").filter(|p| !p.is_empty()) {
                q.part = Some(p.to_string());
            } else {
                // `NSC-68` finds `NSC 68` and `NSC-68`: the pieces are matched as words.
                for piece in fold(word).split('-').filter(|p| !p.is_empty()) {
                    q.words.push(piece.to_string());
                }
            }
        }
        q
    }

    /// Whether every note matching `self` also matches `other`'s predecessor `self`: true when
    /// `other` has the same filters and each of our words is a prefix of its word at that place.
    pub fn narrows(&self, other: &Query) -> bool {
        self.doc == other.doc
            && self.part == other.part
            && self.words.len() <= other.words.len()
            && self
                .words
                .iter()
                .zip(&other.words)
                .all(|(a, b)| b.starts_with(a.as_str()))
    }
}

/// How many notes a cancellable search scores between checks.
pub const CANCEL_CHECK: usize = 512;

/// A matching note and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Index::entries`].
    pub entry: usize,
    pub score: i64,
}

/// Ranks notes for queries; keeps the last result so a query that extends the previous one
/// only rescans its hits.
pub struct Searcher {
    matcher: SkimMatcherV2,
    last: Option<(Query, Vec<Hit>)>,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: SkimMatcherV2::default().ignore_case(),
            last: None,
        }
    }
}

impl Searcher {
    /// Forgets the last result, so the next search scores every note.
    pub fn reset(&mut self) {
        self.last = None;
    }

    /// Every note matching `query`, best first; ties in document order.
    pub fn search(&mut self, index: &Index, query: &Query) -> Vec<Hit> {
        self.search_unless(index, query, || false)
            .unwrap_or_default()
    }

    /// [`Searcher::search`] that gives up (returning `None`) as soon as `cancelled` says so;
    /// it is asked every [`CANCEL_CHECK`] notes.
    pub fn search_unless(
        &mut self,
        index: &Index,
        query: &Query,
        cancelled: impl Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        let candidates: Vec<usize> = match &self.last {
            Some((last, hits)) if last.narrows(query) => hits.iter().map(|h| h.entry).collect(),
            _ => (0..index.entries.len()).collect(),
        };
        let mut hits = Vec::new();
        for chunk in candidates.chunks(CANCEL_CHECK) {
            if cancelled() {
                return None;
            }
            hits.extend(chunk.iter().filter_map(|&e| {
                if !self.passes_filters(index, e, query) {
                    return None;
                }
                self.score(&index.entries[e], query)
                    .map(|score| Hit { entry: e, score })
            }));
        }
        // Equal scores keep document order.
        hits.sort_unstable_by_key(|h| (std::cmp::Reverse(h.score), h.entry));
        self.last = Some((query.clone(), hits.clone()));
        Some(hits)
    }

    fn passes_filters(&self, index: &Index, entry: usize, query: &Query) -> bool {
        query
            .doc
            .as_ref()
            .is_none_or(|d| index.doc_ids[entry] == *d)
            && query
                .part
                .as_ref()
                .is_none_or(|p| index.part_keys[entry] == *p)
    }

    fn score(&self, entry: &Entry, query: &Query) -> Option<i64> {
        let needed = query.words.iter().fold(0, |m, w| m | alphabet(w));
        if needed & !entry.alphabet != 0
            || !query.words.iter().all(|w| is_subsequence(w, &entry.folded))
        {
            return None;
        }
        let mut total = 0;
        for word in &query.words {
            let (scope, _, bonus) = scope(&entry.folded, word);
            total += self.matcher.fuzzy_match(scope, word)? + bonus;
        }
        // Words typed together that stand together in the note ("kim il sung").
        if query.words.len() > 1 && entry.folded.contains(&query.words.join(" ")) {
            total += 32 * query.words.len() as i64;
        }
        Some(total)
    }

    /// Char indices of the note text that the query's words matched, for highlighting. Only
    /// computed for the rows on screen: it costs more than scoring.
    pub fn matched_chars(&self, entry: &Entry, query: &Query) -> Vec<usize> {
        let mut chars: Vec<usize> = query
            .words
            .iter()
            .filter_map(|w| {
                let (scope, first_char, _) = scope(&entry.folded, w);
                let (_, idx) = self.matcher.fuzzy_indices(scope, w)?;
                Some(idx.into_iter().map(move |i| i + first_char))
            })
            .flatten()
            .filter_map(|i| entry.source.get(i).copied().flatten())
            .collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    }
}

/// Where to run the matcher for `word`, the char offset of that scope, and a bonus.
///
/// Skim scores a scattered match of a short word (`il` in `April`) nearly as high as the word
/// itself; a historian typing a name or a number means the word. So the word found whole, or at
/// a word start, earns a bonus in proportion to its length. And where the word occurs as
/// written, the matcher only needs to see that occurrence with a little context: its cost grows
/// with the text's length, and long notes would otherwise dominate every keystroke.
fn scope<'t>(folded: &'t str, word: &str) -> (&'t str, usize, i64) {
    let is_word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut best: Option<(i64, usize)> = None;
    for (at, _) in folded.match_indices(word) {
        let before = folded[..at].chars().next_back();
        let after = folded[at + word.len()..].chars().next();
        let class = match (is_word_char(before), is_word_char(after)) {
            (false, false) => 16,
            (false, true) => 8,
            _ => 4,
        };
        if best.is_none_or(|(b, _)| class > b) {
            best = Some((class, at));
        }
        if class == 16 {
            break;
        }
    }
    let Some((class, at)) = best else {
        // No literal occurrence: as fzf's v1 algorithm does, give the matcher the tightest span
        // the word's letters occur in (first found forwards, then shrunk backwards).
        return match subsequence_span(word, folded) {
            Some((start, end)) => (&folded[start..end], folded[..start].chars().count(), 0),
            None => (folded, 0, 0),
        };
    };
    const CONTEXT: usize = 8;
    let start = folded[..at]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let end = folded[at + word.len()..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(folded.len(), |(i, _)| at + word.len() + i);
    let first_char = folded[..start].chars().count();
    (
        &folded[start..end],
        first_char,
        class * word.chars().count() as i64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_handles_case_diacritics_quotes_and_apostrophes() {
        assert_eq!(fold("Chargé d’Affaires"), "charge daffaires");
        assert_eq!(fold("Stalin's “wedge”"), "stalins \"wedge\"");
        assert_eq!(
            fold("ŠTYKOV"),
            "štykov".nfd().filter(|c| c.is_ascii()).collect::<String>()
        );
    }

    #[test]
    fn folded_chars_map_back_to_the_note_text() {
        let (folded, source) = fold_with_source("Kim’s chargé");
        assert_eq!(folded, "kims charge");
        assert_eq!(source[3], Some(4), "the s after the dropped apostrophe");
        assert_eq!(source[10], Some(11), "the e of é");
    }

    #[test]
    fn subsequence_span_is_the_tightest_first_occurrence() {
        assert_eq!(subsequence_span("abc", "xa a b yc ab"), Some((3, 9)));
        assert_eq!(subsequence_span("abc", "acb"), None);
    }

    #[test]
    fn queries_split_words_and_filters() {
        let q = Query::parse("Vyshinsky  doc:Thesis Shtykov part:IV");
        assert_eq!(q.words, vec!["vyshinsky", "shtykov"]);
        assert_eq!(q.doc.as_deref(), Some("thesis"));
        assert_eq!(q.part.as_deref(), Some("iv"));
        assert_eq!(Query::parse("NSC-68").words, vec!["nsc", "68"]);
        assert!(Query::parse("shty").narrows(&Query::parse("shtyk")));
        assert!(Query::parse("shty").narrows(&Query::parse("shtyk fr")));
        assert!(!Query::parse("shty").narrows(&Query::parse("shty doc:thesis")));
        assert!(!Query::parse("shtyk").narrows(&Query::parse("shty")));
    }
}
