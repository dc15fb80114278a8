//! One keystroke and one backspace in search, over the corpus and over a synthetic corpus of
//! 100 times the notes: ranking on the spot (1x) and in the worker (100x), and what the UI
//! thread does per key at 100x.

use criterion::{criterion_group, criterion_main, Criterion};
use kwx::search::{Index, Query, Searcher};

/// A query as the explorer ranks it: the notes citing the matches' documents follow them.
fn explorer(text: &str) -> Query {
    Query {
        same_documents: true,
        ..Query::parse(text)
    }
}

fn keystrokes(c: &mut Criterion) {
    let corpus = kwx::corpus::load_embedded().expect("embedded corpus");
    let index = Index::new(&corpus);
    println!("entries in the corpus: {}", index.entries.len());
    per_key(c, "1x", &index);
    // The worst keystroke: a query that shares nothing with the last, so every note is scored.
    for query in [
        "FRUS",
        "Shtykov Vyshinsky",
        "RG 59 1949",
        "s",
        "Ongjin in:all",
        // Nothing has every word: the near misses are ranked too.
        "Tunkin report 14 September 1949",
    ] {
        c.bench_function(
            &format!("search_fresh_query_{}", query.replace([' ', ':'], "_")),
            |b| {
                let mut searcher = Searcher::default();
                let q = explorer(query);
                b.iter(|| {
                    searcher.reset();
                    searcher.search(&index, &q)
                })
            },
        );
    }
}

/// A query typed one key at a time, the average per key; and a backspace after it.
fn per_key(c: &mut Criterion, size: &str, index: &Index) {
    let typed = "Shtykov Vyshinsky 1949";
    c.bench_function(&format!("search_{size}_keystroke"), |b| {
        b.iter(|| {
            // Each round starts cold: nothing of the query is known yet.
            let mut searcher = Searcher::default();
            for end in 1..=typed.len() {
                searcher.search(index, &explorer(&typed[..end]));
            }
        })
    });
    c.bench_function(&format!("search_{size}_backspace"), |b| {
        let mut searcher = Searcher::default();
        for end in 1..=typed.len() {
            searcher.search(index, &explorer(&typed[..end]));
        }
        let back = explorer(&typed[..typed.len() - 1]);
        b.iter(|| searcher.search(index, &back))
    });
}

/// The embedded corpus with every note repeated `times` times.
fn synthetic(times: usize) -> kwx::corpus::Corpus {
    let mut corpus = kwx::corpus::load_embedded().expect("embedded corpus");
    for doc in &mut corpus.documents {
        let notes = doc.notes.clone();
        for _ in 1..times {
            doc.notes.extend(notes.iter().cloned());
        }
    }
    corpus
}

/// What the UI thread does for one keystroke in the search pane over 100x the notes: update
/// (which hands ranking to the worker) and draw the frame.
fn keystroke_100x(c: &mut Criterion) {
    use kwx::app::{update, Action, App, Command};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    let corpus = std::sync::Arc::new(synthetic(100));
    let keymap = kwx::keymap::load(None, None).expect("default keymap");
    let mut app = App::new(corpus.clone(), keymap);
    update(&mut app, Action::Resize(80, 24));
    update(&mut app, Action::Command(Command::OpenSearch));
    let notes = app.search.as_ref().map_or(0, |s| s.index.entries.len());
    println!("synthetic notes: {notes}");
    let area = Rect::new(0, 0, 80, 24);
    let mut buffer = Buffer::empty(area);
    let key = |c| crossterm::event::KeyEvent::new(c, crossterm::event::KeyModifiers::NONE);
    let mut typed = 0usize;
    c.bench_function("search_100x_ui_keystroke", |b| {
        b.iter(|| {
            // Type and erase, so every keystroke changes the query.
            let code = if typed.is_multiple_of(2) {
                crossterm::event::KeyCode::Char('s')
            } else {
                crossterm::event::KeyCode::Backspace
            };
            typed += 1;
            update(&mut app, Action::Text(key(code)));
            if let Some(s) = app.search.as_mut() {
                s.request.take();
            }
            buffer.reset();
            kwx::ui::render_to(&app, area, &mut buffer);
        })
    });
    // What the worker does per key at this size: a typed query and a backspace, and a fresh
    // query ranked from nothing.
    let index = kwx::search::Index::new(&synthetic(100));
    per_key(c, "100x", &index);
    for (name, query) in [
        ("search_100x_rank_in_worker", "Shtykov"),
        (
            "search_100x_near_misses_in_worker",
            "Tunkin report 14 September 1949",
        ),
    ] {
        c.bench_function(name, |b| {
            let mut searcher = Searcher::default();
            let q = explorer(query);
            b.iter(|| {
                searcher.reset();
                searcher.search(&index, &q)
            })
        });
    }
}

criterion_group!(benches, keystrokes, keystroke_100x);
criterion_main!(benches);
