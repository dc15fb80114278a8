//! The whole state of the explorer. Changed only by [`crate::app::update`]; drawn by `ui`.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use tui_textarea::TextArea;

use super::geometry::{Areas, ReaderAreas, WIDE};
use super::wrap::DocLayout;
use crate::corpus::Corpus;
use crate::keymap::{Context, Keymap};

/// Which pane receives keys: the contents, or the main pane (reader or search).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Nav,
    Reader,
}

/// What fills the main area beside the contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Reader,
    Search,
    Timeline,
    /// The archive tree of the cited sources.
    Sources,
}

/// A place to return to with the jump list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub view: View,
    pub doc: usize,
    pub position: ReadPosition,
}

/// A reading position that survives re-wrapping: a block and a row within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadPosition {
    pub block: usize,
    pub row_in_block: usize,
}

/// Vim's jump list: `record` before every jump, `back` and `forward` to move through it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    entries: Vec<Place>,
    index: usize,
}

impl JumpList {
    const LIMIT: usize = 100;

    /// Records `from`, the place a jump leaves; forward history is dropped.
    pub fn record(&mut self, from: Place) {
        self.entries.truncate(self.index);
        if self.entries.last() != Some(&from) {
            self.entries.push(from);
        }
        if self.entries.len() > Self::LIMIT {
            self.entries.remove(0);
        }
        self.index = self.entries.len();
    }

    /// The place before `current`, remembering `current` so `forward` can return to it.
    pub fn back(&mut self, current: Place) -> Option<Place> {
        if self.index == 0 {
            return None;
        }
        if self.index == self.entries.len() {
            self.entries.push(current);
        }
        self.index -= 1;
        Some(self.entries[self.index])
    }

    pub fn forward(&mut self) -> Option<Place> {
        if self.index + 1 >= self.entries.len() {
            return None;
        }
        self.index += 1;
        Some(self.entries[self.index])
    }
}

/// An entry of the contents tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavItem {
    Document(usize),
    Part(usize, usize),
    Subsection(usize, usize, usize),
}

#[derive(Debug, Clone, Default)]
pub struct NavState {
    pub expanded_docs: HashSet<usize>,
    pub expanded_parts: HashSet<(usize, usize)>,
    /// Index into [`App::nav_items`].
    pub cursor: usize,
    pub scroll: usize,
}

/// The reader: one laid-out document at a time, a position per document.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
    pub doc: usize,
    /// Per document, laid out for `text_width` when first shown.
    pub layouts: Vec<Option<DocLayout>>,
    pub positions: Vec<ReadPosition>,
    /// The selected note reference: block and span index in that block.
    pub selected_ref: Option<(usize, usize)>,
    pub text_width: u16,
    /// Rows of text on screen.
    pub height: u16,
}

/// One hit of `/` find in the reader's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindHit {
    pub block: usize,
    pub bytes: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct FindState {
    pub query: String,
    pub hits: Vec<FindHit>,
    pub current: Option<usize>,
    /// While the prompt is open: where the reader was, to return to on Esc.
    pub origin: Option<Place>,
    /// The lower-cased text of each block of one document, made on its first find.
    pub lowered: Vec<String>,
    pub lowered_doc: Option<usize>,
    /// Every occurrence (block, byte in `lowered`) of `occurrences_of`, overlapping ones too.
    pub occurrences: Vec<(usize, usize)>,
    pub occurrences_of: String,
}

/// Where a copy goes: the terminal's clipboard by OSC 52 (`known` where the terminal is known
/// to take it), or a file (`--copy-to`), appended to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyTarget {
    Clipboard { known: bool },
    File(std::path::PathBuf),
}

/// What the reader's prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PromptKind {
    #[default]
    Find,
    GoTo,
}

/// The note shown over the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePopup {
    pub doc: usize,
    pub note: usize,
    pub scroll: u16,
    /// The note whose document `o` goes round the citing notes of (document, note): set by
    /// the first `o`, so the round takes in every note of both texts and comes back.
    pub round_from: Option<(usize, usize)>,
}

/// The field what is typed while `view` is waited for goes to: search's query, or a plain
/// line (the sources' filter).
pub fn typed_ahead_field(view: View) -> TextArea<'static> {
    if view == View::Search {
        return SearchState::query_field();
    }
    let mut field = TextArea::default();
    field.set_cursor_line_style(ratatui::style::Style::default());
    field
}

/// The footnote search pane.
pub struct SearchState {
    pub input: TextArea<'static>,
    pub index: Arc<crate::search::Index>,
    pub searcher: crate::search::Searcher,
    pub query: crate::search::Query,
    pub hits: Vec<crate::search::Hit>,
    /// Index into `hits`.
    pub selected: usize,
    /// Counts queries; results of an older one are dropped.
    pub generation: u64,
    /// A ranking for the worker thread to do (large corpora), taken by the event loop.
    pub request: Option<(u64, crate::search::Query)>,
    /// Whether `hits` are still those of an earlier query.
    pub ranking: bool,
    /// Whether keys go to the results list (`y` copies) rather than the query input.
    pub in_results: bool,
    /// The first hit shown in the list: moves only when the selection leaves the list.
    pub offset: usize,
    /// Whether the selected result's preview shows below the list (off: the list takes the pane).
    /// Off to begin with: over SSH each move would resend the note's whole text (~400 bytes
    /// rather than ~65); the list already shows each note's words around the match.
    pub preview: bool,
}

impl SearchState {
    /// The query's text field (also what is typed while the pane waits for its index).
    pub fn query_field() -> TextArea<'static> {
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::default());
        input.set_placeholder_text(
            "names, archives, dates… (\"phrase\" 'word !word in:body doc: part:)",
        );
        input
    }

    pub fn new(corpus: &Corpus) -> SearchState {
        SearchState::with_index(Arc::new(crate::search::Index::new(corpus)))
    }

    /// A search pane over an index built elsewhere (in the background, after the first frame).
    pub fn with_index(index: Arc<crate::search::Index>) -> SearchState {
        let input = SearchState::query_field();
        let mut searcher = crate::search::Searcher::default();
        let query = crate::search::Query::default();
        // The empty query lists every note in document order.
        let hits = searcher.search(&index, &query);
        SearchState {
            input,
            index,
            searcher,
            query,
            hits,
            selected: 0,
            generation: 0,
            request: None,
            ranking: false,
            in_results: false,
            offset: 0,
            preview: false,
        }
    }

    /// The entry under the cursor.
    pub fn selected_entry(&self) -> Option<&crate::search::Entry> {
        let hit = self.hits.get(self.selected)?;
        self.index.entries.get(hit.entry)
    }

    /// The note under the cursor: document and note index.
    pub fn selected_note(&self) -> Option<(usize, usize)> {
        let entry = self.selected_entry()?;
        Some((entry.doc, entry.note()?))
    }
}

/// The timeline pane.
#[derive(Clone)]
pub struct TimelineState {
    /// Events within the corpus's range, by date.
    pub events: Vec<crate::timeline::Event>,
    /// Each event's sentence folded for the word filter.
    pub folded: Vec<String>,
    pub filter: crate::timeline::Filter,
    pub zoom: crate::timeline::Zoom,
    pub rows: Vec<crate::timeline::Row>,
    /// Shown events per month of the corpus's range, for the histogram.
    pub per_month: Vec<u64>,
    /// The corpus's year range.
    pub years: (i32, i32),
    /// Index into `rows` of the selected event.
    pub selected: usize,
    /// The first row shown below the sticky year: moves only when the selection leaves the list.
    pub offset: usize,
    /// The word-filter input while it is open.
    pub input: Option<TextArea<'static>>,
    /// Events the other filters let through that the precision filter hides.
    pub hidden_by_precision: usize,
    /// Days both texts date events to, with each text's events.
    pub both: Vec<(crate::corpus::dates::PartialDate, [Vec<usize>; 2])>,
    /// The day shown side by side (`=`), and how far that view is scrolled.
    pub compare: Option<usize>,
    pub compare_scroll: u16,
}

impl TimelineState {
    pub fn new(corpus: &Corpus) -> TimelineState {
        TimelineState::with_events(corpus, crate::timeline::events_in_range(corpus))
    }

    /// A timeline pane over events extracted elsewhere (in the background).
    pub fn with_events(corpus: &Corpus, events: Vec<crate::timeline::Event>) -> TimelineState {
        let folded = events
            .iter()
            .map(|e| crate::search::fold(&e.text))
            .collect();
        let mut state = TimelineState {
            events,
            folded,
            filter: crate::timeline::Filter::default(),
            zoom: crate::timeline::Zoom::Month,
            rows: Vec::new(),
            per_month: Vec::new(),
            years: corpus.timeline,
            selected: 0,
            offset: 0,
            input: None,
            hidden_by_precision: 0,
            both: Vec::new(),
            compare: None,
            compare_scroll: 0,
        };
        state.both = crate::timeline::both_days(&state.events);
        state.regroup();
        state
    }

    /// Rebuilds the rows after a filter or zoom change, keeping the selected event if it is
    /// still shown (else the nearest one after it).
    pub fn regroup(&mut self) {
        let current = self.selected_event();
        let (shown, hidden) = crate::timeline::visible(&self.events, &self.folded, &self.filter);
        self.hidden_by_precision = hidden;
        self.rows = crate::timeline::rows(&self.events, &shown, self.zoom);
        let (from, to) = self.years;
        self.per_month = crate::timeline::per_month(&self.events, &shown, from, to);
        let is_event = |r: &crate::timeline::Row| matches!(r, crate::timeline::Row::Event(_));
        self.selected = current
            .and_then(|c| {
                self.rows
                    .iter()
                    .position(|r| matches!(r, crate::timeline::Row::Event(e) if *e >= c))
            })
            .or_else(|| self.rows.iter().position(is_event))
            .unwrap_or(0);
    }

    /// Index into `events` of the selected event.
    pub fn selected_event(&self) -> Option<usize> {
        match self.rows.get(self.selected) {
            Some(crate::timeline::Row::Event(e)) => Some(*e),
            _ => None,
        }
    }
}

/// What the last updates did to the screen, so the terminal can scroll instead of redrawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScrollHint {
    /// The content of screen rows `top..bottom` moved up by `rows` (down when negative): the
    /// reader or a list scrolled. Anything else that changed is found by the diff.
    Scrolled { rows: i32, top: u16, bottom: u16 },
    /// Anything else: redraw by diff.
    #[default]
    Redraw,
}

pub struct App {
    pub corpus: Arc<Corpus>,
    pub keymap: Keymap,
    pub monochrome: bool,
    pub screen: (u16, u16),
    pub focus: Focus,
    pub view: View,
    /// Built when search first opens.
    pub search: Option<SearchState>,
    /// Built when the timeline first opens.
    pub timeline: Option<TimelineState>,
    /// Built when the Sources pane first opens.
    pub sources: Option<super::sources::SourcesState>,
    pub nav_wide: bool,
    pub nav_narrow: bool,
    pub full_width: bool,
    pub nav: NavState,
    pub reader: ReaderState,
    pub find: FindState,
    /// The reader's one-line prompt, while it is open: find (`/`) or go to (`:`).
    pub prompt: Option<TextArea<'static>>,
    pub prompt_kind: PromptKind,
    /// After `m` (true) or `'` (false): the next key names the mark.
    pub mark_pending: Option<bool>,
    /// Places marked with a letter.
    pub marks: std::collections::BTreeMap<char, Place>,
    /// Where `kwx open` asked to start: gone to on the first layout.
    pub start_at: Option<String>,
    /// Keys typed so far of a longer binding (`g` of `g g`), shown in the status bar.
    pub pending_keys: Option<String>,
    pub popup: Option<NotePopup>,
    /// Scroll offset of the help overlay while it is open.
    pub help: Option<u16>,
    pub jumps: JumpList,
    /// One line for the status bar; cleared by the next command.
    pub message: Option<String>,
    /// Text for the terminal to put on the clipboard (OSC 52), taken by the event loop.
    pub clipboard: Option<String>,
    /// Where copied text goes.
    pub copy_target: CopyTarget,
    pub quit: bool,
    /// Draw in ASCII only (`--ascii`, or a terminal without line drawing).
    pub ascii: bool,
    /// Take clicks and the wheel (off with `--no-mouse`: the terminal's selection stays).
    pub mouse: bool,
    /// Find queries kept, oldest first; `history_at` is the one shown while browsing.
    pub history: Vec<String>,
    pub history_at: Option<usize>,
    /// Set by the suspend command; the event loop stops the process and clears it on resume.
    pub suspend: bool,
    pub scroll_hint: ScrollHint,
    /// While the rest of a large `--corpus` directory is read after the first frame: the
    /// directory, how many documents it lists, and the state saved for them (positions and
    /// marks in documents not yet read).
    pub loading: Option<CorpusLoading>,
    /// The search index and the timeline's events, built on a thread after the first frame
    /// so opening either pane does not wait; for the corpus they were built from.
    pub prebuilt: Option<Prebuilt>,
    /// How far the background build of those indexes has got, while it runs.
    pub building: Option<BuildProgress>,
    /// A pane asked for before its index was built: it opens when the build is done.
    pub waiting_for: Option<View>,
    /// What is typed while search or the sources are waited for: the query or filter the pane
    /// opens with (a user who asked for either types at once, and those letters are not the
    /// reader's commands).
    pub typed_ahead: Option<TextArea<'static>>,
    /// The last generation of a search query asked for, over every search pane of the run.
    pub search_generations: u64,
}

/// Which index the background build is on, and how many documents of how many it has done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildProgress {
    pub stage: BuildStage,
    /// Stages finished before this one, of three (the order varies: a pane waited for is
    /// built first).
    pub step: u8,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildStage {
    /// Every note read into the works it cites (the Sources pane and the popup need it).
    Citations,
    Search,
    Timeline,
}

impl BuildProgress {
    /// A build about to start on `documents` documents.
    pub fn starting(documents: usize) -> BuildProgress {
        BuildProgress {
            stage: BuildStage::Citations,
            step: 0,
            done: 0,
            total: documents,
        }
    }
}

/// What the background build makes for `corpus`, each part handed over as soon as it is made:
/// the Sources pane (once the citations are linked), then the search index and the timeline
/// pane (its events dated and grouped), the timeline first if it is the pane waited for. A pane made here is taken when it
/// opens, so opening it costs the UI thread nothing at any size.
#[derive(Clone)]
pub struct Prebuilt {
    pub corpus: Arc<Corpus>,
    /// The build's last part: nothing more is coming.
    pub last: bool,
    pub sources: Option<super::sources::SourcesState>,
    pub search: Option<Arc<crate::search::Index>>,
    pub timeline: Option<TimelineState>,
}

impl std::fmt::Debug for Prebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Prebuilt(sources: {}, search: {}, timeline: {})",
            self.sources.is_some(),
            self.search.is_some(),
            self.timeline.is_some()
        )
    }
}

/// The rest of a corpus being read in the background.
#[derive(Debug, Clone)]
pub struct CorpusLoading {
    pub dir: std::path::PathBuf,
    pub documents: usize,
    pub saved: Option<crate::state_file::SavedState>,
}

impl App {
    pub fn new(corpus: Arc<Corpus>, keymap: Keymap) -> App {
        let docs = corpus.documents.len();
        let mut nav = NavState::default();
        nav.expanded_docs.extend(0..docs);
        App {
            corpus,
            keymap,
            monochrome: false,
            screen: (0, 0),
            focus: Focus::Reader,
            view: View::Reader,
            search: None,
            timeline: None,
            sources: None,
            nav_wide: true,
            nav_narrow: false,
            full_width: false,
            nav,
            reader: ReaderState {
                layouts: vec![None; docs],
                positions: vec![ReadPosition::default(); docs],
                ..ReaderState::default()
            },
            find: FindState::default(),
            prompt: None,
            prompt_kind: PromptKind::Find,
            pending_keys: None,
            start_at: None,
            mark_pending: None,
            marks: std::collections::BTreeMap::new(),
            popup: None,
            help: None,
            jumps: JumpList::default(),
            message: None,
            clipboard: None,
            copy_target: CopyTarget::Clipboard { known: false },
            quit: false,
            ascii: false,
            mouse: true,
            history: Vec::new(),
            history_at: None,
            suspend: false,
            scroll_hint: ScrollHint::Redraw,
            loading: None,
            prebuilt: None,
            building: None,
            waiting_for: None,
            typed_ahead: None,
            search_generations: 0,
        }
    }

    /// Whether the box saying a pane waits for its index is over the reader.
    pub fn build_wait_shown(&self) -> bool {
        self.waiting_for.is_some() && self.building.is_some()
    }

    pub fn nav_shown(&self) -> bool {
        !self.full_width
            && if self.screen.0 >= WIDE {
                self.nav_wide
            } else {
                self.nav_narrow
            }
    }

    pub fn areas(&self) -> Option<Areas> {
        Areas::new(self.screen.0, self.screen.1, self.nav_shown())
    }

    pub fn reader_areas(&self) -> Option<ReaderAreas> {
        self.areas().map(|a| ReaderAreas::new(a.main))
    }

    /// The layer of the keymap that receives keys now.
    pub fn context(&self) -> Context {
        if self.help.is_some() {
            Context::Help
        } else {
            self.context_under_help()
        }
    }

    /// Whether the notes citing one document are linked, so "Same document" can be shown
    /// without waiting: always once the background build is over.
    pub fn sources_linked(&self) -> bool {
        self.building.is_none() || self.corpus.sources_if_ready().is_some()
    }

    /// What the popup and `o` say until [`App::sources_linked`].
    pub const SOURCES_PENDING: &'static str =
        "Same document: shown once every note's citations are read";

    /// The context the help overlay is about: the one keys went to before it opened.
    pub fn context_under_help(&self) -> Context {
        if self.mark_pending.is_some() {
            Context::Mark
        } else if self.popup.is_some() {
            Context::Popup
        } else if self.prompt.is_some() || self.timeline_input_open() {
            Context::Prompt
        } else if self.typing_ahead() {
            // Keys typed while search or the sources are waited for are text (see
            // `typed_ahead`), as in search's query.
            Context::Search
        } else {
            match (self.focus, self.view) {
                (Focus::Nav, _) => Context::Nav,
                (Focus::Reader, View::Reader) => Context::Reader,
                (Focus::Reader, View::Search)
                    if self.search.as_ref().is_some_and(|s| s.in_results) =>
                {
                    Context::Results
                }
                (Focus::Reader, View::Search) => Context::Search,
                (Focus::Reader, View::Timeline) => Context::Timeline,
                (Focus::Reader, View::Sources) => Context::Sources,
            }
        }
    }

    /// Whether a pane that takes typing is waited for, and what is typed goes to it.
    pub fn typing_ahead(&self) -> bool {
        matches!(self.waiting_for, Some(View::Search | View::Sources)) && self.typed_ahead.is_some()
    }

    fn timeline_input_open(&self) -> bool {
        (self.view == View::Timeline && self.timeline.as_ref().is_some_and(|t| t.input.is_some()))
            || (self.view == View::Sources
                && self.sources.as_ref().is_some_and(|s| s.input.is_some()))
    }

    /// The open one-line prompt: the timeline's word filter or the reader's find.
    pub fn prompt_mut(&mut self) -> Option<&mut TextArea<'static>> {
        if self.timeline_input_open() && self.view == View::Sources {
            self.sources.as_mut().and_then(|s| s.input.as_mut())
        } else if self.timeline_input_open() {
            self.timeline.as_mut().and_then(|t| t.input.as_mut())
        } else {
            self.prompt.as_mut()
        }
    }

    pub fn layout(&self) -> Option<&DocLayout> {
        self.reader.layouts.get(self.reader.doc)?.as_ref()
    }

    /// The reader's first visible row.
    pub fn top_row(&self) -> usize {
        let Some(layout) = self.layout() else {
            return 0;
        };
        let pos = self.reader.positions[self.reader.doc];
        match layout.blocks.get(pos.block) {
            Some(b) => b.first_row + pos.row_in_block.min(b.row_count.saturating_sub(1)),
            None => 0,
        }
    }

    pub fn place(&self) -> Place {
        Place {
            view: self.view,
            doc: self.reader.doc,
            position: self.reader.positions[self.reader.doc],
        }
    }

    /// The part shown at the top of the reader.
    /// `thesis IV`: a place's document and, where its layout is known, part.
    pub fn place_label(&self, place: &Place) -> String {
        let doc = &self.corpus.documents[place.doc];
        let part = self.reader.layouts[place.doc]
            .as_ref()
            .and_then(|l| l.blocks.get(place.position.block))
            .map(|b| format!(" {}", doc.parts[b.part()].key))
            .unwrap_or_default();
        format!("{}{part}", doc.meta.id)
    }

    pub fn current_part(&self) -> usize {
        self.layout()
            .map_or(0, |l| l.blocks[l.block_at_row(self.top_row())].part())
    }

    /// How far through the document the reader is, 0–100, by the last visible row.
    pub fn percent(&self) -> u16 {
        let Some(layout) = self.layout() else {
            return 0;
        };
        // 0% at the top and 100% at the end, whatever a screen is of the document.
        let max_top = layout
            .rows
            .len()
            .saturating_sub(self.reader.height as usize);
        if max_top == 0 {
            return 100;
        }
        (self.top_row().min(max_top) * 100 / max_top) as u16
    }

    /// The visible entries of the contents tree.
    pub fn nav_items(&self) -> Vec<NavItem> {
        let mut items = Vec::new();
        for (d, doc) in self.corpus.documents.iter().enumerate() {
            items.push(NavItem::Document(d));
            if !self.nav.expanded_docs.contains(&d) {
                continue;
            }
            for (p, part) in doc.parts.iter().enumerate() {
                items.push(NavItem::Part(d, p));
                if self.nav.expanded_parts.contains(&(d, p)) {
                    items.extend((0..part.subsections.len()).map(|s| NavItem::Subsection(d, p, s)));
                }
            }
        }
        items
    }

    /// The subsection the reader is in, if the current part has any before the top row.
    pub fn current_subsection(&self) -> Option<usize> {
        let layout = self.layout()?;
        let top_block = layout.block_at_row(self.top_row());
        let part = layout.blocks[top_block].part();
        let subs = &self.corpus.documents[self.reader.doc].parts[part].subsections;
        let paragraph = layout.blocks[..=top_block]
            .iter()
            .rev()
            .find_map(|b| match b.kind {
                super::wrap::BlockKind::Paragraph { paragraph, .. } => Some(paragraph),
                _ => None,
            })?;
        let block_is_heading_of = |s: usize| {
            // A subsection heading at the top counts as being in that subsection.
            layout.paragraph_block.get(subs[s].first_paragraph) == Some(&(top_block + 1))
        };
        (0..subs.len())
            .rev()
            .find(|&s| subs[s].first_paragraph <= paragraph || block_is_heading_of(s))
    }
}

impl App {
    /// Takes the whole corpus once it is read: the open document stays open where it is (its
    /// index may change), positions and marks saved for the others come back. The event loop
    /// builds the library's indexes in the background from here, so the build is under way.
    pub fn replace_corpus(&mut self, corpus: Arc<Corpus>) {
        let mut saved = self
            .loading
            .take()
            .and_then(|l| l.saved)
            .unwrap_or_default();
        // What this session changed wins over what was saved before it.
        let now = self.saved_state();
        saved.position.extend(now.position);
        saved.row.extend(now.row);
        saved.marks.extend(now.marks);
        saved.history = now.history;
        saved.document = now.document;
        let docs = corpus.documents.len();
        self.corpus = corpus;
        self.reader.layouts = vec![None; docs];
        self.reader.positions = vec![ReadPosition::default(); docs];
        self.nav.expanded_docs.extend(0..docs);
        self.marks.clear();
        self.jumps = JumpList::default();
        self.popup = None;
        self.find = FindState::default();
        self.restore(&saved);
        // Panes built on the documents read first point into that corpus. Rebuilding them
        // here would freeze the screen on a large library, so they close, and the one in
        // front reopens once the library's indexes are built in the background.
        // (Search reopens with the query it had, the sources with their filter.)
        let typed = match self.view {
            View::Search => self.search.as_ref().map(|s| s.input.lines().join(" ")),
            View::Sources => self.sources.as_ref().map(|s| s.filter.clone()),
            _ => None,
        };
        self.search = None;
        self.timeline = None;
        self.sources = None;
        if self.view != View::Reader {
            self.waiting_for = Some(self.view);
            self.typed_ahead = typed.map(|text| {
                let mut field = typed_ahead_field(self.view);
                field.insert_str(text);
                field
            });
            self.view = View::Reader;
        }
        self.building = Some(BuildProgress::starting(docs));
    }

    /// Puts the reader where a previous run left it. Positions past the end are clamped on
    /// the first layout.
    pub fn restore(&mut self, saved: &crate::state_file::SavedState) {
        for (d, doc) in self.corpus.documents.iter().enumerate() {
            if let Some(&block) = saved.position.get(&doc.meta.id) {
                self.reader.positions[d] = ReadPosition {
                    block,
                    row_in_block: saved.row.get(&doc.meta.id).copied().unwrap_or(0),
                };
            }
        }
        self.history.clone_from(&saved.history);
        for (name, mark) in &saved.marks {
            let doc = self
                .corpus
                .documents
                .iter()
                .position(|d| d.meta.id == mark.doc);
            if let (Some(c), Some(doc)) = (name.chars().next(), doc) {
                let position = ReadPosition {
                    block: mark.block,
                    row_in_block: mark.row,
                };
                let place = Place {
                    view: View::Reader,
                    doc,
                    position,
                };
                self.marks.insert(c, place);
            }
        }
        if let Some(d) = saved
            .document
            .as_ref()
            .and_then(|id| self.corpus.documents.iter().position(|d| &d.meta.id == id))
        {
            self.reader.doc = d;
        }
    }

    pub fn saved_state(&self) -> crate::state_file::SavedState {
        let docs = &self.corpus.documents;
        crate::state_file::SavedState {
            document: docs.get(self.reader.doc).map(|d| d.meta.id.clone()),
            position: docs
                .iter()
                .zip(&self.reader.positions)
                .map(|(d, p)| (d.meta.id.clone(), p.block))
                .collect(),
            row: docs
                .iter()
                .zip(&self.reader.positions)
                .filter(|(_, p)| p.row_in_block > 0)
                .map(|(d, p)| (d.meta.id.clone(), p.row_in_block))
                .collect(),
            history: self.history.clone(),
            marks: self
                .marks
                .iter()
                .map(|(c, p)| {
                    let mark = crate::state_file::Mark {
                        doc: docs[p.doc].meta.id.clone(),
                        block: p.position.block,
                        row: p.position.row_in_block,
                    };
                    (c.to_string(), mark)
                })
                .collect(),
        }
    }
}
