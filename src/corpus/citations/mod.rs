//! Citations as data: each note split into the works it cites, each work read into archive,
//! reference fields, date, correspondents and publication fields; `Ibid.` and short forms
//! resolved to their full citation; and notes citing the same archival document, in one text
//! or across texts, gathered into sources. Knows nothing of the UI; the knowledge (archives,
//! spellings, names) is in `corpus/citations.toml`.

mod identity;
mod resolve;
mod table;
mod text;
mod work;

use super::dates::PartialDate;
use super::Document;

pub use identity::{
    link_sources, title_words, titles_agree, Conflict, Source, SourceMember, Sources,
};
pub use table::Table;

/// What kind of document a work is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CitedKind {
    Telegram,
    Report,
    Letter,
    Memorandum,
    RecordOfConversation,
    Diary,
    Interview,
    Resolution,
    Minutes,
    Other,
}

impl CitedKind {
    /// The kind as a reader says it (`record of conversation`); JSON has serde's snake case.
    pub fn words(self) -> &'static str {
        match self {
            CitedKind::Telegram => "telegram",
            CitedKind::Report => "report",
            CitedKind::Letter => "letter",
            CitedKind::Memorandum => "memorandum",
            CitedKind::RecordOfConversation => "record of conversation",
            CitedKind::Diary => "diary",
            CitedKind::Interview => "interview",
            CitedKind::Resolution => "resolution",
            CitedKind::Minutes => "minutes",
            CitedKind::Other => "other",
        }
    }
}

/// A work in a document: (note index, work index within the note).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct WorkRef {
    pub note: usize,
    pub work: usize,
}

/// One cited work, as the note cites it (a short form carries its original's fields).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Work {
    /// The note's words for this work.
    pub text: String,
    /// Canonical archive id from the table (`APRF`, `TsAMO`, `FRUS`…); `None` for books and
    /// articles.
    pub archive: Option<String>,
    pub fond: Option<String>,
    pub opis: Option<String>,
    pub delo: Option<String>,
    pub papka: Option<String>,
    pub pages: Option<String>,
    pub record_group: Option<String>,
    pub box_number: Option<String>,
    /// A US file designation (`CCS 381 USSR (3-2-46)`, a State Department decimal file).
    pub file: Option<String>,
    pub section: Option<String>,
    pub frus_year: Option<i32>,
    pub volume: Option<String>,
    /// A journal's issue: `No. 5`, `Nos. 6-7` give `5`, `6-7`.
    pub issue: Option<String>,
    /// A document or report number (`ORE 44-48`, `JWPC 467/1`, `No. 159`).
    pub number: Option<String>,
    /// Date of the cited document.
    pub date: Option<PartialDate>,
    /// Surnames of the sender(s) and addressee(s) (`Shtykov`, `Kim and Park`).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Surname of whoever passed the message on (`Zhou Enlai through Roshchin`).
    pub via: Option<String>,
    pub kind: Option<CitedKind>,
    pub authors: Vec<String>,
    /// Whether the citation names more authors than it lists (`Goncharov, et al.`). (Always
    /// written: the cache's encoding has no field names, so a field left out shifts the rest.)
    pub et_al: bool,
    pub title: Option<String>,
    /// The journal, collection or book the work appears in.
    pub container: Option<String>,
    /// A book's series (`Hoover Institute Series`) and the book's number in it (`11`).
    pub series: Option<String>,
    pub series_number: Option<String>,
    pub place: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<i32>,
    /// For `Ibid.` and short forms: the full citation they repeat.
    pub ibid_of: Option<WorkRef>,
}

impl Work {
    /// The archival reference as one line: `APRF, F.45, Op.1, D.329, pp.9-17`.
    pub fn reference(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(a) = &self.archive {
            parts.push(a.clone());
        }
        let labelled = [
            ("F.", &self.fond),
            ("Op.", &self.opis),
            ("Papka ", &self.papka),
            ("D.", &self.delo),
            ("RG ", &self.record_group),
            ("box ", &self.box_number),
            ("", &self.file),
            ("Sec. ", &self.section),
            ("Vol. ", &self.volume),
        ];
        for (label, value) in labelled {
            if let Some(v) = value {
                parts.push(format!("{label}{v}"));
            }
        }
        if let Some(issue) = &self.issue {
            parts.push(issue_label(issue));
        }
        if let Some(y) = self.frus_year {
            parts.push(y.to_string());
        }
        if let Some(n) = &self.number {
            parts.push(n.clone());
        }
        if let Some(p) = &self.pages {
            parts.push(pages_label(p));
        }
        parts.join(", ")
    }

    /// Whether the work is a document (dated, addressed, filed under a fond, delo, record
    /// group or box, or printed in a FRUS year's volume) rather than a book or article.
    pub fn is_document(&self) -> bool {
        self.date.is_some()
            || self.from.is_some()
            || self.fond.is_some()
            || self.delo.is_some()
            || self.record_group.is_some()
            || self.box_number.is_some()
            || self.frus_year.is_some()
    }

    /// The year of the volume a printed series (FRUS) holds the work in: the volume's year as
    /// cited, else the document's own (a volume holds its year's documents).
    pub fn volume_year(&self) -> Option<i32> {
        self.frus_year.or(self.date.map(|d| d.year))
    }

    /// The same sender and addressee, whoever the message went through (`Mao to Stalin
    /// through Roshchin` is `Mao to Stalin`).
    pub fn same_correspondents(&self, other: &Work) -> bool {
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            (None, None) => true,
            _ => false,
        };
        same(&self.from, &other.from) && same(&self.to, &other.to)
    }

    /// `Shtykov to Vyshinsky`, `Shtykov`, or nothing.
    pub fn correspondents(&self) -> Option<String> {
        match (&self.from, &self.to) {
            (Some(f), Some(t)) => Some(match &self.via {
                Some(v) => format!("{f} to {t} through {v}"),
                None => format!("{f} to {t}"),
            }),
            (Some(f), None) => Some(f.clone()),
            (None, Some(t)) => Some(format!("to {t}")),
            (None, None) => None,
        }
    }
}

/// `p. 39`, `pp. 6-7`, `pp. 6, 8` (kept as `6,8`).
pub fn pages_label(pages: &str) -> String {
    if pages.contains(['-', '–', ',']) {
        format!("pp. {}", pages.replace(',', ", "))
    } else {
        format!("p. {pages}")
    }
}

/// `No. 5`, `Nos. 6-7`.
pub fn issue_label(issue: &str) -> String {
    if issue.contains(['-', '–']) {
        format!("Nos. {issue}")
    } else {
        format!("No. {issue}")
    }
}

/// A volume as a number: `VII` and `7` are one volume.
pub fn volume_number(volume: &str) -> Option<u32> {
    let v = volume.trim().trim_end_matches('.');
    if let Ok(n) = v.parse() {
        return Some(n);
    }
    let digit = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let values: Vec<u32> = v.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (k, &value) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|&next| next > value) {
            total -= value as i64;
        } else {
            total += value as i64;
        }
    }
    u32::try_from(total).ok().filter(|&n| n > 0)
}

/// Reads every note of `doc` into its works (one list per note, in note order) and resolves
/// `Ibid.` and short forms within the document.
pub fn cite_document(doc: &Document) -> Vec<Vec<Work>> {
    cite_documents(&[doc]).pop().unwrap_or_default()
}

/// [`cite_document`] for several documents at once: their notes are read in one parallel pass
/// and the documents resolved side by side, so no core waits at a document's end.
pub fn cite_documents(docs: &[&Document]) -> Vec<Vec<Vec<Work>>> {
    use rayon::prelude::*;
    let table = Table::get();
    let notes: Vec<(&Document, &super::Note)> = docs
        .iter()
        .flat_map(|d| d.notes.iter().map(move |n| (*d, n)))
        .collect();
    let mut read = notes
        .par_iter()
        .map(|(doc, note)| {
            let narrative = work::Narrative {
                undated_year: undated_year(doc, note),
                marker: note.anchor.and_then(|a| {
                    let paragraph = doc.paragraphs.get(a.paragraph)?;
                    Some((paragraph.text.as_str(), a.offset))
                }),
            };
            work::works_of_note(&note.text, table, narrative)
        })
        .collect::<Vec<_>>()
        .into_iter();
    let mut per_doc: Vec<Vec<Vec<Work>>> = docs
        .iter()
        .map(|d| read.by_ref().take(d.notes.len()).collect())
        .collect();
    // Resolving looks back through its own document only, so documents resolve in parallel.
    per_doc
        .par_iter_mut()
        .zip(docs.par_iter())
        .for_each(|(works, doc)| {
            let bibliography: Vec<&str> =
                doc.bibliography.iter().map(|e| e.text.as_str()).collect();
            resolve::resolve(works, &bibliography)
        });
    per_doc
}

/// The year a note's dates written without one take (`See July 2, 5, and 7, Soviet
/// Documents.`): the year the narrative citing it is in, that is the last dated month's year in
/// its paragraph or the paragraphs of its part before. Asked only of a note that has no year
/// of its own but a date save for the year, which is rare, so the paragraphs are read then.
pub fn undated_year(doc: &Document, note: &super::Note) -> Option<i32> {
    use crate::corpus::dates::find_dates_with;
    use crate::corpus::months::month_of;
    // Most notes have a year, and most without one are `Ibid., p. 5`: only a month next to a
    // number (`July 2`, `5 July`) asks for the year.
    if crate::corpus::dates::has_year(&note.text) {
        return None;
    }
    let words: Vec<&str> = note
        .text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit());
    let month_by_number = words.windows(2).any(|pair| {
        (month_of(pair[0]).is_some() && number(pair[1]))
            || (number(pair[0]) && month_of(pair[1]).is_some())
    });
    if !month_by_number {
        return None;
    }
    let anchor = note.anchor?.paragraph;
    let part = doc.parts.get(note.part)?;
    (part.paragraphs.start..=anchor).rev().find_map(|p| {
        let text = &doc.paragraphs.get(p)?.text;
        find_dates_with(text, false, None)
            .iter()
            .rev()
            .find(|m| m.date.month.is_some())
            .map(|m| m.end.unwrap_or(m.date).year)
    })
}

#[cfg(test)]
mod tests;
