//! Abbreviations and what they stand for: the documents' own lists of abbreviations first, then
//! kwx's table of acronyms (`corpus/acronyms.toml`, the one search reads). For `kwx glossary`
//! and the Sources pane's fonds named by an abbreviation (`fond USGASK`).

use serde::Serialize;

use crate::corpus::{Corpus, GlossaryEntry};

/// One document's list of abbreviations, by the document's id.
#[derive(Debug, Clone, Copy)]
pub struct List<'a> {
    pub doc: &'a str,
    pub entries: &'a [GlossaryEntry],
}

/// The lists of the corpus's documents, in its order (a document without one lists nothing).
pub fn lists(corpus: &Corpus) -> Vec<List<'_>> {
    (corpus.documents.iter())
        .map(|d| List {
            doc: &d.meta.id,
            entries: &d.glossary,
        })
        .collect()
}

/// An abbreviation and what it stands for, from a document's list or, where `doc` is none,
/// from kwx's table.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct GlossaryLine {
    pub doc: Option<String>,
    pub term: String,
    pub expansion: String,
}

impl GlossaryLine {
    fn of(doc: &str, entry: &GlossaryEntry) -> GlossaryLine {
        GlossaryLine {
            doc: Some(doc.to_string()),
            term: entry.term.clone(),
            expansion: entry.expansion.clone(),
        }
    }
}

/// Every entry of the lists, with its document's id, in their order.
fn each_entry<'a>(lists: &'a [List]) -> impl Iterator<Item = (&'a str, &'a GlossaryEntry)> {
    (lists.iter()).flat_map(|list| list.entries.iter().map(|g| (list.doc, g)))
}

/// Every entry of the lists, in their order.
pub fn entries(lists: &[List]) -> Vec<GlossaryLine> {
    each_entry(lists)
        .map(|(doc, g)| GlossaryLine::of(doc, g))
        .collect()
}

/// The lists' entries for `term` (trimmed), any case.
fn listed<'a>(
    lists: &'a [List],
    term: &'a str,
) -> impl Iterator<Item = (&'a str, &'a GlossaryEntry)> {
    each_entry(lists).filter(move |(_, g)| g.term.eq_ignore_ascii_case(term))
}

/// What `term` stands for, any case: the entries of the lists for it, else those of kwx's
/// table; none if neither lists it.
pub fn look_up(lists: &[List], term: &str) -> Vec<GlossaryLine> {
    let term = term.trim();
    let listed: Vec<GlossaryLine> = (listed(lists, term))
        .map(|(doc, g)| GlossaryLine::of(doc, g))
        .collect();
    if !listed.is_empty() {
        return listed;
    }
    let Some((short, names)) = crate::search::names_of_acronym(term) else {
        return Vec::new();
    };
    (names.iter())
        .map(|name| GlossaryLine {
            doc: None,
            term: short.to_string(),
            expansion: name.clone(),
        })
        .collect()
}

/// Every name `term` stands for: the documents' lists' first, then kwx's table's, each once
/// (`USGASK`: the thesis's Upravlenie Grazhdanskoy Administratsiy v Severnoy Koree, then the
/// table's Soviet Civil Administration in North Korea).
pub fn stands_for(corpus: &Corpus, term: &str) -> Vec<String> {
    let term = term.trim();
    let lists = lists(corpus);
    let listed = listed(&lists, term).map(|(_, g)| g.expansion.as_str());
    let table = crate::search::names_of_acronym(term)
        .into_iter()
        .flat_map(|(_, names)| names.iter().map(String::as_str));
    let mut names: Vec<String> = Vec::new();
    for name in listed.chain(table) {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_string());
        }
    }
    names
}
