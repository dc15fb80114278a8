//! Entry points for fuzzing: each takes arbitrary bytes and must return without a panic, however
//! broken the input. The cargo-fuzz targets in `fuzz/` (nightly, `scripts/fuzz` for long runs)
//! and the stable proptest harness in `tests/fuzz.rs` (bounded, in CI) call these same functions.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{update, Action, App};
use crate::corpus::manifest::{Manifest, SourceFormat};
use crate::corpus::Corpus;
use crate::keymap::{Dispatcher, Keymap, KeymapFile};

/// A source text of `format` as a corpus directory would give it: checked as text, parsed, and
/// put through every lookup the CLI offers (as `check --json` and `toc` were fuzzed).
pub fn corpus_text(format: SourceFormat, data: &[u8]) {
    let Ok(text) = crate::corpus::validate_text(data) else {
        return;
    };
    let kind = match format {
        SourceFormat::Article => "article",
        SourceFormat::Thesis => "thesis",
    };
    let manifest = format!(
        "[timeline]\nfrom = 1945\nto = 1953\n\n[[document]]\nid = \"doc\"\nfile = \"doc.txt\"\n\
         format = \"{kind}\"\nkind = \"{kind}\"\ntitle = \"T\"\nauthor = \"A\"\n"
    );
    if let Ok(corpus) = crate::corpus::load_from_memory(&manifest, &[("doc.txt", &text)]) {
        lookups(&corpus);
    }
}

/// Every lookup of the CLI, and one reader frame per document.
fn lookups(corpus: &Corpus) {
    use crate::cli;
    let _ = cli::toc(corpus);
    let _ = cli::check(corpus);
    let _ = cli::notes(corpus, None, None, None, None);
    let _ = cli::sources(corpus, None, None, None, &[]);
    let _ = cli::timeline(corpus, None, None, None);
    let _ = cli::search(
        corpus,
        &["soviet 30 Jan 1950".to_string()],
        20,
        None,
        Some("all"),
        true,
    );
    for doc in &corpus.documents {
        let _ = cli::read(corpus, &doc.meta.id);
        for (part, p) in doc.parts.iter().enumerate() {
            for n in 0..doc.notes.iter().filter(|n| n.part == part).count().min(3) {
                let _ = cli::note(corpus, &format!("{}:{}:{}", doc.meta.id, p.key, n + 1));
            }
        }
    }
    let mut app = App::new(Arc::new(corpus.clone()), default_keymap());
    for command in [crate::app::Command::NextRef, crate::app::Command::OpenNote] {
        update(&mut app, Action::Resize(80, 24));
        update(&mut app, Action::Command(command));
        draw(&app);
    }
}

/// Endnotes whose texts are the lines of `data` (at most 64), cited from one paragraph of a
/// small article: every note read into its works, `Ibid.` resolved, sources linked, each note
/// looked up and every note exported in each reference-manager format.
pub fn note_citations(data: &[u8]) {
    use std::fmt::Write;
    let text = String::from_utf8_lossy(data);
    let notes: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(64)
        .collect();
    let superscript = |n: usize| -> String {
        const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
        n.to_string()
            .bytes()
            .map(|b| DIGITS[usize::from(b - b'0')])
            .collect()
    };
    // A body paragraph is over 200 characters: shorter blocks are front matter.
    let mut article = String::from(
        "Title\n\nThe study of the origins of the Korean War enters a new phase with the opening of \
         the Soviet archives, and this paragraph of a small article stands long enough to be read \
         as its body, citing",
    );
    for n in 1..=notes.len() {
        let _ = write!(article, " cites{}", superscript(n));
    }
    article.push_str(".\n\nEndnote\n\n");
    for (n, note) in notes.iter().enumerate() {
        let _ = writeln!(article, "{}. {note}", n + 1);
    }
    let manifest = "[timeline]\nfrom = 1945\nto = 1953\n\n[[document]]\nid = \"doc\"\n\
                    file = \"doc.txt\"\nformat = \"article\"\nkind = \"article\"\n\
                    title = \"T\"\nauthor = \"A\"\n";
    let Ok(corpus) = crate::corpus::load_from_memory(manifest, &[("doc.txt", &article)]) else {
        return;
    };
    use crate::cli;
    let _ = cli::notes(&corpus, None, None, None, None);
    let _ = cli::sources(&corpus, None, None, None, &["stalin 1950".to_string()]);
    let ids: Vec<String> = corpus
        .documents
        .iter()
        .flat_map(|d| {
            d.notes
                .iter()
                .map(move |n| format!("{}:{}", d.meta.id, n.number))
        })
        .collect();
    for id in &ids {
        let _ = cli::note(&corpus, id);
    }
    for format in ["csl-json", "bibtex", "ris", "text"] {
        let _ = cli::cite(&corpus, &ids, format);
    }
}

/// A manifest's text.
pub fn manifest(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Manifest::parse(text);
    }
}

/// A keymap file's text, then the keymap it makes over the default preset.
pub fn keymap_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(file) = KeymapFile::parse("fuzz.toml", text) {
        let base = crate::keymap::preset("default").unwrap_or_default();
        let keymap = Keymap::from_layers(&[&base, &file]);
        let _ = keymap.problems();
        let _ = Keymap::from_layers(&[&file]).problems();
    }
}

/// Keys every preset binds, and the text keys a user types: what the key fuzzer presses.
const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "c",
    "w",
    "s",
    "t",
    "/",
    "?",
    "r",
    "R",
    "n",
    "N",
    "{",
    "}",
    "[",
    "]",
    "y",
    "i",
    "p",
    "o",
    "d",
    "+",
    "-",
    "=",
    "m",
    "'",
    "a",
    "x",
    "Z",
    "1",
    "5",
    ":",
    " ",
    "enter",
    "esc",
    "tab",
    "shift-tab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "backspace",
    "delete",
    "ctrl-d",
    "ctrl-u",
    "ctrl-o",
    "ctrl-f",
    "ctrl-b",
    "ctrl-n",
    "ctrl-p",
    "ctrl-g",
    "ctrl-x",
    "ctrl-s",
    "ctrl-v",
    "ctrl-z",
    "alt-left",
    "alt-right",
    "alt-v",
    "f1",
];

/// A session of keys, pastes and resizes (any size, 0x0 and 1x1 included) through the
/// keymap, `update` and `render`, with a frame drawn after every input. Byte by byte: below
/// 0xc0 a key from [`KEYS`] (the byte also picks the preset once, first); 0xc0–0xdf a resize
/// to the next two bytes; 0xe0 and up a paste of the next few bytes.
pub fn session(corpus: &Arc<Corpus>, data: &[u8]) {
    let Some((&first, mut rest)) = data.split_first() else {
        return;
    };
    let preset = ["default", "vim", "emacs"][first as usize % 3];
    let Ok(keymap) = crate::keymap::load(Some(preset), None) else {
        return;
    };
    let mut app = App::new(corpus.clone(), keymap);
    update(&mut app, Action::Resize(80, 24));
    let mut dispatcher = Dispatcher::default();
    while let Some((&byte, tail)) = rest.split_first() {
        rest = tail;
        let action = match byte {
            0..=0xbf => {
                let key = KEYS[byte as usize % KEYS.len()];
                let Ok(key) = key.parse::<crate::keymap::Key>() else {
                    continue;
                };
                dispatcher.dispatch(&app.keymap, app.context(), &key.to_event())
            }
            0xc0..=0xdf => {
                let (w, h) = (
                    rest.first().copied().unwrap_or(0),
                    rest.get(1).copied().unwrap_or(0),
                );
                rest = rest.get(2..).unwrap_or(&[]);
                Some(Action::Resize(w as u16, h as u16))
            }
            0xe0..=0xfd => {
                let n = ((byte - 0xe0) as usize).min(rest.len());
                let text = String::from_utf8_lossy(&rest[..n]).into_owned();
                rest = &rest[n..];
                Some(Action::Paste(text))
            }
            // What the background build hands the loop: its progress, then its indexes.
            0xfe => {
                use crate::app::state::{BuildProgress, BuildStage};
                let stages = [
                    BuildStage::Citations,
                    BuildStage::Search,
                    BuildStage::Timeline,
                ];
                let (stage, done) = (
                    rest.first().copied().unwrap_or(0),
                    rest.get(1).copied().unwrap_or(0),
                );
                rest = rest.get(2..).unwrap_or(&[]);
                Some(Action::Building(BuildProgress {
                    stage: stages[stage as usize % stages.len()],
                    step: stage % 3,
                    done: done as usize,
                    total: app.corpus.documents.len(),
                }))
            }
            // Parts 0-2: the sources, the whole search index, the timeline; part 3: the index of
            // the notes alone, which the build hands over before the whole one.
            0xff => {
                let part = rest.first().copied().unwrap_or(0) % 4;
                rest = rest.get(1..).unwrap_or(&[]);
                let (sources, search, timeline, notes) = panes_of(&app.corpus);
                let search = match part {
                    1 => Some(search),
                    3 => Some(notes),
                    _ => None,
                };
                Some(Action::Prebuilt(crate::app::action::PrebuiltIndexes(
                    Box::new(crate::app::state::Prebuilt {
                        corpus: app.corpus.clone(),
                        last: part == 2,
                        sources: (part == 0).then_some(sources),
                        search,
                        timeline: (part == 2).then_some(timeline),
                    }),
                )))
            }
        };
        if let Some(action) = action {
            update(&mut app, action);
            // What the event loop does with a suspend or a quit: carry on drawing.
            app.suspend = false;
            draw(&app);
        }
    }
}

/// The Sources pane, search index, timeline pane and index of the notes alone of a corpus,
/// made once per corpus for all the sessions run on it.
fn panes_of(
    corpus: &Arc<Corpus>,
) -> (
    crate::app::sources::SourcesState,
    Arc<crate::search::Index>,
    crate::app::state::TimelineState,
    Arc<crate::search::Index>,
) {
    type Made = (
        usize,
        crate::app::sources::SourcesState,
        Arc<crate::search::Index>,
        crate::app::state::TimelineState,
        Arc<crate::search::Index>,
    );
    static MADE: std::sync::Mutex<Vec<Made>> = std::sync::Mutex::new(Vec::new());
    let key = Arc::as_ptr(corpus) as usize;
    let mut made = MADE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, sources, search, timeline, notes)) = made.iter().find(|m| m.0 == key) {
        return (
            sources.clone(),
            search.clone(),
            timeline.clone(),
            notes.clone(),
        );
    }
    let sources = crate::app::sources::SourcesState::new(corpus);
    let search = Arc::new(crate::search::Index::new(corpus));
    let timeline = crate::app::state::TimelineState::new(corpus);
    let notes = Arc::new(crate::search::Index::notes_with_progress(corpus, |_| {}));
    made.push((
        key,
        sources.clone(),
        search.clone(),
        timeline.clone(),
        notes.clone(),
    ));
    (sources, search, timeline, notes)
}

fn draw(app: &App) {
    let (w, h) = app.screen;
    let area = Rect::new(0, 0, w, h);
    let mut buffer = Buffer::empty(area);
    crate::ui::render_to(app, area, &mut buffer);
}

fn default_keymap() -> Keymap {
    crate::keymap::load(None, None).unwrap_or_default()
}
