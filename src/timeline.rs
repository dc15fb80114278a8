//! The corpus's dated events: every date found in body paragraphs and notes, with the sentence
//! it comes from and where, in date order. Pure data for the CLI and the timeline pane.

use crate::corpus::dates::{find_dates_with, DateMention, PartialDate, Qualifier};
use crate::corpus::{sentence_at, sentence_spans, Corpus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Body,
    Note,
}

/// `S` is how its strings are held: owned, or (`&str`) read in place from a cache entry's bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Event<S = String> {
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub qualifier: Option<Qualifier>,
    pub doc: usize,
    pub part: usize,
    /// The paragraph holding the date; for a note, the paragraph that cites the note.
    pub paragraph: Option<usize>,
    /// For a date in a note: the note (index into the document's notes).
    pub note: Option<usize>,
    /// Char offset of the date in the paragraph or note text.
    pub offset: usize,
    pub origin: Origin,
    /// The sentence the date stands in.
    pub text: S,
    /// The date as written (`late June 1949`).
    pub written: S,
}

impl<S> Event<S> {
    /// `day`, `month`, `year` or `range`.
    /// The precision of the (first) date: a range of months is `month`, with its `end`.
    pub fn precision(&self) -> &'static str {
        if self.date.day.is_some() {
            "day"
        } else if self.date.month.is_some() {
            "month"
        } else {
            "year"
        }
    }

    /// Whether the event starts within `from..=to`, each bound taken at its precision (`to` =
    /// 1953 runs to the end of 1953). A span that only ends inside (`between 1942 and 1945`)
    /// lies mostly outside and is left out.
    pub fn within(&self, from: PartialDate, to: PartialDate) -> bool {
        // A missing month or day sorts before any given one: right for `from`, so only `to`
        // needs filling out to its last day.
        self.date >= from && self.date <= to.last_day()
    }

    /// Whether the event falls on `date` (a year, month or day), or spans it: `June 24-25,
    /// 1950` is of 25 June. An event less precise than `date` is not (neither `June 1950` nor
    /// `between 1945 and 1950` is dated 25 June).
    pub fn falls_on(&self, date: PartialDate) -> bool {
        let end = self.end.map_or(self.date, PartialDate::last_day);
        self.date.precision() >= date.precision() && self.date <= date.last_day() && end >= date
    }
}

/// Every dated event of the corpus, sorted by date, then document order.
pub fn events(corpus: &Corpus) -> Vec<Event> {
    use rayon::prelude::*;
    // The citation model first, outside the pool.
    corpus.read_citations();
    // Documents are independent: each on its own core, then merged in date order.
    let mut documents: Vec<DocumentEvents> = corpus
        .documents
        .par_iter()
        .map(DocumentEvents::of)
        .collect();
    merge(&mut documents)
}

/// One document's events (sorted, one per place and date, `doc` 0) with the names the
/// command line gives their places: what `kwx timeline` keeps of a document between runs.
/// `kwx timeline` reads a library's entries as `DocumentEvents<&str>`, its hundred thousand
/// sentences borrowed from the entries' bytes rather than each allocated.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct DocumentEvents<S = String> {
    pub id: S,
    pub part_keys: Vec<S>,
    /// Per note, its number as printed.
    pub note_numbers: Vec<u32>,
    /// Whether each part numbers its notes from 1 (a note is named with its part).
    pub notes_per_part: bool,
    pub events: Vec<Event<S>>,
}

impl DocumentEvents {
    /// Its name in the cache of what is derived from each text.
    pub const PRODUCT: &'static str = "timeline";

    pub fn of(doc: &crate::corpus::Document) -> DocumentEvents {
        let mut events = document_events(0, doc);
        finish(&mut events);
        DocumentEvents {
            id: doc.meta.id.clone(),
            part_keys: doc.parts.iter().map(|p| p.key.clone()).collect(),
            note_numbers: doc.notes.iter().map(|n| n.number).collect(),
            notes_per_part: doc.numbers_notes_per_part(),
            events,
        }
    }
}

/// Every document's events, taken out of `docs`, in one date order (as [`events`] gives
/// them), each with its document's index in `docs`.
pub fn merge(docs: &mut [DocumentEvents]) -> Vec<Event> {
    let order = merge_order(docs);
    // Each document's events come in its own order: they are taken from the front, each
    // moved once (a library has a hundred thousand events of 150 bytes each).
    let mut each: Vec<std::vec::IntoIter<Event>> = docs
        .iter_mut()
        .map(|doc| std::mem::take(&mut doc.events).into_iter())
        .collect();
    order
        .into_iter()
        .filter_map(|(d, _)| {
            let mut event = each[d as usize].next()?;
            event.doc = d as usize;
            Some(event)
        })
        .collect()
}

/// The order of every document's events by date, then document: (document, event) indices.
/// Each document's events are sorted by date here first, as a cache entry stores them.
pub fn merge_order<S>(docs: &mut [DocumentEvents<S>]) -> Vec<(u32, u32)> {
    for doc in docs.iter_mut() {
        if !doc.events.is_sorted_by_key(|e| e.date) {
            doc.events.sort_by_key(|e| e.date);
        }
    }
    // Small keys, and runs already in order: the stable sort merges the documents' runs.
    let mut order: Vec<(u64, u32, u32)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| {
            doc.events
                .iter()
                .enumerate()
                .map(move |(i, e)| (e.date.sort_key(), d as u32, i as u32))
        })
        .collect();
    order.sort();
    order.into_iter().map(|(_, d, i)| (d, i)).collect()
}

/// The days of the documents a paragraph's notes cite.
fn cited_days(
    doc: &crate::corpus::Document,
    citations: &[Vec<crate::corpus::citations::Work>],
    paragraph: usize,
) -> Vec<PartialDate> {
    doc.paragraphs[paragraph]
        .refs
        .iter()
        .filter_map(|r| citations.get(r.note?))
        .flatten()
        .filter_map(|w| w.date.filter(|d| d.day.is_some()))
        .collect()
}

/// A day the text misprints by one digit of its year, where a note the paragraph cites dates
/// the document it describes: the thesis's "on 5 March 1945" for the meeting of 5 March 1949
/// its note 14 cites. Only a day with the same month and day as a cited one, a year one digit
/// away, and no cited day of its own is read so.
fn correct_misprinted_years(mentions: &mut [DateMention], cited: &[PartialDate]) {
    let one_digit_apart = |a: i32, b: i32| {
        let (a, b) = (a.to_string(), b.to_string());
        a.len() == b.len() && a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count() == 1
    };
    for m in mentions.iter_mut() {
        if m.date.day.is_none() || m.end.is_some() || cited.contains(&m.date) {
            continue;
        }
        if let Some(year) = cited_year(cited, m.date, |y| one_digit_apart(y, m.date.year)) {
            m.date.year = year;
        }
    }
}

/// The one year the cited days give a day of `date`'s month and day that `admits`, if they
/// agree on one.
fn cited_year(
    cited: &[PartialDate],
    date: PartialDate,
    admits: impl Fn(i32) -> bool,
) -> Option<i32> {
    let mut years: Vec<i32> = cited
        .iter()
        .filter(|c| c.month == date.month && c.day == date.day && admits(c.year))
        .map(|c| c.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    match years[..] {
        [year] => Some(year),
        _ => None,
    }
}

/// A day written without its year takes the year of the one document the paragraph's notes
/// cite for that day: the thesis's "On 22 September, Mao mentioned …", after "signed on 18 March
/// 1949" in its paragraph, is 22 September 1950, the day of the telegram its note 81 cites (it
/// was read as 1949, the last year written before it).
fn take_unwritten_years_from_cited_days(
    text: &str,
    mentions: &mut [DateMention],
    cited: &[PartialDate],
) {
    for m in mentions.iter_mut() {
        let written = text
            .get(m.bytes.clone())
            .is_some_and(crate::corpus::dates::has_year);
        if written || m.date.day.is_none() || m.end.is_some() {
            continue;
        }
        if let Some(year) = cited_year(cited, m.date, |_| true) {
            m.date.year = year;
        }
    }
}

/// The dated events of one document, in document order.
fn document_events(d: usize, doc: &crate::corpus::Document) -> Vec<Event> {
    let mut out = Vec::new();
    // Per paragraph, the year its narrative ends in: a note's dates without a year take
    // the year of the paragraph citing it.
    let mut paragraph_year: Vec<Option<i32>> = vec![None; doc.paragraphs.len()];
    let citations = doc.citations();
    for (p, part) in doc.parts.iter().enumerate() {
        // The bibliography's years are years of publication, not events.
        if part.key == "bibliography" {
            continue;
        }
        // The year the narrative is in, for dates written without one.
        let mut carry: Option<i32> = None;
        for paragraph in part.paragraphs.clone() {
            let text = &doc.paragraphs[paragraph].text;
            let mut mentions = find_dates_with(text, true, carry);
            let cited = cited_days(doc, citations, paragraph);
            correct_misprinted_years(&mut mentions, &cited);
            take_unwritten_years_from_cited_days(text, &mut mentions, &cited);
            if let Some(m) = mentions.iter().rev().find(|m| m.date.month.is_some()) {
                carry = Some(m.end.unwrap_or(m.date).year);
            }
            paragraph_year[paragraph] = carry;
            let place = Place {
                doc: d,
                part: p,
                paragraph: Some(paragraph),
                note: None,
                origin: Origin::Body,
            };
            push_events(&mut out, text, mentions, place);
        }
    }
    for (n, note) in doc.notes.iter().enumerate() {
        let cited_in_year = note
            .anchor
            .and_then(|a| paragraph_year.get(a.paragraph).copied().flatten());
        let mut mentions = find_dates_with(&note.text, false, cited_in_year);
        if let Some(works) = citations.get(n) {
            mentions.retain(|m| !in_cited_work(&note.text, works, m));
        }
        let place = Place {
            doc: d,
            part: note.part,
            paragraph: note.anchor.map(|a| a.paragraph),
            note: Some(n),
            origin: Origin::Note,
        };
        push_events(&mut out, &note.text, mentions, place);
    }
    out
}

/// Sorts events by date and leaves one per place and date.
fn finish(out: &mut Vec<Event>) {
    // A sentence naming the same date twice is one event.
    out.dedup_by(|b, a| {
        a.doc == b.doc
            && a.note == b.note
            && a.paragraph == b.paragraph
            && (a.date, a.end, a.qualifier) == (b.date, b.end, b.qualifier)
            && a.text == b.text
    });
    out.sort_by(|a, b| {
        (
            a.date,
            a.doc,
            a.origin == Origin::Note,
            a.paragraph,
            a.offset,
        )
            .cmp(&(
                b.date,
                b.doc,
                b.origin == Origin::Note,
                b.paragraph,
                b.offset,
            ))
    });
    // One event per date and sentence: the same citation in several notes, or a date written
    // twice in one sentence, is one event (the first place it stands).
    let mut seen = std::collections::HashSet::new();
    out.retain(|e| seen.insert((e.doc, e.date, e.end, e.qualifier, e.text.clone())));
}

/// Where a text's dates stand.
#[derive(Clone, Copy)]
struct Place {
    doc: usize,
    part: usize,
    paragraph: Option<usize>,
    note: Option<usize>,
    origin: Origin,
}

/// Whether a date in a note belongs to a cited work rather than to history: any date in a
/// book's or article's citation (its title, its journal issue, its imprint), or a date in a
/// document's citation other than the document's own (the span in the title of the collection
/// it is read in). The citation model says which words are which work.
fn in_cited_work(text: &str, works: &[crate::corpus::citations::Work], m: &DateMention) -> bool {
    let mut from = 0;
    let mut containing = Vec::new();
    for w in works {
        let Some(at) = text.get(from..).and_then(|rest| rest.find(w.text.as_str())) else {
            continue;
        };
        let span = from + at..from + at + w.text.len();
        if span.contains(&m.bytes.start) {
            containing.push(w);
        }
        // Works of one note follow each other; clones of one citation share its words.
        from = span.start;
    }
    if containing.is_empty() || containing.iter().any(|w| w.date == Some(m.date)) {
        return false;
    }
    containing.iter().all(|w| {
        let publication = w.from.is_none()
            && w.date.is_none()
            && (!w.authors.is_empty()
                || w.publisher.is_some()
                || w.place.is_some()
                || w.container.is_some());
        // A document read in a publication: the publication's words (its title's span).
        let in_container = w.container.as_deref().is_some_and(|c| {
            text.find(w.text.as_str())
                .and_then(|at| w.text.find(c).map(|c_at| at + c_at))
                .is_some_and(|c_start| m.bytes.start >= c_start)
        });
        publication || in_container
    })
}

/// Relative days made right: `One day after … arrived in Busan on 1 July, Zhou …` is 2 July;
/// `the next day` counts only from a date the narrative is at (the same or the sentence
/// before, not a document's `report of September 3`), else it is left undated.
fn settle_relative_days(
    text: &str,
    sentences: &[std::ops::Range<usize>],
    mentions: &mut Vec<DateMention>,
) {
    let sentence_of = |byte: usize| sentences.partition_point(|s| s.end <= byte);
    let mut keep = vec![true; mentions.len()];
    for i in 0..mentions.len() {
        let written = text[mentions[i].bytes.clone()].to_ascii_lowercase();
        if written.starts_with("the next") || written.starts_with("the following") {
            let anchored = i > 0 && {
                let anchor = &mentions[i - 1];
                let before = text[..anchor.bytes.start].trim_end();
                sentence_of(anchor.bytes.start) + 1 >= sentence_of(mentions[i].bytes.start)
                    && !before.ends_with(" of")
            };
            keep[i] = anchored;
            continue;
        }
        // `N days after …, on <date>` opening the sentence: the sentence's day is N later.
        let s = sentence_of(mentions[i].bytes.start);
        let Some(span) = sentences.get(s) else {
            continue;
        };
        let first_in_sentence = i == 0 || mentions[i - 1].bytes.start < span.start;
        let head = text[span.start..mentions[i].bytes.start].to_ascii_lowercase();
        if let (true, Some(days)) = (first_in_sentence, days_after(&head)) {
            if let Some(later) = mentions[i].date.plus_days(days) {
                mentions[i].date = later;
            }
        }
    }
    let mut k = 0;
    mentions.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// `one day after`, `a day after`, `two days after` at the start of `head`: how many days.
fn days_after(head: &str) -> Option<u32> {
    let mut words = head.split_whitespace();
    let count = crate::corpus::dates::day_count(words.next()?)?;
    let unit = words.next()?;
    let after = words.next()?;
    (matches!(unit, "day" | "days") && after == "after").then_some(count)
}

fn push_events(out: &mut Vec<Event>, text: &str, mut mentions: Vec<DateMention>, place: Place) {
    if mentions.is_empty() {
        return;
    }
    let sentences = sentence_spans(text);
    settle_relative_days(text, &sentences, &mut mentions);
    out.extend(mentions.into_iter().map(|m| Event {
        date: m.date,
        end: m.end,
        qualifier: m.qualifier,
        doc: place.doc,
        part: place.part,
        paragraph: place.paragraph,
        note: place.note,
        offset: m.start,
        origin: place.origin,
        text: sentence_at(text, &sentences, m.bytes.start).to_string(),
        written: text[m.bytes.clone()].to_string(),
    }));
}

/// The corpus's events within its timeline range (from the manifest).
pub fn events_in_range(corpus: &Corpus) -> Vec<Event> {
    in_corpus_range(corpus, events(corpus))
}

/// The events within the corpus's timeline years.
pub fn in_corpus_range(corpus: &Corpus, events: Vec<Event>) -> Vec<Event> {
    let (from, to) = corpus.timeline;
    let (from, to) = (PartialDate::year(from), PartialDate::year(to));
    events.into_iter().filter(|e| e.within(from, to)).collect()
}

/// One text's account of a day: each event's sentence and the notes it cites.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Account {
    pub doc: String,
    pub events: Vec<AccountEvent>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AccountEvent {
    pub origin: Origin,
    pub text: String,
    /// Notes the sentence cites (or the note the date is in), as `thesis:IV:24`.
    pub notes: Vec<String>,
    #[serde(skip)]
    pub at: (usize, Option<usize>),
}

/// A day both texts date, side by side, and the notes on each side that cite one document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BothDay {
    pub date: String,
    pub accounts: [Account; 2],
    /// Pairs of notes, one per side, citing the same document; with both readings when they
    /// differ (`Shtykov to Vyshinsky` / `Tunkin to Stalin`).
    pub same_document: Vec<SameDocumentPair>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SameDocumentPair {
    pub notes: [String; 2],
    pub readings: Option<[String; 2]>,
}

/// The notes a body event's sentence cites: markers inside the sentence or just after it.
fn notes_of_sentence(doc: &crate::corpus::Document, e: &Event) -> Vec<usize> {
    if let Some(n) = e.note {
        return vec![n];
    }
    let Some(p) = e.paragraph else {
        return Vec::new();
    };
    let text = &doc.paragraphs[p].text;
    let Some(byte) = text.find(e.text.as_str()) else {
        return Vec::new();
    };
    let start = text[..byte].chars().count();
    let end = start + e.text.chars().count();
    doc.paragraphs[p]
        .refs
        .iter()
        .filter(|r| r.offset >= start && r.offset <= end + 1)
        .filter_map(|r| r.note)
        .collect()
}

/// The side-by-side view of a day of [`both_days`].
pub fn both_day(
    corpus: &Corpus,
    events: &[Event],
    date: PartialDate,
    sides: &[Vec<usize>; 2],
) -> BothDay {
    let mut cited: [Vec<usize>; 2] = Default::default();
    let accounts = [0, 1].map(|side| {
        let doc_index = sides[side].first().map_or(side, |&i| events[i].doc);
        let doc = &corpus.documents[doc_index];
        let mut list: Vec<AccountEvent> = Vec::new();
        for &i in &sides[side] {
            let e = &events[i];
            let notes = notes_of_sentence(doc, e);
            cited[side].extend(notes.iter().copied());
            list.push(AccountEvent {
                origin: e.origin,
                text: e.text.clone(),
                notes: notes.iter().map(|&n| doc.note_id(n)).collect(),
                at: (e.doc, e.paragraph),
            });
        }
        Account {
            doc: doc.meta.id.clone(),
            events: list,
        }
    });
    let docs = [0, 1].map(|side| sides[side].first().map_or(side, |&i| events[i].doc));
    let mut same_document = Vec::new();
    for &left in &cited[0] {
        let (others, _) = crate::sources::same_document(corpus, docs[0], left);
        for &right in &cited[1] {
            let right_id = corpus.documents[docs[1]].note_id(right);
            if !others.iter().any(|o| o.id == right_id) {
                continue;
            }
            let left_id = corpus.documents[docs[0]].note_id(left);
            let pair = [left_id, right_id];
            if same_document
                .iter()
                .any(|p: &SameDocumentPair| p.notes == pair)
            {
                continue;
            }
            let reading = |d: usize, n: usize| {
                corpus.documents[d]
                    .citations()
                    .get(n)
                    .and_then(|ws| ws.iter().find_map(|w| w.correspondents()))
            };
            let readings = match (reading(docs[0], left), reading(docs[1], right)) {
                (Some(a), Some(b)) if !a.eq_ignore_ascii_case(&b) => Some([a, b]),
                _ => None,
            };
            same_document.push(SameDocumentPair {
                notes: pair,
                readings,
            });
        }
    }
    BothDay {
        date: date.to_string(),
        accounts,
        same_document,
    }
}

/// How finely the timeline groups events under headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    Year,
    Month,
    Day,
}

impl Zoom {
    pub fn finer(self) -> Zoom {
        match self {
            Zoom::Year => Zoom::Month,
            _ => Zoom::Day,
        }
    }

    pub fn coarser(self) -> Zoom {
        match self {
            Zoom::Day => Zoom::Month,
            _ => Zoom::Year,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Zoom::Year => "year",
            Zoom::Month => "month",
            Zoom::Day => "day",
        }
    }
}

/// Which precisions the timeline shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Precision {
    /// Days and months; a year-only mention only where its year has nothing finer (so a
    /// general "in 1945" does not bury the dated events, and no year is left empty).
    #[default]
    Finer,
    Day,
    All,
}

impl Precision {
    pub fn next(self) -> Precision {
        match self {
            Precision::Finer => Precision::Day,
            Precision::Day => Precision::All,
            Precision::All => Precision::Finer,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Precision::Finer => "month+day",
            Precision::Day => "day",
            Precision::All => "all",
        }
    }
}

/// Which events the timeline shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub doc: Option<usize>,
    pub origin: Option<Origin>,
    /// What `/` was given, folded (see `search::fold`): a word the sentence must contain,
    /// unless it is a date.
    pub word: String,
    /// The date `word` is (`1950-06`, `25 June 1950`): the events of that year, month or day.
    pub date: Option<PartialDate>,
    pub precision: Precision,
}

impl Filter {
    /// Takes what `/` was given: a date (`1950-06-25`, `June 1950`) keeps that date's events, any
    /// other text the events whose sentence holds it.
    pub fn set_word(&mut self, text: &str) {
        let text = text.trim();
        self.date = PartialDate::typed(text);
        self.word = crate::search::fold(text);
    }

    /// The word to find in sentences (none when the filter is a date).
    pub fn sentence_word(&self) -> &str {
        if self.date.is_some() {
            ""
        } else {
            &self.word
        }
    }

    /// Whether the document, origin and word filters let an event through (`folded` is its
    /// sentence, folded); precision is decided over all of them by [`visible`].
    pub fn accepts(&self, event: &Event, folded: &str) -> bool {
        let word = self.sentence_word();
        self.doc.is_none_or(|d| d == event.doc)
            && self.origin.is_none_or(|o| o == event.origin)
            && self.date.is_none_or(|d| event.falls_on(d))
            && (word.is_empty() || crate::search::contains_at_word_start(folded, word))
    }
}

/// Which events `filter` shows, and how many of those it lets through the other filters are
/// hidden by precision alone.
pub fn visible(events: &[Event], folded: &[String], filter: &Filter) -> (Vec<bool>, usize) {
    let passing: Vec<bool> = events
        .iter()
        .zip(folded)
        .map(|(e, f)| filter.accepts(e, f))
        .collect();
    let finer_years: std::collections::HashSet<i32> = events
        .iter()
        .zip(&passing)
        .filter(|(e, &p)| p && e.date.month.is_some())
        .map(|(e, _)| e.date.year)
        .collect();
    let shown: Vec<bool> = events
        .iter()
        .zip(&passing)
        .map(|(e, &p)| {
            p && match filter.precision {
                Precision::All => true,
                Precision::Day => e.date.day.is_some(),
                Precision::Finer => e.date.month.is_some() || !finer_years.contains(&e.date.year),
            }
        })
        .collect();
    let hidden = passing
        .iter()
        .zip(&shown)
        .filter(|(p, s)| **p && !**s)
        .count();
    (shown, hidden)
}

/// Days both of the first two documents date events to: each day with the events of each.
pub fn both_days(events: &[Event]) -> Vec<(PartialDate, [Vec<usize>; 2])> {
    let mut days: std::collections::BTreeMap<PartialDate, [Vec<usize>; 2]> = Default::default();
    for (i, e) in events.iter().enumerate() {
        if e.date.day.is_some() && e.end.is_none() && e.doc < 2 {
            days.entry(e.date).or_default()[e.doc].push(i);
        }
    }
    days.into_iter()
        .filter(|(_, sides)| sides.iter().all(|s| !s.is_empty()))
        .collect()
}

/// A line of the timeline: a group header or an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A group of events (year, month or day) and how many events it holds.
    Header(PartialDate, usize),
    Event(usize),
}

/// The rows for `events` (sorted by date) passing `filter`, under headers at `zoom`'s grain.
pub fn rows(events: &[Event], shown: &[bool], zoom: Zoom) -> Vec<Row> {
    let group = |d: PartialDate| match zoom {
        Zoom::Year => PartialDate::year(d.year),
        Zoom::Month => match d.month {
            Some(m) => PartialDate::month(d.year, m),
            None => PartialDate::year(d.year),
        },
        Zoom::Day => d,
    };
    let mut out = Vec::new();
    let mut header: Option<usize> = None;
    for (i, e) in events.iter().enumerate() {
        if !shown[i] {
            continue;
        }
        let g = group(e.date);
        match header {
            Some(h) if matches!(out[h], Row::Header(d, _) if d == g) => {}
            _ => {
                header = Some(out.len());
                out.push(Row::Header(g, 0));
            }
        }
        if let Some(Row::Header(_, count)) = header.and_then(|h| out.get_mut(h)) {
            *count += 1;
        }
        out.push(Row::Event(i));
    }
    out
}

/// Events per month from January of `from` to December of `to`, for the histogram.
pub fn per_month(events: &[Event], shown: &[bool], from: i32, to: i32) -> Vec<u64> {
    let months = ((to - from + 1).max(0) * 12) as usize;
    let mut counts = vec![0; months];
    for (i, e) in events.iter().enumerate() {
        if !shown[i] {
            continue;
        }
        let Some(m) = e.date.month else { continue };
        let index = (e.date.year - from) * 12 + m as i32 - 1;
        if let Some(c) = usize::try_from(index).ok().and_then(|i| counts.get_mut(i)) {
            *c += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_without_its_year_takes_the_cited_documents() {
        let text = "Chinese military engagement in Korea could have been justified with the \
                    mutual defence treaty between North Korea and China signed on 18 March 1949. \
                    On 22 September, Mao mentioned that when analysing the US military operation";
        let read = |cited: &[PartialDate]| {
            let mut mentions = find_dates_with(text, true, None);
            take_unwritten_years_from_cited_days(text, &mut mentions, cited);
            mentions
                .iter()
                .map(|m| m.date.to_string())
                .collect::<Vec<_>>()
        };
        // Thesis V:81, the telegram of 22 Sep 1950.
        assert_eq!(
            read(&[PartialDate::day(1950, 9, 22)]),
            ["1949-03-18", "1950-09-22"]
        );
        // A year written stays; two readings, another day or none leave the narrative's year.
        assert_eq!(read(&[PartialDate::day(1950, 3, 18)])[0], "1949-03-18");
        for cited in [
            vec![PartialDate::day(1950, 9, 22), PartialDate::day(1951, 9, 22)],
            vec![PartialDate::day(1950, 9, 23)],
            vec![],
        ] {
            assert_eq!(read(&cited)[1], "1949-09-22", "{cited:?}");
        }
    }

    #[test]
    fn a_year_misprinted_by_one_digit_takes_the_cited_documents() {
        let text = "According to the record of this meeting, which lasted for one hour and \
                    fifteen minutes on 5 March 1945, Kim requested Soviet economic aid";
        let corrected = |cited: &[PartialDate]| {
            let mut mentions = find_dates_with(text, true, None);
            correct_misprinted_years(&mut mentions, cited);
            mentions[0].date.to_string()
        };
        assert_eq!(corrected(&[PartialDate::day(1949, 3, 5)]), "1949-03-05");
        // The same day cited twice is one reading.
        let twice = [PartialDate::day(1949, 3, 5), PartialDate::day(1949, 3, 5)];
        assert_eq!(corrected(&twice), "1949-03-05");
        // Not when the text's own day is cited, two readings compete, the years are two
        // digits apart, or another day is cited.
        for cited in [
            vec![PartialDate::day(1945, 3, 5), PartialDate::day(1949, 3, 5)],
            vec![PartialDate::day(1949, 3, 5), PartialDate::day(1948, 3, 5)],
            vec![PartialDate::day(1950, 3, 5)],
            vec![PartialDate::day(1949, 3, 6)],
            vec![],
        ] {
            assert_eq!(corrected(&cited), "1945-03-05", "{cited:?}");
        }
    }

    fn settled(text: &str, carry: i32) -> Vec<String> {
        let mut mentions = find_dates_with(text, true, Some(carry));
        settle_relative_days(text, &sentence_spans(text), &mut mentions);
        mentions.iter().map(|m| m.date.to_string()).collect()
    }

    #[test]
    fn one_day_after_a_dated_clause_is_the_next_day() {
        let text =
            "One day after the US ground force, Smith battalion, arrived in Busan on 1 July, \
                    Zhou Enlai expressed his opinion to Roshchin.";
        assert_eq!(settled(text, 1950), ["1950-07-02"]);
        // A date given outright stays.
        let text = "On August 5, 1949, a day after a massive North Korean attack on Ongjin, Roberts met Shin.";
        assert_eq!(settled(text, 1949), ["1949-08-05"]);
    }

    #[test]
    fn the_next_day_counts_only_from_where_the_narrative_is() {
        let text = "Kim met Shtykov on 12 May 1950. The next day he left.";
        assert_eq!(settled(text, 1950), ["1950-05-12", "1950-05-13"]);
        // A document's date (`report of September 3`) is no anchor.
        let text = "Upon the receipt of Tunkin's report of September 3, 1949, Gromyko instructed \
                    Tunkin to meet Kim. The next day Tunkin met Kim.";
        assert_eq!(settled(text, 1949), ["1949-09-03"]);
    }

    /// An event of the body at `date` (to `end`), with no text.
    fn e(date: PartialDate, end: Option<PartialDate>) -> Event {
        Event {
            date,
            end,
            qualifier: None,
            doc: 0,
            part: 0,
            paragraph: None,
            note: None,
            offset: 0,
            origin: Origin::Body,
            text: String::new(),
            written: String::new(),
        }
    }

    #[test]
    fn within_compares_at_each_dates_precision() {
        let (from, to) = (PartialDate::year(1945), PartialDate::year(1953));
        assert!(e(PartialDate::day(1953, 7, 27), None).within(from, to));
        assert!(e(PartialDate::month(1945, 8), None).within(from, to));
        assert!(!e(PartialDate::year(1989), None).within(from, to));
        assert!(!e(PartialDate::day(1944, 12, 31), None).within(from, to));
        assert!(!e(PartialDate::year(1942), Some(PartialDate::year(1945))).within(from, to));
        assert!(e(PartialDate::year(1945), Some(PartialDate::year(1950))).within(from, to));
    }

    #[test]
    fn a_date_filter_keeps_the_events_on_or_spanning_it() {
        let mut filter = Filter::default();
        filter.set_word("25 june 1950");
        assert_eq!(filter.date, Some(PartialDate::day(1950, 6, 25)));
        assert_eq!(filter.sentence_word(), "");
        let on = |event: &Event| filter.accepts(event, "");
        assert!(on(&e(PartialDate::day(1950, 6, 25), None)));
        // `June 24-25, 1950` spans it; `June 1950` is less precise than the day.
        assert!(on(&e(
            PartialDate::day(1950, 6, 24),
            Some(PartialDate::day(1950, 6, 25))
        )));
        assert!(!on(&e(PartialDate::month(1950, 6), None)));
        assert!(!on(&e(PartialDate::day(1950, 6, 26), None)));
        // A month keeps the month's events and spans of months through it, not the year's.
        filter.set_word("1950-06");
        let on = |event: &Event| filter.accepts(event, "");
        assert!(on(&e(PartialDate::month(1950, 6), None)));
        assert!(on(&e(PartialDate::day(1950, 6, 30), None)));
        assert!(on(&e(
            PartialDate::month(1950, 3),
            Some(PartialDate::month(1950, 6))
        )));
        assert!(!on(&e(
            PartialDate::year(1949),
            Some(PartialDate::year(1950))
        )));
        assert!(!on(&e(PartialDate::year(1950), None)));
        // Any other text is a word of the sentence.
        filter.set_word("Ongjin");
        assert_eq!((filter.date, filter.sentence_word()), (None, "ongjin"));
        filter.set_word("June 24-25, 1950");
        assert_eq!(filter.date, None, "a range is no one date");
    }
}
