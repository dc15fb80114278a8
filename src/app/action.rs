//! Everything that can change the app: named commands (what keymap files bind) and the few
//! inputs that carry data (a resize, a key for a text field, pasted text).

use crossterm::event::KeyEvent;
use strum::{EnumIter, EnumString, IntoStaticStr};

/// A command a key can be bound to. The snake_case names are what keymap files use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumString, IntoStaticStr, EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum Command {
    Quit,
    Suspend,
    Help,
    FocusNext,
    FocusPrev,
    ToggleNav,
    ToggleFullWidth,
    OpenSearch,
    OpenTimeline,
    OpenSources,
    JumpBack,
    JumpForward,
    Down,
    Up,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextParagraph,
    PrevParagraph,
    NextPart,
    PrevPart,
    NextRef,
    PrevRef,
    OpenNote,
    Find,
    GoTo,
    SetMark,
    JumpToMark,
    FindNext,
    FindPrev,
    Select,
    Expand,
    Collapse,
    Close,
    Copy,
    FollowIbid,
    FollowSameDocument,
    TogglePreview,
    ZoomIn,
    ZoomOut,
    FilterDocument,
    FilterOrigin,
    FilterPrecision,
    CompareDay,
}

impl Command {
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// One line for the help overlay about `context`, where a command means something of its
    /// own there (`]` moves a year in the timeline).
    pub fn description_in(self, context: crate::keymap::Context) -> &'static str {
        use crate::keymap::Context;
        use Command::*;
        match (context, self) {
            (Context::Timeline, NextPart) => "next year",
            (Context::Timeline, PrevPart) => "previous year",
            (Context::Timeline, Find) => "filter by a word, or a date (1950-06, 25 June 1950)",
            (Context::Timeline, Select) => "open the event in the reader",
            (Context::Timeline, Close) => "back to the reader",
            (Context::Timeline, Expand) => "finer grouping",
            (Context::Sources, Select) => "unfold, or open the note in the reader",
            (Context::Sources, Find) => "filter by words, a date or a reference such as delo 346 (or just type: letters and digits here are the filter's, not global keys)",
            (Context::Sources, Close) => "back to the reader",
            (Context::Sources, Expand) => "unfold",
            (Context::Sources, Collapse) => "fold, or go to the row above",
            (Context::Sources, Copy) => "copy the document's reference",
            (Context::Results, Find) => "back to the query",
            (Context::Results | Context::Search, Select) => "open in the reader",
            (Context::Results | Context::Search, Close) => "back",
            (Context::Nav, Close) => "back to the reader",
            (Context::Prompt, Select) => "keep the match",
            (Context::Prompt, Close) => "cancel, back to where find began",
            _ => self.description(),
        }
    }

    /// One line for the help overlay.
    pub fn description(self) -> &'static str {
        use Command::*;
        match self {
            Quit => "quit kwx",
            Suspend => "suspend kwx (the shell's fg resumes it)",
            Help => "show or hide this help",
            FocusNext => "focus the next pane",
            FocusPrev => "focus the previous pane",
            ToggleNav => "show or hide the contents",
            ToggleFullWidth => "full-width reading",
            OpenSearch => "search all footnotes",
            OpenTimeline => "timeline 1945-1953",
            OpenSources => "sources: archive, fond, document, citing notes",
            JumpBack => "jump back",
            JumpForward => "jump forward",
            Down => "down one line",
            Up => "up one line",
            HalfPageDown => "down half a page",
            HalfPageUp => "up half a page",
            PageDown => "down a page",
            PageUp => "up a page",
            Top => "go to the top",
            Bottom => "go to the end",
            NextParagraph => "next paragraph",
            PrevParagraph => "previous paragraph",
            NextPart => "next section (or chapter)",
            PrevPart => "previous section (or chapter)",
            NextRef => "select the next note reference",
            PrevRef => "select the previous note reference",
            OpenNote => "open the selected note",
            Find => "find in this document",
            GoTo => "go to a note (IV:27, 58), a percentage (50%) or a paragraph (¶120)",
            SetMark => "mark this place: then a letter",
            JumpToMark => "go to a mark: then its letter (this key again: the last jump)",
            FindNext => "next match",
            FindPrev => "previous match",
            Select => "open / choose",
            Expand => "expand",
            Collapse => "collapse",
            Close => "close",
            Copy => "copy the citation (OSC 52)",
            FollowIbid => "open the full citation an Ibid. or short form repeats",
            FollowSameDocument => "the next note citing the same document or work (either text)",
            TogglePreview => "show or hide the preview of the selected result",
            ZoomIn => "finer grouping",
            ZoomOut => "coarser grouping",
            FilterDocument => "filter by document",
            FilterOrigin => "filter body / notes",
            FilterPrecision => "precision: month+day (year-only where nothing finer), day, all",
            CompareDay => "a day both texts date, side by side",
        }
    }
}

/// The input to [`crate::app::update`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A key for the focused text field (one it does not bind to a command).
    Text(KeyEvent),
    /// A character the pane in front does not bind, where typing filters: opens the filter
    /// with it.
    FilterWith(KeyEvent),
    Paste(String),
    /// The search worker finished ranking the query of this generation.
    SearchResults(u64, Vec<crate::search::Hit>),
    /// The keys typed so far begin a longer binding (`g` of `g g`).
    Pending(String),
    /// Keys bound to nothing in the pane in front.
    Unbound(String),
    /// Something the event loop did (or failed to do) outside the app, for the status bar.
    Notice(String),
    /// The mouse: a wheel turn or a click at a screen cell (column, row).
    Mouse(MouseInput, u16, u16),
    /// Go to a place: a note (`thesis:IV:27`, `article:58`, `IV:27`, `58`), a part
    /// (`thesis:IV`), a document, a percentage (`50%`) or a paragraph (`¶120`, `p120`).
    GoTo(String),
    /// The whole corpus, read in the background after the first frame.
    CorpusLoaded(LoadedCorpus),
    /// Reading the rest of the corpus failed: the documents read so far stay.
    CorpusFailed(String),
    /// The search index and timeline events, built in the background.
    Prebuilt(PrebuiltIndexes),
    /// How far that background build has got.
    Building(super::state::BuildProgress),
}

/// A corpus handed to `update`; actions compare equal when they hold the same one.
#[derive(Debug, Clone)]
pub struct LoadedCorpus(pub std::sync::Arc<crate::corpus::Corpus>);

impl PartialEq for LoadedCorpus {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for LoadedCorpus {}

/// Indexes handed to `update`; compare equal when they are the same build.
#[derive(Debug, Clone)]
pub struct PrebuiltIndexes(pub Box<super::state::Prebuilt>);

impl PartialEq for PrebuiltIndexes {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.0, &other.0);
        let same_search = match (&a.search, &b.search) {
            (Some(x), Some(y)) => std::sync::Arc::ptr_eq(x, y),
            (x, y) => x.is_none() && y.is_none(),
        };
        std::sync::Arc::ptr_eq(&a.corpus, &b.corpus)
            && same_search
            && a.sources.is_some() == b.sources.is_some()
            && a.timeline.is_some() == b.timeline.is_some()
    }
}

impl Eq for PrebuiltIndexes {}

/// What the mouse did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseInput {
    WheelUp,
    WheelDown,
    Click,
}

impl From<Command> for Action {
    fn from(c: Command) -> Action {
        Action::Command(c)
    }
}
