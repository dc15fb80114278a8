//! Reading one note into the works it cites, and one work into its fields.

use std::sync::OnceLock;

use regex::Regex;

use super::table::{ArchiveMatch, Table};
use super::text::{
    alphanumeric_outside_brackets, any_word_outside_quotes, find_top, sentences, split_top,
    trim_end_punct,
};
use super::{CitedKind, Work};
use crate::corpus::dates::{has_year, DateMention, PartialDate};

/// The dates with a month in a citation's text; a date written without its year takes
/// `undated_year` (the year of the narrative citing the note), if given. Most parts of a
/// citation hold no year, and the date finder is the costly step, so text without four digits
/// in a row is passed over when no year is given.
fn month_dates(text: &str, undated_year: Option<i32>) -> Vec<DateMention> {
    if undated_year.is_some() || has_year(text) {
        crate::corpus::dates::find_dates_with(text, false, undated_year)
    } else {
        Vec::new()
    }
}

/// Syntax of citations (not knowledge of archives: that is in the table).
struct Patterns {
    /// `p. 39`, `pp.9-17`, `pp. 1065-1066, 1071-1072`.
    pages: Regex,
    /// `Vol. VII`, `Vol.6`, `vol.VI`, a slip's `Vo. 15`, and Russian's `Tom 1`.
    volume: Regex,
    /// A part that is a journal's issue: `No. 4 (Winter 1993)`, `Nos. 6-7`, `no.3`.
    issue: Regex,
    /// `(Princeton: Princeton University Press, 1995)`.
    paren_imprint: Regex,
    /// `(New York, Charles Scribner's Sons, 1992)`: a comma for the colon (a publisher's
    /// word tells it from `(Washington, D.C., 1951)`).
    paren_imprint_comma: Regex,
    /// `Goncharov, et al., ibid.` or `… in Mansourov, ibid.`: the surname an author-ibid names.
    author_ibid: Regex,
    /// `October 8 [7], 1950`: an alternative reading in brackets.
    bracketed_alternative: Regex,
    url: Regex,
    /// `(Seoul: Ministry of Defense, 1969), 221, quoted in …`: pages written bare right after
    /// a bracketed imprint, the cited book's (a `p.` later is the quoting work's).
    pages_after_imprint: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("citation syntax patterns compile");
        Patterns {
            pages: re(
                r"\b(?:pp?\.|Listy)\s*([0-9ivxlc]+(?:\s*[-–]\s*[0-9]*)?(?:,\s*[0-9]+(?:\s*[-–]\s*[0-9]+)?)*)",
            ),
            volume: re(r"(?i)\b(?:vol\.?|vo\.|tom)\s*([IVXL]+|\d+)\b"),
            issue: re(r"(?i)^(?:nos?|issue)\.?\s*(\d+(?:\s*[-–/]\s*\d+)?)\b"),
            paren_imprint: re(r"\(([^():]+?):\s*([^()]+?),\s*(\d{4})\)"),
            paren_imprint_comma: re(r"\(([^():,]+),\s*([^()]+?),\s*(\d{4})\)"),
            author_ibid: re(
                r"(?:^|\bin\s+)([A-Z][\p{L}.\- ]*?)(?:,\s*et\.?\s*al\.?)?,\s*\*?[Ii]bid\b",
            ),
            bracketed_alternative: re(r"\s*\[\d+\]"),
            url: re(r"\s*https?://\S+"),
            pages_after_imprint: re(
                r"\([^()]*[:,][^()]*\d{4}\),\s*(\d+(?:\s*-\s*\d+)?(?:,\s*\d+(?:\s*-\s*\d+)?)*)\s*(?:,|$)",
            ),
        }
    })
}

/// What the text around a note tells its citations, as far as the caller knows it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Narrative<'t> {
    /// The year a date written without one takes (`July 2, 5, and 7, Soviet Documents`).
    pub undated_year: Option<i32>,
    /// The paragraph holding the note's marker, and the marker's char offset in it. The
    /// sentence the marker ends is read only for a note naming a document without its date.
    pub marker: Option<(&'t str, usize)>,
}

/// The works a note cites, in order.
pub fn works_of_note(note: &str, table: &Table, narrative: Narrative) -> Vec<Work> {
    let undated_year = narrative.undated_year;
    let mut works = Vec::new();
    for span in citation_spans(note, table) {
        let mut group: Vec<Work> = idem_joined(span, split_top(span, b';'))
            .into_iter()
            .map(|p| strip_lead(p, table))
            .map(|p| past_front_matter(p, table))
            .filter(|p| alphanumeric_outside_brackets(p))
            .flat_map(|p| parse_work_each_date(p, table, undated_year))
            .collect();
        inherit_from_series(&mut group);
        inherit_from_previous(&mut group);
        // (The spans are slices of the note: the prose before one ends where it starts.)
        let start = (span.as_ptr() as usize).wrapping_sub(note.as_ptr() as usize);
        if let Some(lead) = note.get(..start) {
            owner_named_before(&mut group, lead, &works);
            document_named_before(&mut group, lead, table, narrative);
        }
        works.extend(group);
    }
    reference_of_previous(&mut works);
    // Most notes cite one or two works; a vector grown to four would hold a library's worth
    // of empty slots.
    works.shrink_to_fit();
    works
}

/// `For Waltz’s further elaboration of the concept …, see Theory of International Politics (New
/// York: McGraw-Hill, 1979)` (article note 7): a book cited without its author right after
/// prose that names as its owner an author the note cited before is that author's.
fn owner_named_before(group: &mut [Work], lead: &str, earlier: &[Work]) {
    let Some(first) = group.first_mut().filter(|w| {
        w.authors.is_empty()
            && w.archive.is_none()
            && w.date.is_none()
            && (w.place.is_some() || w.publisher.is_some())
    }) else {
        return;
    };
    if let Some(authors) = advanced_by(lead) {
        first.authors = authors;
        return;
    }
    // The sentence the citation ends: from the last full stop before it.
    let sentence = lead.rsplit_once(". ").map_or(lead, |(_, s)| s);
    let Some(owner) = sentence.split_whitespace().rev().find_map(|w| {
        w.strip_suffix("’s")
            .or_else(|| w.strip_suffix("'s"))
            .filter(|n| n.starts_with(char::is_uppercase))
    }) else {
        return;
    };
    let author = earlier
        .iter()
        .flat_map(|w| &w.authors)
        .find(|a| a.rsplit(' ').next() == Some(owner));
    if let Some(author) = author {
        first.authors.push(author.clone());
    }
}

/// `For the text of Mao-Yudin conversation on March 31, 1956, see Dieter Heinzig, “…,” CWIHP
/// Bulletin, …` (article note 95): the prose names the document the publication prints, so an
/// undated work becomes that document (its title, date, kind and sender) printed in the
/// publication, as `Stalin to Kim Il Sung, October 8, 1950 in Alexander Mansourov, “…”` is.
/// The prose may also end in the table's words before a citation (`The translation of
/// Stalin’s telegram of July 5 is found in Weathersby, …`, article note 113); a date without
/// its year takes the narrative's. A document named without its date takes the one the note
/// gave it before (article note 101) or the sentence carrying the marker (article note 56).
fn document_named_before(group: &mut [Work], lead: &str, table: &Table, narrative: Narrative) {
    let Some(first) = group.first_mut().filter(|w| w.date.is_none()) else {
        return;
    };
    let (earlier, sentence) = lead.rsplit_once(". ").unwrap_or(("", lead));
    let Some(rest) = table
        .text_of
        .iter()
        .find_map(|head| sentence.strip_prefix(head.as_str()))
    else {
        return;
    };
    let rest = format!("{} ", rest.trim_end());
    let document = rest
        .strip_suffix(" see ")
        .or_else(|| {
            table
                .cited_after
                .iter()
                .find_map(|words| rest.strip_suffix(words.as_str()))
        })
        .map(|d| d.trim_end().trim_end_matches(','));
    let Some(document) = document else {
        return;
    };
    // (A volume holds its year's documents: `FRUS, 1950, VII` dates `June 27` in 1950.)
    let year = narrative.undated_year.or(first.volume_year());
    let (name, date) = match month_dates(document, year).into_iter().next() {
        Some(date) => {
            let name = document[..date.bytes.start]
                .trim_end()
                .trim_end_matches(" on")
                .trim_end_matches(" of");
            (name, date.date)
        }
        None => {
            let name = document.strip_prefix("the ").unwrap_or(document);
            let date = date_given_before(name, earlier, year)
                .or_else(|| date_of_marker_sentence(name, narrative));
            match date {
                Some(date) => (name, date),
                None => return,
            }
        }
    };
    if name.is_empty() {
        return;
    }
    first.date = Some(date);
    // (As a document printed in a publication is dated: `Shtykov to Vyshinsky, May 12, 1950
    // in Weathersby, …`.)
    first.year = first.year.or(Some(date.year));
    first.kind = first.kind.or_else(|| table.kind_in(name));
    first.from = first
        .from
        .take()
        .or_else(|| correspondents(name, table, true).0);
    if first.archive.is_none() {
        first.archive = (first.authors.iter())
            .find_map(|a| table.archive_via(a))
            .map(|a| a.id.clone());
    }
    if first.title.is_some() {
        first.container = first.title.take();
    }
    first.title = Some(name.to_string());
}

/// `… Truman’s statement of June 27 which summarized …`: the date the note's prose gave the
/// document `name` when it named it before.
fn date_given_before(name: &str, earlier: &str, year: Option<i32>) -> Option<PartialDate> {
    earlier.match_indices(name).find_map(|(at, _)| {
        let after = &earlier[at + name.len()..];
        let date_words = after
            .strip_prefix(" of ")
            .or_else(|| after.strip_prefix(" on "))?;
        month_dates(date_words, year)
            .into_iter()
            .next()
            .filter(|m| m.bytes.start == 0)
            .map(|m| m.date)
    })
}

/// `The English translation of the Politbureau decision is from …` cited after `… in the form of
/// the decision of the Politbureau of the Central Committee … on September 24, 1949.`: the day
/// the sentence carrying the marker gives, when it gives one day only and says every word of
/// the document's name.
fn date_of_marker_sentence(name: &str, narrative: Narrative) -> Option<PartialDate> {
    let (paragraph, offset) = narrative.marker?;
    let sentence = crate::corpus::model::sentence_around(paragraph, offset);
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let named = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|n| words.iter().any(|w| w.eq_ignore_ascii_case(n)));
    if !named {
        return None;
    }
    let days: Vec<PartialDate> = month_dates(sentence, None)
        .into_iter()
        .filter(|m| m.date.day.is_some() && m.end.is_none())
        .map(|m| m.date)
        .collect();
    match days[..] {
        [day] => Some(day),
        _ => None,
    }
}

/// `… was first advanced by Joyce and Gabriel Kolko. See ` (article note 23): the people a
/// sentence ends on after `by`, when the next sentence opens with `See` and the book: Joyce
/// Kolko and Gabriel Kolko, a lone given name sharing the surname after it.
fn advanced_by(lead: &str) -> Option<Vec<String>> {
    let before = lead
        .strip_suffix("See ")
        .or_else(|| lead.strip_suffix("see "))?
        .trim_end()
        .strip_suffix('.')?;
    let (_, names) = before.rsplit_once(" by ")?;
    let names: Vec<&str> = names.split(" and ").map(str::trim).collect();
    let all_capitalised = names.iter().all(|n| {
        !n.is_empty()
            && n.split(' ').count() <= 4
            && n.split(' ').all(|w| w.starts_with(char::is_uppercase))
    });
    if !all_capitalised {
        return None;
    }
    // (The last is a whole name, its surname after a given name.)
    names.last()?.rsplit_once(' ')?;
    Some(sharing_last_surname(&names))
}

/// `Joyce and Gabriel Kolko`, `J & G Kolko`: names joined before one surname, an initial or a
/// lone given name taking the last name's surname (a suffix is no one's: `McCune & Grey. Jr`).
fn sharing_last_surname(names: &[&str]) -> Vec<String> {
    let shared = names
        .last()
        .filter(|_| names.len() > 1)
        .and_then(|n| n.rsplit_once(' '))
        .map(|(_, s)| s)
        .filter(|s| !matches!(s.trim_end_matches('.'), "Jr" | "Sr"));
    names
        .iter()
        .map(|name| {
            let initial = name.trim_end_matches('.').chars().count() == 1;
            let given_alone = !name.contains([' ', '.']);
            match shared {
                Some(surname) if initial || given_alone => format!("{name} {surname}"),
                _ => name.to_string(),
            }
        })
        .collect()
}

/// `John Merrill, Review of Khrushchev Remembers, Vol. 1, Strobe Talbott, trans. and ed.; The
/// Last Testament, Vol. 2, idem, Journal of Korean Studies, …`: a title followed by `idem` (by
/// the same hand as the one before) is another book of the list the piece before began, not a
/// work of its own, so the two pieces are one.
fn idem_joined<'t>(span: &'t str, pieces: Vec<&'t str>) -> Vec<&'t str> {
    let idem_after_title = |piece: &str| piece.split(',').skip(1).any(is_idem);
    if !pieces.iter().skip(1).any(|p| idem_after_title(p)) {
        return pieces;
    }
    join_runs(span, pieces, |_, piece| idem_after_title(piece))
}

fn is_idem(part: &str) -> bool {
    trim_end_punct(part).eq_ignore_ascii_case("idem")
}

/// The parts of a work whose title lists books up to `idem` (see [`idem_joined`]), with the
/// list one part, the title (`Review of Khrushchev Remembers, Vol. 1, Strobe Talbott, trans.
/// and ed.; The Last Testament, Vol. 2`), and `idem` left out: what follows is the journal's.
/// `parts` are slices of `doc`.
fn listed_to_idem<'d>(doc: &'d str, parts: Vec<&'d str>) -> Vec<&'d str> {
    let Some(idem) = parts.iter().skip(2).position(|p| is_idem(p)).map(|k| k + 2) else {
        return parts;
    };
    let offset = |s: &str| (s.as_ptr() as usize).wrapping_sub(doc.as_ptr() as usize);
    let last = parts[idem - 1];
    let Some(list) = doc.get(offset(parts[1])..offset(last).wrapping_add(last.len())) else {
        return parts;
    };
    let mut out = vec![parts[0], list];
    out.extend(&parts[idem + 1..]);
    out
}

/// The parts of a note that cite: a sentence that says "see …" (from there on), a sentence
/// that is not prose, and a parenthesised `(Cumings, ibid., p. 421)` inside prose.
fn citation_spans<'t>(note: &'t str, table: &Table) -> Vec<&'t str> {
    let mut spans = Vec::new();
    for sentence in title_questions_joined(note, sentences(note, &table.abbreviations), table) {
        if let Some(at) = see_at(sentence, table) {
            spans.push(&sentence[at..]);
            continue;
        }
        let prose = any_word_outside_quotes(sentence, |w| table.prose_verbs.contains(w));
        // A citation that opens with an archive's name is one, whatever its verbs ("… Kovalev,
        // who was a messenger to Mao, …").
        let opens_with_archive = sentence
            .split(',')
            .next()
            .is_some_and(|p| table.is_archive_name(p));
        if !prose || opens_with_archive {
            spans.push(sentence);
        } else if let Some(after) = table
            .cited_after
            .iter()
            .find_map(|words| sentence.find(words.as_str()).map(|i| i + words.len()))
        {
            // `Stalin's Telegram to Mao is quoted in "Stalin to Kim Il Sung, …" in Mansourov, ibid.`
            spans.push(&sentence[after..]);
        } else if let (Some(open), Some(close)) = (sentence.find('('), sentence.rfind(')')) {
            if let Some(inner) = sentence.get(open + 1..close) {
                if inner.to_ascii_lowercase().contains("ibid") {
                    spans.push(inner);
                }
            }
        }
    }
    spans
}

/// `K. Weathersby, Should we fear this? Stalin and the danger of war with America, Working
/// Paper NO.39, …`: a question mark inside a title ends no sentence. A citation ending in `?`
/// runs on into a next sentence that is no prose and starts no citation of its own.
fn title_questions_joined<'t>(
    note: &'t str,
    sentences: Vec<&'t str>,
    table: &Table,
) -> Vec<&'t str> {
    let is_prose = |s: &str| any_word_outside_quotes(s, |w| table.prose_verbs.contains(w));
    join_runs(note, sentences, |prev, sentence| {
        prev.ends_with('?')
            && (see_at(prev, table).is_some() || !is_prose(prev))
            && prev.contains(',')
            && !is_prose(sentence)
            && !is_plain_ibid(sentence)
            && !table
                .leads
                .iter()
                .any(|w| w.starts_with(char::is_uppercase) && sentence.starts_with(w.as_str()))
    })
}

/// `pieces`, slices of `whole` in order, with each piece that `joins` the one kept before it
/// (as far as that one now runs) made one slice with it, whatever lies between.
fn join_runs<'t>(
    whole: &'t str,
    pieces: Vec<&'t str>,
    joins: impl Fn(&str, &str) -> bool,
) -> Vec<&'t str> {
    let offset = |s: &str| (s.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    let mut out: Vec<&'t str> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let joined = out
            .last()
            .filter(|prev| joins(prev, piece))
            .and_then(|prev| whole.get(offset(prev)..offset(piece).wrapping_add(piece.len())));
        match (out.last_mut(), joined) {
            (Some(prev), Some(joined)) => *prev = joined,
            _ => out.push(piece),
        }
    }
    out
}

/// Byte offset just after "see " in a sentence, where the citation starts.
fn see_at(sentence: &str, table: &Table) -> Option<usize> {
    for finder in &table.see {
        let needle_len = finder.needle().len();
        if let Some(i) = finder.find(sentence.as_bytes()) {
            let at_word_start = i == 0 || sentence[..i].ends_with([' ', ',', '(']);
            // "to see if …" is prose; a citation follows "see" with a capital, a quote, ibid
            // or an archive's box (`see box 243, Korean War File, …`).
            let after = &sentence[i + needle_len..];
            let cites = after.starts_with(|c: char| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“')
            }) || after
                .get(..4)
                .is_some_and(|w| w.eq_ignore_ascii_case("ibid"))
                || table.nara_box.find(after).is_some_and(|m| m.start() == 0);
            if at_word_start && cites {
                return Some(i + needle_len);
            }
        }
    }
    None
}

fn strip_lead<'p>(piece: &'p str, table: &Table) -> &'p str {
    let mut p = piece.trim();
    for lead in &table.leads {
        if let Some(rest) = p.strip_prefix(lead.as_str()) {
            p = rest.trim_start();
        }
    }
    p
}

/// The book a citation of its preface by another hand cites: `Cumings's preface in I. F. Stone,
/// The Hidden History …` is Stone's book.
fn past_front_matter<'p>(piece: &'p str, table: &Table) -> &'p str {
    let Some((head, book)) = piece.split_once(" in ") else {
        return piece;
    };
    let part = head
        .rsplit_once("'s ")
        .or_else(|| head.rsplit_once("’s "))
        .map(|(whose, part)| (whose, part.trim().to_lowercase()));
    match part {
        // (A person's name before it: a few words, no comma.)
        Some((whose, part))
            if !whose.contains(',')
                && whose.split_whitespace().count() <= 3
                && table.front_matter.contains(&part) =>
        {
            book.trim_start()
        }
        _ => piece,
    }
}

/// `Kirk to Acheson, July 27, 1949; also …; also Kirk to Acheson, September 7, 1949, 895.00,
/// RG 59`: letters of one series take the archive of the last one.
fn inherit_from_series(group: &mut [Work]) {
    for i in (0..group.len()).rev() {
        let is_letter = |w: &Work| w.from.is_some() && w.to.is_some();
        if group[i].archive.is_none() && is_letter(&group[i]) {
            if let Some(next) = group[i + 1..]
                .iter()
                .find(|w| w.archive.is_some() && is_letter(w))
                .cloned()
            {
                let w = &mut group[i];
                w.archive = next.archive;
                w.record_group = next.record_group;
                w.file = next.file;
            }
        }
    }
}

/// `IFANS, The Telegram from Stalin to Shtykov, 30 Oct 1949; The telegram to Shtykov by the
/// Central Committee …, 20 Nov 1949`: a dated letter naming no source of its own, after a
/// document of an archive, is of the same archive.
fn inherit_from_previous(group: &mut [Work]) {
    for i in 1..group.len() {
        let w = &group[i];
        let letter = w.date.is_some() && (w.from.is_some() || w.to.is_some());
        let own_source = w.archive.is_some() || !w.authors.is_empty() || w.container.is_some();
        if letter && !own_source && w.ibid_of.is_none() {
            if let Some(archive) = group[i - 1].archive.clone() {
                group[i].record_group = group[i - 1].record_group.clone();
                group[i].archive = Some(archive);
            }
        }
    }
}

/// `IFANS, Letter from Stalin to Gottwald, 27 Aug 1950. (Korean version); RGASPI, Font.558,
/// Opis.11, Delo.62, Listy 71-72`: an archival reference alone after a dated document is where
/// that document is kept in the original, and gives its date, correspondents and kind.
fn reference_of_previous(works: &mut [Work]) {
    for i in 1..works.len() {
        let w = &works[i];
        let reference_only = w.archive.is_some()
            && w.date.is_none()
            && w.from.is_none()
            && w.to.is_none()
            && w.title.is_none()
            && w.ibid_of.is_none()
            && (w.fond.is_some() || w.delo.is_some());
        let document = &works[i - 1];
        if reference_only && document.date.is_some_and(|d| d.day.is_some()) {
            let document = document.clone();
            let w = &mut works[i];
            w.date = document.date;
            w.year = w.year.or(document.year);
            (w.from, w.to, w.via) = (document.from, document.to, document.via);
            w.kind = document.kind.or(w.kind);
            w.title = document.title;
        }
    }
}

/// Whether the text is a plain `Ibid.` (with or without more after it).
pub fn is_plain_ibid(text: &str) -> bool {
    text.trim_start()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '*'))
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("ibid"))
}

/// The surname an `Author, ibid.` form names.
pub fn author_ibid(text: &str) -> Option<String> {
    // Most works say no ibid at all; the pattern is for those that do.
    if !text.contains("bid") {
        return None;
    }
    let caps = patterns().author_ibid.captures(text)?;
    let name = caps.get(1)?.as_str().trim();
    name.split_whitespace()
        .rfind(|w| !w.ends_with('.'))
        .map(str::to_string)
}

/// `Shtykov to Vyshinsky, September 3, 1949 and January 19, 1950 in …`: one letter a day; so
/// too a collection's documents listed by date (`October 24 and 27, 1949, Soviet Documents`).
fn parse_work_each_date(text: &str, table: &Table, undated_year: Option<i32>) -> Vec<Work> {
    read_work(text, table, undated_year, |first, doc, dates| {
        one_work_a_date(first, doc, dates, table, undated_year)
    })
}

/// The works `first` stands for, one per date of `dates` (the document part `doc`'s) that
/// continues its own.
fn one_work_a_date(
    first: Work,
    doc: &str,
    dates: &[DateMention],
    table: &Table,
    undated_year: Option<i32>,
) -> Vec<Work> {
    let Some(date) = first
        .date
        .filter(|_| dates.len() > 1 && (first.from.is_some() || first.archive.is_some()))
    else {
        return vec![first];
    };
    let mut out = vec![first];
    let Some(at) = dates.iter().position(|m| m.date == date) else {
        return out;
    };
    let mut prev_end = dates[at].bytes.end;
    for m in &dates[at + 1..] {
        let Some(gap) = doc.get(prev_end..m.bytes.start) else {
            break;
        };
        let only_joiners = gap
            .split(|c: char| c == ',' || c.is_whitespace())
            .all(|w| w.is_empty() || w == "and" || w == "&");
        if only_joiners && m.date.day.is_some() && m.end.is_none() {
            // A year read off the first date is each date's own (`September 3, 1949 and
            // January 19, 1950`); a publication's year is shared.
            let year = if out[0].year == Some(date.year) {
                Some(m.date.year)
            } else {
                out[0].year
            };
            out.push(Work {
                date: Some(m.date),
                year,
                ..out[0].clone()
            });
        } else if table.kind_in(gap).is_some() {
            // `…, 14 May 1950, The telegram from Roshchin to Stalin, 13 May 1950`: another
            // document of the same collection.
            let rest = doc
                .get(prev_end..)
                .unwrap_or("")
                .trim_start_matches([',', ' ']);
            // (`…, January 19, 1946 and "Press Release …," February 6, 1946`.)
            let rest = rest.strip_prefix("and ").unwrap_or(rest);
            let mut next = parse_work(rest, table, undated_year);
            if next.archive.is_none() {
                next.archive = out[0].archive.clone();
                if next.kind.is_none() || next.kind == Some(CitedKind::Other) {
                    next.kind = table.kind_in(rest).or(next.kind);
                }
            }
            out.push(next);
            break;
        } else {
            break;
        }
        prev_end = m.bytes.end;
    }
    // `Shtykov to Vyshinsky, September 3, 1949 and January 19, 1950 in Weathersby, …, pp. 6,
    // 8`: as many pages as dates, a page each, in order.
    let shared = out.iter().all(|w| w.pages == out[0].pages);
    if let Some(pages) = out[0].pages.clone().filter(|_| shared && out.len() > 1) {
        let each: Vec<&str> = pages.split(',').collect();
        if each.len() == out.len() {
            for (w, page) in out.iter_mut().zip(each) {
                w.pages = Some(page.to_string());
            }
        }
    }
    out
}

/// Reads one cited work, a date without its year taking `undated_year`.
pub fn parse_work(text: &str, table: &Table, undated_year: Option<i32>) -> Work {
    read_work(text, table, undated_year, |w, _, _| w)
}

/// [`parse_work`], the work handed to `finish` with its document part and that part's dates
/// (found once: the date finder is the costly step).
fn read_work<R>(
    text: &str,
    table: &Table,
    undated_year: Option<i32>,
    finish: impl FnOnce(Work, &str, &[DateMention]) -> R,
) -> R {
    let p = patterns();
    let text = trim_end_punct(text);
    let mut w = Work {
        text: text.to_string(),
        ..Work::default()
    };
    // (Most citations have neither a bracket nor an address: one byte search says so.)
    let clean = if text.contains('[') {
        p.bracketed_alternative.replace_all(text, "")
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let clean = if clean.contains("http") {
        match p.url.replace_all(&clean, "") {
            std::borrow::Cow::Borrowed(_) => clean,
            std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s),
        }
    } else {
        clean
    };
    let ibid = is_plain_ibid(&clean);
    // After a plain `Ibid.` only the document's own fields follow (`Ibid., 22 Jan 1947`).
    let body = if ibid {
        clean.trim_start()[4..].trim_start_matches(['.', ',', ' ', '*'])
    } else {
        &clean
    };
    // The document's words and the publication or collection they are printed in (a document
    // named between a collection and its imprint has those two, joined, for its container).
    // Whether the words name an archive is asked once: most books and articles name none.
    let collection_around;
    let (doc, container, names_archive) = match split_container(body) {
        (doc, None) => {
            let names_archive = table.may_name_an_archive(doc);
            let collection = || {
                names_archive
                    .then(|| collection_first(doc, table))
                    .flatten()
            };
            match publication_first(doc, table) {
                Some((d, c)) => (d, Some(c), table.may_name_an_archive(d)),
                None => match collection() {
                    Some((d, c)) => {
                        collection_around = c;
                        let container = Some(collection_around.as_str());
                        (d, container, table.may_name_an_archive(d))
                    }
                    None => (doc, None, names_archive),
                },
            }
        }
        (doc, container) => (doc, container, table.may_name_an_archive(doc)),
    };
    // The date finder is the costly step: the document's dates are found once.
    let doc_dates = month_dates(doc, undated_year);
    let day_first = doc_dates.first().is_some_and(|m| m.date.day.is_some());
    // The document's own title, asked only of what may be a document (a book with its
    // imprint never is).
    let read_title = || document_title(doc, &doc_dates, names_archive, table);
    let mut description: Option<String> = None;
    let doc_parts = listed_to_idem(doc, split_top(doc, b','));
    let container_parts = container.map(|c| split_top(c, b',')).unwrap_or_default();

    // A book or article cited whole (its own authors or imprint), rather than a document.
    let own = read_publication(&doc_parts, doc, table);
    // A dated document in a named collection (`…, July 12, 1950, Foreign Relations of the
    // United States, 1945, Vol. VI (Washington: GPO, 1969)`) is a document, imprint or not.
    // The archive each part names, read once for the two questions below.
    let doc_archives: Vec<_> = doc_parts
        .iter()
        .map(|p| names_archive.then(|| table.archive_in(p)).flatten())
        .collect();
    let dated_in_collection = day_first && doc_archives.iter().any(Option::is_some);
    // `HQ, USAFIK, G-2 Periodic Report, No. 1028, 4 Jan 1949`: a body's dated report, no imprint.
    let dated_report = !own.imprint
        && day_first
        && !doc_parts.iter().any(|p| starts_with_ignore_case(p, "vol"))
        && {
            let description = description.get_or_insert_with(read_title);
            split_top(description, b',')
                .iter()
                .any(|part| names_a_document(part, table))
                // (An interview printed in a paper is its interviewer's: `Kook Hoo Kim, The
                // Interview with Ivan Ivanovich Kovalenko, Jung-ang Daily Mail, 8 May 1992`.)
                && table.kind_in(description) != Some(CitedKind::Interview)
        };
    let is_publication = (!own.authors.is_empty() && !dated_report)
        || ((own.imprint || own.periodical) && !dated_in_collection);
    if is_publication {
        find_archive(&mut w, &doc_archives, &[], None, table);
    } else {
        find_archive(&mut w, &doc_archives, &container_parts, container, table);
    }
    let archive = w
        .archive
        .as_deref()
        .and_then(|id| table.archive_id(id))
        .map(|a| (a.fields, a.id.as_str(), a.soviet));
    if let Some((true, _, _)) = archive {
        read_archive_fields(&mut w, &doc_parts, table);
    }
    if w.pages.is_none() {
        w.pages = pages_of(body, &doc_parts, &container_parts, ibid);
    }
    match archive {
        Some((_, id @ "FRUS", _)) => {
            // The series' year and volume follow the part naming it.
            let named_at = doc_archives.iter().position(|named| {
                named
                    .as_ref()
                    .and_then(|m| table.archives.get(m.archive))
                    .is_some_and(|a| a.id == id)
            });
            read_frus(&mut w, &doc_parts, named_at);
        }
        Some((_, "NARA", _)) => read_nara(&mut w, doc, table),
        // A presidential library files by box as the National Archives do.
        Some((_, _, false)) => w.box_number = box_in(doc, table),
        _ => {}
    }
    if is_publication {
        // A document kind at the head of the title (`The Interview with …`) keeps its date;
        // an undated book with its imprint is a book (`The conversation of North and South
        // Korea, …, Seoul: …`).
        let book = own.imprint && doc_dates.is_empty();
        w.kind = own.title.as_deref().filter(|_| !book).and_then(|t| {
            let head = t.trim_start_matches("The ").trim_start_matches("A ");
            let first_words: String = head.chars().take(12).collect();
            table
                .kind_in(head)
                .filter(|_| table.kind_in(&first_words).is_some())
        });
        let (mut title, mut container) = (own.title.clone(), own.container.clone());
        // `Shikin's report on 25 Dec 1945`, `Gao Gang's speech at war council … on 13 August
        // 1950`: someone's dated document printed in the publication.
        if w.kind.is_none() {
            let someones = |t: &&str| !t.contains(':') && (t.contains("'s ") || t.contains("’s "));
            if let Some(t) = title.as_deref().filter(someones) {
                // (Its date is set with the other kinds' below.)
                let to_the_day = month_dates(t, None)
                    .first()
                    .is_some_and(|m| m.date.day.is_some());
                let sender = to_the_day
                    .then(|| correspondents(t, table, false))
                    .and_then(|(from, to)| Some((from?, to)));
                if let Some((from, to)) = sender {
                    w.kind = table.kind_in(t).or(Some(CitedKind::Other));
                    (w.from, w.to) = (Some(from), to);
                }
            }
        }
        // (A newspaper's issue is dated to its day.)
        if w.kind.is_some() || own.periodical {
            w.date = doc_dates.first().map(|m| m.date);
            // `Report on Kim Il Sung's visit … between 30 March and 25 April 1950, The War in
            // Korea 1950-1953: …`: the document's title ends with its date, the book follows.
            if let Some(t) = title.as_deref().filter(|_| container.is_none()) {
                let split = month_dates(t, None).last().and_then(|m| {
                    let book = t[m.bytes.end..].strip_prefix(", ")?;
                    book.starts_with(char::is_uppercase)
                        .then(|| (t[..m.bytes.end].to_string(), book.to_string()))
                });
                if let Some((document, book)) = split {
                    (title, container) = (Some(document), Some(book));
                }
            }
            // The title without the day it ends on, as a document's (`Shikin's report on 25 Dec
            // 1945` is `Shikin's report`; a period, `between 30 March and 25 April 1950`, stays).
            if let Some(t) = title.as_deref().filter(|_| w.kind.is_some()) {
                let head = month_dates(t, None)
                    .last()
                    .filter(|m| m.bytes.end == t.len() && m.date.day.is_some() && m.end.is_none())
                    .and_then(|m| t[..m.bytes.start].trim_end().strip_suffix(" on"))
                    .map(|head| trim_end_punct(head).to_string());
                if head.is_some() {
                    title = head;
                }
            }
        }
        own.fill(&mut w, title, container);
        if w.archive.is_none() {
            w.archive = (w.title.as_deref())
                .and_then(|t| table.archive_publishing(t))
                .map(|a| a.id.clone());
        }
        w.year = w.year.or(w.date.map(|d| d.year));
        // A book's or journal's volume, written as a part of its own (`Vol. 2`, `Tom 1`) or
        // glued to the journal's name (`Social Research Vol. 48`).
        if w.archive.is_none() {
            let container = own.container.as_deref();
            w.volume = doc_parts.iter().find_map(|part| {
                if is_volume_part(part) {
                    p.volume.captures(part).map(|c| c[1].to_string())
                } else if let Some((volume, _)) = volume_colon_issue(part) {
                    Some(volume.to_string())
                } else {
                    glued_volume(part, container?)
                }
            });
        }
        // A journal's issue, in a part after its name (`Cold War International History Project
        // Bulletin, No. 5 (Spring 1995)`, `Seoul Journal of Korean Studies 24, No.1`), a letter
        // printed there included (`Bruce Cumings, "Letter to the Editor of the CWIHP
        // Bulletin" …, in CWIHP Bulletin, Nos. 6-7`).
        if let Some(container) = own.container.as_deref() {
            let after = doc_parts
                .iter()
                .position(|part| part.contains(container))
                .unwrap_or(0);
            w.issue = doc_parts[after..].iter().skip(1).find_map(|part| {
                journal_issue_in(part)
                    .or_else(|| volume_colon_issue(part).map(|(_, issue)| issue.to_string()))
            });
        }
        // `Soviet aim in Korea …, Working Paper NO.8, Cold War International History Project`:
        // a series of reports, with the work's number in it, closes the title. The series is
        // the container, under the name of the project it is printed by where only its kind
        // is written (`… ISEAS Working Papers on Politics and Security Issues`: a named one).
        let closing = w.title.as_deref().and_then(|t| {
            let closing = report_series_closing(t, table)?;
            let series = match (w.container.as_deref(), closing.bare) {
                (None, _) => closing.series.to_string(),
                (Some(project), true) => format!("{project} {}", closing.series),
                (Some(_), false) => return None,
            };
            Some((closing.title.to_string(), series, closing.number))
        });
        if let Some((title, series, number)) = closing {
            w.title = Some(title);
            w.container = Some(series);
            w.issue = w.issue.take().or(number);
        }
        return finish(w, doc, &doc_dates);
    }
    let description = description.unwrap_or_else(read_title);
    w.date = document_date(doc, &doc_dates);
    let (from, to) = correspondents(doc, table, archive_letters(w.archive.as_deref(), table));
    w.from = from;
    w.to = to;
    if w.date.is_none() && w.from.is_some() && w.to.is_some() {
        w.date = year_after_correspondents(&doc_parts);
    }
    w.via = w
        .from
        .as_ref()
        .and(w.to.as_ref())
        .and_then(|_| via(doc, table));
    w.number = table.numbers.first_in(doc).map(str::to_string);
    // `"Bruce Cumings's Letter to the Editor," CWIHP Bulletin, Nos. 6-7, p. 120`: a document
    // printed in an issue of an archive's journal, the issue right after the journal's name.
    // The issue is the journal's, not the document's number.
    let journal_issue = (container.is_none())
        .then(|| {
            doc_parts
                .windows(2)
                .zip(&doc_archives)
                .filter(|(_, archive)| archive.is_some())
                .find_map(|(pair, _)| {
                    let issue = journal_issue_in(pair[1])?;
                    // (The document's quoted title may share the journal's part.)
                    let journal = after_closing_quote(pair[0]).unwrap_or(pair[0]);
                    let journal = trim_end_punct(journal.trim());
                    (journal.split_whitespace().count() > 1).then(|| (journal.to_string(), issue))
                })
        })
        .flatten();
    if let Some((journal, issue)) = journal_issue {
        w.container = Some(journal);
        w.issue = Some(issue);
        w.number = None;
    }
    let soviet = archive.is_some_and(|a| a.2);
    let series_kind = w.number.as_deref().and_then(|n| {
        table
            .number_kinds
            .iter()
            .find(|(prefix, _)| n.starts_with(prefix.as_str()))
            .map(|&(_, kind)| kind)
    });
    w.kind = table
        .kind_in(&description)
        .or(series_kind)
        // (`Strategic Evaluation …, 9 June 1949, reported by the Joint Chiefs of Staff`: the
        // title names no kind, the sender's verb does.)
        .or_else(|| table.kind_in(doc))
        .or(match (&w.from, &w.to) {
            (Some(_), Some(_)) if soviet => Some(table.correspondence_default),
            _ if w.archive.is_some() || w.from.is_some() || w.date.is_some() => {
                Some(CitedKind::Other)
            }
            _ => None,
        });
    w.title = (!description.is_empty()).then_some(description);
    // `FEC Intelligence Summaries Nos. 2611, 2618, …`: the title cut at the list's first comma
    // carries the whole list.
    if let (Some(title), Some(number)) = (&mut w.title, &w.number) {
        let first = number.split(',').next().unwrap_or(number);
        if first.len() < number.len() && title.ends_with(first) {
            title.truncate(title.len() - first.len());
            title.push_str(number);
        }
    }
    if let Some(c) = container {
        // A document read in a publication: the publication's title is the container (not
        // the archive whose collection it is: `Ministry of Foreign Affairs in South Korea, The
        // Summary of documentations …`).
        let (container_parts, c) = match container_parts.split_first() {
            Some((first, rest)) if !rest.is_empty() && table.is_archive_name(first.trim()) => {
                (rest, c.get(first.len() + 1..).unwrap_or(c).trim_start())
            }
            _ => (&container_parts[..], c),
        };
        let publication = read_publication(container_parts, c, table);
        let title = w.title.take();
        // (`… in Mainichi Shimbun, 26 February 1993`: a newspaper has no title of its own.)
        let container = if publication.periodical {
            publication.container.clone()
        } else {
            publication.title.clone()
        };
        publication.fill(&mut w, title, container);
    }
    w.year = w.year.or(w.date.map(|d| d.year));
    // A work that is neither a document nor read as a publication still gives its year
    // (`Korea Bureau of Public Information, The Beginning and End …, 1950, p.12`).
    if w.year.is_none() && w.kind.is_none() && w.archive.is_none() {
        w.year = own.year;
    }
    finish(w, doc, &doc_dates)
}

/// A title closed by a series of reports: `Soviet aim in Korea …, Working Paper NO.8`.
struct ReportSeriesClosing<'t> {
    /// The title before the series: `Soviet aim in Korea …`.
    title: &'t str,
    /// `Working Paper`, `ISEAS Working Papers on Politics and Security Issues`.
    series: &'t str,
    /// Whether the series is named by its kind alone (`Working Paper`).
    bare: bool,
    /// The work's number in the series: `8`.
    number: Option<String>,
}

fn report_series_closing<'t>(title: &'t str, table: &Table) -> Option<ReportSeriesClosing<'t>> {
    let (head, tail) = title.rsplit_once(", ")?;
    let span = table.report_series_in(tail)?;
    let number = journal_issue_in(tail[span.end..].trim_start_matches([',', ' ']));
    let series = if number.is_some() {
        trim_end_punct(&tail[..span.end])
    } else {
        tail
    };
    (!head.trim().is_empty()).then(|| ReportSeriesClosing {
        title: head.trim(),
        series,
        bare: span.start == 0 && series.len() == span.end,
        number,
    })
}

/// The issue a part gives, spaces dropped: `No. 4 (Winter 1993)` → `4`, `Nos. 6-7` → `6-7`.
fn journal_issue_in(part: &str) -> Option<String> {
    let part = part.trim();
    // (Most parts open with another letter: the pattern runs only on those that may.)
    if !part.starts_with(['N', 'n', 'I', 'i']) {
        return None;
    }
    let c = patterns().issue.captures(part)?;
    Some(c[1].split_whitespace().collect())
}

/// The document's date: the first date standing as its own part (`…, 12 Aug 1946, p.1`), else
/// the first in its description (`The Report by Ignatiev on 12 Nov 1945`).
fn document_date(doc: &str, dates: &[DateMention]) -> Option<PartialDate> {
    let own_part = dates.iter().find(|m| {
        let before = doc[..m.bytes.start].trim_end();
        before.is_empty() || before.ends_with(',')
    });
    // `Shtykovs diary on 30 July 1948, 2 Sep 1948`: a list of dates starts with the first.
    let listed = |first: &DateMention, own: &DateMention| {
        doc.get(first.bytes.end..own.bytes.start)
            .is_some_and(|gap| gap.trim_matches([',', ' ']).is_empty())
    };
    match (dates.first(), own_part) {
        (Some(first), Some(own)) if listed(first, own) => Some(first.date),
        (first, own) => own.or(first).map(|m| m.date),
    }
}

/// `FRUS, Robert P. Patterson to G. Marshall, 1947, Vol. IV.`: a letter dated by its year
/// alone, written where a day would be, right after its correspondents (not a series' year
/// after the series' name: `FRUS, 1945, Vol. VI`).
fn year_after_correspondents(parts: &[&str]) -> Option<PartialDate> {
    parts.windows(2).find_map(|pair| {
        let year = trim_end_punct(pair[1].trim());
        if is_year(year) && word_index(&pair[0].to_lowercase(), "to").is_some() {
            year.parse().ok().map(PartialDate::year)
        } else {
            None
        }
    })
}

fn archive_letters(archive: Option<&str>, table: &Table) -> bool {
    archive
        .and_then(|id| table.archive_id(id))
        .is_none_or(|a| a.letters)
}

/// Whether a part of a title is a document's name: it opens with a kind word (`The Interview
/// with …`) or ends with one (`G-2 Periodic Report`), rather than mentioning one in passing
/// (`China's Decision to Enter the Korean War`).
fn names_a_document(part: &str, table: &Table) -> bool {
    let words: Vec<&str> = part
        .split_whitespace()
        .filter(|w| !matches!(*w, "The" | "A" | "An"))
        .collect();
    let is_kind = |w: Option<&&str>| {
        w.is_some_and(|w| {
            table
                .kind_in(w.trim_matches(|c: char| !c.is_alphanumeric()))
                .is_some()
        })
    };
    is_kind(words.first()) || is_kind(words.last())
}

/// A document's description: its parts that are neither the archive, a reference field, a
/// date nor a locator (`Letter from Stalin to Gottwald`).
fn document_title(doc: &str, dates: &[DateMention], names_archive: bool, table: &Table) -> String {
    // The description ends where the document's date begins.
    let head = match dates.first() {
        Some(m) if m.bytes.start > 0 => &doc[..m.bytes.start],
        _ => doc,
    };
    // `March 20, 1950, Soviet Documents`, `October 24 and 27, 1949, …`: a citation that opens
    // with its date describes the document after it, once the date's year is past.
    let mut in_opening_date = dates.first().is_some_and(|m| m.bytes.start == 0);
    let mut head = head.trim_end().trim_end_matches(',').trim_end();
    for word in [" on", " of", " dated", " in", " from", " between"] {
        head = head.strip_suffix(word).unwrap_or(head);
    }
    // (`…, on 25 Dec 1945`: the comma before the word.)
    let head = head.trim_end_matches(',');
    let mut kept = Vec::new();
    for part in split_top(head, b',') {
        let bare = trim_end_punct(part);
        if in_opening_date {
            in_opening_date = !bare
                .as_bytes()
                .windows(4)
                .any(|w| w.iter().all(u8::is_ascii_digit));
            continue;
        }
        let whole = |m: regex::Match| m.start() == 0 && m.end() == bare.len();
        // (A box or a file is where the document is, not what it is called; every one holds a
        // digit or the word "File", which most parts do not.)
        let may_locate = bare.bytes().any(|b| b.is_ascii_digit()) || bare.contains("File");
        let is_location = may_locate
            && (table.nara_box.find(bare).is_some_and(whole)
                || table.nara_file.find(bare).is_some_and(whole));
        if (names_archive && table.is_archive_name(bare))
            || is_reference_field(bare, table)
            || is_location
        {
            continue;
        }
        // (A part that opens with a date is a locator.)
        if is_locator(bare) || bare.starts_with(|c: char| c.is_ascii_digit()) {
            if kept.is_empty() {
                continue;
            }
            break;
        }
        kept.push(bare);
    }
    let title = kept.join(", ");
    let title = match quoted_title(&title) {
        Some(q) if title.starts_with(['"', '“']) => q.to_string(),
        _ => title.trim_matches(['"', '“', '”']).to_string(),
    };
    title.trim().to_string()
}

fn is_reference_field(part: &str, table: &Table) -> bool {
    let l = &table.fields;
    l.may_label(part)
        && [&l.fond, &l.opis, &l.delo, &l.papka, &l.listy]
            .iter()
            .any(|labels| {
                labels
                    .iter()
                    .any(|label| labelled_value(part, label).is_some())
            })
}

/// `Shtykov to Vyshinsky, September 3, 1949 in Weathersby, …` and `… quoted in Cumings, …`: the
/// document and the publication it is read in.
fn split_container(s: &str) -> (&str, Option<&str>) {
    if let Some(i) = find_top(s, " quoted in ") {
        return (s[..i].trim(), Some(s[i + " quoted in ".len()..].trim()));
    }
    for needle in [", in ", " in "] {
        if let Some(i) = find_top(s, needle) {
            let (left, right) = (&s[..i], s[i + needle.len()..].trim());
            // The document's date ends the words before `in` (`…, June 26, 1950 in Weathersby`,
            // `April 1950 (undated) in …`); `…, 30 March and 25 April 1950, The War in Korea
            // 1950-1953` is a book's title.
            let head = left.trim_end().trim_end_matches(',');
            let head = match head.strip_suffix(')').and_then(|h| h.rfind('(')) {
                Some(open) => head[..open].trim_end(),
                None => head,
            };
            let dated = month_dates(head, None)
                .last()
                .is_some_and(|m| m.bytes.end == head.len());
            if dated && right.starts_with(|c: char| c.is_uppercase()) {
                return (left.trim(), Some(right));
            }
        }
    }
    (s, None)
}

/// `Doklad, Tom 1, 1948, pp.292-310, The Report by Shikin to Bulganin about …, 13 Mar 1946`:
/// a publication cited first, to its pages, then the dated document printed there. The
/// document, and the publication as its container.
fn publication_first<'s>(s: &'s str, table: &Table) -> Option<(&'s str, &'s str)> {
    // (Cheap test first: the citation ends with a year, as a date does.)
    let tail = s.trim_end().as_bytes();
    if tail.len() < 4 || !tail[tail.len() - 4..].iter().all(u8::is_ascii_digit) || !s.contains("p.")
    {
        return None;
    }
    let parts = split_top(s, b',');
    let pages = parts.iter().position(|p| {
        let p = p.trim();
        starts_with_ignore_case(p, "p.") || starts_with_ignore_case(p, "pp.")
    })?;
    let document = parts.get(pages + 1).filter(|_| pages > 0)?;
    table.kind_in(document)?;
    let start = (document.as_ptr() as usize).wrapping_sub(s.as_ptr() as usize);
    let (publication, document) = (s.get(..start)?, s.get(start..)?.trim());
    let dated = month_dates(document, None)
        .last()
        .is_some_and(|m| m.bytes.end == document.len() && m.date.day.is_some());
    dated.then(|| (document, publication.trim_end().trim_end_matches(',')))
}

/// `Ministry of Foreign Affairs in South Korea, The Summary of documentations about the Korean
/// War (Jan 1949 - August 1953), The Report on Kim's visit to Moscow between 30 March 1950 and
/// 25 April 1950 by the International Bureau …, Moscow: Ministry of Foreign Affairs, 1996`: an
/// archive's collection, a dated document it prints, then the collection's imprint. The
/// document, and the collection with its imprint as its container.
fn collection_first<'s>(s: &'s str, table: &Table) -> Option<(&'s str, String)> {
    // (Cheap tests first: an imprint, and a collection of an archive's at the head.)
    let head = s.split(',').next().unwrap_or("");
    if !s.contains(':') || !table.is_archive_name(head.trim()) {
        return None;
    }
    let parts = split_top(s, b',');
    if parts.len() < 4 {
        return None;
    }
    let k = (2..parts.len() - 1).find(|&k| {
        let head: String = parts[k].trim().chars().take(16).collect();
        table.kind_in(head.trim_start_matches("The ")).is_some()
            && parts[k + 1].contains(':')
            && month_dates(parts[k], None)
                .first()
                .is_some_and(|m| m.date.day.is_some())
    })?;
    let container = parts[..k]
        .iter()
        .chain(&parts[k + 1..])
        .map(|p| p.trim())
        .collect::<Vec<_>>()
        .join(", ");
    Some((parts[k].trim(), container))
}

fn find_archive(
    w: &mut Work,
    doc_archives: &[Option<ArchiveMatch>],
    container_parts: &[&str],
    container: Option<&str>,
    table: &Table,
) {
    let mut record_group = None;
    let container_archives = container_parts.iter().map(|p| table.archive_in(p));
    for m in doc_archives
        .iter()
        .copied()
        .chain(container_archives)
        .flatten()
    {
        if w.archive.is_none() {
            w.archive = Some(table.archives[m.archive].id.clone());
        }
        record_group = record_group.or(m.record_group);
    }
    w.record_group = record_group.map(str::to_string);
    if w.archive.is_none() {
        let by = container.and_then(|_| container_parts.first()).copied();
        if let Some(a) = by.and_then(|by| table.archive_via(by)) {
            w.archive = Some(a.id.clone());
        }
    }
}

/// `Fond 379`, `Font.558`, `F.45`, `Opis266`, `OP.1`, `Delo3`, `D.329`, `Papka 4`, `Listy 71-72`.
fn read_archive_fields(w: &mut Work, parts: &[&str], table: &Table) {
    let labels = &table.fields;
    for part in parts {
        let part = part.trim().trim_end_matches('.');
        let fields: [(&Vec<String>, &mut Option<String>); 5] = [
            (&labels.fond, &mut w.fond),
            (&labels.opis, &mut w.opis),
            (&labels.papka, &mut w.papka),
            (&labels.delo, &mut w.delo),
            (&labels.listy, &mut w.pages),
        ];
        'fields: for (names, slot) in fields {
            // Longest label first (`Opis` before `Op`), as the table is read.
            for label in names {
                if let Some(value) = labelled_value(part, label) {
                    if slot.is_none() && !value.is_empty() {
                        *slot = Some(normalise_pages(value));
                    }
                    break 'fields;
                }
            }
        }
    }
}

/// The value after `label` if the part is `label` and a value: one-letter labels take a full
/// stop and match in their case; longer ones any case, glued to a number or spaced.
fn labelled_value<'p>(part: &'p str, label: &str) -> Option<&'p str> {
    let head = part.get(..label.len())?;
    let rest = &part[label.len()..];
    let matched = if label.len() == 1 {
        head == label && rest.starts_with('.')
    } else {
        head.eq_ignore_ascii_case(label)
            && (rest.is_empty()
                || rest.starts_with(['.', ' '])
                || rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    if !matched {
        return None;
    }
    let value = rest.trim_start_matches(['.', ' ']).trim();
    let valid = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '–'));
    valid.then_some(value)
}

fn normalise_pages(p: &str) -> String {
    if !p.contains(['–', '-']) {
        return p.trim().to_string();
    }
    p.replace('–', "-")
        .replace(" - ", "-")
        .trim_end_matches('-')
        .trim()
        .to_string()
}

/// The pages cited: the last `p.`/`pp.`, else a bare number closing the citation (`Ibid.,
/// 617`, `“New Russian Documents on the Korean War,” 101`).
fn pages_of(
    body: &str,
    doc_parts: &[&str],
    container_parts: &[&str],
    ibid: bool,
) -> Option<String> {
    let p = patterns();
    if let Some(c) = p
        .pages_after_imprint
        .captures(body)
        .filter(|c| !is_year(c[1].trim()))
    {
        return Some(normalise_pages(&c[1].replace(' ', "")));
    }
    if let Some(c) = p.pages.captures_iter(body).last() {
        let v = normalise_pages(&c[1].replace(' ', ""));
        return (!v.is_empty()).then_some(v);
    }
    let last = container_parts.last().or(doc_parts.last())?;
    let (last, after_title) = match after_closing_quote(last) {
        Some(tail) => (tail, true),
        None => (*last, false),
    };
    let last = trim_end_punct(last);
    // A lone number is a page only after something it could be a page of.
    let follows = ibid || after_title || doc_parts.len() + container_parts.len() > 1;
    (is_bare_pages(last) && follows).then(|| normalise_pages(last))
}

/// `617`, `120-2`: pages without `p.` (not a year, nor years: `Kolko, The Limits of Power: …,
/// 1945-1954` ends with its title's).
fn is_bare_pages(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || c == '-')
        && !is_year(s.split('-').next().unwrap_or(s))
}

/// What follows a part's closing quote (`“Title,” 101` → `101`), if anything does.
fn after_closing_quote(part: &str) -> Option<&str> {
    let (i, q) = part
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '"' | '”'))?;
    let tail = part[i + q.len_utf8()..].trim();
    (!tail.is_empty()).then_some(tail)
}

fn read_frus(w: &mut Work, doc_parts: &[&str], named_at: Option<usize>) {
    let p = patterns();
    let after = named_at.map_or(0, |i| i + 1);
    let rest = &doc_parts[after.min(doc_parts.len())..];
    w.frus_year = rest
        .iter()
        .map(|s| trim_end_punct(s))
        .find(|s| is_year(s))
        .and_then(|s| s.parse().ok());
    w.volume = doc_parts
        .iter()
        .find_map(|part| p.volume.captures(part).map(|c| c[1].to_string()))
        .or_else(|| {
            rest.iter()
                .map(|s| trim_end_punct(s))
                .find(|s| !s.is_empty() && s.chars().all(|c| "IVXL".contains(c)))
                .map(str::to_string)
        });
}

fn read_nara(w: &mut Work, doc: &str, table: &Table) {
    w.box_number = box_in(doc, table);
    w.section = table.nara_section.captures(doc).map(|c| c["v"].to_string());
    w.file = table.nara_file.find(doc).map(|m| m.as_str().to_string());
}

/// `box 243`: the box a US archive files the document in.
fn box_in(doc: &str, table: &Table) -> Option<String> {
    table.nara_box.captures(doc).map(|c| c["v"].to_string())
}

impl Publication {
    /// Gives `w` this publication's authors and imprint, with `title` and `container`.
    fn fill(&self, w: &mut Work, title: Option<String>, container: Option<String>) {
        w.authors.clone_from(&self.authors);
        w.et_al = self.et_al;
        w.title = title;
        w.container = container;
        (w.series, w.series_number) = self.series.clone().unzip();
        w.place.clone_from(&self.place);
        w.publisher.clone_from(&self.publisher);
        w.year = self.year;
    }
}

#[derive(Debug, Default)]
struct Publication {
    authors: Vec<String>,
    /// `et al.` after them.
    et_al: bool,
    title: Option<String>,
    container: Option<String>,
    /// The book's series and its number in it.
    series: Option<(String, String)>,
    place: Option<String>,
    publisher: Option<String>,
    year: Option<i32>,
    imprint: bool,
    /// The newspaper the citation opens with (`Pravda, 17 Sep 1945`): its container.
    periodical: bool,
}

/// `et. al. Uncertain Partners` as `et. al.` and the capitalised words after it.
fn et_al_run_on(part: &str) -> Option<(&str, &str)> {
    Table::get().et_al.iter().find_map(|mark| {
        let head = part.get(..mark.len())?;
        let rest = part[mark.len()..].strip_prefix(' ')?.trim_start();
        (head.eq_ignore_ascii_case(mark) && rest.starts_with(char::is_uppercase))
            .then_some((head, rest))
    })
}

/// Authors, title, container and imprint of a book or article citation, in either text's
/// style: `Author, Title, Place: Publisher, Year, pp.` or `Author, "Title," Journal, Vol. 2,
/// pp.` or `Author, Title (Place: Publisher, Year), p.`.
fn read_publication(parts: &[&str], whole: &str, table: &Table) -> Publication {
    // `Goncharov, et. al. Uncertain Partners`: a title run on after "et al." with no comma
    // is a part of its own.
    let run_on: Vec<&str>;
    let parts = if parts
        .iter()
        .skip(1)
        .any(|part| et_al_run_on(part).is_some())
    {
        run_on = parts
            .iter()
            .enumerate()
            .flat_map(|(k, part)| match et_al_run_on(part).filter(|_| k > 0) {
                Some((et_al, title)) => vec![et_al, title],
                None => vec![*part],
            })
            .collect();
        &run_on[..]
    } else {
        parts
    };
    let p = patterns();
    let mut out = Publication::default();
    let mut i = 0;
    // The title is quoted after the authors, and a pseudonym is quoted before it.
    let mut after_authors = whole;
    // Whether an author's part names the editors of the book the work is a chapter of.
    let mut in_edited_book = false;
    let editor_mark =
        |p: &str| (table.editor_marks.iter()).any(|e| e.eq_ignore_ascii_case(p.trim()));
    // (`Edward Friedman & Mark Selden, eds., Title`: the authors' role, a part of its own.)
    let role = |p: &str| {
        let p = p.trim();
        p.eq_ignore_ascii_case("jr.") || p.eq_ignore_ascii_case("jr") || editor_mark(p)
    };
    if let Some(name) = parts.first().and_then(|p| pseudonym(p)) {
        out.authors.push(name.to_string());
        i = 1;
        after_authors = whole.split_once(']').map_or(whole, |(_, rest)| rest);
    }
    // A newspaper at the head is where the piece is printed, not its author (`Munhwa Ilbo,
    // Interview with Kathryn Weathersby, 17 Dec 2012`, `Pravda, 17 Sep 1945`).
    let mut periodical = None;
    // (A book a paper published, with its imprint, is the paper's as author.)
    let imprinted = parts.iter().skip(1).any(|p| p.contains(':'));
    if let Some(name) = parts
        .first()
        .filter(|p| i == 0 && !imprinted && table.is_periodical(p))
    {
        periodical = Some(trim_end_punct(name.trim()).to_string());
        i = 1;
    }
    // Authors: name-like parts at the head, with "et al." and "(eds.)".
    while i + 1 < parts.len() {
        let part = parts[i];
        let et_al =
            starts_with_ignore_case(part, "et al") || starts_with_ignore_case(part, "et. al");
        if i > 0 && (et_al || role(part)) {
            out.et_al |= et_al;
            i += 1;
            continue;
        }
        let candidate = strip_all_suffixes(part, "(eds.)");
        let candidate = strip_all_suffixes(candidate, "(ed.)");
        // `Robert M. Slusser (Yonosuke Nagai & Akira Iriye eds.)`: the book's editors.
        let (candidate, names_editors) = match candidate.split_once(" (") {
            Some((name, editors)) if editors.ends_with("eds.)") || editors.ends_with("ed.)") => {
                (name, true)
            }
            _ => (candidate, false),
        };
        let candidate = strip_all_suffixes(candidate, "ed.").trim();
        let candidate = candidate.strip_prefix("and ").unwrap_or(candidate);
        // `Robert A. Scalapino, Jung Sik Lee, The History of …`: a Korean or Chinese name
        // needs no initials, as long as a title follows it.
        let east_asian_name = || {
            let words: Vec<&str> = candidate.split_whitespace().collect();
            (2..=3).contains(&words.len())
                && !candidate.contains('(')
                && words
                    .iter()
                    .any(|w| table.family_name_first.iter().any(|f| f == w))
                && parts.get(i + 1).is_some_and(|next| !is_locator(next))
        };
        // `Evgeniy Bajanov, Natalia Bajanova, The Korean Conflict …`: a family's second author.
        let same_family = || {
            let surname_of = |n: &str| n.rsplit(' ').next().unwrap_or("").to_string();
            let last = out
                .authors
                .last()
                .map(|a| surname_of(a))
                .unwrap_or_default();
            last.len() >= 3
                && candidate.split_whitespace().count() == 2
                && surname_of(candidate).starts_with(&last)
        };
        // `Vneshnyaya Politika Sovetskogo Soyuza, 1946 god, Moskva: …`: a title goes on with
        // its year; an author is followed by a title.
        let title_goes_on = i == 0
            && parts
                .get(1)
                .and_then(|next| next.trim().get(..4))
                .is_some_and(is_year);
        let further_ok = (i == 0 && !title_goes_on)
            || part.starts_with("and ")
            || parts.get(i + 1).is_some_and(|next| role(next))
            || part.contains("(ed")
            || candidate
                .split_whitespace()
                .any(|w| w.len() <= 3 && w.ends_with('.'))
            || east_asian_name()
            || same_family();
        // (`US Daily Intelligence Summary, The Report by …`: a series names a document kind.)
        if !is_name_like(candidate)
            || !further_ok
            || table.is_archive_name(candidate)
            || table.kind_in(candidate).is_some()
        {
            break;
        }
        let names: Vec<&str> = candidate
            .split(" & ")
            .flat_map(|s| s.split(" and "))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        // (`Grey. Jr`: a stray full stop before the suffix.)
        out.authors.extend(
            sharing_last_surname(&names)
                .iter()
                .map(|name| name.replace(". Jr", " Jr")),
        );
        in_edited_book |= names_editors;
        i += 1;
    }
    // `Institit Vostokovedeniia, Akademiya Nauk SSSR, ed., Title`: the editors are one body,
    // an institute and then the academy it belongs to.
    let edited_by_two = i == 3 && parts.get(2).is_some_and(|mark| editor_mark(mark));
    if let [institute, parent] = &out.authors[..] {
        if edited_by_two && table.names_an_office(parent) && !table.names_an_office(institute) {
            out.authors = vec![format!("{institute}, {parent}")];
        }
    }
    // `US Senate, Committees on Armed Services and Foreign Relations, Military Situation in the
    // Far East`: a body's committee, named after it, is the body's too.
    if i == 1 && out.authors.len() == 1 && table.names_an_office(&out.authors[0]) {
        let next = parts[1].trim();
        let opens_with_office = next.split_whitespace().next().is_some_and(|w| {
            // (Singular or plural: `Committees`, and `Forces` as listed.)
            table.is_office_word(w) || w.strip_suffix('s').is_some_and(|s| table.is_office_word(s))
        });
        let title_follows = parts.get(2).is_some_and(|t| !is_locator(t));
        if opens_with_office && title_follows && !next.contains(['"', '“', ':']) {
            out.authors[0] = format!("{}, {next}", out.authors[0]);
            i = 2;
        }
    }
    // Imprint in brackets: `(New York: Norton, 1969)`.
    let mut paren_imprint = None;
    // (Most citations hold no bracket, and captures are dear to ask for.)
    let captures = whole.contains('(').then(|| {
        p.paren_imprint.captures(whole).or_else(|| {
            p.paren_imprint_comma
                .captures(whole)
                .filter(|c| table.names_a_publisher(&c[2]))
        })
    });
    if let Some(c) = captures.flatten() {
        out.place = Some(c[1].trim().to_string());
        out.publisher = Some(c[2].trim().to_string());
        out.year = c[3].parse().ok();
        out.imprint = true;
        paren_imprint = Some(c[0].to_string());
    }
    // Imprint as parts: `New York: Norton, 1969`.
    let mut end = parts.len();
    if !out.imprint {
        for (k, part) in parts.iter().enumerate().skip(i + 1) {
            let Some((place, publisher)) = part.split_once(':') else {
                continue;
            };
            let publisherish = table.names_a_publisher(publisher);
            // The part with the imprint's year: the next, or the one after a volume (`Moscow:
            // Novosti, vol.2, 1989`) or after the rest of the publisher's name (`Prentice-Hall,
            // Inc, 1954`; `Voennoe Izdatelstvo, Ministerstvo Vooruzhennykh Sil …, 1947`).
            let year_at = (k + 1..parts.len().min(k + 3))
                .find(|&m| imprint_year(parts[m]).is_some())
                .filter(|&m| {
                    let between = parts[k + 1..m].first().map(|p| p.trim());
                    between.is_none_or(|b| {
                        starts_with_ignore_case(b, "vol")
                            || (is_name_like(b) && (publisherish || table.names_a_publisher(b)))
                    })
                });
            let publisher_goes_on =
                year_at == Some(k + 2) && !starts_with_ignore_case(parts[k + 1].trim(), "vol");
            // (`22: 551` is a volume and issue.)
            let worded = |s: &str| s.chars().any(char::is_alphabetic);
            if (year_at.is_some() || publisherish) && worded(place) && worded(publisher) {
                // `Washington, D.C: …`, `Englewood Cliffs, N.J.: …`: a state's abbreviation
                // after its city.
                let place = place.trim();
                // (`Vol. 9. Shanghai: …`: a volume before the place.)
                let place = place
                    .rsplit_once(". ")
                    .filter(|(before, _)| before.ends_with(|c: char| c.is_ascii_digit()))
                    .map_or(place, |(_, place)| place);
                let state = place.len() <= 5
                    && !place.contains(' ')
                    && (place.contains('.')
                        || (place.len() == 2 && place.bytes().all(|b| b.is_ascii_uppercase())));
                let city = parts
                    .get(k.wrapping_sub(1))
                    .filter(|c| state && k > i + 1 && is_name_like(c));
                out.place = Some(match city {
                    Some(city) => {
                        end = k - 1;
                        format!("{}, {place}", city.trim())
                    }
                    None => {
                        end = k;
                        place.to_string()
                    }
                });
                let publisher = if publisher_goes_on {
                    format!("{}, {}", publisher.trim(), parts[k + 1].trim())
                } else {
                    publisher.trim().to_string()
                };
                out.publisher = Some(trim_end_punct(&publisher).to_string());
                out.year = year_at.and_then(|m| imprint_year(parts[m]));
                out.imprint = true;
                break;
            }
        }
    }
    // An imprint without `Place: Publisher`: a place the table knows and the year (`…, Moskva,
    // 1951`: a journal's name and year look the same), or a company and the year (`…, Vol.1,
    // New Word City, Inc., 2017, pp.440-441`).
    if !out.imprint {
        let bare_imprint = (i + 1..parts.len()).find_map(|k| {
            let part = trim_end_punct(parts[k].trim());
            let year_after = |n: usize| parts.get(k + n).and_then(|p| imprint_year(p));
            if table.is_place(part) {
                // (`Phkenvyan, Oktyabrya, 1948`: the month of printing between.)
                let month_between = parts.get(k + 1).is_some_and(|m| {
                    crate::corpus::months::month_of(trim_end_punct(m.trim())).is_some()
                });
                let year = year_after(1).or_else(|| year_after(2).filter(|_| month_between))?;
                return Some((k, Some(part.to_string()), None, year));
            }
            let suffix = parts.get(k + 1)?.trim();
            let company = !suffix.contains(' ')
                && table.names_a_publisher(suffix)
                && is_name_like(parts[k].trim());
            company.then(|| {
                let publisher = format!("{}, {suffix}", parts[k].trim());
                Some((k, None, Some(publisher), year_after(2)?))
            })?
        });
        if let Some((k, place, publisher, year)) = bare_imprint {
            (out.place, out.publisher, out.year) = (place, publisher, Some(year));
            out.imprint = true;
            end = k;
        }
    }
    // A body as author before a published title: `The Defense Ministry of South Korea, The
    // Korean War, Seoul: Ministry of Defense, 1954` (not an archive's name: `Institute of
    // Foreign Affairs and National Security, …` cites a document of its collection).
    // A short form keeps its body (`The Board of National Unification, The relations between
    // the USSR and North Korea, p.39`).
    let short_form = parts.len() == 3
        && (table.page_labels.iter()).any(|p| starts_with_ignore_case(parts[2].trim(), p));
    // So does a title with its year and no imprint (`Korea Bureau of Public Information, The
    // Beginning and End of the Soviet Military Government, 1950, p.12`).
    let dated_title = parts.get(2).is_some_and(|p| is_year(trim_end_punct(p)));
    // So does a journal's issue (`U.S. Department of State, U.S. Department of State bulletin,
    // 22: 551, …`): the body writes in its own journal.
    let journal_issue = || {
        parts.get(2).is_some_and(|v| opens_volume(v))
            && parts.get(1).is_some_and(|j| table.names_a_series(j))
    };
    if out.authors.is_empty()
        && (out.imprint || short_form || dated_title || journal_issue())
        && i == 0
        && end.min(parts.len()) > 1
    {
        let body = parts[0].trim();
        let is_body = table.names_an_office(body);
        // (`Assistant Secretary of State Dean Rusk's memo to G. Bernard Noble` is a document.)
        let is_document = table.kind_in(body).is_some() || word_index(body, "to").is_some();
        if is_body
            && !is_document
            && !table.is_archive_name(body)
            && !body.contains(['"', '“', ':'])
        {
            out.authors.push(body.to_string());
            i = 1;
            after_authors = whole.get(parts[0].len()..).unwrap_or(whole);
        }
    }
    // The translator after the authors: `Adrei Gromiko, Park Hyungkyu(trans.), Gromikos Memoir`.
    while i + 1 < end.min(parts.len()) && {
        let part = trim_end_punct(parts[i])
            .trim_end_matches(')')
            .trim_end_matches('.')
            .to_ascii_lowercase();
        part.ends_with("(trans") || part.ends_with("(translate")
    } {
        i += 1;
    }
    // Title: a quoted one, else the parts up to the imprint or the journal's volume.
    let rest = &parts[i.min(parts.len())..end.max(i).min(parts.len())];
    let mut issue_after_quote = None;
    if let Some(quoted) = quoted_title(after_authors) {
        out.title = Some(quoted.to_string());
        // `"Title," Journal`: the journal follows the closing quote, in the same part (the
        // comma is inside the quotes) or the next; `"Title," in Book, …` a chapter's book.
        let quote = rest.iter().position(|s| s.contains(['"', '“', '”']));
        // `"Title," Current History (March 1951)`: the issue's date is in the quote's part.
        issue_after_quote = quote
            .and_then(|k| after_closing_quote(rest[k]))
            .and_then(|tail| issue_year(&[tail]));
        out.container = quote.and_then(|k| {
            // (`"Title," p. 439`: pages after the quote are no journal.)
            let tail = after_closing_quote(rest[k])
                .filter(|tail| !is_locator(tail) && !is_bare_pages(trim_end_punct(tail)));
            match tail {
                Some(tail) => {
                    let mut book = vec![tail];
                    book.extend_from_slice(&rest[k + 1..]);
                    container_from(&book)
                }
                None => {
                    let next = rest[k + 1..].iter().position(|s| !is_locator(s))?;
                    container_from(&rest[k + 1 + next..])
                }
            }
        });
    } else if let (Some(imprint), false) = (&paren_imprint, rest.is_empty()) {
        // `Title, Vol. 2 (Place: Publisher, Year)`: the title runs up to the imprint.
        let joined = rest.join(", ");
        let before = joined
            .find(imprint.as_str())
            .map_or(joined.as_str(), |i| &joined[..i]);
        let title: Vec<&str> = split_top(before, b',')
            .into_iter()
            .take_while(|s| !is_locator(s))
            .collect();
        let title = trim_end_punct(&without_editors(title).join(", ")).to_string();
        out.title = (!title.is_empty()).then_some(title);
    } else if !rest.is_empty() {
        let stop = rest
            .iter()
            .position(|s| is_locator(s))
            .unwrap_or(rest.len());
        let title_parts = &rest[..stop];
        // `Title, Hoover Institute Series 11, Place: Publisher, Year`: a book's series closes
        // its title.
        let series = out
            .imprint
            .then(|| {
                (1..title_parts.len()).find_map(|k| Some((k, book_series(title_parts[k], table)?)))
            })
            .flatten();
        let title_parts = match series {
            Some((k, series)) => {
                out.series = Some(series);
                &title_parts[..k]
            }
            None => title_parts,
        };
        // `Chapter, in Book, Place: Publisher, Year`: the chapter's title, then its book.
        // (`Paper, at the conference on …, Georgetown University, Washington D.C., 24-25 July
        // 1995`: a paper's conference is its container, as a chapter's book.)
        // (`…, International Academic Conference marking …, Seoul: …`: a meeting named
        // after the title is the paper's, as `at the conference on …` is.)
        let chapter_in = (1..title_parts.len()).find(|&k| {
            title_parts[k].starts_with("in ")
                || title_parts[k].starts_with("at the conference")
                || table.names_a_meeting(title_parts[k])
        });
        // A journal cited by its volume alone, with no article's title (`Dean Acheson,
        // Department of State Bulletin, Vol. 22, p. 111`), is the container (a book's volume
        // comes with its imprint: `The History of the Joint Chiefs of Staff 1947-1950, Vol.
        // II., Washington D.C.: …`).
        let untitled_journal = match (title_parts, rest.get(stop)) {
            ([journal], Some(locator)) => {
                i > 0 && !out.imprint && opens_volume(locator) && table.names_a_series(journal)
            }
            _ => false,
        };
        // `Title, Journal, Vol. 2`: the part before the volume is the journal (not the
        // title's years: `Lost Revolution, 1948-1991 (New York, …)`).
        // A newspaper needs no volume after it: `…, Dong-a Ilbo, Seoul: Dong-a Ilbo press, …`.
        let journal = title_parts.split_last().filter(|(journal, title)| {
            // (A book's part or chapter, `pt. 1`, follows a title, not a journal.)
            (rest.get(stop).is_some_and(|locator| {
                !(table.part_labels.iter()).any(|head| starts_with_ignore_case(locator, head))
            }) || table.is_periodical(journal))
                && !title.is_empty()
                && !journal.starts_with(|c: char| c.is_ascii_digit())
                // A book's volume (`For Unification, Independence and Democratisation of
                // Korea, Vol.2, Pyongyang: …`) follows its title, unless the part before it
                // names a journal, series or newspaper, or the title a series (`FRUS, …`) or
                // a dated document in the book.
                && (!out.imprint
                    || table.names_a_series(journal)
                    || table.is_periodical(journal)
                    || title.iter().any(|t| {
                        table.is_archive_name(t)
                            || month_dates(t, None)
                                .first()
                                .is_some_and(|m| m.date.day.is_some())
                    }))
        });
        let (title_parts, container) = match (chapter_in, journal) {
            _ if untitled_journal => (&title_parts[..0], container_from(title_parts)),
            (Some(k), _) => (&title_parts[..k], container_from(&title_parts[k..])),
            // `Robert M. Slusser (Yonosuke Nagai & Akira Iriye eds.), Soviet Far Eastern
            // Policy 1945-1950: Stalin's Goals in Korea, The Origins of the Cold War in Asia,
            // Tokyo: …`: the editors' book is named last, after the chapter.
            (None, None) if in_edited_book && title_parts.len() >= 2 => {
                let book = title_parts.len() - 1;
                (&title_parts[..book], container_from(&title_parts[book..]))
            }
            // `FRUS, The Far East and Australasia, Vol.7, …`: a series named first holds the
            // volume titled after it.
            (None, Some((volume, [series]))) if table.is_archive_name(series) => {
                (std::slice::from_ref(volume), container_from(&[series]))
            }
            (None, Some((journal, title))) => (title, container_from(&[journal])),
            (None, None) => (title_parts, None),
        };
        // `In which way did Stalin support the Korean War? The 21 Century, Vol.81`: a
        // question closes the title and the journal follows it (with a journal part of its
        // own after, the words after the question are a subtitle).
        // (`Russia's Soviet Economy, 2nd ed., Englewood Cliffs, N.J.: …`: not the edition.)
        let mut title = without_editors(title_parts.to_vec()).join(", ");
        let mut container = container;
        if let ([only], None) = (title_parts, &container) {
            if let Some((question, journal)) = only.split_once("? ") {
                if !journal.trim().is_empty() {
                    container = container_from(&[journal]);
                    title = format!("{question}?");
                }
            }
        }
        let title = title.split(" (").next().unwrap_or("").trim();
        let title = trim_end_punct(title);
        if !title.is_empty() {
            out.title = Some(title.to_string());
        }
        out.container = container;
    }
    if let Some(name) = periodical {
        out.container = out.container.or(Some(name));
        out.periodical = true;
    }
    if out.year.is_none() {
        out.year = parts
            .iter()
            .rev()
            .map(|s| trim_end_punct(s))
            .find(|s| is_year(s))
            .and_then(|s| s.parse().ok())
            // (Past the title's first part: `The Forrestal Diaries 1944-1949` names no issue.)
            .or_else(|| issue_year(parts.get(i + 1..).unwrap_or_default()))
            .or(issue_after_quote);
    }
    out
}

/// A book's series and its number in it, from a part of the book's citation that names a
/// series and gives a number: `Hoover Institute Series 11` → (`Hoover Institute Series`,
/// `11`), `Series in Russian and East European Studies No.7` → (…, `7`), `Series of Research
/// on Communist worlds 5 by Institute for Asian Studies` → (`Series of Research on Communist
/// worlds`, `5`: the institute is the publisher, named again in the imprint).
fn book_series(part: &str, table: &Table) -> Option<(String, String)> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| w.bytes().any(|b| b.is_ascii_digit()))?;
    let number = trim_end_punct(words[at]).trim_start_matches(|c: char| !c.is_ascii_digit());
    let mut name = &words[..at];
    // (`No. 7`: the number's label, written apart.)
    if let Some((label, head)) = name.split_last() {
        if table
            .locator_labels
            .iter()
            .any(|l| l.eq_ignore_ascii_case(label))
        {
            name = head;
        }
    }
    let named = name.iter().any(|w| table.is_book_series_word(w));
    (named && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (name.join(" "), number.to_string()))
}

/// The year an issue or edition gives after its title: `No. 4 (Winter 1993)`, `Nov.1995`,
/// `Iyul 1950`, `(New York, Scribner's, 1992)`, `1981/1990`. Read from the end, past pages and
/// numbers, up to the first part that is neither.
fn issue_year(parts: &[&str]) -> Option<i32> {
    for part in parts.iter().rev() {
        let part = trim_end_punct(part).trim_end_matches(')');
        // The date is the last bracket's or list item's: `Winter 1993`, `24-25 July 1995`,
        // not `released from CIA in March 2014`.
        let date = part.rsplit(['(', ',']).next().unwrap_or(part).trim();
        let short = date.split_whitespace().count() <= 3;
        if let Some(year) = Some(date)
            .filter(|_| short)
            .and_then(|d| d.rsplit(|c: char| c.is_whitespace() || c == '.').next())
            .and_then(|last| last.get(..4).filter(|y| is_year(y)).map(|y| (last, y)))
            .filter(|(last, _)| last.len() == 4 || last[4..].starts_with(['-', '/', '–']))
            .and_then(|(_, y)| y.parse().ok())
        {
            return Some(year);
        }
        let t = part.trim_start_matches('(');
        let passable = ["vol", "no", "nos", "p.", "pp.", "(hereafter"]
            .iter()
            .any(|head| starts_with_ignore_case(t, head))
            || is_bare_pages(t);
        if !passable {
            return None;
        }
    }
    None
}

/// The journal or book a work is in, from the parts that name it: one part (`Diplomatic
/// History`), or after `in ` the book's parts up to its editors, imprint or pages (`in Korea
/// and the Cold War: Division, Destruction, and Disarmament, Kim Chull Baum and James I.
/// Matray, eds. (Claremont: …)`, `in the ed., Edward Friedman & Mark Selden, ed., Americas
/// Asia`).
fn container_from(parts: &[&str]) -> Option<String> {
    let first = parts.first()?.trim();
    if let Some(conference) = first.strip_prefix("at the ") {
        return Some(trim_end_punct(conference).to_string());
    }
    let Some(book) = first.strip_prefix("in ") else {
        // (A title quoted without its opening mark leaves the closing one on the journal.)
        let c = trim_end_punct(journal_name(first)).trim_start_matches(['"', '“', '”', ' ']);
        return (!c.is_empty()).then(|| c.to_string());
    };
    let is_editors = |s: &str| {
        let s = s.trim().trim_start_matches("the ");
        (Table::get().editor_marks.iter()).any(|e| {
            s.starts_with(e.as_str())
                || s.strip_suffix(e.as_str()).is_some_and(|s| s.ends_with(' '))
        })
    };
    let mut kept = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        let part = if k == 0 { book } else { part };
        if is_locator(part) {
            break;
        }
        let (text, imprint) = match part.find(" (") {
            Some(j) => (&part[..j], true),
            None => (part, false),
        };
        let names_editors = parts.get(k + 1).is_some_and(|next| is_editors(next));
        let text = text.trim();
        if !text.is_empty() && !is_editors(text) && !names_editors {
            kept.push(text);
        }
        if imprint {
            break;
        }
    }
    let joined = kept.join(", ");
    let c = trim_end_punct(&joined).trim_matches(['"', '“', '”', ' ']);
    (!c.is_empty()).then(|| c.to_string())
}

/// The volume glued to the name of the journal `container` in `part`: `Social Research Vol.
/// 48` → 48, and bare, `Seoul Journal of Korean Studies 24` → 24.
fn glued_volume(part: &str, container: &str) -> Option<String> {
    let name = journal_name(part);
    if !name.ends_with(container) {
        return None;
    }
    let rest = part[name.len()..].trim();
    if is_volume_part(rest) {
        return patterns().volume.captures(rest).map(|c| c[1].to_string());
    }
    (!rest.is_empty() && rest.len() <= 3 && rest.bytes().all(|b| b.is_ascii_digit()))
        .then(|| rest.to_string())
}

/// A journal's name without the volume or issue glued to it: `Social Research Vol. 48`,
/// `Current History (March 1951)`.
fn journal_name(part: &str) -> &str {
    let end = [" (", " Vol.", " Vol ", " vol."]
        .iter()
        .filter_map(|mark| part.find(mark))
        .min()
        .unwrap_or(part.len());
    let name = part[..end].trim_end();
    // `Seoul Journal of Korean Studies 24, No.1`: a volume's number after the name.
    match name.rsplit_once(' ') {
        Some((journal, volume))
            if volume.len() <= 3
                && volume.bytes().all(|b| b.is_ascii_digit())
                && journal.contains(char::is_alphabetic) =>
        {
            journal
        }
        _ => name,
    }
}

/// A title without the editor, translator or edition that follows it: `Leviathan, C. B.
/// Macpherson, ed.`, `Memoirs, Harold Shukman, trans.`, `Politics Among Nations, 6th ed.,
/// Kenneth W. Thompson, rev.`, `Marksizm-Leninism o Problemakh Voiny i Mira, trans. by Andrei
/// Zur, Marxism-Leninism on War and Peace` (the original's title, as where the translator
/// follows it).
fn without_editors(mut parts: Vec<&str>) -> Vec<&str> {
    if let Some(k) = (1..parts.len()).find(|&k| is_role_by(parts[k])) {
        parts.truncate(k);
    }
    let is_role = |p: &str| {
        (Table::get().roles.iter()).any(|role| trim_end_punct(p).trim().eq_ignore_ascii_case(role))
    };
    let is_edition = |p: &str| {
        let p = trim_end_punct(p).trim();
        p.starts_with(|c: char| c.is_ascii_digit()) && p.ends_with(" ed")
    };
    while parts.len() > 1 {
        let last = parts[parts.len() - 1];
        if is_role(last) && parts.len() > 2 && is_name_like(parts[parts.len() - 2]) {
            parts.truncate(parts.len() - 2);
        } else if is_edition(last) {
            parts.pop();
        } else {
            break;
        }
    }
    parts
}

/// `trans. by Andrei Zur`: one of the table's roles and whose it is.
fn is_role_by(part: &str) -> bool {
    let part = part.trim();
    // (A role matched is ASCII, so its length ends a char.)
    (Table::get().roles.iter()).any(|role| {
        starts_with_ignore_case(part, role)
            && part[role.len()..]
                .trim_start_matches('.')
                .starts_with(" by ")
    })
}

/// The year of an imprint's date part: `1996`, or a day and month before it (`…, Seoul:
/// Institute on Unification Research, Nov 2006`, `Seoul: Dong-a Ilbo press, 22 Nov 1999`).
fn imprint_year(part: &str) -> Option<i32> {
    let part = trim_end_punct(part);
    if is_year(part) {
        return part.parse().ok();
    }
    let (_, year) = part.rsplit_once(' ')?;
    (is_year(year) && starts_with_date(part))
        .then(|| year.parse().ok())
        .flatten()
}

/// A part that locates rather than names: volume, number, pages, a year or a date.
fn is_locator(part: &str) -> bool {
    let t = trim_end_punct(part);
    (Table::get().locator_labels.iter()).any(|head| starts_with_ignore_case(t, head))
        || is_volume_part(t)
        || volume_colon_issue(t).is_some()
        || (!t.is_empty() && t.chars().all(|c| "IVXL".contains(c)))
        || is_year(t)
        // (`September 16 October 15 1950: New Evidence from the Russian Archives` goes on
        // with a subtitle: a title's part.)
        || (!t.contains(": ") && starts_with_date(t))
        || is_season_of_year(t)
}

/// A part that is a volume and its number: `Vol. 2`, `vol.VI`, `Volume 3`, Russian's `Tom 1`
/// (not a name: `Volkogonov`, `Tom Connally`).
pub(super) fn is_volume_part(part: &str) -> bool {
    let t = part.trim();
    let number = |rest: &str| {
        let n = rest
            .trim_start_matches(['.', ' '])
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        !n.is_empty()
            && (n.bytes().all(|b| b.is_ascii_digit()) || n.chars().all(|c| "IVXL".contains(c)))
    };
    // (The table lists a longer label before its shorter head: `Volume` before `Vol`.)
    let after_word = Table::get().volume_labels.iter().find_map(|word| {
        t.get(..word.len())
            .filter(|head| head.eq_ignore_ascii_case(word))
            .map(|_| &t[word.len()..])
    });
    after_word.is_some_and(number)
}

/// A part that opens with a journal's volume: `Vol. 22`, `22: 551`.
fn opens_volume(part: &str) -> bool {
    is_volume_part(part) || volume_colon_issue(part).is_some()
}

/// A journal's volume and issue written as two numbers with a colon between them, where the
/// citation gives its pages apart (thesis IV:67's `bulletin, 22: 551, 23 Jan 1950,
/// pp.111-116`): `22: 551` → (`22`, `551`).
fn volume_colon_issue(part: &str) -> Option<(&str, &str)> {
    // (Asked of every part a title may end at: most open with a letter.)
    if !part.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (volume, issue) = trim_end_punct(part).split_once(':')?;
    let (volume, issue) = (volume.trim(), issue.trim());
    let number = |n: &str| (1..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit());
    (number(volume) && number(issue)).then_some((volume, issue))
}

/// `Summer 1995`, `spring 1988`: a journal issue's season.
fn is_season_of_year(t: &str) -> bool {
    t.split_once(' ').is_some_and(|(season, year)| {
        crate::corpus::dates::is_season(season) && is_year(year.trim())
    })
}

/// Whether `text` begins with a date (`12 Aug 1946`, `June 29, 1950`, `early 1949`); the
/// finder runs only where its first word could open one.
fn starts_with_date(text: &str) -> bool {
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    crate::corpus::dates::may_open_date(first)
        && month_dates(text, None)
            .first()
            .is_some_and(|m| m.bytes.start == 0)
}

/// `s` without every trailing `suffix` (as `trim_end_matches`, without building a searcher).
fn strip_all_suffixes<'s>(mut s: &'s str, suffix: &str) -> &'s str {
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

/// A year a citation may give, 1800–2039, as the whole of `s`.
pub(super) fn is_year(s: &str) -> bool {
    match s.as_bytes() {
        [a, b, c, d] if c.is_ascii_digit() && d.is_ascii_digit() => {
            (*a == b'1' && matches!(b, b'8' | b'9')) || (*a == b'2' && *b == b'0' && *c <= b'3')
        }
        _ => false,
    }
}

fn starts_with_ignore_case(s: &str, head: &str) -> bool {
    s.as_bytes()
        .get(..head.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(head.as_bytes()))
}

/// The short name a citation says it is cited by afterwards: `… No. 5 (Spring 1995), pp. 1-9
/// (hereafter cited as CWIHP Bulletin)` gives `CWIHP Bulletin`.
pub fn short_name_given<'t>(text: &'t str, table: &Table) -> Option<&'t str> {
    // (Most citations give none: one byte search says so. ASCII lower-casing keeps offsets.)
    let lower =
        memchr::memmem::find(text.as_bytes(), b"ereafter").map(|_| text.to_ascii_lowercase())?;
    let after = table.short_name_given.iter().find_map(|words| {
        let at = lower.find(words.as_str())?;
        text.get(at + words.len()..)
    })?;
    let name = after
        .split(')')
        .next()
        .unwrap_or(after)
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '*' | '"' | '“' | '”' | ',' | '.' | ';')
        });
    // (A name, not a sentence run on after the words.)
    let words = name.split_whitespace().count();
    (1..=6).contains(&words).then_some(name)
}

/// `"Cumings's letter to the editor," p. 120`: a citation that is only a quoted title and its
/// pages, the short form of a work cited in full before. The quoted title.
pub fn quoted_short_title(text: &str) -> Option<&str> {
    let (quoted, rest) = leading_quote(text)?;
    let rest = rest.trim_matches([',', '.', ' ']);
    let title = trim_end_punct(quoted);
    (!title.is_empty() && (rest.is_empty() || is_locator(rest))).then_some(title)
}

/// Text that opens with a quote: the quoted words and what follows the closing mark.
fn leading_quote(text: &str) -> Option<(&str, &str)> {
    let (open, close) = QUOTES
        .into_iter()
        .find(|&(open, _)| text.starts_with(open))?;
    let inner = &text[open.len_utf8()..];
    let end = inner.find(close)?;
    Some((&inner[..end], &inner[end + close.len_utf8()..]))
}

/// Opening and closing quote marks, curly first.
const QUOTES: [(char, char); 2] = [('“', '”'), ('"', '"')];

fn quoted_title(s: &str) -> Option<&str> {
    for (open, close) in QUOTES {
        if let Some(start) = s.find(open) {
            let from = start + open.len_utf8();
            if let Some(len) = s[from..].find(close) {
                let t = trim_end_punct(&s[from..from + len]);
                if !t.is_empty() {
                    return Some(t);
                }
            }
        }
    }
    None
}

/// `“X” [George F. Kennan]`: the name in brackets after a quoted pseudonym.
fn pseudonym(part: &str) -> Option<&str> {
    let (_, rest) = leading_quote(part)?;
    let name = rest.trim().strip_prefix('[')?.strip_suffix(']')?.trim();
    is_name_like(name).then_some(name)
}

/// A person's or a body's name: capitalised words and initials, no digits, not a title.
fn is_name_like(part: &str) -> bool {
    if part.contains([':', '"', '“']) || part.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    // (Word by word, without collecting them: asked of every part at a citation's head.)
    // Up to seven words a name (`Chinese Peoples Liberation Army Military Science Institute`),
    // names joined by `and` or `&`.
    let (mut words, mut in_name) = (0, 0);
    // (`Erik van Ree`: a family name's particle in lower case.)
    let particles = &Table::get().family_name_particles;
    for w in part.split_whitespace() {
        words += 1;
        in_name += 1;
        if matches!(w, "and" | "&") {
            in_name = 0;
        }
        let article = words == 1 && matches!(w, "The" | "A" | "An");
        let name_word = w.starts_with(|c: char| c.is_uppercase())
            || matches!(w, "and" | "&")
            || particles.iter().any(|p| p == w);
        if in_name > 7 || article || !name_word {
            return false;
        }
    }
    words > 0
}

/// Sender and addressee: `X to Y`, `from X to Y`, `to Y by X`, `X's telegram to Y`, `report
/// by X`, each filed under a surname.
fn correspondents(doc: &str, table: &Table, letters: bool) -> (Option<String>, Option<String>) {
    // `(Report by Ignatiev)` names the sender; the brackets themselves say nothing.
    let s = doc.replace(['(', ')', '[', ']', '"', '“', '”'], " ");
    let lower = s.to_ascii_lowercase();
    let surname_of = |at: usize| name_at(&s, at, table).map(|n| surname(&n, table));
    // `from X … to Y`
    if let Some(i) = word_index(&lower, "from") {
        let from_at = i + "from ".len();
        if let Some(from) = name_at(&s, from_at, table) {
            let after = from_at + from.len();
            // `from X to Y`, or `sent to Y from X`.
            let to = to_after(&s, &lower, after)
                .or_else(|| lower[..i].rfind(" to ").map(|t| t + 4))
                .and_then(surname_of);
            return (Some(surname(&from, table)), to);
        }
    }
    // `(sent) to Y by/from X` and `X to Y`
    let mut search = 0;
    while let Some(rel) = lower[search..].find(" to ") {
        let i = search + rel;
        search = i + 4;
        let to_at = i + 4;
        let Some(to) = name_at(&s, to_at, table) else {
            continue;
        };
        let to_name = surname(&to, table);
        // The sender before " to ": a name, or a name's telegram / report.
        let before = s[..i].trim_end();
        let before = before.rsplit(',').next().unwrap_or(before).trim();
        let mut words: Vec<&str> = before.split_whitespace().collect();
        let last_is_kind = words.last().is_some_and(|w| table.kind_in(w).is_some());
        let noun_before = last_is_kind || words.last().is_some_and(|w| *w == "sent");
        if last_is_kind || words.last().is_some_and(|w| table.is_authored_noun(w)) {
            words.pop();
            if let Some(last) = words.last_mut() {
                *last = strip_possessive(last);
            }
        }
        let sender_phrase = words
            .iter()
            .rev()
            .take_while(|w| is_name_word(w, table))
            .collect::<Vec<_>>();
        if letters && !sender_phrase.is_empty() && words.last().is_none_or(|w| *w != "sent") {
            let mut phrase: Vec<&str> = sender_phrase.into_iter().rev().copied().collect();
            while phrase
                .first()
                .is_some_and(|w| !w.starts_with(|c: char| c.is_uppercase()))
            {
                phrase.remove(0);
            }
            let phrase = phrase.join(" ");
            if phrase.chars().next().is_some_and(char::is_uppercase) {
                return (Some(surname(&phrase, table)), Some(to_name));
            }
        }
        // `Telegram (sent) to Y by X`: only after the document's own noun.
        if noun_before {
            let after = to_at + to.len();
            let by = by_after(&s, &lower, after).and_then(surname_of);
            return (by, Some(to_name));
        }
    }
    // `Shtykovs diary`, `Gao Gangs speech`: the author of a diary, report or speech (a
    // meeting has participants, not a sender: `Stalin's Meeting with Kim Il Sung`).
    let words: Vec<&str> = s.split_whitespace().collect();
    for k in 1..words.len() {
        // (The owner's word first: most words follow no capitalised word ending in `s`.)
        let owner = words[k - 1];
        if !(owner.ends_with('s') && owner.starts_with(|c: char| c.is_uppercase())) {
            continue;
        }
        let noun = words[k].trim_end_matches([',', '.']);
        let noun_kind = table.kind_in(noun);
        if ((noun_kind.is_some() && noun_kind != Some(CitedKind::RecordOfConversation))
            || table.is_authored_noun(noun))
            && !table.is_no_possessive(owner)
        {
            // `Gromov and Ignatievs report`: capitalised words and `and` before the noun.
            let mut name: Vec<&str> = words[..k]
                .iter()
                .rev()
                .take_while(|w| {
                    (w.starts_with(|c: char| c.is_uppercase()) && !w.ends_with(','))
                        || matches!(**w, "and" | "&")
                })
                .take(5)
                .copied()
                .collect();
            name.reverse();
            while name
                .first()
                .is_some_and(|w| matches!(*w, "and" | "&" | "The" | "A"))
            {
                name.remove(0);
            }
            let joined = name.join(" ");
            let joined = strip_possessive(&joined);
            if !joined.is_empty() && !joined.starts_with("The") {
                return (Some(surname(joined, table)), None);
            }
        }
    }
    // `Statement of President Truman`, `Draft Report of Special Interdepartmental Committee on
    // Korea`: the sender after a document's noun and `of`, where a title or an office says a
    // person or body follows (`Spot Reports of Captured Soviet Weapons` names none, and the
    // minutes of a meeting have participants).
    if let Some(i) = word_index(&lower, "of") {
        let noun = lower[..i].trim_end().rsplit(' ').next().unwrap_or("");
        let authored = table.kind_in(noun).is_some_and(has_sender);
        if let Some(name) = name_at(&s, i + "of ".len(), table).filter(|_| authored) {
            let titled = table.titles.iter().any(|t| {
                starts_with_ignore_case(&name, t) && name.as_bytes().get(t.len()) == Some(&b' ')
            });
            if titled || table.names_an_office(&name) {
                return (Some(surname(&name, table)), None);
            }
        }
    }
    // `report by X`, `report by X, the director …, and by Y, …`
    if let Some(i) = word_index(&lower, "by") {
        if let Some(by) = name_at(&s, i + 3, table) {
            let mut from = surname(&by, table);
            let second = lower[i + 3..]
                .find(" and by ")
                .and_then(|j| name_at(&s, i + 3 + j + " and by ".len(), table));
            if let Some(second) = second {
                from = format!("{from} and {}", surname(&second, table));
            }
            // `The Report by North Korean forces to Kim Il Sung`: an addressee right after.
            let after = i + 3 + by.len();
            let to = lower
                .get(after..)
                .filter(|rest| rest.starts_with(" to "))
                .and_then(|_| surname_of(after + " to ".len()));
            return (Some(from), to);
        }
    }
    // `The Soviet Ministry of Defense, The Report on …`: a body heading the document it made.
    if let Some(body) = issuing_body(doc, table) {
        return (Some(surname(body, table)), None);
    }
    (None, None)
}

/// `The Intelligence Bureau of the Central Committee …, Intelligence Report No.16`: the body
/// (a name with an office's word in it) whose part, past any archive's name, comes right
/// before a part opening with the document's noun (an interview's or a meeting's people are
/// not its senders).
fn issuing_body<'d>(doc: &'d str, table: &Table) -> Option<&'d str> {
    let mut parts = doc
        .split(',')
        .map(str::trim)
        .skip_while(|p| table.is_archive_name(p));
    let body = parts.next()?;
    let next = parts.next()?;
    let head: String = next.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let authored = table.kind_in(&head).is_some_and(has_sender);
    let bare = body.strip_prefix("The ").unwrap_or(body);
    let whole_name = name_at(bare, 0, table).is_some_and(|n| n == bare);
    (authored && whole_name && table.names_an_office(bare)).then_some(bare)
}

/// Whether a document of this kind is someone's to send: an interview's, a meeting's or its
/// minutes' people are not its senders.
fn has_sender(kind: CitedKind) -> bool {
    !matches!(
        kind,
        CitedKind::Interview | CitedKind::Minutes | CitedKind::RecordOfConversation
    )
}

/// `Telegram to Stalin by Zhou Enlai through Roshchin, …`: who passed a message on.
fn via(doc: &str, table: &Table) -> Option<String> {
    // (Most letters pass through no one: tell so before lower-casing.)
    if !doc.contains("hrough") {
        return None;
    }
    let at = word_index(&doc.to_ascii_lowercase(), "through")?;
    name_at(doc, at + "through ".len(), table).map(|n| surname(&n, table))
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w)
}

/// Byte index of `word` as a whole word in `lower`.
fn word_index(lower: &str, word: &str) -> Option<usize> {
    lower.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = i == 0 || lower[..i].ends_with(' ');
        let after = lower[i + word.len()..].starts_with(' ');
        before && after
    })
}

/// After a sender, past an appositive (`, the vice director …,`), the addressee of `to`.
fn to_after(s: &str, lower: &str, from: usize) -> Option<usize> {
    let rest = lower.get(from..)?;
    let window = prefix(rest, 160);
    let i = window.find(" to ")?;
    // Only past words that describe the sender, not a new clause.
    let between = &window[..i];
    if between.contains(" on ") && !between.contains(',') {
        return None;
    }
    Some(from + i + 4).filter(|&at| at <= s.len())
}

fn by_after(s: &str, lower: &str, from: usize) -> Option<usize> {
    let rest = lower.get(from..)?;
    let window = prefix(rest, 120);
    ["by ", "from "].iter().find_map(|needle| {
        window
            .match_indices(needle)
            .find(|(i, _)| *i == 0 || window[..*i].ends_with([' ', ',']))
            .map(|(i, _)| from + i + needle.len())
            .filter(|&at| at <= s.len())
    })
}

/// At most `max` bytes of `s`, cut at a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn is_name_word(w: &str, table: &Table) -> bool {
    let bare = w.trim_end_matches(',');
    // `Secretary of State`, `the Secretary of Defense`
    if matches!(bare, "of" | "the") {
        return true;
    }
    bare.starts_with(|c: char| c.is_uppercase())
        && !table
            .kind_words
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case(bare))
        && !matches!(bare, "The" | "A")
        && !table.names_no_one(bare)
        || matches!(bare, "and" | "&")
}

/// The name phrase starting at byte `at`: a known name or office, else capitalised words and
/// initials with `and`, `of`, `the` between them.
fn name_at(s: &str, at: usize, table: &Table) -> Option<String> {
    let rest = s.get(at..)?.trim_start();
    let rest = rest
        .strip_prefix("the ")
        .or_else(|| rest.strip_prefix("The "))
        .unwrap_or(rest);
    if let Some(key) = table
        .people
        .keys()
        .filter(|k| starts_with_ignore_case(rest, k))
        .max_by_key(|k| k.len())
    {
        let after = &rest[key.len()..];
        // (`President Truman` is Truman's name going on, not the office `President`.)
        let name_goes_on = after
            .strip_prefix(' ')
            .is_some_and(|next| next.starts_with(char::is_uppercase));
        if after.is_empty() || after.starts_with(|c: char| !c.is_alphanumeric()) && !name_goes_on {
            return Some(rest[..key.len()].to_string());
        }
    }
    let mut words: Vec<&str> = Vec::new();
    let mut office = false;
    for raw in rest.split(' ') {
        // `Gottwald,F.558`: a comma with no space after it still ends the name.
        let raw = match raw.find(',') {
            Some(comma) => &raw[..=comma],
            None => raw,
        };
        let w = raw.trim_end_matches([',', ':', ';', '.', ')']);
        // `The Report by Romanenko in December 1945`: a month ends the name.
        if crate::corpus::months::month_of(w).is_some() {
            break;
        }
        let ends_phrase = raw.ends_with([',', ':', ';']);
        let is_title = table.titles.iter().any(|t| t.eq_ignore_ascii_case(w));
        // `the Soviet ministry of foreign affairs`: an office runs on in lower case.
        office |= table.offices.iter().any(|o| o.eq_ignore_ascii_case(w));
        let ok = (w.starts_with(|c: char| c.is_uppercase())
            && !w.chars().any(|c| c.is_ascii_digit()))
            || (!words.is_empty() && matches!(w, "and" | "&" | "of" | "the" | "in"))
            || (office
                && !words.is_empty()
                && w.chars().all(char::is_alphabetic)
                && !matches!(
                    w,
                    "on" | "about" | "regarding" | "through" | "to" | "from" | "by" | "for"
                ))
            || is_title;
        if !ok || w.is_empty() {
            break;
        }
        words.push(if raw.ends_with('.') && w.len() <= 3 {
            raw
        } else {
            w
        });
        if ends_phrase {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "and" | "&" | "of" | "the" | "in"))
    {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The surname a name is filed under (`Nikolai V. Roshchin` → `Roshchin`, `Kim Il Sung` →
/// `Kim`); several joined by `and`; an office kept whole.
pub fn surname(name: &str, table: &Table) -> String {
    let name = name.trim().trim_end_matches([',', '.']);
    let name = name
        .strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name);
    if let Some(s) = table.people.get(&name.to_lowercase()) {
        return s.clone();
    }
    if name.contains(" and ") || name.contains(" & ") {
        let names: Vec<String> = name
            .split(" & ")
            .flat_map(|s| s.split(" and "))
            .map(|n| surname(n, table))
            .filter(|n| !n.is_empty())
            .collect();
        return names.join(" and ");
    }
    let is_office = |words: &[&str]| {
        words.iter().any(|w| {
            table
                .offices
                .iter()
                .any(|o| o == w.trim_end_matches([',', '.']))
        })
    };
    // `Assistant Secretary of State Dean Rusk`: an office's title before a person's name.
    let titled = table
        .titles
        .iter()
        .filter(|t| t.contains(' '))
        .find_map(|t| {
            let rest = name.get(t.len()..)?.strip_prefix(' ')?;
            let person: Vec<&str> = rest.split_whitespace().collect();
            let is_person = !person.is_empty()
                && person
                    .iter()
                    .all(|w| w.starts_with(|c: char| c.is_uppercase()))
                && !is_office(&person);
            (starts_with_ignore_case(name, t) && is_person).then_some(rest)
        });
    if let Some(person) = titled {
        return surname(person, table);
    }
    let all: Vec<&str> = name.split_whitespace().collect();
    // An office keeps its titles (`General Staff Department`); a person loses them.
    let words: Vec<&str> = if is_office(&all) {
        all
    } else {
        all.into_iter()
            .skip_while(|w| {
                table
                    .titles
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(w.trim_end_matches('.')))
            })
            .collect()
    };
    if is_office(&words)
        || words
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_lowercase()))
    {
        return words.join(" ");
    }
    // `Kim Il Sung`, `Lee Sun Woo`: the family name comes first.
    if words.len() > 1 && table.family_name_first.iter().any(|f| f == words[0]) {
        return words[0].to_string();
    }
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !(w.ends_with('.') && w.len() <= 5))
        .collect();
    let full = kept.join(" ");
    if let Some(s) = table.people.get(&full.to_lowercase()) {
        return s.clone();
    }
    kept.last()
        .map_or_else(|| name.to_string(), |w| (*w).to_string())
}
