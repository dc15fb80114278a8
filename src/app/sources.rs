//! The Sources pane's state and keys: the archive tree of `kwx sources` (archive → fond, record
//! group or volume → document → citing notes), folded and unfolded with enter, filtered by
//! typing after `/`; enter on a note opens the reader at its marker.

use std::collections::{HashMap, HashSet};

use tui_textarea::TextArea;

use crate::sources::{ArchiveNode, SourceFilter};

/// One row of the tree as shown: indices into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceRow {
    Archive(usize),
    Group(usize, usize),
    Document(usize, usize, usize),
    Note(usize, usize, usize, usize),
}

impl SourceRow {
    pub fn depth(self) -> usize {
        match self {
            SourceRow::Archive(..) => 0,
            SourceRow::Group(..) => 1,
            SourceRow::Document(..) => 2,
            SourceRow::Note(..) => 3,
        }
    }
}

#[derive(Clone)]
pub struct SourcesState {
    pub tree: Vec<ArchiveNode>,
    /// Documents in the tree, each once though filed under two archives.
    pub documents: usize,
    /// Rows unfolded: archives, groups, documents.
    pub open: HashSet<SourceRow>,
    /// While a filter is on, its archives and groups are unfolded: those folded since it was
    /// typed (kept apart, so that clearing the filter brings back the tree as it was).
    folded_in_filter: HashSet<SourceRow>,
    pub rows: Vec<SourceRow>,
    /// Per (archive, group) on view: how many of its documents the filter lets through.
    pub shown: HashMap<(usize, usize), usize>,
    pub selected: usize,
    pub offset: usize,
    /// Folded filter text: documents whose label, reference or citing notes contain it.
    pub filter: String,
    /// Per archive, group and document: everything the filter looks in, folded once (a
    /// library has thousands of documents, and the filter runs on each key).
    haystacks: Vec<Vec<Vec<String>>>,
    pub input: Option<TextArea<'static>>,
}

impl SourcesState {
    pub fn new(corpus: &crate::corpus::Corpus) -> SourcesState {
        let tree = crate::sources::tree(corpus, &SourceFilter::default());
        let haystacks = tree
            .iter()
            .map(|archive| {
                archive
                    .groups
                    .iter()
                    .map(|group| {
                        let words = group.words();
                        (group.documents.iter())
                            .map(|doc| {
                                crate::sources::document_words(&archive.archive, &words, doc)
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let documents = tree
            .iter()
            .flat_map(|a| &a.groups)
            .flat_map(|g| &g.documents)
            .map(|d| d.source)
            .collect::<HashSet<usize>>()
            .len();
        let mut state = SourcesState {
            tree,
            documents,
            open: HashSet::new(),
            folded_in_filter: HashSet::new(),
            rows: Vec::new(),
            shown: HashMap::new(),
            selected: 0,
            offset: 0,
            filter: String::new(),
            input: None,
            haystacks,
        };
        state.rebuild();
        state
    }

    fn document_matches(
        &self,
        (a, g, d): (usize, usize, usize),
        terms: &crate::sources::FilterTerms,
    ) -> bool {
        terms.admit(
            &self.haystacks[a][g][d],
            self.tree[a].groups[g].documents[d].date.as_deref(),
        )
    }

    /// Rebuilds the visible rows after a fold or a filter change, keeping the selected row.
    pub fn rebuild(&mut self) {
        let current = self.rows.get(self.selected).copied();
        let terms = crate::sources::FilterTerms::of(&self.filter);
        let mut rows = Vec::new();
        let mut shown = HashMap::new();
        for (a, archive) in self.tree.iter().enumerate() {
            let groups: Vec<(usize, Vec<usize>)> = archive
                .groups
                .iter()
                .enumerate()
                .map(|(g, group)| {
                    let docs = (0..group.documents.len())
                        .filter(|&d| self.document_matches((a, g, d), &terms))
                        .collect();
                    (g, docs)
                })
                .filter(|(_, docs): &(usize, Vec<usize>)| !docs.is_empty())
                .collect();
            if groups.is_empty() {
                continue;
            }
            rows.push(SourceRow::Archive(a));
            if !self.is_open(SourceRow::Archive(a)) {
                continue;
            }
            for (g, docs) in groups {
                rows.push(SourceRow::Group(a, g));
                shown.insert((a, g), docs.len());
                if !self.is_open(SourceRow::Group(a, g)) {
                    continue;
                }
                for d in docs {
                    rows.push(SourceRow::Document(a, g, d));
                    if self.open.contains(&SourceRow::Document(a, g, d)) {
                        let notes = self.tree[a].groups[g].documents[d].notes.len();
                        rows.extend((0..notes).map(|n| SourceRow::Note(a, g, d, n)));
                    }
                }
            }
        }
        self.rows = rows;
        self.shown = shown;
        // The selected row, or the nearest of its parents still shown (a filter dropped folds
        // the groups under their archives).
        let at = std::iter::successors(current, |&row| SourcesState::parent(row))
            .find_map(|row| self.rows.iter().position(|r| *r == row));
        self.selected = at.unwrap_or(0).min(self.rows.len().saturating_sub(1));
    }

    /// Whether a row is unfolded: while a filter is on, every archive and group but those
    /// folded since.
    pub fn is_open(&self, row: SourceRow) -> bool {
        if self.unfolded_by_filter(row) {
            !self.folded_in_filter.contains(&row)
        } else {
            self.open.contains(&row)
        }
    }

    /// An archive or group while a filter is on (a document stays as it was).
    fn unfolded_by_filter(&self, row: SourceRow) -> bool {
        !self.filter.is_empty() && !matches!(row, SourceRow::Document(..))
    }

    /// Drops the filter: the tree comes back folded as it was before it.
    pub fn clear_filter(&mut self) {
        self.filter.clear();
        self.folded_in_filter.clear();
        self.rebuild();
    }

    pub fn selected_row(&self) -> Option<SourceRow> {
        self.rows.get(self.selected).copied()
    }

    /// Folds or unfolds a row (a note has nothing under it).
    pub fn toggle(&mut self, row: SourceRow) {
        if matches!(row, SourceRow::Note(..)) {
            return;
        }
        let marked = if self.unfolded_by_filter(row) {
            &mut self.folded_in_filter
        } else {
            &mut self.open
        };
        if !marked.remove(&row) {
            marked.insert(row);
        }
        self.rebuild();
    }

    /// The row's parent, for collapsing from inside.
    pub fn parent(row: SourceRow) -> Option<SourceRow> {
        match row {
            SourceRow::Archive(_) => None,
            SourceRow::Group(a, _) => Some(SourceRow::Archive(a)),
            SourceRow::Document(a, g, _) => Some(SourceRow::Group(a, g)),
            SourceRow::Note(a, g, d, _) => Some(SourceRow::Document(a, g, d)),
        }
    }
}

/// Keys in the Sources pane.
pub(super) fn keys(app: &mut super::App, command: crate::app::Command) {
    use crate::app::Command;
    let page = app.screen.1.saturating_sub(8).max(1) as usize;
    let Some(s) = app.sources.as_mut() else {
        return;
    };
    let last = s.rows.len().saturating_sub(1);
    match command {
        Command::Down => s.selected = (s.selected + 1).min(last),
        Command::Up => s.selected = s.selected.saturating_sub(1),
        Command::PageDown | Command::HalfPageDown => s.selected = (s.selected + page).min(last),
        Command::PageUp | Command::HalfPageUp => s.selected = s.selected.saturating_sub(page),
        Command::Top => s.selected = 0,
        Command::Bottom => s.selected = last,
        Command::Expand => {
            if let Some(row) = s.selected_row().filter(|r| !s.is_open(*r)) {
                s.toggle(row);
            }
        }
        Command::Collapse => match s.selected_row() {
            Some(row) if s.is_open(row) => s.toggle(row),
            Some(row) => {
                if let Some(parent) = SourcesState::parent(row) {
                    if let Some(i) = s.rows.iter().position(|r| *r == parent) {
                        s.selected = i;
                    }
                }
            }
            None => {}
        },
        Command::Find => {
            let mut input = TextArea::default();
            input.set_cursor_line_style(ratatui::style::Style::default());
            input.insert_str(&s.filter);
            s.input = Some(input);
        }
        // A filter kept with enter goes first; the next esc (or q) leaves.
        Command::Close if !s.filter.is_empty() => s.clear_filter(),
        Command::Close => app.view = super::View::Reader,
        Command::Select => match s.selected_row() {
            Some(SourceRow::Note(a, g, d, n)) => {
                let (doc, note) = s.tree[a].groups[g].documents[d].notes[n].at;
                super::update::open_note_in_reader(app, doc, note);
            }
            Some(row) => s.toggle(row),
            None => {}
        },
        Command::Copy => {
            if let Some(SourceRow::Document(a, g, d) | SourceRow::Note(a, g, d, _)) =
                s.selected_row()
            {
                let doc = &s.tree[a].groups[g].documents[d];
                let text = format!("{} [{}]", doc.label, doc.reference);
                super::update::copy(app, "the source", text);
            }
        }
        _ => super::update::global(app, command),
    }
}

/// The filter typed after `/` changed.
pub(super) fn filter_changed(s: &mut SourcesState) {
    let text = s
        .input
        .as_ref()
        .and_then(|i| i.lines().first().cloned())
        .unwrap_or_default();
    let filter = crate::search::fold(text.trim());
    if filter != s.filter {
        // (Another filter shows other archives: each starts unfolded.)
        s.folded_in_filter.clear();
    }
    s.filter = filter;
    s.rebuild();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_unfolds_to_a_note_and_filters() {
        let corpus = crate::corpus::load_embedded().unwrap();
        let mut s = SourcesState::new(&corpus);
        assert!(s.rows.iter().all(|r| matches!(r, SourceRow::Archive(_))));
        let aprf = s
            .rows
            .iter()
            .position(|r| matches!(r, SourceRow::Archive(a) if s.tree[*a].archive == "APRF"))
            .unwrap();
        s.selected = aprf;
        let row = s.rows[aprf];
        s.toggle(row);
        assert!(matches!(s.rows.get(aprf + 1), Some(SourceRow::Group(..))));
        s.filter = "stalin mao".into();
        s.rebuild();
        assert!(s.rows.iter().any(|r| matches!(r, SourceRow::Document(..))));
        // `45` is APRF's fond 45 (and a page 45), not every document of 1945.
        s.filter = "fond 45".into();
        s.rebuild();
        let documents = s
            .rows
            .iter()
            .filter(|r| matches!(r, SourceRow::Document(..)))
            .count();
        assert!((11..=13).contains(&documents), "{documents} documents");
        // A day however typed: the documents of that day, whatever their words.
        s.filter = "january 30, 1950".into();
        s.rebuild();
        let days: Vec<Option<&str>> = s
            .rows
            .iter()
            .filter_map(|r| match *r {
                SourceRow::Document(a, g, d) => {
                    Some(s.tree[a].groups[g].documents[d].date.as_deref())
                }
                _ => None,
            })
            .collect();
        assert!(!days.is_empty());
        assert!(days.iter().all(|d| *d == Some("1950-01-30")), "{days:?}");
        s.filter = "no such words".into();
        s.rebuild();
        assert!(s.rows.is_empty());
        assert_eq!(s.selected, 0);
    }

    /// A filter unfolds every archive and group it shows; enter folds one of them there, and
    /// dropping the filter brings back the tree as it was folded before.
    #[test]
    fn a_filtered_tree_folds_and_the_tree_before_it_comes_back() {
        let corpus = crate::corpus::load_embedded().unwrap();
        let mut s = SourcesState::new(&corpus);
        let before = s.rows.clone();
        s.filter = "tsamo".into();
        s.rebuild();
        let group = s
            .rows
            .iter()
            .position(|r| matches!(r, SourceRow::Group(..)));
        let group = group.expect("TsAMO's fonds");
        let row = s.rows[group];
        assert!(s.is_open(row));
        assert!(matches!(s.rows[group + 1], SourceRow::Document(..)));
        s.toggle(row);
        assert!(!s.is_open(row));
        assert!(!matches!(
            s.rows.get(group + 1),
            Some(SourceRow::Document(..))
        ));
        s.toggle(row);
        assert!(matches!(s.rows[group + 1], SourceRow::Document(..)));
        s.toggle(row);
        s.selected = group;
        s.clear_filter();
        assert_eq!(s.rows, before);
        // The selection stays on the group's archive.
        assert_eq!(s.selected_row(), SourcesState::parent(row));
        // The same filter typed again shows every group unfolded.
        s.filter = "tsamo".into();
        s.rebuild();
        assert!(s.is_open(row));
    }
}
