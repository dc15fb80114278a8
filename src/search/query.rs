//! What a search query says, parsed as fzf users expect: plain words (all required, any order),
//! `"exact phrase"`, `'word` (that word exactly), `!word` (notes without it), `doc:ID`,
//! `part:KEY`, `in:notes|body|all`, and dates in any written form (`30 Jan 1950`,
//! `January 30 1950`, `1950-01-30`, `Jan 1950`, `sept 1949`), found by the timeline's date
//! finder.

use crate::corpus::dates::{find_dates_with, PartialDate};

/// What a query searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scope {
    /// Footnotes and endnotes (the default).
    #[default]
    Notes,
    /// Body paragraphs.
    Body,
    All,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Notes => "notes",
            Scope::Body => "body",
            Scope::All => "all",
        }
    }

    pub fn parse(text: &str) -> Option<Scope> {
        match text {
            "notes" | "note" => Some(Scope::Notes),
            "body" | "text" => Some(Scope::Body),
            "all" => Some(Scope::All),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words: whole, prefix, typo or tight fuzzy matches count.
    pub words: Vec<String>,
    /// `'word`: only that word, whole.
    pub exact: Vec<String>,
    /// `"…"`: folded phrases, found as written (word boundaries at both ends).
    pub phrases: Vec<String>,
    /// `!word`: notes containing it are left out.
    pub excluded: Vec<String>,
    /// Dates, each to the precision written.
    pub dates: Vec<PartialDate>,
    pub doc: Option<String>,
    pub part: Option<String>,
    pub scope: Scope,
}

impl Query {
    pub fn parse(text: &str) -> Query {
        let mut q = Query::default();
        // Phrases first: quotes may hold spaces. An unclosed quote runs to the end (a phrase
        // being typed).
        let mut plain = String::new();
        let mut rest = text;
        while let Some(open) = rest.find('"') {
            plain.push_str(&rest[..open]);
            plain.push(' ');
            let after = &rest[open + 1..];
            let (phrase, next) = match after.find('"') {
                Some(close) => (&after[..close], &after[close + 1..]),
                None => (after, ""),
            };
            let folded = super::fold(phrase);
            let words: Vec<&str> = folded.split_whitespace().collect();
            if !words.is_empty() {
                q.phrases.push(words.join(" "));
            }
            rest = next;
        }
        plain.push_str(rest);
        let mut free: Vec<&str> = Vec::new();
        for word in plain.split_whitespace() {
            let lower = word.to_lowercase();
            if let Some(d) = lower.strip_prefix("doc:") {
                q.doc = (!d.is_empty()).then(|| d.to_string());
            } else if let Some(p) = lower.strip_prefix("part:") {
                q.part = (!p.is_empty()).then(|| p.to_string());
            } else if let Some(s) = lower.strip_prefix("in:") {
                if let Some(scope) = Scope::parse(s) {
                    q.scope = scope;
                }
            } else if let Some(w) = word.strip_prefix('\'') {
                q.exact.extend(pieces(w));
            } else if let Some(w) = word.strip_prefix('!') {
                let folded = super::fold(w);
                if !folded.is_empty() {
                    q.excluded.push(folded);
                }
            } else {
                free.push(word);
            }
        }
        let (dates, undated) = take_dates(&free);
        q.dates = dates;
        for word in undated {
            q.words.extend(pieces(word));
        }
        q
    }

    /// Whether the query asks for anything (an empty one lists every note in order).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.exact.is_empty()
            && self.phrases.is_empty()
            && self.excluded.is_empty()
            && self.dates.is_empty()
    }
}

/// A word's folded pieces: `NSC-68` finds `NSC 68`, `Il-sung` finds `Il Sung`.
fn pieces(word: &str) -> Vec<String> {
    super::fold(word)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// The dates among the words (day or month precision; a bare year stays a word), and the words
/// that are not part of one.
fn take_dates<'w>(words: &[&'w str]) -> (Vec<PartialDate>, Vec<&'w str>) {
    let mut dates = Vec::new();
    let mut used = vec![false; words.len()];
    for (i, w) in words.iter().enumerate() {
        if let Some(date) = iso_date(w) {
            dates.push(date);
            used[i] = true;
        }
    }
    // The date finder reads running text: months capitalised, as printed. Each word is
    // written at a known char offset so a date's span maps back to the words it covers.
    let mut text = String::new();
    let mut starts = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        starts.push(text.chars().count());
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            text.extend(first.to_uppercase());
            text.push_str(chars.as_str());
        }
    }
    for mention in find_dates_with(&text, false, None) {
        if mention.date.month.is_none() {
            continue;
        }
        let covered: Vec<usize> = (0..words.len())
            .filter(|&i| starts[i] >= mention.start && starts[i] < mention.stop)
            .collect();
        if covered.iter().any(|&i| used[i]) {
            continue;
        }
        for i in covered {
            used[i] = true;
        }
        dates.push(mention.date);
    }
    let rest = words
        .iter()
        .zip(&used)
        .filter(|(_, &u)| !u)
        .map(|(w, _)| *w)
        .collect();
    (dates, rest)
}

/// `1950-01-30` or `1950-01`.
fn iso_date(word: &str) -> Option<PartialDate> {
    let mut parts = word.split('-');
    let year: i32 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let month: u32 = parts.next().filter(|m| m.len() == 2)?.parse().ok()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    match parts.next() {
        None => Some(PartialDate::month(year, month)),
        Some(d) if d.len() == 2 && parts.next().is_none() => {
            let day: u32 = d.parse().ok()?;
            (1..=31)
                .contains(&day)
                .then(|| PartialDate::day(year, month, day))
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_filters_and_scope() {
        let q = Query::parse("Vyshinsky  doc:Thesis Shtykov part:IV in:body");
        assert_eq!(q.words, vec!["vyshinsky", "shtykov"]);
        assert_eq!(q.doc.as_deref(), Some("thesis"));
        assert_eq!(q.part.as_deref(), Some("iv"));
        assert_eq!(q.scope, Scope::Body);
        assert_eq!(Query::parse("NSC-68").words, vec!["nsc", "68"]);
        assert_eq!(Query::parse("Kim Il-sung").words, vec!["kim", "il", "sung"]);
        assert_eq!(Query::parse("in:all").scope, Scope::All);
    }

    #[test]
    fn phrases_exact_and_excluded_words() {
        let q = Query::parse("\"Shtykov to  Vyshinsky\" 'FRUS !Ibid 1949");
        assert_eq!(q.phrases, vec!["shtykov to vyshinsky"]);
        assert_eq!(q.exact, vec!["frus"]);
        assert_eq!(q.excluded, vec!["ibid"]);
        assert_eq!(q.words, vec!["1949"]);
        // A phrase being typed: the quote is not part of any word.
        assert_eq!(Query::parse("\"Vyshinsky").phrases, vec!["vyshinsky"]);
        assert!(Query::parse("\"Vyshinsky").words.is_empty());
    }

    #[test]
    fn dates_in_every_form() {
        let day = PartialDate::day(1950, 1, 30);
        for text in [
            "30 Jan 1950",
            "January 30, 1950",
            "january 30 1950",
            "1950-01-30",
        ] {
            let q = Query::parse(&format!("Stalin {text}"));
            assert_eq!(q.dates, vec![day], "{text}");
            assert_eq!(q.words, vec!["stalin"], "{text}");
        }
        assert_eq!(
            Query::parse("Jan 1950").dates,
            vec![PartialDate::month(1950, 1)]
        );
        assert_eq!(
            Query::parse("sept 1949").dates,
            vec![PartialDate::month(1949, 9)]
        );
        assert_eq!(
            Query::parse("1949-09").dates,
            vec![PartialDate::month(1949, 9)]
        );
        // A year alone is a word: it is matched as written.
        let q = Query::parse("FRUS 1949");
        assert!(q.dates.is_empty());
        assert_eq!(q.words, vec!["frus", "1949"]);
    }
}
