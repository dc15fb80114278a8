//! The event loop: terminal events and signals arrive on one channel; each becomes an action
//! through the keymap, goes through `update`, and the screen is drawn once per batch. Blocking
//! on the channel keeps an idle explorer at 0% CPU.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Terminal;

use crate::app::action::{LoadedCorpus, PrebuiltIndexes};
use crate::app::state::{BuildProgress, BuildStage};
use crate::app::{update, Action, App, ScrollHint};
use crate::build_cache::BuildCache;
use crate::keymap::{Context, Dispatcher};
use crate::search_worker::SearchWorker;
use crate::term;

enum Message {
    Terminal(Event),
    /// The rest of the corpus, read after the first frame (or why it could not be), with
    /// where its documents' citations and events may be kept.
    Corpus(
        Result<crate::corpus::Corpus, crate::corpus::LoadError>,
        Option<BuildCache>,
    ),
    /// The search index and the timeline's events, built after the first frame.
    Prebuilt(Box<crate::app::state::Prebuilt>),
    /// How far that build has got.
    Building(BuildProgress),
    SearchResults(u64, Vec<crate::search::Hit>),
    /// Something happened that [`Interrupts`] holds: look there.
    Interrupt,
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    TerminalGone,
}

/// What the signal, input and hangup threads tell the loop beside the queue: a stop must not
/// wait behind thousands of queued keys, so the loop looks here before every message.
#[derive(Default)]
struct Interrupts {
    /// 0: none; -1: the terminal went away; else the terminating signal.
    stop: AtomicI32,
    /// SIGTSTP arrived: suspend as ctrl-z does.
    suspend: AtomicBool,
    /// SIGCONT arrived: the terminal may have been changed meanwhile; set it up and redraw.
    resumed: AtomicBool,
}

const TERMINAL_GONE: i32 = -1;

impl Interrupts {
    fn stop(&self) -> Option<Exit> {
        match self.stop.load(Ordering::SeqCst) {
            0 => None,
            TERMINAL_GONE => Some(Exit::TerminalGone),
            signal => Some(Exit::Signal(signal)),
        }
    }

    /// Records a stop and, should the loop not get to it within a second (a long frame, a
    /// terminal that blocks writes), restores the terminal and exits from here.
    fn request_stop(self: &Arc<Self>, why: i32) {
        if self
            .stop
            .compare_exchange(0, why, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            return;
        }
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            term::restore();
            let code = if why == TERMINAL_GONE { 1 } else { 128 + why };
            std::process::exit(code);
        });
    }
}

/// Runs the explorer until the user quits, a signal arrives or the terminal goes away. The
/// terminal is restored before this returns, whatever happened. `cache` keeps a `--corpus`
/// library's citations and events between runs.
pub fn run(app: &mut App, cache: Option<crate::corpus::Cache>) -> io::Result<Exit> {
    let (tx, rx) = mpsc::channel();
    let interrupts = Arc::new(Interrupts::default());
    spawn_signal_thread(tx.clone(), interrupts.clone())?;
    let terminal = term::setup(app.ascii, app.mouse)?;
    spawn_hangup_watch(tx.clone(), interrupts.clone());
    let result = event_loop(app, terminal, tx, rx, &interrupts, cache);
    term::restore();
    result
}

/// Every signal that ends a process by default restores the terminal first; SIGTSTP suspends
/// as ctrl-z does, SIGCONT redraws.
fn spawn_signal_thread(tx: mpsc::Sender<Message>, interrupts: Arc<Interrupts>) -> io::Result<()> {
    use signal_hook::consts::*;
    let mut signals = signal_hook::iterator::Signals::new([
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTSTP, SIGCONT,
    ])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            match signal {
                SIGTSTP => interrupts.suspend.store(true, Ordering::SeqCst),
                SIGCONT => interrupts.resumed.store(true, Ordering::SeqCst),
                _ => interrupts.request_stop(signal),
            }
            if tx.send(Message::Interrupt).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Waits, without using the CPU, for the terminal to hang up (a closed window, a dropped SSH
/// connection) even when no SIGHUP comes: crossterm's reader would spin on the dead terminal.
fn spawn_hangup_watch(tx: mpsc::Sender<Message>, interrupts: Arc<Interrupts>) {
    std::thread::spawn(move || loop {
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd for the duration of the call.
        let ready = unsafe { libc::poll(&mut fd, 1, -1) };
        let interrupted =
            ready < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted;
        if interrupted {
            continue;
        }
        if ready < 0 || fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            interrupts.request_stop(TERMINAL_GONE);
            let _ = tx.send(Message::Interrupt);
            return;
        }
    });
}

/// What a mouse event asks of the explorer: wheel turns and left clicks; the rest is nothing.
fn mouse_action(m: crossterm::event::MouseEvent) -> Option<Action> {
    use crate::app::MouseInput;
    use crossterm::event::{MouseButton, MouseEventKind};
    let input = match m.kind {
        MouseEventKind::ScrollUp => MouseInput::WheelUp,
        MouseEventKind::ScrollDown => MouseInput::WheelDown,
        MouseEventKind::Down(MouseButton::Left) => MouseInput::Click,
        _ => return None,
    };
    Some(Action::Mouse(input, m.column, m.row))
}

/// Text the user typed into a field, gathered over one batch: a flood of keys is inserted and
/// searched once, not once per key.
fn typed_char(action: &Action) -> Option<char> {
    use crossterm::event::{KeyCode, KeyModifiers};
    match action {
        Action::Text(key) if (key.modifiers - KeyModifiers::SHIFT).is_empty() => match key.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// How often the build's progress goes to the screen: a library has hundreds of documents,
/// and a few updates a second say it is moving.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// Sends the build's progress to the loop, at most every [`PROGRESS_EVERY`].
struct ProgressReport {
    tx: mpsc::Sender<Message>,
    total: usize,
    /// Stages finished so far.
    step: std::sync::atomic::AtomicU8,
    last: std::sync::Mutex<Option<std::time::Instant>>,
}

impl ProgressReport {
    fn report(&self, stage: BuildStage, done: usize) {
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        // A stage's end always goes out, so the count never stops short of it.
        let finished = done >= self.total;
        if !finished && last.is_some_and(|t| t.elapsed() < PROGRESS_EVERY) {
            return;
        }
        *last = Some(std::time::Instant::now());
        let progress = BuildProgress {
            stage,
            step: self.step.load(Ordering::Relaxed),
            done,
            total: self.total,
        };
        let _ = self.tx.send(Message::Building(progress));
    }

    fn stage_done(&self) {
        self.step.fetch_add(1, Ordering::Relaxed);
    }
}

/// Whether the timeline is the pane waited for, as the loop last said; the background build
/// reads it, or waits for it to turn true.
#[derive(Default)]
struct TimelineWanted {
    wanted: std::sync::Mutex<bool>,
    changed: std::sync::Condvar,
}

impl TimelineWanted {
    fn set(&self, wanted: bool) {
        if let Ok(mut now) = self.wanted.lock() {
            if *now != wanted {
                *now = wanted;
                self.changed.notify_all();
            }
        }
    }

    fn get(&self) -> bool {
        self.wanted.lock().is_ok_and(|w| *w)
    }

    /// Blocks while `pending` holds and the timeline is not wanted; whether it is wanted.
    fn wait_while(&self, pending: impl Fn() -> bool) -> bool {
        let Ok(mut wanted) = self.wanted.lock() else {
            return false;
        };
        while !*wanted && pending() {
            // Woken by `set` and `wake`; the timeout only guards against a missed wake.
            match self
                .changed
                .wait_timeout(wanted, std::time::Duration::from_millis(100))
            {
                Ok((guard, _)) => wanted = guard,
                Err(_) => return false,
            }
        }
        *wanted
    }

    /// Wakes a waiter to look at its condition again.
    fn wake(&self) {
        let _guard = self.wanted.lock();
        self.changed.notify_all();
    }
}

/// Builds the citation model, the search index and the timeline's events of `corpus` on a
/// thread, document by document with its progress, and hands each pane's part to the loop as
/// it is made: the citations, then search (its notes, then the whole text). The timeline goes
/// first if it is the pane waited for (`timeline_first`, which the loop keeps up to date),
/// starts beside search as soon as it is waited for, and otherwise comes last.
fn prebuild(
    corpus: Arc<crate::corpus::Corpus>,
    tx: mpsc::Sender<Message>,
    timeline_first: Arc<TimelineWanted>,
    kept: Option<BuildCache>,
) {
    std::thread::spawn(move || {
        let progress = ProgressReport {
            tx: tx.clone(),
            total: corpus.documents.len(),
            step: std::sync::atomic::AtomicU8::new(0),
            last: std::sync::Mutex::new(None),
        };
        let hand_over = |part: crate::app::state::Prebuilt| {
            let _ = tx.send(Message::Prebuilt(Box::new(part)));
        };
        let nothing = crate::app::state::Prebuilt {
            corpus: Arc::clone(&corpus),
            last: false,
            sources: None,
            search: None,
            timeline: None,
        };
        // The two remaining stages; the one that finishes second is the build's last part.
        let remaining = std::sync::atomic::AtomicU8::new(2);
        let is_last = || remaining.fetch_sub(1, Ordering::AcqRel) == 1;
        // Whether the timeline has been started, and whether it is running beside search.
        let timeline_started = AtomicBool::new(false);
        let timeline_beside_search = AtomicBool::new(false);
        let timeline = || {
            use crate::timeline::DocumentEvents;
            use rayon::prelude::*;
            let documents = &corpus.documents;
            // What the cache kept first: a kept document needs no citation model, so a
            // timeline made before the citations stage does not wait for theirs.
            let mut found: Vec<Option<DocumentEvents>> = match &kept {
                Some(k) => (0..documents.len())
                    .into_par_iter()
                    .map(|d| k.kept(d))
                    .collect(),
                None => (0..documents.len()).map(|_| None).collect(),
            };
            // The others' citation models, outside the pool: a rayon task must never wait
            // on a document another thread is reading with rayon.
            for (doc, found) in documents.iter().zip(&found) {
                if found.is_none() {
                    doc.citations();
                }
            }
            let dated = std::sync::atomic::AtomicUsize::new(0);
            let mut each: Vec<DocumentEvents> = found
                .par_iter_mut()
                .zip(documents.par_iter())
                .enumerate()
                .map(|(d, (found, doc))| {
                    let events = found.take().unwrap_or_else(|| {
                        let made = DocumentEvents::of(doc);
                        if let Some(k) = &kept {
                            k.keep(d, &made);
                        }
                        made
                    });
                    let done = dated.fetch_add(1, Ordering::Relaxed) + 1;
                    progress.report(BuildStage::Timeline, done);
                    events
                })
                .collect();
            let events =
                crate::timeline::in_corpus_range(&corpus, crate::timeline::merge(&mut each));
            progress.stage_done();
            let timeline = crate::app::state::TimelineState::with_events(&corpus, events);
            timeline_beside_search.store(false, Ordering::Relaxed);
            hand_over(crate::app::state::Prebuilt {
                last: is_last(),
                timeline: Some(timeline),
                ..nothing.clone()
            });
        };
        // One document after the other: a rayon task must never wait on a document's
        // citations another thread is reading with rayon.
        let citations = || {
            for (d, doc) in corpus.documents.iter().enumerate() {
                // A timeline asked for now is made now: it needs no linked sources, and on
                // this thread no document's citations are being read meanwhile.
                if timeline_first.get() && !timeline_started.swap(true, Ordering::AcqRel) {
                    timeline();
                }
                progress.report(BuildStage::Citations, d);
                match &kept {
                    Some(k) => {
                        let cited = k.kept_or_made(d, || crate::corpus::CitedNotes::of(doc));
                        doc.provide_citations(cited.into_works());
                    }
                    None => {
                        doc.citations();
                    }
                }
            }
            progress.report(BuildStage::Citations, corpus.documents.len());
            hand_over(crate::app::state::Prebuilt {
                sources: Some(crate::app::sources::SourcesState::new(&corpus)),
                ..nothing.clone()
            });
            progress.stage_done();
        };
        // A timeline waited for before search starts is made first, even in the middle of the
        // citations: its events come from the cache, or date each document's notes with that
        // document's citations alone, not the linked sources.
        citations();
        let search_done = AtomicBool::new(false);
        std::thread::scope(|scope| {
            // The timeline asked for while search is being built starts at once beside it,
            // rather than after the whole index (a second or more at 100x).
            scope.spawn(|| {
                if timeline_first.wait_while(|| !search_done.load(Ordering::Acquire))
                    && !timeline_started.swap(true, Ordering::AcqRel)
                {
                    timeline_beside_search.store(true, Ordering::Relaxed);
                    timeline();
                }
            });
            // The notes first: search opens on them (its default scope) while the body, most
            // of the text, is indexed after them for `in:body`.
            let notes = crate::search::Index::notes_with_progress(&corpus, |done| {
                // Meanwhile only the waited-for pane's progress is shown.
                if !timeline_beside_search.load(Ordering::Relaxed) {
                    progress.report(BuildStage::Search, done);
                }
            });
            hand_over(crate::app::state::Prebuilt {
                search: Some(Arc::new(notes)),
                ..nothing.clone()
            });
            let index = crate::search::Index::new(&corpus);
            progress.stage_done();
            hand_over(crate::app::state::Prebuilt {
                last: is_last(),
                search: Some(Arc::new(index)),
                ..nothing.clone()
            });
            search_done.store(true, Ordering::Release);
            timeline_first.wake();
            if !timeline_started.swap(true, Ordering::AcqRel) {
                timeline();
            }
        });
        if let Some(k) = &kept {
            k.tidy();
        }
    });
}

fn event_loop(
    app: &mut App,
    terminal: term::Tui,
    tx: mpsc::Sender<Message>,
    rx: mpsc::Receiver<Message>,
    interrupts: &Arc<Interrupts>,
    cache: Option<crate::corpus::Cache>,
) -> io::Result<Exit> {
    let results = tx.clone();
    // The search worker and the index it ranks.
    let mut worker: Option<(Arc<crate::search::Index>, SearchWorker)> = None;
    let input_interrupts = interrupts.clone();
    std::thread::spawn(move || loop {
        match event::read() {
            Ok(e) => {
                if tx.send(Message::Terminal(e)).is_err() {
                    break;
                }
            }
            Err(_) => {
                // A read error on the terminal is a hangup.
                input_interrupts.request_stop(TERMINAL_GONE);
                let _ = tx.send(Message::Interrupt);
                break;
            }
        }
    });
    // The pane waited for, as the background build should know it.
    let timeline_first = Arc::new(TimelineWanted::default());
    let mut screen = Screen::new(terminal);
    let size = screen.terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    screen.draw(app)?;
    match &app.loading {
        // A large `--corpus`: the first frame showed one document; read them all now.
        Some(loading) => {
            let dir = loading.dir.clone();
            let tx = results.clone();
            std::thread::spawn(move || {
                // Keys taken before and after reading: a text or manifest that changed
                // meanwhile is neither taken from nor kept in the cache.
                let kept = cache.clone().map(|cache| BuildCache::new(cache, &dir));
                let corpus = crate::corpus::load_dir_cached(&dir, cache.as_ref());
                let kept = kept.map(|k| k.unchanged_since(&dir));
                let _ = tx.send(Message::Corpus(corpus, kept));
            });
        }
        // The citation model (the popup's "same document", the Sources pane), the search index
        // and the timeline are built off the UI thread once the first frame is up.
        None => {
            let documents = app.corpus.documents.len();
            update(app, Action::Building(BuildProgress::starting(documents)));
            prebuild(
                Arc::clone(&app.corpus),
                results.clone(),
                timeline_first.clone(),
                None,
            );
        }
    }
    let mut dispatcher = Dispatcher::default();
    loop {
        let Ok(first) = rx.recv() else {
            return Ok(Exit::TerminalGone);
        };
        let mut changed = false;
        let mut typed = String::new();
        // Take everything already queued before drawing: a flood of keys costs one frame.
        for message in std::iter::once(first).chain(rx.try_iter()) {
            if let Some(exit) = interrupts.stop() {
                return Ok(exit);
            }
            if interrupts.suspend.swap(false, Ordering::SeqCst) {
                app.suspend = true;
            }
            let action = match message {
                Message::Interrupt => None,
                Message::Terminal(Event::Key(key)) => {
                    dispatcher.dispatch(&app.keymap, app.context(), &key)
                }
                Message::Terminal(Event::Paste(text)) => Some(Action::Paste(text)),
                Message::SearchResults(g, hits) => Some(Action::SearchResults(g, hits)),
                Message::Corpus(Ok(corpus), kept) => {
                    // The whole library's indexes are built off the UI thread too.
                    let corpus = Arc::new(corpus);
                    // The pane in front closes with the old corpus and is waited for: a
                    // timeline there is wanted before the build starts.
                    timeline_first.set(
                        app.view == crate::app::View::Timeline
                            || app.waiting_for == Some(crate::app::View::Timeline),
                    );
                    let first = timeline_first.clone();
                    prebuild(Arc::clone(&corpus), results.clone(), first, kept);
                    Some(Action::CorpusLoaded(LoadedCorpus(corpus)))
                }
                Message::Corpus(Err(e), _) => Some(Action::CorpusFailed(e.to_string())),
                Message::Prebuilt(p) => Some(Action::Prebuilt(PrebuiltIndexes(p))),
                Message::Building(p) => Some(Action::Building(p)),
                Message::Terminal(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
                Message::Terminal(Event::Mouse(m)) => mouse_action(m),
                Message::Terminal(_) => None,
            };
            // Only text fields gather typing; a mark's letter is a command of its own.
            let field = matches!(app.context(), Context::Prompt | Context::Search);
            if let Some(c) = action.as_ref().filter(|_| field).and_then(typed_char) {
                typed.push(c);
                continue;
            }
            let actions = [
                (!typed.is_empty()).then(|| Action::Paste(std::mem::take(&mut typed))),
                action,
            ];
            for action in actions.into_iter().flatten() {
                let hint_before = app.scroll_hint;
                update(app, action);
                app.scroll_hint = merge_hints(changed.then_some(hint_before), app.scroll_hint);
                changed = true;
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
            if app.suspend {
                break;
            }
        }
        if !typed.is_empty() {
            update(app, Action::Paste(typed));
            app.scroll_hint = ScrollHint::Redraw;
            changed = true;
        }
        if app.suspend {
            suspend(app, &mut screen)?;
            changed = true;
        }
        if interrupts.resumed.swap(false, Ordering::SeqCst) {
            resume(app, &mut screen)?;
            changed = true;
        }
        if let Some(exit) = interrupts.stop() {
            return Ok(exit);
        }
        if let Some(search) = app.search.as_mut() {
            if let Some((generation, query)) = search.request.take() {
                // A worker ranks one index: search reopened on another (the whole library,
                // once read) gets a worker of its own, whose hits point into that index.
                let current = worker
                    .as_ref()
                    .is_some_and(|(index, _)| Arc::ptr_eq(index, &search.index));
                if !current {
                    let results = results.clone();
                    let spawned = SearchWorker::spawn(search.index.clone(), move |g, hits| {
                        results.send(Message::SearchResults(g, hits)).is_ok()
                    });
                    worker = Some((search.index.clone(), spawned));
                }
                if let Some((_, worker)) = &worker {
                    worker.request(generation, query);
                }
            }
        }
        if let Some(text) = app.clipboard.take() {
            match &app.copy_target {
                crate::app::state::CopyTarget::File(path) => {
                    if let Err(e) = append_line(path, &text) {
                        let notice = format!("Could not write {}: {e}", path.display());
                        update(app, Action::Notice(notice));
                    }
                    changed = true;
                }
                crate::app::state::CopyTarget::Clipboard { .. } => {
                    term::copy_osc52(screen.terminal.backend_mut(), &text)?;
                }
            }
        }
        timeline_first.set(app.waiting_for == Some(crate::app::View::Timeline));
        if changed {
            screen.draw(app)?;
        }
    }
}

/// Appends one copied citation to the `--copy-to` file.
fn append_line(path: &std::path::Path, text: &str) -> io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    writeln!(file, "{text}")
}

/// Gives the terminal back to the shell and stops, as ctrl-z does in less and vim; on `fg`
/// takes it again and redraws everything.
fn suspend<B: Backend + io::Write>(app: &mut App, screen: &mut Screen<B>) -> io::Result<()> {
    app.suspend = false;
    term::restore();
    // SIGTSTP with its default action: the process stops here until SIGCONT.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    resume(app, screen)
}

/// The terminal after a stop: modes set again, the size asked again, every cell redrawn.
fn resume<B: Backend + io::Write>(app: &mut App, screen: &mut Screen<B>) -> io::Result<()> {
    term::enter(app.mouse)?;
    screen.terminal.clear()?;
    screen.forget();
    let size = screen.terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    Ok(())
}

/// Several scrolls of one region in a batch add up; anything else in the batch means a full
/// diff.
fn merge_hints(earlier: Option<ScrollHint>, now: ScrollHint) -> ScrollHint {
    match (earlier, now) {
        (None, now) => now,
        (
            Some(ScrollHint::Scrolled {
                rows: a,
                top,
                bottom,
            }),
            ScrollHint::Scrolled {
                rows: b,
                top: t,
                bottom: u,
            },
        ) if (top, bottom) == (t, u) => ScrollHint::Scrolled {
            rows: a + b,
            top,
            bottom,
        },
        _ => ScrollHint::Redraw,
    }
}

/// A terminal plus a copy of the last frame, so a scroll of the reader or of a list can move
/// the rows with the terminal's own scrolling and send only what changed besides.
pub struct Screen<B: Backend + io::Write> {
    pub terminal: Terminal<B>,
    last: Option<Buffer>,
}

impl<B: Backend + io::Write> Screen<B> {
    pub fn new(terminal: Terminal<B>) -> Self {
        Screen {
            terminal,
            last: None,
        }
    }

    /// Drops the copy of the last frame: the terminal's rows are not known to match it.
    pub fn forget(&mut self) {
        self.last = None;
    }

    pub fn draw(&mut self, app: &App) -> io::Result<()> {
        if let ScrollHint::Scrolled { rows, top, bottom } = app.scroll_hint {
            self.scroll(app, rows, top..bottom)?;
        }
        let frame = self.terminal.draw(|f| crate::ui::render(app, f))?;
        self.last = Some(frame.buffer.clone());
        Ok(())
    }

    /// Scrolls screen rows `region` on the terminal (whole rows: a pane beside them moves too)
    /// and makes a shifted copy of the last frame ratatui's previous buffer, with the rows that
    /// came into view blank as on the terminal, so the diff sends only what differs from that.
    fn scroll(&mut self, app: &App, rows: i32, region: std::ops::Range<u16>) -> io::Result<()> {
        let Some(last) = &self.last else {
            return Ok(());
        };
        let amount = rows.unsigned_abs() as u16;
        let overlays = app.popup.is_some() || app.help.is_some() || app.build_wait_shown();
        if rows == 0
            || overlays
            || amount >= region.end.saturating_sub(region.start)
            || region.end > last.area.height
            || last.area != Rect::new(0, 0, app.screen.0, app.screen.1)
        {
            return Ok(());
        }
        let mut shifted = last.clone();
        let width = last.area.width as usize;
        for y in region.clone() {
            let source = y as i32 + rows;
            let start = y as usize * width;
            if source >= region.start as i32 && source < region.end as i32 {
                let from = source as usize * width;
                shifted.content[start..start + width]
                    .clone_from_slice(&last.content[from..from + width]);
            } else {
                shifted.content[start..start + width].fill(ratatui::buffer::Cell::default());
            }
        }
        if rows > 0 {
            self.terminal
                .backend_mut()
                .scroll_region_up(region, amount)?;
        } else {
            self.terminal
                .backend_mut()
                .scroll_region_down(region, amount)?;
        }
        *self.terminal.current_buffer_mut() = shifted;
        // The shifted copy becomes the previous frame; the next draw diffs against it.
        self.terminal.swap_buffers();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::TimelineWanted;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_build_waiting_for_the_timeline_wakes_when_it_is_wanted_or_done() {
        let wanted = TimelineWanted::default();
        let pending = AtomicBool::new(true);
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| wanted.wait_while(|| pending.load(Ordering::Acquire)));
            wanted.set(true);
            assert!(waiter.join().unwrap_or(false), "wanted while pending");
        });
        let wanted = TimelineWanted::default();
        std::thread::scope(|scope| {
            let waiter = scope.spawn(|| wanted.wait_while(|| pending.load(Ordering::Acquire)));
            pending.store(false, Ordering::Release);
            wanted.wake();
            assert!(
                !waiter.join().unwrap_or(true),
                "search done first: not wanted"
            );
        });
    }
}
