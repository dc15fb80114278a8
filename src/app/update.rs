//! The only place the app state changes. Pure: no terminal, no files.

use tui_textarea::TextArea;

use super::action::{Action, Command};
use super::geometry::{follow, SearchAreas, TimelineAreas};
use super::state::{
    App, CopyTarget, Focus, NavItem, NotePopup, Place, PromptKind, ReadPosition, ScrollHint, View,
};
use super::wrap::{BlockKind, DocLayout, SpanKind};
use crate::corpus::char_to_byte;
use crate::keymap::Context;
use crate::search::Target;

pub fn update(app: &mut App, action: Action) {
    let lists_before = list_offsets(app);
    let navigation = matches!(action, Action::Command(_));
    app.scroll_hint = ScrollHint::Redraw;
    apply(app, action);
    follow_lists(app);
    if navigation && app.scroll_hint == ScrollHint::Redraw {
        app.scroll_hint = list_scroll(app, lists_before);
    }
}

/// The view and the offset of the list it scrolls, where it has one.
fn list_offsets(app: &App) -> (View, Option<usize>) {
    let offset = match app.view {
        View::Search => app.search.as_ref().map(|s| s.offset),
        View::Timeline => app.timeline.as_ref().map(|t| t.offset),
        View::Sources => app.sources.as_ref().map(|s| s.offset),
        View::Reader => None,
    };
    (app.view, offset)
}

/// Keeps the selection of the search results and of the timeline inside their lists.
fn follow_lists(app: &mut App) {
    let Some(main) = app.areas().map(|a| a.main) else {
        return;
    };
    if let Some(s) = app.search.as_mut() {
        let height = SearchAreas::new(main, s.preview).list.height as usize;
        s.offset = follow(s.offset, s.selected, height, s.hits.len());
    }
    if let Some(t) = app.timeline.as_mut() {
        let height = TimelineAreas::new(main).list.height as usize;
        t.offset = follow(t.offset, t.selected, height, t.rows.len());
    }
    if let Some(s) = app.sources.as_mut() {
        let height = super::geometry::SourcesAreas::new(main).list.height as usize;
        s.offset = follow(s.offset, s.selected, height, s.rows.len());
    }
}

/// A list that moved by a few rows and nothing else about the view: the terminal can scroll it.
fn list_scroll(app: &App, before: (View, Option<usize>)) -> ScrollHint {
    let (view, Some(old)) = before else {
        return ScrollHint::Redraw;
    };
    let (now_view, Some(new)) = list_offsets(app) else {
        return ScrollHint::Redraw;
    };
    let Some(main) = app.areas().map(|a| a.main) else {
        return ScrollHint::Redraw;
    };
    let list = match view {
        View::Search => {
            let preview = app.search.as_ref().is_some_and(|s| s.preview);
            SearchAreas::new(main, preview).list
        }
        View::Sources => super::geometry::SourcesAreas::new(main).list,
        _ => TimelineAreas::new(main).list,
    };
    let rows = new as i32 - old as i32;
    if view != now_view || rows == 0 || rows.unsigned_abs() >= list.height as u32 {
        return ScrollHint::Redraw;
    }
    ScrollHint::Scrolled {
        rows,
        top: list.y,
        bottom: list.bottom(),
    }
}

fn apply(app: &mut App, action: Action) {
    let before = (app.reader.doc, app.top_row());
    // A key sequence ends with a key; what the background sends meanwhile (results, the
    // build's progress and parts, the library) leaves it pending, as the dispatcher does.
    let from_background = matches!(
        action,
        Action::SearchResults(..)
            | Action::Building(_)
            | Action::Prebuilt(_)
            | Action::CorpusLoaded(_)
            | Action::CorpusFailed(_)
    );
    if !matches!(action, Action::Pending(_)) && !from_background {
        app.pending_keys = None;
    }
    match action {
        Action::Resize(w, h) => resize(app, w, h),
        Action::Text(key) => {
            // A tab left unbound in a one-line field would be typed as spaces into the query.
            if matches!(
                key.code,
                crossterm::event::KeyCode::Tab | crossterm::event::KeyCode::BackTab
            ) {
                return;
            }
            let typing = matches!(key.code, crossterm::event::KeyCode::Char(_))
                && !key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL);
            if typing && field_len(app) >= MAX_QUERY_CHARS {
                app.message = Some(query_cut_message());
                return;
            }
            // ctrl-u clears to the start of the line in every field, as readline does
            // (tui-textarea would undo).
            let kill_line = key.code == crossterm::event::KeyCode::Char('u')
                && key
                    .modifiers
                    .contains(crossterm::event::KeyModifiers::CONTROL);
            if kill_line {
                match app.context() {
                    _ if app.typing_ahead() => {
                        if let Some(typed) = app.typed_ahead.as_mut() {
                            typed.delete_line_by_head();
                        }
                    }
                    Context::Prompt
                        if app.prompt_mut().is_some_and(|p| p.delete_line_by_head()) =>
                    {
                        prompt_changed(app)
                    }
                    Context::Search
                        if app
                            .search
                            .as_mut()
                            .is_some_and(|s| s.input.delete_line_by_head()) =>
                    {
                        rerank(app)
                    }
                    _ => {}
                }
                return;
            }
            if app.context() == Context::Mark {
                if let crossterm::event::KeyCode::Char(c) = key.code {
                    mark_key(app, c);
                }
                return;
            }
            match app.context() {
                _ if app.typing_ahead() => {
                    if let Some(typed) = app.typed_ahead.as_mut() {
                        typed.input(key);
                    }
                }
                Context::Prompt if app.prompt_mut().is_some_and(|p| p.input(key)) => {
                    prompt_changed(app)
                }
                Context::Search if app.search.as_mut().is_some_and(|s| s.input.input(key)) => {
                    rerank(app)
                }
                _ => {}
            }
        }
        Action::Paste(text) => {
            // One line: a pasted newline would otherwise end up in the query.
            let room = MAX_QUERY_CHARS.saturating_sub(field_len(app));
            let cut = text.chars().nth(room).is_some();
            let text: String = text
                .chars()
                .take(room)
                .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
                .collect();
            match app.context() {
                _ if app.typing_ahead() => {
                    if let Some(typed) = app.typed_ahead.as_mut() {
                        typed.insert_str(text);
                    }
                }
                Context::Prompt => {
                    if let Some(prompt) = app.prompt_mut() {
                        prompt.insert_str(text);
                        prompt_changed(app);
                    }
                }
                Context::Search => {
                    if let Some(search) = app.search.as_mut() {
                        search.input.insert_str(text);
                        rerank(app);
                    }
                }
                _ => {}
            }
            if cut {
                app.message = Some(query_cut_message());
            }
        }
        Action::Pending(keys) => app.pending_keys = Some(keys),
        Action::Mouse(input, x, y) => mouse(app, input, x, y),
        Action::Notice(text) => app.message = Some(text),
        Action::CorpusLoaded(super::action::LoadedCorpus(corpus)) => {
            let documents = corpus.documents.len();
            app.replace_corpus(corpus);
            let (w, h) = app.screen;
            resize(app, w, h);
            app.message = Some(format!("All {documents} documents read"));
        }
        Action::Prebuilt(super::action::PrebuiltIndexes(built)) => {
            let p = *built;
            if p.last {
                app.building = None;
            }
            match app
                .prebuilt
                .as_mut()
                .filter(|mine| std::sync::Arc::ptr_eq(&mine.corpus, &p.corpus))
            {
                Some(mine) => {
                    mine.sources = p.sources.or(mine.sources.take());
                    mine.search = p.search.or(mine.search.take());
                    mine.timeline = p.timeline.or(mine.timeline.take());
                }
                None => app.prebuilt = Some(p),
            }
            open_when_ready(app);
            upgrade_search_index(app);
        }
        Action::Building(progress) => {
            app.building = Some(progress);
            open_when_ready(app);
        }
        Action::CorpusFailed(error) => {
            app.loading = None;
            app.message = Some(format!("kwx: {error}"));
        }
        Action::FilterWith(key) => {
            update(app, Action::Command(Command::Find));
            update(app, Action::Text(key));
        }
        Action::Unbound(keys) => {
            let help = app
                .keymap
                .keys_for(Context::Global, Command::Help)
                .map(|k| format!(" · {k} lists the keys"))
                .unwrap_or_default();
            app.message = Some(format!("{keys} does nothing here{help}"));
        }
        Action::GoTo(target) => {
            if let Err(e) = go_to_target(app, &target) {
                app.message = Some(e);
            }
        }
        Action::SearchResults(generation, hits) => {
            if let Some(search) = app.search.as_mut().filter(|s| s.generation == generation) {
                search.hits = hits;
                search.selected = 0;
                search.ranking = false;
            }
        }
        Action::Command(command) => {
            app.message = None;
            let focus_before = app.focus;
            let context = app.context();
            match context {
                Context::Mark => {
                    // A bound key (esc) ends the wait for a mark's letter.
                    app.mark_pending = None;
                }
                // Esc gives up waiting for a pane whose index is being built.
                Context::Reader | Context::Nav
                    if command == Command::Close && app.waiting_for.is_some() =>
                {
                    app.waiting_for = None;
                }
                // Waiting for search or the sources: letters are the query or filter, but the
                // keys that move still move the reader, and esc goes back to it.
                _ if app.typing_ahead() => match command {
                    Command::Close => {
                        app.waiting_for = None;
                        app.typed_ahead = None;
                    }
                    Command::Down
                    | Command::Up
                    | Command::PageDown
                    | Command::PageUp
                    | Command::HalfPageDown
                    | Command::HalfPageUp
                    | Command::Top
                    | Command::Bottom => reader(app, command),
                    _ => {}
                },
                Context::Help => help(app, command),
                Context::Popup => popup(app, command),
                Context::Prompt => prompt(app, command),
                Context::Nav => nav(app, command),
                Context::Search | Context::Results => search(app, command),
                Context::Timeline => timeline(app, command),
                Context::Sources => super::sources::keys(app, command),
                _ => reader(app, command),
            }
            // The contents cursor follows the reader until the contents take focus.
            if focus_before != Focus::Nav {
                sync_nav_to_reader(app);
            }
            let after = (app.reader.doc, app.top_row());
            if context == Context::Reader && is_pure_scroll(command) && before.0 == after.0 {
                if let Some(body) = app.reader_areas().map(|r| r.body) {
                    app.scroll_hint = ScrollHint::Scrolled {
                        rows: after.1 as i32 - before.1 as i32,
                        top: body.y,
                        bottom: body.bottom(),
                    };
                }
            }
        }
    }
}

/// The longest query a text field takes: longer ones are pastes gone wrong, and each key would
/// cost more than a frame.
pub const MAX_QUERY_CHARS: usize = 200;

fn query_cut_message() -> String {
    format!("A query is at most {MAX_QUERY_CHARS} characters")
}

/// Characters in the text field that takes typing now.
fn field_len(app: &mut App) -> usize {
    let lines = match app.context() {
        _ if app.typing_ahead() => app.typed_ahead.as_ref().map(|t| t.lines()),
        Context::Prompt => app.prompt_mut().map(|p| p.lines()),
        Context::Search => app.search.as_ref().map(|s| s.input.lines()),
        _ => None,
    };
    lines.map_or(0, |l| l.iter().map(|l| l.chars().count()).sum())
}

fn is_pure_scroll(command: Command) -> bool {
    use Command::*;
    matches!(
        command,
        Down | Up | HalfPageDown | HalfPageUp | PageDown | PageUp
    )
}

fn resize(app: &mut App, w: u16, h: u16) {
    let was_wide = app.screen.0 >= super::geometry::WIDE;
    app.screen = (w, h);
    if was_wide != (w >= super::geometry::WIDE) && app.focus == Focus::Nav && !app.nav_shown() {
        app.focus = Focus::Reader;
    }
    relayout(app);
    // `kwx open TARGET`: once there is a screen to lay the text out on.
    if app.layout().is_some() {
        if let Some(target) = app.start_at.take() {
            if let Err(e) = go_to_target(app, &target) {
                app.message = Some(e);
            }
        }
    }
}

/// Lays the current document out for the reader's width, keeping the reading position.
fn relayout(app: &mut App) {
    let Some(areas) = app.reader_areas() else {
        return;
    };
    let width = areas.column.width;
    app.reader.height = areas.body.height;
    if app.reader.text_width != width {
        app.reader.text_width = width;
        for layout in &mut app.reader.layouts {
            *layout = None;
        }
        // Find hits are byte ranges of block text: still valid, the blocks do not change.
    }
    let doc = app.reader.doc;
    if app.reader.layouts[doc].is_none() {
        app.reader.layouts[doc] = Some(DocLayout::new(&app.corpus.documents[doc], width));
    }
    clamp_scroll(app);
}

/// The indexes built in the background, if they are for the corpus in use.
fn prebuilt(app: &App) -> Option<&super::state::Prebuilt> {
    app.prebuilt
        .as_ref()
        .filter(|p| std::sync::Arc::ptr_eq(&p.corpus, &app.corpus))
}

fn prebuilt_mut(app: &mut App) -> Option<&mut super::state::Prebuilt> {
    let corpus = std::sync::Arc::clone(&app.corpus);
    app.prebuilt
        .as_mut()
        .filter(|p| std::sync::Arc::ptr_eq(&p.corpus, &corpus))
}

/// Whether the index `view` needs is built (or nothing is building it, so opening the pane
/// builds it).
fn index_ready(app: &App, view: View) -> bool {
    let ready = match view {
        View::Search => prebuilt(app).is_some_and(|p| p.search.is_some()),
        View::Timeline => prebuilt(app).is_some_and(|p| p.timeline.is_some()),
        View::Sources => prebuilt(app).is_some_and(|p| p.sources.is_some()),
        View::Reader => true,
    };
    ready || app.building.is_none()
}

/// Opens the pane that was asked for before its index was built, once it is.
fn open_when_ready(app: &mut App) {
    if let Some(view) = app.waiting_for.filter(|&v| index_ready(app, v)) {
        open_pane(app, view);
    }
}

/// Brings a pane to the front. One not open yet is the one the background build made (taken,
/// not copied), or made here if nothing is making it; while the build runs it is waited for,
/// with the build's progress on screen and the keys still working.
fn open_pane(app: &mut App, view: View) {
    let open = match view {
        View::Search => app.search.is_some(),
        View::Timeline => app.timeline.is_some(),
        View::Sources => app.sources.is_some(),
        View::Reader => true,
    };
    if !open {
        if !index_ready(app, view) {
            if app.waiting_for != Some(view) {
                app.typed_ahead = matches!(view, View::Search | View::Sources)
                    .then(|| super::state::typed_ahead_field(view));
            }
            app.waiting_for = Some(view);
            app.popup = None;
            return;
        }
        match view {
            View::Search => {
                let index = prebuilt(app).and_then(|p| p.search.clone());
                let mut search = match index {
                    Some(index) => super::state::SearchState::with_index(index),
                    None => super::state::SearchState::new(&app.corpus),
                };
                let typed = app.typed_ahead.take();
                let any_typed = typed.as_ref().is_some_and(any_text);
                if let Some(typed) = typed {
                    search.input = typed;
                }
                app.search = Some(search);
                if any_typed {
                    rerank(app);
                }
            }
            View::Timeline => {
                let made = prebuilt_mut(app).and_then(|p| p.timeline.take());
                app.timeline =
                    Some(made.unwrap_or_else(|| super::state::TimelineState::new(&app.corpus)));
            }
            View::Sources => {
                let made = prebuilt_mut(app).and_then(|p| p.sources.take());
                let mut sources =
                    made.unwrap_or_else(|| super::sources::SourcesState::new(&app.corpus));
                // What was typed meanwhile opens the filter, as typing in the pane does.
                if let Some(typed) = app.typed_ahead.take().filter(any_text) {
                    sources.input = Some(typed);
                    super::sources::filter_changed(&mut sources);
                }
                app.sources = Some(sources);
            }
            View::Reader => {}
        }
    }
    app.view = view;
    app.focus = Focus::Reader;
    app.popup = None;
    app.waiting_for = None;
    app.typed_ahead = None;
}

/// Whether a text field holds anything.
fn any_text(field: &TextArea<'static>) -> bool {
    field.lines().iter().any(|l| !l.is_empty())
}

pub(super) fn global(app: &mut App, command: Command) {
    match command {
        Command::Quit => app.quit = true,
        Command::Suspend => app.suspend = true,
        Command::Help => app.help = Some(0),
        Command::FocusNext | Command::FocusPrev if app.nav_shown() => {
            app.focus = match app.focus {
                Focus::Nav => Focus::Reader,
                Focus::Reader => Focus::Nav,
            };
        }
        Command::ToggleNav => {
            if app.screen.0 >= super::geometry::WIDE {
                app.nav_wide = !app.nav_wide;
            } else {
                app.nav_narrow = !app.nav_narrow;
            }
            app.full_width = false;
            app.focus = if app.nav_shown() {
                Focus::Nav
            } else {
                Focus::Reader
            };
            relayout(app);
        }
        Command::ToggleFullWidth => {
            app.full_width = !app.full_width;
            if app.full_width {
                app.focus = Focus::Reader;
            }
            relayout(app);
        }
        Command::OpenSources => open_pane(app, View::Sources),
        Command::OpenTimeline => open_pane(app, View::Timeline),
        Command::OpenSearch => open_pane(app, View::Search),
        Command::JumpBack => {
            if let Some(place) = app.jumps.back(app.place()) {
                go_to(app, place);
            } else {
                app.message = Some("At the start of the jump list".into());
            }
        }
        Command::JumpForward => {
            if let Some(place) = app.jumps.forward() {
                go_to(app, place);
            } else {
                app.message = Some("At the end of the jump list".into());
            }
        }
        _ => {}
    }
}

fn go_to(app: &mut App, place: Place) {
    app.view = place.view;
    app.reader.doc = place.doc;
    app.reader.positions[place.doc] = place.position;
    app.reader.selected_ref = None;
    relayout(app);
    app.focus = Focus::Reader;
}

/// Records the current place in the jump list, then moves the reader to `row`.
fn jump_to_row(app: &mut App, row: usize) {
    app.jumps.record(app.place());
    set_top(app, row);
}

fn set_top(app: &mut App, row: usize) {
    let Some(layout) = app.layout() else {
        return;
    };
    let row = row.min(max_top(layout, app.reader.height));
    let block = layout.block_at_row(row);
    let first = layout.blocks[block].first_row;
    app.reader.positions[app.reader.doc] = ReadPosition {
        block,
        row_in_block: row - first,
    };
}

fn max_top(layout: &DocLayout, height: u16) -> usize {
    layout.rows.len().saturating_sub(height.max(1) as usize)
}

fn clamp_scroll(app: &mut App) {
    let top = app.top_row();
    set_top(app, top);
}

/// Scrolls so `row` is on screen, a few rows from the top when it was off screen.
fn reveal_row(app: &mut App, row: usize) {
    let top = app.top_row();
    let height = app.reader.height as usize;
    if row < top || row >= top + height {
        set_top(app, row.saturating_sub(height / 3));
    }
}

fn reader(app: &mut App, command: Command) {
    let Some(layout) = app.layout() else {
        global(app, command);
        return;
    };
    let top = app.top_row();
    let height = app.reader.height as usize;
    let page = height.saturating_sub(2).max(1);
    let top_block = layout.block_at_row(top);
    match command {
        Command::Down => set_top(app, top + 1),
        Command::Up => set_top(app, top.saturating_sub(1)),
        Command::HalfPageDown => set_top(app, top + height / 2),
        Command::HalfPageUp => set_top(app, top.saturating_sub(height / 2)),
        Command::PageDown => set_top(app, top + page),
        Command::PageUp => set_top(app, top.saturating_sub(page)),
        Command::Top => jump_to_row(app, 0),
        Command::Bottom => jump_to_row(app, usize::MAX),
        Command::NextParagraph => {
            let next = layout.blocks[top_block + 1..]
                .iter()
                .find(|b| matches!(b.kind, BlockKind::Paragraph { .. }))
                .map(|b| b.first_row);
            if let Some(row) = next {
                set_top(app, row);
            }
        }
        Command::PrevParagraph => {
            let current = &layout.blocks[top_block];
            let row = if top > current.first_row {
                Some(current.first_row)
            } else {
                layout.blocks[..top_block]
                    .iter()
                    .rev()
                    .find(|b| matches!(b.kind, BlockKind::Paragraph { .. }))
                    .map(|b| b.first_row)
            };
            if let Some(row) = row {
                set_top(app, row);
            }
        }
        // By section where a part has sections, else by part: every heading is a stop.
        Command::NextPart => {
            let next = layout
                .blocks
                .iter()
                .filter(|b| b.is_heading() && b.first_row > top)
                .map(|b| b.first_row)
                .next();
            match next {
                Some(row) => jump_to_row(app, row),
                None => app.message = Some("This is the last section".into()),
            }
        }
        Command::PrevPart => {
            let previous = layout
                .blocks
                .iter()
                .rev()
                .filter(|b| b.is_heading() && b.first_row < top)
                .map(|b| b.first_row)
                .next();
            match previous {
                Some(row) => jump_to_row(app, row),
                None => app.message = Some("This is the first section".into()),
            }
        }
        Command::NextRef => select_ref(app, true),
        Command::PrevRef => select_ref(app, false),
        Command::OpenNote => {
            if !selected_ref_visible(app) {
                select_ref(app, true);
            }
            if let Some(note) = selected_note(app) {
                app.popup = Some(NotePopup {
                    doc: app.reader.doc,
                    note,
                    scroll: 0,
                    round_from: None,
                });
            } else if app.message.is_none() {
                app.message = Some("No note reference on screen".into());
            }
        }
        Command::Find => {
            let mut input = TextArea::default();
            // The prompt is one line: no underline marking "the current line".
            input.set_cursor_line_style(ratatui::style::Style::default());
            // It starts empty, as readline's does; the last query is a key away.
            if let Some(last) = app.history.last() {
                input.set_placeholder_text(format!("{last}  (↑ earlier finds)"));
            }
            app.prompt = Some(input);
            app.prompt_kind = PromptKind::Find;
            app.history_at = None;
            app.find.origin = Some(app.place());
        }
        Command::SetMark => {
            app.mark_pending = Some(true);
            app.message = Some("Mark this place: a letter".into());
        }
        Command::JumpToMark => {
            app.mark_pending = Some(false);
            let marks: Vec<String> = app
                .marks
                .iter()
                .map(|(c, p)| format!("{c} {}", app.place_label(p)))
                .collect();
            let key = |c| app.keymap.keys_for(Context::Reader, c).unwrap_or_default();
            let (set, jump) = (key(Command::SetMark), key(Command::JumpToMark));
            app.message = Some(if marks.is_empty() {
                format!("No marks yet ({set} and a letter sets one) · {jump} again: the last jump")
            } else {
                format!("Marks: {} · {jump} again: the last jump", marks.join(" · "))
            });
        }
        Command::GoTo => {
            let mut input = TextArea::default();
            input.set_cursor_line_style(ratatui::style::Style::default());
            input.set_placeholder_text("IV:27 · 58 · thesis:II · 50% · ¶120");
            app.prompt = Some(input);
            app.prompt_kind = PromptKind::GoTo;
        }
        Command::FindNext => find_step(app, true),
        Command::FindPrev => find_step(app, false),
        Command::Copy => match selected_note(app) {
            Some(note) => copy_note(app, app.reader.doc, note),
            None => app.message = Some("Select a note reference first (next_ref)".into()),
        },
        Command::Close => {
            app.reader.selected_ref = None;
            app.find.hits.clear();
            app.find.current = None;
        }
        Command::Select => {}
        _ => global(app, command),
    }
}

fn selected_ref_visible(app: &App) -> bool {
    let (Some((block, span)), Some(layout)) = (app.reader.selected_ref, app.layout()) else {
        return false;
    };
    // A selection made in another document (or before it was laid out) is not on screen.
    let Some(start) = layout
        .blocks
        .get(block)
        .and_then(|b| b.spans.get(span))
        .map(|s| s.bytes.start)
    else {
        return false;
    };
    let row = layout.row_of(block, start);
    let top = app.top_row();
    row >= top && row < top + app.reader.height as usize
}

fn selected_note(app: &App) -> Option<usize> {
    let (block, span) = app.reader.selected_ref?;
    match app.layout()?.blocks.get(block)?.spans.get(span)?.kind {
        SpanKind::NoteRef { note, .. } => note,
        SpanKind::Emphasis => None,
    }
}

/// Selects the next (or previous) note reference from the selection, or from the top of the
/// screen when nothing on screen is selected, and scrolls it into view.
fn select_ref(app: &mut App, forward: bool) {
    let Some(layout) = app.layout() else {
        return;
    };
    let is_ref = |k: &SpanKind| matches!(k, SpanKind::NoteRef { .. });
    // Every (block, span) after the cursor, in reading order.
    let start = if selected_ref_visible(app) {
        app.reader.selected_ref
    } else {
        None
    };
    let top_block = layout.block_at_row(app.top_row());
    let found = if forward {
        let (from_block, from_span) = match start {
            Some((b, s)) => (b, s + 1),
            None => (top_block, 0),
        };
        (from_block..layout.blocks.len()).find_map(|b| {
            let first = if b == from_block { from_span } else { 0 };
            let spans = &layout.blocks[b].spans;
            (first..spans.len())
                .find(|&s| is_ref(&spans[s].kind))
                .map(|s| (b, s))
        })
    } else {
        let (from_block, before_span) = match start {
            Some((b, s)) => (b, s),
            None => {
                // From the bottom of the screen upwards.
                let bottom = (app.top_row() + app.reader.height as usize)
                    .min(layout.rows.len().saturating_sub(1));
                let b = layout.block_at_row(bottom);
                (b, layout.blocks[b].spans.len())
            }
        };
        (0..=from_block).rev().find_map(|b| {
            let end = if b == from_block {
                before_span
            } else {
                layout.blocks[b].spans.len()
            };
            let spans = &layout.blocks[b].spans;
            (0..end)
                .rev()
                .find(|&s| is_ref(&spans[s].kind))
                .map(|s| (b, s))
        })
    };
    match found {
        Some((block, span)) => {
            let row = layout.row_of(block, layout.blocks[block].spans[span].bytes.start);
            app.reader.selected_ref = Some((block, span));
            reveal_row(app, row);
        }
        None => {
            app.message = Some(if forward {
                "No more note references".into()
            } else {
                "No earlier note references".into()
            })
        }
    }
}

/// The clipboard text for a note: the citation with where it comes from.
/// A note as a reader cites it: "Author, Title (Year), note N: text", with only what the
/// manifest knows (no empty year) and the note named as the document numbers it.
pub fn citation(doc: &crate::corpus::Document, note: usize) -> String {
    let n = &doc.notes[note];
    let year = doc.meta.year.map_or(String::new(), |y| format!(" ({y})"));
    let number = if doc.numbers_notes_per_part() {
        format!("{}:{}", doc.parts[n.part].key, n.number)
    } else {
        n.number.to_string()
    };
    // The archive reference as the model read it, where the note's words do not give it whole.
    let references: Vec<String> = doc
        .citations()
        .get(note)
        .into_iter()
        .flatten()
        .filter(|w| w.archive.is_some() && w.ibid_of.is_none())
        .map(|w| w.reference())
        .filter(|r| !n.text.contains(r.as_str()))
        .collect();
    let references = if references.is_empty() {
        String::new()
    } else {
        format!(" [{}]", references.join("; "))
    };
    // `Ibid., p. 121` says nothing once pasted elsewhere: the work it repeats, whole.
    let wholes: Vec<String> = doc
        .citations()
        .get(note)
        .into_iter()
        .flatten()
        .filter(|w| w.ibid_of.is_some())
        .map(|w| crate::sources::full_citation(&crate::sources::work_row(doc, w)))
        .collect();
    let wholes = if wholes.is_empty() {
        String::new()
    } else {
        format!(" (= {})", wholes.join("; "))
    };
    format!(
        "{}, {}{year}, note {number}: {}{wholes}{references}",
        doc.meta.author, doc.meta.title, n.text
    )
}

fn copy_note(app: &mut App, doc: usize, note: usize) {
    let label = app.corpus.documents[doc].note_id(note);
    let text = citation(&app.corpus.documents[doc], note);
    copy(app, &label, text);
}

/// Hands `text` to the event loop for the clipboard and says what will happen to it: "Copied"
/// only where the terminal is known to take OSC 52; else that it was sent, and how to be sure.
pub(super) fn copy(app: &mut App, what: &str, text: String) {
    app.message = Some(match &app.copy_target {
        CopyTarget::File(path) => format!("Wrote {what} to {}", path.display()),
        CopyTarget::Clipboard { known: true } => format!("Copied {what} to the clipboard"),
        CopyTarget::Clipboard { known: false } => {
            format!("Sent {what} by OSC 52 (not taken? kwx --copy-to FILE)")
        }
    });
    app.clipboard = Some(text);
}

fn popup(app: &mut App, command: Command) {
    // Scrolling stops where the last line reaches the bottom edge, so a key back up moves at
    // once however often down was pressed.
    let (w, h) = app.screen;
    let overlay = ratatui::layout::Rect::new(0, 0, w, h.saturating_sub(1));
    let max = crate::ui::popup::max_scroll(app, overlay);
    let linked = app.sources_linked();
    let Some(popup) = app.popup.as_mut() else {
        return;
    };
    let by = |scroll: u16, rows: i32| (scroll as i32 + rows).clamp(0, max as i32) as u16;
    match command {
        Command::Close => app.popup = None,
        Command::Down => popup.scroll = by(popup.scroll, 1),
        Command::Up => popup.scroll = by(popup.scroll, -1),
        Command::PageDown | Command::HalfPageDown => popup.scroll = by(popup.scroll, 5),
        Command::PageUp | Command::HalfPageUp => popup.scroll = by(popup.scroll, -5),
        Command::FollowIbid => {
            let (doc, note) = (popup.doc, popup.note);
            match app.corpus.documents[doc].repeats(note) {
                Some(target) => {
                    popup.note = target;
                    popup.scroll = 0;
                    popup.round_from = None;
                }
                None => app.message = Some("This note repeats no earlier citation".into()),
            }
        }
        Command::FollowSameDocument => {
            // Never waits for the background build: until the sources are linked, it says so.
            if !linked {
                app.message = Some(App::SOURCES_PENDING.into());
                return;
            }
            let from = popup.round_from.unwrap_or((popup.doc, popup.note));
            let (others, _) = crate::sources::same_document(&app.corpus, from.0, from.1);
            // The notes citing its documents, then those citing the books it cites whole.
            let mut round: Vec<(usize, usize)> = std::iter::once(from)
                .chain(others.iter().map(|o| o.at))
                .collect();
            for at in crate::sources::same_work(&app.corpus, from.0, from.1) {
                if !round.contains(&at) {
                    round.push(at);
                }
            }
            if round.len() < 2 {
                app.message = Some("No other note cites this document or work".into());
                return;
            }
            let here = round.iter().position(|&n| n == (popup.doc, popup.note));
            let next = here.map_or(1, |i| (i + 1) % round.len());
            let (doc, note) = round[next];
            *popup = NotePopup {
                doc,
                note,
                scroll: 0,
                round_from: Some(from),
            };
            let id = app.corpus.documents[doc].note_id(note);
            app.message = Some(format!("{id} · {} of {} citing it", next + 1, round.len()));
        }
        Command::Copy => {
            let (doc, note) = (popup.doc, popup.note);
            copy_note(app, doc, note);
        }
        Command::Quit => app.quit = true,
        Command::Help => app.help = Some(0),
        _ => {}
    }
}

fn help(app: &mut App, command: Command) {
    // Scrolling stops where the last line reaches the bottom edge (as in the note popup).
    let (w, h) = app.screen;
    let overlay = ratatui::layout::Rect::new(0, 0, w, h.saturating_sub(1));
    let max = crate::ui::help::max_scroll(&app.keymap, app.context_under_help(), overlay);
    let Some(scroll) = app.help.as_mut() else {
        return;
    };
    let by = |scroll: u16, rows: i32| (i32::from(scroll) + rows).clamp(0, i32::from(max)) as u16;
    match command {
        Command::Close | Command::Help => app.help = None,
        Command::Down => *scroll = by(*scroll, 1),
        Command::Up => *scroll = by(*scroll, -1),
        Command::PageDown | Command::HalfPageDown => *scroll = by(*scroll, 10),
        Command::PageUp | Command::HalfPageUp => *scroll = by(*scroll, -10),
        Command::Top => *scroll = 0,
        Command::Bottom => *scroll = max,
        Command::Quit => app.quit = true,
        _ => {}
    }
}

fn prompt_changed(app: &mut App) {
    // Go to waits for enter.
    if app.prompt.is_some() && app.prompt_kind == PromptKind::GoTo {
        return;
    }
    if app.view == View::Sources {
        if let Some(s) = app.sources.as_mut() {
            super::sources::filter_changed(s);
        }
        return;
    }
    if app.view == View::Timeline {
        if let Some(t) = app.timeline.as_mut() {
            let text = t
                .input
                .as_ref()
                .and_then(|i| i.lines().first().cloned())
                .unwrap_or_default();
            t.filter.set_word(&text);
            t.regroup();
        }
    } else {
        find_as_you_type(app);
    }
}

fn prompt(app: &mut App, command: Command) {
    if app.view == View::Sources {
        if let Some(s) = app.sources.as_mut().filter(|s| s.input.is_some()) {
            match command {
                Command::Select => s.input = None,
                Command::Close => {
                    s.input = None;
                    s.clear_filter();
                }
                _ => {}
            }
            return;
        }
    }
    if app.view == View::Timeline {
        if let Some(t) = app.timeline.as_mut().filter(|t| t.input.is_some()) {
            match command {
                Command::Select => t.input = None,
                Command::Close => {
                    t.input = None;
                    t.filter.set_word("");
                    t.regroup();
                }
                _ => {}
            }
            return;
        }
    }
    if app.prompt_kind == PromptKind::GoTo {
        match command {
            Command::Select => {
                let target = app
                    .prompt
                    .take()
                    .and_then(|p| p.lines().first().cloned())
                    .unwrap_or_default();
                if let Err(e) = go_to_target(app, &target) {
                    app.message = Some(e);
                }
            }
            Command::Close => app.prompt = None,
            _ => {}
        }
        return;
    }
    match command {
        Command::Up | Command::Down => browse_history(app, command == Command::Up),
        Command::Select => {
            app.prompt = None;
            let query = app.find.query.trim().to_string();
            if !query.is_empty() && app.history.last() != Some(&query) {
                app.history.retain(|h| *h != query);
                app.history.push(query);
                let excess = app.history.len().saturating_sub(HISTORY_KEPT);
                app.history.drain(..excess);
            }
            if let Some(origin) = app.find.origin.take() {
                if app.find.hits.is_empty() {
                    if !app.find.query.is_empty() {
                        app.message = Some(format!("Not found: {}", app.find.query));
                    }
                } else {
                    app.jumps.record(origin);
                    app.message = Some(match_message(app));
                }
            }
        }
        Command::Close => {
            app.prompt = None;
            app.find.hits.clear();
            app.find.current = None;
            if let Some(origin) = app.find.origin.take() {
                go_to(app, origin);
            }
        }
        _ => {}
    }
}

/// The mouse: the wheel scrolls the pane under the pointer, a click opens what it is on (a note
/// reference, an entry of the contents, a result, an event).
fn mouse(app: &mut App, input: crate::app::MouseInput, x: u16, y: u16) {
    use crate::app::MouseInput::{Click, WheelDown, WheelUp};
    let Some(areas) = app.areas() else {
        return;
    };
    let inside = |r: ratatui::layout::Rect| r.contains(ratatui::layout::Position::new(x, y));
    let wheel = |app: &mut App, context: Context, command: Command| {
        for _ in 0..3 {
            match context {
                Context::Popup => popup(app, command),
                Context::Help => help(app, command),
                Context::Nav => nav(app, command),
                Context::Results => search(app, command),
                Context::Timeline => timeline(app, command),
                Context::Sources => super::sources::keys(app, command),
                _ => reader(app, command),
            }
        }
    };
    let over = if app.help.is_some() {
        Context::Help
    } else if app.popup.is_some() {
        Context::Popup
    } else if areas.nav.is_some_and(inside) {
        Context::Nav
    } else {
        match app.view {
            View::Reader => Context::Reader,
            View::Search => Context::Results,
            View::Timeline => Context::Timeline,
            View::Sources => Context::Sources,
        }
    };
    match input {
        WheelUp | WheelDown => {
            let command = if input == WheelUp {
                Command::Up
            } else {
                Command::Down
            };
            wheel(app, over, command);
        }
        Click => match over {
            Context::Nav => {
                let Some(pane) = areas.nav else { return };
                // The pane's first row is its title.
                let items = app.nav_items();
                let height = pane.height.saturating_sub(1) as usize;
                let offset = super::geometry::nav_offset(app.nav.cursor, height, items.len());
                let index = offset + y.saturating_sub(pane.y + 1) as usize;
                if y > pane.y && index < items.len() {
                    app.nav.cursor = index;
                    app.focus = Focus::Nav;
                    nav(app, Command::Select);
                }
            }
            Context::Reader => click_in_reader(app, x, y),
            Context::Results => {
                let Some(s) = app.search.as_mut() else { return };
                let list = SearchAreas::new(areas.main, s.preview).list;
                let index = s.offset + y.saturating_sub(list.y) as usize;
                if inside(list) && index < s.hits.len() {
                    s.selected = index;
                    search(app, Command::Select);
                }
            }
            Context::Timeline => {
                let Some(t) = app.timeline.as_mut() else {
                    return;
                };
                let list = TimelineAreas::new(areas.main).list;
                let index = t.offset + y.saturating_sub(list.y) as usize;
                let is_event = matches!(t.rows.get(index), Some(crate::timeline::Row::Event(_)));
                if inside(list) && is_event {
                    t.selected = index;
                    timeline(app, Command::Select);
                }
            }
            _ => {}
        },
    }
}

/// A click in the reader's text: on a note reference it opens the note.
fn click_in_reader(app: &mut App, x: u16, y: u16) {
    let (Some(areas), Some(layout)) = (app.reader_areas(), app.layout()) else {
        return;
    };
    let column = areas.column;
    if y < column.y || x < column.x {
        return;
    }
    let row_index = app.top_row() + (y - column.y) as usize;
    let Some(row) = layout.rows.get(row_index) else {
        return;
    };
    let block = &layout.blocks[row.block];
    // The byte under the pointer: walk the row's text by display width.
    let mut width = 0u16;
    let mut at = None;
    for (i, c) in block.text[row.bytes.clone()].char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
        if x - column.x < width + w {
            at = Some(row.bytes.start + i);
            break;
        }
        width += w;
    }
    let Some(at) = at else {
        return;
    };
    let span = block
        .spans
        .iter()
        .position(|s| matches!(s.kind, SpanKind::NoteRef { .. }) && s.bytes.contains(&at));
    if let Some(span) = span {
        app.reader.selected_ref = Some((row.block, span));
        reader(app, Command::OpenNote);
    }
}

/// The letter after `m` or `'`: set that mark, or go to it (`''`: back to the last jump).
fn mark_key(app: &mut App, c: char) {
    let Some(setting) = app.mark_pending.take() else {
        return;
    };
    app.message = None;
    match (setting, c) {
        (false, '\'' | '`') => {
            if let Some(place) = app.jumps.back(app.place()) {
                go_to(app, place);
            } else {
                app.message = Some("At the start of the jump list".into());
            }
        }
        (true, c) if c.is_ascii_alphabetic() => {
            app.marks.insert(c, app.place());
            let back = app
                .keymap
                .keys_for(Context::Reader, Command::JumpToMark)
                .map(|k| format!(": {k} {c} comes back here"))
                .unwrap_or_default();
            app.message = Some(format!("Marked {c}{back}"));
        }
        (false, c) => match app.marks.get(&c).copied() {
            Some(place) => {
                app.jumps.record(app.place());
                go_to(app, place);
            }
            None => app.message = Some(format!("No mark {c}")),
        },
        (true, _) => app.message = Some("A mark is a letter".into()),
    }
}

/// Goes to a place named as [`Action::GoTo`] says; the jump list returns from it.
pub fn go_to_target(app: &mut App, target: &str) -> Result<(), String> {
    let target = target.trim();
    if target.is_empty() {
        return Ok(());
    }
    let corpus = app.corpus.clone();
    let docs = &corpus.documents;
    // A document named first; else the one open, or the one that has the part named
    // (`IV:27` from the article means the thesis).
    let has_part = |d: &crate::corpus::Document, key: &str| {
        d.parts.iter().any(|p| p.key.eq_ignore_ascii_case(key))
    };
    let (doc, rest) = match target.split_once(':') {
        Some((d, rest)) if docs.iter().any(|x| x.meta.id == d) => {
            (docs.iter().position(|x| x.meta.id == d).unwrap_or(0), rest)
        }
        _ if docs.iter().any(|x| x.meta.id == target) => (
            docs.iter().position(|x| x.meta.id == target).unwrap_or(0),
            "",
        ),
        _ => {
            let key = target.split(':').next().unwrap_or("");
            let open = app.reader.doc;
            let elsewhere =
                key.parse::<u32>().is_err() && !key.ends_with('%') && !has_part(&docs[open], key);
            let doc = if elsewhere {
                docs.iter().position(|d| has_part(d, key)).unwrap_or(open)
            } else {
                open
            };
            (doc, target)
        }
    };
    let d = &docs[doc];
    let number = |s: &str| s.parse::<u32>().ok();
    let place = if rest.is_empty() {
        Target::Top
    } else if let Some(p) = rest.strip_suffix('%').and_then(number) {
        Target::Percent(p.min(100))
    } else if let Some(p) = rest
        .strip_prefix('¶')
        .or_else(|| rest.strip_prefix('p'))
        .and_then(number)
    {
        Target::Paragraph(p as usize)
    } else {
        let parts: Vec<&str> = rest.split(':').collect();
        let part_of = |key: &str| d.parts.iter().position(|p| p.key.eq_ignore_ascii_case(key));
        match parts.as_slice() {
            [n] if number(n).is_some() && !d.numbers_notes_per_part() => {
                Target::Note(d.find_note(None, number(n).unwrap_or(0)))
            }
            [n] if number(n).is_some() => {
                let part = &d.parts[app.current_part().min(d.parts.len() - 1)].key;
                Target::Note(d.find_note(Some(part), number(n).unwrap_or(0)))
            }
            [key] => Target::Part(part_of(key)),
            [key, n] => Target::Note(number(n).and_then(|n| d.find_note(Some(key), n))),
            _ => Target::Note(None),
        }
    };
    enum Target {
        Top,
        Percent(u32),
        Paragraph(usize),
        Part(Option<usize>),
        Note(Option<usize>),
    }
    // What was asked for and is not there, said as the kind of place it is.
    let doc_id = &d.meta.id;
    let no_note = || format!("No note “{target}” in {doc_id}");
    let nowhere = || format!("Nothing to go to at “{target}” in {doc_id}");
    if let Target::Note(note) = place {
        let note = note.ok_or_else(no_note)?;
        open_note_in_reader(app, doc, note);
        return Ok(());
    }
    enter_reader(app, doc);
    let layout = app.layout().ok_or_else(nowhere)?;
    let height = app.reader.height as usize;
    let row = match place {
        Target::Top => 0,
        Target::Percent(p) => (max_top(layout, app.reader.height) * p as usize).div_ceil(100),
        Target::Paragraph(p) => {
            let block = layout.paragraph_block.get(p).ok_or_else(|| {
                let count = layout.paragraph_block.len();
                format!(
                    "No paragraph ¶{p} in {doc_id} (¶0–¶{})",
                    count.saturating_sub(1)
                )
            })?;
            layout.blocks[*block].first_row.saturating_sub(height / 3)
        }
        Target::Part(part) => {
            let part = part.ok_or_else(|| {
                let keys: Vec<&str> = d.parts.iter().map(|p| p.key.as_str()).collect();
                format!("No part “{rest}” in {doc_id} (parts: {})", keys.join(", "))
            })?;
            layout.blocks[layout.part_block[part]].first_row
        }
        Target::Note(_) => 0,
    };
    set_top(app, row);
    Ok(())
}

/// Find queries kept between runs.
const HISTORY_KEPT: usize = 50;

/// ↑ and ↓ in the find prompt: earlier and later queries, then an empty line again.
fn browse_history(app: &mut App, earlier: bool) {
    if app.history.is_empty() {
        return;
    }
    let last = app.history.len() - 1;
    app.history_at = match (app.history_at, earlier) {
        (None, true) => Some(last),
        (Some(i), true) => Some(i.saturating_sub(1)),
        (Some(i), false) if i < last => Some(i + 1),
        (_, false) => None,
    };
    let text = app
        .history_at
        .and_then(|i| app.history.get(i))
        .cloned()
        .unwrap_or_default();
    if let Some(prompt) = app.prompt_mut() {
        prompt.select_all();
        prompt.cut();
        prompt.insert_str(text);
    }
    prompt_changed(app);
}

/// Re-runs `/` find for the prompt's text and shows the first hit from where find started.
fn find_as_you_type(app: &mut App) {
    let query = app
        .prompt
        .as_ref()
        .and_then(|p| p.lines().first().cloned())
        .unwrap_or_default();
    app.find.query = query;
    find_hits(app);
    if let Some(origin) = app.find.origin {
        app.reader.positions[origin.doc] = origin.position;
    }
    if app.find.hits.is_empty() {
        app.find.current = None;
        // The last match's count would stand under a query that has none.
        app.message = (!app.find.query.trim().is_empty())
            .then(|| format!("No match for \"{}\"", app.find.query));
        return;
    }
    let top_block = app.layout().map_or(0, |l| l.block_at_row(app.top_row()));
    let first = app
        .find
        .hits
        .iter()
        .position(|h| h.block >= top_block)
        .unwrap_or(0);
    show_hit(app, first);
}

/// Every case-insensitive occurrence of the query in the reader's document. Typing on extends
/// the query, so the occurrences of the longer query are found among those of the shorter one:
/// a key costs the hits, not the document.
fn find_hits(app: &mut App) {
    app.find.hits.clear();
    app.find.current = None;
    let needle: String = app
        .find
        .query
        .chars()
        .map(crate::search::fold_char)
        .collect();
    let doc = app.reader.doc;
    let Some(layout) = app.reader.layouts.get(doc).and_then(Option::as_ref) else {
        return;
    };
    let find = &mut app.find;
    if needle.trim().is_empty() {
        find.occurrences.clear();
        find.occurrences_of.clear();
        return;
    }
    if find.lowered_doc != Some(doc) {
        // Folded as search folds, one character for one: `chargé` is found by `charge`.
        find.lowered = layout
            .blocks
            .iter()
            .map(|b| b.text.chars().map(crate::search::fold_char).collect())
            .collect();
        find.lowered_doc = Some(doc);
        find.occurrences_of.clear();
    }
    let extends = !find.occurrences_of.is_empty() && needle.starts_with(&find.occurrences_of);
    find.occurrences = if extends {
        std::mem::take(&mut find.occurrences)
            .into_iter()
            .filter(|&(b, at)| find.lowered[b][at..].starts_with(&needle))
            .collect()
    } else {
        occurrences(&find.lowered, &needle)
    };
    find.occurrences_of = needle.clone();
    // Shown: the occurrences that do not overlap the one before, as a search from the top finds.
    let mut hits = Vec::new();
    let mut free_from = (0, 0);
    for &(b, at) in &find.occurrences {
        if (b, at) < free_from {
            continue;
        }
        free_from = (b, at + needle.len());
        let (text, hay) = (&layout.blocks[b].text, &find.lowered[b]);
        let bytes = if hay.len() == text.len() {
            at..at + needle.len()
        } else {
            // Folding changed byte lengths in this block: map through character counts.
            let start = char_to_byte(text, hay[..at].chars().count());
            let end = char_to_byte(text, hay[..at + needle.len()].chars().count());
            start..end
        };
        hits.push(super::state::FindHit { block: b, bytes });
    }
    find.hits = hits;
}

/// Every occurrence of `needle` in the blocks, overlapping ones too: (block, byte offset).
fn occurrences(lowered: &[String], needle: &str) -> Vec<(usize, usize)> {
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let step = needle.chars().next().map_or(1, char::len_utf8);
    let mut found = Vec::new();
    for (b, hay) in lowered.iter().enumerate() {
        let mut from = 0;
        while let Some(at) = finder.find(&hay.as_bytes()[from..]) {
            found.push((b, from + at));
            from += at + step;
        }
    }
    found
}

fn show_hit(app: &mut App, index: usize) {
    app.find.current = Some(index);
    let hit = app.find.hits[index].clone();
    if let Some(row) = app.layout().map(|l| l.row_of(hit.block, hit.bytes.start)) {
        reveal_row(app, row);
    }
    app.message = Some(match_message(app));
}

fn match_message(app: &App) -> String {
    format!(
        "Match {} of {} for \"{}\"",
        app.find.current.map_or(0, |i| i + 1),
        app.find.hits.len(),
        app.find.query
    )
}

fn find_step(app: &mut App, forward: bool) {
    if app.find.query.is_empty() {
        app.message = Some("No find yet: press the find key first".into());
        return;
    }
    if app.find.hits.is_empty() {
        find_hits(app);
    }
    let count = app.find.hits.len();
    if count == 0 {
        app.message = Some(format!("Not found: {}", app.find.query));
        return;
    }
    let next = match app.find.current {
        Some(i) if forward => (i + 1) % count,
        Some(i) => (i + count - 1) % count,
        None => {
            let top_block = app.layout().map_or(0, |l| l.block_at_row(app.top_row()));
            let after = app.find.hits.iter().position(|h| h.block >= top_block);
            match (forward, after) {
                (true, Some(i)) => i,
                (true, None) => 0,
                (false, Some(i)) => (i + count - 1) % count,
                (false, None) => count - 1,
            }
        }
    };
    app.jumps.record(app.place());
    show_hit(app, next);
}

/// Search opened on the notes alone takes the whole index once it is built (its note entries
/// are the same, so the hits shown stay right until the query is ranked again).
fn upgrade_search_index(app: &mut App) {
    let whole = prebuilt(app)
        .and_then(|p| p.search.clone())
        .filter(|index| index.body_indexed);
    let Some(search) = app.search.as_mut() else {
        return;
    };
    if let Some(whole) = whole.filter(|_| !search.index.body_indexed) {
        search.index = whole;
        // (What the searcher kept of earlier rankings was of the other index.)
        search.searcher = crate::search::Searcher::default();
        // A search of the notes ranks alike in both: the list is left as it is.
        if search.query.scope != crate::search::Scope::Notes {
            rank(app, true);
        }
    }
}

/// Re-ranks the notes for the search input's text.
fn rerank(app: &mut App) {
    rank(app, false);
}

/// Ranks for the search input's text: when it changed, or always (`again`: the index did).
fn rank(app: &mut App, again: bool) {
    let Some(search) = app.search.as_mut() else {
        return;
    };
    let text = search.input.lines().first().cloned().unwrap_or_default();
    let query = crate::search::Query {
        // The notes citing the same documents follow the matches, marked.
        same_documents: true,
        ..search.index.parse_query(&text)
    };
    if query == search.query && !again {
        return;
    }
    // Counted over every search pane of the run: a ranking asked for by a pane since closed
    // (search on the first document, before the whole library arrived) is never taken for
    // this one's.
    app.search_generations += 1;
    search.generation = app.search_generations;
    if search.index.entries.len() >= crate::search_worker::WORKER_THRESHOLD {
        // Too many notes to rank between two frames: the worker does it.
        search.request = Some((search.generation, query.clone()));
        search.ranking = true;
    } else {
        search.hits = search.searcher.search(&search.index, &query);
        search.selected = 0;
    }
    search.query = query;
}

fn search(app: &mut App, command: Command) {
    let Some(search) = app.search.as_mut() else {
        return;
    };
    let last = search.hits.len().saturating_sub(1);
    let page = app.screen.1.saturating_sub(4) as usize / 2;
    match command {
        Command::Down => search.selected = (search.selected + 1).min(last),
        Command::Up => search.selected = search.selected.saturating_sub(1),
        Command::PageDown | Command::HalfPageDown => {
            search.selected = (search.selected + page.max(1)).min(last)
        }
        Command::PageUp | Command::HalfPageUp => {
            search.selected = search.selected.saturating_sub(page.max(1))
        }
        Command::Top => search.selected = 0,
        Command::Bottom => search.selected = last,
        // Between the query and the results list: in the list, letters are commands (`y`).
        Command::FocusNext | Command::FocusPrev => search.in_results = !search.in_results,
        Command::Find => search.in_results = false,
        Command::TogglePreview => search.preview = !search.preview,
        Command::Close if search.in_results => search.in_results = false,
        Command::Close => app.view = View::Reader,
        Command::Copy => match search.selected_entry().map(|e| (e.doc, e.target)) {
            Some((doc, Target::Note(note))) => copy_note(app, doc, note),
            Some((doc, Target::Paragraph(p))) => copy_passage(app, doc, p),
            None => app.message = Some("Nothing selected".into()),
        },
        Command::Select => {
            let chosen = search.selected_entry().map(|entry| {
                let matched = search
                    .searcher
                    .matched_chars(&search.index, entry, &search.query);
                (entry.doc, entry.target, matched)
            });
            match chosen {
                Some((doc, Target::Note(note), _)) => open_note_in_reader(app, doc, note),
                Some((doc, Target::Paragraph(p), matched)) => {
                    let text = &app.corpus.documents[doc].paragraphs[p].text;
                    let needle = first_run(text, &matched);
                    open_paragraph_in_reader(app, doc, p, needle);
                }
                None => app.message = Some("Nothing selected".into()),
            }
        }
        _ => global(app, command),
    }
}

fn timeline(app: &mut App, command: Command) {
    use crate::timeline::{Origin, Row};
    let page = app.screen.1.saturating_sub(8).max(1) as usize;
    let docs = app.corpus.documents.len();
    let Some(t) = app.timeline.as_mut() else {
        return;
    };
    // The side-by-side view of a day has the keys while it is open.
    if let Some(day) = t.compare {
        let last = t.both.len().saturating_sub(1);
        match command {
            Command::Close | Command::CompareDay => t.compare = None,
            Command::Down => t.compare_scroll = t.compare_scroll.saturating_add(1),
            Command::Up => t.compare_scroll = t.compare_scroll.saturating_sub(1),
            Command::PageDown | Command::HalfPageDown => {
                t.compare_scroll = t.compare_scroll.saturating_add(page as u16)
            }
            Command::PageUp | Command::HalfPageUp => {
                t.compare_scroll = t.compare_scroll.saturating_sub(page as u16)
            }
            Command::NextPart => {
                t.compare = Some((day + 1).min(last));
                t.compare_scroll = 0;
            }
            Command::PrevPart => {
                t.compare = Some(day.saturating_sub(1));
                t.compare_scroll = 0;
            }
            Command::Quit => app.quit = true,
            Command::Help => app.help = Some(0),
            _ => {}
        }
        return;
    }
    let events: Vec<usize> = (0..t.rows.len())
        .filter(|&r| matches!(t.rows[r], Row::Event(_)))
        .collect();
    let at = events.iter().position(|&r| r >= t.selected).unwrap_or(0);
    let select = |t: &mut super::state::TimelineState, i: usize| {
        if let Some(&r) = events.get(i.min(events.len().saturating_sub(1))) {
            t.selected = r;
        }
    };
    match command {
        Command::Down => select(t, at + 1),
        Command::Up => select(t, at.saturating_sub(1)),
        Command::PageDown | Command::HalfPageDown => select(t, at + page),
        Command::PageUp | Command::HalfPageUp => select(t, at.saturating_sub(page)),
        Command::Top => select(t, 0),
        Command::Bottom => select(t, usize::MAX),
        Command::NextPart | Command::PrevPart => {
            // The next (or previous) year's first event.
            let year = t.selected_event().map(|e| t.events[e].date.year);
            let target = if command == Command::NextPart {
                events.iter().position(
                    |&r| matches!(t.rows[r], Row::Event(e) if Some(t.events[e].date.year) > year),
                )
            } else {
                let previous = events[..at].iter().rev().find_map(|&r| match t.rows[r] {
                    Row::Event(e) if Some(t.events[e].date.year) < year => {
                        Some(t.events[e].date.year)
                    }
                    _ => None,
                });
                events.iter().position(|&r| {
                    matches!(t.rows[r], Row::Event(e) if Some(t.events[e].date.year) == previous)
                })
            };
            if let Some(i) = target {
                select(t, i);
            }
        }
        Command::ZoomIn => {
            t.zoom = t.zoom.finer();
            t.regroup();
        }
        Command::ZoomOut => {
            t.zoom = t.zoom.coarser();
            t.regroup();
        }
        Command::FilterDocument => {
            t.filter.doc = match t.filter.doc {
                None if docs > 0 => Some(0),
                Some(d) if d + 1 < docs => Some(d + 1),
                _ => None,
            };
            t.regroup();
        }
        Command::FilterPrecision => {
            t.filter.precision = t.filter.precision.next();
            t.regroup();
        }
        Command::CompareDay => {
            // The selected day if both texts date it, else the next such day.
            let date = t.selected_event().map(|e| t.events[e].date);
            let day = date
                .and_then(|d| t.both.iter().position(|(b, _)| *b >= d))
                .or((!t.both.is_empty()).then_some(0));
            match day {
                Some(i) => {
                    t.compare = Some(i);
                    t.compare_scroll = 0;
                }
                None => app.message = Some("No day is dated by both texts".into()),
            }
        }
        Command::FilterOrigin => {
            t.filter.origin = match t.filter.origin {
                None => Some(Origin::Body),
                Some(Origin::Body) => Some(Origin::Note),
                Some(Origin::Note) => None,
            };
            t.regroup();
        }
        Command::Find => {
            let mut input = TextArea::default();
            input.set_cursor_line_style(ratatui::style::Style::default());
            input.insert_str(&t.filter.word);
            t.input = Some(input);
        }
        Command::Close => app.view = View::Reader,
        Command::Select => {
            if let Some(e) = t.selected_event() {
                let event = t.events[e].clone();
                open_event_in_reader(app, &event);
            }
        }
        _ => global(app, command),
    }
}

/// Shows the reader at an event's passage: the paragraph (at the date) or the citing marker of
/// the note the date is in; a jump.
fn open_event_in_reader(app: &mut App, event: &crate::timeline::Event) {
    if let Some(note) = event.note {
        open_note_in_reader(app, event.doc, note);
        return;
    }
    let Some(paragraph) = event.paragraph else {
        return;
    };
    enter_reader(app, event.doc);
    app.reader.selected_ref = None;
    let Some(layout) = app.layout() else {
        return;
    };
    let block = layout.paragraph_block[paragraph];
    let byte = super::wrap::display_byte(&app.corpus.documents[event.doc], paragraph, event.offset);
    let row = layout.row_of(block, byte);
    let height = app.reader.height as usize;
    set_top(app, row.saturating_sub(height / 3));
    // Highlight the date as a find hit would be.
    app.find.hits = vec![super::state::FindHit {
        block,
        bytes: byte..byte + event.written.len(),
    }];
    app.find.current = Some(0);
    app.message = Some(format!("{} · {}", event.date, event.written));
}

/// Shows the reader at the marker of `note`, with the marker selected; a jump.
pub(super) fn open_note_in_reader(app: &mut App, doc: usize, note: usize) {
    enter_reader(app, doc);
    let Some(anchor) = app.corpus.documents[doc].notes[note].anchor else {
        app.message = Some(format!(
            "{} is not referenced in the text",
            app.corpus.documents[doc].note_id(note)
        ));
        return;
    };
    let Some(layout) = app.layout() else {
        return;
    };
    let block = layout.paragraph_block[anchor.paragraph];
    let span = layout.blocks[block]
        .spans
        .iter()
        .position(|s| matches!(s.kind, SpanKind::NoteRef { note: Some(n), .. } if n == note));
    let row = span.map_or(layout.blocks[block].first_row, |s| {
        layout.row_of(block, layout.blocks[block].spans[s].bytes.start)
    });
    app.reader.selected_ref = span.map(|s| (block, s));
    let height = app.reader.height as usize;
    set_top(app, row.saturating_sub(height / 3));
    let back = back_hint(app);
    app.message = Some(format!("{}{back}", app.corpus.documents[doc].note_id(note)));
}

/// A jump into the reader at document `doc`: recorded, so the jump list comes back.
fn enter_reader(app: &mut App, doc: usize) {
    app.jumps.record(app.place());
    app.view = View::Reader;
    app.focus = Focus::Reader;
    app.reader.doc = doc;
    relayout(app);
}

/// " · ctrl-o back": how to return from a jump, in the keys of the preset in use.
fn back_hint(app: &App) -> String {
    app.keymap
        .keys_for(Context::Global, Command::JumpBack)
        .map(|k| format!(" · {k} back"))
        .unwrap_or_default()
}

/// The text of the first run of consecutive matched chars: what find looks for in the reader.
fn first_run(text: &str, matched: &[usize]) -> String {
    let Some(&first) = matched.first() else {
        return String::new();
    };
    let len = matched
        .iter()
        .enumerate()
        .take_while(|&(i, &c)| c == first + i)
        .count();
    text.chars().skip(first).take(len).collect()
}

/// Opens the reader at a body paragraph found by search, the match highlighted as a find hit
/// (so `n` goes on to the next one); the jump list returns to the search.
fn open_paragraph_in_reader(app: &mut App, doc: usize, paragraph: usize, needle: String) {
    enter_reader(app, doc);
    let Some(block) = app.layout().map(|l| l.paragraph_block[paragraph]) else {
        return;
    };
    app.find.query = needle;
    find_hits(app);
    let hit = app.find.hits.iter().position(|h| h.block == block);
    let row = match hit {
        Some(i) => {
            app.find.current = Some(i);
            let hit = &app.find.hits[i];
            app.layout().map(|l| l.row_of(hit.block, hit.bytes.start))
        }
        None => app.layout().map(|l| l.blocks[block].first_row),
    };
    if let Some(row) = row {
        let height = app.reader.height as usize;
        set_top(app, row.saturating_sub(height / 3));
    }
    let back = back_hint(app);
    app.message = Some(format!("“{}”{back}", app.find.query));
}

/// Copies a body passage found by search: where it stands, then the paragraph.
fn copy_passage(app: &mut App, doc: usize, paragraph: usize) {
    let d = &app.corpus.documents[doc];
    let part = d
        .parts
        .iter()
        .find(|p| p.paragraphs.contains(&paragraph))
        .map_or(String::new(), |p| p.numbered_title());
    let what = format!("a passage of {} · {part}", d.meta.id);
    let text = format!(
        "{}, {}, {part}: {}",
        d.meta.author, d.meta.title, d.paragraphs[paragraph].text
    );
    copy(app, &what, text);
}

fn nav(app: &mut App, command: Command) {
    let items = app.nav_items();
    let last = items.len().saturating_sub(1);
    let cursor = app.nav.cursor.min(last);
    match command {
        Command::Down => app.nav.cursor = (cursor + 1).min(last),
        Command::Up => app.nav.cursor = cursor.saturating_sub(1),
        Command::PageDown | Command::HalfPageDown => app.nav.cursor = (cursor + 10).min(last),
        Command::PageUp | Command::HalfPageUp => app.nav.cursor = cursor.saturating_sub(10),
        Command::Top => app.nav.cursor = 0,
        Command::Bottom => app.nav.cursor = last,
        Command::Expand => match items.get(cursor) {
            Some(NavItem::Document(d)) => {
                app.nav.expanded_docs.insert(*d);
            }
            Some(NavItem::Part(d, p)) => {
                app.nav.expanded_parts.insert((*d, *p));
            }
            _ => {}
        },
        Command::Collapse => match items.get(cursor) {
            Some(NavItem::Document(d)) => {
                app.nav.expanded_docs.remove(d);
            }
            Some(NavItem::Part(d, p)) if app.nav.expanded_parts.contains(&(*d, *p)) => {
                app.nav.expanded_parts.remove(&(*d, *p));
            }
            Some(&NavItem::Part(d, _)) => {
                // Collapsing a closed part goes up to its document, like a file tree.
                app.nav.cursor = items
                    .iter()
                    .position(|i| *i == NavItem::Document(d))
                    .unwrap_or(0);
            }
            Some(&NavItem::Subsection(d, p, _)) => {
                app.nav.cursor = items
                    .iter()
                    .position(|i| *i == NavItem::Part(d, p))
                    .unwrap_or(0);
            }
            None => {}
        },
        Command::Select => {
            if let Some(item) = items.get(cursor) {
                open_nav_item(app, *item);
            }
        }
        Command::Close => {
            if app.screen.0 < super::geometry::WIDE {
                app.nav_narrow = false;
                relayout(app);
            }
            app.focus = Focus::Reader;
        }
        _ => global(app, command),
    }
}

fn open_nav_item(app: &mut App, item: NavItem) {
    app.jumps.record(app.place());
    let doc = match item {
        NavItem::Document(d) | NavItem::Part(d, _) | NavItem::Subsection(d, _, _) => d,
    };
    app.reader.doc = doc;
    app.reader.selected_ref = None;
    app.find.hits.clear();
    app.find.current = None;
    if app.screen.0 < super::geometry::WIDE {
        app.nav_narrow = false;
    }
    app.focus = Focus::Reader;
    app.view = View::Reader;
    relayout(app);
    let Some(layout) = app.layout() else {
        return;
    };
    let row = match item {
        NavItem::Document(_) => None,
        NavItem::Part(_, p) => Some(layout.blocks[layout.part_block[p]].first_row),
        NavItem::Subsection(_, p, s) => {
            let sub = &app.corpus.documents[doc].parts[p].subsections[s];
            // The heading sits just before the subsection's first paragraph.
            layout
                .paragraph_block
                .get(sub.first_paragraph)
                .map(|&b| layout.blocks[b.saturating_sub(1)].first_row)
        }
    };
    if let Some(row) = row {
        set_top(app, row);
    }
}

/// Keeps the contents cursor on the part (or subsection) being read.
fn sync_nav_to_reader(app: &mut App) {
    if app.layout().is_none() {
        return;
    }
    let doc = app.reader.doc;
    let part = app.current_part();
    let sub = app.current_subsection();
    let items = app.nav_items();
    let target = sub
        .and_then(|s| {
            items
                .iter()
                .position(|i| *i == NavItem::Subsection(doc, part, s))
        })
        .or_else(|| items.iter().position(|i| *i == NavItem::Part(doc, part)))
        .or_else(|| items.iter().position(|i| *i == NavItem::Document(doc)));
    if let Some(t) = target {
        app.nav.cursor = t;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::app::geometry::TimelineAreas;
    use crate::keymap;

    fn app() -> App {
        let corpus = Arc::new(crate::corpus::load_embedded().unwrap());
        let km = keymap::load(None, None).unwrap();
        let mut app = App::new(corpus, km);
        update(&mut app, Action::Resize(80, 24));
        app
    }

    fn run(app: &mut App, commands: &[Command]) {
        for c in commands {
            update(app, Action::Command(*c));
        }
    }

    fn thesis() -> usize {
        1
    }

    /// The indexes the event loop's background build hands over.
    fn prebuilt_for(app: &App) -> Action {
        let corpus = Arc::clone(&app.corpus);
        Action::Prebuilt(crate::app::action::PrebuiltIndexes(Box::new(
            crate::app::state::Prebuilt {
                last: true,
                sources: Some(crate::app::sources::SourcesState::new(&corpus)),
                search: Some(Arc::new(crate::search::Index::new(&corpus))),
                timeline: Some(crate::app::state::TimelineState::new(&corpus)),
                corpus,
            },
        )))
    }

    /// The build's first part for search: the index of the notes alone.
    fn notes_index_for(app: &App) -> Action {
        let corpus = Arc::clone(&app.corpus);
        Action::Prebuilt(crate::app::action::PrebuiltIndexes(Box::new(
            crate::app::state::Prebuilt {
                last: false,
                sources: None,
                search: Some(Arc::new(crate::search::Index::of_notes(&corpus))),
                timeline: None,
                corpus,
            },
        )))
    }

    /// The background build has started: panes asked for wait for it.
    fn start_build(app: &mut App) {
        update(
            app,
            Action::Building(crate::app::state::BuildProgress::starting(2)),
        );
    }

    #[test]
    fn search_opens_on_the_notes_and_takes_the_whole_index_when_it_comes() {
        let mut app = app();
        start_build(&mut app);
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("Shtykov".into()));
        let notes_only = notes_index_for(&app);
        update(&mut app, notes_only);
        assert_eq!(app.view, View::Search, "open on the notes");
        let search = app.search.as_ref().unwrap();
        assert!(!search.index.body_indexed);
        let notes_hits = search.hits.clone();
        assert!(!notes_hits.is_empty());
        run(&mut app, &[Command::Down, Command::Down]);
        // The notes' list and its selection stay as they are when the whole index comes.
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        let search = app.search.as_ref().unwrap();
        assert!(search.index.body_indexed);
        assert_eq!(search.hits, notes_hits);
        assert_eq!(search.selected, 2);
        // A search of the text finds its paragraphs from then on.
        update(&mut app, Action::Paste(" in:body".into()));
        assert!(!app.search.as_ref().unwrap().hits.is_empty());
    }

    #[test]
    fn a_search_of_the_text_asked_before_it_is_indexed_is_ranked_when_it_is() {
        let mut app = app();
        start_build(&mut app);
        let notes_only = notes_index_for(&app);
        update(&mut app, notes_only);
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("in:body Ongjin".into()));
        assert!(app.search.as_ref().unwrap().hits.is_empty());
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        let search = app.search.as_ref().unwrap();
        assert!(!search.hits.is_empty(), "ranked again on the whole index");
        assert!(search
            .hits
            .iter()
            .all(|h| matches!(search.index.entries[h.entry].target, Target::Paragraph(_))));
    }

    #[test]
    fn a_pane_asked_for_while_its_index_builds_waits_and_the_reader_keeps_its_keys() {
        let mut app = app();
        let building = |stage, done| {
            Action::Building(crate::app::state::BuildProgress {
                stage,
                step: 0,
                done,
                total: 2,
            })
        };
        update(
            &mut app,
            building(crate::app::state::BuildStage::Citations, 0),
        );
        run(&mut app, &[Command::OpenSearch]);
        assert_eq!(app.view, View::Reader, "no index yet: the pane waits");
        assert_eq!(app.waiting_for, Some(View::Search));
        assert!(app.search.is_none(), "nothing was built on the UI thread");
        run(&mut app, &[Command::PageDown]);
        assert!(app.top_row() > 0, "the reader still scrolls");
        update(&mut app, building(crate::app::state::BuildStage::Search, 1));
        assert_eq!(app.view, View::Reader);
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        assert_eq!(
            app.view,
            View::Search,
            "the pane opens once its index is built"
        );
        assert_eq!(app.waiting_for, None);
        assert!(app.building.is_none());
    }

    #[test]
    fn what_is_typed_while_search_waits_is_its_query() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = app();
        start_build(&mut app);
        run(&mut app, &[Command::OpenSearch]);
        assert_eq!(app.context(), Context::Search, "typing goes to the query");
        let key = |c| Action::Text(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        // `n` and `k` are the reader's commands; here they are letters.
        for c in "Tunkinx".chars() {
            update(&mut app, key(c));
        }
        update(
            &mut app,
            Action::Text(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
        );
        assert_eq!(app.top_row(), 0, "letters do not move the reader");
        run(&mut app, &[Command::PageDown]);
        assert!(app.top_row() > 0, "page down still does");
        update(&mut app, Action::Paste(" 1949".into()));
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        assert_eq!(app.view, View::Search);
        let search = app.search.as_ref().expect("search is open");
        assert_eq!(search.input.lines(), ["Tunkin 1949"]);
        assert_eq!(
            search.query,
            crate::search::Query {
                same_documents: true,
                ..crate::search::Query::parse("Tunkin 1949")
            }
        );
        assert!(app.typed_ahead.is_none());
    }

    #[test]
    fn what_is_typed_while_the_sources_wait_is_their_filter() {
        let mut app = app();
        // Search is open but not in front: the letters are not its query.
        run(&mut app, &[Command::OpenSearch, Command::Close]);
        assert!(app.search.is_some());
        start_build(&mut app);
        run(&mut app, &[Command::OpenSources]);
        assert_eq!(app.waiting_for, Some(View::Sources));
        update(&mut app, Action::Paste("TsAMO".into()));
        assert_eq!(app.search.as_ref().unwrap().input.lines(), [""]);
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        assert_eq!(app.view, View::Sources);
        let sources = app.sources.as_ref().expect("the sources are open");
        assert_eq!(sources.filter, "tsamo", "folded, as typed in the pane");
        assert_eq!(sources.input.as_ref().unwrap().lines(), ["TsAMO"]);
        assert!(
            sources.input.is_some(),
            "the filter stays open for more typing"
        );
        assert_eq!(app.context(), Context::Prompt);
    }

    #[test]
    fn esc_while_search_waits_drops_what_was_typed() {
        let mut app = app();
        start_build(&mut app);
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("Shtykov".into()));
        run(&mut app, &[Command::Close]);
        assert_eq!(app.waiting_for, None);
        assert_eq!(
            app.context(),
            Context::Reader,
            "the reader has its keys back"
        );
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        assert_eq!(app.view, View::Reader, "nothing waits any more");
        run(&mut app, &[Command::OpenSearch]);
        let search = app.search.as_ref().expect("search is open");
        assert_eq!(search.input.lines(), [""], "a new wait starts afresh");
    }

    #[test]
    fn the_build_ends_with_its_last_part_whichever_comes_first() {
        let mut app = app();
        start_build(&mut app);
        run(&mut app, &[Command::OpenSearch]);
        let corpus = Arc::clone(&app.corpus);
        let part = |last, search: bool| {
            Action::Prebuilt(crate::app::action::PrebuiltIndexes(Box::new(
                crate::app::state::Prebuilt {
                    corpus: Arc::clone(&corpus),
                    last,
                    sources: None,
                    search: search.then(|| Arc::new(crate::search::Index::new(&corpus))),
                    timeline: (!search).then(|| crate::app::state::TimelineState::new(&corpus)),
                },
            )))
        };
        // The timeline was waited for once and so came first; search is still waited for.
        update(&mut app, part(false, false));
        assert_eq!(app.view, View::Reader);
        assert!(app.building.is_some(), "the build goes on");
        update(&mut app, part(true, true));
        assert_eq!(app.view, View::Search);
        assert!(app.building.is_none());
        run(&mut app, &[Command::OpenTimeline]);
        assert_eq!(app.view, View::Timeline, "the timeline made first is kept");
    }

    #[test]
    fn esc_gives_up_the_wait_and_a_ready_pane_opens_at_once() {
        let mut app = app();
        start_build(&mut app);
        run(&mut app, &[Command::OpenTimeline, Command::Close]);
        assert_eq!(app.waiting_for, None);
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        assert_eq!(
            app.view,
            View::Reader,
            "a wait given up does not open later"
        );
        run(&mut app, &[Command::OpenTimeline]);
        assert_eq!(app.view, View::Timeline);
    }

    #[test]
    fn the_sources_pane_opens_as_soon_as_it_is_made() {
        let mut app = app();
        start_build(&mut app);
        run(&mut app, &[Command::OpenSources]);
        assert_eq!(app.waiting_for, Some(View::Sources));
        assert!(app.sources.is_none(), "nothing was built on the UI thread");
        let corpus = Arc::clone(&app.corpus);
        let sources = crate::app::action::PrebuiltIndexes(Box::new(crate::app::state::Prebuilt {
            last: false,
            sources: Some(crate::app::sources::SourcesState::new(&corpus)),
            search: None,
            timeline: None,
            corpus,
        }));
        update(&mut app, Action::Prebuilt(sources));
        assert_eq!(
            app.view,
            View::Sources,
            "search and the timeline are not waited for"
        );
        assert!(app.building.is_some(), "the build goes on");
    }

    #[test]
    fn a_library_read_in_full_closes_panes_built_on_part_of_it_and_reopens_the_one_in_front() {
        let mut app = app();
        run(&mut app, &[Command::OpenSearch]);
        assert_eq!(app.view, View::Search);
        update(&mut app, Action::Paste("Tunkin".into()));
        let whole = Arc::new(crate::corpus::load_embedded().unwrap());
        update(
            &mut app,
            Action::CorpusLoaded(crate::app::action::LoadedCorpus(whole)),
        );
        assert_eq!(app.view, View::Reader);
        assert!(app.search.is_none(), "not rebuilt on the UI thread");
        assert_eq!(app.waiting_for, Some(View::Search));
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        assert_eq!(app.view, View::Search);
        let search = app.search.as_ref().expect("search reopened");
        assert_eq!(search.input.lines(), ["Tunkin"], "with the query it had");
    }

    #[test]
    fn scrolling_is_clamped_and_hinted() {
        let mut app = app();
        run(&mut app, &[Command::Up]);
        assert_eq!(app.top_row(), 0);
        run(&mut app, &[Command::Down, Command::Down]);
        assert_eq!(app.top_row(), 2);
        // The reader's body: every row between its header and the status bar.
        let hint = ScrollHint::Scrolled {
            rows: 1,
            top: 1,
            bottom: 23,
        };
        assert_eq!(app.scroll_hint, hint);
        run(&mut app, &[Command::Bottom]);
        let rows = app.layout().unwrap().rows.len();
        assert_eq!(app.top_row(), rows - app.reader.height as usize);
        assert_eq!(app.scroll_hint, ScrollHint::Redraw);
        run(&mut app, &[Command::PageDown]);
        assert_eq!(app.top_row(), rows - app.reader.height as usize);
        assert_eq!(app.percent(), 100);
    }

    #[test]
    fn nav_opens_chapter_iv_of_the_thesis() {
        let mut app = app();
        run(&mut app, &[Command::ToggleNav]);
        assert_eq!(app.focus, Focus::Nav);
        let items = app.nav_items();
        let target = items
            .iter()
            .position(|i| {
                matches!(i, NavItem::Part(d, p) if *d == thesis()
                    && app.corpus.documents[*d].parts[*p].key == "IV")
            })
            .unwrap();
        app.nav.cursor = target;
        run(&mut app, &[Command::Select]);
        assert_eq!(app.focus, Focus::Reader);
        assert!(!app.nav_shown(), "the contents close at 80 columns");
        assert_eq!(app.reader.doc, thesis());
        let part = app.current_part();
        assert_eq!(app.corpus.documents[thesis()].parts[part].key, "IV");
        // The tree follows the reader.
        assert_eq!(app.nav.cursor, target);
        // And back returns to where the reader was.
        run(&mut app, &[Command::JumpBack]);
        assert_eq!(app.reader.doc, 0);
        assert_eq!(app.top_row(), 0);
        run(&mut app, &[Command::JumpForward]);
        assert_eq!(app.reader.doc, thesis());
    }

    #[test]
    fn parts_paragraphs_and_jump_list() {
        let mut app = app();
        run(&mut app, &[Command::NextPart]);
        assert_eq!(app.current_part(), 1);
        let part_top = app.top_row();
        run(&mut app, &[Command::NextParagraph]);
        assert!(app.top_row() > part_top);
        // From a part's first paragraph, back one paragraph is the end of the part before.
        run(&mut app, &[Command::PrevParagraph]);
        assert_eq!(app.current_part(), 0);
        run(
            &mut app,
            &[Command::NextParagraph, Command::NextPart, Command::NextPart],
        );
        assert_eq!(app.current_part(), 3);
        run(&mut app, &[Command::JumpBack, Command::JumpBack]);
        assert_eq!(app.current_part(), 1);
        assert!(app.top_row() > part_top);
        run(&mut app, &[Command::JumpBack]);
        assert_eq!(app.top_row(), 0);
        run(&mut app, &[Command::JumpBack]);
        assert!(app
            .message
            .as_deref()
            .unwrap()
            .contains("start of the jump list"));
        run(&mut app, &[Command::JumpForward, Command::JumpForward]);
        assert_eq!(app.current_part(), 2);
    }

    #[test]
    fn note_refs_open_popups_and_follow_ibid() {
        let mut app = app();
        run(&mut app, &[Command::OpenNote]);
        let popup = app.popup.clone().expect("a popup");
        assert_eq!(app.corpus.documents[0].notes[popup.note].number, 1);
        run(
            &mut app,
            &[Command::Close, Command::NextRef, Command::NextRef],
        );
        let note = selected_note(&app).unwrap();
        assert_eq!(app.corpus.documents[0].notes[note].number, 3);
        run(&mut app, &[Command::PrevRef]);
        assert_eq!(
            app.corpus.documents[0].notes[selected_note(&app).unwrap()].number,
            2
        );
        // Article note 13 is "Ibid." of note 11.
        while app.corpus.documents[0].notes[selected_note(&app).unwrap()].number != 13 {
            run(&mut app, &[Command::NextRef]);
        }
        run(&mut app, &[Command::OpenNote, Command::FollowIbid]);
        let n = app.popup.as_ref().unwrap().note;
        assert_eq!(app.corpus.documents[0].notes[n].number, 11);
        run(&mut app, &[Command::Copy]);
        assert!(app.clipboard.as_deref().unwrap().contains("note 11"));
    }

    #[test]
    fn o_goes_round_the_notes_citing_the_same_document_or_work_in_both_texts() {
        let mut app = app();
        let thesis = app
            .corpus
            .documents
            .iter()
            .position(|d| d.meta.id == "thesis")
            .unwrap();
        let note = app.corpus.documents[thesis]
            .find_note(Some("IV"), 24)
            .unwrap();
        app.popup = Some(NotePopup {
            doc: thesis,
            note,
            scroll: 0,
            round_from: None,
        });
        let mut seen = Vec::new();
        for _ in 0..3 {
            run(&mut app, &[Command::FollowSameDocument]);
            let p = app.popup.as_ref().unwrap();
            seen.push(app.corpus.documents[p.doc].note_id(p.note));
        }
        assert_eq!(seen, ["article:51", "article:100", "thesis:IV:24"]);
        assert!(app.message.as_deref().unwrap().contains("1 of 3"));
        // A note no other cites says so and stays.
        let alone = app.corpus.documents[thesis]
            .find_note(Some("IV"), 72)
            .unwrap();
        app.popup = Some(NotePopup {
            doc: thesis,
            note: alone,
            scroll: 0,
            round_from: None,
        });
        run(&mut app, &[Command::FollowSameDocument]);
        assert_eq!(app.popup.as_ref().unwrap().note, alone);
        assert_eq!(
            app.message.as_deref(),
            Some("No other note cites this document or work")
        );
        // A book or article cited whole: the notes citing it, in either text (thesis I:7's
        // CWIHP working paper is the article's `Soviet Aims in Korea`).
        let paper = app.corpus.documents[thesis]
            .find_note(Some("I"), 7)
            .unwrap();
        app.popup = Some(NotePopup {
            doc: thesis,
            note: paper,
            scroll: 0,
            round_from: None,
        });
        run(&mut app, &[Command::FollowSameDocument]);
        let p = app.popup.as_ref().unwrap();
        assert_eq!(app.corpus.documents[p.doc].note_id(p.note), "article:4");
        assert!(app.message.as_deref().unwrap().contains("2 of 9"));
    }

    #[test]
    fn find_as_you_type_with_next_and_escape() {
        let mut app = app();
        run(&mut app, &[Command::Find]);
        assert_eq!(app.context(), Context::Prompt);
        update(&mut app, Action::Paste("Shtykov".into()));
        let hits = app.find.hits.len();
        assert!(hits > 3, "{hits}");
        assert_eq!(app.find.current, Some(0));
        run(&mut app, &[Command::Select]);
        assert!(app.prompt.is_none());
        let first = app.top_row();
        run(&mut app, &[Command::FindNext]);
        assert_eq!(app.find.current, Some(1));
        run(&mut app, &[Command::FindPrev]);
        assert_eq!(app.find.current, Some(0));
        assert!(app.top_row() <= first);
        // Escape in the prompt returns to where find began.
        let before = app.top_row();
        run(&mut app, &[Command::Find]);
        update(&mut app, Action::Paste(" zzzz-no-such".into()));
        assert!(app.find.hits.is_empty());
        // The status says so, rather than keeping the last match's count.
        assert_eq!(
            app.message.as_deref(),
            Some("No match for \" zzzz-no-such\"")
        );
        run(&mut app, &[Command::Close]);
        assert_eq!(app.top_row(), before);
    }

    #[test]
    fn a_copied_citation_names_author_title_year_and_note_with_nothing_empty() {
        let app = app();
        let article = &app.corpus.documents[0];
        let n54 = article.find_note(None, 54).unwrap();
        let text = citation(article, n54);
        assert!(
            text.starts_with("Youngho Kim, The Origins of the Korean War: Civil War or Stalin's Rollback?, note 54: "),
            "{text}"
        );
        assert!(!text.contains("()") && !text.contains(", ,"), "{text}");
        let thesis = &app.corpus.documents[thesis()];
        let n = thesis.find_note(Some("IV"), 27).unwrap();
        let text = citation(thesis, n);
        assert!(
            text.starts_with("Yun Young Kim, Stalin and the Origin of the Korean War: A Reconsideration (2019), note IV:27: "),
            "{text}"
        );
        assert_eq!(article.note_id(n54), "article:54");
        assert_eq!(thesis.note_id(n), "thesis:IV:27");
        // An Ibid. carries the work it repeats, whole, at its own page.
        let n87 = article.find_note(None, 87).unwrap();
        let text = citation(article, n87);
        assert!(
            text.ends_with(
                "note 87: Ibid., p. 121. (= Sergei N. Goncharov et al., Uncertain Partners: Stalin, \
                 Mao, and the Korean War, Stanford: Stanford University Press, 1993, p. 121)"
            ),
            "{text}"
        );
    }

    #[test]
    fn q_backs_out_everywhere_but_the_reader() {
        let mut app = app();
        let q = Action::Text(crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('q'),
            crossterm::event::KeyModifiers::NONE,
        ));
        let press_q = |app: &mut App| {
            let mut d = crate::keymap::Dispatcher::default();
            let Action::Text(key) = &q else { return };
            if let Some(action) = d.dispatch(&app.keymap.clone(), app.context(), key) {
                update(app, action);
            }
        };
        run(&mut app, &[Command::OpenTimeline]);
        press_q(&mut app);
        assert!(!app.quit);
        assert_eq!(app.view, View::Reader);
        run(&mut app, &[Command::OpenSearch, Command::FocusNext]);
        assert_eq!(app.context(), Context::Results);
        press_q(&mut app);
        assert!(!app.quit, "results: back to the query");
        run(&mut app, &[Command::Close]);
        assert_eq!(app.view, View::Reader);
        press_q(&mut app);
        assert!(app.quit, "the reader quits");
    }

    #[test]
    fn lists_scroll_only_when_the_selection_leaves_them() {
        let mut app = app();
        run(&mut app, &[Command::OpenTimeline]);
        let list = TimelineAreas::new(app.areas().unwrap().main).list;
        let t = app.timeline.as_ref().unwrap();
        let first = t.selected;
        assert_eq!(t.offset, 0);
        // Down within the list: no scroll.
        run(&mut app, &[Command::Down]);
        assert_eq!(app.timeline.as_ref().unwrap().offset, 0);
        assert_eq!(app.scroll_hint, ScrollHint::Redraw);
        // Down past its last row: the list scrolls, and says so.
        let mut scrolled = None;
        for _ in 0..list.height as usize * 2 {
            run(&mut app, &[Command::Down]);
            if let ScrollHint::Scrolled { rows, top, bottom } = app.scroll_hint {
                scrolled = Some((rows, top, bottom));
                break;
            }
        }
        let (rows, top, bottom) = scrolled.expect("the list scrolled");
        assert!(rows > 0, "{first}");
        assert_eq!((top, bottom), (list.y, list.bottom()));
    }

    #[test]
    fn find_typed_key_by_key_equals_a_fresh_find() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let key = |c| Action::Text(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let mut typed = app();
        update(&mut typed, Action::Command(Command::NextPart));
        run(&mut typed, &[Command::Find]);
        // "aab" after "aa" is the case where non-overlapping hits of the prefix miss one.
        for query in ["the soviet", "aab", "ss", "é"] {
            for c in query.chars() {
                update(&mut typed, key(c));
            }
            let incremental = typed.find.hits.clone();
            typed.find.occurrences_of.clear();
            find_hits(&mut typed);
            assert_eq!(incremental, typed.find.hits, "{query}");
            for _ in query.chars() {
                let backspace = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
                update(&mut typed, Action::Text(backspace));
            }
        }
    }

    #[test]
    fn find_folds_accents_and_quotes_as_search_does() {
        let mut app = app();
        run(&mut app, &[Command::Find]);
        update(&mut app, Action::Paste("charge d'affaires".into()));
        let hits = app.find.hits.clone();
        assert!(!hits.is_empty(), "chargé d’affaires in the article");
        let layout = app.layout().unwrap();
        let hit = &hits[0];
        let found = &layout.blocks[hit.block].text[hit.bytes.clone()];
        assert_eq!(found.to_lowercase(), "chargé d'affaires");
    }

    #[test]
    fn prompts_start_empty_keep_a_history_and_ctrl_u_clears() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let ctrl_u = Action::Text(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        let mut app = app();
        for query in ["Shtykov", "Ongjin"] {
            run(&mut app, &[Command::Find]);
            assert_eq!(app.prompt.as_ref().unwrap().lines(), [""], "starts empty");
            update(&mut app, Action::Paste(query.into()));
            run(&mut app, &[Command::Select]);
        }
        assert_eq!(app.history, ["Shtykov", "Ongjin"]);
        run(&mut app, &[Command::Find, Command::Up, Command::Up]);
        assert_eq!(app.find.query, "Shtykov");
        assert!(!app.find.hits.is_empty());
        run(&mut app, &[Command::Down]);
        assert_eq!(app.find.query, "Ongjin");
        update(&mut app, ctrl_u.clone());
        assert_eq!(app.prompt.as_ref().unwrap().lines(), [""]);
        run(&mut app, &[Command::Close, Command::OpenSearch]);
        update(&mut app, Action::Paste("Kim Il Sung".into()));
        update(&mut app, ctrl_u);
        let search = app.search.as_ref().unwrap();
        assert_eq!(
            search.input.lines(),
            [""],
            "ctrl-u clears the search query too"
        );
        // Kept in the state file with the exact place.
        let saved = app.saved_state();
        assert_eq!(saved.history, ["Shtykov", "Ongjin"]);
    }

    #[test]
    fn a_tab_types_nothing_into_a_prompt() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = app();
        run(&mut app, &[Command::Find]);
        update(&mut app, Action::Paste("Shtykov".into()));
        let hits = app.find.hits.len();
        for code in [KeyCode::Tab, KeyCode::BackTab] {
            update(
                &mut app,
                Action::Text(KeyEvent::new(code, KeyModifiers::NONE)),
            );
        }
        assert_eq!(app.prompt.as_ref().unwrap().lines(), ["Shtykov"]);
        assert_eq!(app.find.hits.len(), hits);
    }

    #[test]
    fn go_to_a_note_a_part_a_percentage_a_paragraph() {
        let mut app = app();
        // From the article, IV:27 is the thesis's (the article has no part IV).
        go_to_target(&mut app, "IV:27").unwrap();
        assert_eq!(app.reader.doc, thesis());
        run(&mut app, &[Command::JumpBack]);
        go_to_target(&mut app, "thesis:IV:27").unwrap();
        assert_eq!(app.reader.doc, thesis());
        let note = selected_note(&app).unwrap();
        assert_eq!(app.corpus.documents[thesis()].note_id(note), "thesis:IV:27");
        // Back where we were with the jump list.
        run(&mut app, &[Command::JumpBack]);
        assert_eq!(app.reader.doc, 0);
        go_to_target(&mut app, "58").unwrap();
        assert_eq!(
            app.corpus.documents[0].note_id(selected_note(&app).unwrap()),
            "article:58"
        );
        go_to_target(&mut app, "thesis:II").unwrap();
        assert_eq!(
            app.corpus.documents[thesis()].parts[app.current_part()].key,
            "II"
        );
        go_to_target(&mut app, "50%").unwrap();
        assert_eq!(app.percent(), 50);
        go_to_target(&mut app, "¶120").unwrap();
        let layout = app.layout().unwrap();
        let shown = layout.block_at_row(app.top_row())..=layout.block_at_row(app.top_row() + 20);
        assert!(shown.contains(&layout.paragraph_block[120]));
        // A place that is not there is named as the kind of place it is.
        assert_eq!(
            go_to_target(&mut app, "thesis:IV:999"),
            Err("No note “thesis:IV:999” in thesis".to_string())
        );
        assert!(go_to_target(&mut app, "nowhere")
            .is_err_and(|e| e.starts_with("No part “nowhere” in thesis (parts: abstract,")));
        assert!(go_to_target(&mut app, "thesis:¶99999")
            .is_err_and(|e| e.starts_with("No paragraph ¶99999 in thesis (¶0–¶")));
        // The prompt: `:` then the place.
        run(&mut app, &[Command::GoTo]);
        update(&mut app, Action::Paste("article:13".into()));
        run(&mut app, &[Command::Select]);
        assert_eq!(app.reader.doc, 0);
        assert!(app.prompt.is_none());
    }

    #[test]
    fn typing_in_the_sources_pane_filters_it() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = app();
        run(&mut app, &[Command::OpenSources]);
        assert_eq!(app.view, View::Sources);
        let mut d = crate::keymap::Dispatcher::default();
        for (c, shift) in [
            ('T', true),
            ('s', false),
            ('A', true),
            ('M', true),
            ('O', true),
        ] {
            let modifiers = if shift {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            let key = KeyEvent::new(KeyCode::Char(c), modifiers);
            let action = d
                .dispatch(&app.keymap.clone(), app.context(), &key)
                .unwrap();
            update(&mut app, action);
        }
        // The first letter opened the filter; the rest were typed into it.
        assert_eq!(app.context(), Context::Prompt);
        assert_eq!(app.sources.as_ref().unwrap().filter, "tsamo");
        // Enter keeps it; esc then clears it, and only the next esc leaves the pane.
        for code in [KeyCode::Enter, KeyCode::Esc] {
            let key = KeyEvent::new(code, KeyModifiers::NONE);
            let action = d
                .dispatch(&app.keymap.clone(), app.context(), &key)
                .unwrap();
            update(&mut app, action);
        }
        assert_eq!(app.view, View::Sources);
        assert_eq!(app.sources.as_ref().unwrap().filter, "");
        run(&mut app, &[Command::Close]);
        assert_eq!(app.view, View::Reader);
    }

    #[test]
    fn unfinished_and_unbound_keys_are_said() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = app();
        let mut d = crate::keymap::Dispatcher::default();
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let action = d
            .dispatch(&app.keymap.clone(), app.context(), &key('g'))
            .unwrap();
        update(&mut app, action);
        assert_eq!(app.pending_keys.as_deref(), Some("g"));
        // The background build's progress does not end the sequence.
        start_build(&mut app);
        assert_eq!(app.pending_keys.as_deref(), Some("g"));
        let action = d
            .dispatch(&app.keymap.clone(), app.context(), &key('g'))
            .unwrap();
        update(&mut app, action);
        assert_eq!(app.pending_keys, None);
        let action = d
            .dispatch(&app.keymap.clone(), app.context(), &key('%'))
            .unwrap();
        update(&mut app, action);
        assert!(app
            .message
            .as_deref()
            .unwrap()
            .starts_with("% does nothing here"));
    }

    #[test]
    fn the_mouse_scrolls_the_pane_under_it_and_opens_what_it_clicks() {
        use crate::app::MouseInput::{Click, WheelDown, WheelUp};
        let mut app = app();
        update(&mut app, Action::Mouse(WheelDown, 40, 10));
        assert_eq!(app.top_row(), 3);
        update(&mut app, Action::Mouse(WheelUp, 40, 10));
        assert_eq!(app.top_row(), 0);
        // A click on the first note marker on screen opens its note.
        let layout = app.layout().unwrap();
        let column = app.reader_areas().unwrap().column;
        let (row_on_screen, x) = (0..app.reader.height as usize)
            .find_map(|i| {
                let row = &layout.rows[app.top_row() + i];
                let block = &layout.blocks[row.block];
                block.spans.iter().find_map(|s| {
                    let inside = s.bytes.start >= row.bytes.start && s.bytes.end <= row.bytes.end;
                    (matches!(s.kind, SpanKind::NoteRef { .. }) && inside).then(|| {
                        let before = &block.text[row.bytes.start..s.bytes.start];
                        (i, before.chars().count() as u16 + 1)
                    })
                })
            })
            .expect("a marker on the first screen");
        update(
            &mut app,
            Action::Mouse(Click, column.x + x, column.y + row_on_screen as u16),
        );
        assert!(app.popup.is_some(), "the note opened");
        run(&mut app, &[Command::Close]);
        // A click on a search result opens it in the reader.
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("Yeltsin".into()));
        let list = SearchAreas::new(app.areas().unwrap().main, true).list;
        update(&mut app, Action::Mouse(Click, 5, list.y));
        assert_eq!(app.view, View::Reader);
        assert_eq!(
            selected_note(&app),
            app.corpus.documents[0].find_note(None, 1)
        );
    }

    #[test]
    fn marks_are_set_and_gone_to_and_kept() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let letter = |c| Action::Text(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        let mut app = app();
        run(&mut app, &[Command::PageDown, Command::PageDown]);
        let marked = app.top_row();
        run(&mut app, &[Command::SetMark]);
        assert_eq!(app.context(), Context::Mark);
        update(&mut app, letter('a'));
        assert_eq!(app.context(), Context::Reader);
        run(&mut app, &[Command::Bottom]);
        run(&mut app, &[Command::JumpToMark]);
        assert!(app.message.as_deref().unwrap().contains("a article"));
        update(&mut app, letter('a'));
        assert_eq!(app.top_row(), marked);
        // '' goes back to where the jump left.
        run(&mut app, &[Command::JumpToMark]);
        update(&mut app, letter('\''));
        assert!(app.top_row() > marked);
        let saved = app.saved_state();
        assert_eq!(saved.marks["a"].doc, "article");
        let mut again = super::tests::app();
        again.restore(&saved);
        run(&mut again, &[Command::JumpToMark]);
        update(&mut again, letter('a'));
        assert_eq!(again.top_row(), marked);
    }

    #[test]
    fn the_exact_reading_position_is_restored() {
        let mut app = app();
        run(
            &mut app,
            &[Command::PageDown, Command::PageDown, Command::Down],
        );
        let saved = app.saved_state();
        assert!(!saved.row.is_empty() || app.top_row() == 0);
        let top = app.top_row();
        let mut again = super::tests::app();
        again.restore(&saved);
        update(&mut again, Action::Resize(80, 24));
        assert_eq!(again.top_row(), top);
    }

    #[test]
    fn queries_stop_at_the_length_cap_with_a_message() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = app();
        run(&mut app, &[Command::Find]);
        update(&mut app, Action::Paste("x".repeat(1_000_000)));
        assert_eq!(app.find.query.chars().count(), MAX_QUERY_CHARS);
        assert!(app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("at most")));
        let key = Action::Text(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
        update(&mut app, key);
        assert_eq!(app.find.query.chars().count(), MAX_QUERY_CHARS);
        run(&mut app, &[Command::Close, Command::OpenSearch]);
        update(&mut app, Action::Paste("Shtykov\n".repeat(100_000)));
        let search = app.search.as_ref().unwrap();
        assert_eq!(search.input.lines()[0].chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn search_results_list_takes_letters_as_commands() {
        let mut app = app();
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("RGASPI".into()));
        assert_eq!(app.context(), Context::Search);
        run(&mut app, &[Command::FocusNext]);
        assert_eq!(app.context(), Context::Results);
        run(&mut app, &[Command::Down, Command::Copy]);
        let copied = app.clipboard.clone().unwrap();
        assert!(copied.contains("RGASPI"), "{copied}");
        // A terminal not known to take OSC 52: sent, not claimed as copied.
        let message = app.message.clone().unwrap();
        assert!(message.starts_with("Sent thesis:"), "{message}");
        assert!(message.contains("--copy-to"), "{message}");
        app.copy_target = CopyTarget::Clipboard { known: true };
        run(&mut app, &[Command::Copy]);
        assert!(app
            .message
            .as_deref()
            .unwrap()
            .starts_with("Copied thesis:"));
        app.copy_target = CopyTarget::File("/tmp/cites.txt".into());
        run(&mut app, &[Command::Copy]);
        assert!(app.message.as_deref().unwrap().starts_with("Wrote thesis:"));
        // Esc goes back to the query first, then leaves the search.
        run(&mut app, &[Command::Close]);
        assert_eq!(app.context(), Context::Search);
        run(&mut app, &[Command::Close]);
        assert_eq!(app.view, View::Reader);
    }

    #[test]
    fn search_results_of_an_older_query_are_dropped() {
        let mut app = app();
        run(&mut app, &[Command::OpenSearch]);
        update(&mut app, Action::Paste("FRUS".into()));
        let search = app.search.as_ref().unwrap();
        let (generation, hits) = (search.generation, search.hits.clone());
        assert!(!hits.is_empty());
        update(&mut app, Action::SearchResults(generation - 1, Vec::new()));
        assert_eq!(app.search.as_ref().unwrap().hits, hits);
        update(
            &mut app,
            Action::SearchResults(generation, hits[..1].to_vec()),
        );
        assert_eq!(app.search.as_ref().unwrap().hits.len(), 1);
        // The pane made anew for the whole library asks with generations of its own: a late
        // answer to the closed pane's query is not taken for its.
        let whole = Arc::new(crate::corpus::load_embedded().unwrap());
        update(
            &mut app,
            Action::CorpusLoaded(crate::app::action::LoadedCorpus(whole)),
        );
        let indexes = prebuilt_for(&app);
        update(&mut app, indexes);
        let search = app.search.as_ref().expect("search reopened");
        assert!(search.generation > generation);
        let hits = search.hits.clone();
        update(&mut app, Action::SearchResults(generation, Vec::new()));
        assert_eq!(app.search.as_ref().unwrap().hits, hits);
    }

    #[test]
    fn timeline_years_filters_and_opening_an_event() {
        let mut app = app();
        run(&mut app, &[Command::OpenTimeline]);
        assert_eq!(app.context(), Context::Timeline);
        let year = |app: &App| {
            let t = app.timeline.as_ref().unwrap();
            t.events[t.selected_event().unwrap()].date.year
        };
        while year(&app) < 1950 {
            run(&mut app, &[Command::NextPart]);
        }
        assert_eq!(year(&app), 1950);
        run(&mut app, &[Command::Find]);
        assert_eq!(app.context(), Context::Prompt);
        update(&mut app, Action::Paste("Shtykov".into()));
        run(&mut app, &[Command::Select]);
        let t = app.timeline.as_ref().unwrap();
        assert!(t.rows.iter().all(|r| match r {
            crate::timeline::Row::Event(e) => t.folded[*e].contains("shtykov"),
            _ => true,
        }));
        let shown = t.rows.len();
        run(&mut app, &[Command::FilterOrigin]);
        assert!(app.timeline.as_ref().unwrap().rows.len() < shown);
        run(&mut app, &[Command::FilterOrigin, Command::FilterOrigin]);
        // Enter opens the reader at the passage; back returns to the timeline.
        run(&mut app, &[Command::Select]);
        assert_eq!(app.view, View::Reader);
        assert!(app.message.is_some());
        run(&mut app, &[Command::JumpBack]);
        assert_eq!(app.view, View::Timeline);
        run(
            &mut app,
            &[Command::ZoomOut, Command::ZoomOut, Command::Close],
        );
        assert_eq!(app.view, View::Reader);
    }

    #[test]
    fn a_date_given_to_the_timelines_find_keeps_that_days_events() {
        let mut app = app();
        run(&mut app, &[Command::OpenTimeline, Command::Find]);
        update(&mut app, Action::Paste("25 June 1950".into()));
        run(&mut app, &[Command::Select]);
        let t = app.timeline.as_ref().unwrap();
        let day = crate::corpus::dates::PartialDate::day(1950, 6, 25);
        assert_eq!(t.filter.date, Some(day));
        let events: Vec<usize> = t
            .rows
            .iter()
            .filter_map(|r| match r {
                crate::timeline::Row::Event(e) => Some(*e),
                _ => None,
            })
            .collect();
        // Both texts date the outbreak, and the night of 24-25 June spans it.
        assert!(events.len() >= 10, "{} events", events.len());
        assert!(events.iter().all(|&e| t.events[e].falls_on(day)));
        assert!(events.iter().any(|&e| t.events[e].end.is_some()));
        let docs: std::collections::HashSet<usize> =
            events.iter().map(|&e| t.events[e].doc).collect();
        assert_eq!(docs.len(), 2);
        // Esc in the prompt clears it: every event again.
        run(&mut app, &[Command::Find, Command::Close]);
        let t = app.timeline.as_ref().unwrap();
        assert_eq!(t.filter.date, None);
        assert!(t.rows.len() > 100);
    }

    #[test]
    fn resize_keeps_the_reading_position() {
        let mut app = app();
        run(&mut app, &[Command::NextPart, Command::NextPart]);
        let part = app.current_part();
        let block = app.reader.positions[0].block;
        update(&mut app, Action::Resize(200, 50));
        assert_eq!(app.current_part(), part);
        assert_eq!(app.reader.positions[0].block, block);
        assert!(app.nav_shown());
        update(&mut app, Action::Resize(20, 5));
        update(&mut app, Action::Resize(80, 24));
        assert_eq!(app.reader.positions[0].block, block);
    }
}
