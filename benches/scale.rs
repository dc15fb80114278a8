//! The corpus at 1x and 100x (every document copied, as `scripts/bench-corpus` writes it, in a
//! temporary directory): reading and parsing a `--corpus` directory, the explorer's first
//! frame (for a library, one document read and drawn at 80x24), and the derived indexes built
//! after it (citations and sources, search, timeline); and the lookups' contents and events
//! taken per document from a warm cache (`toc_cached`, `timeline_cached`), against the same
//! made afresh (`toc_fresh`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use kwx::app::{update, Action, App};

/// More documents than this and the explorer draws one before reading the rest (as `cli.rs`).
const LIBRARY: usize = 4;

fn library(times: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kwx-bench-{times}x-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut manifest = String::from("[timeline]\nfrom = 1945\nto = 1953\n");
    for i in 1..=times {
        for (id, source) in [
            ("article", "000_1124eec32e2a075a.txt"),
            ("thesis", "003_d678dab491f7d799.txt"),
        ] {
            let file = format!("{id}-{i:03}.txt");
            std::fs::copy(src.join(source), dir.join(&file)).expect("copy");
            manifest += &format!(
                "\n[[document]]\nid = \"{id}-{i:03}\"\nfile = \"{file}\"\nformat = \"{id}\"\nkind = \"{id}\"\ntitle = \"{id} {i}\"\nauthor = \"A\"\n"
            );
        }
    }
    std::fs::write(dir.join("corpus.toml"), manifest).expect("manifest");
    dir
}

/// What the explorer does before its first frame, drawn into a buffer.
fn first_frame(dir: &Path, keymap: &kwx::keymap::Keymap) -> ratatui::buffer::Buffer {
    let (first, listed) = kwx::corpus::load_dir_one(dir, None, None).expect("library");
    let corpus = if listed > LIBRARY {
        first
    } else {
        kwx::corpus::load_dir(dir).expect("corpus")
    };
    let mut app = App::new(Arc::new(corpus), keymap.clone());
    update(&mut app, Action::Resize(80, 24));
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    let mut buf = ratatui::buffer::Buffer::empty(area);
    kwx::ui::render_to(&app, area, &mut buf);
    buf
}

/// The indexes the explorer builds in the background after its first frame.
fn indexes(corpus: &kwx::corpus::Corpus) -> usize {
    for doc in &corpus.documents {
        doc.citations();
    }
    let sources = corpus.sources().sources.len();
    let search = kwx::search::Index::new(corpus).entries.len();
    let events = kwx::timeline::events_in_range(corpus).len();
    sources + search + events
}

fn scale(c: &mut Criterion) {
    let keymap = kwx::keymap::load(None, None).expect("default keymap");
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    // `cargo test` runs benches once as tests (no `--bench`, as criterion tells them apart):
    // there the debug build skips the 100x library, which takes it a minute.
    let measuring = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if measuring { &[1, 100] } else { &[1] };
    for &times in sizes {
        let dir = library(times);
        group.bench_function(format!("parse_{times}x"), |b| {
            b.iter(|| kwx::corpus::load_dir(&dir).expect("corpus"))
        });
        group.bench_function(format!("first_frame_{times}x"), |b| {
            b.iter(|| first_frame(&dir, &keymap))
        });
        group.bench_function(format!("indexes_{times}x"), |b| {
            b.iter_batched(
                || kwx::corpus::load_dir(&dir).expect("corpus"),
                |corpus| indexes(&corpus),
                BatchSize::PerIteration,
            )
        });
        let cache = kwx::corpus::Cache::at(dir.join(".cache"));
        let toc = |cache: Option<&kwx::corpus::Cache>| {
            kwx::corpus::per_document(&dir, cache, "toc", kwx::cli::toc_document)
                .expect("toc")
                .documents
                .len()
        };
        group.bench_function(format!("toc_fresh_{times}x"), |b| b.iter(|| toc(None)));
        toc(Some(&cache));
        group.bench_function(format!("toc_cached_{times}x"), |b| {
            b.iter(|| toc(Some(&cache)))
        });
        let events = || {
            use kwx::timeline::DocumentEvents;
            let of = |d: &kwx::corpus::Document| DocumentEvents::of(d);
            let mut kept =
                kwx::corpus::per_document(&dir, Some(&cache), DocumentEvents::PRODUCT, of)
                    .expect("events")
                    .documents;
            kwx::timeline::merge(&mut kept).len()
        };
        events();
        group.bench_function(format!("timeline_cached_{times}x"), |b| b.iter(events));
        let _ = std::fs::remove_dir_all(&dir);
    }
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
