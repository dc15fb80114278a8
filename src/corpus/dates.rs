//! Finding dates in clean text: `June 25, 1950`, `25 June 1950`, `30 Jan 1950`, `December
//! 1945`, `in 1949`, `late June 1949`, `June 24-25, 1950`, `between 11 September 1945 and 2
//! October 1945`, and dates written without a year (`On June 27`, `the next day`) where the
//! paragraph gives the year. Numbers that are not dates (page ranges, `25th Army`, years of
//! publication in citations) are left alone. Knows nothing of documents or the UI.

use std::fmt;

use super::months::month_of;

/// A calendar date to the precision the text gives it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// `word` with its first letter a capital, as the date finder reads months in running text
/// (`june` → `June`; `may` is also a verb): for dates a user typed in any case.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn day(year: i32, month: u32, day: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// A date typed whole, as a historian types it: `1950-06-25`, `25 june 1950`, `January 30,
    /// 1950`, `Jan 1950`, `1949`, in any case; `None` for anything else (a range too).
    pub fn typed(text: &str) -> Option<Self> {
        let text = text.trim();
        PartialDate::in_figures(text).or_else(|| {
            let text: Vec<String> = text.split(' ').map(capitalised).collect();
            let text = text.join(" ");
            match find_dates_with(&text, true, None).as_slice() {
                [m] if m.bytes == (0..text.len()) && m.end.is_none() => Some(m.date),
                _ => None,
            }
        })
    }

    /// Whether `self` falls within `span` at `span`'s precision or finer: 1950-01-30 is of
    /// January 1950; January 1950 is not of 30 January.
    pub fn is_of(self, span: PartialDate) -> bool {
        self.precision() >= span.precision() && self >= span && self <= span.last_day()
    }

    /// 0 for a year, 1 for a month, 2 for a day: how finely the date is known.
    pub fn precision(self) -> u8 {
        u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }

    /// The date's last day (`1953` → 1953-12-31), for comparing with dates to the day (a
    /// missing month or day sorts before any given one). Months end on the 31st here: only
    /// the order matters.
    pub fn last_day(self) -> Self {
        PartialDate {
            year: self.year,
            month: Some(self.month.unwrap_or(12)),
            day: Some(self.day.unwrap_or(31)),
        }
    }

    /// A day in figures, year first or last as it is typed: see `year_first` and `day_first`.
    pub fn in_figures(s: &str) -> Option<Self> {
        PartialDate::year_first(s).or_else(|| PartialDate::day_first(s))
    }

    /// A day typed in figures with the year last: day first with full stops or hyphens, as
    /// Russian and most of Europe write it (`14.09.1949`, `3.9.1949`, `14-9-1949`); with
    /// slashes only where one number cannot be a month (`14/09/1949`, `9/14/1949`), as `3/9/1949`
    /// is the 3rd of September to some and the 9th of March to others.
    pub fn day_first(s: &str) -> Option<Self> {
        let s = s.trim_end_matches('.');
        let separator = s.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
        let fields: Vec<&str> = s.split(separator).collect();
        let [first, second, year] = fields[..] else {
            return None;
        };
        let small = |f: &str| (1..=2).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit());
        if !small(first) || !small(second) || year.len() != 4 {
            return None;
        }
        let (a, b) = (first.parse::<u32>().ok()?, second.parse::<u32>().ok()?);
        let (day, month) = match separator {
            '/' if a > 12 && b <= 12 => (a, b),
            '/' if b > 12 && a <= 12 => (b, a),
            '/' => return None,
            _ => (a, b),
        };
        PartialDate::from_iso(&format!("{year}-{month:02}-{day:02}")).filter(|d| d.day.is_some())
    }

    /// A date typed year first in figures, as ISO writes it or with full stops or slashes
    /// (`1949-03-05`, `1949.3.5`, `1949. 3. 5.` as Korean writes it, `1949/03/05`). Only year
    /// first: `5/3/1949` is the 5th of March to some and the 3rd of May to others.
    pub fn year_first(s: &str) -> Option<Self> {
        if !s.contains(['.', '/']) {
            return PartialDate::from_iso(s);
        }
        let iso: String = s
            .trim_end_matches('.')
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if matches!(c, '.' | '/') { '-' } else { c })
            .collect();
        PartialDate::from_iso(&iso)
    }

    /// `1950`, `1950-06` or `1950-06-25`, as `Display` writes them; `None` for anything else,
    /// a month past 12 or a day its month has not.
    pub fn from_iso(s: &str) -> Option<Self> {
        let mut fields = s.split('-');
        let number = |f: &str| {
            (!f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
                .then(|| f.parse::<u32>().ok())
                .flatten()
        };
        let year = fields.next().filter(|y| y.len() == 4).and_then(number)?;
        let month = fields
            .next()
            .map(|m| number(m).filter(|m| (1..=12).contains(m)));
        let day = fields.next().map(number);
        if fields.next().is_some() {
            return None;
        }
        let year = i32::try_from(year).ok()?;
        match (month, day) {
            (None, _) => Some(PartialDate::year(year)),
            (Some(month), None) => Some(PartialDate::month(year, month?)),
            (Some(month), Some(day)) => {
                let (month, day) = (month?, day?);
                (1..=days_in_month(year, month))
                    .contains(&day)
                    .then(|| PartialDate::day(year, month, day))
            }
        }
    }

    /// A number in the dates' order, for sorting many: a missing month or day before any
    /// given one. (Months and days past 65534, which no calendar has, share a key.)
    pub fn sort_key(self) -> u64 {
        let part = |n: Option<u32>| n.map_or(0, |n| u64::from(n.min(0xfffe)) + 1);
        let year = (i64::from(self.year) - i64::from(i32::MIN)) as u64;
        (year << 32) | (part(self.month) << 16) | part(self.day)
    }

    /// `days` days later (only for day-precise dates).
    pub fn plus_days(self, days: u32) -> Option<PartialDate> {
        (0..days).try_fold(self, |d, _| d.next_day())
    }

    /// The day after (only for day-precise dates).
    fn next_day(self) -> Option<PartialDate> {
        let (m, d) = (self.month?, self.day?);
        let length = days_in_month(self.year, m);
        Some(if d < length {
            PartialDate::day(self.year, m, d + 1)
        } else if m < 12 {
            PartialDate::day(self.year, m + 1, 1)
        } else {
            PartialDate::day(self.year + 1, 1, 1)
        })
    }
}

impl fmt::Display for PartialDate {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: written to its precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// What the text says of a date beyond the date itself: a part of it (`early`, `the spring
/// of`, `the end of`, `the second half of`) or a bound (`by`, `after`, `until`, `before`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    Early,
    Mid,
    Late,
    Beginning,
    End,
    FirstHalf,
    SecondHalf,
    Spring,
    Summer,
    Autumn,
    Winter,
    By,
    After,
    Until,
    Before,
}

impl Qualifier {
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Early => "early",
            Qualifier::Mid => "mid",
            Qualifier::Late => "late",
            Qualifier::Beginning => "beginning",
            Qualifier::End => "end",
            Qualifier::FirstHalf => "first-half",
            Qualifier::SecondHalf => "second-half",
            Qualifier::Spring => "spring",
            Qualifier::Summer => "summer",
            Qualifier::Autumn => "autumn",
            Qualifier::Winter => "winter",
            Qualifier::By => "by",
            Qualifier::After => "after",
            Qualifier::Until => "until",
            Qualifier::Before => "before",
        }
    }
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub date: PartialDate,
    /// The last day of a range (`June 24-25, 1950`, `between … and …`).
    pub end: Option<PartialDate>,
    pub qualifier: Option<Qualifier>,
    /// Char offsets of the date's words in the text.
    pub start: usize,
    pub stop: usize,
    /// The same span in bytes.
    pub bytes: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    text: &'t str,
    kind: Kind,
    /// Char offsets.
    start: usize,
    stop: usize,
}

/// The tokens of the parts of `text` a date can be in: around every number, and around `next
/// day` / `following day`. Tokenizing only there skips most prose. Windows are kept apart by a
/// `|` token so no pattern spans two of them.
/// `None` when the text cannot hold a date: no four-digit number, and no number at all or no
/// year carried in from before.
fn tokenize_windows(text: &str, carry: Option<i32>) -> Option<Vec<Token<'_>>> {
    // Enough for `between`, `early`, a month name or `the` before a number, and a month name
    // and year after it; windows are then widened to whole words.
    const BEFORE: usize = 24;
    const AFTER: usize = 40;
    let bytes = text.as_bytes();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut has_year_digits = false;
    let mut push = |start: usize, end: usize| match windows.last_mut() {
        Some(last) if start <= last.1 => last.1 = last.1.max(end),
        _ => windows.push((start, end)),
    };
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            has_year_digits |= i - start == 4;
            push(start.saturating_sub(BEFORE), (i + AFTER).min(bytes.len()));
        } else if bytes[i] == b'd'
            && bytes[i..].starts_with(b"day")
            && (bytes[..i].ends_with(b"next ") || bytes[..i].ends_with(b"following "))
        {
            push(i.saturating_sub(BEFORE), (i + 3).min(bytes.len()));
            i += 1;
        } else {
            i += 1;
        }
    }
    // Every date has a four-digit year or takes one from its context.
    if !has_year_digits && (carry.is_none() || windows.is_empty()) {
        return None;
    }
    let mut tokens = Vec::with_capacity(text.len() / 6);
    // Char offset of byte `counted_to`, advanced window by window.
    let (mut counted_to, mut chars) = (0, 0);
    let mut previous_end = 0;
    for (start, end) in windows {
        // Widen to whole words; whitespace is ASCII, so these are char boundaries.
        let (mut start, mut end) = (start, end);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let mut start = text[..start]
            .rfind(|c: char| c.is_ascii_whitespace())
            .map_or(0, |p| p + 1);
        let end = text[end..]
            .find(|c: char| c.is_ascii_whitespace())
            .map_or(text.len(), |p| end + p);
        if start < previous_end {
            start = previous_end;
        } else if !tokens.is_empty() {
            tokens.push(Token {
                text: "|",
                kind: Kind::Punct,
                start: chars,
                stop: chars,
            });
        }
        if start >= end {
            continue;
        }
        chars += text[counted_to..start].chars().count();
        counted_to = start;
        tokenize_into(&text[start..end], chars, &mut tokens);
        previous_end = end;
    }
    Some(tokens)
}

/// Appends the tokens of `text` to `tokens`, char offsets counted from `base`.
fn tokenize_into<'t>(text: &'t str, base: usize, tokens: &mut Vec<Token<'t>>) {
    // A byte loop with a char counter: the text is mostly ASCII, and offsets are in chars.
    let bytes = text.as_bytes();
    let char_at = |i: usize| -> (char, usize) {
        if bytes[i] < 0x80 {
            (bytes[i] as char, 1)
        } else {
            text[i..]
                .chars()
                .next()
                .map_or((' ', 1), |c| (c, c.len_utf8()))
        }
    };
    let (mut i, mut ci) = (0, base);
    while i < bytes.len() {
        let (c, len) = char_at(i);
        if c.is_whitespace() {
            i += len;
            ci += 1;
            continue;
        }
        let (start, start_c) = (i, ci);
        i += len;
        ci += 1;
        let mut kind = if c.is_ascii_digit() {
            Kind::Number
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            Kind::Punct
        };
        if kind != Kind::Punct {
            // `25th` is a word (an ordinal), not a number followed by a word.
            while i < bytes.len() {
                let (n, nlen) = char_at(i);
                if n.is_ascii_digit() {
                } else if n.is_alphabetic() {
                    kind = Kind::Word;
                } else {
                    break;
                }
                i += nlen;
                ci += 1;
            }
        }
        tokens.push(Token {
            text: &text[start..i],
            kind,
            start: start_c,
            stop: ci,
        });
    }
}

fn day_of(token: &Token) -> Option<u32> {
    let digits = match token.kind {
        Kind::Number => token.text,
        // Ordinals: `25th`, `1st`.
        Kind::Word => ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| token.text.strip_suffix(s))
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))?,
        Kind::Punct => return None,
    };
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn year_of(token: &Token) -> Option<i32> {
    if token.kind != Kind::Number || token.text.len() != 4 {
        return None;
    }
    let year: i32 = token.text.parse().ok()?;
    (1800..=2100).contains(&year).then_some(year)
}

/// Every date in `text`, in order.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    find_dates_with(text, true, None)
}

/// Whether `text` has four digits in a row: a year written, or none.
pub fn has_year(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

/// [`find_dates`]; without `bare_years`, only dates with a month count (for citations, where a
/// year alone is mostly a year of publication or a volume's year). `carry` is the year the
/// narrative was in before this text (the last dated month of the paragraph before), for
/// dates written without a year.
pub fn find_dates_with(text: &str, bare_years: bool, carry: Option<i32>) -> Vec<DateMention> {
    let Some(tokens) = tokenize_windows(text, carry) else {
        return Vec::new();
    };
    let mut found: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match match_at(&tokens, i, &found, carry) {
            Some((mention, next)) => {
                let listed = listed_days(&tokens, &mention, next);
                found.push(mention);
                i = match listed {
                    Some((days, after)) => {
                        found.extend(days);
                        after
                    }
                    None => next,
                };
            }
            None => i += 1,
        }
    }
    let mut found = merge_between_ranges(&tokens, found);
    if !bare_years {
        found.retain(|m| m.date.month.is_some());
    }
    fill_byte_spans(text, &mut found);
    found
}

/// Sets each mention's byte span from its char span, in one walk over the text.
fn fill_byte_spans(text: &str, mentions: &mut [DateMention]) {
    let mut wanted: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.stop]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut bytes = Vec::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        while next.next_if(|&&w| w == ci).is_some() {
            bytes.push(bi);
        }
        if next.peek().is_none() {
            break;
        }
    }
    bytes.resize(wanted.len(), text.len());
    let byte_of = |c: usize| wanted.binary_search(&c).map_or(text.len(), |i| bytes[i]);
    for m in mentions {
        m.bytes = byte_of(m.start)..byte_of(m.stop);
    }
}

/// The token after `i` if it is the punctuation `p`.
fn is_punct(tokens: &[Token], i: usize, p: &str) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.kind == Kind::Punct && t.text == p)
}

fn word_is<W: AsRef<str>>(tokens: &[Token], i: usize, words: &[W]) -> bool {
    tokens.get(i).is_some_and(|t| {
        t.kind == Kind::Word
            && words
                .iter()
                .any(|w| t.text.eq_ignore_ascii_case(w.as_ref()))
    })
}

/// English words around a date, from `corpus/date_words.toml`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DateWords {
    /// `the spring of 1950`: the part of a date named before `of`.
    parts_of: Vec<QualifierWord>,
    /// `the second half of 1945`.
    halves: Vec<QualifierWord>,
    /// `early June 1950`, `by 1949`: a word just before the date.
    before: Vec<QualifierWord>,
    /// Words after which a bare year is a point in time, not a citation's year of publication.
    year_triggers: Vec<String>,
    /// `the next day`, `the following day`: the word before `day`.
    next_day: Vec<String>,
    /// `two days after`: counts of days written out.
    day_counts: Vec<DayCount>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DayCount {
    word: String,
    days: u32,
}

/// How many days a count written out before `day`/`days` says (`a`, `two`), any case; a
/// figure (`3`) as itself.
pub fn day_count(word: &str) -> Option<u32> {
    date_words()
        .day_counts
        .iter()
        .find(|c| c.word.eq_ignore_ascii_case(word))
        .map(|c| c.days)
        .or_else(|| word.parse().ok())
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifierWord {
    word: String,
    qualifier: Qualifier,
}

const DATE_WORDS_TOML: &str = include_str!("../../corpus/date_words.toml");

fn date_words() -> &'static DateWords {
    static WORDS: std::sync::OnceLock<DateWords> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        // Embedded in the binary and checked by the tests: it cannot fail at run time.
        toml::from_str(DATE_WORDS_TOML).expect("corpus/date_words.toml parses")
    })
}

fn qualifier_in(table: &[QualifierWord], word: &str) -> Option<Qualifier> {
    table
        .iter()
        .find(|w| w.word.eq_ignore_ascii_case(word))
        .map(|w| w.qualifier)
}

/// Whether `word` names a season (`Summer`, `fall`): a journal issue's season in a citation.
pub fn is_season(word: &str) -> bool {
    matches!(
        qualifier_in(&date_words().parts_of, word),
        Some(Qualifier::Spring | Qualifier::Summer | Qualifier::Autumn | Qualifier::Winter)
    )
}

/// Whether a date with a month can begin with `word` (the text's first run of letters or
/// digits): a number, a month, or a word read as part of the date. A cheap test before the
/// finder, for callers asking whether a text starts with a date.
pub fn may_open_date(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        || crate::corpus::months::month_of_any_case(word).is_some()
        || qualifier_words_by_len()
            .get(word.len())
            .is_some_and(|words| words.iter().any(|w| w.eq_ignore_ascii_case(word)))
}

/// Every qualifier word, by its length in bytes: [`may_open_date`] is asked of the first
/// word of most parts of every citation, and most words are no qualifier's length.
fn qualifier_words_by_len() -> &'static [Vec<&'static str>] {
    static BY_LEN: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    BY_LEN.get_or_init(|| {
        let words = date_words();
        let mut by_len: Vec<Vec<&'static str>> = Vec::new();
        for w in words
            .parts_of
            .iter()
            .chain(&words.halves)
            .chain(&words.before)
        {
            if by_len.len() <= w.word.len() {
                by_len.resize_with(w.word.len() + 1, Vec::new);
            }
            by_len[w.word.len()].push(w.word.as_str());
        }
        by_len
    })
}

/// A qualifier just before token `i` (`late June`, `mid-June`, `in early 1949`).
fn qualifier_before(tokens: &[Token], i: usize) -> Option<(Qualifier, usize)> {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.text);
    // `the spring of 1950`, `the end of 1945`, `the second half of 1945`.
    if i >= 2 && word(i - 1).eq_ignore_ascii_case("of") {
        let part = word(i - 2);
        let q = if part.eq_ignore_ascii_case("half") && i >= 3 {
            qualifier_in(&date_words().halves, word(i - 3))
        } else {
            qualifier_in(&date_words().parts_of, part)
        };
        if let Some(q) = q {
            let first = if matches!(q, Qualifier::FirstHalf | Qualifier::SecondHalf) {
                i - 3
            } else {
                i - 2
            };
            return Some((q, tokens[first].start));
        }
    }
    let (q_index, before) = if i >= 2 && is_punct(tokens, i - 1, "-") {
        (i - 2, i - 2)
    } else if i >= 1 {
        (i - 1, i - 1)
    } else {
        return None;
    };
    let q = qualifier_in(&date_words().before, word(q_index))?;
    Some((q, tokens[before].start))
}

/// A day, or a day range `24-25`, at `i`: (first day, last day, index after).
fn days_at(tokens: &[Token], i: usize) -> Option<(u32, Option<u32>, usize)> {
    let first = day_of(tokens.get(i)?)?;
    if is_punct(tokens, i + 1, "-") || is_punct(tokens, i + 1, "–") {
        if let Some(last) = tokens.get(i + 2).and_then(day_of) {
            if last > first {
                return Some((first, Some(last), i + 3));
            }
        }
    }
    Some((first, None, i + 1))
}

/// The month word at `i` (and a following abbreviation dot): (month, index after).
fn month_at(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    let m = month_of(t.text)?;
    let next = if is_punct(tokens, i + 1, ".") && t.text.len() <= 4 {
        i + 2
    } else {
        i + 1
    };
    Some((m, next))
}

fn match_at(
    tokens: &[Token],
    i: usize,
    earlier: &[DateMention],
    carry: Option<i32>,
) -> Option<(DateMention, usize)> {
    let t = &tokens[i];
    // Every form starts with a month, a number or `next`/`following`.
    let may_start = match t.kind {
        Kind::Number => true,
        Kind::Word => {
            t.text
                .starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
                || t.text.eq_ignore_ascii_case("next")
                || t.text.eq_ignore_ascii_case("following")
        }
        Kind::Punct => false,
    };
    if !may_start {
        return None;
    }
    let qualifier = qualifier_before(tokens, i);
    let start = qualifier.map_or(t.start, |q| q.1);
    let qualifier = qualifier.map(|q| q.0);
    let mention = |date, end, stop| DateMention {
        date,
        end,
        qualifier,
        start,
        stop,
        bytes: 0..0,
    };
    // Month first: `June 25, 1950`, `June 24-25, 1950`, `December 1945`, `June 27`, and a
    // range of months of one year, `March and May 1946`, `May to October 1947`, `Jan-July
    // 1947` (the first month, the last as its end).
    if let Some((month, after_month)) = month_at(tokens, i) {
        let joined = tokens
            .get(after_month)
            .is_some_and(|t| matches!(t.text, "and" | "to" | "until" | "through" | "-" | "–"));
        if joined {
            if let Some((last, after_last)) = month_at(tokens, after_month + 1) {
                if let Some(year) = tokens.get(after_last).and_then(year_of) {
                    // `May and November 1947` are two months, not the months between; `between
                    // March and May`, `April and May`, `May to October` are a span.
                    let two = tokens[after_month].text == "and"
                        && last != month + 1
                        && !i
                            .checked_sub(1)
                            .is_some_and(|b| tokens[b].text.eq_ignore_ascii_case("between"));
                    if two {
                        let first = PartialDate::month(year, month);
                        return Some((mention(first, None, tokens[i].stop), after_month));
                    }
                    if last > month {
                        let stop = tokens[after_last].stop;
                        let end = Some(PartialDate::month(year, last));
                        return Some((
                            mention(PartialDate::month(year, month), end, stop),
                            after_last + 1,
                        ));
                    }
                }
            }
        }
        if let Some(year) = tokens.get(after_month).and_then(year_of) {
            let stop = tokens[after_month].stop;
            return Some((
                mention(PartialDate::month(year, month), None, stop),
                after_month + 1,
            ));
        }
        if let Some((day, last, after_days)) = days_at(tokens, after_month) {
            let mut j = after_days;
            if is_punct(tokens, j, ",") {
                j += 1;
            }
            if let Some(year) = tokens.get(j).and_then(year_of) {
                let end = last.map(|l| PartialDate::day(year, month, l));
                let stop = tokens[j].stop;
                return Some((
                    mention(PartialDate::day(year, month, day), end, stop),
                    j + 1,
                ));
            }
            // No year written: a four-digit number next is not a day's year, so this is a
            // month and day whose year the context must give.
            let stop = tokens[after_days - 1].stop;
            let year = context_year(tokens, i, earlier, carry)?;
            let end = last.map(|l| PartialDate::day(year, month, l));
            return Some((
                mention(PartialDate::day(year, month, day), end, stop),
                after_days,
            ));
        }
        return None;
    }
    // Day first: `25 June 1950`, `30 Jan 1950`, `24-25 June 1950`, `20 September`, and with
    // the day's ordinal dot, `4. Jan 1949`.
    if let Some((day, last, after_days)) = days_at(tokens, i) {
        let after_days =
            if is_punct(tokens, after_days, ".") && month_at(tokens, after_days + 1).is_some() {
                after_days + 1
            } else {
                after_days
            };
        let (month, after_month) = month_at(tokens, after_days)?;
        if let Some(year) = tokens.get(after_month).and_then(year_of) {
            let end = last.map(|l| PartialDate::day(year, month, l));
            let stop = tokens[after_month].stop;
            return Some((
                mention(PartialDate::day(year, month, day), end, stop),
                after_month + 1,
            ));
        }
        let year = context_year(tokens, i, earlier, carry)?;
        let end = last.map(|l| PartialDate::day(year, month, l));
        let stop = tokens[after_month - 1].stop;
        return Some((
            mention(PartialDate::day(year, month, day), end, stop),
            after_month,
        ));
    }
    // A bare year after a word that makes it a time: `in 1949`, `late 1949`, `from 1945 to
    // 1948`.
    if let Some(year) = year_of(t) {
        if i == 0 || !word_is(tokens, i - 1, &date_words().year_triggers) {
            return None;
        }
        // `1945-1980` after a trigger is a span of years; keep the first only if it ends soon.
        if (is_punct(tokens, i + 1, "-") || is_punct(tokens, i + 1, "–"))
            && tokens.get(i + 2).and_then(year_of).is_some()
        {
            let last = tokens.get(i + 2).and_then(year_of)?;
            if last <= year || last - year > 10 {
                return None;
            }
            let stop = tokens[i + 2].stop;
            return Some((
                mention(PartialDate::year(year), Some(PartialDate::year(last)), stop),
                i + 3,
            ));
        }
        return Some((mention(PartialDate::year(year), None, t.stop), i + 1));
    }
    // `the next day` / `the following day` after a day-precise date.
    if word_is(tokens, i, &date_words().next_day)
        && word_is(tokens, i + 1, &["day"])
        && i >= 1
        && word_is(tokens, i - 1, &["the"])
    {
        let previous = earlier.last()?;
        let date = previous.end.unwrap_or(previous.date).next_day()?;
        let mention = DateMention {
            date,
            end: None,
            qualifier: None,
            start: tokens[i - 1].start,
            stop: tokens[i + 1].stop,
            bytes: 0..0,
        };
        return Some((mention, i + 2));
    }
    None
}

/// `October 24 and 27, 1949`, `July 2, 5, and 7`: the days listed after a month and day
/// whose year is written after the list (or taken from context), each a date of that month.
/// `next` is the token after `first`. The list must close with `and` and its days rise, so
/// `June 25, 3 divisions` or `June 25, 1950, 14 …` list nothing. Returns the listed dates
/// and the index after the last day.
fn listed_days(
    tokens: &[Token],
    first: &DateMention,
    next: usize,
) -> Option<(Vec<DateMention>, usize)> {
    let (Some(month), Some(mut previous)) = (first.date.month, first.date.day) else {
        return None;
    };
    // Only right after the day itself (a year written in the date ends any list).
    let day_token = tokens.get(next.checked_sub(1)?)?;
    if first.end.is_some() || day_of(day_token) != Some(previous) || day_token.stop != first.stop {
        return None;
    }
    let mut days = Vec::new();
    let mut j = next;
    loop {
        let (joined_by_and, at) = if word_is(tokens, j, &["and"]) {
            (true, j + 1)
        } else if is_punct(tokens, j, ",") && word_is(tokens, j + 1, &["and"]) {
            (true, j + 2)
        } else if is_punct(tokens, j, ",") {
            (false, j + 1)
        } else {
            return None;
        };
        let day_token = tokens.get(at)?;
        let day = day_of(day_token).filter(|&d| d > previous)?;
        // A day followed by a month is a date of its own (`9 and 14 March`), not this list's.
        if month_at(tokens, at + 1).is_some() || year_of(day_token).is_some() {
            return None;
        }
        days.push(DateMention {
            date: PartialDate::day(first.date.year, month, day),
            end: None,
            qualifier: None,
            start: day_token.start,
            stop: day_token.stop,
            bytes: 0..0,
        });
        previous = day;
        j = at + 1;
        if joined_by_and {
            return Some((days, j));
        }
    }
}

/// The year a date written without one takes from its context, in this order: a year written
/// just after it in the same sentence (`June 27 and July 2, 1950`); the last date with a month
/// before it in the text (narratives run `On 30 June … On 1 July …`); the year the paragraph
/// before ended in; or the one year written earlier in the text, if every such year agrees.
fn context_year(
    tokens: &[Token],
    i: usize,
    earlier: &[DateMention],
    carry: Option<i32>,
) -> Option<i32> {
    for t in tokens.iter().skip(i + 1).take(12) {
        if t.kind == Kind::Punct && matches!(t.text, "." | ";" | "|") {
            break;
        }
        if let Some(y) = year_of(t) {
            return Some(y);
        }
    }
    if let Some(m) = earlier.iter().rev().find(|m| m.date.month.is_some()) {
        return Some(m.end.unwrap_or(m.date).year);
    }
    if carry.is_some() {
        return carry;
    }
    let mut years = tokens[..i]
        .iter()
        .filter_map(year_of)
        .chain(earlier.iter().map(|m| m.end.unwrap_or(m.date).year));
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// `between X and Y` (and `from X to Y`) with two dates becomes one range.
fn merge_between_ranges(tokens: &[Token], found: Vec<DateMention>) -> Vec<DateMention> {
    let starts_with = |m: &DateMention, words: &[&str]| {
        tokens
            .iter()
            .position(|t| t.start == m.start)
            .is_some_and(|i| i >= 1 && word_is(tokens, i - 1, words))
    };
    let mut out: Vec<DateMention> = Vec::with_capacity(found.len());
    let mut iter = found.into_iter().peekable();
    while let Some(m) = iter.next() {
        let opens = if starts_with(&m, &["between"]) {
            Some("and")
        } else if starts_with(&m, &["from"]) {
            Some("to")
        } else {
            None
        };
        if let Some(joiner) = opens.filter(|_| m.end.is_none()) {
            let closes = |next: &DateMention| {
                next.end.is_none() && starts_with(next, &[joiner]) && next.date > m.date
            };
            if let Some(next) = iter.next_if(closes) {
                out.push(DateMention {
                    end: Some(next.date),
                    stop: next.stop,
                    ..m
                });
                continue;
            }
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_qualifier_has_a_word_in_the_table() {
        use Qualifier::*;
        let words = date_words();
        let listed: Vec<Qualifier> = [&words.parts_of, &words.halves, &words.before]
            .iter()
            .flat_map(|table| table.iter().map(|w| w.qualifier))
            .collect();
        for q in [
            Early, Mid, Late, Beginning, End, FirstHalf, SecondHalf, Spring, Summer, Autumn,
            Winter, By, After, Until, Before,
        ] {
            assert!(listed.contains(&q), "{q:?}");
        }
        assert!(may_open_date("Early") && may_open_date("june") && may_open_date("12"));
        assert!(!may_open_date("Shtykov"));
    }

    /// A year, month and day, often equal to another's (years at both ends of the range too).
    fn any_date() -> impl proptest::strategy::Strategy<Value = (i32, Option<u32>, Option<u32>)> {
        use proptest::prelude::*;
        let year = prop_oneof![i32::MIN..i32::MIN + 2, 1949..1951, i32::MAX - 1..=i32::MAX];
        let part = || proptest::option::of(prop_oneof![0u32..3, 0xfffcu32..0xfffe]);
        (year, part(), part())
    }

    #[test]
    fn iso_dates_read_back_as_written() {
        for d in [
            PartialDate::year(1950),
            PartialDate::month(1950, 6),
            PartialDate::day(1950, 6, 25),
            PartialDate::day(1948, 2, 29),
        ] {
            assert_eq!(PartialDate::from_iso(&d.to_string()), Some(d));
        }
        for bad in [
            "195",
            "1950-13",
            "1950-02-30",
            "1949-02-29",
            "1950-06-1x",
            "1950-",
            "1950-06-25-1",
            "",
        ] {
            assert_eq!(PartialDate::from_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_date_typed_year_first_in_figures() {
        let day = Some(PartialDate::day(1949, 3, 5));
        for typed in [
            "1949-03-05",
            "1949-3-5",
            "1949.3.5",
            "1949. 3. 5.",
            "1949/03/05",
        ] {
            assert_eq!(PartialDate::year_first(typed), day, "{typed}");
        }
        assert_eq!(
            PartialDate::year_first("1949.3"),
            Some(PartialDate::month(1949, 3))
        );
        // Day first or month first is a guess: not read.
        assert_eq!(PartialDate::year_first("5/3/1949"), None);
        assert_eq!(PartialDate::year_first("1949.13.5"), None);
    }

    #[test]
    fn a_day_typed_in_figures_year_last() {
        let day = Some(PartialDate::day(1949, 9, 14));
        for typed in [
            "14.09.1949",
            "14.9.1949",
            "14.9.1949.",
            "14-09-1949",
            "14/09/1949",
        ] {
            assert_eq!(PartialDate::day_first(typed), day, "{typed}");
            assert_eq!(PartialDate::in_figures(typed), day, "{typed}");
        }
        // Slashes month first, where the day says so.
        assert_eq!(PartialDate::day_first("9/14/1949"), day);
        // With full stops the day comes first; with slashes, two numbers of 12 or less are a
        // guess, not read.
        assert_eq!(
            PartialDate::day_first("3.9.1949"),
            Some(PartialDate::day(1949, 9, 3))
        );
        for refused in [
            "3/9/1949",
            "31.9.1949",
            "14.13.1949",
            "14.9.49",
            "1.2.3.1949",
            "9.1949",
        ] {
            assert_eq!(PartialDate::day_first(refused), None, "{refused}");
        }
        assert_eq!(PartialDate::typed("14.9.1949"), day);
    }

    #[test]
    fn a_date_typed_in_any_form_and_case() {
        let day = Some(PartialDate::day(1950, 1, 30));
        for typed in [
            "1950-01-30",
            "30 Jan 1950",
            "january 30, 1950",
            "30 JANUARY 1950",
        ] {
            assert_eq!(PartialDate::typed(typed), day, "{typed}");
        }
        assert_eq!(
            PartialDate::typed("may 1950"),
            Some(PartialDate::month(1950, 5))
        );
        assert_eq!(PartialDate::typed("1949"), Some(PartialDate::year(1949)));
        for not in [
            "Shtykov",
            "fond 45",
            "June 24-25, 1950",
            "march",
            "30 Jan 1950 Stalin",
        ] {
            assert_eq!(PartialDate::typed(not), None, "{not}");
        }
        let jan = PartialDate::month(1950, 1);
        assert!(PartialDate::day(1950, 1, 30).is_of(jan));
        assert!(jan.is_of(jan));
        assert!(!jan.is_of(PartialDate::day(1950, 1, 30)));
        assert!(!PartialDate::day(1950, 2, 1).is_of(jan));
        assert!(!PartialDate::year(1950).is_of(jan));
    }

    proptest::proptest! {
        #[test]
        fn sort_keys_order_as_dates(a in any_date(), b in any_date()) {
            let date = |(year, month, day)| PartialDate { year, month, day };
            let (a, b) = (date(a), date(b));
            proptest::prop_assert_eq!(a.sort_key().cmp(&b.sort_key()), a.cmp(&b));
        }
    }

    #[test]
    fn only_words_a_date_can_open_with_pass_the_cheap_test() {
        for word in [
            "12", "4th", "June", "Sept", "JUNE", "early", "Mid", "spring", "second",
        ] {
            assert!(may_open_date(word), "{word}");
        }
        for word in ["Kim", "Shtykov", "Vol", "p", ""] {
            assert!(!may_open_date(word), "{word}");
        }
        // Everything the finder reads as starting a text passes it.
        for text in [
            "12 Aug 1946",
            "June 29, 1950",
            "early June 1950",
            "mid-June 1950",
        ] {
            let first = text.split(|c: char| !c.is_alphanumeric()).next().unwrap();
            assert_eq!(find_dates_with(text, false, None)[0].start, 0, "{text}");
            assert!(may_open_date(first), "{text}");
        }
    }

    fn dates(text: &str) -> Vec<String> {
        find_dates(text)
            .iter()
            .map(|m| {
                let mut s = m.date.to_string();
                if let Some(e) = m.end {
                    s += &format!("..{e}");
                }
                if let Some(q) = m.qualifier {
                    s = format!("{} {s}", q.name());
                }
                s
            })
            .collect()
    }

    #[test]
    fn month_day_year_and_day_month_year() {
        assert_eq!(dates("It began on June 25, 1950 at dawn."), ["1950-06-25"]);
        assert_eq!(dates("It began on 25 June 1950 at dawn."), ["1950-06-25"]);
        assert_eq!(dates("Pravda, 30 Jan 1950."), ["1950-01-30"]);
        assert_eq!(dates("Telegram of 25 Dec 1945."), ["1945-12-25"]);
        assert_eq!(
            dates("on Sept. 3, 1949 and Aug 14, 1949"),
            ["1949-09-03", "1949-08-14"]
        );
        // The thesis writes some days with their ordinal dot.
        assert_eq!(dates("Shtykovs diary, 4. Jan 1949."), ["1949-01-04"]);
        assert_eq!(dates("on 23. July 1950 the"), ["1950-07-23"]);
    }

    #[test]
    fn seasons_parts_of_a_year_and_bounds_are_kept() {
        assert_eq!(dates("in the spring of 1950 the"), ["spring 1950"]);
        assert_eq!(dates("in the summer of 1947 the"), ["summer 1947"]);
        assert_eq!(dates("by the end of 1945 the"), ["end 1945"]);
        assert_eq!(
            dates("in the second half of 1945 the"),
            ["second-half 1945"]
        );
        assert_eq!(dates("by 1947 the"), ["by 1947"]);
        assert_eq!(dates("after 1948 the"), ["after 1948"]);
        assert_eq!(dates("until 1949 the"), ["until 1949"]);
        assert_eq!(dates("in late June 1949"), ["late 1949-06"]);
    }

    #[test]
    fn ranges_of_months_keep_their_first_month() {
        assert_eq!(
            dates("between March and May 1946 the"),
            ["1946-03..1946-05"]
        );
        assert_eq!(dates("from May to October 1947 the"), ["1947-05..1947-10"]);
        assert_eq!(dates("in Jan-July 1947 the"), ["1947-01..1947-07"]);
        assert_eq!(dates("in April and May 1949 the"), ["1949-04..1949-05"]);
        assert_eq!(dates("in May and November 1947."), ["1947-05", "1947-11"]);
        assert_eq!(
            dates("from June 1948 to May 1949 the"),
            ["1948-06..1949-05"]
        );
    }

    #[test]
    fn months_and_years() {
        assert_eq!(dates("the Moscow conference in December 1945"), ["1945-12"]);
        assert_eq!(dates("a border clash in 1949"), ["1949"]);
        assert_eq!(
            dates("in late June 1949 and early May 1950"),
            ["late 1949-06", "early 1950-05"]
        );
        assert_eq!(dates("by mid-August 1945"), ["mid 1945-08"]);
    }

    #[test]
    fn ranges() {
        assert_eq!(
            dates("in the night of June 24-25, 1950"),
            ["1950-06-24..1950-06-25"]
        );
        assert_eq!(
            dates("between 11 September 1945 and 2 October 1945 the council met"),
            ["1945-09-11..1945-10-02"]
        );
        assert_eq!(dates("from 1946 to 1948"), ["1946..1948"]);
    }

    #[test]
    fn days_listed_after_a_month_are_each_a_date() {
        // Literal article notes 60, 106 and 113.
        assert_eq!(
            dates("October 24 and 27, 1949, Soviet Documents."),
            ["1949-10-24", "1949-10-27"]
        );
        assert_eq!(
            dates("see February 4 and 9, March 9 and 14, 1950, Soviet Documents."),
            ["1950-02-04", "1950-02-09", "1950-03-09", "1950-03-14"]
        );
        let carried: Vec<String> =
            find_dates_with("See July 2, 5, and 7, Soviet Documents.", true, Some(1950))
                .iter()
                .map(|m| m.date.to_string())
                .collect();
        assert_eq!(carried, ["1950-07-02", "1950-07-05", "1950-07-07"]);
        // No list: a year written in the date, falling numbers, a list left open, a day that
        // has its own month.
        assert_eq!(
            dates("On June 25, 1950, 14 divisions crossed."),
            ["1950-06-25"]
        );
        assert_eq!(dates("On June 25, 1950 at 4, 3 divisions"), ["1950-06-25"]);
        assert_eq!(dates("On June 5, 10, 1950 it"), ["1950-06-05"]);
        assert_eq!(
            dates("June 5 and 12 May 1950"),
            ["1950-06-05", "1950-05-12"]
        );
    }

    #[test]
    fn times_of_day_line_breaks_and_page_artifacts_leave_the_date() {
        assert_eq!(
            dates("at 5 a. m. on August 4, 1949 the North"),
            ["1949-08-04"]
        );
        // The parser has joined the line break and dropped the superscript page number.
        assert_eq!(dates("on August 5, 1949, Kim"), ["1949-08-05"]);
    }

    #[test]
    fn dates_without_a_year_take_it_from_the_paragraph() {
        assert_eq!(
            dates(
                "On June 25, 1950 the war began. On June 27 Truman acted. The next day Seoul fell."
            ),
            ["1950-06-25", "1950-06-27", "1950-06-28"]
        );
        assert_eq!(
            dates("On 20 September Stalin ordered it, in 1945."),
            ["1945-09-20", "1945"]
        );
        assert!(dates("On June 27 Truman acted.").is_empty());
        // Two years before it: which one is meant is not clear, so no date.
        assert_eq!(
            dates("Talks of 1945 and 1950 failed. He was told on 28 January."),
            ["1945", "1950"]
        );
        // A narrative of days takes the year of the last dated month.
        assert_eq!(
            dates("In 1949 it was quiet. In June 1950 the war began. On 30 June bombing began. On 1 July troops left."),
            ["1949", "1950-06", "1950-06-30", "1950-07-01"]
        );
        // The paragraph before can carry the year.
        let carried: Vec<String> = find_dates_with("On 7 July the UN acted.", true, Some(1950))
            .iter()
            .map(|m| m.date.to_string())
            .collect();
        assert_eq!(carried, ["1950-07-07"]);
    }

    #[test]
    fn byte_spans_cover_the_written_date() {
        let text = "Le chargé wrote on 3 août… no: on August 4, 1949 at dawn.";
        let m = &find_dates(text)[0];
        assert_eq!(&text[m.bytes.clone()], "August 4, 1949");
    }

    #[test]
    fn numbers_that_are_not_dates() {
        assert!(dates("the 25th Army entered Pyongyang").is_empty());
        assert!(dates("pp. 1945-1950; vol. 7, p. 24").is_empty());
        assert!(dates("Korea 1945-1980: a history").is_empty());
        assert!(dates("Seoul: Nanam, 1989, p.244.").is_empty());
        assert!(dates("FRUS, 1949, vol. VII, p. 1046.").is_empty());
        assert!(dates("they may 12 times").is_empty());
        assert!(dates("in 1945-1980 the country changed").is_empty());
    }
}
